"""Graphviz layout for processes drawn without DI: the real ``dot``, left to right, lanes as
clusters stacked as horizontal bands, embedded sub-processes as nested clusters.

The result is ordinary DI (a :class:`kls_model.bpmn.Diagram`), so the same renderer draws it.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from kls_model import bpmn as m

from ..texts import DIAGRAM as SV
from .dotgraph import dot_source
from .dotread import to_diagram

DOT_TIMEOUT = 60


class LayoutError(Exception):
    """Graphviz is missing or failed; the message is Swedish, for the user."""


def run_dot(source: str, process_id: str) -> dict:
    exe = shutil.which("dot")
    if exe is None:
        raise LayoutError(SV["dot_missing"])
    try:
        done = subprocess.run([exe, "-Tjson"], input=source.encode("utf-8"),
                              capture_output=True, timeout=DOT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LayoutError(SV["dot_failed"].format(process=process_id, detail=exc)) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise LayoutError(SV["dot_failed"].format(process=process_id, detail=detail))
    return json.loads(done.stdout)


def layout_process(defs: m.Definitions, process_id: str) -> m.Diagram:
    """A left-to-right layout of the process (or sub-process) ``process_id`` by Graphviz."""
    root = defs.get(process_id)
    if root is None:
        raise LayoutError(SV["dot_failed"].format(process=process_id, detail=SV["unknown_process"]))
    try:
        source, g, flows = dot_source(defs, root, "ortho")
        data = run_dot(source, process_id)
    except LayoutError:
        # dot's orthogonal router gives up on some graphs; straight segments always work.
        source, g, flows = dot_source(defs, root, "polyline")
        data = run_dot(source, process_id)
    return to_diagram(defs, root, g, flows, data)
