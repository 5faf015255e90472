"""The index pages: all processes A–Ö, documents with where-used, roles, owners, samverkan."""

from __future__ import annotations

import datetime as dt

from kls_model import graph as g
from kls_model.documents import Document
from kls_model.graph import owner_node
from kls_model.texts import DOCUMENT_TYPE_PLURAL, PAGES as T

from . import escape
from .blocks import bullet_list, by_type, document_link, heading
from kls_model.collate import initial, swedish_key
from .site import INDEX_PAGES, PROCESS_DIR, START_PAGE, Site

PROCESS_INDEX = f"{PROCESS_DIR}/index.md"
DOCUMENT_INDEX = "dokument.md"
ROLE_INDEX = INDEX_PAGES["role"]
OWNER_INDEX = INDEX_PAGES["owner"]
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
    level = g.level_name(site.G.nodes[node].get("level"))
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


def _document_table(site: Site, docs: list[Document]) -> str:
    header = (f"| {T['col_document']} | {T['col_id']} | {T['col_owner']} | "
              f"{T['col_review']} | {T['col_used_in']} |\n|---|---|---|---|---|")
    rows = [f"| {document_link(d)} | {escape.text(d.id)} | {escape.text(d.owner)} | "
            f"{d.review_date.isoformat() if d.review_date else ''} | "
            f"{_where_used(site, d) or escape.text(T['not_used'])} |" for d in docs]
    return "\n".join([header, *rows])


def _where_used(site: Site, doc: Document) -> str:
    return ", ".join(site.link(DOCUMENT_INDEX, u, follow=False)
                     for u in _by_name(site, site.users_of(g.doc_node(doc.id))))


# -- roles ------------------------------------------------------------------------------------


def role_index(site: Site) -> str:
    roles = _by_name(site, (n for n, d in site.G.nodes(data=True) if d["kind"] == "role"))
    body = []
    for role in roles:
        activities = [a for a in g.role_activities(site.G, role) if site.container_of(a)
                      and site.shown(a)]
        if activities:
            body.append(heading(2, escape.text(site.name(role)), site.anchors[role]))
            body.append(_activities_by_process(site, ROLE_INDEX, activities))
    return _page(T["title_roles"], T["roles_intro"] if body else T["roles_none"], body)


def _activities_by_process(site: Site, page: str, activities: list[str]) -> str:
    by_container: dict[str, list[str]] = {}
    for activity in activities:
        by_container.setdefault(site.container_of(activity), []).append(activity)
    items = []
    for container in _by_name(site, by_container):
        links = ", ".join(site.link(page, a, follow=False)
                          for a in _in_flow_order(site, container, by_container[container]))
        items.append(f"{site.link(page, container)}: {links}")
    return bullet_list(items)


def _in_flow_order(site: Site, container: str, activities: list[str]) -> list[str]:
    order = {a: i for i, a in enumerate(g.children(site.G, container))}
    return sorted(activities, key=lambda a: (order.get(a, len(order)), a))


# -- owners -----------------------------------------------------------------------------------


def owner_index(site: Site) -> str:
    owners = _owners(site)
    body = []
    for node in _by_name(site, owners):
        processes, docs = owners[node]
        body.append(heading(2, escape.text(site.name(node)), site.anchors.get(node)))
        body.append(_owner_section(site, processes, docs))
    return _page(T["title_owners"], T["owners_intro"] if body else T["owners_none"], body)


def _owners(site: Site) -> dict[str, tuple[list[str], list[Document]]]:
    """Owner node -> (shown processes, shown documents). Document owners are matched to
    process owners by name, as the graph does."""
    owners: dict[str, tuple[list[str], list[Document]]] = {}
    for node, data in site.G.nodes(data=True):
        if data["kind"] == "owner":
            shown = [p for p in g.in_nodes(site.G, node, g.OWNED_BY) if p in site.pages]
            owners[node] = (shown, [])
    for doc in shown_documents(site):
        if doc.owner and owner_node(doc.owner) in owners:
            owners[owner_node(doc.owner)][1].append(doc)
    return {n: v for n, v in owners.items() if v[0] or v[1]}


def _owner_section(site: Site, processes: list[str], docs: list[Document]) -> str:
    today = site.system.today
    docs = sorted(docs, key=lambda d: (swedish_key(d.title), d.id))
    overdue = [d for d in docs if d.review_date and d.review_date < today]
    soon = [d for d in docs if d.review_date and
            today <= d.review_date <= today + dt.timedelta(days=DUE_SOON_DAYS)]
    parts = [
        _labelled(T["owners_processes"],
                  [site.link(OWNER_INDEX, p) for p in _by_name(site, processes)]),
        _labelled(T["owners_documents"], [document_link(d) for d in docs]),
        _labelled(T["owners_overdue"], [_dated(d) for d in overdue]),
        _labelled(T["owners_due_soon"].format(days=DUE_SOON_DAYS), [_dated(d) for d in soon]),
    ]
    return "\n\n".join(p for p in parts if p)


def _dated(doc: Document) -> str:
    return f"{document_link(doc)} ({doc.review_date.isoformat()})"


def _labelled(label: str, items: list[str]) -> str:
    return f"**{escape.text(label)}**\n\n{bullet_list(items)}" if items else ""


# -- samverkan --------------------------------------------------------------------------------


def actor_index(site: Site) -> str:
    actors = _by_name(site, (n for n, d in site.G.nodes(data=True) if d["kind"] == "actor"))
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
