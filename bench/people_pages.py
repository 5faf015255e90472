"""Cost of the compliance, owner, role, lagrum and feed pages (issue 14) at 100 and 1000
processes of the synthetic KLS, measured in one run.

    .venv/bin/python bench/people_pages.py [--sizes 100 1000] [--repeat 3]

Per size: the time of all our pages (``write_pages`` into memory and disk), the time of the
pages issue 14 added (assessment, owner and role pages, Lagrum A–Ö, the Atom feed, each with
its share), and the cost per process at the largest size as a ratio to the smallest (aim:
within 1.3x, i.e. linear). The five workloads of a size run interleaved, best of ``repeat``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kls_model.load import load  # noqa: E402
from site_build.pages import write_pages  # noqa: E402
from site_build.pages.compliance_page import compliance_pages  # noqa: E402
from site_build.pages.feed import atom_feed  # noqa: E402
from site_build.pages.legal_page import legal_page  # noqa: E402
from site_build.pages.owner_pages import owner_pages  # noqa: E402
from site_build.pages.role_pages import role_pages  # noqa: E402
from site_build.pages.plan import plan_site  # noqa: E402
from site_build.settings import Change, SiteSettings  # noqa: E402
from synthetic import generate  # noqa: E402
from timing import interleaved  # noqa: E402


def _settings(system) -> SiteSettings:
    """A history of one change per ten processes, as git would give."""
    processes = sorted(p for p in system.graph if p.startswith("Process_p"))
    changes = [Change(commit=f"{i:07x}", sha=f"{i:040x}", time="2026-01-15T10:00:00+01:00",
                      date="2026-01-15", subject=f"Ändring {i}", processes=processes[i:i + 10])
               for i in range(0, len(processes), 10)][:200]
    return SiteSettings(site_url="https://kls.exempelstad.se/", changes=changes)


def measure(n: int, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(n, Path(tmp) / "models")
        system, _ = load([str(Path(tmp) / "models")])
        settings = _settings(system)
        site = plan_site(system, settings)
        out = Path(tmp) / "docs"

        def whole():
            import shutil
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            system._memo.pop("compliance", None)  # assess afresh, as a new build would
            write_pages(system, out, settings)

        def assess_and_compliance():
            system._memo.pop("compliance", None)
            compliance_pages(site)

        work = {"all pages": whole,
                "compliance": assess_and_compliance,
                "owners": lambda: owner_pages(site),
                "roles": lambda: role_pages(site),
                "lagrum": lambda: legal_page(site),
                "feed": lambda: atom_feed(site)}
        times = interleaved(repeat, *work.values())
        return dict(zip(work, times))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {n: measure(n, args.repeat) for n in args.sizes}
    for n, times in results.items():
        ours = sum(t for k, t in times.items() if k != "all pages")
        parts = ", ".join(f"{k} {t * 1000:.0f} ms" for k, t in times.items() if k != "all pages")
        print(f"{n:5d} processes: all pages {times['all pages']:.2f} s; issue 14's pages "
              f"{ours:.2f} s ({ours / times['all pages']:.0%}): {parts}")
    small, large = min(results), max(results)
    for key in results[small]:
        ratio = (results[large][key] / large) / (results[small][key] / small)
        print(f"per-process cost of {key} at {large} vs {small}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
