"""kls check beside bpmnlint (`bpmnlint:recommended`, npm bpmnlint 11.15.0 from node_modules)
on the same files: per mapped rule, where both report, only bpmnlint, only kls; then the time
each takes per file and for the whole folder, measured in this one run.

    .venv/bin/python bench/bpmnlint_compare.py [--repeat N] [--details] [PATH...]

Default paths: the shared MIWG corpus and the example KLS in models/. Each file is checked
on its own by both tools, so that kls's KLS-wide id index (an id in two files is KLS016 and
the second copy is left out) does not hide findings bpmnlint, which sees one file at a
time, makes. The mapping below is the one the user guide documents (Kontrollkoder).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kls_model import bpmn as m  # noqa: E402
from kls_model.check import run_check  # noqa: E402
from kls_model.load import batch_mode  # noqa: E402
from kls_model.read import read_file  # noqa: E402
from timing import best_of  # noqa: E402

RUNNER = ROOT / "bench" / "bpmnlint_run.cjs"
DEFAULT = [ROOT.parent / "shared" / "corpus" / "miwg", ROOT / "models"]

#: bpmnlint rule -> the kls codes that say the same thing. "import" is bpmn-moddle's
#: "unresolved reference" warning while reading, compared by the id referred to.
MAPPING: dict[str, tuple[str, ...]] = {
    "start-event-required": ("KLS040",),
    "end-event-required": ("KLS041",),
    "no-disconnected": ("KLS042",),
    "label-required": ("KLS043",),
    "no-implicit-split": ("KLS044",),
    "fake-join": ("KLS046",),
    "superfluous-gateway": ("KLS047",),
    "no-gateway-join-fork": ("KLS048",),
    "no-duplicate-sequence-flows": ("KLS049",),
    "no-bpmndi": ("KLS079",),
    "no-implicit-start": ("KLS071", "KLS042"),
    "no-implicit-end": ("KLS072", "KLS042"),
    "single-blank-start-event": ("KLS073",),
    "superfluous-termination": ("KLS074",),
    "link-event": ("KLS075",),
    "event-based-gateway": ("KLS076",),
    "conditional-flows": ("KLS077",),
    "import": ("KLS045", "KLS078"),
}
#: Recommended rules kls deliberately has no code for (the guide says why).
NOT_MIRRORED = ("ad-hoc-sub-process", "event-sub-process-typed-start-event", "global",
                "no-complex-gateway", "no-inclusive-gateway", "no-overlapping-elements",
                "single-event-definition", "sub-process-blank-start-event", "superfluous-label")
_UNRESOLVED = re.compile(r"unresolved reference <([^>]*)>")


def bpmn_files(paths: list[str]) -> list[Path]:
    return sorted(p for raw in paths for p in (
        Path(raw).glob("**/*.bpmn") if Path(raw).is_dir() else [Path(raw)]))


def run_bpmnlint(files: list[Path]) -> dict:
    """One node process over every file; its JSON has per-file reports and times."""
    proc = subprocess.run(["node", str(RUNNER), *map(str, files)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT, check=True)
    return json.loads(proc.stdout)


def bpmnlint_keys(result: dict) -> dict[str, set[tuple[str, str]]]:
    """Per mapped rule, the (file, element id) pairs bpmnlint reports."""
    keys: dict[str, set] = defaultdict(set)
    for entry in result["files"]:
        for report in entry["reports"]:
            keys[report["rule"]].add((entry["file"], report["id"]))
        for warning in entry["warnings"]:
            match = _UNRESOLVED.search(warning)
            if match:
                keys["import"].add((entry["file"], match[1]))
        if entry["error"]:
            keys["parse-error"].add((entry["file"], None))
    return keys


def kls_findings(files: list[Path]) -> dict[str, list]:
    with batch_mode():
        return {str(f): run_check([str(f)]).findings for f in files}


def kls_keys(findings: dict[str, list]) -> dict[str, set[tuple[str, str]]]:
    keys: dict[str, set] = defaultdict(set)
    for path, found in findings.items():
        for rule, codes in MAPPING.items():
            for f in found:
                if f.code in codes:
                    keys[rule].add((path, f.target if rule == "import" else f.element_id))
    return keys


def compare(lint: dict, ours: dict) -> list[tuple[str, str, set, set, set]]:
    rows = []
    for rule, codes in MAPPING.items():
        theirs, mine = lint.get(rule, set()), ours.get(rule, set())
        rows.append((rule, "/".join(codes), theirs & mine, theirs - mine, mine - theirs))
    return rows


def print_table(rows, lint: dict, details: bool) -> None:
    print(f"{'bpmnlint rule':30} {'kls':15} {'both':>5} {'only bpmnlint':>14} {'only kls':>9}")
    for rule, codes, both, theirs, mine in rows:
        print(f"{rule:30} {codes:15} {len(both):5} {len(theirs):14} {len(mine):9}")
    unmapped = {r: len(lint.get(r, ())) for r in NOT_MIRRORED if lint.get(r)}
    print(f"not mirrored by kls (deliberately): {unmapped or 'none reported'}")
    if lint.get("parse-error"):
        print(f"files bpmn-moddle could not read: {sorted(f for f, _ in lint['parse-error'])}")
    for rule, _codes, _both, theirs, mine in rows:
        for label, keys in (("only bpmnlint", theirs), ("only kls", mine)):
            shown = sorted(keys, key=str) if details else sorted(keys, key=str)[:4]
            for path, element in shown:
                print(f"  {rule} {label}: {_short(path)} [{element}] {_describe(path, element)}")
            if len(keys) > len(shown):
                print(f"  {rule} {label}: ... {len(keys) - len(shown)} more (--details)")


def _describe(path: str, element_id: str | None) -> str:
    """What the element is, as kls read it, to judge a disagreement at a glance."""
    defs, _ = read_file(path)
    element = defs.get(element_id) if defs else None
    if element is None:
        return "(kls has no such element)"
    facts = [element.type]
    if element.name:
        facts.append(f"name={element.name!r}")
    if isinstance(element, m.Activity) and element.is_subprocess:
        facts.append(f"{len(element.children)} children")
    if isinstance(element, m.Event) and element.definitions:
        facts.append("+".join(element.definitions))
    if isinstance(element, m.Flow) and element.source in defs.elements:
        facts.append(f"from {defs.elements[element.source].type}")
    if isinstance(element, m.FlowNode):
        facts.append(f"in={len(element.incoming)} out={len(element.outgoing)}")
    return "(" + ", ".join(facts) + ")"


def _short(path: str) -> str:
    p = Path(path).resolve()
    for base in (ROOT.parent / "shared", ROOT):
        if p.is_relative_to(base):
            return str(p.relative_to(base))
    return path


def timings(files: list[Path], paths: list[str], repeat: int, lint: dict) -> None:
    """Per file: kls's run_check of one file against bpmnlint's parse + lint of it, both in
    process. Whole folder: kls's check of all paths in process against bpmnlint's loop over
    all files in process, and both command lines from the shell (interpreter start-up in)."""
    per_kls = []
    for f in files:
        with batch_mode():
            per_kls.append(best_of(repeat, lambda f=f: run_check([str(f)])))
    lint_runs = [lint] + [run_bpmnlint(files) for _ in range(repeat - 1)]
    per_lint = [min(run["files"][i]["ms"] for run in lint_runs) / 1e3 for i in range(len(files))]
    with batch_mode():
        folder_kls = best_of(repeat, lambda: run_check(paths))
    folder_lint = min(run["total_ms"] for run in lint_runs) / 1e3
    cli_kls = best_of(repeat, lambda: _shell([sys.executable, "-m", "kls", "check", "--format",
                                              "json", *paths]))
    cli_lint = best_of(repeat, lambda: _shell(["node", str(RUNNER), *map(str, files)]))
    med_k, med_l = statistics.median(per_kls), statistics.median(per_lint)
    print(f"\n{len(files)} files, best of {repeat}")
    print(f"per file, median         kls {med_k * 1e3:7.1f} ms   bpmnlint {med_l * 1e3:7.1f} ms"
          f"   kls/bpmnlint {med_k / med_l:5.2f}x")
    print(f"per file, largest file   kls {max(per_kls) * 1e3:7.1f} ms   bpmnlint "
          f"{max(per_lint) * 1e3:7.1f} ms")
    print(f"per file, sum            kls {sum(per_kls) * 1e3:7.1f} ms   bpmnlint "
          f"{sum(per_lint) * 1e3:7.1f} ms   kls/bpmnlint {sum(per_kls) / sum(per_lint):5.2f}x")
    print(f"whole folder, in process kls {folder_kls * 1e3:7.1f} ms   bpmnlint "
          f"{folder_lint * 1e3:7.1f} ms   kls/bpmnlint {folder_kls / folder_lint:5.2f}x")
    print(f"whole folder, CLI        kls {cli_kls * 1e3:7.1f} ms   bpmnlint "
          f"{cli_lint * 1e3:7.1f} ms   kls/bpmnlint {cli_kls / cli_lint:5.2f}x")


def _shell(argv: list[str]) -> None:
    subprocess.run(argv, capture_output=True, timeout=600, cwd=ROOT)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULT])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    files = bpmn_files(args.paths)
    started = time.perf_counter()
    lint = run_bpmnlint(files)
    lint_keys = bpmnlint_keys(lint)
    print_table(compare(lint_keys, kls_keys(kls_findings(files))), lint_keys, args.details)
    if not args.no_timing:
        timings(files, args.paths, args.repeat, lint)
    print(f"(run took {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
