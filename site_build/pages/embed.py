"""Put a container's diagram into its page: find the plane that shows it, link every shape
that has somewhere to go, and wrap the SVG in a raw HTML block that scrolls on a phone."""

from __future__ import annotations

import re

from kls_model import bpmn as m
from kls_model import graph as g
from kls_model.diagnostics import finding
from site_build.diagram import Drawable, LayoutError, diagrams_for, render_diagram

from ..texts import PAGES as T
from . import escape
from .site import Site

_BLANK_LINES = re.compile(r"\n\s*\n")


def diagram_block(site: Site, page: str, container: str) -> str | None:
    """The diagram of ``container`` as a raw HTML block for ``page``, or None."""
    found = _diagram_of(site, container)
    if isinstance(found, Exception):
        return _not_drawn(site, container, found)
    if found is None:
        return None
    defs, d = found
    label = T["diagram_label"].format(name=site.name(container))
    try:
        svg = render_diagram(defs, d.diagram, links=_links(site, page, container, d.diagram),
                             title=label, auto=d.auto, scope=d.scope)
    except (LayoutError, ValueError) as exc:
        return _not_drawn(site, container, exc)
    # Python-Markdown ends a raw HTML block at a blank line; an SVG never needs one.
    svg = _BLANK_LINES.sub("\n", svg)
    note = f"\n\n{T['diagram_auto']}\n{{ .kls-diagram-note }}" if d.auto else ""
    return _viewer(svg, label) + note


#: The viewer's buttons: (action for kls-viewer.js, PAGES key). On the focused diagram the
#: keys + - 0 do the same as the first three (the hint says so).
_BUTTONS = (("zoom-in", "viewer_zoom_in"), ("zoom-out", "viewer_zoom_out"),
            ("fit", "viewer_fit"), ("fullscreen", "viewer_fullscreen"))


def _viewer(svg: str, label: str) -> str:
    """The SVG in a scroll box (all there is without JavaScript), under a bar of controls
    that kls-viewer.js shows when it takes over: it fits the diagram to its column, zooms
    and pans. The Swedish labels are here, so the script carries no text of its own."""
    buttons = "".join(
        f'<button type="button" class="kls-viewer__button" data-kls-action="{action}"'
        + (' aria-pressed="false"' if action == "fullscreen" else "")
        + f">{escape.attr(T[key])}</button>"
        for action, key in _BUTTONS)
    hints = "".join(f'<span class="kls-viewer__hint kls-viewer__hint--{device}">'
                    f'{escape.attr(T["viewer_hint_" + device])}</span>'
                    for device in ("mouse", "touch"))
    return (f'<div class="kls-viewer" data-kls-viewer '
            f'data-kls-exit-fullscreen="{escape.attr(T["viewer_fullscreen_exit"])}">\n'
            f'<div class="kls-viewer__bar" role="group" '
            f'aria-label="{escape.attr(T["viewer_controls"])}" hidden>{buttons}{hints}</div>\n'
            f'<div class="kls-diagram" role="region" tabindex="0" '
            f'aria-label="{escape.attr(label)}">\n{svg}\n</div>\n</div>')


def _diagram_of(site: Site, container: str):
    defs = site.system.file_of(container)
    if defs is None:
        return None
    drawables = _drawables(site, defs)
    if isinstance(drawables, Exception):
        return drawables
    own_id = site.node(container).bpmn_id
    for d in drawables:
        if d.element_id == own_id:
            return defs, d
    for d in drawables:
        if _shows_pool_of(defs, d.element_id, own_id):
            return defs, d
    for d in drawables:  # an expanded sub-process: its part of the parent's plane
        if not d.scope and any(s.element == own_id for s in d.diagram.plane.shapes):
            return defs, Drawable(d.diagram, own_id, d.auto, scope=own_id)
    return None


def _drawables(site: Site, defs: m.Definitions):
    cache = site.system.memo("pages.drawables", dict)
    if defs.path not in cache:
        try:
            cache[defs.path] = diagrams_for(defs)
        except (LayoutError, ValueError) as exc:  # e.g. Graphviz missing for a file without DI
            cache[defs.path] = exc
    return cache[defs.path]


def _not_drawn(site: Site, container: str, reason: Exception) -> str:
    """Say on the page, and to whoever builds, that the diagram could not be drawn."""
    defs, element = site.system.index[container]
    if not any(p.element_id == element.id and p.path == defs.path for p in site.problems):
        site.problems.append(finding("KLS056", defs.path, element.line, element.id,
                                     name=site.name(container), detail=reason))
    return escape.text(T["diagram_failed"].format(detail=reason))


def _shows_pool_of(defs: m.Definitions, element_id: str | None, process: str) -> bool:
    collaboration = defs.get(element_id)
    if collaboration is None or collaboration.type != "collaboration":
        return False
    return any(getattr(defs.get(p), "process_ref", None) == process
               for p in collaboration.participants)


def _links(site: Site, page: str, container: str, diagram: m.Diagram) -> dict[str, str]:
    defs = site.system.file_of(container)
    links: dict[str, str] = {}
    for shape in diagram.plane.shapes:
        target = _link_target(site, defs, shape.element, container)
        if target is None:
            continue
        href = site.svg_href(page, target)
        if href and href not in ("#", "./"):
            links[shape.element] = href
    return links


def _link_target(site: Site, defs: m.Definitions, element_id: str, container: str) -> str | None:
    element = defs.get(element_id)
    key = g.node_key(element)
    if element is None or key == container:
        return None
    if element.type == "participant":
        ref = element.process_ref
        return ref if ref and ref != container and ref in site.pages else None
    if element.type in m.ACTIVITY_TYPES and key in site.G:
        return key
    return None
