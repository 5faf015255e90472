"""Read the whole shared corpus: (read + graph + validate) vs. the raw lxml parse of the same
bytes, both measured in this run, best of several repetitions (the machines are noisy).

    .venv/bin/python bench/read_corpus.py [--repeat N] [PATH...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kls_model.documents import Register, read_register  # noqa: E402
from kls_model.load import assemble, batch_mode  # noqa: E402
from kls_model.read import read_bytes  # noqa: E402
from kls_model.rules import validate  # noqa: E402
from timing import interleaved  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "miwg"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    files = sorted(p for raw in args.paths for p in (
        Path(raw).glob("**/*.bpmn") if Path(raw).is_dir() else [Path(raw)]))
    blobs = [(str(p), p.read_bytes()) for p in files]  # I/O excluded from both sides
    registers = [p for raw in args.paths for p in Path(raw).glob("**/dokument.yml")]
    register = read_register(str(registers[0]))[0] if registers else Register()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def raw():
        for _, data in blobs:
            etree.fromstring(data, parser)

    def read_only():
        with batch_mode():
            return [read_bytes(data, path)[0] for path, data in blobs]

    def ours():
        with batch_mode():
            return _ours()

    def _ours():
        system, _ = assemble([d for d in read_only() if d is not None], register)
        return validate(system)

    raw(), ours()  # warm up imports and caches
    t_raw, t_read, t_ours = interleaved(args.repeat, raw, read_only, ours)
    size = sum(len(d) for _, d in blobs)
    print(f"{len(blobs)} files, {size / 1e6:.2f} MB, best of {args.repeat}, "
          f"register: {registers[0] if registers else 'none'}")
    print(f"raw lxml parse               {t_raw * 1e3:8.1f} ms")
    print(f"kls read                     {t_read * 1e3:8.1f} ms   {t_read / t_raw:5.2f}x raw")
    print(f"kls read + graph + validate  {t_ours * 1e3:8.1f} ms   {t_ours / t_raw:5.2f}x raw"
          f"   (aim <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
