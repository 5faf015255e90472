"""Site search with Pagefind: records from the planned site (``records``), the bundle written
into the built site (``index``). ``kls build`` indexes before the atomic swap, so a failed
index never publishes; ``kls serve`` indexes
the preview once every page of a save is out (``preview.engine``)."""

from __future__ import annotations

from .. import texts

from .index import SearchIndexError, write_index
from .records import Record, gather, site_records

__all__ = ["CONFIG_KEY", "Record", "SearchIndexError", "gather", "language",
           "site_records", "theme_strings", "write_index"]

#: Where the theme's search partial finds its strings: ``config.extra.kls_search``.
CONFIG_KEY = "kls_search"


def theme_strings() -> dict:
    """What the search box in the header says (texts.SEARCH), and the Pagefind UI strings
    the site replaces (texts.SEARCH_UI), which the theme hands Pagefind as settings."""
    return {**texts.SEARCH, "kinds": dict(texts.SEARCH_KINDS),
            "settings": {"translations": dict(texts.SEARCH_UI),
                         "title": texts.SEARCH["trigger_title"]}}


def language(config) -> str:
    """The site's language (``theme.language``), which Pagefind stems for: Swedish here."""
    return (config["theme"]["language"] or "sv").split("-")[0]
