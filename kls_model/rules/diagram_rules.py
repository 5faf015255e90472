"""Diagrams: what a plane cannot draw (KLS051-KLS053, from ``kls_model.di.plan``, the same
plan the renderer draws from), and what a plane hides inside a collapsed sub-process whose own
plane lacks it (KLS057, ``kls_model.di.not_shown``). Elements that no plane draws are KLS079
(structure.py). The reader reports KLS054, a shape without bounds (such a shape never reaches
the model), and KLS055, a diagram with several planes (they become diagrams of their own)."""

from __future__ import annotations

from .. import bpmn as m
from .. import texts
from ..di import NO_ELEMENT, NO_PATH, WRONG_KIND, not_shown, plans
from ..diagnostics import finding
from ..system import QualitySystem
from .registry import rule

__all__: list[str] = []  # importing the module registers its rules


def _plans(system: QualitySystem):
    """(file, the plan of each of its diagrams), computed once for all the diagram rules."""
    return system.memo("di.plans", lambda: [(defs, plans(defs)) for defs in system.files])


def _skipped(system: QualitySystem, code: str):
    """(file, DI element, its BPMN element) for every DI element not drawn for ``code``."""
    for defs, file_plans in _plans(system):
        for drawing in file_plans:
            for di, why in drawing.skipped:
                if why == code:
                    yield defs, di, defs.get(di.element)


def _di_kind(di) -> tuple[str, str]:
    edge = isinstance(di, m.Edge)
    return (texts.DI_PARTS["di_edge" if edge else "di_shape"],
            texts.DI_PARTS["as_edge" if edge else "as_shape"])


@rule("KLS051")
def di_without_element(system: QualitySystem):
    for defs, di, _ in _skipped(system, NO_ELEMENT):
        yield finding("KLS051", defs.path, di.line, di.id or None,
                      di_kind=_di_kind(di)[0], id=di.id)


@rule("KLS052")
def di_of_wrong_kind(system: QualitySystem):
    for defs, di, e in _skipped(system, WRONG_KIND):
        di_kind, as_kind = _di_kind(di)
        yield finding("KLS052", defs.path, di.line, e.id, di_kind=di_kind, id=di.id,
                      kind=texts.kind_name(e.type), name=e.name or e.id, as_kind=as_kind)


@rule("KLS053")
def edge_without_path(system: QualitySystem):
    """A line with fewer than two waypoints: drawn straight between its shapes when both
    are there (di.plan), else not drawn."""
    for defs, di, e in _skipped(system, NO_PATH):
        yield _no_path(defs, di, e, texts.DI_PARTS["not_drawn"])
    for defs, file_plans in _plans(system):
        for drawing in file_plans:
            for di in drawing.straight:
                yield _no_path(defs, di, defs.get(di.element), texts.DI_PARTS["drawn_straight"])


def _no_path(defs, di, e, outcome: str):
    return finding("KLS053", defs.path, di.line, e.id, id=di.id, kind=texts.kind_name(e.type),
                   name=e.name or e.id, count=len(di.waypoints), outcome=outcome)


@rule("KLS057")
def hidden_and_missing_from_own_diagram(system: QualitySystem):
    for defs, file_plans in _plans(system):
        for di, sub_id in not_shown(defs, file_plans):
            e, sub = defs.get(di.element), defs.get(sub_id)
            yield finding("KLS057", defs.path, di.line, e.id, di_kind=_di_kind(di)[0],
                          id=di.id, kind=texts.kind_name(e.type), name=e.name or e.id,
                          sub=sub.name or sub.id)
