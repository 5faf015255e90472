"""Processes without DI are laid out by the real Graphviz ``dot``: left to right, lanes as
horizontal bands, embedded sub-processes around their contents; the renderer draws it."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from kls_model import bpmn as m
from kls_model.read import read_file
from site_build.diagram import diagrams_for, layout_process, render_diagram

FIXTURES = Path(__file__).parent / "fixtures" / "render"


def laid_out() -> tuple[m.Definitions, m.Diagram]:
    assert shutil.which("dot"), "Graphviz's dot is needed: apt-get install -y graphviz"
    defs, findings = read_file(str(FIXTURES / "no_di_lanes_subprocess.bpmn"))
    assert defs is not None and not findings and not defs.diagrams
    return defs, layout_process(defs, "Process_Utreda")


def within(inner: m.Bounds, outer: m.Bounds) -> bool:
    return (inner.x >= outer.x and inner.y >= outer.y
            and inner.x + inner.width <= outer.x + outer.width
            and inner.y + inner.height <= outer.y + outer.height)


def test_every_node_gets_a_shape_and_every_flow_a_route():
    defs, diagram = laid_out()
    shapes = {s.element: s for s in diagram.plane.shapes}
    nodes = [e for e in defs.elements.values()
             if e.type in m.FLOW_NODE_TYPES or e.type == "dataObjectReference"]
    assert {e.id for e in nodes} <= set(shapes)
    routed = {edge.element for edge in diagram.plane.edges}
    flows = {e.id for e in (e for e in defs.elements.values()
                      if e.type in ("sequenceFlow", "dataInputAssociation"))}
    assert flows <= routed
    assert all(len(edge.waypoints) >= 2 for edge in diagram.plane.edges)


def test_lanes_are_stacked_bands_holding_their_nodes():
    defs, diagram = laid_out()
    shapes = {s.element: s for s in diagram.plane.shapes}
    top, bottom = shapes["Lane_Handlaggare"].bounds, shapes["Lane_Chef"].bounds
    assert top.y + top.height == bottom.y  # no gap, no overlap, in the file's order
    assert (top.x, top.width) == (bottom.x, bottom.width)
    for lane in (defs.get("Lane_Handlaggare"), defs.get("Lane_Chef")):
        for ref in lane.flow_node_refs:
            if defs.get(ref).type != "boundaryEvent":
                assert within(shapes[ref].bounds, shapes[lane.id].bounds), ref


def test_left_to_right_and_subprocess_around_its_contents():
    defs, diagram = laid_out()
    shapes = {s.element: s for s in diagram.plane.shapes}
    x = {k: s.bounds.x for k, s in shapes.items()}
    assert x["Start_1"] < x["Task_Ta_emot"] < x["Gateway_Komplett"] < x["Sub_Utredning"]
    assert x["Sub_Utredning"] < x["Call_Besluta"] < x["End_1"]
    sub = shapes["Sub_Utredning"]
    assert sub.is_expanded
    for child in ("Sub_Start", "Sub_Samtal", "Sub_Dokumentera", "Sub_End"):
        assert within(shapes[child].bounds, sub.bounds), child
    boundary = shapes["Timer_Boundary"].bounds
    assert abs(boundary.y + boundary.height / 2 - (sub.bounds.y + sub.bounds.height)) < 1


def test_diagrams_for_marks_the_layout_as_automatic_and_it_renders():
    defs, _ = laid_out()
    [drawable] = diagrams_for(defs)
    assert drawable.auto and drawable.element_id == "Process_Utreda"
    tree = etree.fromstring(render_diagram(defs, drawable.diagram, auto=True))
    assert "automatiskt" in tree.find("{http://www.w3.org/2000/svg}desc").text
    drawn = {g.get("data-element-id") for g in tree.iter() if g.get("data-element-id")}
    assert {"Lane_Handlaggare", "Lane_Chef", "Sub_Utredning", "Flow_Ja"} <= drawn


def test_a_process_with_di_is_not_laid_out_again():
    defs, _ = read_file(str(FIXTURES / "all_notation.bpmn"))
    assert [d.auto for d in diagrams_for(defs)] == [False]
