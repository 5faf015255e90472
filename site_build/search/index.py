"""Write the Pagefind search bundle (``pagefind/``) into a built site.

Pagefind indexes with Snowball's Swedish stemmer and splits the index into chunks the browser
loads on demand, so the first query fetches a few hundred kilobytes whatever the size of the
KLS. It runs as its own binary (PyPI ``pagefind[bin]``), driven through its service mode
(``service``).

What goes in: the records of ``records.gather`` (processes with their activities, documents,
roles), each a small HTML document, and the built pages of the user guide; both are read
with Pagefind's data attributes (the theme marks a page's article as the body, so
navigation, header and footer are not indexed). Material's own
search (lunr) is left out of the output: its plugin is off, and its scripts are deleted.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

from . import service
from .canonical import canonical
from .records import Record

BUNDLE_DIR = "pagefind"
#: Built pages read as HTML (the rest of the site is indexed as records).
HTML_GLOB = "guide/**/*.html"
#: Inside an indexed article, what is not content: permalink signs, breadcrumbs, the
#: feedback link and diagrams (their text is the activities, which are records already).
EXCLUDE = [".headerlink", ".kls-breadcrumbs", ".kls-feedback", ".kls-diagram"]
#: Material's lunr search, unused now that its plugin is off: the worker and the stemmers.
MATERIAL_SEARCH = ["assets/javascripts/lunr", "assets/javascripts/workers"]
#: Pagefind's other search UIs and its highlighter, which the site does not load.
UNUSED = {"pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-highlight.js"}
INDEX_ID = 0  # a fresh service's first index


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why (Pagefind's, English)."""


def write_index(site_dir: Path, records: list[Record], language: str) -> int:
    """Index ``site_dir`` into ``site_dir/pagefind``; return the number of pages indexed
    (records and HTML pages). On failure raises ``SearchIndexError``, having written
    nothing."""
    try:
        responses = service.run(_requests(site_dir, records, language))
    except service.ServiceError as exc:
        raise SearchIndexError(str(exc)) from exc
    _write(site_dir / BUNDLE_DIR, responses[-1]["files"])
    for relative in MATERIAL_SEARCH:
        shutil.rmtree(site_dir / relative, ignore_errors=True)
    return len(records) + int(responses[1].get("page_count", 0))


def _write(bundle: Path, files: list[dict]) -> None:
    """Write the bundle ourselves: Pagefind 1.5.2's service answers WriteFiles before its
    writes are flushed and ends the moment its input ends, so it can leave files empty
    (upstream pull request #1272); and its filters come in a random order (``canonical``)."""
    contents = canonical({f["path"]: base64.b64decode(f["content"]) for f in files
                          if f["path"] not in UNUSED})
    shutil.rmtree(bundle, ignore_errors=True)
    for path in sorted(contents):
        target = bundle / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[path])


def _requests(site_dir: Path, records: list[Record], language: str) -> list[dict]:
    """The whole conversation. Records go in in URL order: the index numbers pages in the
    order they arrive, and a build must give the same bytes every time."""
    config = {"force_language": language, "exclude_selectors": EXCLUDE}
    return [
        {"type": "NewIndex", "config": config},
        {"type": "AddDir", "index_id": INDEX_ID, "path": str(site_dir), "glob": HTML_GLOB},
        *({"type": "AddFile", "index_id": INDEX_ID, "file_path": None, "url": r.url,
           "file_contents": r.html(language)} for r in records),
        {"type": "GetFiles", "index_id": INDEX_ID},
    ]
