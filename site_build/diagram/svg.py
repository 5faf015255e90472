"""A small SVG builder on lxml: every attribute value and text goes through lxml, which
escapes it, so names from a BPMN file can never become markup."""

from __future__ import annotations

import hashlib
import re

from lxml import etree

from .paths import num
from .textlayout import ELLIPSIS, Block

SVG_NS = "http://www.w3.org/2000/svg"
_S = "{" + SVG_NS + "}"
TAG = {name: _S + name for name in (
    "svg", "g", "a", "rect", "circle", "path", "polygon", "polyline", "text", "tspan", "title",
    "desc", "defs", "marker", "style")}

BLACK = "hsl(225, 10%, 15%)"  # bpmn-js's default stroke
WHITE = "white"

_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]{5,60}\))$")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def colour(value: str | None) -> str | None:
    """A DI colour if it is a plain CSS colour, else None (the default is used)."""
    if value and _COLOUR.match(value.strip()):
        return value.strip()
    return None


def safe_id(*parts: str) -> str:
    """An XML/CSS-safe id built from ``parts``; a short hash keeps ids that differed only in
    unsafe characters apart."""
    raw = "-".join(parts)
    clean = _ID_UNSAFE.sub("_", raw)
    if clean != raw:
        clean += "-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]
    return clean if clean[:1].isalpha() else "k" + clean


def el(parent, tag: str, attrs: dict):
    return etree.SubElement(parent, TAG[tag], attrs)


def circle(parent, cx: float, cy: float, r: float, attrs: dict):
    a = {"cx": num(cx), "cy": num(cy), "r": num(max(r, 0))}
    a.update(attrs)
    return etree.SubElement(parent, TAG["circle"], a)


def rect(parent, x: float, y: float, w: float, h: float, r: float, attrs: dict):
    a = {"x": num(x), "y": num(y), "width": num(max(w, 0)), "height": num(max(h, 0))}
    if r:
        a["rx"] = a["ry"] = num(r)
    a.update(attrs)
    return etree.SubElement(parent, TAG["rect"], a)


def path(parent, d: str, attrs: dict):
    a = {"d": d}
    a.update(attrs)
    return etree.SubElement(parent, TAG["path"], a)


def translate(parent, x: float, y: float, attrs: dict | None = None):
    a = {"transform": f"translate({num(x)} {num(y)})"}
    if attrs:
        a.update(attrs)
    return etree.SubElement(parent, TAG["g"], a)


def text_block(parent, block: Block, x: float, top: float, anchor: str = "middle",
               fill: str = BLACK, size_attr: bool = False):
    """Draw laid-out lines: ``x`` is the anchor (centre or left edge), ``top`` the top of the
    first line."""
    if not block.lines:
        return None
    attrs = {"class": "djs-label", "fill": fill}
    if anchor != "middle":
        attrs["text-anchor"] = anchor
    if size_attr:
        attrs["font-size"] = num(block.size)
    t = etree.SubElement(parent, TAG["text"], attrs)
    lh = block.line_height
    # The baseline of a line sits about 0.95 em below its top when lines are 1.2 em apart.
    base = top + lh - (lh - block.size) / 2 - block.size * 0.15
    xs = num(x)
    for i, line in enumerate(block.lines):
        span = etree.SubElement(t, TAG["tspan"], {"x": xs, "y": num(base + i * lh)})
        span.text = line
    return t


def is_truncated(block: Block) -> bool:
    return bool(block.lines) and block.lines[-1].endswith(ELLIPSIS)
