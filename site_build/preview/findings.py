"""The findings as the preview shows them: on the page of the model they are about (the
element named, its shape outlined in the diagram), counted in the banner of every page, and
all together on the preview's findings page. None of this is ever part of a `kls build`.

A finding lands on the page that shows its element: the element's own page (a process or a
sub-process), else the page of the container that draws it (an activity, a flow, a lane).
A finding about a whole file lands on the pages of the processes in that file; one about the
document register on the document index and on the pages that use the document.
"""

from __future__ import annotations

from kls_model import graph as g
from kls_model import texts
from kls_model.diagnostics import Finding

from site_build.pages import escape
from site_build.pages.blocks import heading
from site_build.pages.index_pages import DOCUMENT_INDEX
from site_build.pages.report_pages import findings_table
from site_build.pages.site import Site, served_path
from site_build.texts import PREVIEW as T

from .source import Unreadable

FINDINGS_PAGE = "_kls/fynd.md"  # the preview's own page, never in a build
_SECTIONS = (("error", "findings_errors"), ("warning", "findings_warnings"),
             ("info", "findings_info"))


def page_url(page: str) -> str:
    """The URL path the preview serves ``page`` (a docs path) at."""
    return "/" + served_path(page)


def findings_state(site: Site, findings: list[Finding],
                   unreadable: list[Unreadable]) -> dict:
    """What the browser shows: every finding with the pages (and anchors) it belongs on,
    the findings of each page by URL, the counts, and the files that cannot be read."""
    items, pages = [], {}
    files = {defs.path: defs for defs in site.system.files}
    for index, f in enumerate(findings):
        places = _places(site, files, f)
        items.append(_item(site, files, f, places))
        for page, _anchor in places:
            pages.setdefault(page_url(page), []).append(index)
    return {
        "findings": items, "pages": pages,
        "counts": {s: sum(1 for f in findings if f.severity.value == s)
                   for s in ("error", "warning", "info")},
        "unreadable": [{"path": u.finding.path, "line": u.finding.line, "code": u.finding.code,
                        "message": u.finding.message, "kept": u.kept} for u in unreadable],
    }


def _item(site: Site, files: dict, f: Finding, places: list[tuple[str, str | None]]) -> dict:
    node = site.system.node_at(f.path, f.element_id) if f.element_id else None
    kind, name = _element(site, files, f, node)
    return {
        "code": f.code, "severity": f.severity.value, "title": texts.MESSAGES[f.code][0],
        "message": f.message, "path": f.path, "line": f.line, "element_id": f.element_id,
        "element_kind": kind, "element_name": name,
        "places": [{"url": page_url(p), "anchor": a} for p, a in places],
    }


def _element(site: Site, files: dict, f: Finding, node: str | None) -> tuple[str, str]:
    """What the finding is about, for people: ("Aktiviteten", "Utreda")."""
    if node is not None:
        data = site.node(node)
        return texts.kind_name(data.bpmn_type or data.kind).capitalize(), data.name
    defs = files.get(f.path)
    element = defs.get(f.element_id) if defs is not None and f.element_id else None
    if element is not None:
        return texts.kind_name(element.type).capitalize(), getattr(element, "name", "") or ""
    return "", ""


def _places(site: Site, files: dict, f: Finding) -> list[tuple[str, str | None]]:
    """(page, anchor on it) for each page the finding belongs on."""
    if site.system.register.path and f.path == site.system.register.path:
        return _register_places(site, f)
    node = site.system.node_at(f.path, f.element_id) if f.element_id else None
    if node is not None:
        return _node_place(site, node)
    defs = files.get(f.path)
    if defs is None:
        return []
    element = defs.get(f.element_id) if f.element_id else None
    container = _drawn_in(site, defs, element) if element is not None else None
    if container is not None:
        return [(site.pages[container], None)]
    return [(site.pages[p], None) for p in defs.processes if site.shown(p) and p in site.pages]


def _node_place(site: Site, node: str) -> list[tuple[str, str | None]]:
    if node in site.pages:
        return [(site.pages[node], None)]
    container = site.container_of(node)
    if container is None or not site.shown(node):
        return []
    page = site.pages[container]
    return [(page, site.anchor(node) if site.node(node).kind == "activity" else None)]


def _drawn_in(site: Site, defs, element) -> str | None:
    """The container page that draws an element that is not a graph node (a flow, a lane,
    a pool): its enclosing sub-process or process, or the process a pool stands for."""
    ref = getattr(element, "process_ref", None)
    key = ref if ref else g.key_in(defs, getattr(element, "parent", None) or element.process)
    while key is not None and key in site.G:
        if key in site.pages and site.shown(key):
            return key
        key = site.node(key).container
    return None


def _register_places(site: Site, f: Finding) -> list[tuple[str, str | None]]:
    places: list[tuple[str, str | None]] = [(DOCUMENT_INDEX, None)]
    doc = g.doc_node(f.element_id) if f.element_id else None
    if doc in site.G:
        for user in site.users_of(doc):
            places += [p for p in _node_place(site, user) if p not in places]
    return places


def findings_markdown(site: Site, findings: list[Finding], unreadable: list[Unreadable]) -> str:
    """The preview's findings page: files that cannot be read, then the findings by
    severity, each element linked to where the site shows it."""
    parts = [heading(1, escape.text(T["findings_title"])), T["findings_intro"]]
    if unreadable:
        parts.append(heading(2, escape.text(T["findings_unreadable"].format(
            count=len(unreadable)))))
        parts.append("\n".join(f"- {escape.text(_unreadable_line(u))}" for u in unreadable))
    for severity, title in _SECTIONS:
        group = [f for f in findings if f.severity.value == severity]
        if group:
            parts.append(heading(2, escape.text(T[title].format(count=len(group)))))
            parts.append(findings_table(site, FINDINGS_PAGE, group))
    if not findings and not unreadable:
        parts.append(escape.text(T["findings_none"]))
    return "\n\n".join(parts) + "\n"


def _unreadable_line(u: Unreadable) -> str:
    line = T["banner_unreadable"].format(path=u.finding.path, line=u.finding.line,
                                         message=u.finding.message)
    return f"{line} {T['banner_kept'] if u.kept else T['banner_missing']}"
