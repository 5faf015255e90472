"""The BPMN 2.0 data model kls reads into: semantic elements and their diagram interchange (DI).

One class per *shape of data*, not per BPMN type: the BPMN type is kept as its XML local name in
``Element.type`` (``"userTask"``, ``"exclusiveGateway"``...), which is what the renderer's dispatch
table and the validation rules key on. Every element keeps the file line it was read from so that
diagnostics can say ``path:line``.

The reader builds these with :func:`build` from values it has already typed itself, so the
pydantic validation cost is paid only where data comes from users (the document register and
the requirement files).
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from pydantic import BaseModel, Field

__all__ = ["build", "Property", "Element", "FlowNode", "Activity", "Event", "Gateway", "Flow",
           "Data", "Artifact", "Lane", "Participant", "Process", "Collaboration", "Bounds",
           "Point", "Style", "Shape", "Edge", "Plane", "Diagram", "Definitions", "TASK_TYPES",
           "SUBPROCESS_TYPES", "ACTIVITY_TYPES", "EVENT_TYPES", "GATEWAY_TYPES", "FLOW_NODE_TYPES",
           "FLOW_TYPES", "DATA_TYPES", "ARTIFACT_TYPES"]

T = TypeVar("T", bound=BaseModel)
_ALL_FIELDS: dict[type, set[str]] = {}
_DEFAULTS: dict[type, dict] = {}  # field -> default or default factory, per class
_set = object.__setattr__


def build(cls: type[T], **values) -> T:
    """``cls.model_construct(**values)`` without its per-field Python loop, for the reader's
    hot path: values come already typed (a test checks that each model the reader builds
    round-trips through full pydantic validation unchanged). Fields not passed get their
    defaults, as with pydantic. Every field is marked set, so one set per class can be
    shared: pydantic only ever adds names to it."""
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS[cls] = set(cls.model_fields)
        _DEFAULTS[cls] = {name: (f.default_factory, True) if f.default_factory else (f.default, False)
                          for name, f in cls.model_fields.items() if not f.is_required()}
    if len(values) != len(fields):  # the reader passes everything; other callers need not
        for name, (default, is_factory) in _DEFAULTS[cls].items():
            if name not in values:
                values[name] = default() if is_factory else default
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj

# ---------------------------------------------------------------------------------------------
# Semantic model


class Property(BaseModel):
    """One Camunda 7 ``camunda:property`` or Camunda 8 ``zeebe:property`` (read alike)."""

    name: str
    value: str
    line: int = 0


class Element(BaseModel):
    """Any BPMN element with an id."""

    id: str
    type: str  # BPMN local name: "task", "userTask", "sequenceFlow", "lane", ...
    name: str = ""
    line: int = 0
    documentation: str = ""
    properties: list[Property] = Field(default_factory=list)
    parent: str | None = None  # id of the containing process, sub-process or collaboration
    extension_tags: list[str] = Field(default_factory=list)  # vendor extensions seen, "{ns}local"
    # The top-level process this element lives in (None outside processes: collaborations,
    # participants, message flows). BPMN ids are unique per file only, so elements are known
    # across a KLS by (process, id); see graph.node_key.
    process: str | None = None
    template: str | None = None  # camunda:/zeebe:modelerTemplate: the element template applied


class FlowNode(Element):
    """Activities, events and gateways: the things sequence flows connect."""

    incoming: list[str] = Field(default_factory=list)  # sequence flow ids, filled by the reader
    outgoing: list[str] = Field(default_factory=list)
    lane: str | None = None  # innermost lane id, filled from the lane sets
    default: str | None = None  # default sequence flow id (activities, exclusive/inclusive gw)


class Activity(FlowNode):
    """Tasks of every kind, call activities and sub-processes (any kind)."""

    loop: str | None = None  # "standard" | "parallel" | "sequential" (multi-instance)
    is_for_compensation: bool = False
    called_element: str | None = None  # callActivity: id of the called process
    triggered_by_event: bool = False  # event sub-process
    instantiate: bool = False  # receive task that starts its process
    children: list[str] = Field(default_factory=list)  # sub-process: ids of contained elements
    data_inputs: list[str] = Field(default_factory=list)  # ids of data associations
    data_outputs: list[str] = Field(default_factory=list)

    @property
    def is_subprocess(self) -> bool:
        return self.type in SUBPROCESS_TYPES


class Event(FlowNode):
    definitions: list[str] = Field(default_factory=list)  # "message", "timer", ... (local names
    #                                                       without "EventDefinition")
    definition_refs: list[str] = Field(default_factory=list)  # eventDefinitionRef ids, resolved
    #                               into ``definitions`` from the file's root event definitions
    link_name: str = ""  # linkEventDefinition name: pairs a link throw with its catch
    attached_to: str | None = None  # boundary events: the activity id
    cancel_activity: bool = True  # boundary events: interrupting?
    interrupting: bool = True  # start events in event sub-processes
    parallel_multiple: bool = False


class Gateway(FlowNode):
    instantiate: bool = False
    event_gateway_type: str = "Exclusive"


class Flow(Element):
    """Sequence flows, message flows, associations and data associations."""

    source: str | None = None
    target: str | None = None
    condition: str | None = None  # sequence flows: the condition expression text, if any
    message_ref: str | None = None  # message flows: the message (the envelope is drawn)
    direction: str = "None"  # associations: associationDirection None | One | Both


class Data(Element):
    """Data objects (and references), data inputs/outputs and data stores (and references)."""

    ref: str | None = None  # dataObjectRef / dataStoreRef
    is_collection: bool = False
    state: str | None = None


class Artifact(Element):
    """Text annotations and groups."""

    text: str = ""  # annotation text
    category_value: str | None = None  # group: its categoryValueRef


class Lane(Element):
    flow_node_refs: list[str] = Field(default_factory=list)
    child_lanes: list[str] = Field(default_factory=list)


class Participant(Element):
    process_ref: str | None = None
    multiplicity: int | None = None  # participantMultiplicity minimum > 1 -> multi-instance pool


class Process(Element):
    is_executable: bool = False
    children: list[str] = Field(default_factory=list)  # flow elements and artifacts, in order
    lanes: list[str] = Field(default_factory=list)  # top-level lanes of its lane sets


class Collaboration(Element):
    participants: list[str] = Field(default_factory=list)
    children: list[str] = Field(default_factory=list)  # message flows and artifacts


# ---------------------------------------------------------------------------------------------
# Diagram interchange


# Geometry is plain value tuples: tens of thousands per diagram set, so they must cost what a
# tuple costs to make. Pydantic validates them as tuples wherever they appear in a model.


class Bounds(NamedTuple):
    x: float
    y: float
    width: float
    height: float


class Point(NamedTuple):
    x: float
    y: float


class Style(BaseModel):
    """Colours as drawn in the modeler (bpmn.io's bioc:* and the OMG color:* extension)."""

    stroke: str | None = None
    fill: str | None = None
    label: str | None = None


class Shape(BaseModel):
    id: str
    element: str  # bpmnElement
    bounds: Bounds
    line: int = 0
    is_expanded: bool | None = None
    is_horizontal: bool | None = None
    is_marker_visible: bool | None = None
    is_message_visible: bool | None = None
    label: Bounds | None = None
    style: Style | None = None


class Edge(BaseModel):
    id: str
    element: str
    waypoints: list[Point] = Field(default_factory=list)
    line: int = 0
    label: Bounds | None = None
    style: Style | None = None
    message_visible_kind: str | None = None  # message flows: "initiating" | "non_initiating"


class Plane(BaseModel):
    id: str
    element: str | None  # the process, collaboration or (collapsed) sub-process drawn
    shapes: list[Shape] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    line: int = 0


class Diagram(BaseModel):
    id: str
    name: str = ""
    plane: Plane
    line: int = 0


# ---------------------------------------------------------------------------------------------
# One file


class Definitions(BaseModel):
    """Everything read from one BPMN file."""

    path: str
    id: str = ""
    name: str = ""
    target_namespace: str = ""
    exporter: str = ""
    line: int = 0
    elements: dict[str, Element] = Field(default_factory=dict)  # every element with an id
    processes: list[str] = Field(default_factory=list)
    collaborations: list[str] = Field(default_factory=list)
    diagrams: list[Diagram] = Field(default_factory=list)
    root_names: dict[str, str] = Field(default_factory=dict)  # message/signal/error/... id -> name
    event_definitions: dict[str, str] = Field(default_factory=dict)  # root-level event
    #                                     definition id -> kind ("compensate"), for eventDefinitionRef

    def get(self, element_id: str | None) -> Element | None:
        return self.elements.get(element_id) if element_id else None


# ---------------------------------------------------------------------------------------------
# Type vocabularies, shared by reader, graph, rules and renderer

TASK_TYPES = frozenset({
    "task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask",
    "receiveTask", "businessRuleTask",
})
SUBPROCESS_TYPES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
ACTIVITY_TYPES = TASK_TYPES | SUBPROCESS_TYPES | {"callActivity"}
EVENT_TYPES = frozenset({
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
    "boundaryEvent", "implicitThrowEvent",
})
GATEWAY_TYPES = frozenset({
    "exclusiveGateway", "parallelGateway", "inclusiveGateway", "complexGateway",
    "eventBasedGateway",
})
FLOW_NODE_TYPES = ACTIVITY_TYPES | EVENT_TYPES | GATEWAY_TYPES
FLOW_TYPES = frozenset({
    "sequenceFlow", "messageFlow", "association", "dataInputAssociation",
    "dataOutputAssociation",
})
DATA_TYPES = frozenset({
    "dataObject", "dataObjectReference", "dataStore", "dataStoreReference", "dataInput",
    "dataOutput",
})
ARTIFACT_TYPES = frozenset({"textAnnotation", "group"})
