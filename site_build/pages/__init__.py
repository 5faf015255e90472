"""The site's pages: Markdown and assets generated from the graph, plus the MkDocs ``nav``.

``write_pages`` plans what this audience sees (``plan``), renders every page to text in
memory, and only then writes the files: gather everything, then write. ``page_table`` is the
same set of pages as one renderer per path, so the preview (``site_build.preview``) can render
only the pages a change affects and still get exactly the text a build writes.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache, partial
from typing import Callable, Iterable
from pathlib import Path

from kls_model.system import QualitySystem

from ..settings import SiteSettings
from .changes_page import CHANGES_PAGE, FEED, changes_page
from .compliance_page import COMPLIANCE_DIR, compliance_page_paths, compliance_pages
from .feed import atom_feed
from .index_pages import (ACTOR_INDEX, DOCUMENT_INDEX, PROCESS_INDEX, actor_index,
                          document_index, process_index)
from .legal_page import LEGAL_PAGE, legal_page
from .navigation import navigation
from .open_data import open_data
from .owner_pages import owner_page_paths, owner_pages
from .plan import plan_site
from .process_page import process_page
from .report_pages import REPORT_DIR, report_pages, report_paths
from .role_pages import role_page_paths, role_pages
from .site import START_PAGE, Site
from .start_page import OPEN_DATA, start_page

GUIDE_SOURCE = Path(__file__).resolve().parent.parent / "guide"
GUIDE_DIR = "guide"

__all__ = ["write_pages", "page_table", "render_pages", "site_navigation", "guide_pages"]


def write_pages(system: QualitySystem, docs_dir: Path, settings: SiteSettings,
                problems: list | None = None) -> list:
    """Write every page and asset of the site into docs_dir (empty, exists) and return the
    MkDocs `nav` (a list in mkdocs.yml nav syntax, paths relative to docs_dir). What the
    pages could not show (KLS056) is added to ``problems``."""
    site = plan_site(system, settings)
    files = render_pages(site, page_table(site))
    if problems is not None:
        problems.extend(site.problems)
    _write(Path(docs_dir), files)
    return site_navigation(site, files, _copy_guide(Path(docs_dir)))


def page_table(site: Site) -> dict[str, Callable[[], str]]:
    """Every page and asset of this site by path (relative to docs_dir), each as a function
    that renders its text."""
    table: dict[str, Callable[[], str]] = {START_PAGE: partial(start_page, site)}
    for node, page in site.pages.items():
        if page != START_PAGE:
            table[page] = partial(process_page, site, node)
    table.update({
        PROCESS_INDEX: partial(process_index, site), DOCUMENT_INDEX: partial(document_index, site),
        ACTOR_INDEX: partial(actor_index, site), CHANGES_PAGE: partial(changes_page, site),
        OPEN_DATA: partial(open_data, site), LEGAL_PAGE: partial(legal_page, site),
        FEED: partial(atom_feed, site),
    })
    groups = [(role_pages, role_page_paths), (owner_pages, owner_page_paths),
              (compliance_pages, compliance_page_paths)]
    if not site.settings.public:
        groups.append((report_pages, report_paths))
    for render, paths in groups:  # pages rendered together, on first use of any of them
        rendered = cache(partial(render, site))
        table.update({path: partial(_one_of, rendered, path) for path in paths(site)})
    return table


def _one_of(rendered: Callable[[], dict[str, str]], path: str) -> str:
    return rendered()[path]


def render_pages(site: Site, table: dict[str, Callable[[], str]],
                 only: Iterable[str] | None = None) -> dict[str, str]:
    """The final text of every page in ``table`` (or of those in ``only``), by path."""
    paths = table if only is None else [p for p in only if p in table]
    texts = {}
    for path in paths:
        text = table[path]()
        if path.endswith(".md"):
            text = with_title(text)
        texts[path] = text
    return texts


def site_navigation(site: Site, paths: Iterable[str], guide: list[str]) -> list:
    """The MkDocs nav for this site, whose pages are ``paths`` (the keys of its page table)."""
    paths = list(paths)
    reports = [p for p in paths if p.startswith(f"{REPORT_DIR}/")]
    compliance = sorted(p for p in paths if p.startswith(f"{COMPLIANCE_DIR}/"))
    return navigation(site, _report_nav(reports), guide, compliance)


def _write(docs_dir: Path, files: dict[str, str]) -> None:
    for relative in sorted(files):
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[relative], encoding="utf-8", newline="\n")


_H1 = re.compile(r"^# (.+?)(?: \{ #[^}]*\})?$", re.MULTILINE)


def with_title(text: str) -> str:
    """Give a page its H1 as front-matter title. MkDocs only takes the title from the H1 when
    the H1 opens the page, and ours open with breadcrumbs, so the nav would otherwise show
    the file name ("Process ifo utreda"). The H1 text is already escaped for HTML (character
    references), which is what the nav templates need, as they do not escape titles."""
    match = _H1.search(text)
    if match is None or text.startswith("---\n"):
        return text
    return f"---\ntitle: {json.dumps(match.group(1), ensure_ascii=False)}\n---\n\n{text}"


def _report_nav(reports: Iterable[str]) -> list[str]:
    reports = list(reports)
    index = f"{REPORT_DIR}/index.md"
    return [index, *sorted(p for p in reports if p != index)] if reports else []


def guide_pages() -> list[str]:
    """The user guide's pages (paths in docs_dir), in nav order."""
    pages = [f"{GUIDE_DIR}/{s.name}" for s in sorted(GUIDE_SOURCE.glob("*.md"))]
    return sorted(pages, key=lambda p: (not p.endswith("/index.md"), p))


def _copy_guide(docs_dir: Path) -> list[str]:
    pages = guide_pages()
    if pages:
        (docs_dir / GUIDE_DIR).mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copyfile(GUIDE_SOURCE / Path(page).name, docs_dir / page)
    return pages
