"""The Graphviz graph of a process drawn without DI: nodes sized as the renderer draws them,
lanes as clusters, embedded sub-processes as nested clusters, flows as edges. ``layout.py``
runs ``dot`` on it and ``dotread.py`` turns dot's answer back into DI."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from kls_model import bpmn as m

from .labels import LABEL_WIDTH, label_block

DPI = 72.0
SIZES = {"activity": (100, 80), "event": (36, 36), "gateway": (50, 50), "data": (36, 50),
         "store": (50, 50), "annotation": (100, 30)}
_DOT_SHAPE = {"activity": "box", "event": "circle", "gateway": "diamond", "data": "box",
              "store": "box", "annotation": "box"}


def category(e: m.Element) -> str | None:
    if e.type in m.ACTIVITY_TYPES:
        return "activity"
    if e.type in m.EVENT_TYPES and e.type != "boundaryEvent":
        return "event"
    if e.type in m.GATEWAY_TYPES:
        return "gateway"
    if e.type in ("dataObjectReference", "dataInput", "dataOutput"):
        return "data"
    if e.type == "dataStoreReference":
        return "store"
    if e.type == "textAnnotation":
        return "annotation"
    return None


def _quote(text: str, limit: int = 80) -> str:
    """A DOT string literal. Only sizes matter to us, so the text is shortened and flattened;
    backslashes and quotes are escaped so a name can never end the string."""
    flat = " ".join(text.split())[:limit]
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Graph:
    defs: m.Definitions
    root: m.Element
    nodes: dict[str, str] = field(default_factory=dict)  # element id -> dot node name
    clusters: dict[str, str] = field(default_factory=dict)  # sub-process/lane id -> cluster
    anchors: dict[str, str] = field(default_factory=dict)  # sub-process id -> entry anchor
    exits: dict[str, str] = field(default_factory=dict)  # sub-process id -> exit anchor
    boundary: dict[str, list[str]] = field(default_factory=dict)  # host id -> boundary ids
    lines: list[str] = field(default_factory=list)
    lane_members: dict[str, list[str]] = field(default_factory=dict)  # lane -> dot nodes

    def name(self, prefix: str) -> str:
        return f"{prefix}{len(self.nodes) + len(self.clusters) + len(self.anchors)}"

    # -- nodes and clusters ----------------------------------------------------------------

    def contents(self, container: m.Element, indent: str, lanes: bool) -> None:
        """Emit the children of a process or sub-process (sub-processes as clusters)."""
        by_lane: dict[str | None, list[m.Element]] = {}
        for child_id in getattr(container, "children", []):
            child = self.defs.get(child_id)
            if child is None:
                continue
            if child.type == "boundaryEvent":
                self.boundary.setdefault(child.attached_to or "", []).append(child.id)
                continue
            if category(child) is None:
                continue
            lane = self.lane_of(child) if lanes else None
            by_lane.setdefault(lane, []).append(child)
        if lanes:
            self.lane_clusters(container.lanes, by_lane, indent)
        for child in by_lane.get(None, []):
            self.node(child, indent, None)

    def lane_of(self, e: m.Element) -> str | None:
        lane = getattr(e, "lane", None)
        if lane is not None:
            return lane
        # Data and annotations sit in the lane of the first activity they are linked to.
        return self.linked_lanes.get(e.id) or self.first_lane()

    @cached_property
    def linked_lanes(self) -> dict[str, str]:
        """Element id -> the lane of the element at the other end of its first flow (in file
        order) whose other end has a lane: one pass over the file, not one per element."""
        found: dict[str, str] = {}
        for f in self.defs.elements.values():
            if not isinstance(f, m.Flow):
                continue
            for end, other_id in ((f.source, f.target), (f.target, f.source)):
                if end in found:
                    continue
                other = self.defs.get(other_id)
                if other is not None and getattr(other, "lane", None):
                    found[end] = other.lane
        return found

    def first_lane(self) -> str | None:
        lanes = getattr(self.root, "lanes", [])
        lane = self.defs.get(lanes[0]) if lanes else None
        while lane is not None and lane.child_lanes:
            lane = self.defs.get(lane.child_lanes[0])
        return lane.id if lane else None

    def lane_clusters(self, lane_ids: list[str], by_lane: dict, indent: str) -> None:
        for lane_id in lane_ids:
            lane = self.defs.get(lane_id)
            if lane is None:
                continue
            cluster = self.clusters[lane_id] = self.name("cluster_l")
            self.lines.append(f'{indent}subgraph {cluster} {{ label=""; margin=10;')
            if lane.child_lanes:
                # Nodes of a lane that also has child lanes go to its first child lane.
                first = lane.child_lanes[0]
                by_lane.setdefault(first, []).extend(by_lane.pop(lane_id, []))
                self.lane_clusters(lane.child_lanes, by_lane, indent + "  ")
            else:
                anchor_in, anchor_out = cluster + "_in", cluster + "_out"
                self.lines.append(f"{indent}  {anchor_in} [shape=point, style=invis];")
                self.lines.append(f"{indent}  {anchor_out} [shape=point, style=invis];")
                members = self.lane_members.setdefault(lane_id, [])
                for child in by_lane.get(lane_id, []):
                    members.extend(self.node(child, indent + "  ", lane_id))
            self.lines.append(f"{indent}}}")

    def node(self, e: m.Element, indent: str, lane: str | None) -> list[str]:
        """Emit one element; returns the dot nodes it made (for the lane anchors)."""
        if e.type in m.SUBPROCESS_TYPES and getattr(e, "children", None):
            return self.subprocess_cluster(e, indent)
        kind = category(e)
        w, h = SIZES[kind]
        name = self.nodes[e.id] = self.name("n")
        self.lines.append(f"{indent}{name} [shape={_DOT_SHAPE[kind]}, width={w / DPI:.3f}, "
                          f"height={h / DPI:.3f}];")
        return [name]

    def subprocess_cluster(self, e: m.Element, indent: str) -> list[str]:
        cluster = self.clusters[e.id] = self.name("cluster_s")
        anchor = self.anchors[e.id] = cluster + "_a"
        exit_ = self.exits[e.id] = cluster + "_z"
        self.lines.append(f"{indent}subgraph {cluster} {{ label={_quote(e.name)}; "
                          f"labelloc=t; fontname=Arial; fontsize=12; margin=16;")
        self.lines.append(f"{indent}  {anchor} [shape=point, style=invis];")
        self.lines.append(f"{indent}  {exit_} [shape=point, style=invis];")
        before = set(self.nodes.values()) | set(self.anchors.values())
        self.contents(e, indent + "  ", lanes=False)
        self.lines.append(f"{indent}}}")
        inside = [n for n in list(self.nodes.values()) + list(self.anchors.values())
                  if n not in before]
        for n in inside:  # the contents lie between the entry and the exit anchor
            self.lines.append(f"{indent}{anchor} -> {n} [style=invis, weight=0];")
            self.lines.append(f"{indent}{n} -> {exit_} [style=invis, weight=0];")
        if not inside:
            self.lines.append(f"{indent}{anchor} -> {exit_} [style=invis];")
        return [anchor, exit_] + inside

    # -- edges -------------------------------------------------------------------------------

    def end(self, element_id: str | None) -> tuple[str | None, str, str | None]:
        """The dot node an edge attaches to, the port, and the cluster it stands for (an
        expanded sub-process is a cluster; its edges attach to an invisible anchor)."""
        port = ""
        e = self.defs.get(element_id)
        if e is not None and e.type == "boundaryEvent":
            element_id, port = e.attached_to, "s"
        if element_id in self.anchors:
            return self.anchors[element_id], port, self.clusters[element_id]
        if element_id in self.nodes:
            return self.nodes[element_id], port, None
        return None, "", None

    def edges(self, flows: list[m.Flow]) -> list[m.Flow]:
        drawn = []
        for f in flows:
            (tail, _, source_cluster), (head, _, _) = self.end(f.source), self.end(f.target)
            if tail is None or head is None:
                continue
            if source_cluster:  # leave a sub-process after its contents
                tail = tail[:-2] + "_z"
            attrs = [f'id="e{len(drawn)}"']
            if f.name and f.type == "sequenceFlow":
                attrs.append(f"xlabel={_quote(f.name, 40)}")
            if f.type != "sequenceFlow":
                attrs.append("style=dashed")
            self.lines.append(f"  {tail} -> {head} [{', '.join(attrs)}];")
            drawn.append(f)
        return drawn

    def lane_spans(self) -> None:
        """Stretch every lane over all ranks, so that the lane clusters can only stack as
        horizontal bands: an invisible node before and after each lane's nodes, all the
        "before" nodes in one rank and all the "after" nodes in another."""
        ins, outs = [], []
        for lane_id, members in self.lane_members.items():
            cluster = self.clusters[lane_id]
            ins.append(cluster + "_in")
            outs.append(cluster + "_out")
            for member in members:
                self.lines.append(f"  {cluster}_in -> {member} [style=invis, weight=0];")
                self.lines.append(f"  {member} -> {cluster}_out [style=invis, weight=0];")
            if not members:
                self.lines.append(f"  {cluster}_in -> {cluster}_out [style=invis];")
        if ins:
            self.lines.append("  {rank=same; " + "; ".join(ins) + ";}")
            self.lines.append("  {rank=same; " + "; ".join(outs) + ";}")
            for a, b in zip(ins, ins[1:]):
                self.lines.append(f"  {a} -> {b} [style=invis];")  # keep the lane order


def _flows(defs: m.Definitions, scope: set[str]) -> list[m.Flow]:
    return [e for e in defs.elements.values()
            if isinstance(e, m.Flow) and (e.parent in scope or e.source in scope)
            and e.type != "messageFlow"]


def _scope_ids(defs: m.Definitions, root: m.Element) -> set[str]:
    ids, stack = {root.id}, list(getattr(root, "children", []))
    while stack:
        child_id = stack.pop()
        if child_id in ids:
            continue
        ids.add(child_id)
        stack.extend(getattr(defs.get(child_id), "children", []) or [])
    return ids


def dot_source(defs: m.Definitions, root: m.Element, splines: str) -> tuple[str, Graph, list]:
    g = Graph(defs, root)
    g.lines.append(f"digraph kls {{\n  graph [rankdir=LR, newrank=true, compound=true, "
                   f"nodesep=0.45, ranksep=0.55, splines={splines}, forcelabels=true];\n"
                   f"  node [fixedsize=true, label=\"\"];\n"
                   f"  edge [arrowhead=none, fontname=Arial, fontsize=11];")
    g.contents(root, "  ", lanes=bool(getattr(root, "lanes", None)))
    flows = g.edges(_flows(defs, _scope_ids(defs, root)))
    g.lane_spans()
    g.lines.append("}")
    return "\n".join(g.lines), g, flows


def label_size(text: str) -> tuple[float, float]:
    """The space a flow label takes: the block the renderer draws, so reserved equals drawn."""
    block = label_block(text, LABEL_WIDTH)
    return block.width, block.height
