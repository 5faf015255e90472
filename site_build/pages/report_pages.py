"""Reviewer reports (internal site only): processes without owner, broken links, activities
without routines, documents due for review. The findings are the ones `kls check` gives."""

from __future__ import annotations

import datetime as dt

from kls_model import compliance
from kls_model import graph as g
from kls_model.check import BROKEN_LINK_CODES
from kls_model.diagnostics import Finding
from kls_model.rules import validate
from kls_model.texts import MESSAGES

from ..texts import PAGES as T
from . import escape
from .blocks import bullet_list, document_link, heading, table
from .index_pages import DUE_SOON_DAYS, review_status
from .compliance_page import compliance_path
from .site import Site, relative

REPORT_DIR = "rapporter"
#: page file -> (title key, finding codes)
REPORTS = {
    "saknade-agare.md": ("title_missing_owners", ("KLS010",)),
    "trasiga-lankar.md": ("title_broken_links", BROKEN_LINK_CODES),
    "aktiviteter-utan-rutin.md": ("title_without_routines", ("KLS014",)),
}
REVIEW_PAGE = "revidering.md"


def report_paths(site: Site) -> list[str]:
    """The paths report_pages renders, known before it renders them (the preview's page
    table: rendering them runs the rules, which the preview does after a save's first
    pages). The same for every site."""
    names = [*REPORTS, REVIEW_PAGE, "index.md"]
    return [f"{REPORT_DIR}/{name}" for name in names]


def report_pages(site: Site) -> dict[str, str]:
    """Report page path -> Markdown."""
    findings = sorted(validate(site.system), key=Finding.sort_key)
    pages = {}
    counts = {}
    for name, (title_key, codes) in REPORTS.items():
        selected = [f for f in findings if f.code in codes]
        path = f"{REPORT_DIR}/{name}"
        pages[path] = _findings_page(site, path, T[title_key], selected)
        counts[path] = (T[title_key], len(selected))
    review_path = f"{REPORT_DIR}/{REVIEW_PAGE}"
    due = _due_documents(site)
    pages[review_path] = _review_page(site, due)
    counts[review_path] = (T["title_review"], len(due))
    pages[f"{REPORT_DIR}/index.md"] = _report_index(site, counts)
    return pages


def _report_index(site: Site, counts: dict[str, tuple[str, int]]) -> str:
    index = f"{REPORT_DIR}/index.md"
    items = [f"[{escape.text(title)}]({relative(index, path)}): "
             f"{T['reports_count'].format(count=n)}" for path, (title, n) in counts.items()]
    items += [_compliance_item(index, assessed) for assessed in compliance.assess(site.system)]
    return f"{heading(1, escape.text(T['title_reports']))}\n\n{T['reports_intro']}\n\n" \
           f"{bullet_list(items)}\n"


def _compliance_item(index: str, assessed) -> str:
    """The regulation's page, with how many requirements are met, partly met and missing."""
    title = T["title_compliance"].format(statute=assessed.framework.statute)
    counts = T["compliance_reports"].format(
        met=assessed.count(compliance.MET), partial=assessed.count(compliance.PARTIAL),
        missing=assessed.count(compliance.MISSING))
    return (f"[{escape.text(title)}]({relative(index, compliance_path(assessed.framework))})"
            f": {escape.text(counts)}")


def _findings_page(site: Site, page: str, title: str, findings: list[Finding]) -> str:
    head = heading(1, escape.text(title))
    body = findings_table(site, page, findings) or escape.text(T["reports_none"])
    return f"{head}\n\n{body}\n"


def findings_table(site: Site, page: str, findings: list[Finding]) -> str:
    """Code and title, file:line, the element linked where it has a page, the message."""
    rows = [[f"{f.code} {escape.text(MESSAGES[f.code][0])}", escape.text(f"{f.path}:{f.line}"),
             _element(site, page, f), escape.text(f.message)] for f in findings]
    headers = [T["col_code"], T["col_where"], T["col_element"], T["col_message"]]
    return table(headers, rows) if rows else ""


def _element(site: Site, page: str, f: Finding) -> str:
    """The finding's element, linked to where the site shows it when it is a graph node."""
    if not f.element_id:
        return ""
    node = site.system.node_at(f.path, f.element_id)
    if node is not None:
        return site.link(page, node, follow=False)
    return escape.text(f.element_id)


def _due_documents(site: Site) -> list:
    """Documents past their review date (KLS015) or due within DUE_SOON_DAYS days."""
    limit = site.system.today + dt.timedelta(days=DUE_SOON_DAYS)
    due = [d for d in site.system.register.documents.values()
           if d.review_date is not None and d.review_date <= limit]
    return sorted(due, key=lambda d: (d.review_date, d.id))


def _review_page(site: Site, docs: list) -> str:
    page = f"{REPORT_DIR}/{REVIEW_PAGE}"
    head = heading(1, escape.text(T["title_review"]))
    if not docs:
        return f"{head}\n\n{escape.text(T['reports_none'])}\n"
    header = (f"| {T['col_document']} | {T['col_id']} | {T['col_owner']} | {T['col_review']} |"
              f" {T['col_status']} | {T['col_used_in']} |\n|---|---|---|---|---|---|")
    rows = []
    for d in docs:
        used = ", ".join(site.link(page, u, follow=False)
                         for u in site.users_of(g.doc_node(d.id)))
        rows.append(f"| {document_link(d)} | {escape.text(d.id)} | {site.owner_link(page, d.owner)} | "
                    f"{d.review_date.isoformat()} | {escape.text(review_status(site, d))} | "
                    f"{used} |")
    return "\n".join([head, "", header, *rows]) + "\n"
