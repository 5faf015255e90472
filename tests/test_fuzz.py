"""Mutation fuzzing of `kls check` (bench/fuzz_check.py has the long run): 2,000 mutated copies
of the example KLS and the MIWG reference models, checked 100 at a time through the CLI entry
point. Any exception, non-JSON output or finding without a place fails."""

from __future__ import annotations

import sys

from conftest import ROOT, corpus_files

sys.path.insert(0, str(ROOT / "bench"))
import fuzz_check  # noqa: E402

COUNT, SEED = 2000, 20261123


def test_mutated_models_never_crash_kls_check(tmp_path):
    assert corpus_files()  # fails loudly when ../shared is missing
    result = fuzz_check.run(COUNT, SEED, tmp_path)
    assert result["folders"] == COUNT // fuzz_check.FOLDER_SIZE
    report = [f"{folder.name}: {failure}\nmutations: {log}"
              for folder, log, failure in result["failures"]]
    assert report == [], "\n\n".join(report)
    assert result["findings"] > COUNT  # the mutants are broken, and kls says so


def test_mutants_are_deterministic_and_varied(tmp_path):
    sources = fuzz_check.load_sources(fuzz_check.SOURCES)
    a = fuzz_check.write_mutants(sources, 60, SEED, tmp_path / "a")
    b = fuzz_check.write_mutants(sources, 60, SEED, tmp_path / "b")
    files_a = sorted((tmp_path / "a").glob("*/*.bpmn"))
    assert [p.read_bytes() for p in files_a] == [
        p.read_bytes() for p in sorted((tmp_path / "b").glob("*/*.bpmn"))]
    kinds = {step.split()[0] for _, log in a for steps in log.values() for step in steps}
    assert {"delete", "duplicate", "move", "retag", "garble", "reference"} <= kinds
    assert a[0][1] == b[0][1]
