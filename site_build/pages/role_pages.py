"""Role pages (``/roller/<name>/``) and the roles index that links to them.

An employee looks up their role and sees what it does, process by process in the order the
work goes (the order of the process tree in the nav), each process's activities in flow order,
and each activity's routines, templates and forms as direct links: one click to the routine."""

from __future__ import annotations

from kls_model import graph as g
from kls_model.collate import swedish_key

from ..texts import PAGES as T, counted
from . import escape
from .blocks import breadcrumb_links, bullet_list, documents_by_type, feedback, heading
from .site import INDEX_PAGES, Site

ROLE_INDEX = INDEX_PAGES["role"]


def role_activities(site: Site, role: str) -> list[str]:
    """The shown activities ``role`` performs that have a page (section) to link to."""
    return [a for a in g.role_activities(site.G, role)
            if site.shown(a) and site.container_of(a) is not None]


def role_pages(site: Site) -> dict[str, str]:
    """Page path -> Markdown for the roles index and every role page."""
    roles = _roles(site)
    pages = {ROLE_INDEX: _index(site, roles)}
    for role in roles:
        pages[site.named_pages[role]] = _role_page(site, role)
    return pages


def role_page_paths(site: Site) -> list[str]:
    """The paths role_pages renders, known before it renders them (the preview's page table)."""
    return [ROLE_INDEX, *(site.named_pages[r] for r in _roles(site))]


def _roles(site: Site) -> list[str]:
    return sorted((r for r in site.named_pages if r in site.G and site.node(r).kind == "role"),
                  key=lambda r: (swedish_key(site.name(r)), r))


def _by_container(site: Site, role: str) -> list[tuple[str, list[str]]]:
    """(container, activities in flow order), containers in reading order."""
    groups: dict[str, list[str]] = {}
    for activity in role_activities(site, role):
        groups.setdefault(site.container_of(activity), []).append(activity)
    result = []
    for container in sorted(groups, key=lambda c: (site.order.get(c, len(site.order)), c)):
        order = {a: i for i, a in enumerate(g.children(site.G, container))}
        result.append((container, sorted(groups[container],
                                         key=lambda a: (order.get(a, len(order)), a))))
    return result


def _index(site: Site, roles: list[str]) -> str:
    items = []
    for role in roles:
        groups = _by_container(site, role)
        count = sum(len(activities) for _, activities in groups)
        file = site.named_pages[role].rsplit("/", 1)[-1]
        summary = T["roles_entry"].format(activities=counted(count, "aktivitet"),
                                          processes=counted(len(groups), "process"))
        items.append(f"[{escape.text(site.name(role))}]({file}){{ #{site.anchors[role]} }}: "
                     f"{escape.text(summary)}")
    intro = T["roles_intro"] if items else T["roles_none"]
    return "\n\n".join([heading(1, escape.text(T["title_roles"])), intro,
                        bullet_list(items)]).rstrip() + "\n"


def _role_page(site: Site, role: str) -> str:
    page = site.named_pages[role]
    name = site.name(role)
    crumbs = breadcrumb_links([f"[{escape.text(T['title_roles'])}](index.md)"])
    parts = [crumbs, heading(1, escape.text(name)),
             escape.text(T["role_intro"].format(name=name))]
    for container, activities in _by_container(site, role):
        parts.append(heading(2, escape.text(site.qualified_name(container))))
        parts.append(_context(site, page, container))
        parts.append("\n".join(_activity(site, page, a) for a in activities))
    parts.append(feedback(site, page, name))
    return "\n\n".join(p for p in parts if p) + "\n"


def _context(site: Site, page: str, container: str) -> str:
    """The process page and where it sits, as breadcrumb-style links."""
    trail = [c for c in g.ancestors(site.G, container) if c in site.pages
             and site.node(c).level != 0]
    links = [site.link(page, c) for c in [*trail, container]]
    return " › ".join(links)


def _activity(site: Site, page: str, activity: str) -> str:
    """A numbered item: the activity (to its section), then its documents by type."""
    line = f"1. **{site.link(page, activity, follow=False)}**"
    called = g.called(site.G, activity)
    if called is not None and site.shown(called) and called in site.pages:
        line += f" → {site.link(page, called)}"
    docs = documents_by_type(site.documents(activity))
    if not docs and called is None and not g.contained(site.G, activity):
        return f"{line}  \n    *{escape.text(T['role_no_routine'])}*"
    return line + "\n" + "\n".join(f"    {d}" for d in docs.splitlines())
