"""One page per process (and per embedded sub-process with activities): breadcrumbs, facts,
description, the clickable diagram, the activities in flow order with their roles and
documents, legal references, samverkan, where it is used, and the feedback link."""

from __future__ import annotations

from kls_model import bpmn as m
from kls_model import graph as g

from ..texts import PAGES as T
from . import escape
from .blocks import breadcrumbs, bullet_list, documents_by_type, facts, feedback, heading
from .embed import diagram_block
from .site import Site


def process_page(site: Site, container: str) -> str:
    page = site.pages[container]
    title = site.name(container)
    parts = [
        breadcrumbs(site, page, g.ancestors(site.G, container)),
        heading(1, escape.text(title)),
        _facts(site, container),
        escape.documentation(site.documentation(container)),
        _purpose_and_result(site, container),
        diagram_block(site, page, container) or escape.text(T["diagram_none"]),
        _activities(site, page, container),
        _section(T["process_documents"], documents_by_type(site.documents(container))),
        _section(T["legal"], bullet_list([escape.text(x) for x in _profile(site, container).legal])),
        _section(T["collaboration"], bullet_list(_collaboration(site, page, container))),
        _section(T["used_in"], bullet_list(used_in(site, page, container))),
        feedback(site, page, title),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _profile(site: Site, node: str):
    return site.node(node).profile


def _section(title: str, body: str, level: int = 2) -> str:
    return f"{heading(level, escape.text(title))}\n\n{body}" if body else ""


# -- facts ------------------------------------------------------------------------------------


def _facts(site: Site, container: str) -> str:
    process = site.process_of(container) or container
    profile = _profile(site, process)
    owner = g.out_nodes(site.G, process, g.OWNED_BY)
    changed = site.settings.last_changed.get(process)
    category = profile.category.capitalize() if profile.category else ""
    pairs = [
        (T["owner"], site.named_link(site.pages[container], owner[0]) if owner
         else escape.text(T["owner_missing"])),
        (T["category"], escape.text(category)),
        (T["level"], escape.text(g.level_name(site.node(container).level))),
        (T["version"], escape.text(profile.version)),
        (T["approved"], profile.approved.isoformat() if profile.approved else ""),
        (T["last_changed"], changed.isoformat() if changed else ""),
    ]
    lines = facts(pairs)
    if profile.is_internal:
        lines += f"\n\n!!! note \"\"\n    {escape.text(T['visibility_internal'])}"
    return lines


def _purpose_and_result(site: Site, container: str) -> str:
    profile = _profile(site, container)
    is_process = site.node(container).kind == "process"
    starts = (profile.starts if is_process else None) or _event_names(site, container,
                                                                      "startEvent")
    delivers = (profile.delivers if is_process else None) or _event_names(site, container,
                                                                          "endEvent")
    pairs = [
        (T["purpose"], escape.text(profile.purpose) if is_process else ""),
        (T["starts"], escape.text(starts)),
        (T["delivers"], escape.text(delivers)),
        (T["receivers"], escape.text("; ".join(profile.receivers)) if is_process else ""),
    ]
    return facts(pairs)


def _event_names(site: Site, container: str, bpmn_type: str) -> str:
    names = [site.name(n) for n in g.flow_order(site.G, container)
             if site.node(n).bpmn_type == bpmn_type and site.node(n).name]
    return "; ".join(dict.fromkeys(names))


# -- activities -------------------------------------------------------------------------------


def _activities(site: Site, page: str, container: str) -> str:
    activities = [a for a in g.children(site.G, container) if site.shown(a)]
    if not activities:
        return _section(T["activities"], escape.text(T["no_activities"]))
    blocks = [heading(2, escape.text(T["activities"]))]
    blocks += [_activity(site, page, a) for a in activities]
    return "\n\n".join(blocks)


def _activity(site: Site, page: str, activity: str) -> str:
    profile = _profile(site, activity)
    roles = g.out_nodes(site.G, activity, g.PERFORMED_BY)
    pairs = [
        (T["calls"], _called(site, page, activity)),
        (T["responsible"], ", ".join(site.named_link(page, r) for r in roles)),
        (T["inputs"], escape.text("; ".join(_data(site, activity, "data_inputs")))),
        (T["outputs"], escape.text("; ".join(_data(site, activity, "data_outputs")))),
        (T["legal"], escape.text("; ".join(profile.legal))),
    ]
    docs = documents_by_type(site.documents(activity))
    parts = [
        heading(3, escape.text(site.name(activity)), site.anchor(activity)),
        facts(pairs),
        escape.documentation(site.documentation(activity)),
        f"**{escape.text(T['documents'])}**\n\n{docs}" if docs else "",
    ]
    body = "\n\n".join(p for p in parts[1:] if p)
    # Each activity is one section so print can keep it together.
    return (f'<section class="kls-activity" markdown="1">\n\n{parts[0]}\n\n{body}\n\n'
            f'</section>')


def _called(site: Site, page: str, activity: str) -> str:
    bpmn_type = site.node(activity).bpmn_type
    if bpmn_type in m.SUBPROCESS_TYPES:
        return site.link(page, activity) if activity in site.pages else ""
    if bpmn_type != "callActivity":
        return ""
    target = g.called(site.G, activity)
    if target is None:
        return escape.text(T["calls_missing"])
    if not site.shown(target):
        return ""
    return site.link(page, target)


def _data(site: Site, activity: str, which: str) -> list[str]:
    """Names of the data objects and stores associated with ``activity``."""
    defs = site.system.file_of(activity)
    element = site.system.element(activity)
    names = []
    for assoc_id in getattr(element, which, []):
        assoc = defs.get(assoc_id)
        end = defs.get(assoc.source if which == "data_inputs" else assoc.target) if assoc else None
        if end is None:
            continue
        name = end.name or getattr(defs.get(getattr(end, "ref", None)), "name", "")
        state = getattr(end, "state", None)
        if name:
            names.append(f"{name} [{state}]" if state else name)
    return names


# -- context ----------------------------------------------------------------------------------


def _collaboration(site: Site, page: str, container: str) -> list[str]:
    actors = g.out_nodes(site.G, container, g.COLLABORATES_WITH)
    return [site.named_link(page, a) for a in
            sorted(actors, key=lambda a: site.anchors.get(a, a))]


def used_in(site: Site, page: str, node: str) -> list[str]:
    """Where a process (its callers) or sub-process (its container) is used, as links."""
    users = g.where_used(site.G, node) if site.node(node).kind == "process" else [node]
    items = []
    for user in users:
        container = site.container_of(user)
        if container is None or not site.shown(user) or container == node:
            continue
        items.append(T["used_in_item"].format(
            process=site.link(page, container),
            activity=site.link(page, user, follow=False)))
    return items
