"""Diagrams: BPMN DI drawn as static, accessible, clickable SVG in bpmn-js's look, and a
Graphviz layout for processes that have no DI."""

from __future__ import annotations

from .render import render_diagram

__all__ = ["render_diagram"]
