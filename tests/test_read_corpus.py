"""The reader against every file of the OMG BPMN MIWG suite, checked by independent XPath."""

from __future__ import annotations

import pytest
from lxml import etree

from kls_model import bpmn as m
from kls_model.read import read_bytes, read_file

from conftest import CORPUS, FIXTURES, corpus_files

NS = {"b": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "di": "http://www.omg.org/spec/DD/20100524/DI"}


def _local_names(types) -> str:
    return " or ".join(f"local-name()='{t}'" for t in sorted(types))


def test_corpus_is_there():
    assert len(corpus_files()) >= 60


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_reads_every_corpus_file_and_counts_match_xpath(path):
    defs, findings = read_file(str(path))
    assert defs is not None, [f.format() for f in findings]
    assert not [f for f in findings if f.severity.value == "error"]
    tree = etree.parse(str(path))  # the corpus is trusted; this is the independent count

    def xcount(expr: str) -> int:
        return int(tree.xpath(f"count({expr})", namespaces=NS))

    elements = defs.elements.values()
    assert sum(isinstance(e, m.FlowNode) for e in elements) == xcount(
        f"//b:*[{_local_names(m.FLOW_NODE_TYPES)}]")
    assert sum(e.type == "sequenceFlow" for e in elements) == xcount("//b:sequenceFlow")
    assert sum(e.type == "messageFlow" for e in elements) == xcount("//b:messageFlow")
    assert sum(e.type == "lane" for e in elements) == xcount("//b:lane")
    assert sum(e.type == "participant" for e in elements) == xcount("//b:participant")
    assert sum(e.type in m.ARTIFACT_TYPES for e in elements) == xcount(
        "//b:textAnnotation | //b:group")
    assert sum(e.type in ("dataObjectReference", "dataStoreReference") for e in elements) == \
        xcount("//b:dataObjectReference | //b:dataStoreReference")
    # one diagram per plane (a BPMNDiagram with several is split), and per empty BPMNDiagram
    assert len(defs.diagrams) == xcount("//bpmndi:BPMNPlane") + xcount(
        "//bpmndi:BPMNDiagram[not(bpmndi:BPMNPlane)]")
    assert sum(len(d.plane.shapes) for d in defs.diagrams) == xcount("//bpmndi:BPMNShape")
    assert sum(len(d.plane.edges) for d in defs.diagrams) == xcount("//bpmndi:BPMNEdge")
    assert sum(len(e.waypoints) for d in defs.diagrams for e in d.plane.edges) == xcount(
        "//bpmndi:BPMNEdge/di:waypoint")


def test_every_element_keeps_its_source_line():
    path = CORPUS / "reference" / "A.1.0.bpmn"
    defs, _ = read_file(str(path))
    tree = etree.parse(str(path))
    for element in defs.elements.values():
        [node] = tree.xpath("//*[@id=$id]", id=element.id)
        assert element.line == node.sourceline, element.id


def test_di_details_are_read():
    defs, _ = read_file(str(CORPUS / "reference" / "B.2.0.bpmn"))
    shapes = [s for d in defs.diagrams for s in d.plane.shapes]
    assert any(s.is_expanded is False for s in shapes)
    assert any(s.is_expanded is True for s in shapes)
    assert any(s.is_horizontal is True for s in shapes)
    assert any(s.label is not None for s in shapes)
    defs, _ = read_file(str(CORPUS / "reference" / "C.4.0.bpmn"))
    assert len(defs.diagrams) == 4 and len({d.plane.element for d in defs.diagrams}) == 4


def test_collapsed_subprocess_with_its_own_plane_and_colours():
    """How Camunda Modeler writes a collapsed sub-process: a second diagram whose plane is
    the sub-process; colours in both bpmn.io's and the OMG's extension."""
    defs, findings = read_file(str(FIXTURES / "valid" / "collapsed-subprocess-own-plane.bpmn"))
    assert findings == []
    main, sub = defs.diagrams
    assert sub.plane.element == "Sub_collapsed"
    assert [s.element for s in sub.plane.shapes] == ["Sub_start", "Sub_task"]
    [collapsed] = [s for s in main.plane.shapes if s.element == "Sub_collapsed"]
    assert collapsed.is_expanded is False
    [start] = [s for s in main.plane.shapes if s.element == "Start"]
    assert (start.style.stroke, start.style.fill, start.style.label) == (
        "#205022", "#c8e6c9", "#205022")
    assert start.label.y == 143
    assert defs.elements["Sub_collapsed"].children == ["Sub_start", "Sub_task", "Sub_flow"]
    assert defs.elements["Sub_task"].parent == "Sub_collapsed"
    assert defs.elements["Sub_task"].incoming == ["Sub_flow"]


def test_every_plane_of_a_diagram_becomes_a_diagram_of_its_own():
    """Open-BPMN writes an event sub-process's plane into the process's BPMNDiagram: both are
    kept (bpmn-moddle keeps only the last), and each further plane is reported at its line."""
    path = FIXTURES / "warning" / "two-planes-in-one-diagram.bpmn"
    defs, findings = read_file(str(path))
    main, extra = defs.diagrams
    assert (main.id, main.name, main.plane.element, len(main.plane.shapes)) == (
        "Diagram_resa", "Boka resa", "Process_resa", 4)
    assert (extra.id, extra.plane.element, len(extra.plane.shapes), len(extra.plane.edges),
            extra.line) == ("Plane_event_sub_diagram", "Event_sub", 3, 2, 31)
    [warning] = [f for f in findings if f.code == "KLS055"]
    assert (warning.line, warning.element_id) == (31, "Plane_event_sub")
    assert "'Boka resa'" in warning.message and "'Hantera avbokning'" in warning.message
    assert "Camunda Modeler" in warning.message
    # The new id never takes an id of the file, even one written after the plane.
    data = path.read_bytes().replace(b'"End_e_di"', b'"Plane_event_sub_diagram"').replace(
        b'"Diagram_resa"', b'"Plane_event_sub_diagram_2"')
    defs, _ = read_bytes(data, str(path))
    assert [d.id for d in defs.diagrams] == ["Plane_event_sub_diagram_2",
                                             "Plane_event_sub_diagram_3"]
    # A plane without an id takes the diagram's, still unique.
    defs, findings = read_bytes(data.replace(b' id="Plane_event_sub"', b""), str(path))
    assert [d.id for d in defs.diagrams] == ["Plane_event_sub_diagram_2",
                                             "Plane_event_sub_diagram_2_plane"]
    assert [(f.line, f.element_id) for f in findings if f.code == "KLS055"] == [(31, None)]


def test_events_gateways_and_markers_are_typed():
    defs, _ = read_file(str(CORPUS / "reference" / "B.2.0.bpmn"))
    events = [e for e in defs.elements.values() if isinstance(e, m.Event)]
    definitions = {d for e in events for d in e.definitions}
    assert {"message", "timer", "error", "escalation", "signal", "conditional", "link",
            "terminate"} <= definitions
    compensation, _ = read_file(str(CORPUS / "reference" / "C.6.0.bpmn"))
    assert any("compensate" in getattr(e, "definitions", ())
               for e in compensation.elements.values())
    assert any(e.attached_to and not e.cancel_activity for e in events)
    activities = [e for e in defs.elements.values() if isinstance(e, m.Activity)]
    assert {"standard", "parallel", "sequential"} <= {a.loop for a in activities}
    assert any(isinstance(e, m.Gateway) and e.type == "eventBasedGateway"
               for e in defs.elements.values())
    assert any(a.triggered_by_event for a in compensation.elements.values()
               if isinstance(a, m.Activity))


def test_constructs_the_corpus_lacks():
    defs, findings = read_file(str(FIXTURES / "valid" / "constructs-missing-from-corpus.bpmn"))
    assert findings == []
    e = defs.elements
    assert e["Start_multi"].definitions == ["message", "timer"]
    assert e["Start_parallel"].parallel_multiple is True
    assert e["Transaction_1"].type == "transaction" and e["Transaction_1"].is_subprocess
    assert e["End_cancel"].definitions == ["cancel"] and e["End_cancel"].parent == "Transaction_1"
    assert e["Boundary_cancel"].attached_to == "Transaction_1"
    assert e["AdHoc_1"].type == "adHocSubProcess" and e["AdHoc_1"].children == ["AdHoc_task"]
    assert e["Compensation_task"].is_for_compensation is True
    assert e["Receive_start"].instantiate is True
    assert e["Association_one"].direction == "One" and e["Note_1"].text == "Riktad association"


def test_message_flows_keep_their_message():
    defs, _ = read_file(str(CORPUS / "reference" / "A.4.0.bpmn"))
    refs = {f.message_ref for f in (e for e in defs.elements.values() if e.type == "messageFlow")}
    assert "Message_1373649949207" in refs


def test_other_prefixes_and_default_namespace_read_alike():
    """semantic:, model:, bpmn2:, bpmn: and a default namespace all appear in the corpus."""
    prefixes = set()
    for path in corpus_files():
        root = etree.parse(str(path)).getroot()
        prefixes.add(root.prefix)
        defs, _ = read_file(str(path))
        assert defs.processes or defs.collaborations, path.name
    assert {None, "semantic", "bpmn"} <= prefixes


def _style(path, shape_id):
    defs, _ = read_file(str(path))
    return next(s for d in defs.diagrams for s in d.plane.shapes if s.id == shape_id).style


def test_colours_from_both_extensions():
    """The OMG color: extension alone (Signavio's A.4.1), and bpmn.io's bioc: beside it."""
    omg = _style(CORPUS / "reference" / "A.4.1.bpmn", "sid-3D477D07-D669-4A26-9454-12AD775FDE70_gui")
    assert (omg.fill, omg.stroke) == ("#ffffcc", None)
    both = _style(CORPUS / "bpmn-io-18.6.1" / "C.1.0-export.bpmn", "Event_0vspzsm_di")
    assert (both.fill, both.stroke) == ("#c8e6c9", "#43a047")


def test_fast_built_models_survive_full_pydantic_validation():
    """The reader skips validation (bpmn.build); every model it builds must be exactly what
    pydantic would have built from the same data, or the shortcut is hiding a bug."""
    for path in corpus_files()[::4] + [FIXTURES / "valid" / "collapsed-subprocess-own-plane.bpmn"]:
        defs, _ = read_file(str(path))
        for element in defs.elements.values():
            again = type(element).model_validate(element.model_dump())
            assert again == element, (path.name, element.id)
        for diagram in defs.diagrams:
            assert m.Diagram.model_validate(diagram.model_dump()) == diagram


def test_build_fills_what_it_is_not_given_with_the_fields_defaults():
    """A field added with a default must not break every call site of the fast constructor."""
    from kls_model import bpmn as m

    a = m.build(m.Activity, id="Task_1", type="task")
    b = m.build(m.Activity, id="Task_2", type="task")
    assert a.loop is None and a.children == [] and a.name == "" and a.process is None
    a.children.append("x")
    assert b.children == [], "each gets its own list, as with pydantic"
    assert a.model_dump() == m.Activity.model_validate(a.model_dump()).model_dump()
