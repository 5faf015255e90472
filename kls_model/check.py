"""`kls check`: load, validate, print compiler-style or JSON, and write the reviewer reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass

from . import graph as g
from . import texts
from .diagnostics import Finding, Severity, count
from .linkcheck import CACHE_FILE, check_register_links
from .load import batch_mode, load
from .rules import validate
from .system import QualitySystem

__all__ = ["BROKEN_LINK_CODES", "LinkOptions", "CheckResult", "run_check", "summary",
           "print_text", "print_json", "write_reports"]

#: Codes that belong in the broken-link report.
BROKEN_LINK_CODES = ("KLS011", "KLS012", "KLS013", "KLS045", "KLS060", "KLS061", "KLS062",
                     "KLS078")


@dataclass
class LinkOptions:
    timeout: float = 10.0
    workers: int = 8
    cache: str | None = CACHE_FILE


@dataclass
class CheckResult:
    system: QualitySystem
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> int:
        return count(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.findings, Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def run_check(paths: list[str], today: dt.date | None = None,
              links: LinkOptions | None = None) -> CheckResult:
    with batch_mode():
        system, findings = load(paths, today=today)
        findings = findings + validate(system)
    if links is not None:
        findings += check_register_links(system.register, links.timeout, links.workers,
                                         links.cache)
    findings.sort(key=Finding.sort_key)
    return CheckResult(system, findings, len(system.paths))


def summary(result: CheckResult) -> str:
    G = result.system.graph
    return texts.CLI_SUMMARY.format(
        files=result.files, processes=len(g.processes(G)), activities=len(g.activities(G)),
        errors=result.errors, warnings=result.warnings)


# ``out`` defaults to the sys.stdout of the moment of the call, not of the import, so that a
# caller's contextlib.redirect_stdout works (the fuzz test runs the CLI in process).


def print_text(result: CheckResult, out=None) -> None:
    out = out or sys.stdout
    for f in result.findings:
        print(f.format(), file=out)
    print(summary(result), file=out)


def print_json(result: CheckResult, out=None) -> None:
    out = out or sys.stdout
    G = result.system.graph
    payload = {
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "summary": {"files": result.files, "processes": len(g.processes(G)),
                    "activities": len(g.activities(G)), "errors": result.errors,
                    "warnings": result.warnings},
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_reports(result: CheckResult, directory: str) -> list[str]:
    """The reviewers' CSV reports: processes without owner, and broken links."""
    os.makedirs(directory, exist_ok=True)
    owners = os.path.join(directory, texts.REPORT_MISSING_OWNERS)
    links = os.path.join(directory, texts.REPORT_BROKEN_LINKS)
    _write_csv(owners, texts.REPORT_MISSING_OWNERS_HEADER, _missing_owner_rows(result))
    _write_csv(links, texts.REPORT_BROKEN_LINKS_HEADER, _broken_link_rows(result))
    return [owners, links]


def _missing_owner_rows(result: CheckResult):
    G = result.system.graph
    for f in result.findings:
        if f.code == "KLS010":
            process = g.node(G, f.element_id)
            yield [f.element_id, process.name, f.path, f.line, g.level_name(process.level),
                   process.profile.category or ""]


def _broken_link_rows(result: CheckResult):
    G = result.system.graph
    for f in result.findings:
        if f.code in BROKEN_LINK_CODES:
            node = result.system.node_at(f.path, f.element_id)  # flow nodes: process/id keys
            name = g.node(G, node).name if node is not None else ""
            yield [f.code, f.path, f.line, f.element_id or "", name, f.target or "", f.message]


def _write_csv(path: str, header: list[str], rows) -> None:
    # UTF-8 with BOM so Excel, which reviewers open these in, shows å, ä and ö right.
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
