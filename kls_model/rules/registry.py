"""The rule registry and the loop that runs it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import graph as g
from ..diagnostics import CODES, Finding, finding
from ..system import QualitySystem

__all__ = ["Rule", "RULES", "rule", "validate", "at", "display_name"]

RuleFunction = Callable[[QualitySystem], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    check: RuleFunction

    @property
    def name(self) -> str:
        return self.check.__name__


RULES: dict[str, Rule] = {}


def rule(code: str) -> Callable[[RuleFunction], RuleFunction]:
    if code not in CODES:
        raise ValueError(f"rule code {code} is not in diagnostics.CODES")

    def register(fn: RuleFunction) -> RuleFunction:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, fn)
        return fn

    return register


def validate(system: QualitySystem, only: Iterable[str] | None = None) -> list[Finding]:
    """Run every registered rule (or just ``only``) and return their findings.

    A full run is remembered on the system (which never changes after loading), so the
    build's check and the site's report pages share one validation."""
    if only is None:
        return list(system.memo("findings", lambda: _run(system, RULES)))
    wanted = set(only)
    return _run(system, {c: r for c, r in RULES.items() if c in wanted})


def _run(system: QualitySystem, rules: dict[str, Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for entry in rules.values():
        findings.extend(entry.check(system))
    return findings


def at(system: QualitySystem, code: str, node: str, line: int | None = None, *,
       target: str | None = None, **params) -> Finding:
    """A finding located at the element behind graph node ``node``: its file, line and BPMN
    id (what the processhandledare sees in Camunda Modeler, not our qualified key)."""
    defs, element = system.index[node]
    return finding(code, defs.path, line or element.line, element.id, target=target, **params)


def display_name(system: QualitySystem, node: str) -> str:
    name = g.node(system.graph, node).name if node in system.graph else ""
    return name or node
