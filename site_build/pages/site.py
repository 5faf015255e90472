"""What every page writer shares: the model, the audience, which nodes are shown, where each
page lives and how one page links to another.

Page paths come from BPMN ids (``processer/<id>.md``), so renaming a process never breaks a
link from the intranet. Markdown links point at ``.md`` files and MkDocs rewrites them; links
inside raw HTML (the SVG diagrams) are final URLs for ``use_directory_urls: true``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from kls_model import bpmn as m
from kls_model import graph as g
from kls_model.system import QualitySystem

from ..settings import SiteSettings
from . import escape

PROCESS_DIR = "processer"
START_PAGE = "index.md"
#: Where roles, owners and external actors are listed.
INDEX_PAGES = {"role": "roller/index.md", "owner": "agare/index.md", "actor": "samverkan.md"}
#: Roles and owners also have a page each, ``<folder>/<name slug>.md`` (actors are only listed).
OWN_PAGE_DIRS = {"role": "roller", "owner": "agare"}
_SAFE_ID = re.compile(r"[^\W][\w.-]{0,150}")
_RESERVED = {"index"}


def slug(raw: str) -> str:
    """A URL- and anchor-safe name from an id: the id itself when it is one already (BPMN ids
    are), otherwise a cleaned form with a short hash so two ids never meet."""
    if _SAFE_ID.fullmatch(raw) and raw.lower() not in _RESERVED:
        return raw
    cleaned = re.sub(r"[^\w.-]+", "-", raw).strip("-._")[:80] or "id"
    return f"{cleaned}-{hashlib.sha1(raw.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def name_slug(name: str, taken: set[str]) -> str:
    """An anchor or file name for a name (roles, owners, actors): lower case ASCII, unique
    among ``taken`` (and never a reserved name such as ``index``)."""
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold().translate(_FOLD)).strip("-") or "namn"
    candidate, n = base, 1
    while candidate in taken or candidate in _RESERVED:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


@dataclass
class Site:
    system: QualitySystem
    settings: SiteSettings
    hidden: set[str] = field(default_factory=set)  # nodes left out of this audience's site
    # What the pages could not show as the model says (a diagram not drawn, and why):
    # reported by `kls build`, never dropped in silence.
    problems: list = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # container node -> page path
    anchors: dict[str, str] = field(default_factory=dict)  # role/owner/actor -> anchor
    named: dict[str, str] = field(default_factory=dict)  # role/owner/actor key -> name
    named_pages: dict[str, str] = field(default_factory=dict)  # role/owner key -> own page
    order: dict[str, int] = field(default_factory=dict)  # page node -> place in reading order
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def G(self):
        return self.system.graph

    def node(self, key: str) -> g.Node:
        """The typed attributes of the graph node ``key``."""
        return g.node(self.G, key)

    # -- what is shown -------------------------------------------------------------------------

    def shown(self, node: str | None) -> bool:
        return node is not None and node in self.G and node not in self.hidden

    def container_of(self, node: str) -> str | None:
        """The process or sub-process page an activity (or event) is shown on."""
        return next((c for c in g.enclosing(self.G, node) if c in self.pages), None)

    def process_of(self, node: str) -> str | None:
        """The process (not sub-process) that contains ``node``, or ``node`` itself."""
        if node not in self.G:
            return None
        if self.node(node).kind == "process":
            return node
        return next((c for c in g.enclosing(self.G, node)
                     if self.node(c).kind == "process"), None)

    def documents(self, node: str) -> list:
        """The shown register documents ``node`` refers to."""
        return [self.node(d).document for d in g.documents_of(self.G, node) if self.shown(d)]

    def users_of(self, doc_node: str) -> list[str]:
        """The shown nodes that refer to the document ``doc_node``."""
        return [u for u in g.where_used(self.G, doc_node) if self.shown(u)]

    def name(self, node: str) -> str:
        if node not in self.G:  # an owner only the document register names
            return self.named.get(node, node)
        return self.node(node).name or node

    def qualified_name(self, container: str) -> str:
        """A page's name, with its huvudprocess when another page has the same name
        ("Utreda" in IFO and in HSL)."""
        name = self.name(container)
        if self._page_names().get(name, 0) < 2:
            return name
        chain = [*g.ancestors(self.G, container), container]
        top = next((c for c in chain if self.node(c).level == 1), None)
        return f"{name} ({self.name(top)})" if top not in (None, container) else name

    def _page_names(self) -> dict[str, int]:
        """How many of this site's pages have each name (computed once)."""
        if "page_names" not in self._memo:
            counts: dict[str, int] = {}
            for node in self.pages:
                counts[self.name(node)] = counts.get(self.name(node), 0) + 1
            self._memo["page_names"] = counts
        return self._memo["page_names"]

    def documentation(self, node: str) -> str:
        """The BPMN documentation of ``node``'s element ("" when it has none)."""
        element = self.system.element(node)
        return element.documentation if element is not None else ""

    # -- where pages are and how to reach them -------------------------------------------------

    def page(self, node: str) -> str | None:
        return self.pages.get(node)

    def href(self, from_page: str, node: str, follow: bool = True) -> str | None:
        """A Markdown link target (``.md`` path, maybe with ``#anchor``) from ``from_page`` to
        the page or activity anchor of ``node``; None when it has none here. ``follow``: a
        call activity leads to the process it calls, else to its own anchor."""
        return self._href(from_page, node, follow, relative)

    def svg_href(self, from_page: str, node: str) -> str | None:
        """The same link as a final URL, for raw HTML where MkDocs rewrites nothing."""
        return self._href(from_page, node, True, relative_url)

    def _href(self, from_page: str, node: str, follow: bool, rel) -> str | None:
        """The link to ``node`` with ``rel(from_page, to_page)`` making the path part."""
        target = self._target(node, follow)
        if target is None:
            return None
        page, anchor = target
        path = "" if page == from_page else rel(from_page, page)
        return path + (f"#{anchor}" if anchor else "") or "#"

    def link(self, from_page: str, node: str, label: str | None = None,
             follow: bool = True) -> str:
        """``[name](href)`` or, when ``node`` has no page here, the name as text."""
        text = escape.text(label if label is not None else self.name(node))
        href = self.href(from_page, node, follow)
        return f"[{text}]({href})" if href else text

    def _target(self, node: str, follow: bool = True) -> tuple[str, str | None] | None:
        if not self.shown(node):
            return None
        if node in self.pages and follow:
            return self.pages[node], None
        if follow and self.node(node).bpmn_type == "callActivity":
            called = g.called(self.G, node)
            if called is not None and self.shown(called) and called in self.pages:
                return self.pages[called], None
        container = self.container_of(node)
        if container is None or not self.shown(container):
            return None
        if self.pages[container] == START_PAGE:  # the map lists no activities to anchor
            return START_PAGE, None
        return self.pages[container], self.anchor(node)

    def anchor(self, node: str) -> str:
        """The HTML id of an activity on its container's page: its own BPMN id (unique in
        its file, and a page shows one file), so links from search or the intranet read
        like the model."""
        return slug(self.node(node).bpmn_id)

    def named_link(self, from_page: str, node: str) -> str:
        """A role or owner linked to its own page; an actor to its entry on its index page;
        the name as text when this audience's site has neither."""
        text = escape.text(self.name(node))
        if node in self.named_pages:
            return f"[{text}]({relative(from_page, self.named_pages[node])})"
        kind = self.node(node).kind if node in self.G else None
        index = INDEX_PAGES.get(kind) if kind not in OWN_PAGE_DIRS else None
        anchor = self.anchors.get(node)
        if index is None or anchor is None:
            return text
        path = "" if index == from_page else relative(from_page, index)
        return f"[{text}]({path}#{anchor})"

    def owner_link(self, from_page: str, name: str | None) -> str:
        """An owner named in the document register, linked to the owner's page."""
        return self.named_link(from_page, g.owner_node(name)) if name else ""

    def page_url(self, page: str) -> str:
        """The address of ``page`` for people (the feedback mail): absolute with site_url."""
        path = served_path(page)
        base = (self.settings.site_url or "").rstrip("/")
        return f"{base}/{path}" if base else "/" + path


def served_path(page: str) -> str:
    """Where MkDocs serves ``page`` with directory URLs: ``a/b.md`` -> ``a/b/``."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_page: str, to_page: str) -> str:
    """A relative Markdown link between two source files."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def relative_url(from_page: str, to_page: str) -> str:
    """A relative URL between the served locations (directories) of two pages."""
    here = served_path(from_page).rstrip("/") or "."
    there = served_path(to_page).rstrip("/") or "."
    rel = posixpath.relpath(there, here)
    return "./" if rel == "." else rel + "/"


def has_activities(G, container: str) -> bool:
    return any(g.node(G, n).kind == "activity" for n in g.contained(G, container))


def is_subprocess(G, node: str) -> bool:
    return g.node(G, node).bpmn_type in m.SUBPROCESS_TYPES
