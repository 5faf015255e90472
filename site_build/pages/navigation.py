"""The MkDocs ``nav``: a few sections, with the processes nested as the hierarchy goes, so that
with ``navigation.prune`` each page carries only its own branch.

Titles we write into the nav are HTML-escaped: MkDocs' templates print nav titles as they
are. Pages without children are listed by path alone and take their title from their
heading, which Markdown has already escaped.
"""

from __future__ import annotations

import html

from kls_model import graph as g
from kls_model.collate import swedish_key

from ..texts import PAGES as T
from .changes_page import CHANGES_PAGE
from .index_pages import ACTOR_INDEX, DOCUMENT_INDEX, PROCESS_INDEX
from .legal_page import LEGAL_PAGE
from .site import INDEX_PAGES, START_PAGE, Site
from .start_page import CATEGORIES, top_processes


def navigation(site: Site, reports: list[str], guide: list[str],
               compliance: list[str] = ()) -> list:
    nav: list = [
        {T["nav_map"]: START_PAGE},
        {T["nav_processes"]: [PROCESS_INDEX, *process_tree(site)]},
        {T["nav_documents"]: DOCUMENT_INDEX},
        # Role and owner pages are reached from their index (a list of links) and are left
        # out of the nav: forty names would bury the process tree in the sidebar.
        {T["nav_roles"]: INDEX_PAGES["role"]},
        {T["nav_owners"]: INDEX_PAGES["owner"]},
        {T["nav_collaboration"]: ACTOR_INDEX},
        {T["nav_legal"]: LEGAL_PAGE},
    ]
    if compliance:
        nav.append({T["nav_compliance"]: compliance[0] if len(compliance) == 1
                    else list(compliance)})
    nav.append({T["nav_changes"]: CHANGES_PAGE})
    if reports:
        nav.append({T["nav_reports"]: reports})
    if guide:
        nav.append({T["nav_guide"]: guide})
    return nav


def nav_pages(nav) -> list[str]:
    """Every page path in a nav (sub)tree, in nav order."""
    found: list[str] = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += nav_pages([value] if isinstance(value, str) else value)
        elif isinstance(item, list):
            found += nav_pages(item)
    return found


def process_tree(site: Site) -> list:
    """Level-1 processes by category in map order, each with its delprocesser nested; then
    the processes the map does not reach, A–Ö. Every page appears once, under the parent its
    breadcrumbs show."""
    placed: set[str] = set()
    tops = sorted(top_processes(site), key=lambda p: _category_rank(site, p))
    entries = [_entry(site, p, placed) for p in tops if p not in placed]
    rest = [p for p in site.pages if p not in placed and site.pages[p] != START_PAGE
            and _nav_parent(site, p) is None]
    for p in sorted(rest, key=lambda p: (swedish_key(site.name(p)), p)):
        if p not in placed:
            entries.append(_entry(site, p, placed))
    orphans = [p for p in site.pages if p not in placed and site.pages[p] != START_PAGE]
    entries += [_entry(site, p, placed) for p in sorted(orphans) if p not in placed]
    return entries


def _category_rank(site: Site, process: str) -> int:
    category = site.node(process).profile.category
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def _entry(site: Site, node: str, placed: set[str]):
    placed.add(node)
    kids = [k for k in _nav_children(site, node) if k not in placed]
    if not kids:
        return site.pages[node]
    children = [site.pages[node]]
    for kid in kids:
        if kid not in placed:
            children.append(_entry(site, kid, placed))
    return {html.escape(site.name(node)): children}


def _nav_children(site: Site, node: str) -> list[str]:
    found = g.subprocesses(site.G, node)
    return [k for k in dict.fromkeys(found)
            if k in site.pages and _nav_parent(site, k) == node]


def _nav_parent(site: Site, node: str) -> str | None:
    """The nearest shown container in the breadcrumbs that has a page (not the map)."""
    for up in reversed(g.ancestors(site.G, node)):
        if up in site.pages and site.pages[up] != START_PAGE:
            return up
        if site.pages.get(up) == START_PAGE:
            return None
    return None
