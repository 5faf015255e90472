"""Diagrams: BPMN DI drawn as static, accessible, clickable SVG in bpmn-js's look, and a
Graphviz layout for processes that have no DI.

``render_diagram`` draws one plane; ``diagrams_for`` lists what a file has to show (auto
layouts included); ``render_command`` is ``kls render FILE.bpmn --out DIR``.
"""

from __future__ import annotations

import os
import re
import sys

from kls_model.diagnostics import Severity
from kls_model.read import read_file

from ..texts import DIAGRAM as SV
from .layout import LayoutError, layout_process
from .planes import Drawable, diagrams_for
from .render import render_diagram

__all__ = ["Drawable", "LayoutError", "diagrams_for", "layout_process", "render_command",
           "render_diagram"]

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(raw: str, taken: set[str]) -> str:
    """A portable, unique file name (without extension) from an element id."""
    name = _UNSAFE_NAME.sub("_", raw).strip("._")[:100] or "diagram"
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate.lower())
    return candidate


def render_command(path: str, out_dir: str) -> int:
    """Write one SVG per diagram of ``path`` to ``out_dir``; 0 when all went well."""
    defs, findings = read_file(path)
    for f in findings:
        print(f.format(), file=sys.stderr)
    if defs is None:
        print(SV["render_unreadable"].format(path=path), file=sys.stderr)
        return 1
    try:
        drawables = diagrams_for(defs)
    except LayoutError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    if not drawables:
        print(SV["render_nothing"].format(path=path), file=sys.stderr)
        return 1
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        print(SV["render_out_dir"].format(dir=out_dir, detail=exc), file=sys.stderr)
        return 1
    written = _write_all(defs, drawables, out_dir, path)
    if written is None:
        return 1
    print(SV["render_wrote"].format(count=len(written), dir=out_dir))
    for name, auto in written:
        print(SV["render_file"].format(file=name, auto=SV["render_auto_suffix"] if auto else ""))
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _write_all(defs, drawables: list[Drawable], out_dir: str, path: str):
    taken: set[str] = set()
    written = []
    for d in drawables:
        name = file_name(d.element_id or d.diagram.id, taken) + ".svg"
        try:
            svg_text = render_diagram(defs, d.diagram, auto=d.auto, scope=d.scope)
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
                out.write(svg_text)
        except (OSError, ValueError) as exc:
            print(SV["render_failed"].format(path=path, diagram=d.diagram.id, detail=exc),
                  file=sys.stderr)
            return None
        written.append((name, d.auto))
    return written
