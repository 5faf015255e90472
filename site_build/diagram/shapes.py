"""Shapes in BPMN 2.0 notation as bpmn-js draws them, one handler per BPMN type.

Every handler draws into a group already translated to the shape's top-left corner, so the
geometry below is in the shape's own coordinates, like bpmn-js's. Stroke widths, radii and
icon positions are bpmn-js's (lib/draw/BpmnRenderer.js).
"""

from __future__ import annotations

import math

from kls_model import bpmn as m
from kls_model.di import is_expanded

from . import paths, svg
from .context import Colours, Ctx
from .paths import num
from .textlayout import FONT_SIZE, layout

TASK_BORDER_RADIUS = 10
INNER_OUTER_DIST = 3
FILL_OPACITY = "0.95"
LANE_FILL_OPACITY = "0.35"
LABEL_PADDING = 7
HEADER = 30  # the band of a pool or lane that carries its name


def _round(value: float) -> float:
    return math.floor(value + 0.5)  # JavaScript's Math.round, as bpmn-js sizes circles


def _circle(g, w, h, offset, attrs):
    return svg.circle(g, w / 2, h / 2, _round((w + h) / 4 - offset), attrs)


def _stroke(col: Colours, width: float, fill: str | None = None, **extra) -> dict:
    attrs = {"stroke": col.stroke, "stroke-width": num(width), "fill": fill or col.fill}
    attrs.update({k.replace("_", "-"): v for k, v in extra.items()})
    return attrs


# ---------------------------------------------------------------------------------------------
# Labels inside shapes


def embedded_label(ctx: Ctx, g, text: str, w: float, h: float, col: Colours,
                   align: str = "center-middle") -> None:
    if not text:
        return
    block = layout(text, w - 2 * LABEL_PADDING, FONT_SIZE)
    if align == "left-top":
        svg.text_block(g, block, LABEL_PADDING, LABEL_PADDING, "start", col.label)
        if block.height + LABEL_PADDING > h or block.width + LABEL_PADDING > w:
            ctx.add_local(LABEL_PADDING, LABEL_PADDING, block.width, block.height)
        return
    top = LABEL_PADDING if align == "center-top" else (h - block.height) / 2
    svg.text_block(g, block, w / 2, top, "middle", col.label)
    if top < 0 or top + block.height > h or block.width > w:  # runs past its shape
        ctx.add_local((w - block.width) / 2, top, block.width, block.height)


def header_label(g, text: str, length: float, col: Colours, vertical_text: bool) -> None:
    """The name in a pool's or lane's 30-pixel header band: rotated to read bottom-up along
    the left edge of horizontal pools, upright along the top of vertical ones."""
    if not text:
        return
    block = layout(text, length - 2 * 5, FONT_SIZE)
    parent = svg.el(g, "g", {"transform": f"translate(0 {num(length)}) rotate(-90)"}) \
        if vertical_text else g
    svg.text_block(parent, block, length / 2, (HEADER - block.height) / 2, "middle", col.label)


# ---------------------------------------------------------------------------------------------
# Events


def _is_throw(e: m.Element) -> bool:
    return e.type in ("endEvent", "intermediateThrowEvent", "implicitThrowEvent")


def _icon(g, name, w, h, mx, my, scale, attrs):
    return svg.path(g, paths.scaled(name, w, h, mx, my, scale, scale), attrs)


def event_content(ctx: Ctx, g, e: m.Event, w: float, h: float, col: Colours) -> None:
    definitions = getattr(e, "definitions", [])
    if not definitions:
        return
    throw = _is_throw(e)
    solid = col.stroke if throw else "none"
    if len(definitions) > 1:
        if e.parallel_multiple:
            _icon(g, "EVENT_PARALLEL_MULTIPLE", w, h, 0.458, 0.194, 1.2,
                  _stroke(col, 1, "none"))
        else:
            _icon(g, "EVENT_MULTIPLE", w, h, 0.222, 0.36, 1.1, _stroke(col, 1, solid))
        return
    draw = _EVENT_ICONS.get(definitions[0])
    if draw:
        draw(g, w, h, col, throw, solid)


def _message(g, w, h, col, throw, solid):
    attrs = {"stroke-width": "1", "fill": col.stroke if throw else col.fill,
             "stroke": col.fill if throw else col.stroke}
    _icon(g, "EVENT_MESSAGE", w, h, 0.235, 0.315, 0.9, attrs)


def _timer(g, w, h, col, throw, solid):
    _circle(g, w, h, 0.2 * h, _stroke(col, 2))
    _icon(g, "EVENT_TIMER_WH", w, h, 0.5, 0.5, 0.75, _stroke(col, 2, "none"))
    tick = paths.scaled("EVENT_TIMER_LINE", w, h, 0.5, 0.5, 0.75, 0.75)
    for i in range(12):
        svg.path(g, tick, {"stroke": col.stroke, "stroke-width": "1", "fill": "none",
                           "transform": f"rotate({i * 30} {num(w / 2)} {num(h / 2)})"})


def _cancel(g, w, h, col, throw, solid):
    p = _icon(g, "EVENT_CANCEL_45", w, h, 0.638, -0.055, 1, _stroke(col, 1, solid))
    p.set("transform", "rotate(45)")


def _simple(name, mx, my, scale, fill_when_throw=True):
    def draw(g, w, h, col, throw, solid):
        _icon(g, name, w, h, mx, my, scale, _stroke(col, 1, solid if fill_when_throw else "none"))
    return draw


def _terminate(g, w, h, col, throw, solid):
    _circle(g, w, h, 8, _stroke(col, 4, col.stroke))


_EVENT_ICONS = {
    "message": _message,
    "timer": _timer,
    "conditional": _simple("EVENT_CONDITIONAL", 0.5, 0.222, 1, False),
    "signal": _simple("EVENT_SIGNAL", 0.5, 0.2, 0.9),
    "escalation": _simple("EVENT_ESCALATION", 0.5, 0.2, 1),
    "link": _simple("EVENT_LINK", 0.57, 0.263, 1),
    "error": _simple("EVENT_ERROR", 0.2, 0.722, 1.1),
    "cancel": _cancel,
    "compensate": _simple("EVENT_COMPENSATION", 0.22, 0.5, 1),
    "terminate": _terminate,
}


def start_event(ctx, g, e, w, h, col, shape=None):
    extra = {} if getattr(e, "interrupting", True) else {"stroke_dasharray": "6"}
    _circle(g, w, h, 0, _stroke(col, 2, fill_opacity=FILL_OPACITY, **extra))
    event_content(ctx, g, e, w, h, col)


def end_event(ctx, g, e, w, h, col, shape=None):
    _circle(g, w, h, 0, _stroke(col, 4, fill_opacity=FILL_OPACITY))
    event_content(ctx, g, e, w, h, col)


def intermediate_event(ctx, g, e, w, h, col, shape=None):
    _circle(g, w, h, 0, _stroke(col, 1.5, fill_opacity=FILL_OPACITY))
    _circle(g, w, h, INNER_OUTER_DIST, _stroke(col, 1.5, "none"))
    event_content(ctx, g, e, w, h, col)


def boundary_event(ctx, g, e, w, h, col, shape=None):
    extra = {} if getattr(e, "cancel_activity", True) else {"stroke_dasharray": "6"}
    _circle(g, w, h, 0, _stroke(col, 1.5, **extra))
    _circle(g, w, h, INNER_OUTER_DIST, _stroke(col, 1.5, "none", **extra))
    event_content(ctx, g, e, w, h, col)


# ---------------------------------------------------------------------------------------------
# Activities


def _activity_rect(g, w, h, col, width=2.0, **extra):
    return svg.rect(g, 0, 0, w, h, TASK_BORDER_RADIUS,
                    _stroke(col, width, fill_opacity=FILL_OPACITY, **extra))


def task(ctx, g, e, w, h, col, shape=None):
    _activity_rect(g, w, h, col)
    embedded_label(ctx, g, e.name, w, h, col)
    task_markers(g, e, w, h, col, collapsed=False)


def _typed_task(icon):
    def draw(ctx, g, e, w, h, col, shape=None):
        task(ctx, g, e, w, h, col)
        icon(g, col)
    return draw


def _service_icon(g, col):
    svg.path(g, paths.at("TASK_TYPE_SERVICE", 12, 18), _stroke(col, 1))
    svg.path(g, paths.at("TASK_TYPE_SERVICE_FILL", 17.2, 18),
             {"stroke-width": "0", "stroke": "none", "fill": col.fill})
    svg.path(g, paths.at("TASK_TYPE_SERVICE", 17, 22), _stroke(col, 1))


def _user_icon(g, col):
    svg.path(g, paths.at("TASK_TYPE_USER_1", 15, 12), _stroke(col, 0.5))
    svg.path(g, paths.at("TASK_TYPE_USER_2", 15, 12), _stroke(col, 0.5))
    svg.path(g, paths.at("TASK_TYPE_USER_3", 15, 12), _stroke(col, 0.5, col.stroke))


def _manual_icon(g, col):
    svg.path(g, paths.at("TASK_TYPE_MANUAL", 17, 15), _stroke(col, 0.5))


def _send_icon(g, col):
    d = paths.scaled("TASK_TYPE_SEND", 21, 14, 0.285, 0.357)
    svg.path(g, d, {"stroke-width": "1", "fill": col.stroke, "stroke": col.fill})


def _receive_icon(g, col):
    d = paths.scaled("TASK_TYPE_SEND", 21, 14, 0.3, 0.4, 0.9, 0.9)
    svg.path(g, d, _stroke(col, 1))


def _instantiating_receive_icon(g, col):
    """A receive task that starts its process: the envelope in a circle, as bpmn-js."""
    _circle(g, 28, 28, 20 * 0.22, _stroke(col, 1, **{"data-marker": "instantiate"}))
    svg.path(g, paths.at("TASK_TYPE_INSTANTIATING_SEND", 7.77, 9.52), _stroke(col, 1))


def receive_task(ctx, g, e, w, h, col, shape=None):
    task(ctx, g, e, w, h, col)
    if getattr(e, "instantiate", False):
        _instantiating_receive_icon(g, col)
    else:
        _receive_icon(g, col)


def _script_icon(g, col):
    svg.path(g, paths.at("TASK_TYPE_SCRIPT", 15, 20), _stroke(col, 1, "none"))


def _business_rule_icon(g, col):
    header_fill = "#aaaaaa" if col.fill == svg.WHITE else col.fill
    svg.path(g, paths.at("TASK_TYPE_BUSINESS_RULE_HEADER", 8, 8), _stroke(col, 1, header_fill))
    svg.path(g, paths.at("TASK_TYPE_BUSINESS_RULE_MAIN", 8, 8), _stroke(col, 1, "none"))


def sub_process(ctx, g, e, w, h, col, shape=None, width=2.0, **extra):
    expanded = shape is not None and is_expanded(e, shape)
    if getattr(e, "triggered_by_event", False):
        extra = {"stroke_dasharray": "0, 5.5"}
        width = 2.5
    _activity_rect(g, w, h, col, width, **extra)
    embedded_label(ctx, g, e.name, w, h, col, "center-top" if expanded else "center-middle")
    task_markers(g, e, w, h, col, collapsed=not expanded)


def transaction(ctx, g, e, w, h, col, shape=None):
    sub_process(ctx, g, e, w, h, col, shape, width=1.5)
    svg.rect(g, INNER_OUTER_DIST, INNER_OUTER_DIST, w - 2 * INNER_OUTER_DIST,
             h - 2 * INNER_OUTER_DIST, TASK_BORDER_RADIUS - 3, _stroke(col, 1.5, "none"))


def call_activity(ctx, g, e, w, h, col, shape=None):
    sub_process(ctx, g, e, w, h, col, shape, width=5)


#: Bottom-centre markers, as bpmn-js's TASK_MARKERS: name -> (path, x offset from the middle
#: on a task, on a collapsed sub-process; y above the bottom; stroke width, extra stroke
#: attributes, filled with the stroke colour).
_MARKERS = {
    "compensation": ("MARKER_COMPENSATION", -27, -42, 13, 1, {}, False),
    "adhoc": ("MARKER_ADHOC", 10, 10, 15, 1, {}, True),
    "loop": ("MARKER_LOOP", 0, -18, 7, 1.5, {"stroke_miterlimit": "0.5"}, False),
    "parallel": ("MARKER_PARALLEL", -6, -22, 20, 2, {}, False),
    "sequential": ("MARKER_SEQUENTIAL", -3, -21, 19, 2, {}, False),
}


def _markers_of(e: m.Element) -> list[str]:
    """The markers ``e`` carries, in drawing order."""
    found = ["compensation"] if getattr(e, "is_for_compensation", False) else []
    if e.type == "adHocSubProcess":
        found.append("adhoc")
    loop = getattr(e, "loop", None)
    if loop in ("standard", "parallel", "sequential"):
        found.append("loop" if loop == "standard" else loop)
    return found


def task_markers(g, e, w, h, col, collapsed: bool) -> None:
    """Bottom-centre markers: collapsed (+), compensation, ad hoc (~), loop, multi-instance."""
    mid = w / 2
    if collapsed:
        svg.rect(g, mid - 7.5, h - 20, 14, 14, 0, _stroke(col, 1))
        svg.path(g, paths.at("MARKER_SUB_PROCESS", mid - 7.5, h - 20),
                 dict(_stroke(col, 2), **{"data-marker": "sub-process"}))
    for name in _markers_of(e):
        path, on_task, on_sub, dy, width, extra, filled = _MARKERS[name]
        attrs = _stroke(col, width, col.stroke if filled else None, **extra)
        svg.path(g, paths.at(path, mid + (on_sub if collapsed else on_task), h - dy),
                 dict(attrs, **{"data-marker": name}))


# ---------------------------------------------------------------------------------------------
# Gateways


def _diamond(g, w, h, col):
    points = f"{num(w / 2)},0 {num(w)},{num(h / 2)} {num(w / 2)},{num(h)} 0,{num(h / 2)}"
    svg.el(g, "polygon", dict(_stroke(col, 2, fill_opacity=FILL_OPACITY), points=points))


def exclusive_gateway(ctx, g, e, w, h, col, shape=None):
    _diamond(g, w, h, col)
    # As bpmn-js (ElementFactory): the X shows unless the DI says isMarkerVisible="false";
    # MIWG files from other tools leave the attribute out and mean the marker.
    if shape is None or shape.is_marker_visible is not False:
        _icon(g, "GATEWAY_EXCLUSIVE", w, h, 0.32, 0.3, 0.4, _stroke(col, 1, col.stroke))


def parallel_gateway(ctx, g, e, w, h, col, shape=None):
    _diamond(g, w, h, col)
    _icon(g, "GATEWAY_PARALLEL", w, h, 0.46, 0.2, 0.6, _stroke(col, 1, col.stroke))


def inclusive_gateway(ctx, g, e, w, h, col, shape=None):
    _diamond(g, w, h, col)
    _circle(g, w, h, h * 0.24, _stroke(col, 2.5))


def complex_gateway(ctx, g, e, w, h, col, shape=None):
    _diamond(g, w, h, col)
    _icon(g, "GATEWAY_COMPLEX", w, h, 0.46, 0.26, 0.5, _stroke(col, 1, col.stroke))


def event_based_gateway(ctx, g, e, w, h, col, shape=None):
    _diamond(g, w, h, col)
    _circle(g, w, h, h * 0.2, _stroke(col, 1, "none"))
    if getattr(e, "event_gateway_type", "Exclusive") == "Parallel":
        _icon(g, "GATEWAY_PARALLEL", w, h, 0.474, 0.296, 0.4, _stroke(col, 1, "none"))
        return
    if not getattr(e, "instantiate", False):
        _circle(g, w, h, h * 0.26, _stroke(col, 1, "none"))
    _icon(g, "GATEWAY_EVENT_BASED", w, h, 0.36, 0.44, 0.18, _stroke(col, 2, "none"))


# ---------------------------------------------------------------------------------------------
# Data, artifacts, pools and lanes


def data_object(ctx, g, e, w, h, col, shape=None):
    d = paths.scaled("DATA_OBJECT_PATH", w, h, 0.474, 0.296)
    svg.path(g, d, _stroke(col, 2, fill_opacity=FILL_OPACITY))
    if _is_collection(ctx, e):
        svg.path(g, paths.at("DATA_OBJECT_COLLECTION_PATH", w * 0.33, h - 18),
                 _stroke(col, 2, "none"))


def _is_collection(ctx: Ctx, e: m.Element) -> bool:
    if getattr(e, "is_collection", False):
        return True
    target = ctx.element(getattr(e, "ref", None))  # a reference shows its object's flag
    return bool(getattr(target, "is_collection", False))


def data_input(ctx, g, e, w, h, col, shape=None):
    data_object(ctx, g, e, w, h, col)
    svg.path(g, paths.raw("DATA_ARROW"), _stroke(col, 1, "none"))


def data_output(ctx, g, e, w, h, col, shape=None):
    data_object(ctx, g, e, w, h, col)
    svg.path(g, paths.raw("DATA_ARROW"), _stroke(col, 1, col.stroke))


def data_store(ctx, g, e, w, h, col, shape=None):
    d = paths.scaled("DATA_STORE", w, h, 0, 0.133)
    svg.path(g, d, _stroke(col, 2, fill_opacity=FILL_OPACITY))


def text_annotation(ctx, g, e, w, h, col, shape=None):
    svg.rect(g, 0, 0, w, h, 0, {"fill": "none", "stroke": "none"})
    svg.path(g, paths.scaled("TEXT_ANNOTATION", w, h, 0, 0), _stroke(col, 2, "none"))
    embedded_label(ctx, g, getattr(e, "text", "") or e.name, w, h, col, "left-top")


def group(ctx, g, e, w, h, col, shape=None):
    svg.rect(g, 0, 0, w, h, TASK_BORDER_RADIUS,
             _stroke(col, 1.5, "none", stroke_dasharray="10,6,0,6"))


def _horizontal(shape: m.Shape | None) -> bool:
    return shape is None or shape.is_horizontal is not False


def participant(ctx, g, e, w, h, col, shape=None):
    svg.rect(g, 0, 0, w, h, 0, _stroke(col, 1.5, fill_opacity=FILL_OPACITY))
    horizontal = _horizontal(shape)
    expanded = bool(getattr(e, "process_ref", None))
    if shape is not None and shape.is_expanded is not None:
        expanded = shape.is_expanded
    if expanded and horizontal:
        svg.path(g, f"M {HEADER},0 L {HEADER},{num(h)}", _stroke(col, 1.5, "none"))
        header_label(g, e.name, h, col, vertical_text=True)
    elif expanded:
        svg.path(g, f"M 0,{HEADER} L {num(w)},{HEADER}", _stroke(col, 1.5, "none"))
        header_label(g, e.name, w, col, vertical_text=False)
    else:
        embedded_label(ctx, g, e.name, w, h, col)
    if getattr(e, "multiplicity", None):
        svg.path(g, paths.at("MARKER_PARALLEL", w / 2, h - 15),
                 dict(_stroke(col, 2), **{"data-marker": "participant-multiplicity"}))


def lane(ctx, g, e, w, h, col, shape=None):
    svg.rect(g, 0, 0, w, h, 0, _stroke(col, 1.5, fill_opacity=LANE_FILL_OPACITY))
    if _horizontal(shape):
        header_label(g, e.name, h, col, vertical_text=True)
    else:
        header_label(g, e.name, w, col, vertical_text=False)


#: BPMN type -> handler(ctx, group, element, width, height, colours, shape): every handler
#: takes the DI shape; some use it (expanded, marker visible, horizontal).
SHAPES = {
    "task": task,
    "userTask": _typed_task(_user_icon),
    "manualTask": _typed_task(_manual_icon),
    "serviceTask": _typed_task(_service_icon),
    "scriptTask": _typed_task(_script_icon),
    "sendTask": _typed_task(_send_icon),
    "receiveTask": receive_task,
    "businessRuleTask": _typed_task(_business_rule_icon),
    "subProcess": sub_process,
    "adHocSubProcess": sub_process,
    "transaction": transaction,
    "callActivity": call_activity,
    "startEvent": start_event,
    "endEvent": end_event,
    "intermediateCatchEvent": intermediate_event,
    "intermediateThrowEvent": intermediate_event,
    "implicitThrowEvent": intermediate_event,
    "boundaryEvent": boundary_event,
    "exclusiveGateway": exclusive_gateway,
    "parallelGateway": parallel_gateway,
    "inclusiveGateway": inclusive_gateway,
    "complexGateway": complex_gateway,
    "eventBasedGateway": event_based_gateway,
    "dataObject": data_object,
    "dataObjectReference": data_object,
    "dataInput": data_input,
    "dataOutput": data_output,
    "dataStore": data_store,
    "dataStoreReference": data_store,
    "textAnnotation": text_annotation,
    "group": group,
    "participant": participant,
    "lane": lane,
}
