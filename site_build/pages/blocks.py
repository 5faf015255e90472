"""Markdown snippets several pages share: document lists, breadcrumbs, fact lists, the
feedback link."""

from __future__ import annotations

from kls_model.collate import swedish_key
from kls_model.documents import DOCUMENT_TYPES, Document

from ..texts import DOCUMENT_TYPE_PLURAL, PAGES as T
from . import escape
from .site import Site


def document_link(doc: Document) -> str:
    title = escape.text(doc.title)
    if escape.safe_url(doc.url):
        return f"[{title}]({escape.link_url(doc.url)})"
    return f"{title} {escape.text(T['no_link'])}"


def by_type(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    """(type, documents) in the register's type order, titles A–Ö; empty types left out."""
    groups = []
    for doc_type in DOCUMENT_TYPES:
        of_type = sorted((d for d in docs if d.type == doc_type),
                         key=lambda d: (swedish_key(d.title), d.id))
        if of_type:
            groups.append((doc_type, of_type))
    return groups


def documents_by_type(docs: list[Document]) -> str:
    """One list item per document type, in the register's type order, titles A–Ö."""
    return "\n".join(
        f"- **{escape.text(DOCUMENT_TYPE_PLURAL[doc_type])}:** "
        f"{', '.join(document_link(d) for d in of_type)}" for doc_type, of_type in by_type(docs))


def facts(pairs: list[tuple[str, str]]) -> str:
    """A list of "**Label:** value" lines; values are Markdown already."""
    return "\n".join(f"- **{escape.text(label)}:** {value}" for label, value in pairs if value)


def breadcrumbs(site: Site, page: str, trail: list[str]) -> str:
    return breadcrumb_links([site.link(page, node) for node in trail
                             if site.shown(node) and site.page(node)])


def breadcrumb_links(links: list[str]) -> str:
    """The "Du är här" trail from Markdown links, or "" without any."""
    if not links:
        return ""
    return (f'<nav class="kls-breadcrumbs" aria-label="{escape.attr(T["breadcrumbs"])}" '
            f'markdown="1">\n\n{" › ".join(links)}\n\n</nav>')


def feedback(site: Site, page: str, title: str) -> str:
    address = site.settings.feedback_email
    if not address:
        return ""
    url = site.page_url(page)
    href = escape.mailto(address, T["feedback_subject"].format(title=title),
                         T["feedback_body"].format(title=title, url=url))
    return f"[{escape.text(T['feedback'])}]({escape.link_url(href)}){{ .kls-feedback }}"


def heading(level: int, text: str, anchor: str | None = None) -> str:
    attrs = f" {{ #{anchor} }}" if anchor else ""
    return f"{'#' * level} {text}{attrs}"


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: headers are plain text, cells are Markdown already."""
    lines = ["| " + " | ".join(escape.text(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
