"""The site's pages: Markdown and assets generated from the graph, plus the MkDocs ``nav``.

``write_pages`` plans what this audience sees (``plan``), renders every page to text in
memory, and only then writes the files: gather everything, then write.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from kls_model.system import QualitySystem

from ..settings import SiteSettings
from .changes_page import CHANGES_PAGE, FEED, changes_page
from .compliance_page import compliance_pages
from .feed import atom_feed
from .index_pages import (ACTOR_INDEX, DOCUMENT_INDEX, PROCESS_INDEX, actor_index,
                          document_index, process_index)
from .legal_page import LEGAL_PAGE, legal_page
from .navigation import navigation
from .open_data import open_data
from .owner_pages import owner_pages
from .plan import plan_site
from .process_page import process_page
from .report_pages import REPORT_DIR, report_pages
from .role_pages import role_pages
from .site import START_PAGE
from .start_page import OPEN_DATA, start_page

GUIDE_SOURCE = Path(__file__).resolve().parent.parent / "guide"
GUIDE_DIR = "guide"

__all__ = ["write_pages"]


def write_pages(system: QualitySystem, docs_dir: Path, settings: SiteSettings) -> list:
    """Write every page and asset of the site into docs_dir (empty, exists) and return the
    MkDocs `nav` (a list in mkdocs.yml nav syntax, paths relative to docs_dir)."""
    site = plan_site(system, settings)
    files = {START_PAGE: start_page(site)}
    for node, page in site.pages.items():
        if page != START_PAGE:
            files[page] = process_page(site, node)
    files.update({
        PROCESS_INDEX: process_index(site), DOCUMENT_INDEX: document_index(site),
        ACTOR_INDEX: actor_index(site), CHANGES_PAGE: changes_page(site),
        OPEN_DATA: open_data(site), LEGAL_PAGE: legal_page(site), FEED: atom_feed(site),
    })
    files.update(role_pages(site))
    files.update(owner_pages(site))
    compliance = compliance_pages(site)
    files.update(compliance)
    reports = report_pages(site) if not settings.public else {}
    files.update(reports)
    _write(Path(docs_dir), files)
    guide = _copy_guide(Path(docs_dir))
    return navigation(site, _report_nav(reports), guide, sorted(compliance))


def _write(docs_dir: Path, files: dict[str, str]) -> None:
    for relative in sorted(files):
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = files[relative]
        if relative.endswith(".md"):
            text = with_title(text)
        target.write_text(text, encoding="utf-8", newline="\n")


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


def _report_nav(reports: dict[str, str]) -> list[str]:
    index = f"{REPORT_DIR}/index.md"
    return [index, *sorted(p for p in reports if p != index)] if reports else []


def _copy_guide(docs_dir: Path) -> list[str]:
    sources = sorted(GUIDE_SOURCE.glob("*.md"))
    if not sources:
        return []
    (docs_dir / GUIDE_DIR).mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copyfile(source, docs_dir / GUIDE_DIR / source.name)
    pages = [f"{GUIDE_DIR}/{s.name}" for s in sources]
    return sorted(pages, key=lambda p: (not p.endswith("/index.md"), p))
