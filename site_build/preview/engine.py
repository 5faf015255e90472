"""The preview's engine: from a saved model to the pages and findings the browser shows.

One worker thread does all the work, in this order, on every save:

1. read the files that changed (``source.ModelSource``) and assemble the whole KLS;
2. render the Markdown of the pages the save shows first (``affected.first_pages``) and the
   nav, hand them to MkDocs (``render.SiteRenderer``) and render those pages' HTML;
3. publish: every browser whose page changed reloads (``wait``);
4. run the rules and publish the findings (the banner and panel update in place);
5. in the background, in slices it drops as soon as another save arrives: render every other
   page's Markdown and keep what differs (publishing those pages too), render the HTML of
   every page whose content changed, and write the search index.

Browsers learn about changes by long polling ``wait(since, page)``: each published change has
a generation number, and each page the generation its HTML last changed in.
"""

from __future__ import annotations

import gc
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kls_model.diagnostics import Finding
from kls_model.load import batch_mode
from kls_model.rules import validate

from site_build import history, texts
from site_build.build import (BuildRequest, add_history, index_search, load_site, quiet_mkdocs,
                              review_day, source_date_epoch)
from site_build.search import SearchIndexError
from site_build.pages import guide_pages, page_table, render_pages, site_navigation
from site_build.pages import GUIDE_SOURCE
from site_build.pages.plan import plan_site

from .affected import first_pages
from .findings import FINDINGS_PAGE, findings_markdown, findings_state, page_url
from .render import SiteRenderer
from .source import ModelSource
from .watch import file_stamp, git_log_file

LOOK_SECONDS = 1.0  # a look at the files even without a change event (events can be missed)
SETTLE_SECONDS = 0.02  # a save is often several writes: let them land before reading
SLICE_SECONDS = 0.05  # background work runs in slices this long, so a save never waits long
WAIT_SECONDS = 25.0  # the longest a browser's long poll is held


@dataclass
class Published:
    """What browsers read, replaced whole under the engine's condition."""

    generation: int = 0
    pages: dict[str, int] = field(default_factory=dict)  # URL path -> generation of its HTML
    findings_generation: int = 0
    findings: dict = field(default_factory=dict)  # findings.findings_state()
    busy: bool = True
    failure: str | None = None
    checking: bool = False  # pages of a save are out, its findings not yet
    timing: dict = field(default_factory=dict)  # the last update: wall and CPU seconds


class Preview:
    def __init__(self, request: BuildRequest, scratch: Path, out=sys.stdout, err=sys.stderr):
        with quiet_mkdocs():
            config, self.settings, self.paths = load_site(request, scratch)
        self.request_today = request.today
        self.source = ModelSource(self.paths)
        self._git_log = git_log_file(str(_folder(self.paths[0])))
        self._git_stamp = file_stamp(self._git_log)
        with quiet_mkdocs():
            self.renderer = SiteRenderer(config)
        self.out, self.err = out, err
        self.published = Published()
        # Tells a browser that the preview was restarted (its generations start over).
        self.instance = secrets.token_hex(4)
        self.changed = threading.Condition()
        self.wake = threading.Event()  # set by the file watcher
        self.stopping = threading.Event()
        self._latest = None  # (site, findings, unreadable) of the last update
        self._findings_page_generation = -1
        self._thread: threading.Thread | None = None

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Build everything once (before the server answers), then watch in a thread."""
        with batch_mode():
            self._background = self._update(set(), first=True)
        _tidy()
        self._thread = threading.Thread(target=self._run, name="kls-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        with self.changed:
            self.changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        last_look = time.monotonic()
        while not self.stopping.is_set():
            idle = self._background is None
            woke = self.wake.wait(LOOK_SECONDS if idle else 0)
            if self.stopping.is_set():
                return
            if woke:
                time.sleep(SETTLE_SECONDS)
                self.wake.clear()
            if woke or time.monotonic() - last_look >= LOOK_SECONDS:
                last_look = time.monotonic()
                if self._step(self._look):
                    continue
            if self._background is not None:
                self._step(self._slice)

    def _step(self, work) -> bool:
        """Run one piece of work; a failure is reported, never the end of the preview."""
        try:
            return work()
        except Exception as exc:  # noqa: BLE001 - the preview outlives any one bad update
            self._background = None
            detail = f"{type(exc).__name__}: {exc}"
            print(texts.SERVE_FAILED.format(detail=detail), file=self.err, flush=True)
            self._publish(failure=detail, busy=False, checking=False)
            return False

    def _look(self) -> bool:
        changed = self.source.look()
        git = file_stamp(self._git_log)
        if not changed and git == self._git_stamp:
            return False
        self._git_stamp = git  # a commit: history on the pages (the full pass renders it)
        self._set_busy()
        with batch_mode():
            self._background = self._update(changed)
        return True

    def _slice(self) -> bool:
        try:
            with batch_mode():
                next(self._background)
        except StopIteration:
            self._background = None
            _tidy()
            self._publish(busy=False)
        return False

    # -- one update ------------------------------------------------------------------------

    def _update(self, changed: set[str], first: bool = False):
        """Steps 1-4 now; returns step 5 as a generator the worker runs slice by slice."""
        start, cpu = time.perf_counter(), time.thread_time()
        # The day review dates are judged against, as `kls build` judges them (a commit
        # moves it), so the preview shows what the build would publish.
        newest = history.newest_commit(self.paths)
        snapshot = self.source.load(self.request_today or review_day(newest))
        site, table, nav, epoch = self._plan(snapshot.system, newest)
        done = self._first_pages(snapshot, site, table, nav, epoch, first)
        timing = {"pages_seconds": time.perf_counter() - start,
                  "pages_cpu": time.thread_time() - cpu}
        findings = sorted(snapshot.findings + validate(snapshot.system), key=Finding.sort_key)
        self._latest = (site, findings, snapshot.unreadable)
        timing.update(findings_seconds=time.perf_counter() - start,
                      findings_cpu=time.thread_time() - cpu)
        self._publish(findings=findings_state(site, findings, snapshot.unreadable),
                      timing=timing, checking=False)
        self._report(snapshot, findings, time.perf_counter() - start, first)
        return self._rest(site, table, nav, done, epoch)

    def _plan(self, system, newest: int | None):
        """This audience's site for the system, its page table, nav and timestamp, with
        the git history a build would put on its pages."""
        settings = self.settings.model_copy(deep=True)
        add_history(settings, self.paths, system)
        site = plan_site(system, settings)
        table = page_table(site)
        nav = site_navigation(site, table, guide_pages())
        return site, table, nav, history.source_date_epoch(newest, system.paths)

    def _first_pages(self, snapshot, site, table, nav, epoch: int, first: bool) -> set[str]:
        """Steps 2-3: the pages the save shows first (every page the first time) and the
        nav into MkDocs, their HTML rendered, browsers told; returns the pages done."""
        now = set(table) if first else first_pages(site, snapshot.changed) & set(table)
        pages = render_pages(site, table, sorted(now))
        guide = guide_pages()
        if first:
            pages.update(_guide_texts(guide))
        gone = {p: None for p in self.renderer.texts if p not in table and p not in guide}
        with quiet_mkdocs(), source_date_epoch(epoch):
            stale = self.renderer.sync({**pages, **gone}, nav)
            if not first:
                self.renderer.build_stale(sorted(p for p in now if p in stale))
        self._publish(pages=stale, failure=None, checking=True)
        return set(pages)

    def _rest(self, site, table, nav, done: set[str], epoch: int):
        """Step 5: every other page, then the HTML of changed content and the search index."""
        rest = [p for p in table if p not in done]
        texts_: dict[str, str] = {}
        while rest:
            deadline = time.perf_counter() + SLICE_SECONDS
            while rest and time.perf_counter() < deadline:
                texts_.update(render_pages(site, table, [rest.pop()]))
            yield
        with quiet_mkdocs(), source_date_epoch(epoch):
            self._publish(pages=self.renderer.sync(texts_, nav))
        yield
        while self.renderer.unindexed:
            deadline = time.perf_counter() + SLICE_SECONDS
            while self.renderer.unindexed and time.perf_counter() < deadline:
                with quiet_mkdocs():
                    self.renderer.build_stale([min(self.renderer.unindexed)])
            yield
        with quiet_mkdocs(), source_date_epoch(epoch):
            self.renderer.write_search_index()
            self.renderer.theme_templates()
        yield
        self._index_search(site)

    def _index_search(self, site) -> None:
        """Pagefind over the preview once every page is out, as `kls build` indexes; a
        preview keeps running without search rather than stopping on it."""
        try:
            index_search(site.system, site.settings, self.renderer.config, self.renderer.site)
        except SearchIndexError as exc:
            print(texts.BUILD_SEARCH.format(detail=exc), file=self.err, flush=True)

    def _report(self, snapshot, findings: list[Finding], seconds: float, first: bool) -> None:
        for u in snapshot.unreadable:
            print(texts.SERVE_UNREADABLE.format(path=u.finding.path, line=u.finding.line,
                                                message=u.finding.message),
                  file=self.err, flush=True)
        if first:
            return
        files = ", ".join(sorted(Path(p).name for p in snapshot.changed)) or texts.SERVE_GIT_HISTORY
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = sum(1 for f in findings if f.severity.value == "warning")
        seconds_sv = f"{seconds:.1f}".replace(".", ",")  # Swedish decimal comma
        print(texts.SERVE_UPDATED.format(seconds=seconds_sv, files=files, errors=errors,
                                         warnings=warnings), file=self.out, flush=True)

    # -- publishing and waiting --------------------------------------------------------------

    def _set_busy(self) -> None:
        with self.changed:
            self.published.busy = True

    def _publish(self, pages=(), findings: dict | None = None, **flags) -> None:
        with self.changed:
            p = self.published
            p.generation += 1
            for page in pages:
                p.pages[page_url(page)] = p.generation
            if findings is not None:
                p.findings = findings
                p.findings_generation = p.generation
            for name, value in flags.items():
                setattr(p, name, value)
            self.changed.notify_all()

    def wait(self, since: int, url: str, timeout: float = WAIT_SECONDS,
             instance: str | None = None) -> dict:
        """Block until something newer than generation ``since`` is published (or
        ``timeout``); say whether the page at ``url`` must reload and whether the
        findings changed. A page served by another instance (a restarted preview) is
        answered at once."""
        deadline = time.monotonic() + min(timeout, WAIT_SECONDS)
        stranger = instance is not None and instance != self.instance
        with self.changed:
            while (self.published.generation <= since and not self.stopping.is_set()
                   and not stranger):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.changed.wait(left)
            p = self.published
            reload = p.pages.get(url, 0) > since
            if url == page_url(FINDINGS_PAGE):
                reload = p.findings_generation > since
            return {"generation": p.generation, "reload": reload, "instance": self.instance,
                    "findings": p.findings_generation > since, "busy": p.busy,
                    "failure": p.failure}

    def state(self, url: str | None = None) -> dict:
        """The findings for the browser: all of them, or (``url``) only that page's."""
        with self.changed:
            p = self.published
            state = {"generation": p.generation, "busy": p.busy, "failure": p.failure,
                     "timing": p.timing, "checking": p.checking,
                     "counts": p.findings.get("counts", {}),
                     "unreadable": p.findings.get("unreadable", []),
                     "findings_url": page_url(FINDINGS_PAGE), "texts": dict(texts.PREVIEW)}
            everything = p.findings.get("findings", [])
            if url is None:
                state["findings"] = everything
            else:
                state["findings"] = [everything[i] for i in p.findings.get("pages", {}).get(url, [])]
            return state

    def generation(self) -> int:
        with self.changed:
            return self.published.generation

    # -- what the server serves ------------------------------------------------------------

    def page_file(self, url_path: str) -> Path | None:
        """The HTML of the site page at ``url_path``, rendered now if it is stale."""
        uri = self.renderer.page_for_url(url_path)
        if uri is None:
            return None
        with quiet_mkdocs():
            return self.renderer.ensure(uri)

    def findings_file(self) -> Path:
        """The findings page, rendered again when the findings changed."""
        with self.renderer.lock:
            target = self.renderer.site / "_kls" / "fynd" / "index.html"
            generation = self.published.findings_generation
            if generation != self._findings_page_generation or not target.exists():
                markdown = findings_markdown(*self._latest)
                with quiet_mkdocs():
                    target = self.renderer.extra_page(FINDINGS_PAGE, markdown)
                self._findings_page_generation = generation
            return target

    def not_found_file(self) -> Path:
        with quiet_mkdocs():
            self.renderer.theme_templates()
        return self.renderer.site / "404.html"


def _tidy() -> None:
    """Collect garbage once the work is done, then freeze what is left. Updates run with the
    collector paused (``batch_mode``, as `kls check` loads); without the freeze, the
    collections the page renderers' threads trigger would scan the whole warm KLS (at 1000
    processes that was half of an update's time)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _guide_texts(guide: list[str]) -> dict[str, str]:
    """The user guide's pages as they are (newlines untouched, as a build copies them)."""
    out = {}
    for page in guide:
        with open(GUIDE_SOURCE / Path(page).name, encoding="utf-8", newline="") as fh:
            out[page] = fh.read()
    return out


def _folder(path: str) -> Path:
    """The folder of a model path (a folder, or a file in one), for git."""
    p = Path(path)
    return p if p.is_dir() else p.parent
