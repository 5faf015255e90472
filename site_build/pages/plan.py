"""Decide what this audience's site shows and where each page goes, before anything is
written: the public site leaves out internal processes (and all they contain) and internal
documents."""

from __future__ import annotations

from kls_model import graph as g

from ..settings import SiteSettings
from kls_model.collate import swedish_key
from .site import (INDEX_PAGES, PROCESS_DIR, START_PAGE, Site, has_activities, is_subprocess,
                   name_slug, slug)


def plan_site(system, settings: SiteSettings) -> Site:
    site = Site(system, settings)
    if settings.public:
        site.hidden = g.internal_nodes(system.graph)
    site.pages = _page_paths(site)
    site.anchors = _anchors(system.graph)
    return site


def _anchors(G) -> dict[str, str]:
    """An anchor per role, owner and actor on its index page, unique per page."""
    anchors: dict[str, str] = {}
    for kind in INDEX_PAGES:
        nodes = sorted((n for n, d in G.nodes(data=True) if d["kind"] == kind),
                       key=lambda n: (swedish_key(G.nodes[n]["name"]), n))
        taken: set[str] = set()
        for node in nodes:
            anchors[node] = name_slug(G.nodes[node]["name"], taken)
    return anchors


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
            process = next(c for c in g.enclosing(G, node) if G.nodes[c]["kind"] == "process")
            pages[node] = f"{PROCESS_DIR}/{slug(process)}/{slug(G.nodes[node]['bpmn_id'])}.md"
    return pages
