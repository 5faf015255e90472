"""What the site search finds: one record per process page, document and role, gathered from
the planned site (so the public site's records hold only what its pages show).

A process record holds its activities as sections, each under a heading with the activity's
anchor on the process page: Pagefind returns the matching sections with the process (its
"sub-results"), the results show each as an activity of its own, and a click opens the
process page at that activity. An activity is not a record of its own because every record
costs the browser bytes before its first result (Pagefind lists every record in the
metadata and in every filter it loads up front): at 5,000 processes, one record per activity
made that 360 KB of the 300 KB a first query may fetch (bench/build_site.py).

Each record goes to Pagefind as a small HTML document of its own (``html``), so that it can
carry those sections, its metadata (title, kind, where it sits) and its filters (kind,
category) in Pagefind's data attributes. Lists are capped in the index (the pages have them
all): a role that performs thousands of activities would otherwise make one fragment the
browser fetches as large as a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from kls_model import graph as g

from ..texts import DOCUMENT_TYPE_PLURAL, SEARCH, SEARCH_KINDS
from ..pages.index_pages import DOCUMENT_INDEX, document_anchor, shown_documents
from ..pages.role_pages import role_activities
from ..pages.site import START_PAGE, Site, served_path

#: At most this many names (a role's activities) per record.
MAX_LISTED = 20
#: Breadcrumb separator, as on the pages.
TRAIL = " › "


@dataclass(frozen=True)
class Section:
    anchor: str  # the activity's anchor on its process page
    title: str
    text: str


@dataclass(frozen=True)
class Record:
    url: str  # root-relative, as Pagefind's base URL expects: /processer/Process_ifo/
    title: str
    kind: str  # key of texts.SEARCH_KINDS
    content: str  # plain text
    trail: str = ""  # where the hit sits: huvudprocess › delprocess
    category: str = ""
    sections: list[Section] = field(default_factory=list)

    def meta(self) -> dict[str, str]:
        """Pagefind metadata besides the title (the heading), shown by the result template.
        Pagefind searches metadata too and boosts a match in it by how much of the query
        it covers, counting every form of a word again: a long list here (a process's
        activities, a document's where-used) would outrank the records it names."""
        meta = {"kind": SEARCH_KINDS[self.kind]}
        if self.trail:
            meta["trail"] = self.trail
        return meta

    def filters(self) -> dict[str, str]:
        """Filter name -> value; the names are shown (texts.SEARCH)."""
        filters = {SEARCH["filter_kind"]: SEARCH_KINDS[self.kind]}
        if self.category:
            filters[SEARCH["filter_category"]] = self.category
        return filters

    def html(self, language: str) -> str:
        """The record as Pagefind reads it: metadata and filters as data attributes, the
        title as the heading, each section under a heading with its anchor. The body is
        marked as such because the guide's pages mark theirs (Pagefind then reads only
        marked bodies). Everything is escaped: model text may hold ``<script>``, and
        Pagefind shows excerpts as HTML."""
        head = [f'<meta data-pagefind-meta="{key}[content]" content="{escape(value)}">'
                for key, value in self.meta().items()]
        head += [f'<meta data-pagefind-filter="{key}[content]" content="{escape(value)}">'
                 for key, value in self.filters().items()]
        body = [f"<h1>{escape(self.title)}</h1>", f"<p>{escape(self.content)}</p>"]
        for s in self.sections:
            body += [f'<h2 id="{escape(s.anchor)}">{escape(s.title)}</h2>',
                     f"<p>{escape(s.text)}</p>"]
        return (f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
                f'{"".join(head)}</head><body data-pagefind-body>{"".join(body)}</body></html>')


def site_records(system, settings) -> list[Record]:
    """The records of ``system``'s site for the audience in ``settings``."""
    from ..pages.plan import plan_site

    return gather(plan_site(system, settings))


def gather(site: Site) -> list[Record]:
    """Every record of this audience's site, sorted by URL (a deterministic index)."""
    records = [_page_record(site, node) for node in site.pages]
    records += [_document_record(site, doc) for doc in shown_documents(site)]
    roles = g.of_kind(site.G, "role")
    records += [r for role in roles if (r := _role_record(site, role))]
    return sorted(records, key=lambda r: r.url)


# -- records per kind -------------------------------------------------------------------------


def _page_record(site: Site, node: str) -> Record:
    """A process (or sub-process) page: its facts, and its activities as sections."""
    profile = site.node(node).profile
    parts = [plain(site.documentation(node)), profile.purpose, profile.starts, profile.delivers,
             *profile.receivers, _owner(site, node), *profile.legal,
             *(d.title for d in site.documents(node))]
    sections = [s for a in g.children(site.G, node) if (s := _section(site, a))]
    return Record(url=url_of(site, node), title=site.name(node), kind="process",
                  content=_join(parts), trail=_trail(site, g.ancestors(site.G, node)),
                  category=_category(site, node), sections=sections)


def _section(site: Site, activity: str) -> Section | None:
    """An activity's section on its process page. A call activity or sub-process that leads
    to a page of its own is found as that page, and the map's activities lead only there."""
    url = url_of(site, activity, follow=False)
    if not site.shown(activity) or url is None or "#" not in url \
            or url != url_of(site, activity):
        return None
    profile = site.node(activity).profile
    called = g.called(site.G, activity)
    parts = [plain(site.documentation(activity)),
             *(site.name(r) for r in g.out_nodes(site.G, activity, g.PERFORMED_BY)),
             *(d.title for d in site.documents(activity)), *profile.legal,
             site.name(called) if site.shown(called) else ""]
    return Section(anchor=url.partition("#")[2], title=site.name(activity), text=_join(parts))


def _document_record(site: Site, doc) -> Record:
    """A document by title and id, leading to its row on the documents page, where its
    where-used is. The where-used is not indexed: every document used in "Utreda" would
    then be found by a search for "utreda", above the process."""
    return Record(url=f"/{served_path(DOCUMENT_INDEX)}#{document_anchor(doc.id)}",
                  title=doc.title, kind="document",
                  content=_join([doc.id, doc.description, doc.owner]),
                  trail=DOCUMENT_TYPE_PLURAL[doc.type])


def _role_record(site: Site, role: str) -> Record | None:
    """A role with the activities it performs, leading to its page (a role has one when it
    performs something shown)."""
    page = site.named_pages.get(role)
    if page is None:
        return None
    performs = sorted({site.name(a) for a in role_activities(site, role)})
    return Record(url=f"/{served_path(page)}", title=site.name(role), kind="role",
                  content=f"{SEARCH['performs']}: {capped(performs)}")


# -- shared pieces ----------------------------------------------------------------------------


def url_of(site: Site, node: str, follow: bool = True) -> str | None:
    """The root-relative URL of a node's page or anchor, from the site's own links."""
    href = site.href(START_PAGE, node, follow)
    if href is None:
        return None
    page, _, anchor = href.partition("#")
    return "/" + served_path(page or START_PAGE) + (f"#{anchor}" if anchor else "")


def _trail(site: Site, nodes: list[str]) -> str:
    """Names of the shown containers above a hit; the map, the start page, is left out."""
    return TRAIL.join(site.name(n) for n in nodes
                      if site.shown(n) and site.page(n) and site.page(n) != START_PAGE)


def _category(site: Site, node: str) -> str:
    process = site.process_of(node)
    category = site.node(process).profile.category if process else None
    return category.capitalize() if category else ""


def _owner(site: Site, node: str) -> str:
    process = site.process_of(node) or node
    return ", ".join(site.name(o) for o in g.out_nodes(site.G, process, g.OWNED_BY))


def capped(names: list[str]) -> str:
    shown = "; ".join(names[:MAX_LISTED])
    rest = len(names) - MAX_LISTED
    return f"{shown} {SEARCH['more'].format(count=rest)}" if rest > 0 else shown


def _join(parts) -> str:
    return " · ".join(" ".join(p.split()) for p in parts if p and p.strip())


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|>|[-+*]|\d+[.)])\s+|[*_`~]{1,3}", re.MULTILINE)


def plain(markdown: str) -> str:
    """Documentation (Markdown) as searchable text: link texts kept, markup signs dropped."""
    return _MARKUP.sub(r"\1", _LINK.sub(r"\1", markdown or ""))
