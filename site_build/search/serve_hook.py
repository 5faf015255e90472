"""MkDocs hook that `kls serve` adds to its derived config: index the preview after every
rebuild, so search works while a processhandledare edits. `kls serve` writes the records
(``records.dumps``) beside its scratch docs and names the file in ``extra.kls_search``.

MkDocs loads this file by path, as a module of its own: imports are absolute."""

from __future__ import annotations

import sys
from pathlib import Path

from kls_model import texts
from site_build.search import CONFIG_KEY, SearchIndexError, language, write_index
from site_build.search.records import loads


def on_post_build(config, **kwargs) -> None:
    records_file = Path(config["extra"][CONFIG_KEY]["records"])
    try:
        records = loads(records_file.read_text(encoding="utf-8"))
        write_index(Path(config["site_dir"]), records, language(config))
    except (OSError, ValueError, SearchIndexError) as exc:
        # A preview keeps running without search rather than stopping on it.
        print(texts.BUILD_SEARCH.format(detail=exc), file=sys.stderr)
