"""DI -> SVG: one diagram (one BPMN plane) as a standalone, accessible SVG string."""

from __future__ import annotations

import hashlib
import os

from kls_model import bpmn as m
from kls_model.di import ancestors, is_expanded, plan
from kls_model.urls import url_problem

from ..texts import DIAGRAM as SV, kind_indefinite as kind
from . import labels, svg
from .context import Ctx, colours_of
from .edges import EDGES
from .paths import num
from .shapes import SHAPES
from .textlayout import FONT_FAMILY, FONT_SIZE, clean, one_line

MARGIN = 20
_STYLE = (
    "#{id} .kls-link {{ cursor: pointer; }}\n"
    "#{id} .kls-link:hover .kls-focus, #{id} .kls-link:focus .kls-focus "
    "{{ stroke: #0b5cad; stroke-width: 4px; }}\n"
    "#{id} .kls-link:focus {{ outline: none; }}\n"
    "#{id} .kls-through {{ pointer-events: none; }}\n")


def render_diagram(defs: m.Definitions, diagram: m.Diagram, links: dict[str, str] | None = None,
                   title: str | None = None, description: str | None = None,
                   auto: bool = False, scope: str | None = None) -> str:
    """The SVG of ``diagram``. ``links`` maps element ids to hrefs: those shapes become links
    named "<name> (<kind>)"; ``auto`` says the diagram was laid out by kls, not drawn;
    ``scope`` draws only that sub-process and its contents (``kls_model.di.plan``)."""
    # Unique on a page, and the same wherever the KLS is checked out: the file's name, not
    # its path (two clones, or a build from another folder, give the same bytes).
    where = f"{os.path.basename(defs.path)}|{diagram.id}|{diagram.plane.id}|{scope or ''}"
    prefix = "kls-" + hashlib.sha1(where.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    root = svg.Node("svg", {"xmlns": svg.SVG_NS})
    root.set("id", prefix)
    root.set("class", "kls-diagram")
    title_el = svg.el(root, "title", {"id": prefix + "-title"})
    desc_el = svg.el(root, "desc", {"id": prefix + "-desc"})
    style_el = svg.el(root, "style", {})
    style_el.text = _STYLE.format(id=prefix)
    defs_el = svg.el(root, "defs", {})
    body = svg.el(root, "g", {
        "class": "kls-viewport", "font-family": FONT_FAMILY, "font-size": str(FONT_SIZE),
        "text-anchor": "middle", "stroke-linecap": "round", "stroke-linejoin": "round"})
    plane = diagram.plane
    ctx = Ctx(defs, prefix, defs_el, {s.element: s for s in plane.shapes})
    drawing = plan(defs, plane, scope)
    links = {k: v for k, v in (links or {}).items() if _safe_href(v)}
    ctx.through = _click_through(ctx, drawing, links)
    _draw_all(ctx, body, drawing, links)
    labels.draw_labels(ctx, svg.el(body, "g", {"class": "kls-labels"}))
    _finish(root, ctx, title_el, desc_el, links, defs, diagram, title, description,
            auto, len(drawing.shapes), len(drawing.edges))
    return svg.to_string(root)


def _draw_all(ctx: Ctx, body, drawing, links: dict[str, str]) -> None:
    """Shapes in layers (see ``_layer``), the edges between the lower and the upper ones."""
    layered = sorted(((_layer(ctx, s), i, s) for i, s in enumerate(drawing.shapes)),
                     key=lambda item: item[:2])
    shapes = [s for _, _, s in layered]
    edge_layer_at = next((i for i, (layer, _, _) in enumerate(layered) if layer[0] >= 4),
                         len(shapes))
    for shape in shapes[:edge_layer_at]:
        _draw_shape(ctx, body, shape, links)
    for edge in drawing.edges:
        _draw_edge(ctx, body, edge)
    for shape in shapes[edge_layer_at:]:
        _draw_shape(ctx, body, shape, links)


def _click_through(ctx: Ctx, drawing, links: dict[str, str]) -> set[str]:
    """Elements drawn inside a linked, expanded sub-process that are not links themselves:
    clicks pass through them to the sub-process, whose link its contents would otherwise
    cover everywhere but at its border and name."""
    open_links = {s.element for s in drawing.shapes if s.element in links
                  and is_expanded(ctx.element(s.element), s)}
    if not open_links:
        return set()
    through = set()
    for di in (*drawing.shapes, *drawing.edges):
        e = ctx.element(di.element)
        if e.id not in links and any(a.id in open_links for a in ancestors(ctx.defs, e)):
            through.add(e.id)
    return through


def _safe_href(href: str | None) -> bool:
    """Only web, mail and relative links: a ``javascript:`` URL in a model must not run."""
    return url_problem(href, ("http", "https", "mailto"), relative=True) is None


def _finish(root, ctx, title_el, desc_el, links, defs, diagram, title, description, auto,
            shapes: int, edges: int) -> None:
    ext = ctx.extent
    if ext.empty:
        ext.add(0, 0, 100, 100)
    x, y = ext.x0 - MARGIN, ext.y0 - MARGIN
    w, h = ext.x1 - ext.x0 + 2 * MARGIN, ext.y1 - ext.y0 + 2 * MARGIN
    root.set("viewBox", f"{num(x)} {num(y)} {num(w)} {num(h)}")
    root.set("width", num(w))
    root.set("height", num(h))
    # A picture without links is one image to assistive technology; with links it is a
    # group whose links can be reached one by one.
    root.set("role", "group" if links else "img")
    root.set("aria-labelledby", f"{title_el.get('id')} {desc_el.get('id')}")
    title_el.text = clean(title) if title else _default_title(defs, diagram)
    template = SV["diagram_desc_auto"] if auto else SV["diagram_desc"]
    desc_el.text = clean(description) if description else template.format(
        shapes=shapes, edges=edges)


def _default_title(defs: m.Definitions, diagram: m.Diagram) -> str:
    target = defs.get(diagram.plane.element)
    name = clean(diagram.name or (target.name if target else "") or defs.name)
    return SV["diagram_title"].format(name=name) if name else SV["diagram_title_unnamed"]


def _layer(ctx: Ctx, shape: m.Shape) -> tuple:
    """Draw order: pools, lanes, expanded sub-processes (outer first), other shapes, then
    (after the edges) boundary events, annotations and groups on top."""
    e = ctx.element(shape.element)
    t = e.type if e is not None else ""
    b = shape.bounds
    if t == "participant":
        return (0, 0)
    if t == "lane":
        return (1, 0)
    if is_expanded(e, shape):
        return (2, -b.width * b.height)
    if t == "boundaryEvent":
        return (4, 0)
    if t == "textAnnotation":
        return (5, 0)
    if t == "group":
        return (6, 0)
    return (3, 0)


def _draw_shape(ctx: Ctx, parent, shape: m.Shape, links: dict[str, str]) -> None:
    e = ctx.element(shape.element)
    handler = SHAPES[e.type]
    b = shape.bounds
    col = colours_of(shape.style)
    href = links.get(e.id)
    if href:
        name = _access_name(e)
        parent = svg.el(parent, "a", {"href": href, "class": "kls-link", "aria-label": name})
        svg.el(parent, "title", {}).text = name
    g = svg.translate(parent, b.x, b.y, {
        "class": "djs-shape kls-through" if e.id in ctx.through else "djs-shape",
        "id": ctx.unique_id(e.id),
        "data-element-id": e.id, "data-element-type": e.type})
    if not href:
        _title(g, labels.full_text(ctx.defs, e))
    ctx.origin = (b.x, b.y)
    handler(ctx, g, e, b.width, b.height, col, shape)
    if href:
        svg.rect(g, 0, 0, b.width, b.height, 10 if e.type in m.ACTIVITY_TYPES else 0,
                 {"class": "kls-focus", "fill": "none", "stroke": "none"})
    ctx.extent.add(b.x, b.y, b.width, b.height)
    labels.place_shape_label(ctx, e, shape, col)


def _title(g, text: str) -> None:
    """The full name as the shape's tooltip and accessible name: a label may run past its
    shape or be wrapped, but the name is always whole here."""
    if text:
        text = one_line(text)
        if text:
            title = svg.Node("title")
            title.text = text
            g.children.append(title)


def _access_name(e: m.Element) -> str:
    k = kind(e.type)
    name = one_line(e.name)
    return SV["link_name"].format(name=name, kind=k) if name else SV["unnamed"].format(kind=k)


def _draw_edge(ctx: Ctx, parent, edge: m.Edge) -> None:
    e = ctx.element(edge.element)
    handler = EDGES[e.type]
    col = colours_of(edge.style)
    cls = "djs-connection kls-through" if e.id in ctx.through else "djs-connection"
    g = svg.el(parent, "g", {"class": cls, "id": ctx.unique_id(e.id),
                             "data-element-id": e.id, "data-element-type": e.type})
    _title(g, labels.full_text(ctx.defs, e))
    handler(ctx, g, e, edge.waypoints, col, edge)
    add = ctx.extent.add
    for p in edge.waypoints:
        add(p.x, p.y)
    labels.place_edge_label(ctx, e, edge, col)
