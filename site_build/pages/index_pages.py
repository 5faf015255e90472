"""The index pages: all processes A–Ö, documents with where-used, samverkan. (Roles and owners
have pages of their own: ``role_pages``, ``owner_pages``.)"""

from __future__ import annotations

import datetime as dt

from kls_model import graph as g
from kls_model.collate import initial, swedish_key
from kls_model.documents import Document

from ..texts import DOCUMENT_TYPE_PLURAL, PAGES as T
from . import escape
from .blocks import bullet_list, by_type, document_link, heading
from .site import INDEX_PAGES, PROCESS_DIR, START_PAGE, Site, slug

PROCESS_INDEX = f"{PROCESS_DIR}/index.md"
DOCUMENT_INDEX = "dokument.md"
ACTOR_INDEX = INDEX_PAGES["actor"]
DUE_SOON_DAYS = 90


def _page(title: str, intro: str, body: list[str]) -> str:
    parts = [heading(1, escape.text(title)), intro, *body]  # intro: our own Markdown
    return "\n\n".join(p for p in parts if p) + "\n"


def _by_name(site: Site, nodes) -> list[str]:
    return sorted(nodes, key=lambda n: (swedish_key(site.name(n)), n))


# -- processes A–Ö ----------------------------------------------------------------------------


def process_index(site: Site) -> str:
    groups: dict[str, list[str]] = {}
    for node in _by_name(site, (n for n in site.pages if site.pages[n] != START_PAGE)):
        groups.setdefault(initial(site.name(node)), []).append(node)
    body = []
    for letter in sorted(groups, key=lambda x: (x == "", swedish_key(x))):
        body.append(heading(2, escape.text(letter or T["processes_other_letter"])))
        body.append(bullet_list([_process_item(site, n) for n in groups[letter]]))
    return _page(T["title_processes"], T["processes_intro"], body)


def _process_item(site: Site, node: str) -> str:
    level = g.level_name(site.node(node).level)
    return site.link(PROCESS_INDEX, node) + (f" ({escape.text(level)})" if level else "")


# -- documents --------------------------------------------------------------------------------


def shown_documents(site: Site) -> list[Document]:
    return [d for d in site.system.register.documents.values()
            if site.shown(g.doc_node(d.id))]


def document_index(site: Site) -> str:
    docs = shown_documents(site)
    body = []
    for doc_type, of_type in by_type(docs):
        body.append(heading(2, escape.text(DOCUMENT_TYPE_PLURAL[doc_type])))
        body.append(_document_table(site, of_type))
    return _page(T["title_documents"], T["documents_intro"], body)


def document_anchor(doc_id: str) -> str:
    """The anchor of a document's row, where search results for the document lead."""
    return slug(f"dok-{doc_id}")


def _document_table(site: Site, docs: list[Document]) -> str:
    header = (f"| {T['col_document']} | {T['col_id']} | {T['col_owner']} | "
              f"{T['col_review']} | {T['col_used_in']} |\n|---|---|---|---|---|")
    rows = [f'| <span id="{document_anchor(d.id)}"></span>{document_link(d)} | '
            f"{escape.text(d.id)} | {site.owner_link(DOCUMENT_INDEX, d.owner)} | "
            f"{d.review_date.isoformat() if d.review_date else ''} | "
            f"{_where_used(site, d) or escape.text(T['not_used'])} |" for d in docs]
    return "\n".join([header, *rows])


def _where_used(site: Site, doc: Document) -> str:
    return ", ".join(site.link(DOCUMENT_INDEX, u, follow=False)
                     for u in _by_name(site, site.users_of(g.doc_node(doc.id))))


# -- review dates ---------------------------------------------------------------------------


def review_status(site: Site, doc: Document) -> str:
    """"försenad", "inom 90 dagar", "i tid", or "" without a review date."""
    if doc.review_date is None:
        return ""
    today = site.system.today
    if doc.review_date < today:
        return T["review_overdue"]
    if doc.review_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return T["review_due"].format(days=DUE_SOON_DAYS)
    return T["review_ok"]


# -- samverkan --------------------------------------------------------------------------------


def actor_index(site: Site) -> str:
    actors = _by_name(site, g.of_kind(site.G, "actor"))
    body = []
    for actor in actors:
        processes = [p for p in g.in_nodes(site.G, actor, g.COLLABORATES_WITH)
                     if p in site.pages]
        if processes:
            body.append(heading(2, escape.text(site.name(actor)), site.anchors[actor]))
            body.append(bullet_list([site.link(ACTOR_INDEX, p)
                                     for p in _by_name(site, processes)]))
    intro = T["collaboration_intro"] if body else T["collaboration_none"]
    return _page(T["title_collaboration"], intro, body)
