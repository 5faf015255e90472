"""`kls check` as users run it: exit codes, text and JSON, the CSV reports."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from kls.cli import main

from conftest import FIXTURES, ROOT

MINIMAL = str(FIXTURES / "valid" / "minimal")
REGISTER = str(FIXTURES / "dokument.yml")


def kls(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kls", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_clean_kls_exits_0_with_a_summary():
    proc = kls("check", MINIMAL, "--today", "2026-11-23")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "2 filer, 2 processer, 4 aktiviteter: 0 fel, 0 varningar"


def test_errors_exit_1_compiler_style():
    path = str(FIXTURES / "error" / "process-without-owner.bpmn")
    proc = kls("check", path, REGISTER)
    assert proc.returncode == 1
    assert f"{path}:3: KLS010 fel: processen 'Process utan ägare' saknar processägare" \
           f" (egenskapen 'ägare') [Process_utan_agare]" in proc.stdout.splitlines()


def test_warnings_pass_unless_strict():
    path = str(FIXTURES / "warning" / "activity-without-routine.bpmn")
    assert main(["check", path, REGISTER]) == 0
    assert main(["check", path, REGISTER, "--strict"]) == 1


def test_usage_errors_exit_2():
    assert kls("check", "/finns/inte").returncode == 2
    assert "sökvägen finns inte" in kls("check", "/finns/inte").stderr
    assert kls("check", "--format", "xml").returncode == 2
    assert kls("nonsense").returncode == 2


def test_json_output():
    proc = kls("check", "--format", "json", str(FIXTURES / "error" / "unknown-document-id.bpmn"),
               REGISTER)
    payload = json.loads(proc.stdout)
    [hit] = [f for f in payload["findings"] if f["code"] == "KLS011"]
    assert hit == {"code": "KLS011", "severity": "error", "line": 6, "element_id": "Task_a",
                   "path": str(FIXTURES / "error" / "unknown-document-id.bpmn"),
                   "message": "'Göra något' hänvisar till dokumentet 'RUT-999', som inte finns "
                              "i dokumentregistret", "target": "RUT-999"}
    assert payload["summary"]["errors"] >= 1


def test_reports_missing_owners_and_broken_links(tmp_path):
    # unknown-document-id first: the fixtures share ids like Task_a and the first file wins.
    paths = [str(FIXTURES / "error" / n) for n in (
        "unknown-document-id.bpmn", "process-without-owner.bpmn",
        "call-activity-unknown-process.bpmn", "dangling-references.bpmn")]
    out = tmp_path / "rapporter"
    proc = kls("check", *paths, str(FIXTURES / "error" / "register-defects" / "dokument.yml"),
               "--reports", str(out))
    assert proc.returncode == 1

    def rows(name):
        with open(out / name, encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh, delimiter=";"))

    owners = rows("saknade-agare.csv")
    assert owners[0] == ["process-id", "process", "fil", "rad", "nivå", "kategori"]
    assert [r[0] for r in owners[1:]] == ["Process_utan_agare"]
    links = rows("trasiga-lankar.csv")
    codes_targets = sorted((r[0], r[5]) for r in links[1:])
    assert ("KLS011", "RUT-999") in codes_targets
    assert ("KLS012", "Process_finns_inte") in codes_targets
    assert ("KLS013", "javascript:alert(document.cookie)") in codes_targets
    assert ("KLS045", "Task_gone") in codes_targets


def test_codes_lists_every_code():
    proc = kls("codes")
    assert proc.returncode == 0
    assert "KLS010  fel      Process utan ägare" in proc.stdout
    assert len(proc.stdout.splitlines()) == len(__import__("kls_model.diagnostics").diagnostics.CODES)


def test_a_folder_without_models_fails_instead_of_checking_nothing(tmp_path):
    proc = kls("check", str(tmp_path))
    assert proc.returncode == 1
    assert "inga BPMN-filer hittades i" in proc.stderr


def test_strict_says_why_it_failed():
    proc = kls("check", "--strict", str(FIXTURES / "warning" / "activity-without-routine.bpmn"),
               REGISTER)
    assert proc.returncode == 1 and "--strict: varningar räknas som fel" in proc.stderr
