"""Connections as bpmn-js draws them: polylines with 5-pixel rounded corners and markers."""

from __future__ import annotations

import math

from kls_model import bpmn as m

from . import svg
from .context import Colours, Ctx
from .paths import num

CORNER_RADIUS = 5


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


def sequence_flow(ctx: Ctx, g, f: m.Flow, points, col: Colours) -> None:
    attrs = {"marker_end": ctx.marker("sequenceflow-end", col)}
    source = ctx.element(f.source)
    if source is not None and source.type in m.ACTIVITY_TYPES | m.GATEWAY_TYPES \
            and getattr(source, "default", None) == f.id:
        attrs["marker_start"] = ctx.marker("conditional-default-flow-marker", col)
    elif f.condition and source is not None and source.type in m.ACTIVITY_TYPES:
        attrs["marker_start"] = ctx.marker("conditional-flow-marker", col)
    _line(g, points, col, 2, **attrs)


def message_flow(ctx: Ctx, g, f: m.Flow, points, col: Colours) -> None:
    _line(g, points, col, 1.5, stroke_dasharray="10, 11",
          marker_start=ctx.marker("messageflow-start", col),
          marker_end=ctx.marker("messageflow-end", col))


def association(ctx: Ctx, g, f: m.Flow, points, col: Colours) -> None:
    _line(g, points, col, 2, stroke_dasharray="0, 5")


def data_association(ctx: Ctx, g, f: m.Flow, points, col: Colours) -> None:
    _line(g, points, col, 2, stroke_dasharray="0, 5",
          marker_end=ctx.marker("association-end", col))


#: BPMN type -> handler(ctx, group, flow, waypoints, colours)
EDGES = {
    "sequenceFlow": sequence_flow,
    "messageFlow": message_flow,
    "association": association,
    "dataInputAssociation": data_association,
    "dataOutputAssociation": data_association,
}
