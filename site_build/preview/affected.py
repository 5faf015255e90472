"""Which pages a save shows on first: rendered before the browser is told to reload.

These are the pages of the processes (and sub-processes) defined in the saved files, the
pages whose activities call them (the called process's name, under "Delprocess"), and the
pages of the processes they call (their "Ingår i" and breadcrumbs). Everything else a change
may touch (indexes, deeper breadcrumbs, reports, kls.json) follows moments later from the
preview's full pass, which renders every page again and keeps only what differs; so this
list only has to be quick and likely, never complete.
"""

from __future__ import annotations

from kls_model import graph as g

from site_build.pages.index_pages import DOCUMENT_INDEX
from site_build.pages.site import Site


def first_pages(site: Site, files: set[str]) -> set[str]:
    """The pages to render at once after ``files`` (paths) changed."""
    G = site.G
    containers = [n for n in site.pages if site.node(n).path in files]
    pages = {site.pages[c] for c in containers}
    for container in containers:
        for caller in g.in_nodes(G, container, g.CALLS):
            pages.update(_page_of(site, caller))
        for activity in g.contained(G, container):
            pages.update(_page_of(site, g.called(G, activity)))
    if site.system.register.path in files:
        pages.add(DOCUMENT_INDEX)
    return pages


def _page_of(site: Site, node: str | None) -> list[str]:
    if node is None or not site.shown(node):
        return []
    if node in site.pages:
        return [site.pages[node]]
    container = site.container_of(node)
    return [site.pages[container]] if container else []
