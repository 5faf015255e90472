"""bpmnlint's recommended rules that kls lacked and that matter for a model people read:
where a flow starts and ends, start events, termination, link events, event-based gateways
and conditions. Each mirrors one bpmnlint rule (named in its docstring); where kls
deliberately differs, the docstring says why (and the user guide lists it)."""

from __future__ import annotations

from collections import defaultdict

from .. import bpmn as m
from .. import graph as g
from .. import texts
from ..system import QualitySystem
from .registry import at, rule
from .structure import (kls_flow_nodes, container_finding, containers, flow_finding, flows_of,
                        label)

__all__: list[str] = []  # importing the module registers its rules


def _is_link(element: m.Element) -> bool:
    return isinstance(element, m.Event) and "link" in element.definitions


def _outside_flow(element: m.Element) -> bool:
    """Elements that stand outside the sequence flow by design: event sub-processes and
    compensation handlers."""
    return bool(getattr(element, "triggered_by_event", False)
                or getattr(element, "is_for_compensation", False))


@rule("KLS071")
def implicit_start(system: QualitySystem):
    """bpmnlint no-implicit-start. An element with neither incoming nor outgoing flow is
    KLS042 only: one defect, one finding."""
    return _implicit_ends(system, "KLS071", "incoming", "outgoing", "startEvent",
                          "intermediateCatchEvent")


@rule("KLS072")
def implicit_end(system: QualitySystem):
    """bpmnlint no-implicit-end. Disconnected elements and boundary events without an
    outgoing flow are KLS042 (a boundary event has no incoming flow to be an end of)."""
    return _implicit_ends(system, "KLS072", "outgoing", "incoming", "endEvent",
                          "intermediateThrowEvent")


def _implicit_ends(system: QualitySystem, code: str, missing: str, present: str,
                   natural: str, link_type: str):
    """Flow nodes with flows on the ``present`` side only, where BPMN has an event for that
    end (``natural``); a link event of ``link_type`` continues the flow elsewhere."""
    for node, data, element in kls_flow_nodes(system):
        if (getattr(element, missing) or not getattr(element, present) or _outside_flow(element)
                or data.bpmn_type in (natural, "boundaryEvent")
                or (data.bpmn_type == link_type and _is_link(element))):
            continue
        yield at(system, code, node, kind=texts.kind_name(data.bpmn_type), name=label(data))


@rule("KLS073")
def several_blank_start_events(system: QualitySystem):
    """bpmnlint single-blank-start-event, in processes and sub-processes."""
    for container in containers(system):
        blank = [n for n in g.contained(system.graph, container)
                 if g.node(system.graph, n).bpmn_type == "startEvent"
                 and not system.element(n).definitions]
        if len(blank) > 1:
            yield container_finding(system, "KLS073", container, count=len(blank))


@rule("KLS074")
def superfluous_termination(system: QualitySystem):
    """bpmnlint superfluous-termination: the only way out of a scope is one terminate end
    event (interrupting event sub-processes aside), so terminating changes nothing."""
    G = system.graph
    for container in containers(system):
        ends = [n for n in g.contained(G, container) if not system.element(n).outgoing]
        terminate = [n for n in ends if _is_terminate_end(system.element(n))]
        if len(terminate) == 1 and all(
                n in terminate or _is_interrupting_event_subprocess(system, n) for n in ends):
            yield at(system, "KLS074", terminate[0], name=label(g.node(G, terminate[0])))


def _is_terminate_end(element: m.Element) -> bool:
    return element.type == "endEvent" and "terminate" in element.definitions


def _is_interrupting_event_subprocess(system: QualitySystem, node: str) -> bool:
    element = system.element(node)
    return bool(getattr(element, "triggered_by_event", False)) and any(
        g.node(system.graph, n).bpmn_type == "startEvent" and system.element(n).interrupting
        for n in g.contained(system.graph, node))


@rule("KLS075")
def link_events(system: QualitySystem):
    """bpmnlint link-event: every link event has a link name, and in each scope each name
    pairs throws with exactly one catch."""
    G = system.graph
    for container in containers(system):
        by_name: dict[str, list[str]] = defaultdict(list)
        for n in g.contained(G, container):
            element = system.element(n)
            if not _is_link(element):
                continue
            if element.link_name:
                by_name[element.link_name].append(n)
            else:
                yield _link_finding(system, n, texts.LINK_NO_NAME)
        for link, nodes in sorted(by_name.items()):
            yield from _link_pairs(system, link, nodes)


def _link_pairs(system: QualitySystem, link: str, nodes: list[str]):
    catches = [n for n in nodes if g.node(system.graph, n).bpmn_type == "intermediateCatchEvent"]
    throws = [n for n in nodes if n not in catches]
    if not catches:
        problem, culprits = texts.LINK_NO_CATCH, throws
    elif not throws:
        problem, culprits = texts.LINK_NO_THROW, catches
    elif len(catches) > 1:
        problem, culprits = texts.LINK_DUPLICATE_CATCH, catches
    else:
        return
    for n in culprits:
        yield _link_finding(system, n, problem.format(link=link))


def _link_finding(system: QualitySystem, node: str, problem: str):
    return at(system, "KLS075", node, name=label(g.node(system.graph, node)), problem=problem)


@rule("KLS076")
def event_based_gateway(system: QualitySystem):
    """bpmnlint event-based-gateway: at least two outgoing flows, none of them conditional."""
    for node, data, element in kls_flow_nodes(system):
        if data.bpmn_type != "eventBasedGateway":
            continue
        if len(element.outgoing) < 2:
            yield at(system, "KLS076", node,
                     subject=f"{texts.kind_name('eventBasedGateway')} {label(data)!r}",
                     problem=texts.EVENT_GATEWAY_FEW.format(count=len(element.outgoing)))
        for flow in flows_of(system, node, element):
            if flow.condition:
                yield flow_finding(
                    system, "KLS076", node, flow,
                    subject=f"{texts.kind_name('sequenceFlow')} {flow.name or flow.id!r}",
                    problem=texts.EVENT_GATEWAY_CONDITION)


@rule("KLS077")
def condition_missing(system: QualitySystem):
    """bpmnlint conditional-flows: where some outgoing flows are conditional (or one is the
    default), a flow with neither condition nor default is taken always, in parallel.
    Deliberate difference: on a gateway a named flow counts as conditioned, because in a
    documentation model the name ("Ja", "Beviljas") is the condition the reader reads."""
    for node, data, element in kls_flow_nodes(system):
        if data.bpmn_type == "eventBasedGateway":
            continue  # its flows take no conditions at all: KLS076
        flows = flows_of(system, node, element)
        if not (element.default or any(f.condition for f in flows)):
            continue
        gateway = data.kind == "gateway"
        for flow in flows:
            if flow.condition or flow.id == element.default or (gateway and flow.name):
                continue
            yield flow_finding(system, "KLS077", node, flow, name=flow.name or flow.id,
                               kind=texts.kind_name(data.bpmn_type), source=label(data),
                               advice=texts.ADVICE_GATEWAY if gateway else texts.ADVICE_ACTIVITY)
