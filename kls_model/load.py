"""Gather everything, then build: read every file, the register and the profiles, then the graph.

One bad file never stops the others: its findings are collected and the rest is loaded.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from contextlib import contextmanager
from pathlib import Path

from . import bpmn as m
from .diagnostics import Finding
from .documents import REGISTER_FILE, Register, read_register
from .graph import build_graph
from .profile import Profile, read_profile
from .read import read_file
from .system import QualitySystem


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """BPMN files under ``paths`` (sorted, deterministic) and the register files found."""
    bpmn_files: list[str] = []
    registers: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if name.lower().endswith(".bpmn"):
                        bpmn_files.append(full)
                    elif name == REGISTER_FILE:
                        registers.append(full)
        elif path.name == REGISTER_FILE:
            registers.append(str(path))
        else:
            bpmn_files.append(str(path))
    return bpmn_files, registers


@contextmanager
def batch_mode():
    """Pause CPython's cyclic GC while a KLS is loaded and checked.

    Loading allocates several objects per BPMN element and frees none of them until the end,
    so each automatic collection rescans an ever larger heap for cycles that are not there:
    at 1000 processes that was half of the load time (bench/read_corpus.py). Reference
    counting still frees everything; we only skip the pointless scans."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(paths: list[str], today: dt.date | None = None,
         register_path: str | None = None) -> tuple[QualitySystem, list[Finding]]:
    with batch_mode():
        return _load(paths, today, register_path)


def _load(paths, today, register_path) -> tuple[QualitySystem, list[Finding]]:
    bpmn_files, registers = discover(paths)
    findings: list[Finding] = []
    files: list[m.Definitions] = []
    for path in bpmn_files:
        defs, problems = read_file(path)
        findings.extend(problems)
        if defs is not None:
            files.append(defs)
    register = Register()
    for path in ([register_path] if register_path else registers[:1]):
        register, problems = read_register(path)
        findings.extend(problems)
    system, problems = assemble(files, register, today=today, paths=bpmn_files)
    return system, findings + problems


def assemble(files: list[m.Definitions], register: Register, today: dt.date | None = None,
             paths: list[str] | None = None) -> tuple[QualitySystem, list[Finding]]:
    """Build the whole system from files already read: the id index, typed profiles and the
    graph. Findings are those of the profiles (unknown keys, bad values)."""
    findings: list[Finding] = []
    index, duplicates = _index(files)
    profiles = _profiles(files, findings)
    graph = build_graph(files, index, profiles, register)
    system = QualitySystem(files=files, register=register, graph=graph, profiles=profiles,
                           index=index, duplicates=duplicates, today=today or dt.date.today(),
                           paths=paths if paths is not None else [d.path for d in files])
    return system, findings


def _index(files):
    index: dict[str, tuple[m.Definitions, m.Element]] = {}
    duplicates = []
    for defs in files:
        for element in defs.elements.values():
            first = index.get(element.id)
            if first is None:
                index[element.id] = (defs, element)
            elif element.type in _GLOBAL_ID_TYPES:
                duplicates.append((defs, element, first[0]))
    return index, duplicates


#: Ids that become URLs or graph nodes must be unique across files; a copied message or
#: diagram-internal id may repeat harmlessly.
_GLOBAL_ID_TYPES = m.FLOW_NODE_TYPES | {"process"}


def _profiles(files: list[m.Definitions], findings: list[Finding]) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for defs in files:
        pool_props = _participant_properties(defs)
        for element in defs.elements.values():
            if element.type == "process":
                props = pool_props.get(element.id, []) + element.properties
                scope = "process"
            elif element.type in m.ACTIVITY_TYPES:
                props, scope = element.properties, "activity"
            else:
                continue
            if element.id in profiles:  # duplicate id across files: the first one counts
                continue
            profile, problems = read_profile(props, element, defs.path, scope)
            profiles[element.id] = profile
            findings.extend(problems)
    return profiles


def _participant_properties(defs: m.Definitions) -> dict[str, list[m.Property]]:
    """Properties set on a pool apply to its process (Camunda Modeler edits them there when
    the diagram is a collaboration); the process's own values come after and win."""
    props: dict[str, list[m.Property]] = {}
    for element in defs.elements.values():
        if isinstance(element, m.Participant) and element.process_ref and element.properties:
            props.setdefault(element.process_ref, []).extend(element.properties)
    return props
