"""Structural rules: ids, references, and bpmnlint's recommended checks that matter for a
model people read (start and end events, connections, labels, explicit gateways)."""

from __future__ import annotations

from .. import bpmn as m
from .. import graph as g
from .. import texts
from ..diagnostics import finding
from ..system import QualitySystem
from .registry import at, display_name, rule

__all__ = ["kls_flow_nodes", "containers", "container_finding", "flows_of", "flow_finding", "label"]


def kls_flow_nodes(system: QualitySystem) -> list[tuple[str, dict, m.Element]]:
    """Flow nodes of KLS processes, skipping the map (a map is a picture of call activities,
    not a flow) and the inside of ad-hoc sub-processes (unordered by definition)."""
    return system.memo("kls_flow_nodes", lambda: list(_collect_flow_nodes(system)))


def _collect_flow_nodes(system: QualitySystem):
    G = system.graph
    maps = set(G.graph.get("maps", ()))
    for node in sorted(G.nodes):
        data = g.node(G, node)
        if data.kind not in g.FLOW_NODE_KINDS:
            continue
        parent = data.container
        if parent in maps or (parent in G and g.node(G, parent).bpmn_type == "adHocSubProcess"):
            continue
        yield node, data, system.element(node)


@rule("KLS016")
def duplicate_id(system: QualitySystem):
    for defs, element, first in system.duplicates:
        yield finding("KLS016", defs.path, element.line, element.id, id=element.id,
                      other=first.path)


@rule("KLS045")
def unknown_reference(system: QualitySystem):
    for defs, element, attr, ref, target_type, _expected in _reference_problems(system):
        if target_type is None:
            yield finding("KLS045", defs.path, element.line, element.id or None, target=ref,
                          kind=texts.kind_name(element.type), id=_quoted_id(element),
                          attr=attr, ref=ref)


@rule("KLS078")
def wrong_kind_of_reference(system: QualitySystem):
    """A reference that resolves, but to an element that cannot stand there: the graph leaves
    such a flow or boundary event out, so it must be said."""
    for defs, element, attr, ref, target_type, expected in _reference_problems(system):
        if target_type is not None:
            yield finding("KLS078", defs.path, element.line, element.id or None, target=ref,
                          kind=texts.kind_name(element.type), id=_quoted_id(element),
                          attr=attr, ref=ref, target_kind=texts.kind_name(target_type),
                          expected=expected[1])


def _reference_problems(system: QualitySystem) -> list[tuple]:
    """(file, element, attribute, reference, target type or None, expected) for every
    reference that resolves to nothing or to the wrong kind, found once for both rules. DI
    is half of every file, so its references are checked inline without a generator."""
    def collect():
        problems = []
        for defs in system.files:
            for element, attr, ref, expected in _element_references(defs):
                target_type = _target_type(defs, ref) if ref else ""
                if target_type is None or (target_type and not _fits(
                        defs, element, attr, ref, target_type, expected)):
                    problems.append((defs, element, attr, ref, target_type, expected))
            for di, ref in _dangling_di(defs):
                problems.append((defs, di, "bpmnElement", ref, None, None))
        return problems
    return system.memo("reference_problems", collect)


def _fits(defs, element, attr: str, ref: str, target_type: str, expected) -> bool:
    if expected is None:
        return True
    if attr == "default":  # one of the element's own outgoing sequence flows
        return target_type == "sequenceFlow" and defs.elements[ref].source == element.id
    return target_type in expected[0]


def _dangling_di(defs: m.Definitions):
    elements = defs.elements
    for diagram in defs.diagrams:
        plane = diagram.plane
        for kind, items in (("BPMNShape", plane.shapes), ("BPMNEdge", plane.edges)):
            for item in items:
                if item.element and item.element not in elements \
                        and _target_type(defs, item.element) is None:
                    yield _DiRef(kind, item.id, item.line), item.element
        if plane.element and _target_type(defs, plane.element) is None:
            yield _DiRef("BPMNPlane", plane.id, plane.line), plane.element


def _quoted_id(element) -> str:
    return repr(element.id) if element.id else texts.NO_ID


def _target_type(defs: m.Definitions, ref: str) -> str | None:
    """The BPMN type ``ref`` names in this file, or None when nothing has that id."""
    target = defs.elements.get(ref)
    if target is not None:
        return target.type
    if ref in defs.event_definitions:
        return "eventDefinition"
    return "rootElement" if ref in defs.root_names else None


_FLOW_NODE = (m.FLOW_NODE_TYPES, texts.EXPECTED_FLOW_NODE)
_ACTIVITY = (m.ACTIVITY_TYPES, texts.EXPECTED_ACTIVITY)
_OWN_FLOW = (frozenset({"sequenceFlow"}), texts.EXPECTED_OWN_FLOW)
_PROCESS = (frozenset({"process"}), texts.EXPECTED_PROCESS)
_INTERACTION = ((m.ACTIVITY_TYPES | m.EVENT_TYPES | {"participant"}), texts.EXPECTED_INTERACTION)
_EVENT_DEFINITION = (frozenset({"eventDefinition"}), texts.EXPECTED_EVENT_DEFINITION)
_DATA_REF = {"dataObjectReference": ("dataObjectRef", (frozenset({"dataObject"}),
                                                       texts.EXPECTED_DATA_OBJECT)),
             "dataStoreReference": ("dataStoreRef", (frozenset({"dataStore"}),
                                                     texts.EXPECTED_DATA_STORE))}


def _element_references(defs: m.Definitions):
    """Every id reference of the semantic model that must resolve within its file, with what
    it may point at (types and their Swedish description), or None when anything will do."""
    for el in defs.elements.values():
        refs = _REFERENCES_BY_TYPE.get(el.type)
        if refs is not None:
            yield from refs(el)


def _flow_refs(el: m.Flow):
    expected = _FLOW_ENDS.get(el.type)
    if el.type != "dataOutputAssociation":  # a data association's activity end is implicit
        yield el, "sourceRef", el.source, expected
    if el.type != "dataInputAssociation":
        yield el, "targetRef", el.target, expected


def _node_refs(el: m.FlowNode):
    if el.default:
        yield el, "default", el.default, _OWN_FLOW
    if isinstance(el, m.Event):
        if el.attached_to:
            yield el, "attachedToRef", el.attached_to, _ACTIVITY
        for ref in el.definition_refs:
            yield el, "eventDefinitionRef", ref, _EVENT_DEFINITION


def _lane_refs(el: m.Lane):
    for ref in el.flow_node_refs:
        yield el, "flowNodeRef", ref, _FLOW_NODE


def _participant_refs(el: m.Participant):
    if el.process_ref:
        yield el, "processRef", el.process_ref, _PROCESS


def _data_refs(el: m.Data):
    attr, expected = _DATA_REF[el.type]
    if el.ref:
        yield el, attr, el.ref, expected


_FLOW_ENDS = {"sequenceFlow": _FLOW_NODE, "messageFlow": _INTERACTION}
_REFERENCES_BY_TYPE = {
    **{t: _flow_refs for t in m.FLOW_TYPES}, **{t: _node_refs for t in m.FLOW_NODE_TYPES},
    **{t: _data_refs for t in _DATA_REF},
    "lane": _lane_refs, "participant": _participant_refs,
}


class _DiRef:
    """A DI shape, edge or plane as the subject of a finding (it may have no id)."""

    def __init__(self, bpmn_type: str, element_id: str, line: int):
        self.type, self.id, self.line = bpmn_type, element_id, line


def _kls_processes(system: QualitySystem):
    G = system.graph
    maps = set(G.graph.get("maps", ()))
    for pid in g.processes(G):
        if pid not in maps and g.contained(G, pid):
            yield pid


def containers(system: QualitySystem) -> list[str]:
    """Every scope of a flow: the KLS processes and their sub-processes that have contents
    (an empty collapsed sub-process is a placeholder, not a flow). Ad-hoc sub-processes are
    unordered by definition and left out."""
    def collect():
        subs = [node for node, data, _ in kls_flow_nodes(system)
                if data.bpmn_type in ("subProcess", "transaction")
                and g.contained(system.graph, node)]
        return [*_kls_processes(system), *subs]
    return system.memo("containers", collect)


def _has_child_type(system: QualitySystem, container: str, bpmn_type: str) -> bool:
    G = system.graph
    return any(g.node(G, n).bpmn_type == bpmn_type for n in g.contained(G, container))


def container_finding(system: QualitySystem, code: str, node: str, **params):
    """A finding about a process or sub-process, naming its kind ("delprocessen")."""
    kind = texts.kind_name(g.node(system.graph, node).bpmn_type)
    return at(system, code, node, kind=kind, name=display_name(system, node), **params)


@rule("KLS040")
def no_start_event(system: QualitySystem):
    for node in containers(system):
        if not _has_child_type(system, node, "startEvent"):
            yield container_finding(system, "KLS040", node)


@rule("KLS041")
def no_end_event(system: QualitySystem):
    for node in containers(system):
        if not _has_child_type(system, node, "endEvent"):
            yield container_finding(system, "KLS041", node)


@rule("KLS042")
def disconnected(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        if data.bpmn_type == "boundaryEvent":
            # Attached, so never "incoming"; without an outgoing flow it leads nowhere. Only a
            # compensation boundary event is joined to its handler by an association instead.
            if element.outgoing or compensation_linked(system, node, element):
                continue
            problem = texts.BOUNDARY_DEAD_END
        elif (element.incoming or element.outgoing
                or getattr(element, "triggered_by_event", False)
                or getattr(element, "is_for_compensation", False)):
            continue
        else:
            problem = texts.DISCONNECTED
        yield at(system, "KLS042", node, kind=texts.kind_name(data.bpmn_type),
                 name=label(data), problem=problem)


def compensation_linked(system: QualitySystem, node: str, event: m.Event) -> bool:
    """A compensation boundary event (defined inline or by eventDefinitionRef) with an
    association to its compensation handler."""
    if event.definitions != ["compensate"]:
        return False
    return event.id in _association_sources(system, system.file_of(node))


def _association_sources(system: QualitySystem, defs: m.Definitions) -> set[str]:
    return system.memo(("association_sources", defs.path), lambda: {
        el.source for el in defs.elements.values() if el.type == "association"})


@rule("KLS043")
def unlabeled(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        deciding = _is_decision(data, element)
        for flow in flows_of(system, node, element):
            # The name is the condition a reader sees: every branch of a decision but the
            # default ("otherwise", drawn with a slash), and every conditional flow.
            if not flow.name and flow.id != element.default and (deciding or flow.condition):
                yield flow_finding(system, "KLS043", node, flow, kind=texts.kind_name(flow.type),
                                   id=flow.id)
        if data.name:
            continue
        if data.kind == "gateway" and not deciding:
            continue  # joins and parallel splits need no question
        yield at(system, "KLS043", node, kind=texts.kind_name(data.bpmn_type),
                 id=data.bpmn_id)
    for defs in system.files:
        for element in defs.elements.values():
            if element.type in ("lane", "participant") and not element.name \
                    and _needs_name(defs, element):
                yield finding("KLS043", defs.path, element.line, element.id,
                              kind=texts.kind_name(element.type), id=element.id)


def _needs_name(defs: m.Definitions, element: m.Element) -> bool:
    """A lane's name is the role of its activities; an external pool's name is the samverkan
    actor. Without one, both are left out of the site. A pool of a named process is named
    by it."""
    if isinstance(element, m.Lane):
        return True
    if isinstance(element, m.Participant):
        process = defs.get(element.process_ref)
        return process is None or not process.name
    return False


def _is_decision(data: g.Node, element: m.Element) -> bool:
    """A gateway that chooses between two or more ways by a question."""
    return data.kind == "gateway" and len(element.outgoing) > 1 and data.bpmn_type not in (
        "parallelGateway", "eventBasedGateway")


def _flow(system: QualitySystem, node: str, flow_id: str) -> m.Flow | None:
    el = system.file_of(node).get(flow_id)  # flow ids are the file's own
    return el if isinstance(el, m.Flow) else None


def flows_of(system: QualitySystem, node: str, element: m.FlowNode) -> list[m.Flow]:
    """The outgoing sequence flows of the flow node behind ``node``."""
    return [f for f in (_flow(system, node, i) for i in element.outgoing) if f is not None]


def flow_finding(system: QualitySystem, code: str, node: str, flow: m.Flow, **params):
    """A finding at a sequence flow leaving ``node`` (flows are edges, not graph nodes)."""
    return finding(code, system.file_of(node).path, flow.line, flow.id, **params)


def label(data: g.Node) -> str:
    """How a message names a flow node: its name, else its BPMN id (never the graph key)."""
    return data.name or data.bpmn_id


@rule("KLS044")
def implicit_split(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        if data.kind == "gateway" or len(element.outgoing) < 2:
            continue
        flows = [_flow(system, node, f) for f in element.outgoing]
        unconditional = [f for f in flows
                         if f is not None and not f.condition and f.id != element.default]
        # As bpmnlint's no-implicit-split: two or more flows taken unconditionally are an
        # unseen parallel split. One such flow beside conditional ones is KLS077.
        if len(unconditional) > 1:
            yield at(system, "KLS044", node, kind=texts.kind_name(data.bpmn_type),
                     name=label(data), count=len(unconditional))


@rule("KLS046")
def implicit_join(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        # Activities and events, but not end events: several flows into one end event is how
        # every modeler ends branches, and ending needs no join.
        if (data.kind in ("activity", "event") and data.bpmn_type != "endEvent"
                and len(element.incoming) > 1):
            yield at(system, "KLS046", node, kind=texts.kind_name(data.bpmn_type),
                     name=label(data), count=len(element.incoming))


@rule("KLS047")
def superfluous_gateway(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        if data.kind == "gateway" and len(element.incoming) == 1 == len(element.outgoing):
            yield at(system, "KLS047", node, name=label(data))


@rule("KLS048")
def gateway_join_fork(system: QualitySystem):
    for node, data, element in kls_flow_nodes(system):
        if data.kind == "gateway" and len(element.incoming) > 1 and len(element.outgoing) > 1:
            yield at(system, "KLS048", node, name=label(data))


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
        in_file = drawn.get(g.node(G, pid).path, set())
        if nodes and not any(g.node(G, n).bpmn_id in in_file for n in nodes):
            yield at(system, "KLS050", pid, name=display_name(system, pid))


#: What a diagram draws of a container's children: the rest (data objects, which only
#: their references draw) never has a shape of its own.
_DRAWN_TYPES = (m.FLOW_NODE_TYPES | m.ARTIFACT_TYPES
                | {"sequenceFlow", "association", "messageFlow", "participant", "lane",
                   "dataObjectReference", "dataStoreReference"})


_CONTAINER_TYPES = m.SUBPROCESS_TYPES | {"process", "collaboration"}


@rule("KLS079")
def not_in_diagram(system: QualitySystem):
    """An element in a drawn container that the diagram leaves out: the site would list it
    but never show it. A container with nothing drawn is laid out automatically (KLS050)."""
    for defs in system.files:
        drawn = {s.element for d in defs.diagrams for s in (*d.plane.shapes, *d.plane.edges)}
        for container in defs.elements.values():
            if container.type not in _CONTAINER_TYPES:
                continue
            members = [defs.elements.get(c) for c in _drawable_members(defs, container)]
            members = [e for e in members if e is not None and e.type in _DRAWN_TYPES]
            if not any(e.id in drawn for e in members):
                continue
            for element in members:
                if element.id not in drawn:
                    yield finding("KLS079", defs.path, element.line, element.id,
                                  kind=texts.kind_name(element.type),
                                  name=element.name or element.id)


def _drawable_members(defs: m.Definitions, container: m.Element) -> list[str]:
    if isinstance(container, m.Process):
        return [*container.children, *_all_lanes(defs, container.lanes)]
    if isinstance(container, m.Collaboration):
        return [*container.participants, *container.children]
    if isinstance(container, m.Activity) and container.is_subprocess:
        return container.children
    return []


def _all_lanes(defs: m.Definitions, lanes: list[str]) -> list[str]:
    found, todo = [], list(lanes)
    while todo:
        lane = defs.elements.get(todo.pop())
        if isinstance(lane, m.Lane) and lane.id not in found:
            found.append(lane.id)
            todo.extend(lane.child_lanes)
    return found
