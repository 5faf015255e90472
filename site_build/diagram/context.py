"""What the shape and edge handlers share while one diagram is drawn."""

from __future__ import annotations

from dataclasses import dataclass, field

from kls_model import bpmn as m

from . import svg
from .paths import num


@dataclass
class Extent:
    """The bounding box of everything drawn, for the viewBox."""

    x0: float = float("inf")
    y0: float = float("inf")
    x1: float = float("-inf")
    y1: float = float("-inf")

    def add(self, x: float, y: float, w: float = 0.0, h: float = 0.0) -> None:
        # Comparisons, not min()/max(): called for every shape, edge and label.
        if x < self.x0:
            self.x0 = x
        if y < self.y0:
            self.y0 = y
        if x + w > self.x1:
            self.x1 = x + w
        if y + h > self.y1:
            self.y1 = y + h

    @property
    def empty(self) -> bool:
        return self.x0 > self.x1


@dataclass
class Colours:
    fill: str
    stroke: str
    label: str


def colours_of(style: m.Style | None) -> Colours:
    if style is None:
        return _DEFAULT
    stroke = svg.colour(style.stroke) or svg.BLACK
    return Colours(svg.colour(style.fill) or svg.WHITE, stroke, svg.colour(style.label) or stroke)


_DEFAULT = Colours(svg.WHITE, svg.BLACK, svg.BLACK)


@dataclass
class Ctx:
    defs: m.Definitions
    prefix: str  # for every id in the SVG, so several diagrams can share one page
    defs_el: object  # the <defs> element, for markers
    shapes: dict[str, m.Shape]  # element id -> its shape in this plane
    extent: Extent = field(default_factory=Extent)
    markers: dict[str, str] = field(default_factory=dict)
    labels: list = field(default_factory=list)  # external labels, drawn last
    used_ids: set = field(default_factory=set)
    origin: tuple[float, float] = (0.0, 0.0)  # top-left of the shape being drawn
    through: set = field(default_factory=set)  # ids that clicks pass through (render.py)

    def add_local(self, x: float, y: float, w: float, h: float) -> None:
        """Grow the extent by a box in the current shape's own coordinates (a label that
        runs past its shape must stay inside the viewBox)."""
        self.extent.add(self.origin[0] + x, self.origin[1] + y, w, h)

    def unique_id(self, element_id: str) -> str:
        """The SVG id of an element's group: prefixed, escaped, and unique even when a
        broken file draws one element twice."""
        base = svg.safe_id(self.prefix, element_id)
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def element(self, element_id: str | None) -> m.Element | None:
        return self.defs.elements.get(element_id) if element_id else None

    def marker(self, kind: str, col: Colours) -> str:
        """A url() to the marker ``kind`` in these colours, defined once per SVG."""
        key = f"{kind}|{col.fill}|{col.stroke}"
        ref = self.markers.get(key)
        if ref is None:
            marker_id = svg.safe_id(self.prefix, kind, str(len(self.markers)))
            _define_marker(self.defs_el, marker_id, kind, col)
            ref = self.markers[key] = f"url(#{marker_id})"
        return ref


# kind -> (shape, path or circle data, ref x, ref y, scale, style)
_MARKERS = {
    "sequenceflow-end": ("path", "M 1 5 L 11 10 L 1 15 Z", 11, 10, 0.5, "filled"),
    "messageflow-start": ("circle", (6, 6, 3.5), 6, 6, 1, "hollow"),
    "messageflow-end": ("path", "m 1 5 l 0 -3 l 7 3 l -7 3 z", 8.5, 5, 1, "hollow"),
    "association-end": ("path", "M 1 5 L 11 10 L 1 15", 11, 10, 0.5, "open"),
    "association-start": ("path", "M 11 5 L 1 10 L 11 15", 1, 10, 0.5, "open"),
    "conditional-flow-marker": ("path", "M 0 10 L 8 6 L 16 10 L 8 14 Z", -1, 10, 0.5, "hollow2"),
    "conditional-default-flow-marker": ("path", "M 6 4 L 10 16", 0, 10, 0.5, "line"),
}


def _define_marker(defs_el, marker_id: str, kind: str, col: Colours) -> None:
    shape, data, rx, ry, scale, style = _MARKERS[kind]
    marker = svg.el(defs_el, "marker", {
        "id": marker_id, "viewBox": "0 0 20 20", "refX": num(rx), "refY": num(ry),
        "markerWidth": num(20 * scale), "markerHeight": num(20 * scale), "orient": "auto"})
    attrs = {
        "filled": {"fill": col.stroke, "stroke": col.stroke, "stroke-width": "1"},
        "hollow": {"fill": col.fill, "stroke": col.stroke, "stroke-width": "1"},
        "hollow2": {"fill": col.fill, "stroke": col.stroke, "stroke-width": "2"},
        "open": {"fill": "none", "stroke": col.stroke, "stroke-width": "1.5"},
        "line": {"fill": "none", "stroke": col.stroke, "stroke-width": "2"},
    }[style]
    attrs.update({"stroke-linecap": "round", "stroke-linejoin": "round"})
    if shape == "circle":
        svg.circle(marker, data[0], data[1], data[2], attrs)
    else:
        svg.path(marker, data, attrs)
