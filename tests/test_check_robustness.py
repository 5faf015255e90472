"""`kls check` on files from any tool: no crash, nothing dropped silently, each defect said once
with the right code (issue 10). The fixtures are named by their defect."""

from __future__ import annotations

import json
import subprocess
import sys

from kls_model import bpmn as m
from kls_model.read import read_bytes, read_file

from conftest import CORPUS, FIXTURES, ROOT, check, corpus_files, find

ERROR, WARNING, VALID = FIXTURES / "error", FIXTURES / "warning", FIXTURES / "valid"


def _kls(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kls", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_boundary_event_on_a_missing_activity_is_a_finding_not_a_traceback():
    proc = _kls("check", "--format", "json", str(ERROR / "boundary-event-attached-to-missing-activity.bpmn"))
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    [hit] = [f for f in findings if f["code"] == "KLS045"]
    assert (hit["element_id"], hit["target"]) == ("Boundary_lost", "Task_deleted")


def test_the_graph_only_has_nodes_it_meant_to_add():
    """Every fixture and the whole corpus in one load: boundary events on missing activities,
    on flows, duplicate ids across files. No edge may invent an attribute-less node."""
    system, _ = check(FIXTURES, *corpus_files())
    G = system.graph
    assert [n for n, d in G.nodes(data=True) if "kind" not in d] == []
    for u, v, kind in G.edges(data="kind"):
        if kind == "attached":
            assert G.nodes[u]["kind"] == "activity" and G.nodes[v]["bpmn_type"] == "boundaryEvent"


def test_references_to_the_wrong_kind_of_element_are_each_reported():
    _, findings = check(ERROR / "references-to-wrong-kinds-of-element.bpmn")
    got = {(f.element_id, f.target, f.line) for f in find(findings, "KLS078")}
    assert got == {
        ("Pool_task", "Task_a", 5),            # processRef names a task
        ("Message_to_lane", "Lane_a", 6),      # message flow into a lane
        ("Lane_a", "Flow_a1", 10),             # flowNodeRef names a sequence flow
        ("Task_a", "Flow_a1", 12),             # default is not one of its own outgoing flows
        ("Data_a", "Task_a", 14),              # dataObjectRef names a task
        ("Flow_to_data", "Data_a", 17),        # sequence flow into a data object
    }
    messages = {f.element_id: f.message for f in find(findings, "KLS078")}
    assert "med attachedToRef" not in messages["Pool_task"]
    assert messages["Pool_task"] == ("poolen 'Pool_task' hänvisar med processRef till aktiviteten "
                                     "'Task_a'; den ska peka på en process")


def test_boundary_event_on_a_sequence_flow_is_left_out_of_the_graph_and_said():
    system, findings = check(ERROR / "boundary-event-attached-to-sequence-flow.bpmn")
    assert "Flow_a2" not in system.graph  # a flow never becomes a node
    assert [f.element_id for f in find(findings, "KLS078")] == ["Boundary_on_flow"]


def test_diagram_shape_without_id_is_named_as_such():
    _, findings = check(ERROR / "diagram-shape-without-id-to-missing-element.bpmn")
    [hit] = find(findings, "KLS045")
    assert hit.element_id is None and "''" not in hit.message
    assert hit.message == ("diagramformen (utan id) hänvisar till bpmnElement='Task_removed', "
                           "som inte finns i filen")


def test_namespace_uri_with_a_space_is_read_with_a_warning():
    """IBM Process Designer writes xmlns:Process=".../Collapsed Process"; newer libxml2
    raises on it. The file is well-formed: it is read, and the oddity is a warning."""
    path = WARNING / "namespace-uri-with-space.bpmn"
    defs, findings = read_file(str(path))
    assert defs is not None and defs.processes == ["Process_ibm"]
    assert [f.code for f in findings] == ["KLS070"]
    assert "Collapsed Process" in findings[0].message and "xmlns:Process" in findings[0].message
    system, _ = check(path)
    assert system.graph.nodes["Process_ibm/Task_a"]["name"] == "Göra något"


def test_recovery_never_hides_a_real_syntax_error():
    """Recovery is for the namespace URI only: with a broken tag as well, the file is
    malformed (KLS001), not silently repaired."""
    data = (WARNING / "namespace-uri-with-space.bpmn").read_bytes()
    broken = data.replace(b'<task id="Task_a" name="G\xc3\xb6ra n\xc3\xa5got">', b'<task id="Task_a">', 1)
    broken = broken.replace(b"</task>", b"", 1)
    assert broken != data
    defs, findings = read_bytes(broken, "trasig.bpmn")
    assert defs is None and [f.code for f in findings] == ["KLS001"]


WINDOWS_1252 = WARNING / "utf-8-declared-but-windows-1252-bytes.bpmn"


def test_windows_1252_under_a_utf_8_declaration_is_read_with_every_letter():
    """GenMyModel (MIWG) and Windows tools write å/ä/ö as single Windows-1252 bytes under
    encoding="UTF-8". libxml2 refuses the file; kls reads the names as meant and says so."""
    defs, findings = read_file(str(WINDOWS_1252))
    assert defs is not None
    assert defs.get("Process_ansokan").name == "Ansökan om bistånd"
    assert defs.get("Task_a").name == "Pröva ansökan – utredning"  # 0x96: an en dash
    [warning] = findings
    assert (warning.code, warning.line) == ("KLS069", 3)
    assert "7 byte på rad 3, 4, 5, 6" in warning.message and "'Ansökan'" in warning.message
    system, _ = check(WINDOWS_1252)
    assert system.graph.nodes["Process_ansokan"]["profile"].owner == "Enhetschef"  # "ägare"


def test_only_a_file_that_says_utf_8_is_read_as_windows_1252():
    data = WINDOWS_1252.read_bytes()
    latin1 = data.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
    defs, findings = read_bytes(latin1, "latin1.bpmn")  # declared right: nothing to say
    assert defs is not None and findings == [] and defs.get("Task_a").name.startswith("Pröva")
    no_declaration = data.split(b"\n", 1)[1]  # XML's default is UTF-8 too
    assert [f.code for f in read_bytes(no_declaration, "utan.bpmn")[1]] == ["KLS069"]
    utf8 = data.decode("cp1252").encode("utf-8")
    assert read_bytes(utf8, "utf8.bpmn")[1] == []


def test_a_windows_1252_file_with_a_broken_tag_is_still_malformed():
    broken = WINDOWS_1252.read_bytes().replace(b"</task>", b"", 1)
    defs, findings = read_bytes(broken, "trasig.bpmn")
    assert defs is None and [f.code for f in findings] == ["KLS001"]
    assert "tag" in findings[0].message  # the real problem, not the encoding


QNAMES = VALID / "qname-references-with-a-prefix.bpmn"


def test_qname_references_with_a_prefix_resolve():
    """GenMyModel prefixes every xsd:QName reference ("bpmn2:Task_a"): 471 false KLS045 in
    its MIWG files, and every process auto-laid-out, until the prefix was understood."""
    defs, findings = read_file(str(QNAMES))
    assert findings == []
    assert defs.get("Participant_a").process_ref == "Process_a"
    flow = defs.get("Message_1")
    assert (flow.source, flow.target) == ("Participant_b", "Start_a")  # tns: and bpmn2:
    assert defs.get("Boundary_a").attached_to == "Task_a"
    [diagram] = defs.diagrams
    assert diagram.plane.element == "Collab"
    assert all(defs.get(di.element) is not None
               for di in (*diagram.plane.shapes, *diagram.plane.edges))
    _, findings = check(QNAMES)
    assert not [f.format() for f in findings if f.code in ("KLS045", "KLS050", "KLS078", "KLS079")]


def test_a_prefix_of_another_namespace_is_not_dropped():
    """Such a reference points into another file: it stays unresolved, and is said."""
    data = QNAMES.read_bytes().replace(b'bpmnElement="bpmn2:Task_a"', b'bpmnElement="ext:Task_a"')
    data = data.replace(b'xmlns:tns=', b'xmlns:ext="http://example.org/annan" xmlns:tns=', 1)
    defs, _ = read_bytes(data, "annan.bpmn")
    assert [s.element for s in defs.diagrams[0].plane.shapes if s.id == "Task_a_di"] == ["ext:Task_a"]


def test_data_associations_of_a_subprocess_are_read_not_unknown():
    defs, findings = read_file(str(VALID / "data-associations-on-a-subprocess.bpmn"))
    assert [f for f in findings if f.code == "KLS007"] == []
    sub = defs.elements["Sub_utreda"]
    assert sub.data_inputs == ["Assoc_in"] and sub.data_outputs == ["Assoc_out"]
    assert defs.elements["Assoc_in"].source == "Data_akt"


def test_compensation_boundary_events_linked_to_handlers_are_fine():
    """Inline and by eventDefinitionRef: joined to their handler by an association, they
    need no sequence flow."""
    system, findings = check(VALID / "compensation-boundary-events-linked-to-handlers.bpmn")
    structural = [f.format() for f in findings
                  if f.code in ("KLS042", "KLS045", "KLS071", "KLS072", "KLS078")]
    assert structural == []
    assert system.element("Process_comp/Boundary_hotel").definitions == ["compensate"]


def test_boundary_event_without_outgoing_flow_is_a_dead_end():
    _, findings = check(WARNING / "boundary-event-without-outgoing-flow.bpmn")
    hits = {f.element_id: f.message for f in find(findings, "KLS042")}
    assert set(hits) == {"Boundary_dead_end", "Boundary_compensation_unlinked"}
    assert hits["Boundary_dead_end"].startswith("gränshändelsen 'Tidsfristen gick ut' har inget "
                                                "utgående sekvensflöde")


def test_disconnected_message_is_swedish_that_agrees():
    _, findings = check(WARNING / "disconnected-activity.bpmn")
    [hit] = find(findings, "KLS042", "Task_alone")
    assert hit.message == "aktiviteten 'Ensam aktivitet' är inte kopplad till något sekvensflöde"


def test_a_disconnected_element_is_one_finding_not_three():
    _, findings = check(WARNING / "disconnected-activity.bpmn", FIXTURES / "dokument.yml")
    codes = sorted(f.code for f in findings if f.element_id == "Task_alone")
    assert codes == ["KLS042"]


def test_end_events_may_join_but_other_events_may_not():
    _, findings = check(WARNING / "intermediate-event-with-three-incoming-flows.bpmn")
    assert [f.element_id for f in find(findings, "KLS046")] == ["Event_join"]
    _, findings = check(FIXTURES / "valid" / "minimal")  # End_ifo has two incoming flows
    assert find(findings, "KLS046") == []


def test_subprocess_with_contents_needs_start_and_end_but_a_placeholder_does_not():
    _, findings = check(WARNING / "subprocess-without-end-event.bpmn")
    assert [f.element_id for f in find(findings, "KLS041")] == ["Sub_no_end"]
    assert find(findings, "KLS040") == []
    assert find(findings, "KLS041")[0].message == "delprocessen 'Utreda' saknar sluthändelse"
    # an empty collapsed sub-process is a placeholder for a later drawing, not a flow
    _, findings = check(*[p for p in corpus_files() if p.name == "A.3.0.bpmn"])
    assert find(findings, "KLS040") == find(findings, "KLS041") == []


def test_one_unconditional_flow_beside_conditional_ones_is_kls077_not_kls044():
    """bpmnlint's own fixture valid-default-conditional-flow: a task with a default, a
    conditional and one unconditional flow passes no-implicit-split but fails
    conditional-flows. kls says the same, with one code each. On a gateway a named flow
    counts as conditioned (documentation models write the condition as the name)."""
    _, findings = check(WARNING / "unconditional-flow-beside-conditional-ones.bpmn")
    assert find(findings, "KLS044") == []
    assert sorted(f.element_id for f in find(findings, "KLS077")) == ["Flow_always", "Flow_unnamed"]
    _, findings = check(WARNING / "implicit-split-and-join.bpmn")
    [hit] = find(findings, "KLS044")
    assert hit.element_id == "Task_split" and "2 utgående flöden" in hit.message


def test_missing_link_name_and_event_gateway_messages_say_what_to_do():
    _, findings = check(WARNING / "link-events-unnamed-and-caught-twice.bpmn")
    [unnamed] = find(findings, "KLS075", "Link_unnamed")
    assert "Link name" in unnamed.message
    _, findings = check(WARNING / "event-based-gateway-with-one-outgoing-flow.bpmn")
    [few] = find(findings, "KLS076")
    assert "minst två utgående flöden (har 1)" in few.message


def test_check_of_the_whole_shared_corpus_in_one_call_is_valid_json():
    proc = _kls("check", str(CORPUS), "--format", "json")
    assert "Traceback" not in proc.stderr and proc.stderr == "", proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["summary"]["files"] == len(corpus_files())
    assert proc.returncode == 1  # the corpus has no owners: errors, reported not raised


def test_corpus_models_and_every_fixture_in_one_call():
    """Real files of many tools side by side, as a KLS folder is checked."""
    proc = _kls("check", str(CORPUS), "models", str(FIXTURES), "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["summary"]["files"] > len(corpus_files()) + 38
    assert all(isinstance(f["line"], int) and f["line"] >= 1 for f in payload["findings"])


def test_event_definition_by_reference_is_resolved_for_every_reader():
    defs, _ = read_file(str(VALID / "compensation-boundary-events-linked-to-handlers.bpmn"))
    event = defs.elements["Boundary_hotel"]
    assert isinstance(event, m.Event) and event.definition_refs == ["Compensation_shared"]
    assert defs.event_definitions == {"Compensation_shared": "compensate"}


def test_references_to_the_wrong_kind_are_in_the_broken_link_report(tmp_path):
    proc = _kls("check", str(ERROR / "boundary-event-attached-to-sequence-flow.bpmn"),
                "--reports", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    rows = (tmp_path / "trasiga-lankar.csv").read_text(encoding="utf-8-sig").splitlines()
    [row] = [r.split(";") for r in rows if r.startswith("KLS078")]
    assert row[3:6] == ["Boundary_on_flow", "Tiden gick ut", "Flow_a2"]


def test_boundary_event_written_before_its_activity_is_still_attached(tmp_path):
    """Edges are added once every node of the file is there: file order must not matter."""
    path = tmp_path / "ordning.bpmn"
    path.write_text(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">'
        '<process id="P"><startEvent id="S"/>'
        '<boundaryEvent id="B" name="Tid" attachedToRef="T"><timerEventDefinition/></boundaryEvent>'
        '<task id="T" name="Göra"/><endEvent id="E"/>'
        '<sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
        '<sequenceFlow id="F2" sourceRef="T" targetRef="E"/>'
        '<sequenceFlow id="F3" sourceRef="B" targetRef="E"/></process></definitions>',
        encoding="utf-8")
    system, findings = check(path)
    assert ("P/T", "P/B") in {(u, v) for u, v, k in system.graph.edges(data="kind")
                              if k == "attached"}
    assert find(findings, "KLS042") == find(findings, "KLS078") == []


def test_a_sequence_flow_written_twice_is_one_flow_not_an_implicit_split():
    """Issue 9's reader skips the second element with a used id (KLS024), so the flow is no
    longer counted twice into a false KLS044 '2 utgående flöden'."""
    _, findings = check(ERROR / "sequence-flow-written-twice.bpmn", FIXTURES / "dokument.yml")
    assert [(f.line, f.element_id) for f in find(findings, "KLS024")] == [(10, "Flow_a2")]
    assert find(findings, "KLS044") == [] and find(findings, "KLS049") == []
