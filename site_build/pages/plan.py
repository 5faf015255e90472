"""Decide what this audience's site shows and where each page goes, before anything is
written: the public site leaves out internal processes (and all they contain) and internal
documents; roles and owners get a page when they have something shown."""

from __future__ import annotations

from kls_model import graph as g
from kls_model.collate import swedish_key

from ..settings import SiteSettings
from .navigation import nav_pages, process_tree
from .owner_pages import owners
from .role_pages import role_activities
from .site import (OWN_PAGE_DIRS, PROCESS_DIR, START_PAGE, Site, has_activities,
                   is_subprocess, name_slug, slug)


def plan_site(system, settings: SiteSettings) -> Site:
    site = Site(system, settings)
    if settings.public:
        site.hidden = g.internal_nodes(system.graph)
    site.pages = _page_paths(site)
    kinds = _named(system)
    site.named = {key: name for key, (_, name) in kinds.items()}
    site.anchors = _anchors(kinds)
    site.named_pages = _named_pages(site, kinds)
    site.order = _reading_order(site)
    return site


def _named(system) -> dict[str, tuple[str, str]]:
    """Role, owner and actor key -> (kind, name): the graph's, and owners that only the
    document register names."""
    found = {n: (g.node(system.graph, n).kind, g.node(system.graph, n).name)
             for n in g.of_kind(system.graph, "role", "owner", "actor")}
    for doc in system.register.documents.values():
        if doc.owner:
            found.setdefault(g.owner_node(doc.owner), ("owner", doc.owner))
    return found


def _anchors(kinds: dict[str, tuple[str, str]]) -> dict[str, str]:
    """A slug per role, owner and actor: its anchor on the index page and its page's file
    name. Computed over everything the model names, whatever the audience, so that a name
    has the same address on the internal and the public site."""
    anchors: dict[str, str] = {}
    for kind in ("role", "owner", "actor"):
        keys = sorted((k for k, (kd, _) in kinds.items() if kd == kind),
                      key=lambda k: (swedish_key(kinds[k][1]), k))
        taken: set[str] = set()
        for key in keys:
            anchors[key] = name_slug(kinds[key][1], taken)
    return anchors


def _named_pages(site: Site, kinds: dict[str, tuple[str, str]]) -> dict[str, str]:
    shown = {k for k in kinds if kinds[k][0] == "role" and role_activities(site, k)}
    shown |= set(owners(site))
    return {k: f"{OWN_PAGE_DIRS[kinds[k][0]]}/{site.anchors[k]}.md" for k in sorted(shown)}


def _reading_order(site: Site) -> dict[str, int]:
    """Page node -> its place in the process tree of the nav (map order, then A–Ö)."""
    by_page = {page: node for node, page in site.pages.items()}
    paths = [START_PAGE, *nav_pages(process_tree(site))]
    return {by_page[p]: i for i, p in enumerate(paths) if p in by_page}


def _page_paths(site: Site) -> dict[str, str]:
    G = site.G
    pages: dict[str, str] = {}
    if site.system.map_id and site.shown(site.system.map_id):
        pages[site.system.map_id] = START_PAGE
    for process in g.processes(G):
        if site.shown(process) and process not in pages:
            pages[process] = f"{PROCESS_DIR}/{slug(process)}.md"
    for node in g.activities(G):
        if is_subprocess(G, node) and site.shown(node) and has_activities(G, node):
            # Under its process: a sub-process id is unique only within its file.
            process = site.process_of(node)
            pages[node] = f"{PROCESS_DIR}/{slug(process)}/{slug(site.node(node).bpmn_id)}.md"
    return pages
