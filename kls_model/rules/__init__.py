"""Validation rules: small units, each with a stable code, registered in one table.

A rule is a function ``(system) -> Iterable[Finding]`` decorated with ``@rule("KLS0xx")``;
its severity comes from ``diagnostics.CODES`` and its message from ``texts.MESSAGES``.
Importing this package registers every rule module.
"""

from .registry import RULES, rule, validate  # noqa: F401
from . import (  # noqa: F401,E402  (registers rules)
    structure, flow_rules, profile_rules, register_rules, template_rules, compliance_rules,
    diagram_rules)

__all__ = ["RULES", "rule", "validate"]
