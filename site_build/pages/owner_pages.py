"""Owner pages (``/agare/<name>/``) and the owners index that links to them.

A processägare answers for processes and documents: the page lists the owner's processes with
fastställd date and version, their documents with review dates, and (internal site only) the
open findings about them, in that order. Document owners are matched to process owners by name,
as the graph does; an owner only the document register names still gets a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kls_model import graph as g
from kls_model.collate import swedish_key
from kls_model.diagnostics import Finding
from kls_model.documents import Document
from kls_model.rules import validate

from ..texts import PAGES as T, counted
from . import escape
from .blocks import breadcrumb_links, bullet_list, document_link, feedback, heading, table
from .index_pages import review_status, shown_documents
from .report_pages import findings_table
from .site import INDEX_PAGES, Site

OWNER_INDEX = INDEX_PAGES["owner"]


@dataclass
class Owner:
    processes: list[str] = field(default_factory=list)  # shown processes with a page
    documents: list[Document] = field(default_factory=list)  # shown documents


def owners(site: Site) -> dict[str, Owner]:
    """Owner key -> what this audience may see of theirs; owners with nothing shown are left
    out (their name alone could tell the public about an internal process)."""
    found: dict[str, Owner] = {}
    for node in g.of_kind(site.G, "owner"):
        found[node] = Owner([p for p in g.in_nodes(site.G, node, g.OWNED_BY) if p in site.pages])
    for doc in shown_documents(site):
        if doc.owner:
            found.setdefault(g.owner_node(doc.owner), Owner()).documents.append(doc)
    return {k: o for k, o in found.items() if o.processes or o.documents}


def owner_pages(site: Site) -> dict[str, str]:
    """Page path -> Markdown for the owners index and every owner page."""
    found = owners(site)
    findings = {} if site.settings.public else _findings_by_owner(site)
    pages = {OWNER_INDEX: _index(site, found, findings)}
    for key, owner in found.items():
        pages[site.named_pages[key]] = _owner_page(site, key, owner, findings.get(key))
    return pages


def owner_page_paths(site: Site) -> list[str]:
    """The paths owner_pages renders, known before it renders them (the preview's page table:
    rendering them runs the rules, which the preview does after a save's first pages)."""
    return [OWNER_INDEX, *(site.named_pages[key] for key in owners(site))]


def _by_name(site: Site, keys) -> list[str]:
    return sorted(keys, key=lambda k: (swedish_key(site.name(k)), k))


# -- the index --------------------------------------------------------------------------------


def _index(site: Site, found: dict[str, Owner], findings: dict[str, list[Finding]]) -> str:
    items = []
    for key in _by_name(site, found):
        owner = found[key]
        counts = {"processes": counted(len(owner.processes), "process"),
                  "documents": counted(len(owner.documents), "dokument"),
                  "findings": len(findings.get(key, ()))}
        summary = T["owners_entry" if site.settings.public else "owners_entry_findings"]
        link = f"[{escape.text(site.name(key))}]({_file(site, key)}){{ #{site.anchors[key]} }}"
        items.append(f"{link}: {escape.text(summary.format(**counts))}")
    intro = T["owners_intro"] if items else T["owners_none"]
    return "\n\n".join([heading(1, escape.text(T["title_owners"])), intro,
                        bullet_list(items)]).rstrip() + "\n"


def _file(site: Site, key: str) -> str:
    return site.named_pages[key].rsplit("/", 1)[-1]


# -- one owner --------------------------------------------------------------------------------


def _owner_page(site: Site, key: str, owner: Owner, findings: list[Finding] | None) -> str:
    page = site.named_pages[key]
    name = site.name(key)
    intro = T["owner_intro_public" if site.settings.public else "owner_intro"]
    parts = [
        breadcrumb_links([f"[{escape.text(T['title_owners'])}](index.md)"]),
        heading(1, escape.text(name)),
        escape.text(intro.format(name=name)),
        heading(2, escape.text(T["owner_section_processes"])),
        _process_table(site, page, owner.processes) or escape.text(T["owner_no_processes"]),
        heading(2, escape.text(T["owner_section_documents"])),
        _document_table(site, page, owner.documents) or escape.text(T["owner_no_documents"]),
    ]
    if not site.settings.public:
        parts += [heading(2, escape.text(T["owner_section_findings"])),
                  findings_table(site, page, findings or [])
                  or escape.text(T["owner_no_findings"])]
    parts.append(feedback(site, page, name))
    return "\n\n".join(p for p in parts if p) + "\n"


def _process_table(site: Site, page: str, processes: list[str]) -> str:
    rows = []
    for process in _by_name(site, processes):
        profile = site.node(process).profile
        changed = site.settings.last_changed.get(process)
        rows.append([site.link(page, process),
                     escape.text(g.level_name(site.node(process).level)),
                     escape.text(profile.version),
                     profile.approved.isoformat() if profile.approved else "",
                     changed.isoformat() if changed else ""])
    headers = [T["col_process"], T["col_level"], T["col_version"], T["col_approved"],
               T["col_changed"]]
    return table(headers, rows) if rows else ""


def _document_table(site: Site, page: str, docs: list[Document]) -> str:
    """Most urgent review first; documents without a review date last."""
    docs = sorted(docs, key=lambda d: (d.review_date or dt.date.max, swedish_key(d.title), d.id))
    rows = [[f"{document_link(d)} ({escape.text(d.id)}, {escape.text(d.type)})",
             d.review_date.isoformat() if d.review_date else "",
             escape.text(review_status(site, d)), _used_in(site, page, d)] for d in docs]
    headers = [T["col_document"], T["col_review"], T["col_status"], T["col_used_in_processes"]]
    return table(headers, rows) if rows else ""


def _used_in(site: Site, page: str, doc: Document) -> str:
    """The processes using ``doc`` (not every activity: that list is on the document page)."""
    containers = {site.container_of(u) or u for u in site.users_of(g.doc_node(doc.id))}
    ordered = sorted((c for c in containers if c in site.pages),
                     key=lambda c: (swedish_key(site.name(c)), c))
    return ", ".join(site.link(page, c) for c in ordered)


# -- findings ---------------------------------------------------------------------------------


def _findings_by_owner(site: Site) -> dict[str, list[Finding]]:
    """The findings of `kls check` about an owner's processes (and what is in them) and
    documents, by owner key."""
    result: dict[str, list[Finding]] = {}
    for f in sorted(validate(site.system), key=Finding.sort_key):
        key = _owner_of(site, f)
        if key is not None:
            result.setdefault(key, []).append(f)
    return result


def _owner_of(site: Site, f: Finding) -> str | None:
    """A document finding's document owner; a model finding's process owner."""
    doc = site.system.register.get(f.element_id) if f.element_id else None
    if doc is not None and f.path == site.system.register.path:
        return g.owner_node(doc.owner) if doc.owner else None
    node = site.system.node_at(f.path, f.element_id)
    if node is None:
        return None
    if site.node(node).kind == "document":
        owner = site.node(node).document.owner
        return g.owner_node(owner) if owner else None
    process = site.process_of(node)
    owners = g.out_nodes(site.G, process, g.OWNED_BY) if process else []
    return owners[0] if owners else None
