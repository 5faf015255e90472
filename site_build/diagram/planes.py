"""Which diagrams a file has to show: every drawn plane; a view of each sub-process whose
contents are drawn in its parent's plane but hidden there because the sub-process is drawn
collapsed; and a Graphviz layout for each process (or collapsed sub-process) whose contents
are drawn nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from kls_model import bpmn as m
from kls_model.di import not_shown, own_planes, plans

from .layout import layout_process


@dataclass(frozen=True)
class Drawable:
    diagram: m.Diagram
    element_id: str | None  # the process, collaboration or sub-process the plane shows
    auto: bool  # laid out by kls ("ritat automatiskt"), not drawn in the modeler
    scope: str | None = None  # draw only this sub-process and its contents


def diagrams_for(defs: m.Definitions) -> list[Drawable]:
    result: list[Drawable] = []
    drawn: set[str] = set()
    planes = own_planes(defs)
    file_plans = plans(defs)
    lost = {id(di) for di, _ in not_shown(defs, file_plans)}  # KLS057: not drawn anywhere
    for d, drawing in zip(defs.diagrams, file_plans):
        if not (d.plane.shapes or d.plane.edges):
            continue
        result.append(Drawable(d, d.plane.element, False))
        drawn |= drawing.drawn
        for sub_id, hidden in drawing.hidden.items():
            drawn |= {di.element for di in hidden if id(di) not in lost}
            if sub_id not in planes:
                result.append(Drawable(d, sub_id, False, scope=sub_id))
    for process_id in defs.processes:
        process = defs.get(process_id)
        if _has_nodes(defs, process) and not any(c in drawn for c in process.children):
            result.append(Drawable(layout_process(defs, process_id), process_id, True))
    for e in list(defs.elements.values()):
        if e.type in m.SUBPROCESS_TYPES and e.id in drawn and e.id not in planes \
                and _has_nodes(defs, e) and not any(c in drawn for c in e.children):
            result.append(Drawable(layout_process(defs, e.id), e.id, True))
    return result


def _has_nodes(defs: m.Definitions, container: m.Element | None) -> bool:
    return container is not None and any(
        (child := defs.get(c)) is not None and child.type in m.FLOW_NODE_TYPES
        for c in getattr(container, "children", []))
