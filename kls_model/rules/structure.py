"""Structural rules: ids, references, and bpmnlint's recommended checks that matter for a
model people read (start and end events, connections, labels, explicit gateways)."""

from __future__ import annotations

from .. import bpmn as m
from .. import graph as g
from .. import texts
from ..diagnostics import finding
from ..system import QualitySystem
from .registry import at, display_name, rule


def _kls_flow_nodes(system: QualitySystem) -> list[tuple[str, dict, m.Element]]:
    """Flow nodes of KLS processes, skipping the map (a map is a picture of call activities,
    not a flow) and the inside of ad-hoc sub-processes (unordered by definition)."""
    return system.memo("kls_flow_nodes", lambda: list(_collect_flow_nodes(system)))


def _collect_flow_nodes(system: QualitySystem):
    G = system.graph
    maps = set(G.graph.get("maps", ()))
    for node in sorted(G.nodes):
        data = G.nodes[node]
        if data["kind"] not in ("activity", "event", "gateway"):
            continue
        parent = data.get("parent")
        if parent in maps or (parent in G and G.nodes[parent]["bpmn_type"] == "adHocSubProcess"):
            continue
        yield node, data, system.element(node)


@rule("KLS016")
def duplicate_id(system: QualitySystem):
    for defs, element, first in system.duplicates:
        yield finding("KLS016", defs.path, element.line, element.id, id=element.id,
                      other=first.path)


@rule("KLS045")
def unknown_reference(system: QualitySystem):
    for defs in system.files:
        for element, attr, ref in _references(defs):
            if ref and ref not in defs.elements:
                yield finding("KLS045", defs.path, getattr(element, "line", 0), element.id,
                              target=ref, kind=texts.kind_name(getattr(element, "type", "shape")),
                              id=element.id, attr=attr, ref=ref)


def _references(defs: m.Definitions):
    """Every id reference that must resolve within its file."""
    for el in defs.elements.values():
        if isinstance(el, m.Flow) and el.type in ("sequenceFlow", "messageFlow", "association"):
            yield el, "sourceRef", el.source
            yield el, "targetRef", el.target
        elif isinstance(el, m.Flow):  # data associations: the activity end is implicit
            yield el, "sourceRef" if el.type == "dataInputAssociation" else "targetRef", (
                el.source if el.type == "dataInputAssociation" else el.target)
        if isinstance(el, m.FlowNode) and el.default:
            yield el, "default", el.default
        if isinstance(el, m.Event) and el.attached_to:
            yield el, "attachedToRef", el.attached_to
        if isinstance(el, m.Lane):
            for ref in el.flow_node_refs:
                yield el, "flowNodeRef", ref
        if isinstance(el, m.Participant) and el.process_ref:
            yield el, "processRef", el.process_ref
    for diagram in defs.diagrams:
        for shape in (*diagram.plane.shapes, *diagram.plane.edges):
            yield _DiRef(shape.id, shape.line), "bpmnElement", shape.element


class _DiRef:
    type = "shape"

    def __init__(self, element_id: str, line: int):
        self.id, self.line = element_id, line


def _kls_processes(system: QualitySystem):
    G = system.graph
    maps = set(G.graph.get("maps", ()))
    for pid in g.processes(G):
        if pid not in maps and g.contained(G, pid):
            yield pid


def _has_child_type(system: QualitySystem, container: str, bpmn_type: str) -> bool:
    G = system.graph
    return any(G.nodes[n]["bpmn_type"] == bpmn_type for n in g.contained(G, container))


@rule("KLS040")
def no_start_event(system: QualitySystem):
    for pid in _kls_processes(system):
        if not _has_child_type(system, pid, "startEvent"):
            yield at(system, "KLS040", pid, name=display_name(system, pid))


@rule("KLS041")
def no_end_event(system: QualitySystem):
    for pid in _kls_processes(system):
        if not _has_child_type(system, pid, "endEvent"):
            yield at(system, "KLS041", pid, name=display_name(system, pid))


@rule("KLS042")
def disconnected(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        if (element.incoming or element.outgoing or data["bpmn_type"] == "boundaryEvent"
                or getattr(element, "triggered_by_event", False)
                or getattr(element, "is_for_compensation", False)
                or _in_event_subprocess(system, data)):
            continue
        yield at(system, "KLS042", node, kind=texts.kind_name(data["bpmn_type"]),
                 name=data["name"] or node)


def _in_event_subprocess(system: QualitySystem, data: dict) -> bool:
    parent = system.element(data.get("parent"))
    return isinstance(parent, m.Activity) and parent.triggered_by_event


@rule("KLS043")
def unlabeled(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        if data["name"]:
            continue
        kind = data["kind"]
        if kind == "gateway" and (len(element.outgoing) < 2 or data["bpmn_type"] in (
                "parallelGateway", "eventBasedGateway")):
            continue  # joins and parallel splits need no question
        if data["bpmn_type"] == "boundaryEvent":
            continue
        yield at(system, "KLS043", node, kind=texts.kind_name(data["bpmn_type"]), id=node)


def _flow(system: QualitySystem, node: str, flow_id: str) -> m.Flow | None:
    el = system.file_of(node).get(flow_id)  # flow ids are the file's own
    return el if isinstance(el, m.Flow) else None


@rule("KLS044")
def implicit_split(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        if data["kind"] == "gateway" or len(element.outgoing) < 2:
            continue
        flows = [_flow(system, node, f) for f in element.outgoing]
        if any(f is not None and not f.condition and f.id != element.default for f in flows):
            yield at(system, "KLS044", node, kind=texts.kind_name(data["bpmn_type"]),
                     name=data["name"] or node, count=len(flows))


@rule("KLS046")
def implicit_join(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        # Only activities: several flows into an end event is how every modeler ends branches.
        if data["kind"] == "activity" and len(element.incoming) > 1:
            yield at(system, "KLS046", node, kind=texts.kind_name(data["bpmn_type"]),
                     name=data["name"] or node, count=len(element.incoming))


@rule("KLS047")
def superfluous_gateway(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        if data["kind"] == "gateway" and len(element.incoming) == 1 == len(element.outgoing):
            yield at(system, "KLS047", node, name=data["name"] or node)


@rule("KLS048")
def gateway_join_fork(system: QualitySystem):
    for node, data, element in _kls_flow_nodes(system):
        if data["kind"] == "gateway" and len(element.incoming) > 1 and len(element.outgoing) > 1:
            yield at(system, "KLS048", node, name=data["name"] or node)


@rule("KLS049")
def duplicate_sequence_flow(system: QualitySystem):
    for defs in system.files:
        seen: dict[tuple, str] = {}
        for el in defs.elements.values():
            if el.type != "sequenceFlow":
                continue
            key = (el.source, el.target, el.condition)
            if key in seen:
                yield finding("KLS049", defs.path, el.line, el.id, id=el.id, other=seen[key])
            else:
                seen[key] = el.id


@rule("KLS050")
def no_diagram(system: QualitySystem):
    drawn = {defs.path: {shape.element for diagram in defs.diagrams
                         for shape in diagram.plane.shapes} for defs in system.files}
    G = system.graph
    for pid in g.processes(G):
        nodes = g.contained(G, pid)
        in_file = drawn.get(G.nodes[pid]["path"], set())
        if nodes and not any(G.nodes[n]["bpmn_id"] in in_file for n in nodes):
            yield at(system, "KLS050", pid, name=display_name(system, pid))
