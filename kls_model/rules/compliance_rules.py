"""Rules about requirements (``krav``): the requirement files can be read, every ``krav``
value names a known requirement, and, once a KLS declares ``krav`` at all, every requirement
is supported by the model."""

from __future__ import annotations

import difflib
from pathlib import Path

from .. import compliance, texts
from ..diagnostics import finding
from ..system import QualitySystem
from .profile_rules import property_line
from .registry import at, display_name, rule

__all__: list[str] = []  # importing the module registers its rules


@rule("KLS080")
def unreadable_requirements(system: QualitySystem):
    yield from compliance.frameworks(system)[1]


@rule("KLS081")
def unknown_requirement(system: QualitySystem):
    known = [r.id for f in compliance.frameworks(system)[0] for r in f.requirements]
    for citation in compliance.citations(system):
        if citation.source != "krav":
            continue
        if compliance.requirement_named(system, citation.reference) is None:
            value = citation.reference.text
            close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
            hint = texts.DID_YOU_MEAN.format(suggestion=close[0]) if close else ""
            yield at(system, "KLS081", citation.node,
                     line=property_line(system, citation.node, "krav", value),
                     name=display_name(system, citation.node), value=value, hint=hint)


@rule("KLS082")
def requirement_without_support(system: QualitySystem):
    """A requirement met by a process that no process names. Opt-in: a KLS that names no
    requirement at all has not started this work, and a warning per requirement would bury
    every other finding. (What the requirements on the whole KLS miss, such as a process
    map, other rules report.)"""
    if not any(c.source == "krav" for c in compliance.citations(system)):
        return
    for framework in compliance.assess(system):
        for assessment in framework.assessments:
            if assessment.status == compliance.MISSING and \
                    assessment.requirement.assess == "process":
                requirement = assessment.requirement
                yield _at_users_file(system, requirement)


def _at_users_file(system: QualitySystem, requirement):
    """KLS082 where the user can act: at the requirement in their own krav.yml, or, for a
    requirement shipped with kls (a file they neither have nor edit), at the process map,
    where the work of placing `krav` starts."""
    shipped = Path(requirement.path).resolve().is_relative_to(compliance.DATA_DIR)
    params = dict(requirement=requirement.id, title=requirement.title)
    if not shipped:
        return finding("KLS082", requirement.path, requirement.line, requirement.id, **params)
    if system.map_id is not None:
        defs, element = system.index[system.map_id]
        return finding("KLS082", defs.path, element.line, requirement.id, **params)
    return finding("KLS082", system.paths[0] if system.paths else requirement.path, 1,
                   requirement.id, **params)
