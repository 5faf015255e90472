"""Findings: what kls says about a model, compiler-style, with a stable code per kind of problem.

Every code is listed here once with its severity; its Swedish title and message live in
``texts.MESSAGES``. Codes are never reused for another meaning.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel

from . import texts
from .bpmn import build

__all__ = ["Severity", "CODES", "Finding", "finding", "count"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def swedish(self) -> str:
        return texts.SEVERITY[self.value]


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: code -> severity. The single table of codes; tests check it matches texts.MESSAGES.
CODES: dict[str, Severity] = {
    "KLS001": E, "KLS002": E, "KLS003": E, "KLS004": E, "KLS005": E, "KLS006": E,
    "KLS007": W, "KLS008": W, "KLS009": E,
    "KLS010": E, "KLS011": E, "KLS012": E, "KLS013": E, "KLS014": W, "KLS015": W,
    "KLS016": E, "KLS017": E, "KLS018": W, "KLS019": W, "KLS020": W, "KLS021": E,
    "KLS022": W, "KLS023": W, "KLS024": E, "KLS025": E,
    "KLS026": W, "KLS027": W, "KLS028": W, "KLS029": W,
    "KLS034": W, "KLS035": W, "KLS036": W, "KLS037": W, "KLS038": W,
    "KLS030": E, "KLS031": E, "KLS032": E, "KLS033": I,
    "KLS060": E, "KLS061": E, "KLS062": W,
    "KLS039": W,  # a second dokument.yml (load.ignored_registers)
    "KLS056": W,  # a diagram the site could not draw (site_build/pages/embed.py)
    "KLS095": W, "KLS096": E,  # mkdocs.yml extra.kls (site_build/config.py)
    "KLS040": W, "KLS041": W, "KLS042": W, "KLS043": W, "KLS044": W, "KLS045": E,
    "KLS046": W, "KLS047": W, "KLS048": W, "KLS049": W, "KLS050": I,
    # diagrams: what cannot be drawn (issue 11's range KLS051-KLS059)
    "KLS051": W, "KLS052": W, "KLS053": W, "KLS054": W,
    # diagrams: DI that other tools' files lose silently (several planes, hidden and lacking)
    "KLS055": W, "KLS057": W,
    # issue 10: files from any tool, bpmnlint's recommended rules kls lacked
    "KLS069": W,  # a file that says UTF-8 but is not (xmlsafe.py)
    "KLS070": W, "KLS071": W, "KLS072": W, "KLS073": W, "KLS074": W, "KLS075": W,
    "KLS076": W, "KLS077": W, "KLS078": E, "KLS079": W,
    # requirements and compliance (issue 14)
    "KLS080": E, "KLS081": W, "KLS082": W,
}


class Finding(BaseModel):
    code: str
    severity: Severity
    path: str
    line: int
    element_id: str | None = None
    message: str
    target: str | None = None  # what a broken link points at, for the broken-link report

    def format(self) -> str:
        where = f" [{self.element_id}]" if self.element_id else ""
        return f"{self.path}:{self.line}: {self.code} {self.severity.swedish}: {self.message}{where}"

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.code, self.element_id or "")


def finding(code: str, path: str, line: int, element_id: str | None = None, *,
            target: str | None = None, **params) -> Finding:
    """Build a finding for ``code`` with its registered severity and Swedish message."""
    _title, template = texts.MESSAGES[code]
    return build(
        Finding,
        code=code,
        severity=CODES[code],
        path=str(path),
        line=int(line or 1),
        element_id=element_id,
        message=template.format(**params),
        target=target,
    )


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)
