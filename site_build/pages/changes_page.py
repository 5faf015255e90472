""""Senaste ändringar": what changed in which process and when, from the git history that
``kls build`` collects (newest first)."""

from __future__ import annotations

from kls_model.texts import PAGES as T

from . import escape
from .blocks import heading
from .site import Site

CHANGES_PAGE = "andringar.md"


def changes_page(site: Site) -> str:
    parts = [heading(1, escape.text(T["title_changes"])), T["changes_intro"]]
    entries = [e for e in (_entry(site, c) for c in site.settings.changes) if e]
    parts += entries or [escape.text(T["changes_none"])]
    return "\n\n".join(parts) + "\n"


def _entry(site: Site, change) -> str:
    """One commit, or "" when everything it touched is hidden from this audience."""
    known = [p for p in change.processes if p in site.G]
    shown = [p for p in known if site.shown(p)]
    if known and not shown:
        return ""
    lines = [f"- **{change.date.isoformat()}** {escape.text(change.subject)} "
             f"({escape.text(change.commit)})"]
    if shown:
        links = ", ".join(site.link(CHANGES_PAGE, p) for p in shown)
        lines.append(f"    - {escape.text(T['changes_processes'])}: {links}")
    if not site.settings.public and change.files:
        files = ", ".join(f"`{f}`" for f in sorted(change.files) if "`" not in f)
        lines.append(f"    - {escape.text(T['changes_files'])}: {files}")
    return "\n".join(lines)
