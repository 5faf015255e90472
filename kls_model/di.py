"""What a BPMN DI plane shows, and why anything in it is not drawn.

bpmn-js (``lib/import/BpmnTreeWalker.js``) draws what it reaches by walking the semantic tree
from the plane's element, plus processes with lanes that no participant names. Files from other
tools go further than that walk reaches: a plane naming a process while its shapes belong to the
collaboration's pools, shapes of processes the plane does not name at all, the called process
drawn inside an expanded call activity. A publishing tool must not lose those, so kls draws
*every* shape and edge of the plane whose element exists and has a notation, wherever that
element lives. The one thing left out is what bpmn-js hides too: the contents of a sub-process
drawn collapsed in this plane, which the sub-process's own view shows instead (a scoped plan,
or the sub-process's own plane when it has one). What is "inside" follows the drawing, not
only the XML: a boundary event is shown wherever its host is (some tools write it inside the
collapsed sub-process it sits on) unless it is drawn inside the host's box, and a flow between
two shown elements is drawn whatever its XML parent. A shape naming a process that one
participant has (Bonita) is that participant's pool, and a flow's line with fewer than two
waypoints is drawn straight between its two shapes when they are apart (KLS053 says so).

The renderer draws exactly ``plan().shapes`` and ``plan().edges``; the rules KLS051–KLS053
report ``plan().skipped``, and KLS057 reports ``not_shown()``: what a plane hides inside a
collapsed sub-process whose own plane does not draw it. One module decides, so what
`kls check` says is missing is what the site leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import bpmn as m

__all__ = ["NO_ELEMENT", "WRONG_KIND", "NO_PATH", "Plan", "plan", "plans", "own_planes",
           "not_shown", "is_expanded", "ancestors"]

#: Element types with a shape notation, and those drawn as a line.
SHAPE_TYPES = m.FLOW_NODE_TYPES | m.DATA_TYPES | m.ARTIFACT_TYPES | {"participant", "lane"}
EDGE_TYPES = m.FLOW_TYPES
#: Activities that can be drawn expanded, their contents inside them.
CONTAINER_TYPES = m.SUBPROCESS_TYPES | {"callActivity"}

# Why a DI element is not drawn: the finding code that reports it.
NO_ELEMENT = "KLS051"  # the DI element names no BPMN element (bpmnElement missing)
WRONG_KIND = "KLS052"  # a shape for a flow, a line for a node, or an element with no notation
NO_PATH = "KLS053"  # a line with fewer than two waypoints
UNKNOWN = "KLS045"  # bpmnElement names an id not in the file (the structure rules report it)

_MAX_DEPTH = 200  # nesting deeper than this is a parent cycle in a broken file


@dataclass
class Plan:
    """One plane's drawing: what is drawn, what its sub-processes' views show instead, and
    what cannot be drawn (with the code that says why)."""

    shapes: list[m.Shape] = field(default_factory=list)
    edges: list[m.Edge] = field(default_factory=list)
    hidden: dict[str, list] = field(default_factory=dict)  # collapsed sub-process -> its DI
    skipped: list[tuple[m.Shape | m.Edge, str]] = field(default_factory=list)
    straight: list[m.Edge] = field(default_factory=list)  # no path given: drawn straight

    @property
    def drawn(self) -> set[str]:
        return {s.element for s in self.shapes} | {e.element for e in self.edges}


def _centre(b: m.Bounds) -> tuple[float, float]:
    return b.x + b.width / 2, b.y + b.height / 2


def _exit(e: m.Element | None, b: m.Bounds, dx: float, dy: float) -> float:
    """Where the ray from the centre of ``b`` along (dx, dy) leaves the shape's outline, as a
    fraction of (dx, dy): a circle for events, a diamond for gateways, else the box."""
    w, h = b.width / 2 or 1.0, b.height / 2 or 1.0
    ax, ay = abs(dx), abs(dy)
    if not ax and not ay:
        return 1.0
    kind = e.type if e is not None else ""
    if kind in m.EVENT_TYPES:
        return min(w, h) / (ax * ax + ay * ay) ** 0.5
    if kind in m.GATEWAY_TYPES:
        return 1 / (ax / w + ay / h)
    return min(w / ax if ax else float("inf"), h / ay if ay else float("inf"))


def is_expanded(e: m.Element, shape: m.Shape) -> bool:
    """Sub-processes and call activities are drawn expanded only when the DI says so (BPMN's
    default is collapsed). Unlike bpmn-js, an expanded call activity stays expanded: tools
    that draw the called process inside it (the MIWG reference B.1.0) are shown as drawn."""
    return e.type in CONTAINER_TYPES and bool(shape.is_expanded)


def ancestors(defs: m.Definitions, e: m.Element):
    """The containers of ``e``, innermost first (sub-processes, process, collaboration)."""
    seen = {e.id}
    parent = defs.get(e.parent)
    while parent is not None and parent.id not in seen and len(seen) < _MAX_DEPTH:
        yield parent
        seen.add(parent.id)
        parent = defs.get(parent.parent)


def plan(defs: m.Definitions, plane: m.Plane, scope: str | None = None) -> Plan:
    """What ``plane`` shows; with ``scope``, only that sub-process and what it contains (its
    own view when it has no plane of its own)."""
    return _Planner(defs, plane, scope).run()


def plans(defs: m.Definitions) -> list[Plan]:
    """The plan of every diagram of ``defs``, in the order of ``defs.diagrams``."""
    return [plan(defs, d.plane) for d in defs.diagrams]


def own_planes(defs: m.Definitions) -> set[str | None]:
    """The elements that have a plane of their own drawing something. A collapsed sub-process
    among them is shown by that plane; one without gets a scoped view of its parent's."""
    return {d.plane.element for d in defs.diagrams if d.plane.shapes}


def not_shown(defs: m.Definitions, file_plans: list[Plan]) -> list[tuple[m.Shape | m.Edge, str]]:
    """(DI element, sub-process) for what a plane hides inside a collapsed sub-process that
    has a plane of its own which does not draw it: shown nowhere (KLS057). ``file_plans``
    is ``plans(defs)``. What that plane hides in turn is shown deeper down or reported on
    its own plan."""
    if not any(p.hidden for p in file_plans):
        return []
    shown: dict[str | None, set[str]] = {}
    for d, p in zip(defs.diagrams, file_plans):
        if d.plane.shapes:
            there = shown.setdefault(d.plane.element, set())
            there |= p.drawn
            there.update(di.element for hidden in p.hidden.values() for di in hidden)
    return [(di, sub) for p in file_plans for sub, hidden in p.hidden.items()
            if sub in shown for di in hidden if di.element not in shown[sub]]


class _Planner:
    def __init__(self, defs: m.Definitions, plane: m.Plane, scope: str | None):
        self.defs, self.plane, self.scope = defs, plane, scope
        elements = defs.elements
        # Only a sub-process with contents can hide any (a call activity's are another
        # process's); most planes have none drawn collapsed and take run()'s fast path.
        self.collapsed = {s.element for s in plane.shapes if not s.is_expanded
                          and (e := elements.get(s.element)) is not None
                          and e.type in m.SUBPROCESS_TYPES and e.children}
        # A collapsed sub-process's own view shows its contents, not its box; an expanded
        # one is drawn whole, with the boundary events on its border.
        self.scope_open = scope is not None and any(
            s.element == scope and s.is_expanded for s in plane.shapes)
        self.collapsed.discard(scope)
        self.result = Plan()
        self.hiders: dict[str | None, str | None] = {}  # parent id -> hider (siblings share)
        self._boxes: dict[str, m.Bounds] | None = None  # element -> its box, when needed

    def run(self) -> Plan:
        # Most planes have nothing collapsed and no scope: then a shape is drawn when its
        # element exists and has a notation (this loop is on every page build's hot path).
        elements, result = self.defs.elements, self.result
        plain = self.scope is None and not self.collapsed
        for shape in self.plane.shapes:
            e = elements.get(shape.element)
            if plain and e is not None and e.type in SHAPE_TYPES:
                result.shapes.append(shape)
            else:
                self.place(shape, e, SHAPE_TYPES, result.shapes)
        for edge in self.plane.edges:
            e = elements.get(edge.element)
            given = edge
            if len(edge.waypoints) < 2 and e is not None:
                edge = self.straighten(edge, e)
                if edge is None:
                    result.skipped.append((given, NO_PATH))
                    continue
            drawn = len(result.edges)
            if plain and e is not None and e.type in EDGE_TYPES:
                result.edges.append(edge)
            else:
                self.place(edge, e, EDGE_TYPES, result.edges)
            if edge is not given and len(result.edges) > drawn:
                result.straight.append(given)
        return result

    def box(self, element_id: str | None) -> m.Bounds | None:
        """The box ``element_id`` is drawn with in this plane (looked up only by the rare
        cases that need geometry, so built on first use)."""
        if self._boxes is None:
            self._boxes = {s.element: s.bounds for s in self.plane.shapes}
        return self._boxes.get(element_id or "")

    def straighten(self, edge: m.Edge, e: m.Element) -> m.Edge | None:
        """A flow's line without a path (Open-BPMN writes BPMNEdges with no waypoints): a
        straight line between its two shapes' outlines, when both are in this plane and
        apart. KLS053 says it was drawn so."""
        if not isinstance(e, m.Flow):
            return None
        source, target = self.box(e.source), self.box(e.target)
        if source is None or target is None:
            return None
        (sx, sy), (tx, ty) = _centre(source), _centre(target)
        dx, dy = tx - sx, ty - sy
        out = _exit(self.defs.get(e.source), source, dx, dy)
        into = _exit(self.defs.get(e.target), target, -dx, -dy)
        if out + into >= 1:  # the shapes touch or overlap: no line to draw between them
            return None
        return edge.model_copy(update={"waypoints": [
            m.Point(sx + dx * out, sy + dy * out), m.Point(tx - dx * into, ty - dy * into)]})

    def place(self, di, e: m.Element | None, kinds, drawn: list) -> None:
        if e is None:
            self.result.skipped.append((di, UNKNOWN if di.element else NO_ELEMENT))
        elif e.type == "process" and kinds is SHAPE_TYPES and self.scope is None \
                and (pool := self.pool_of(e.id)) is not None:
            drawn.append(di.model_copy(update={"element": pool}))
        elif e.type not in kinds:
            self.result.skipped.append((di, WRONG_KIND))
        elif self.scope is not None and not self.in_scope(e):
            pass
        elif self.collapsed and (hider := self.hider_of(e)) is not None:
            self.result.hidden.setdefault(hider, []).append(di)
        else:
            drawn.append(di)

    def pool_of(self, process_id: str) -> str | None:
        """The pool a shape of a process stands for. Bonita draws a pool with bpmnElement
        naming the process, not its participant: when exactly one participant has that
        process and no shape of its own in this plane, the shape is that pool (its name, its
        lanes' frame), as the tool drew it. MID Innovator draws such a shape beside the
        participant's own: a second frame, left to KLS052."""
        pools = [p for c in self.defs.collaborations
                 for p in getattr(self.defs.get(c), "participants", [])
                 if getattr(self.defs.get(p), "process_ref", None) == process_id]
        if len(pools) != 1 or any(s.element == pools[0] for s in self.plane.shapes):
            return None
        return pools[0]

    def hider_of(self, e: m.Element) -> str | None:
        """The collapsed sub-process that hides ``e``. A node is hidden by the one it lies
        inside; a boundary event wherever its host is (Visual Paradigm writes it inside the
        collapsed sub-process it is attached to, while drawing it on that box), unless it is
        written and drawn inside its host's box: then it is content. A sequence
        flow, association or data association with both ends is hidden with either end
        (bpmn-js hides connections to hidden shapes) and drawn when both are shown, whatever
        its XML parent. Message flows are drawn: they end on a collapsed box or a pool."""
        if not isinstance(e, m.Flow) or e.type == "messageFlow":
            return self.node_hider(e)
        ends = self.ends(e)
        by_ends = next(filter(None, map(self.node_hider, ends)), None)
        return by_ends if len(ends) == 2 else self.hider(e) or by_ends

    def node_hider(self, e: m.Element) -> str | None:
        host = self.host(e)
        if host is None:
            return self.hider(e)
        if host.id in self.collapsed and e.parent == host.id and self.drawn_within(e, host):
            return host.id  # content mistyped as a boundary event: shown on the host's view
        return self.hider(host)

    def drawn_within(self, e: m.Element, host: m.Element) -> bool:
        """Whether ``e``'s shape lies wholly inside ``host``'s box, off its border: Visual
        Paradigm types a catch event among a sub-process's contents as a boundary event of
        that sub-process, drawn there, not on the border."""
        inner, outer = self.box(e.id), self.box(host.id)
        return inner is not None and outer is not None and (
            outer.x < inner.x and inner.x + inner.width < outer.x + outer.width
            and outer.y < inner.y and inner.y + inner.height < outer.y + outer.height)

    def host(self, e: m.Element) -> m.Element | None:
        """The activity a boundary event is attached to, when it exists."""
        if isinstance(e, m.Event) and e.attached_to:
            return self.defs.get(e.attached_to)
        return None

    def hider(self, e: m.Element) -> str | None:
        """The collapsed sub-process of this plane that ``e`` lies inside, if any."""
        if e.parent not in self.hiders:
            self.hiders[e.parent] = self._hider(e)
        return self.hiders[e.parent]

    def _hider(self, e: m.Element) -> str | None:
        for a in ancestors(self.defs, e):
            if a.id == self.scope:  # only what is collapsed inside the scope hides
                return None
            if a.id in self.collapsed:
                return a.id
        return None

    def ends(self, flow: m.Flow) -> list[m.Element]:
        return [end for end in (self.defs.get(flow.source), self.defs.get(flow.target))
                if end is not None]

    def in_scope(self, e: m.Element) -> bool:
        scope = self.scope
        if e.id == scope:
            return self.scope_open
        if isinstance(e, m.Flow):
            ends = self.ends(e)
            if len(ends) == 2:  # drawn between two shapes of the view, wherever defined
                return all(self.inside(end) if isinstance(end, m.Flow) else self.in_scope(end)
                           for end in ends)
            return self.inside(e)
        host = self.host(e)
        if host is not None and not self.inside(e):  # on its host's border, where the host is
            return self.scope_open if host.id == scope else self.inside(host)
        # Written among the scope's contents (Visual Paradigm writes events attached to a
        # sub-process inside it, flows to its contents too): the view shows it with them.
        return self.inside(e)

    def inside(self, e: m.Element) -> bool:
        return e.id == self.scope or any(a.id == self.scope for a in ancestors(self.defs, e))
