"""Connections as bpmn-js draws them: polylines with 5-pixel rounded corners and markers."""

from __future__ import annotations

import math

from kls_model import bpmn as m

from . import paths, svg
from .context import Colours, Ctx
from .paths import num
from .textlayout import FONT_SIZE, layout

CORNER_RADIUS = 5
ENVELOPE_W, ENVELOPE_H = 21, 14  # bpmn-js's MESSAGE_FLOW_MARKER
ELEMENT_LABEL_DISTANCE = 10  # bpmn-js: between the envelope and the message's name
MESSAGE_LABEL_WIDTH = 150  # diagram-js's default text box


def line_path(points: list[m.Point], radius: float = CORNER_RADIUS) -> str:
    """Path data through ``points`` with corners rounded by ``radius`` (never more than half
    of the shorter adjacent segment)."""
    first = points[0]
    parts = [f"M {num(first.x)},{num(first.y)}"]
    for i in range(1, len(points) - 1):
        prev, corner, nxt = points[i - 1], points[i], points[i + 1]
        d1 = math.hypot(corner.x - prev.x, corner.y - prev.y)
        d2 = math.hypot(nxt.x - corner.x, nxt.y - corner.y)
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 0.01:
            parts.append(f"L {num(corner.x)},{num(corner.y)}")
            continue
        ax, ay = corner.x + (prev.x - corner.x) * r / d1, corner.y + (prev.y - corner.y) * r / d1
        bx, by = corner.x + (nxt.x - corner.x) * r / d2, corner.y + (nxt.y - corner.y) * r / d2
        parts.append(f"L {num(ax)},{num(ay)} Q {num(corner.x)},{num(corner.y)} {num(bx)},{num(by)}")
    last = points[-1]
    parts.append(f"L {num(last.x)},{num(last.y)}")
    return " ".join(parts)


def _line(g, points, col: Colours, width: float, **attrs) -> object:
    a = {"d": line_path(points), "fill": "none", "stroke": col.stroke,
         "stroke-width": num(width)}
    a.update({k.replace("_", "-"): v for k, v in attrs.items()})
    return svg.el(g, "path", a)


def sequence_flow(ctx: Ctx, g, f: m.Flow, points, col: Colours,
                  edge: m.Edge | None = None) -> None:
    attrs = {"marker_end": ctx.marker("sequenceflow-end", col)}
    source = ctx.element(f.source)
    if source is not None and source.type in m.ACTIVITY_TYPES | m.GATEWAY_TYPES \
            and getattr(source, "default", None) == f.id:
        attrs["marker_start"] = ctx.marker("conditional-default-flow-marker", col)
    elif f.condition and source is not None and source.type in m.ACTIVITY_TYPES:
        attrs["marker_start"] = ctx.marker("conditional-flow-marker", col)
    _line(g, points, col, 2, **attrs)


def message_flow(ctx: Ctx, g, f: m.Flow, points, col: Colours,
                 edge: m.Edge | None = None) -> None:
    _line(g, points, col, 1.5, stroke_dasharray="10, 11",
          marker_start=ctx.marker("messageflow-start", col),
          marker_end=ctx.marker("messageflow-end", col))
    if f.message_ref:
        _message_envelope(ctx, g, f, points, col, edge)


def midpoint(points: list[m.Point]) -> tuple[float, float]:
    """The point halfway along the polyline (bpmn-js: getPointAtLength(total / 2))."""
    lengths = [math.hypot(b.x - a.x, b.y - a.y) for a, b in zip(points, points[1:])]
    rest = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:]), lengths):
        if rest <= length and length > 0:
            t = rest / length
            return a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t
        rest -= length
    return points[-1].x, points[-1].y


def _message_envelope(ctx: Ctx, g, f: m.Flow, points, col: Colours, edge) -> None:
    """The message of a message flow as bpmn-js draws it: an envelope at the middle of the
    flow, white when the message initiates the exchange (the DI's messageVisibleKind,
    "initiating" by default), dark when it answers; its name below."""
    x, y = midpoint(points)
    kind = getattr(edge, "message_visible_kind", None) or "initiating"
    fill, stroke = (col.fill, col.stroke) if kind == "initiating" else (col.stroke, col.fill)
    svg.path(g, paths.at("MESSAGE_FLOW_MARKER", x, y),
             {"fill": fill, "stroke": stroke, "stroke-width": "1", "data-marker": "message"})
    ctx.extent.add(x - ENVELOPE_W / 2, y - ENVELOPE_H / 2, ENVELOPE_W, ENVELOPE_H)
    name = ctx.defs.root_names.get(f.message_ref, "")
    if name.strip():
        block = layout(name, MESSAGE_LABEL_WIDTH, FONT_SIZE)
        top = y + ENVELOPE_H / 2 + ELEMENT_LABEL_DISTANCE
        label = svg.el(g, "g", {"class": "kls-message-label"})
        svg.text_block(label, block, x, top, "middle", col.label)
        ctx.extent.add(x - block.width / 2, top, block.width, block.height)


def association(ctx: Ctx, g, f: m.Flow, points, col: Colours,
                edge: m.Edge | None = None) -> None:
    """Arrowheads as the association's direction says: none, at the target, or both ends."""
    attrs = {}
    if f.direction in ("One", "Both"):
        attrs["marker_end"] = ctx.marker("association-end", col)
    if f.direction == "Both":
        attrs["marker_start"] = ctx.marker("association-start", col)
    _line(g, points, col, 2, stroke_dasharray="0, 5", **attrs)


def data_association(ctx: Ctx, g, f: m.Flow, points, col: Colours,
                     edge: m.Edge | None = None) -> None:
    _line(g, points, col, 2, stroke_dasharray="0, 5",
          marker_end=ctx.marker("association-end", col))


#: BPMN type -> handler(ctx, group, flow, waypoints, colours, edge): every handler takes the
#: DI edge; message flows use it (messageVisibleKind).
EDGES = {
    "sequenceFlow": sequence_flow,
    "messageFlow": message_flow,
    "association": association,
    "dataInputAssociation": data_association,
    "dataOutputAssociation": data_association,
}
