"""Labels drawn outside their element: events, gateways, data, flows and groups.

Placed at the DI label bounds when the file has them, else where bpmn-js would put them:
below the shape, or at the middle of a flow's middle segment. Wrapped at bpmn-js's 90 pixels,
or at the DI label's width when the file made it wider (drawn for one line by another tool).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kls_model import bpmn as m

from . import svg
from .context import Colours, Ctx
from .textlayout import EXTERNAL_FONT_SIZE, layout, text_width

EXTERNAL = m.EVENT_TYPES | m.GATEWAY_TYPES | m.DATA_TYPES | m.FLOW_TYPES | {"group"}
LABEL_WIDTH = 90  # bpmn-js wraps external labels at 90 pixels
_WORDS = re.compile(r"[^\s/-]+[/-]?").findall  # the pieces a line may break between
MAX_LABEL_WIDTH = 150  # the widest a label grows for one long word


def text_of(defs: m.Definitions, e: m.Element) -> str:
    if e.type == "group":
        return defs.root_names.get(getattr(e, "category_value", None) or "", "") or e.name
    state = e.state if isinstance(e, m.Data) else None
    return f"{e.name}\n[{state}]" if state else e.name


_OWN_TEXT = m.DATA_TYPES | {"group", "textAnnotation", "messageFlow"}


def full_text(defs: m.Definitions, e: m.Element) -> str:
    """Everything the element's label says: its name, an annotation's text, a group's
    category, a data object's state, a message flow's message."""
    t = e.type
    if t not in _OWN_TEXT:
        return e.name
    if t == "textAnnotation":
        return getattr(e, "text", "") or e.name
    if t == "messageFlow" and not e.name.strip():
        return defs.root_names.get(getattr(e, "message_ref", None) or "", "")
    return text_of(defs, e)


@lru_cache(maxsize=4096)  # names repeat across diagrams and builds
def label_block(text: str, width: float):
    """The label wrapped at ``width`` like bpmn-js, except that a word wider than that (a
    Swedish compound such as "Kvalitetsberättelsen") widens the label up to
    ``MAX_LABEL_WIDTH`` rather than being cut in two."""
    longest = max((text_width(w, EXTERNAL_FONT_SIZE) for w in _WORDS(text)), default=0.0)
    if longest > width:
        width = min(longest, MAX_LABEL_WIDTH)
    return layout(text, width, EXTERNAL_FONT_SIZE)


def place_shape_label(ctx: Ctx, e: m.Element, shape: m.Shape, col: Colours) -> None:
    text = text_of(ctx.defs, e)
    if not text or e.type not in EXTERNAL:
        return
    b = shape.bounds
    if shape.label is not None and shape.label.width > 0:
        lb = shape.label
        block = label_block(text, max(LABEL_WIDTH, lb.width))
        cx, top = lb.x + lb.width / 2, lb.y
    elif e.type == "group":
        block = label_block(text, max(LABEL_WIDTH, b.width - 20))
        cx, top = b.x + b.width / 2, b.y + 7
    else:
        block = label_block(text, LABEL_WIDTH)
        cx, top = b.x + b.width / 2, b.y + b.height + 5
    ctx.labels.append((e.id, block, cx, top, col))


def place_edge_label(ctx: Ctx, e: m.Element, edge: m.Edge, col: Colours) -> None:
    text = text_of(ctx.defs, e)
    if not text:
        return
    if edge.label is not None and edge.label.width > 0:
        lb = edge.label
        block = label_block(text, max(LABEL_WIDTH, lb.width))
        cx, top = lb.x + lb.width / 2, lb.y
    else:
        points = edge.waypoints
        mid = len(points) // 2 - 1
        a, b = points[mid], points[mid + 1]
        block = label_block(text, LABEL_WIDTH)
        cx, top = (a.x + b.x) / 2, (a.y + b.y) / 2 - block.height - 3
    ctx.labels.append((e.id, block, cx, top, col))


def draw_labels(ctx: Ctx, layer) -> None:
    for element_id, block, cx, top, col in ctx.labels:
        cls = "djs-label-external kls-through" if element_id in ctx.through \
            else "djs-label-external"
        g = svg.el(layer, "g", {"class": cls, "data-label-for": element_id,
                                "font-size": str(EXTERNAL_FONT_SIZE)})
        svg.text_block(g, block, cx, top, "middle", col.label)
        ctx.extent.add(cx - block.width / 2, top, block.width, block.height)
