"""Read one BPMN 2.0 file into :class:`~kls_model.bpmn.Definitions`, with findings, never raising.

Elements are matched by namespace URI and local name, never by prefix, so ``bpmn:``,
``semantic:``, ``model:`` or a default namespace all read alike. Vendor extensions outside
``extensionElements`` are skipped quietly; unknown elements in the BPMN namespace are reported.
"""

from __future__ import annotations

import re

from lxml import etree

from . import bpmn as m
from .diagnostics import Finding, finding
from .xmlsafe import parse_bytes, read_limited

__all__ = ["MODEL", "CAMUNDA", "ZEEBE", "read_file", "read_bytes"]

MODEL = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
CAMUNDA = "{http://camunda.org/schema/1.0/bpmn}"
ZEEBE = "{http://camunda.org/schema/zeebe/1.0}"
BIOC = "{http://bpmn.io/schema/bpmn/biocolor/1.0}"
COLOR = "{http://www.omg.org/spec/BPMN/non-normative/color/1.0}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
DC_BOUNDS, BPMN_LABEL, DI_WAYPOINT = DC + "Bounds", BPMNDI + "BPMNLabel", DI + "waypoint"

_PROPERTY_CONTAINERS = {CAMUNDA + "properties": CAMUNDA + "property",
                        ZEEBE + "properties": ZEEBE + "property"}

#: BPMN elements we know and deliberately do not model (execution detail, choreography...).
_IGNORED = frozenset({
    "documentation", "extensionElements", "incoming", "outgoing", "ioSpecification",
    "inputSet", "outputSet", "property", "resourceRole", "performer", "humanPerformer",
    "potentialOwner", "standardLoopCharacteristics", "multiInstanceLoopCharacteristics",
    "conditionExpression", "ioBinding", "auditing", "monitoring", "supportedInterfaceRef",
    "correlationSubscription", "dataState", "itemDefinition", "interface", "operation",
    "endPoint", "resource", "partnerEntity", "partnerRole", "correlationProperty", "import",
    "extension", "globalTask", "globalUserTask", "globalManualTask", "globalScriptTask",
    "globalBusinessRuleTask", "choreography", "globalChoreographyTask", "globalConversation",
    "conversation", "subConversation", "callConversation", "conversationLink",
    "conversationAssociation", "participantAssociation", "messageFlowAssociation",
    "correlationKey", "choreographyTask", "subChoreography", "callChoreography",
    "rendering", "relationship", "laneSet", "eventDefinition", "completionCondition",
    "loopCardinality", "inputDataItem", "outputDataItem", "complexBehaviorDefinition",
    "loopCondition", "script", "text", "timeDate", "timeCycle", "timeDuration", "condition",
    "activationCondition", "assignment", "transformation", "sourceRef", "targetRef",
    "participantMultiplicity", "interfaceRef", "endPointRef", "category", "message", "signal",
    "error", "escalation", "dataStore", "messageEventDefinition", "timerEventDefinition",
    "errorEventDefinition", "escalationEventDefinition", "cancelEventDefinition",
    "compensateEventDefinition", "conditionalEventDefinition", "linkEventDefinition",
    "signalEventDefinition", "terminateEventDefinition", "eventDefinitionRef",
})


#: What bpmn-js (moddle-xml) accepts as an id; anything else makes Camunda Modeler drop the
#: element, its flows and its shape on the next save ("illegal ID"). ``\w`` is ASCII there.
LEGAL_ID = re.compile(r"(?:[a-z][\w.-]*:)?[a-z_][\w.-]*\Z", re.IGNORECASE | re.ASCII)


def read_file(path: str) -> tuple[m.Definitions | None, list[Finding]]:
    data, problem = read_limited(path)
    if problem:
        return None, [problem]
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str) -> tuple[m.Definitions | None, list[Finding]]:
    root, problems = parse_bytes(data, path)
    if root is None:
        return None, problems
    if root.tag != MODEL + "definitions":
        return None, [*problems, finding("KLS004", path, root.sourceline or 1,
                                         root=_qname(root.tag))]
    defs, findings = _Reader(path).read(root)
    return defs, problems + findings


class _Duplicate(Exception):
    """Raised by ``common`` for a second element with an id already used in the file: like
    bpmn-js, the reader skips that element and everything inside it (reported as KLS024)."""


def _qname(tag: str) -> str:
    return etree.QName(tag).localname if tag.startswith("{") else tag


def _local(tag) -> str | None:
    """Local name of a BPMN-namespace tag, else None (comments, vendor elements)."""
    if isinstance(tag, str) and tag.startswith(MODEL):
        return tag[len(MODEL):]
    return None


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() == "true"


def _text(el) -> str:
    return "".join(el.itertext()).strip()


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []
        self.defs = m.build(m.Definitions,
            path=path, id="", name="", target_namespace="", exporter="", line=0, elements={},
            processes=[], collaborations=[], diagrams=[], root_names={}, event_definitions={})
        self.flows: list[m.Flow] = []  # sequence flows, to fill incoming/outgoing afterwards
        self.lanes: list[m.Lane] = []
        self.process_id: str | None = None  # the process being read
        self.id_lines: dict[str, int] = {}  # every id in the file (semantic and DI) -> line
        self.extra_diagrams: list[tuple[m.Diagram, str]] = []  # planes after a diagram's first

    # -- top level ---------------------------------------------------------------------------

    def read(self, root) -> tuple[m.Definitions, list[Finding]]:
        d = self.defs
        d.id, d.name = root.get("id", ""), root.get("name", "")
        d.target_namespace = root.get("targetNamespace", "")
        d.exporter = " ".join(filter(None, (root.get("exporter"), root.get("exporterVersion"))))
        d.line = root.sourceline or 1
        for child in root:
            local = _local(child.tag)
            if local == "process":
                self.skipping_duplicates(self.process, child)
            elif local == "collaboration":
                self.skipping_duplicates(self.collaboration, child)
            elif local in ("message", "signal", "error", "escalation"):
                self.claim_id(child)
                d.root_names[child.get("id", "")] = child.get("name", "")
            elif local == "category":
                for value in child:
                    if _local(value.tag) == "categoryValue":
                        d.root_names[value.get("id", "")] = value.get("value", "")
            elif local == "dataStore":
                self.skipping_duplicates(self.data, child, "dataStore", None)
            elif local is not None and local.endswith("EventDefinition"):
                d.event_definitions[child.get("id", "")] = local[: -len("EventDefinition")]
            elif child.tag == BPMNDI + "BPMNDiagram":
                self.diagram(child)
            elif local is not None and local not in _IGNORED:
                self.unknown(child, local)
        self.link_flows()
        self.resolve_event_definitions()
        self.name_extra_diagrams()
        return d, self.findings

    def unknown(self, el, local: str) -> None:
        self.findings.append(finding("KLS007", self.path, el.sourceline, el.get("id"), tag=local))

    def common(self, el, type_: str, parent: str | None) -> dict:
        """Fields every element has, read from the element and its direct children."""
        if not self.claim_id(el):
            raise _Duplicate
        docs, props, ext = [], [], []
        for child in el:
            tag = child.tag
            if tag == MODEL + "documentation":
                text = _text(child)
                if text:
                    docs.append(text)
            elif tag == MODEL + "extensionElements":
                self.extensions(child, props, ext)
        el_id = el.get("id") or f"_kls_line{el.sourceline}_{type_}"
        return dict(id=el_id, type=type_, name=(el.get("name") or "").strip(),
                    line=el.sourceline or 0, documentation="\n\n".join(docs), properties=props,
                    parent=parent, extension_tags=ext, process=self.process_id,
                    template=el.get(CAMUNDA + "modelerTemplate") or el.get(ZEEBE + "modelerTemplate"))

    def claim_id(self, el) -> bool:
        """Note ``el``'s id in the file's one id space (semantic and DI elements share it, as
        in bpmn-js). False, with a finding, for a second element with the same id: bpmn-js
        refuses it ("duplicate ID") and Camunda Modeler drops it on save. An id bpmn-js
        calls illegal is reported too, but read."""
        el_id, line = el.get("id"), el.sourceline or 0
        if not el_id:
            return True
        first = self.id_lines.get(el_id)
        if first is not None:
            self.findings.append(finding("KLS024", self.path, line, el_id, id=el_id,
                                         first=first, tag=_qname(el.tag)))
            return False
        self.id_lines[el_id] = line
        if not LEGAL_ID.match(el_id):
            self.findings.append(finding("KLS025", self.path, line, el_id, id=el_id,
                                         tag=_qname(el.tag)))
        return True

    def extensions(self, ext_el, props: list, tags: list) -> None:
        for child in ext_el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            prop_tag = _PROPERTY_CONTAINERS.get(tag)
            if prop_tag is None:
                tags.append(tag)
                continue
            for p in child:
                if p.tag == prop_tag and p.get("name"):
                    props.append(m.build(m.Property,
                        name=p.get("name").strip(), value=(p.get("value") or "").strip(),
                        line=p.sourceline or 0))

    def add(self, element: m.Element) -> m.Element:
        self.defs.elements.setdefault(element.id, element)  # ids without an id attribute
        return element

    def skipping_duplicates(self, read, *args):
        """``read(*args)``, or None when it met a duplicate id (already reported)."""
        try:
            return read(*args)
        except _Duplicate:
            return None

    # -- containers ----------------------------------------------------------------------------

    def process(self, el) -> None:
        p = m.build(m.Process, **self.common(el, "process", None),
                    is_executable=_bool(el.get("isExecutable"), False), children=[], lanes=[])
        p.process = p.id
        self.add(p)
        self.defs.processes.append(p.id)
        self.process_id = p.id
        p.children = self.contents(el, p.id, p)
        self.process_id = None

    def collaboration(self, el) -> None:
        c = m.build(m.Collaboration, **self.common(el, "collaboration", None),
                                            participants=[], children=[])
        self.add(c)
        self.defs.collaborations.append(c.id)
        for child in el:
            local = _local(child.tag)
            if local == "participant":
                read, into = (lambda e, _l: self.participant(e, c.id)), c.participants
            elif local in ("messageFlow", "association"):
                read, into = (lambda e, l: self.flow(e, l, c.id)), c.children
            elif local in ("textAnnotation", "group"):
                read, into = (lambda e, l: self.artifact(e, l, c.id)), c.children
            else:
                if local is not None and local not in _IGNORED:
                    self.unknown(child, local)
                continue
            element = self.skipping_duplicates(read, child, local)
            if element is not None:
                into.append(element.id)

    def qref(self, el, value: str | None) -> str | None:
        """A reference typed xsd:QName in BPMN (bpmnElement, processRef, a message flow's
        ends, attachedToRef, messageRef, eventDefinitionRef) may carry a prefix: GenMyModel
        writes bpmnElement="bpmn2:_id". An id never holds a colon, so a prefix declared for
        this file's target namespace or for BPMN's own is dropped; any other stays, and the
        reference stays unresolved (KLS045), as it points into another file."""
        if not value or ":" not in value:
            return value
        prefix, _, local = value.partition(":")
        uri = el.nsmap.get(prefix)
        if uri is not None and uri in (MODEL[1:-1], self.defs.target_namespace):
            return local
        return value

    def participant(self, el, parent: str) -> m.Participant:
        multiplicity = None
        for child in el:
            if _local(child.tag) == "participantMultiplicity":
                multiplicity = self.int_attr(child, "minimum", 0) or 2
        return self.add(m.build(m.Participant,
            **self.common(el, "participant", parent), process_ref=self.qref(el, el.get("processRef")),
            multiplicity=multiplicity))

    def contents(self, el, parent: str, process: m.Process | None,
                 handled: frozenset[str] = frozenset()) -> list[str]:
        """Read the flow elements and artifacts of a process or sub-process; ``handled`` are
        the children its activity reader has already read."""
        ids = []
        for child in el:
            local = _local(child.tag)
            if local is None or local in handled:
                continue
            reader = _CONTENT_READERS.get(local)
            if reader is not None:
                element = self.skipping_duplicates(reader, self, child, local, parent)
                if element is not None:
                    ids.append(element.id)
            elif local == "laneSet" and process is not None:
                process.lanes.extend(self.lane_set(child, process.id))
            elif local == "laneSet":
                self.lane_set(child, parent)
            elif local == "ioSpecification":
                ids.extend(self.io_specification(child, parent))
            elif local not in _IGNORED:
                self.unknown(child, local)
        return ids

    def lane_set(self, el, parent: str) -> list[str]:
        if not self.claim_id(el):
            return []
        lanes = (self.skipping_duplicates(self.lane, lane_el, parent) for lane_el in el
                 if _local(lane_el.tag) == "lane")
        return [lane.id for lane in lanes if lane is not None]

    def lane(self, el, parent: str) -> m.Lane:
        lane = m.build(m.Lane, **self.common(el, "lane", parent), flow_node_refs=[],
                       child_lanes=[])
        self.add(lane)
        self.lanes.append(lane)
        for child in el:
            local = _local(child.tag)
            if local == "flowNodeRef" and child.text:
                lane.flow_node_refs.append(child.text.strip())
            elif local == "childLaneSet":
                lane.child_lanes.extend(self.lane_set(child, parent))
        return lane

    def io_specification(self, el, parent: str) -> list[str]:
        data = (self.skipping_duplicates(self.data, child, local, parent) for child in el
                if (local := _local(child.tag)) in ("dataInput", "dataOutput"))
        return [d.id for d in data if d is not None]

    # -- flow nodes ----------------------------------------------------------------------------

    def activity(self, el, local: str, parent: str) -> m.Activity:
        fields = self.common(el, local, parent)
        a = m.build(m.Activity,
            **fields, incoming=[], outgoing=[], lane=None, default=el.get("default"),
            loop=None, is_for_compensation=_bool(el.get("isForCompensation"), False),
            called_element=el.get("calledElement") or _zeebe_called(el),
            triggered_by_event=_bool(el.get("triggeredByEvent"), False),
            instantiate=_bool(el.get("instantiate"), False),
            children=[], data_inputs=[], data_outputs=[])
        self.add(a)
        for child in el:
            child_local = _local(child.tag)
            if child_local == "standardLoopCharacteristics":
                a.loop = "standard"
            elif child_local == "multiInstanceLoopCharacteristics":
                a.loop = "sequential" if _bool(child.get("isSequential"), False) else "parallel"
            elif child_local in ("dataInputAssociation", "dataOutputAssociation"):
                self.skipping_duplicates(self.data_association, child, child_local, a)
        if local in m.SUBPROCESS_TYPES:
            a.children = self.contents(el, a.id, None, _ACTIVITY_OWN)
        return a

    def event(self, el, local: str, parent: str) -> m.Event:
        definitions, refs, link_name = [], [], ""
        for child in el:
            child_local = _local(child.tag)
            if child_local and child_local.endswith("EventDefinition"):
                definitions.append(child_local[: -len("EventDefinition")])
                if child_local == "linkEventDefinition":
                    link_name = (child.get("name") or "").strip()
            elif child_local == "eventDefinitionRef" and child.text:
                refs.append(self.qref(child, child.text.strip()))
        e = m.build(m.Event,
            **self.common(el, local, parent), incoming=[], outgoing=[], lane=None, default=None,
            definitions=definitions, definition_refs=refs, link_name=link_name,
            attached_to=self.qref(el, el.get("attachedToRef")),
            cancel_activity=_bool(el.get("cancelActivity"), True),
            interrupting=_bool(el.get("isInterrupting"), True),
            parallel_multiple=_bool(el.get("parallelMultiple"), False))
        self.add(e)
        for child in el:
            child_local = _local(child.tag)
            if child_local in ("dataInputAssociation", "dataOutputAssociation"):
                self.skipping_duplicates(self.data_association, child, child_local, e)
        return e

    def gateway(self, el, local: str, parent: str) -> m.Gateway:
        return self.add(m.build(m.Gateway,
            **self.common(el, local, parent), incoming=[], outgoing=[], lane=None,
            default=el.get("default"), instantiate=_bool(el.get("instantiate"), False),
            event_gateway_type=el.get("eventGatewayType") or "Exclusive"))

    # -- connections ---------------------------------------------------------------------------

    def flow(self, el, local: str, parent: str) -> m.Flow:
        condition = None
        for child in el:
            if _local(child.tag) == "conditionExpression":
                condition = _text(child) or child.get(XSI_TYPE) or "villkor"
        f = self.add(m.build(
            m.Flow, **self.common(el, local, parent), source=self.qref(el, el.get("sourceRef")),
            target=self.qref(el, el.get("targetRef")), condition=condition,
            message_ref=self.qref(el, el.get("messageRef")),
            direction=el.get("associationDirection") or "None"))
        if local == "sequenceFlow":
            self.flows.append(f)
        return f

    def data_association(self, el, local: str, owner: m.FlowNode) -> None:
        """Data associations live inside the activity; we draw them source -> target like
        bpmn-js: input associations point at the activity, output associations from it."""
        refs = {"sourceRef": [], "targetRef": []}
        for child in el:
            child_local = _local(child.tag)
            if child_local in refs and child.text:
                refs[child_local].append(child.text.strip())
        fields = self.common(el, local, owner.parent)
        if local == "dataInputAssociation":
            source, target = (refs["sourceRef"] or [None])[0], owner.id
        else:
            source, target = owner.id, (refs["targetRef"] or [None])[0]
        f = self.add(m.build(m.Flow, **fields, source=source, target=target, condition=None,
                             message_ref=None, direction="One"))
        if isinstance(owner, m.Activity):
            (owner.data_inputs if local == "dataInputAssociation" else owner.data_outputs).append(f.id)

    # -- data and artifacts --------------------------------------------------------------------

    def data(self, el, local: str, parent: str | None) -> m.Data:
        state = None
        for child in el:
            if _local(child.tag) == "dataState":
                state = child.get("name")
        return self.add(m.build(m.Data,
            **self.common(el, local, parent),
            ref=el.get("dataObjectRef") or el.get("dataStoreRef"),
            is_collection=_bool(el.get("isCollection"), False), state=state))

    def artifact(self, el, local: str, parent: str) -> m.Artifact:
        text = ""
        for child in el:
            if _local(child.tag) == "text":
                text = _text(child)
        return self.add(m.build(m.Artifact,
            **self.common(el, local, parent), text=text,
            category_value=el.get("categoryValueRef")))

    # -- diagram interchange -------------------------------------------------------------------

    def diagram(self, el) -> None:
        """A BPMNDiagram holds one plane by the schema. Some tools write more (Open-BPMN: the
        process's plane, then an event sub-process's); bpmn-moddle keeps only the last, so
        Camunda Modeler drops the others on save. kls keeps each plane as a diagram of its
        own, the first under the diagram's id and name, and reports every further one."""
        if not self.claim_id(el):
            return
        diagram_id = el.get("id") or f"_kls_diagram{len(self.defs.diagrams) + 1}"
        name, line = el.get("name") or "", el.sourceline or 0
        planes = [self.plane(child) for child in el if child.tag == BPMNDI + "BPMNPlane"]
        if not planes:
            planes = [m.build(m.Plane, id="", element=None, shapes=[], edges=[], line=0)]
        self.defs.diagrams.append(m.build(m.Diagram, id=diagram_id, name=name,
                                          plane=planes[0], line=line))
        for plane in planes[1:]:
            extra = m.build(m.Diagram, id=diagram_id, name="", plane=plane,
                            line=plane.line or line)
            self.extra_diagrams.append((extra, name or diagram_id))  # named once all is read
            self.defs.diagrams.append(extra)

    def name_extra_diagrams(self) -> None:
        """Give each further plane's diagram an id from its plane's, unique among every id of
        the file and every diagram (SVG ids and file names derive from it), and report it
        with the name of what it shows (both known only now)."""
        taken = set(self.id_lines) | {d.id for d in self.defs.diagrams}
        for d, diagram in self.extra_diagrams:
            plane = d.plane
            d.id = _unique(f"{plane.id}_diagram" if plane.id else f"{d.id}_plane", taken)
            shown = self.defs.elements.get(plane.element or "")
            self.findings.append(finding("KLS055", self.path, d.line, plane.id or None,
                diagram=diagram, element=shown.name or shown.id if shown else plane.element or ""))

    def plane(self, el) -> m.Plane:
        self.claim_id(el)  # a duplicate plane id is reported; its shapes are still drawn
        plane = m.build(m.Plane, id=el.get("id") or "", element=self.qref(el, el.get("bpmnElement")),
                                        shapes=[], edges=[], line=el.sourceline or 0)
        for child in el:
            tag = child.tag
            if tag == BPMNDI + "BPMNShape" and self.claim_id(child):
                shape = self.shape(child)
                if shape:
                    plane.shapes.append(shape)
            elif tag == BPMNDI + "BPMNEdge" and self.claim_id(child):
                plane.edges.append(self.edge(child))
        return plane

    # DI is half of every file and this is the reader's hot path: one attribute dict per
    # element instead of a dozen .get() calls, floats parsed inline with a slow path for bad
    # values only.

    def shape(self, el) -> m.Shape | None:
        bounds = label = label_el = None
        for child in el:
            if child.tag == DC_BOUNDS:
                bounds = self.bounds(child)
            elif child.tag == BPMN_LABEL:
                label_el, label = child, self.label_bounds(child)
        if bounds is None:
            if _first(el, DC_BOUNDS) is None:  # bad numbers were reported as KLS008
                ref = el.get("bpmnElement") or ""
                self.findings.append(finding("KLS054", self.path, el.sourceline, ref or None,
                                             id=el.get("id") or "", element=ref))
            return None
        a = dict(el.items())
        get, opt = a.get, _optional_bool
        ref = get("bpmnElement") or ""
        if ":" in ref:  # a prefixed QName (GenMyModel); the hot path pays this test only
            ref = self.qref(el, ref)
        return m.build(
            m.Shape, id=get("id") or "", element=ref, bounds=bounds,
            line=el.sourceline or 0, is_expanded=opt(get("isExpanded")),
            is_horizontal=opt(get("isHorizontal")),
            is_marker_visible=opt(get("isMarkerVisible")),
            is_message_visible=opt(get("isMessageVisible")), label=label,
            style=_style(a, label_el))

    def edge(self, el) -> m.Edge:
        points, label, label_el = [], None, None
        for child in el:
            tag = child.tag
            if tag == DI_WAYPOINT:
                try:
                    x, y = float(child.get("x")), float(child.get("y"))
                    if x - x == 0 and y - y == 0:
                        points.append(m.Point(x, y))
                        continue
                except (TypeError, ValueError):
                    pass
                self.bad_numbers(child, ("x", "y"))
            elif tag == BPMN_LABEL:
                label_el, label = child, self.label_bounds(child)
        a = dict(el.items())
        ref = a.get("bpmnElement") or ""
        if ":" in ref:
            ref = self.qref(el, ref)
        return m.build(
            m.Edge, id=a.get("id") or "", element=ref,
            waypoints=points, line=el.sourceline or 0, label=label, style=_style(a, label_el),
            message_visible_kind=a.get("messageVisibleKind"))

    def label_bounds(self, el) -> m.Bounds | None:
        b = _first(el, DC_BOUNDS)
        return self.bounds(b) if b is not None else None

    def bounds(self, el) -> m.Bounds | None:
        get = el.get
        try:
            b = m.Bounds(float(get("x")), float(get("y")), float(get("width")),
                         float(get("height")))
            if sum(b) - sum(b) == 0:  # false for NaN and both infinities
                return b
        except (TypeError, ValueError):
            pass
        self.bad_numbers(el, ("x", "y", "width", "height"))
        return None

    def bad_numbers(self, el, names) -> None:
        for name in names:
            raw = el.get(name)
            try:
                value = float(raw)
                if value - value == 0:
                    continue
            except (TypeError, ValueError):
                pass
            self.findings.append(finding("KLS008", self.path, el.sourceline, None, attr=name,
                                         value=raw, tag=_qname(el.tag)))

    def int_attr(self, el, name: str, default: int) -> int:
        try:
            return int(el.get(name, default))
        except ValueError:
            return default

    # -- after reading -------------------------------------------------------------------------

    def resolve_event_definitions(self) -> None:
        """An event may name a root-level event definition (eventDefinitionRef) instead of
        holding one; give it that definition's kind, so a compensation event defined that way
        is one. An unresolved reference stays visible as "reference" (and is rule KLS045)."""
        kinds = self.defs.event_definitions
        for element in self.defs.elements.values():
            if isinstance(element, m.Event) and element.definition_refs:
                element.definitions.extend(kinds.get(ref, "reference")
                                           for ref in element.definition_refs)

    def link_flows(self) -> None:
        """Fill incoming/outgoing from the flows' own refs (the child elements that carry the
        same in the file are redundant and often stale), and each flow node's lane."""
        elements = self.defs.elements
        for f in self.flows:
            source, target = elements.get(f.source), elements.get(f.target)
            if isinstance(source, m.FlowNode):
                source.outgoing.append(f.id)
            if isinstance(target, m.FlowNode):
                target.incoming.append(f.id)
        # Outer lanes come first in self.lanes, so the innermost lane is assigned last.
        for lane in self.lanes:
            for ref in lane.flow_node_refs:
                node = elements.get(ref)
                if isinstance(node, m.FlowNode):
                    node.lane = lane.id


def _zeebe_called(el) -> str | None:
    """Camunda 8 names the called process in ``zeebe:calledElement processId`` instead of the
    BPMN attribute (and Camunda Modeler 8 writes only that)."""
    called = el.find(f"{MODEL}extensionElements/{ZEEBE}calledElement")
    return (called.get("processId") or "").strip() or None if called is not None else None


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base_2``, ``base_3``... whichever is not yet taken (then it is)."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    taken.add(candidate)
    return candidate


def _first(el, tag):
    for child in el:
        if child.tag == tag:
            return child
    return None


def _optional_bool(value: str | None) -> bool | None:
    return None if value is None else value.strip().lower() == "true"


def _style(attrs: dict, label_el) -> m.Style | None:
    get = attrs.get
    stroke = get(BIOC + "stroke") or get(COLOR + "border-color")
    fill = get(BIOC + "fill") or get(COLOR + "background-color")
    label = label_el.get(COLOR + "color") if label_el is not None else None
    if not (stroke or fill or label):
        return None
    return m.build(m.Style, stroke=stroke, fill=fill, label=label)


#: Children of a sub-process that the activity reader reads, not the contents reader.
_ACTIVITY_OWN = frozenset({"dataInputAssociation", "dataOutputAssociation"})

_CONTENT_READERS = {
    **{t: _Reader.activity for t in m.ACTIVITY_TYPES},
    **{t: _Reader.event for t in m.EVENT_TYPES},
    **{t: _Reader.gateway for t in m.GATEWAY_TYPES},
    "sequenceFlow": _Reader.flow, "association": _Reader.flow,
    "dataObject": _Reader.data, "dataObjectReference": _Reader.data,
    "dataStoreReference": _Reader.data,
    "textAnnotation": _Reader.artifact, "group": _Reader.artifact,
}
