"""One fixture per defect; each test asserts the code, the line and the element id."""

from __future__ import annotations

import pytest

from kls_model.diagnostics import CODES
from kls_model.rules import RULES
from kls_model import texts

from conftest import FIXTURES, check, find

REGISTER = FIXTURES / "dokument.yml"

# (fixture under tests/fixtures, code, line, element id)
CASES = [
    ("error/malformed-xml.bpmn", "KLS001", 9, None),
    ("error/entity-expansion-bomb.bpmn", "KLS002", 2, None),
    ("error/external-entity-passwd.bpmn", "KLS002", 2, None),
    ("error/external-dtd.bpmn", "KLS002", 2, None),
    ("error/wrong-root-element.bpmn", "KLS004", 2, None),
    ("error/empty.bpmn", "KLS005", 1, None),
    ("warning/unknown-bpmn-element.bpmn", "KLS007", 6, "Task_typo"),
    ("warning/invalid-di-number.bpmn", "KLS008", 9, None),
    ("error/process-without-owner.bpmn", "KLS010", 3, "Process_utan_agare"),
    ("error/unknown-document-id.bpmn", "KLS011", 6, "Task_a"),
    ("error/call-activity-unknown-process.bpmn", "KLS012", 6, "Call_missing"),
    ("warning/activity-without-routine.bpmn", "KLS014", 6, "Task_a"),
    ("error/duplicate-process-id", "KLS016", 3, "Process_dup"),
    ("error/hierarchy-cycle.bpmn", "KLS017", 18, "Call_a_again"),
    ("warning/process-not-reached-from-map.bpmn", "KLS018", 15, "Process_orphan"),
    ("warning/internal-document-linked-from-public-process.bpmn", "KLS019", 6, "Task_a"),
    ("warning/internal-process-called-from-public.bpmn", "KLS019", 5, "Call_intern"),
    ("error/duplicate-id-in-file.bpmn", "KLS024", 7, "Activity_1"),
    ("error/duplicate-id-in-file.bpmn", "KLS024", 16, "Activity_1_di"),
    ("error/illegal-id-swedish-letters.bpmn", "KLS025", 6, "Activity_upprätta_plan"),
    ("warning/pool-and-process-disagree.bpmn", "KLS026", 7, "Participant_1"),
    ("warning/properties-on-pool-without-process.bpmn", "KLS027", 8, "Participant_empty"),
    ("warning/templates-out-of-date", "KLS028", 1, None),
    ("warning/properties-not-linked-to-template.bpmn", "KLS029", 5, "Task_a"),
    ("warning/visibility-not-chosen.bpmn", "KLS034", 4, "Process_vis"),
    ("warning/repeated-key.bpmn", "KLS035", 9, "Task_a"),
    ("warning/document-of-other-type.bpmn", "KLS036", 5, "Task_a"),
    ("warning/choice-value-not-in-template.bpmn", "KLS037", 4, "Process_choice"),
    ("warning/camunda8-settings-a-template-removes.bpmn", "KLS038", 6, "Activity_1"),
    ("warning/unknown-profile-key.bpmn", "KLS020", 4, "Process_key"),
    ("error/invalid-profile-value.bpmn", "KLS021", 4, "Process_val"),
    ("warning/no-process-map.bpmn", "KLS022", 1, None),
    ("warning/two-process-maps.bpmn", "KLS023", 7, "Process_karta2"),
    ("warning/no-start-or-end-event.bpmn", "KLS040", 3, "Process_noevents"),
    ("warning/no-start-or-end-event.bpmn", "KLS041", 3, "Process_noevents"),
    ("warning/disconnected-activity.bpmn", "KLS042", 10, "Task_alone"),
    ("warning/unlabeled-activity.bpmn", "KLS043", 6, "Task_unnamed"),
    ("warning/implicit-split-and-join.bpmn", "KLS044", 6, "Task_split"),
    ("error/dangling-references.bpmn", "KLS045", 10, "Flow_dangling"),
    ("warning/implicit-split-and-join.bpmn", "KLS046", 9, "Task_join"),
    ("warning/superfluous-and-join-fork-gateways.bpmn", "KLS047", 6, "Gateway_superfluous"),
    ("warning/superfluous-and-join-fork-gateways.bpmn", "KLS048", 7, "Gateway_joinfork"),
    ("warning/duplicate-sequence-flow.bpmn", "KLS049", 10, "Flow_a2_copy"),
    ("warning/no-process-map.bpmn", "KLS050", 3, "Process_a"),
    # issue 10: files from any tool, bpmnlint parity
    ("error/boundary-event-attached-to-missing-activity.bpmn", "KLS045", 10, "Boundary_lost"),
    ("error/diagram-shape-without-id-to-missing-element.bpmn", "KLS045", 13, None),
    ("warning/boundary-event-without-outgoing-flow.bpmn", "KLS042", 10, "Boundary_dead_end"),
    ("warning/boundary-event-without-outgoing-flow.bpmn", "KLS042", 13,
     "Boundary_compensation_unlinked"),
    ("warning/intermediate-event-with-three-incoming-flows.bpmn", "KLS046", 10, "Event_join"),
    ("warning/subprocess-without-end-event.bpmn", "KLS041", 6, "Sub_no_end"),
    ("warning/namespace-uri-with-space.bpmn", "KLS070", 2, None),
    ("warning/activity-without-incoming-flow.bpmn", "KLS071", 7, "Task_no_incoming"),
    ("warning/activity-without-outgoing-flow.bpmn", "KLS072", 8, "Task_no_outgoing"),
    ("warning/two-blank-start-events.bpmn", "KLS073", 3, "Process_two_starts"),
    ("warning/only-end-event-is-terminate.bpmn", "KLS074", 7, "End_terminate"),
    ("warning/link-event-without-catch.bpmn", "KLS075", 7, "Link_throw_alone"),
    ("warning/link-event-without-catch.bpmn", "KLS075", 8, "Link_catch_other"),
    ("warning/link-events-unnamed-and-caught-twice.bpmn", "KLS075", 7, "Link_unnamed"),
    ("warning/link-events-unnamed-and-caught-twice.bpmn", "KLS075", 9, "Link_catch_1"),
    ("warning/link-events-unnamed-and-caught-twice.bpmn", "KLS075", 10, "Link_catch_2"),
    ("warning/event-based-gateway-with-one-outgoing-flow.bpmn", "KLS076", 6, "Gateway_events"),
    ("warning/event-based-gateway-with-conditional-flow.bpmn", "KLS076", 12, "Flow_conditional"),
    ("warning/unconditional-flow-beside-conditional-ones.bpmn", "KLS077", 18, "Flow_always"),
    ("warning/unconditional-flow-beside-conditional-ones.bpmn", "KLS077", 22, "Flow_unnamed"),
    ("error/boundary-event-attached-to-sequence-flow.bpmn", "KLS078", 10, "Boundary_on_flow"),
    ("warning/activity-missing-from-diagram.bpmn", "KLS079", 7, "Task_undrawn"),
    # requirements (compliance.py): the element id of a requirement is its reference
    ("error/requirements-file-invalid", "KLS080", 11, "Testföreskrift 2020:1 1 kap. 2 §"),
    ("warning/unknown-requirement.bpmn", "KLS081", 6, "Process_okant_krav"),
    ("warning/requirement-without-support", "KLS082", 8, "Testföreskrift 2020:1 1 kap. 2 §"),
    # -- diagrams: what cannot be drawn (issue 11) --
    ("warning/di-edge-without-bpmn-element.bpmn", "KLS051", 18, "Edge_nothing"),
    ("warning/di-shape-for-a-sequence-flow.bpmn", "KLS052", 18, "Flow_a2"),
    ("warning/di-edge-with-one-waypoint.bpmn", "KLS053", 17, "Flow_a2"),
    ("warning/di-shape-without-bounds.bpmn", "KLS054", 14, "Task_a"),
    # -- diagrams: DI other tools write that was lost silently --
    ("warning/two-planes-in-one-diagram.bpmn", "KLS055", 31, "Plane_event_sub"),
    ("warning/shape-hidden-in-collapsed-subprocess-missing-from-its-diagram.bpmn", "KLS057",
     28, "Task_s"),
    ("warning/shape-hidden-in-collapsed-subprocess-missing-from-its-diagram.bpmn", "KLS057",
     29, "Flow_s1"),
    ("warning/event-missing-from-diagram.bpmn", "KLS079", 7, "End_a"),
    ("warning/event-missing-from-diagram.bpmn", "KLS079", 9, "Flow_a2"),
    ("warning/utf-8-declared-but-windows-1252-bytes.bpmn", "KLS069", 3, None),
]


@pytest.mark.parametrize("fixture,code,line,element_id", CASES,
                         ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_defect_is_reported_at_its_line_and_element(fixture, code, line, element_id):
    _, findings = check(FIXTURES / fixture, REGISTER)
    hits = find(findings, code, element_id)
    assert hits, f"{code} not reported for {fixture}: {[f.format() for f in findings]}"
    assert line in [f.line for f in hits], [f.format() for f in hits]
    path = str(FIXTURES / fixture)
    assert all(f.path.startswith(path) for f in hits)
    assert all(f.severity is CODES[code] for f in hits)


def test_minimal_valid_kls_has_no_findings_at_all():
    """The rules must stay quiet on a good model, or nobody will read them."""
    system, findings = check(FIXTURES / "valid" / "minimal")
    assert [f.format() for f in findings] == []
    assert system.map_id == "Process_karta"


def test_every_code_has_a_swedish_message_and_every_rule_a_code():
    assert set(CODES) == set(texts.MESSAGES)
    # every rule's code is known (registering an unknown one raises), and every code a
    # rule does not produce is produced by the reader, the register or the link check:
    # which file reports it is pinned by test_every_code_is_exercised_by_a_test
    assert set(RULES) < set(CODES)
    from kls_model.rules.registry import rule
    with pytest.raises(ValueError):
        rule("KLS999")


def test_every_code_is_exercised_by_a_test():
    """Codes not in CASES must be asserted on in the reader and register tests; the set is
    read from those files, so dropping an assertion there fails here."""
    import re
    from pathlib import Path

    here = Path(__file__).parent
    asserted = set()
    for name in ("test_hostile.py", "test_register.py", "test_linkcheck.py", "test_settings.py"):
        asserted |= set(re.findall(r'"(KLS\d{3})"', (here / name).read_text(encoding="utf-8")))
    assert {c[1] for c in CASES} | asserted == set(CODES)


def test_one_bad_file_does_not_stop_the_others():
    system, findings = check(FIXTURES / "error" / "malformed-xml.bpmn",
                             FIXTURES / "error" / "external-entity-passwd.bpmn",
                             FIXTURES / "error" / "process-without-owner.bpmn", REGISTER)
    assert find(findings, "KLS001") and find(findings, "KLS002")
    assert find(findings, "KLS010", "Process_utan_agare")
    assert "Process_utan_agare" in system.graph


def test_unknown_key_suggests_the_right_one_and_messages_are_swedish():
    _, findings = check(FIXTURES / "warning" / "unknown-profile-key.bpmn", REGISTER)
    [hit] = find(findings, "KLS020")
    assert "menade du 'ägare'?" in hit.message
    assert hit.format().startswith(str(FIXTURES / "warning" / "unknown-profile-key.bpmn") + ":4: KLS020 varning: ")


def test_invalid_values_name_the_key_and_what_is_allowed():
    _, findings = check(FIXTURES / "error" / "invalid-profile-value.bpmn", REGISTER)
    messages = " ".join(f.message for f in find(findings, "KLS021"))
    assert "'kärnprocess'" in messages and "huvudprocess, styrprocess, stödprocess" in messages
    assert "'31/12/2025'" in messages and "ÅÅÅÅ-MM-DD" in messages


def test_a_full_validation_runs_once_per_system(monkeypatch):
    from kls_model.rules import registry, validate

    calls = []
    original = registry.RULES["KLS010"]
    monkeypatch.setitem(registry.RULES, "KLS010", registry.Rule(
        "KLS010", lambda system: calls.append(1) or original.check(system)))
    system, _ = check(FIXTURES / "valid" / "minimal")  # run_check validates once
    first = validate(system)
    first.append("caller's own list")
    again = validate(system)
    assert calls == [1], "the build's check and the report pages share one validation"
    assert "caller's own list" not in again
    assert [f.code for f in validate(system, only=["KLS010"])] == [] and calls == [1, 1]
