"""Ids as BPMN and Camunda Modeler have them: unique per file, not per KLS; processes unique
across the KLS; what bpmn-js refuses is reported before Camunda Modeler drops it."""

from __future__ import annotations

from kls_model import graph as g

from conftest import FIXTURES, check, find
from modeler import new_diagram

REGISTER = FIXTURES / "dokument.yml"


_TASK_DI = """\
      <bpmndi:BPMNShape id="Activity_1_di" bpmnElement="Activity_1">
        <dc:Bounds x="270" y="140" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_1_di" bpmnElement="Event_1">
        <dc:Bounds x="422" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="218" y="180" /><di:waypoint x="270" y="180" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
        <di:waypoint x="370" y="180" /><di:waypoint x="422" y="180" />
      </bpmndi:BPMNEdge>
"""


def _task_diagram(engine: str, seed: int, name: str, pool: bool = False) -> tuple[str, str]:
    """A new Camunda Modeler diagram with a task and an end event drawn after the start
    event, and the owner on the process, or on the pool when ``pool``; the KLS templates
    applied, as the Modeler links them."""
    pid, xml = new_diagram(engine, seed)
    prefix = "camunda" if engine == "camunda7" else "zeebe"
    linked = (f' {prefix}:modelerTemplate="se.kls.%s" {prefix}:modelerTemplateVersion="1"')
    props = (f"<bpmn:extensionElements><{prefix}:properties>"
             f'<{prefix}:property name="ägare" value="Enhetschef" />'
             f"</{prefix}:properties></bpmn:extensionElements>")
    body = (f'<bpmn:startEvent id="StartEvent_1" name="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing>'
            f'</bpmn:startEvent>\n<bpmn:task id="Activity_1" name="{name}"'
            f'{linked % "activity"}><bpmn:extensionElements>'
            f'<{prefix}:properties><{prefix}:property name="dokument" value="RUT-001" />'
            f"</{prefix}:properties></bpmn:extensionElements></bpmn:task>\n"
            '<bpmn:endEvent id="Event_1" name="Klart" />\n'
            '<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_1" />\n'
            '<bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Event_1" />')
    xml = xml.replace('<bpmn:startEvent id="StartEvent_1" />', ("" if pool else props) + body)
    # drawn after the start event, as the Modeler does (else KLS079: missing from the picture)
    xml = xml.replace(' id="Definitions_', ' xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_', 1)
    xml = xml.replace("    </bpmndi:BPMNPlane>", _TASK_DI + "    </bpmndi:BPMNPlane>", 1)
    if not pool:
        xml = xml.replace(f'<bpmn:process id="{pid}"', f'<bpmn:process id="{pid}"{linked % "process"}')
    if pool:
        collaboration = (f'<bpmn:collaboration id="Collaboration_1"><bpmn:participant '
                         f'id="Participant_1" name="{name}" processRef="{pid}"'
                         f'{linked % "process"}>{props}'
                         f"</bpmn:participant></bpmn:collaboration>\n  <bpmn:process")
        xml = xml.replace("<bpmn:process", collaboration, 1)
    return pid, xml


def test_a_kls_of_new_camunda_diagrams_checks_clean(tmp_path):
    """Three files as Camunda Modeler creates them (7 and 8, one with the owner on the pool):
    the same StartEvent_1, Activity_1, BPMNDiagram_1 ... in each, all of them live."""
    pids = []
    for seed, (engine, pool) in enumerate([("camunda7", False), ("camunda8", False),
                                           ("camunda7", True)]):
        pid, xml = _task_diagram(engine, seed, f"Uppgift {seed}", pool)
        (tmp_path / f"p{seed}.bpmn").write_text(xml, encoding="utf-8")
        pids.append(pid)
    system, findings = check(tmp_path, REGISTER)
    real = [f.format() for f in findings if f.code not in ("KLS022", "KLS033", "KLS050")]
    assert real == []
    G = system.graph
    assert sorted(g.processes(G)) == sorted(pids)
    for pid in pids:
        assert [G.nodes[n]["bpmn_id"] for n in g.flow_order(G, pid)] == [
            "StartEvent_1", "Activity_1", "Event_1"]
        assert system.profile(pid).owner == "Enhetschef"
    starts = [n for n in G if G.nodes[n].get("bpmn_id") == "StartEvent_1"]
    assert len(starts) == 3 and len(set(starts)) == 3


def test_the_same_process_id_in_two_files_is_an_error_naming_the_first_file():
    system, findings = check(FIXTURES / "error" / "duplicate-process-id", REGISTER)
    [hit] = find(findings, "KLS016")
    assert hit.path.endswith("b.bpmn") and "a.bpmn" in hit.message
    assert system.graph.nodes["Process_dup"]["path"].endswith("a.bpmn")


def test_two_elements_with_one_id_in_a_file_keep_the_first_and_name_both_lines():
    system, findings = check(FIXTURES / "error" / "duplicate-id-in-file.bpmn", REGISTER)
    task, shape = sorted(find(findings, "KLS024"), key=lambda f: f.line)
    assert (task.line, task.element_id) == (7, "Activity_1") and "rad 6" in task.message
    assert (shape.line, shape.element_id) == (16, "Activity_1_di") and "rad 15" in shape.message
    G = system.graph
    assert G.nodes["Process_dupid/Activity_1"]["name"] == "Första uppgiften"
    # nothing is counted twice: one flow in, one out, no false split or join
    assert not find(findings, "KLS044") and not find(findings, "KLS046")
    assert not find(findings, "KLS042")


def test_a_repeated_sequence_flow_id_is_not_counted_twice(tmp_path):
    text = (FIXTURES / "error" / "illegal-id-swedish-letters.bpmn").read_text(encoding="utf-8")
    text = text.replace("upprätta", "uppratta").replace(
        '<bpmn:sequenceFlow id="Flow_2"',
        '<bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_uppratta_plan" targetRef="End_1" />\n'
        '    <bpmn:sequenceFlow id="Flow_2"')
    path = tmp_path / "flow-twice.bpmn"
    path.write_text(text, encoding="utf-8")
    system, findings = check(path, REGISTER)
    assert [f.code for f in findings if f.code.startswith("KLS04")] == []
    [hit] = find(findings, "KLS024", "Flow_2")
    assert hit.line == 10 and "rad 9" in hit.message
    assert system.element("Process_idtecken/Activity_uppratta_plan").outgoing == ["Flow_2"]


def test_an_id_camunda_modeler_refuses_is_an_error_but_the_element_is_read():
    system, findings = check(FIXTURES / "error" / "illegal-id-swedish-letters.bpmn", REGISTER)
    ids = {f.element_id for f in find(findings, "KLS025")}
    assert ids == {"Activity_upprätta_plan"}
    assert "Process_idtecken/Activity_upprätta_plan" in system.graph


def test_the_example_kls_has_only_ids_bpmn_js_accepts():
    from conftest import ROOT

    _, findings = check(ROOT / "models")
    assert not find(findings, "KLS024") and not find(findings, "KLS025")


def test_pool_properties_are_the_process_properties_and_a_clash_names_both():
    system, findings = check(FIXTURES / "warning" / "pool-and-process-disagree.bpmn", REGISTER)
    [hit] = find(findings, "KLS026")
    assert "'Enhetschef hemtjänst'" in hit.message and "(rad 7)" in hit.message
    assert "'Avdelningschef äldreomsorg'" in hit.message and "(rad 16)" in hit.message
    profile = system.profile("Process_pool")
    assert profile.owner == "Enhetschef hemtjänst"  # what the template on the pool shows
    assert profile.is_internal  # the same value on both is no clash
    assert len(find(findings, "KLS026")) == 1


def test_properties_on_a_pool_without_process_are_reported():
    system, findings = check(FIXTURES / "warning" / "properties-on-pool-without-process.bpmn",
                             REGISTER)
    [hit] = find(findings, "KLS027")
    assert "'Region Exempel'" in hit.message and "ägare" in hit.message
    assert g.processes(system.graph) == ["Process_own"]


def test_an_empty_pool_with_properties_is_a_process_not_an_actor(tmp_path):
    text = (FIXTURES / "warning" / "properties-on-pool-without-process.bpmn").read_text(
        encoding="utf-8")
    text = text.replace('<bpmn:participant id="Participant_empty" name="Region Exempel">',
                        '<bpmn:participant id="Participant_empty" name="Region Exempel" '
                        'processRef="Process_empty">')
    text = text.replace("</bpmn:definitions>",
                        '<bpmn:process id="Process_empty" isExecutable="false" />\n'
                        "</bpmn:definitions>")
    path = tmp_path / "pool.bpmn"
    path.write_text(text, encoding="utf-8")
    system, findings = check(path, REGISTER)
    assert not find(findings, "KLS027")
    assert "Process_empty" in g.processes(system.graph)
    assert system.graph.nodes["Process_empty"]["name"] == "Region Exempel"
