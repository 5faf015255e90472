"""Site build cost at 100 and 1000 processes of the synthetic KLS, measured in one run.

    .venv/bin/python bench/build_site.py [--sizes 100 1000]

Each size is a whole ``kls build`` (``site_build.build.build``: check, git history, pages,
MkDocs, swap) of a synthetic KLS committed to a fresh git repository, as a user's models are.
Prints, per size: total time, our share (everything but MkDocs: load + validate + history +
pages + swap) vs. MkDocs' share, HTML bytes per page, search index size, and the per-page
cost at the largest size as a ratio to the smallest (aim: within 1.3x, i.e. the build scales
linearly).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from site_build import build as kls_build  # noqa: E402
from synthetic import generate  # noqa: E402

_GIT_ENV = ["-c", "user.name=kls bench", "-c", "user.email=bench@example.invalid",
            "-c", "commit.gpgsign=false"]


def _commit(models: Path) -> None:
    """Put the models under git, so the build's history step reads a real log."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic KLS"]):
        subprocess.run(["git", *_GIT_ENV, "-C", str(models), *args], check=True,
                       capture_output=True)


@contextlib.contextmanager
def _timed_mkdocs(spent: list[float]):
    """Time the MkDocs step inside the real build, to split our share from MkDocs'."""
    run = kls_build._run_mkdocs

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    kls_build._run_mkdocs = timed
    try:
        yield
    finally:
        kls_build._run_mkdocs = run


def measure(n: int, work: Path) -> dict:
    models = work / f"kls-{n}"
    generate(n, models)
    _commit(models)
    request = kls_build.BuildRequest(config=ROOT / "mkdocs.yml", out=work / f"site-{n}",
                                     models=[str(models)])
    spent: list[float] = []
    start = time.perf_counter()
    with _timed_mkdocs(spent), contextlib.redirect_stdout(io.StringIO()):
        code = kls_build.build(request)
    total = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"kls build failed at {n} processes")
    mkdocs = sum(spent)
    ours = total - mkdocs
    site = request.out
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    index = site / "search" / "search_index.json"
    return {"n": n, "ours": ours, "mkdocs": mkdocs, "pages": len(pages),
            "bytes_per_page": sum(p.stat().st_size for p in pages) / max(len(pages), 1),
            "search_index": index.stat().st_size if index.exists() else 0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kls-bench-") as tmp:
        rows = [measure(n, Path(tmp)) for n in args.sizes]
    for r in rows:
        total = r["ours"] + r["mkdocs"]
        print(f"{r['n']:>5} processes: {r['pages']:>5} pages, total {total:6.1f} s "
              f"(ours {r['ours']:5.1f} s = {r['ours'] / total:4.0%}, MkDocs {r['mkdocs']:5.1f} s), "
              f"{r['bytes_per_page'] / 1024:6.1f} KB/page, search index "
              f"{r['search_index'] / 1e6:5.2f} MB, {1e3 * total / r['pages']:5.1f} ms/page")
    first, last = rows[0], rows[-1]
    ratio = ((last["ours"] + last["mkdocs"]) / last["pages"]) / (
        (first["ours"] + first["mkdocs"]) / first["pages"])
    print(f"per-page cost at {last['n']} vs {first['n']}: {ratio:.2f}x (aim <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
