"""Graphviz's JSON output back into BPMN DI: node centres become shape bounds, clusters
become lanes and expanded sub-processes, edge splines become waypoints."""

from __future__ import annotations

from kls_model import bpmn as m

from .dotgraph import SIZES, Graph, category, label_size
from .shapes import HEADER  # lane name band, as in the renderer

_BOUNDARY = 36


def _points(pos: str, height: float) -> list[m.Point]:
    """Vertices of a dot edge: its spline's end points (every third point; dot's orthogonal
    and polyline routes are straight between them), with y flipped to point down."""
    coords = [p for p in pos.split() if not p.startswith(("e,", "s,"))]
    pts = [tuple(float(v) for v in p.split(",")) for p in coords]
    vertices = pts[::3] if len(pts) % 3 == 1 else pts
    return [m.Point(x=x, y=height - y) for x, y in vertices]


def _bb(text: str, height: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in text.split(","))
    return x0, height - y1, x1, height - y0


def to_diagram(defs: m.Definitions, root: m.Element, g: Graph, flows: list[m.Flow],
               data: dict) -> m.Diagram:
    height = float(data["bb"].split(",")[3])
    objects = {o.get("name"): o for o in data.get("objects", [])}
    shapes: dict[str, m.Shape] = {}
    for element_id, node in g.nodes.items():
        obj = objects.get(node)
        if obj is None or "pos" not in obj:
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        w, h = SIZES[category(defs.get(element_id))]
        shapes[element_id] = _shape(element_id, x - w / 2, height - y - h / 2, w, h)
    clusters = {cid: _bb(objects[c]["bb"], height) for cid, c in g.clusters.items()
                if c in objects and "bb" in objects[c]}
    for element_id, (x0, y0, x1, y1) in clusters.items():
        if element_id in g.anchors:
            shapes[element_id] = _shape(element_id, x0, y0, x1 - x0, y1 - y0, expanded=True)
    _boundary_events(defs, g, shapes)
    lanes = _lanes(defs, getattr(root, "lanes", []), clusters, None, 0)
    edges = _edges(defs, g, flows, data, height, shapes)
    ordered = lanes + [s for s in shapes.values()]
    plane = m.Plane(id=f"kls_auto_plane_{root.id}", element=root.id, shapes=ordered,
                    edges=edges)
    return m.Diagram(id=f"kls_auto_{root.id}", name=root.name, plane=plane)


def _shape(element_id: str, x: float, y: float, w: float, h: float, expanded=None,
           horizontal=None) -> m.Shape:
    return m.Shape(id=f"kls_auto_{element_id}", element=element_id,
                   bounds=m.Bounds(x=x, y=y, width=w, height=h), is_expanded=expanded,
                   is_horizontal=horizontal)


def _boundary_events(defs, g: Graph, shapes: dict[str, m.Shape]) -> None:
    """Boundary events sit on their host's lower edge, spread evenly."""
    for host_id, event_ids in g.boundary.items():
        host = shapes.get(host_id)
        if host is None:
            continue
        b = host.bounds
        for i, event_id in enumerate(event_ids):
            cx = b.x + b.width * (i + 1) / (len(event_ids) + 1)
            shapes[event_id] = _shape(event_id, cx - _BOUNDARY / 2, b.y + b.height - _BOUNDARY / 2,
                                      _BOUNDARY, _BOUNDARY)


def _lanes(defs, lane_ids: list[str], clusters: dict, outer: tuple | None,
           depth: int) -> list[m.Shape]:
    """Lane bands: each as wide as the widest, stacked with no gaps, header band on the
    left; child lanes inside their parent, after its header."""
    boxes = [(lid, clusters[lid]) for lid in lane_ids if lid in clusters]
    if not boxes:
        return []
    boxes.sort(key=lambda item: item[1][1])
    if outer is None:
        x0 = min(b[0] for _, b in boxes) - HEADER
        x1 = max(b[2] for _, b in boxes)
        top, bottom = boxes[0][1][1], boxes[-1][1][3]
    else:
        x0, top, x1, bottom = outer
        x0 += HEADER
    cuts = [top] + [(a[1][3] + b[1][1]) / 2 for a, b in zip(boxes, boxes[1:])] + [bottom]
    result = []
    for i, (lane_id, _) in enumerate(boxes):
        band = (x0, cuts[i], x1, cuts[i + 1])
        result.append(_shape(lane_id, band[0], band[1], band[2] - band[0], band[3] - band[1],
                             horizontal=True))
        lane = defs.get(lane_id)
        result.extend(_lanes(defs, getattr(lane, "child_lanes", []), clusters, band, depth + 1))
    return result


def _edges(defs, g: Graph, flows: list[m.Flow], data: dict, height: float,
           shapes: dict[str, m.Shape]) -> list[m.Edge]:
    by_id = {e.get("id"): e for e in data.get("edges", []) if e.get("id")}
    edges = []
    for i, f in enumerate(flows):
        obj = by_id.get(f"e{i}")
        if obj is None or "pos" not in obj:
            continue
        points = _points(obj["pos"], height)
        if len(points) < 2:
            continue
        source, target = shapes.get(f.source), shapes.get(f.target)
        if source is not None and defs.get(f.source).type == "boundaryEvent":
            points = _from_boundary(source.bounds, target.bounds if target else None, points)
        else:
            points = _clip_ends(points, source, target)
        label = None
        if "xlp" in obj and f.name:
            lx, ly = (float(v) for v in obj["xlp"].split(","))
            w, h = label_size(f.name)
            label = m.Bounds(x=lx - w / 2, y=height - ly - h / 2, width=w, height=h)
        edges.append(m.Edge(id=f"kls_auto_{f.id}", element=f.id, waypoints=points,
                            label=label))
    return edges


def _from_boundary(b: m.Bounds, t: m.Bounds | None, points: list[m.Point]) -> list[m.Point]:
    """Route a flow from the bottom of its boundary event, down and across to the target:
    dot routed it from the host, which would cross the event."""
    cx, bottom = b.x + b.width / 2, b.y + b.height
    start = m.Point(x=cx, y=bottom)
    if t is None:
        return [start] + points[1:]
    mid_y = t.y + t.height / 2
    if t.x > cx + 10 and mid_y > bottom:
        return [start, m.Point(x=cx, y=mid_y), m.Point(x=t.x, y=mid_y)]
    if t.y > bottom:
        turn = (bottom + t.y) / 2
        tx = t.x + t.width / 2
        return [start, m.Point(x=cx, y=turn), m.Point(x=tx, y=turn), m.Point(x=tx, y=t.y)]
    return [start, m.Point(x=t.x, y=mid_y)]


def _clip_ends(points: list[m.Point], source: m.Shape | None,
               target: m.Shape | None) -> list[m.Point]:
    """End flows at the border of an expanded sub-process: dot routed them to invisible
    anchors inside its cluster."""
    if target is not None and target.is_expanded:
        points = _clip(points, target.bounds)
    if source is not None and source.is_expanded:
        points = list(reversed(_clip(list(reversed(points)), source.bounds)))
    return points


def _inside(p: m.Point, b: m.Bounds) -> bool:
    return b.x - 0.5 <= p.x <= b.x + b.width + 0.5 and b.y - 0.5 <= p.y <= b.y + b.height + 0.5


def _clip(points: list[m.Point], b: m.Bounds) -> list[m.Point]:
    """The route up to where it first enters ``b``."""
    for i in range(1, len(points)):
        p, q = points[i - 1], points[i]
        if _inside(p, b):
            return points[:i] if i > 1 else points
        if _inside(q, b):
            lo, hi = 0.0, 1.0
            for _ in range(30):  # bisection: exact enough, and no special cases
                mid = (lo + hi) / 2
                point = m.Point(x=p.x + (q.x - p.x) * mid, y=p.y + (q.y - p.y) * mid)
                lo, hi = (lo, mid) if _inside(point, b) else (mid, hi)
            return points[:i] + [m.Point(x=p.x + (q.x - p.x) * hi, y=p.y + (q.y - p.y) * hi)]
    return points
