"""kls beside the real bpmnlint (npm, `bpmnlint:recommended`) on the defect fixtures: for each
mapped rule both report the same elements, and where kls deliberately differs (the user guide
says why) the difference is exactly the documented one."""

from __future__ import annotations

import sys

import pytest

from conftest import FIXTURES, ROOT, check

sys.path.insert(0, str(ROOT / "bench"))
from bpmnlint_compare import MAPPING, bpmnlint_keys, run_bpmnlint  # noqa: E402

W, V = FIXTURES / "warning", FIXTURES / "valid"

# (fixture, bpmnlint rule, ids only bpmnlint reports, ids only kls reports)
CASES = [
    (W / "activity-without-incoming-flow.bpmn", "no-implicit-start", set(), set()),
    (W / "activity-without-outgoing-flow.bpmn", "no-implicit-end", set(), set()),
    (W / "two-blank-start-events.bpmn", "single-blank-start-event", set(), set()),
    (W / "only-end-event-is-terminate.bpmn", "superfluous-termination", set(), set()),
    (W / "link-event-without-catch.bpmn", "link-event", set(), set()),
    (W / "link-events-unnamed-and-caught-twice.bpmn", "link-event", set(), set()),
    (W / "event-based-gateway-with-one-outgoing-flow.bpmn", "event-based-gateway", set(), set()),
    (W / "event-based-gateway-with-conditional-flow.bpmn", "event-based-gateway", set(), set()),
    (W / "intermediate-event-with-three-incoming-flows.bpmn", "fake-join", set(), set()),
    (W / "subprocess-without-end-event.bpmn", "end-event-required", set(), set()),
    (W / "boundary-event-without-outgoing-flow.bpmn", "no-implicit-end", set(), set()),
    (W / "implicit-split-and-join.bpmn", "no-implicit-split", set(), set()),
    (W / "disconnected-activity.bpmn", "no-disconnected", set(), set()),
    (W / "duplicate-sequence-flow.bpmn", "no-duplicate-sequence-flows", None, set()),
    # deliberate: a named branch of a gateway counts as conditioned
    (W / "unconditional-flow-beside-conditional-ones.bpmn", "conditional-flows", {"Flow_yes"},
     set()),
    # deliberate: a disconnected element is KLS042 only, where bpmnlint says it thrice
    (W / "disconnected-activity.bpmn", "no-implicit-start", set(), set()),
    # deliberate: several flows into an end event are no join
    (W / "implicit-split-and-join.bpmn", "fake-join", set(), set()),
    (W / "unconditional-flow-beside-conditional-ones.bpmn", "fake-join", {"End_a", "End_b"},
     set()),
    # a compensation boundary event linked to its handler is fine; bpmnlint only knows an
    # inline compensateEventDefinition, not one named by eventDefinitionRef (kls is right)
    (V / "compensation-boundary-events-linked-to-handlers.bpmn", "no-implicit-end",
     {"Boundary_hotel"}, set()),
    (V / "compensation-boundary-events-linked-to-handlers.bpmn", "no-disconnected",
     {"Boundary_hotel"}, set()),
    # bpmnlint trusts the <incoming>/<outgoing> children, which are redundant and may be
    # stale; kls trusts sourceRef/targetRef (kls is right)
    (V / "stale-incoming-and-outgoing-children.bpmn", "no-disconnected", {"Task_b"}, set()),
]


@pytest.fixture(scope="module")
def bpmnlint():
    """One node process over every fixture file the cases name."""
    files = sorted({case[0] for case in CASES})
    return bpmnlint_keys(run_bpmnlint(files))


@pytest.mark.parametrize("path,rule,only_bpmnlint,only_kls", CASES,
                         ids=[f"{c[1]}-{c[0].name}" for c in CASES])
def test_kls_and_bpmnlint_agree_or_differ_as_documented(bpmnlint, path, rule, only_bpmnlint,
                                                        only_kls):
    theirs = {element for file, element in bpmnlint.get(rule, ()) if file == str(path)}
    _, findings = check(path)
    mine = {f.element_id for f in findings if f.code in MAPPING[rule]}
    assert theirs or mine, f"neither tool reports {rule} on {path.name}: the case tests nothing"
    if only_bpmnlint is not None:
        assert theirs - mine == only_bpmnlint, (theirs, mine)
    assert mine - theirs == only_kls, (theirs, mine)
