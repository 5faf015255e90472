"""The benchmark generator makes a valid, deterministic KLS (benchmarks rely on both)."""

from __future__ import annotations

import sys

from conftest import ROOT, check

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import generate  # noqa: E402


def test_synthetic_kls_is_valid_and_deterministic(tmp_path):
    a = generate(25, tmp_path / "a")
    b = generate(25, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    system, findings = check(tmp_path / "a")
    assert [f.format() for f in findings if f.code != "KLS033"] == []
    assert len(system.graph.graph["maps"]) == 1
    levels = [d.get("level") for _, d in system.graph.nodes(data=True) if d["kind"] == "process"]
    assert levels.count(1) == 10 and levels.count(2) == 15 and None not in levels
