"""A small SVG builder: a tree of plain nodes serialised with every attribute value and text
escaped in one place (``_escape_*``), so names from a BPMN file can never become markup.

Plain Python nodes instead of lxml elements: building them is several times cheaper, and the
renderer creates tens of thousands for a large KLS.
"""

from __future__ import annotations

import hashlib
import re

from .paths import num
from .textlayout import SPACE_EM, Block

SVG_NS = "http://www.w3.org/2000/svg"

# Characters XML 1.0 cannot carry are dropped; markup characters become entities.
_INVALID = {c: None for c in range(32) if c not in (9, 10, 13)}
_INVALID.update({0xFFFE: None, 0xFFFF: None})
_TEXT = str.maketrans({**_INVALID, "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({**_INVALID, "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class Node:
    """One SVG element: tag, attributes, children and text (no tail text: SVG needs none)."""

    __slots__ = ("tag", "attrs", "children", "text")

    def __init__(self, tag: str, attrs: dict | None = None):
        self.tag = tag
        self.attrs = attrs if attrs is not None else {}
        self.children: list[Node] = []
        self.text: str | None = None

    def set(self, key: str, value: str) -> None:
        self.attrs[key] = value

    def get(self, key: str, default=None):
        return self.attrs.get(key, default)


def to_string(root: Node) -> str:
    """The SVG text of ``root``: written with a stack, not recursion (the renderer's hottest
    loop: tens of thousands of nodes per KLS)."""
    out: list[str] = []
    append, special, computed = out.append, _SPECIAL, _COMPUTED
    stack: list = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if node.__class__ is str:  # a closing tag
            append(node)
            continue
        append("<" + node.tag)
        for key, value in node.attrs.items():
            if key not in computed and special(value):
                value = value.translate(_ATTR)
            append(f' {key}="{value}"')
        text, children = node.text, node.children
        if not children and text is None:
            append("/>")
            continue
        if text is not None and special(text):
            text = text.translate(_TEXT)
        append(">" + text if text else ">")
        push("</" + node.tag + ">")
        stack.extend(reversed(children))
    return "".join(out)


_SPECIAL = re.compile('[&<>"\x00-\x1f\ufffe\uffff]').search  # cheap test before escaping


# Attributes whose values nothing from a file can put markup in, so they skip the escaping
# test: numbers and path templates (num()), constants, colours that passed colour()'s strict
# pattern, ids made by safe_id() and marker references to them, BPMN type names (XML names).
# Everything else (hrefs, names, element ids from the file, text) is tested and escaped.
_COMPUTED = frozenset({
    "d", "x", "y", "cx", "cy", "r", "width", "height", "rx", "ry", "stroke-width",
    "transform", "points", "fill-opacity", "stroke-dasharray", "stroke-miterlimit", "viewBox",
    "refX", "refY", "markerWidth", "markerHeight", "orient", "font-size", "text-anchor",
    "stroke-linecap", "stroke-linejoin", "data-marker", "class",
    "fill", "stroke", "marker-start", "marker-end", "id", "font-family", "data-element-type",
    "role", "aria-labelledby", "xmlns"})

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
    if not _ID_UNSAFE.search(raw) and raw[:1].isalpha():
        return raw
    clean = _ID_UNSAFE.sub("_", raw)
    if clean != raw:
        clean += "-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]
    return clean if clean[:1].isalpha() else "k" + clean


def el(parent: Node, tag: str, attrs: dict) -> Node:
    """A child element; ``attrs`` is taken over, so pass a fresh dict."""
    node = Node(tag, attrs)
    parent.children.append(node)
    return node


def circle(parent: Node, cx: float, cy: float, r: float, attrs: dict) -> Node:
    a = {"cx": num(cx), "cy": num(cy), "r": num(max(r, 0))}
    a.update(attrs)
    node = Node("circle", a)
    parent.children.append(node)
    return node


def rect(parent: Node, x: float, y: float, w: float, h: float, r: float, attrs: dict) -> Node:
    a = {"x": num(x), "y": num(y), "width": num(max(w, 0)), "height": num(max(h, 0))}
    if r:
        a["rx"] = a["ry"] = num(r)
    a.update(attrs)
    node = Node("rect", a)
    parent.children.append(node)
    return node


def path(parent: Node, d: str, attrs: dict) -> Node:
    a = {"d": d}
    a.update(attrs)
    node = Node("path", a)
    parent.children.append(node)
    return node


def translate(parent: Node, x: float, y: float, attrs: dict | None = None) -> Node:
    a = {"transform": f"translate({num(x)} {num(y)})"}
    if attrs:
        a.update(attrs)
    node = Node("g", a)
    parent.children.append(node)
    return node


def text_block(parent, block: Block, x: float, top: float, anchor: str = "middle",
               fill: str = BLACK):
    """Draw laid-out lines: ``x`` is the anchor (centre or left edge), ``top`` the top of the
    first line. A line keeps the space it was broken at (see ``Block``); centred, that space
    would pull the line half a space to the left, so the line is moved back by as much."""
    if not block.lines:
        return None
    attrs = {"class": "djs-label", "fill": fill}
    if anchor != "middle":
        attrs["text-anchor"] = anchor
    lh = block.line_height
    # The baseline of a line sits about 0.95 em below its top when lines are 1.2 em apart.
    base = top + lh - (lh - block.size) / 2 - block.size * 0.15
    if len(block.lines) == 1:  # one line needs no <tspan>
        attrs["x"], attrs["y"] = num(x), num(base)
        t = el(parent, "text", attrs)
        t.text = block.lines[0]
        return t
    t = el(parent, "text", attrs)
    shift = block.size * SPACE_EM / 2 if anchor == "middle" else 0.0
    for i, line in enumerate(block.lines):
        lx = x + shift if line.endswith(" ") else x
        span = Node("tspan", {"x": num(lx), "y": num(base + i * lh)})
        span.text = line
        t.children.append(span)
    return t
