"""MkDocs kept warm for the preview: the user's config, the theme's templates, the files and
the nav stay loaded between saves, and a page is rendered again only when its Markdown or the
nav changed.

Pages are rendered by MkDocs' own page steps (``_populate_page``: Markdown to HTML with the
plugins' page events; ``_build_page``: the theme template into ``site_dir``), in the order
``mkdocs build`` runs them, on the same config ``kls build`` loads: the bytes are the ones a
build writes (tests/test_preview.py compares). MkDocs 1.6 is frozen (``mkdocs<2`` in
pyproject.toml), so leaning on these two module-level functions is safe.

What a full build does for every page, this does per page:

- ``sync(texts, nav)``: write what changed into docs_dir; when the nav or the set of pages
  changed, rebuild the files and nav objects (keeping unchanged pages' rendered Markdown),
  else render the changed pages' Markdown again. A changed page title changes every page's
  nav. Returns the pages whose HTML is now stale; they are rendered on request
  (``page(uri)``) or by ``build_stale()``.
- A search plugin's index (when the user's ``mkdocs.yml`` turns one on; kls's own search is
  Pagefind, which the engine runs after this) is kept per page and written whole once every
  page whose content changed has been rendered (``write_search_index``).
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from mkdocs.commands import build as mk
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

#: What ``_populate_page`` leaves on a page: carried over to the new Page object when the
#: nav is rebuilt and the page's Markdown did not change.
_RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render",
             "present_anchor_ids", "links_to_anchors")


class SiteRenderer:
    def __init__(self, config):
        """``config``: the user's mkdocs.yml loaded as `kls build` loads it (docs_dir and
        site_dir in the preview's scratch directory)."""
        self.config = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        self.docs = Path(self.config.docs_dir)
        self.site = Path(self.config.site_dir)
        self.lock = threading.RLock()
        self.texts: dict[str, str] = {}  # docs_dir path -> text, as written
        self.files: Files | None = None
        self.doc_files: list[File] = []  # the site's pages in build order
        self.urls: dict[str, str] = {}  # served URL path ("processer/x/") -> page
        self.nav = None
        self.env = None
        self.templates_stale = True  # 404.html and sitemap.xml
        self.stale: set[str] = set()  # pages whose HTML is out of date
        self.unindexed: set[str] = set()  # pages whose search entries are out of date
        self._entries: dict[str, list] = {}  # page -> its search index entries

    # -- keeping docs_dir and MkDocs' structures in step -----------------------------------

    def sync(self, texts: dict[str, str | None], nav: list) -> set[str]:
        """Apply changed texts (None: the page is gone) and the nav; return the pages (docs
        paths) whose HTML this makes stale: the changed pages, or every page when the nav,
        a page title or the set of pages changed."""
        with self.lock:
            changed = {p: t for p, t in texts.items() if self.texts.get(p) != t}
            self._write(changed)
            self._unpublish([p for p, t in changed.items() if t is None])
            pages = {p for p in changed if p.endswith(".md") and changed[p] is not None}
            added_or_gone = self._remember(changed)
            everything = self.files is None or added_or_gone or nav != self.config["nav"]
            if everything:
                self._restructure(nav, keep=set(self.texts) - pages)
            else:
                before = self._titles()
                for path in sorted(pages):
                    self._populate(self.files.get_file_from_path(path).page)
                self._copy_static(changed)
                everything = self._titles() != before  # a title in the nav: on every page
            marked = {f.src_uri for f in self.doc_files} if everything else pages
            self.templates_stale |= everything
            self.stale = (self.stale | marked) & set(self.texts)
            self.unindexed = (self.unindexed | pages) & set(self.texts)
            return marked

    def _remember(self, changed: dict[str, str | None]) -> bool:
        """Keep the texts as written; True when a file was added or removed."""
        added_or_gone = any((p in self.texts) != (t is not None) for p, t in changed.items())
        for path, text in changed.items():
            if text is None:
                self.texts.pop(path, None)
            else:
                self.texts[path] = text
        return added_or_gone

    def _write(self, changed: dict[str, str | None]) -> None:
        for path, text in sorted(changed.items()):
            target = self.docs / path
            if text is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(text, encoding="utf-8", newline="\n")
            os.replace(tmp, target)

    def _unpublish(self, gone: list[str]) -> None:
        """Take the rendered output of pages and files that no longer exist out of site_dir
        (a build starts from an empty one)."""
        for path in gone:
            file = self.files.get_file_from_path(path) if self.files else None
            if file is None:
                continue
            target = Path(file.abs_dest_path)
            target.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # its directory, when that is empty now
                target.parent.rmdir()

    def _restructure(self, nav: list, keep: set[str]) -> None:
        """What ``mkdocs build`` does before writing pages: files, nav, every page's Markdown
        rendered (``keep``: pages whose rendering is carried over), static files, theme
        templates."""
        config = self.config
        config["nav"] = nav
        old = {f.src_uri: f.page for f in self.doc_files}
        first = self.files is None
        env = config.theme.get_env()
        files = get_files(config)
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        navigation = get_navigation(files, config)
        self.nav = config.plugins.on_nav(navigation, config=config, files=files)
        self.files = files
        self.doc_files = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        self.urls = {f.url.rstrip("/") if f.url not in ("", "./") else "": f.src_uri
                     for f in self.doc_files}
        for file in self.doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            previous = old.get(file.src_uri)
            if previous is not None and file.src_uri in keep:
                for name in _RENDERED:
                    setattr(file.page, name, getattr(previous, name))
            else:
                self._populate(file.page)
                self.unindexed.add(file.src_uri)
        self.env = config.plugins.on_env(env, config=config, files=files)
        # Theme assets are copied once; later only what we wrote since (kls.json).
        files.copy_static_files(dirty=not first, inclusion=InclusionLevel.is_included)
        self._entries = {k: v for k, v in self._entries.items() if k in self.texts}

    def _populate(self, page: Page) -> None:
        mk._populate_page(page, self.config, self.files)

    def _copy_static(self, changed: dict[str, str | None]) -> None:
        for path, text in changed.items():
            file = self.files.get_file_from_path(path)
            if text is not None and file is not None and not file.is_documentation_page():
                file.copy_file()

    def theme_templates(self) -> None:
        """404.html and sitemap.xml, as a build writes them, when the nav changed."""
        with self.lock:
            if self.templates_stale and self.files is not None:
                for template in sorted(self.config.theme.static_templates):
                    mk._build_theme_template(template, self.env, self.files, self.config,
                                             self.nav)
                self.templates_stale = False

    def _titles(self) -> list:
        return [(f.src_uri, f.page.title) for f in self.doc_files]

    # -- pages -----------------------------------------------------------------------------

    def page_for_url(self, url_path: str) -> str | None:
        """The docs path of the page served at ``url_path`` ("/processer/x/"), if any."""
        with self.lock:
            return self.urls.get(url_path.strip("/"))

    def ensure(self, uri: str) -> Path | None:
        """Render page ``uri`` into site_dir if its HTML is stale; its HTML file, or None
        when there is no such page."""
        with self.lock:
            file = self.files.get_file_from_path(uri) if self.files else None
            if file is None or file.page is None:
                return None
            if uri in self.stale:
                self._build(file.page)
            return Path(file.abs_dest_path)

    def _build(self, page: Page) -> None:
        searches = _search_indexes(self.config)
        for index in searches:
            index.entries = []
        mk._build_page(page, self.config, self.doc_files, self.nav, self.env)
        self._entries[page.file.src_uri] = [e for index in searches for e in index.entries]
        self.stale.discard(page.file.src_uri)
        self.unindexed.discard(page.file.src_uri)

    def build_stale(self, pages: list[str]) -> None:
        """Render these pages if stale (the caller slices its work by passing a few)."""
        with self.lock:
            for uri in pages:
                if self.ensure(uri) is None:
                    self.unindexed.discard(uri)

    def extra_page(self, uri: str, markdown: str) -> Path:
        """Render a page that is not part of the site (the preview's findings page) with the
        site's theme and nav, into site_dir; return the HTML file."""
        with self.lock:
            file = File.generated(self.config, uri, content=markdown)
            file.inclusion = InclusionLevel.NOT_IN_NAV
            page = Page(None, file, self.config)
            self._populate(page)
            searches = _search_indexes(self.config)
            saved = [index.entries for index in searches]
            mk._build_page(page, self.config, self.doc_files, self.nav, self.env)
            for index, entries in zip(searches, saved):  # never in the site's search
                index.entries = entries
            return Path(file.abs_dest_path)

    # -- search ----------------------------------------------------------------------------

    def write_search_index(self) -> bool:
        """Write the search index (``post_build`` of the plugins, as a build ends) once every
        page whose content changed has been rendered; False when some are still due."""
        with self.lock:
            if self.unindexed:
                return False
            searches = _search_indexes(self.config)
            order = [f.src_uri for f in self.doc_files]
            for index in searches:
                index.entries = [e for uri in order for e in self._entries.get(uri, [])]
            self.config.plugins.on_post_build(config=self.config)
            return True


def _search_indexes(config) -> list:
    """The search plugins' indexes (MkDocs' and Material's keep their entries in a list)."""
    found = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            found.append(index)
    return found
