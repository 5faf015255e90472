""""Senaste ändringar": what changed in which process and when, from the git history that
``kls build`` collects (newest first). The same changes are the Atom feed (``feed.py``); each
has an anchor here, ``andring-<hash>``, that the feed's entries link to."""

from __future__ import annotations

import re

from ..texts import PAGES as T
from . import escape
from .blocks import heading
from .site import Site

CHANGES_PAGE = "andringar.md"
FEED = "andringar.xml"


def visible_changes(site: Site) -> list:
    """The changes this audience may see. The public site shows a change only when it touched
    a public process: a commit that touched only internal processes, or only the document
    register, may name internal things in its subject."""
    if not site.settings.public:
        return list(site.settings.changes)
    return [c for c in site.settings.changes if any(site.shown(p) for p in c.processes)]


def change_anchor(change) -> str:
    return "andring-" + re.sub(r"[^0-9A-Za-z]", "", change.commit)


def changes_page(site: Site) -> str:
    parts = [heading(1, escape.text(T["title_changes"])), T["changes_intro"],
             T["feed_subscribe"].format(href=FEED)]
    entries = [_entry(site, c) for c in visible_changes(site)]
    parts += entries or [escape.text(T["changes_none"])]
    return "\n\n".join(parts) + "\n"


def _entry(site: Site, change) -> str:
    shown = [p for p in change.processes if site.shown(p)]
    lines = [f"- **{change.date.isoformat()}**{{ #{change_anchor(change)} }} "
             f"{escape.text(change.subject)} "
             f"({escape.text(change.commit)})"]
    if shown:
        links = ", ".join(site.link(CHANGES_PAGE, p) for p in shown)
        lines.append(f"    - {escape.text(T['changes_processes'])}: {links}")
    if not site.settings.public and change.files:
        files = ", ".join(f"`{f}`" for f in sorted(change.files) if "`" not in f)
        lines.append(f"    - {escape.text(T['changes_files'])}: {files}")
    return "\n".join(lines)
