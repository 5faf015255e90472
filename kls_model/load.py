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
from .diagnostics import Finding, finding
from .documents import REGISTER_FILE, Register, read_register
from .graph import build_graph, node_key
from .pools import orphan_pool_findings, pool_properties
from .profile import Profile, read_profile
from .read import read_file
from .system import QualitySystem

__all__ = ["discover", "batch_mode", "load", "ignored_registers", "assemble"]


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
    if not register_path:
        findings.extend(ignored_registers(registers))
    for path in ([register_path] if register_path else registers[:1]):
        register, problems = read_register(path)
        findings.extend(problems)
    system, problems = assemble(files, register, today=today, paths=bpmn_files)
    return system, findings + problems


def ignored_registers(registers: list[str]) -> list[Finding]:
    """A KLS has one document register: the first found (the shallowest, ``discover``
    walks top down) is read; every other one is reported, never ignored in silence."""
    return [finding("KLS039", path, 1, used=registers[0]) for path in registers[1:]]


def assemble(files: list[m.Definitions], register: Register, today: dt.date | None = None,
             paths: list[str] | None = None) -> tuple[QualitySystem, list[Finding]]:
    """Build the whole system from files already read: the index, typed profiles and the
    graph. Findings are those of the profiles (unknown keys, bad values, pools)."""
    findings: list[Finding] = []
    index, duplicates = _index(files)
    profiles = _profiles(files, index, findings)
    graph = build_graph(files, index, profiles, register)
    system = QualitySystem(files=files, register=register, graph=graph, profiles=profiles,
                           index=index, duplicates=duplicates, today=today or dt.date.today(),
                           paths=paths if paths is not None else [d.path for d in files])
    return system, findings


def _index(files: list[m.Definitions]):
    """Node key -> (file, element) for every element inside a process, and the processes
    defined again in a later file. BPMN ids are unique per file, so only process ids (page
    URLs, call targets) must be unique across the KLS; the first file defining one owns it."""
    owners: dict[str, m.Definitions] = {}
    duplicates = []
    for defs in files:
        for pid in defs.processes:
            if pid in owners:
                duplicates.append((defs, defs.elements[pid], owners[pid]))
            else:
                owners[pid] = defs
    index: dict[str, tuple[m.Definitions, m.Element]] = {}
    for defs in files:
        for element in defs.elements.values():
            if element.process is not None and owners.get(element.process) is defs:
                index[node_key(element)] = (defs, element)
    return index, duplicates


def _profiles(files: list[m.Definitions], index: dict, findings: list[Finding]) -> dict[str, Profile]:
    """Typed KLS properties of every process and activity that has any, by node key."""
    profiles: dict[str, Profile] = {}
    for key, (defs, element) in index.items():
        if element.type == "process":
            props, scope = pool_properties(defs, element, findings), "process"
        elif element.type in m.ACTIVITY_TYPES:
            props, scope = element.properties, "activity"
        else:
            continue
        if props:
            profile, problems = read_profile(props, element, defs.path, scope)
            profiles[key] = profile
            findings.extend(problems)
    for defs in files:
        findings.extend(orphan_pool_findings(defs))
    return profiles
