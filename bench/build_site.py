"""Site build cost at 100 and 1000 processes of the synthetic KLS, measured in one run.

    .venv/bin/python bench/build_site.py [--sizes 100 1000]

Prints, per size: total time, our share (load + validate + pages) vs. MkDocs' share, HTML
bytes per page, search index size, and the per-page cost at the largest size as a ratio to
the smallest (aim: within 1.3x, i.e. the build scales linearly).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kls_model.check import run_check  # noqa: E402
from site_build.build import BuildRequest, _load_config, _run_mkdocs, _settings  # noqa: E402
from site_build.pages import write_pages  # noqa: E402
from synthetic import generate  # noqa: E402


def measure(n: int, work: Path) -> dict:
    models = work / f"kls-{n}"
    generate(n, models)
    staging = work / f"staging-{n}"
    staging.mkdir()
    request = BuildRequest(config=ROOT / "mkdocs.yml", out=work / f"site-{n}",
                           models=[str(models)])
    start = time.perf_counter()
    settings = _settings(_load_config(request.config, staging, nav=None), request)
    result = run_check([str(models)])
    nav = write_pages(result.system, staging / "docs", settings)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    _run_mkdocs(_load_config(request.config, staging, nav=nav), epoch=0)
    mkdocs = time.perf_counter() - start
    site = staging / "site"
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
