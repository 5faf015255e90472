"""Site build cost and search weight of the synthetic KLS at 100, 1,000 and 5,000 processes,
measured in one run.

    .venv/bin/python bench/build_site.py [--sizes 100 1000 5000] [--query utreda] [--repeat 2]

Per size, two whole ``kls build``s (``site_build.build.build``: check, git history, pages,
MkDocs, search, swap) of the same synthetic KLS, committed to a fresh git repository as a
user's models are:

- *lunr*: the build as it was before Pagefind, with Material's lunr search plugin on;
- *pagefind*: today's build, its Pagefind step (``_index_search``) timed on its own;

each ``--repeat`` times, turn about, the fastest of each counted, after a small warm-up
build of each.

Then chromium loads the Pagefind site's start page from a local server that compresses
text as a web server does (gzip), opens the search and types ``--query``; every response
the page fetched for the search is counted (Playwright's sizes): with the page (the search
UI's script and style) and for the query (Pagefind's script, WebAssembly, metadata,
filters, index chunks and the fragments of the results shown), as sent (gzip) and as
unpacked. The lunr site's index, which Material's search made every browser load whole
before its first result, is given as its file size and gzipped.

Prints per size: pages, both build times and their ratio (aim <= 1.1x), Pagefind's share
of the build, the per-page cost, and the first query's bytes (aim <= 300 KB at 5,000); and
the per-page cost at the largest size as a ratio to the smallest (aim <= 1.3x).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import mimetypes
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from site_build import build as kls_build  # noqa: E402
from synthetic import generate  # noqa: E402

_GIT_ENV = ["-c", "user.name=kls bench", "-c", "user.email=bench@example.invalid",
            "-c", "commit.gpgsign=false"]
#: What a web server compresses (Pagefind's own index files come gzipped already).
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _commit(models: Path) -> None:
    """Put the models under git, so the build's history step reads a real log."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic KLS"]):
        subprocess.run(["git", *_GIT_ENV, "-C", str(models), *args], check=True,
                       capture_output=True)


@contextlib.contextmanager
def _timed(name: str, spent: dict[str, float], replace=None):
    """Time ``kls_build.<name>`` inside the real build (or run ``replace`` instead)."""
    original = getattr(kls_build, name)
    work = replace or original

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    setattr(kls_build, name, timed)
    try:
        yield
    finally:
        setattr(kls_build, name, original)


def _lunr_config(work: Path) -> Path:
    """mkdocs.yml as it was: Material's lunr search plugin on."""
    config = work / "mkdocs-lunr.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
                      "plugins:\n  - search:\n      lang: sv\n", encoding="utf-8")
    return config


def _build(config: Path, out: Path, models: Path, search: bool) -> dict[str, float]:
    spent: dict[str, float] = {}
    request = kls_build.BuildRequest(config=config, out=out, models=[str(models)])
    skip = None if search else (lambda *args, **kwargs: None)
    start = time.perf_counter()
    with _timed("_index_search", spent, skip), contextlib.redirect_stdout(io.StringIO()):
        code = kls_build.build(request)
    if code != 0:
        raise SystemExit(f"kls build failed: {out}")
    spent["total"] = time.perf_counter() - start
    return spent


def measure(n: int, work: Path, query: str, repeat: int) -> dict:
    models = work / f"kls-{n}"
    generate(n, models)
    _commit(models)
    lunr, ours = _builds(work, n, models, repeat)
    site = work / f"site-{n}"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    lunr_index = (work / f"lunr-{n}" / "search" / "search_index.json").read_bytes()
    return {"n": n, "pages": len(pages), "lunr": lunr["total"], "ours": ours["total"],
            "index": ours["_index_search"], "lunr_index": len(lunr_index),
            "lunr_index_gz": len(gzip.compress(lunr_index)),
            "bundle": sum(p.stat().st_size for p in (site / "pagefind").rglob("*")
                          if p.is_file()),
            **first_query(site, query)}


def _builds(work: Path, n: int, models: Path, repeat: int) -> tuple[dict, dict]:
    """Both builds ``repeat`` times, turn about (a noisy neighbour slows both alike); the
    fastest of each."""
    lunr, ours = [], []
    for _ in range(repeat):
        lunr.append(_build(_lunr_config(work), work / f"lunr-{n}", models, search=False))
        ours.append(_build(ROOT / "mkdocs.yml", work / f"site-{n}", models, search=True))
    return min(lunr, key=lambda t: t["total"]), min(ours, key=lambda t: t["total"])


def _warm_up(work: Path) -> None:
    """One small build of each kind first, so that neither pays for imports and caches."""
    models = work / "warm-up"
    generate(10, models)
    _commit(models)
    _builds(work, 10, models, 1)


# -- the first query, in chromium --------------------------------------------------------------


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if kind.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _server(directory: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_GzipHandler, directory=str(directory)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _is_search(url: str) -> bool:
    return "/pagefind/" in url or url.endswith("/assets/kls-search.js")


def first_query(site: Path, query: str) -> dict:
    """Bytes of the search's responses: loading the page, then its first query."""
    from playwright.sync_api import sync_playwright

    from browserkit import launch

    seen: list[tuple[str, int, int]] = []

    def finished(request):
        response = request.response()
        if response is not None and _is_search(request.url):
            sent = request.sizes()["responseBodySize"]
            seen.append((request.url, sent, len(response.body())))

    with _server(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.on("requestfinished", finished)
            page.goto(base, wait_until="networkidle")
            with_page = list(seen)
            page.keyboard.press("Control+k")
            page.locator("pagefind-modal input.pf-input").fill(query)
            page.locator("pagefind-results a.pf-result-link").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            results = page.locator("pagefind-results a.pf-result-link").count()
        finally:
            browser.close()
    for_query = seen[len(with_page):]
    return {"results": results, "requests": len(for_query),
            "page_sent": sum(s for _, s, _ in with_page),
            "page_raw": sum(r for _, _, r in with_page),
            "query_sent": sum(s for _, s, _ in for_query),
            "query_raw": sum(r for _, _, r in for_query)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--query", default="utreda")
    ap.add_argument("--repeat", type=int, default=2, help="builds of each kind per size")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kls-bench-") as tmp:
        _warm_up(Path(tmp))
        for n in args.sizes:
            rows.append(measure(n, Path(tmp), args.query, args.repeat))
            _print(rows[-1], args.query)
    first, last = rows[0], rows[-1]
    ratio = (last["ours"] / last["pages"]) / (first["ours"] / first["pages"])
    print(f"per-page cost at {last['n']} vs {first['n']}: {ratio:.2f}x (aim <= 1.3x)")
    return 0


def _print(r: dict, query: str) -> None:
    kb = 1024
    print(f"{r['n']:>5} processes, {r['pages']} pages: build {r['ours']:.1f} s, with lunr "
          f"{r['lunr']:.1f} s: {r['ours'] / r['lunr']:.2f}x (aim <= 1.1x); Pagefind "
          f"{r['index']:.1f} s = {r['index'] / r['ours']:.0%} of the build; "
          f"{1e3 * r['ours'] / r['pages']:.1f} ms/page")
    print(f"      first query {query!r} ({r['results']} results shown, {r['requests']} "
          f"requests): {(r['page_sent'] + r['query_sent']) / kb:.0f} KB sent "
          f"(page {r['page_sent'] / kb:.0f} + query {r['query_sent'] / kb:.0f}; aim <= 300 KB), "
          f"{(r['page_raw'] + r['query_raw']) / kb:.0f} KB unpacked; bundle on disk "
          f"{r['bundle'] / kb / kb:.1f} MB; lunr's index {r['lunr_index'] / kb / kb:.2f} MB "
          f"({r['lunr_index_gz'] / kb / kb:.2f} MB gzipped), fetched whole", flush=True)


if __name__ == "__main__":
    sys.exit(main())
