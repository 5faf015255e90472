"""The models as the preview last read them: only files that changed on disk are read again,
and a file that cannot be read now (half-saved, broken XML, unreadable register) keeps its last
good reading, so the pages stay while the banner says what is wrong.

A file is "changed" when its size or modification time (in nanoseconds) differs from the last
look; the file list is found again on every look, so new and deleted files count too.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from kls_model import bpmn as m
from kls_model.compliance import LOCAL_FILE
from kls_model.diagnostics import Finding
from kls_model.documents import Register, read_register
from kls_model.load import assemble, batch_mode, discover, ignored_registers
from kls_model.read import read_file
from kls_model.system import QualitySystem

from .watch import file_stamp

Stamp = tuple[int, int]  # (mtime_ns, size)


@dataclass
class _Reading:
    """One file as last read: what it gave, and whether that is its current content."""

    value: m.Definitions | Register | None
    findings: list[Finding]
    good: bool  # False: the file cannot be read now
    kept: bool = False  # True: ``value`` is the last good reading, kept while it is broken


@dataclass
class Unreadable:
    """A file that cannot be read now: why, and whether the pages show its last good
    reading (else the file is simply missing from them)."""

    finding: Finding
    kept: bool


@dataclass
class Snapshot:
    system: QualitySystem
    findings: list[Finding]  # reading, register and profile findings (not the rules')
    unreadable: list[Unreadable]
    changed: set[str] = field(default_factory=set)  # files read again for this snapshot


class ModelSource:
    """``look()`` says which files changed since the last ``load()``; ``load()`` reads just
    those again and assembles the whole system, as `kls check` would from the same files."""

    def __init__(self, paths: list[str]):
        self.paths = list(paths)
        self._stamps: dict[str, Stamp | None] = {}
        self._readings: dict[str, _Reading] = {}

    def _files(self) -> tuple[list[str], list[str], list[str]]:
        """The BPMN files, the registers found (the first is read, the others reported),
        and the other files the site is made from that the system reads itself (a
        ``krav.yml`` beside the models, compliance.LOCAL_FILE), whether they exist yet or not."""
        bpmn, registers = discover(self.paths)
        folders = sorted({os.path.dirname(p) for p in [*bpmn, *registers]})
        return bpmn, registers, [os.path.join(f, LOCAL_FILE) for f in folders]

    def _stamps_now(self) -> tuple[list[str], list[str], dict[str, Stamp | None]]:
        bpmn, registers, others = self._files()
        watched = [*bpmn, *registers[:1], *others]
        return bpmn, registers, {p: file_stamp(p) for p in watched}

    def look(self) -> set[str]:
        """The files added, removed or modified since the last ``load()``."""
        now = self._stamps_now()[2]
        return {p for p in now.keys() | self._stamps.keys() if now.get(p) != self._stamps.get(p)}

    def load(self, today: dt.date | None = None) -> Snapshot:
        with batch_mode():
            return self._load(today)

    def _load(self, today) -> Snapshot:
        bpmn, registers, stamps = self._stamps_now()
        register_path = registers[0] if registers else None
        changed = {p for p in stamps.keys() | self._stamps.keys()
                   if stamps.get(p) != self._stamps.get(p)}
        models = set(bpmn)
        for path in changed:
            if path not in stamps or stamps[path] is None:
                self._readings.pop(path, None)
            elif path == register_path:
                self._read(path, *read_register(path), good=lambda r, f: not _unreadable(f))
            elif path in models:
                self._read(path, *read_file(path), good=lambda d, f: d is not None)
        self._stamps = stamps
        files = [r.value for p in bpmn if (r := self._readings.get(p)) and r.value is not None]
        register = self._register(register_path)
        system, problems = assemble(files, register, today=today, paths=bpmn)
        problems += ignored_registers(registers)
        readings = [self._readings[p] for p in [*bpmn, register_path] if p in self._readings]
        findings = [f for r in readings for f in r.findings] + problems
        unreadable = [Unreadable(f, r.kept) for r in readings if not r.good for f in r.findings
                      if f.severity.value == "error"]
        return Snapshot(system, findings, unreadable, changed)

    def _read(self, path: str, value, findings: list[Finding], good) -> None:
        ok = good(value, findings)
        previous = self._readings.get(path)
        if ok or previous is None or not (previous.good or previous.kept):
            self._readings[path] = _Reading(value, findings, ok)
        else:  # keep the last good reading; its findings no longer describe the file
            self._readings[path] = _Reading(previous.value, findings, False, kept=True)

    def _register(self, path: str | None) -> Register:
        reading = self._readings.get(path) if path else None
        return reading.value if reading and isinstance(reading.value, Register) else Register()


def _unreadable(findings: list[Finding]) -> bool:
    """A register that cannot be read at all (KLS030), rather than one with bad entries."""
    return any(f.code == "KLS030" for f in findings)
