"""Render time of the whole MIWG corpus as a ratio to the raw lxml parse of the same files.

Both are measured in this run, several repetitions each, taking the minimum (the least
disturbed run). Rendering is every drawn plane of every file through ``render_diagram``,
from already read models (reading has its own benchmark), with what issue 11 added: every DI
element planned (kls_model.di), full names as tooltips, names never cut. The aim is a ratio of
3.5 or less.

    .venv/bin/python bench/render_corpus.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kls_model.read import read_bytes  # noqa: E402
from site_build.diagram import render_diagram  # noqa: E402
from timing import best_of, interleaved  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "miwg"
AIM = 3.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    files = sorted(CORPUS.glob("**/*.bpmn"))
    if not files:
        print(f"no corpus found at {CORPUS}", file=sys.stderr)
        return 1
    blobs = [(p, p.read_bytes()) for p in files]
    models = [(p, read_bytes(b, str(p))[0]) for p, b in blobs]
    planes = [(p, d, dg) for p, d in models if d is not None
              for dg in d.diagrams if dg.plane.shapes]

    def parse_all():
        for _, data in blobs:
            try:
                etree.fromstring(data)
            except etree.XMLSyntaxError:
                pass

    def render_all():
        for _, defs, diagram in planes:
            render_diagram(defs, diagram)

    render_all()  # warm caches (text widths) as a long-running build would have them
    parse, render = interleaved(args.repeat, parse_all, render_all)
    slowest = max(planes, key=lambda item: best_of(3, lambda: render_diagram(item[1], item[2])))
    slow_time = best_of(3, lambda: render_diagram(slowest[1], slowest[2]))
    ratio = render / parse
    size = sum(len(b) for _, b in blobs)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB, {len(planes)} diagrams")
    print(f"lxml parse: {parse * 1000:.1f} ms (best of {args.repeat})")
    print(f"render:     {render * 1000:.1f} ms (best of {args.repeat})")
    print(f"ratio render/parse: {ratio:.2f} (aim <= {AIM:g}){'' if ratio <= AIM else '  OVER THE AIM'}")
    print(f"slowest: {slowest[0].relative_to(CORPUS)} #{slowest[2].id} "
          f"({slow_time * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
