"""What changed in the models and when, from git: the "Senaste ändringar" page and its Atom
feed (full hash and author time per change), each process's last change, and the timestamp
that makes builds reproducible (SOURCE_DATE_EPOCH).

Without git, or outside a repository, there is simply no history; nothing fails.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from kls_model.system import QualitySystem

from .settings import Change

_SEP = "\x1f"
MAX_CHANGES = 200  # the page shows the newest; older history stays in git


def _git(models_dir: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(models_dir), *args], capture_output=True,
                              text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def changes(models_dir: Path, system: QualitySystem) -> list[Change]:
    """Commits touching ``models_dir``, newest first, with the processes of each file."""
    out = _git(models_dir, "log", f"-{MAX_CHANGES}", "--date=short", "--name-only",
               "--relative", f"--format=%x1e%h{_SEP}%H{_SEP}%aI{_SEP}%ad{_SEP}%s", "--", ".")
    if not out:
        return []
    by_file = _processes_by_file(models_dir, system)
    result = []
    for record in out.split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        commit, sha, time, date, subject = header.split(_SEP, 4)
        files = sorted(n.strip() for n in names.splitlines() if n.strip())
        processes = sorted({p for f in files for p in by_file.get(f, ())})
        result.append(Change(commit=commit, sha=sha, time=time,
                             date=dt.date.fromisoformat(date), subject=subject, files=files,
                             processes=processes))
    return result


def _processes_by_file(models_dir: Path, system: QualitySystem) -> dict[str, list[str]]:
    root = models_dir.resolve()
    result: dict[str, list[str]] = {}
    for defs in system.files:
        try:
            rel = Path(defs.path).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        result[rel] = [p for p in defs.processes if p in system.graph]
    return result


def last_changed(history: list[Change]) -> dict[str, dt.date]:
    result: dict[str, dt.date] = {}
    for change in history:  # newest first: the first date seen is the latest
        for process in change.processes:
            result.setdefault(process, change.date)
    return result


def source_date_epoch(models_dir: Path, files: list[str]) -> int:
    """The time the models last changed: the newest commit touching them, else the newest
    file modification time. Same models, same timestamp, so builds are reproducible."""
    out = _git(models_dir, "log", "-1", "--format=%ct", "--", ".")
    if out and out.strip().isdigit():
        return int(out.strip())
    return int(max((os.path.getmtime(f) for f in files), default=0))
