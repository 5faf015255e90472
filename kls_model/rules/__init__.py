"""Validation rules: small units, each with a stable code, registered in one table.

A rule is a function ``(system) -> Iterable[Finding]`` decorated with ``@rule("KLS0xx")``;
its severity comes from ``diagnostics.CODES`` and its message from ``texts.MESSAGES``.
Importing this package registers every rule module.
"""

from .registry import RULES, rule, validate  # noqa: F401
from . import structure, profile_rules, register_rules, template_rules  # noqa: F401,E402
from . import diagram_rules  # noqa: F401,E402  (issue 11: what diagrams cannot draw)
