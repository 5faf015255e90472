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


def changes(paths: list[str], system: QualitySystem) -> list[Change]:
    """Commits touching any of the model ``paths`` (folders or files), newest first, with
    the processes of each file. File names are relative to the folder the paths share."""
    base = _common_folder(paths)
    by_file = _processes_by_file(base, system)
    found: dict[str, Change] = {}
    for path in paths:
        folder, target = _folder_and_target(path)
        prefix = os.path.relpath(folder, base)
        for change in _log(folder, target, prefix, by_file):
            known = found.get(change.sha)
            if known is None:
                found[change.sha] = change
            else:  # one commit touching several model paths
                known.files = sorted(set(known.files) | set(change.files))
                known.processes = sorted(set(known.processes) | set(change.processes))
    return sorted(found.values(), key=lambda c: dt.datetime.fromisoformat(c.time),
                  reverse=True)[:MAX_CHANGES]


def _folder_and_target(path: str) -> tuple[Path, str]:
    p = Path(path)
    return (p, ".") if p.is_dir() else (p.parent, p.name)


def _common_folder(paths: list[str]) -> Path:
    folders = [str(_folder_and_target(p)[0].resolve()) for p in paths] or ["."]
    return Path(os.path.commonpath(folders))


def _log(folder: Path, target: str, prefix: str, by_file: dict) -> list[Change]:
    out = _git(folder, "log", f"-{MAX_CHANGES}", "--date=short", "--name-only",
               "--relative", f"--format=%x1e%h{_SEP}%H{_SEP}%aI{_SEP}%ad{_SEP}%s", "--", target)
    result = []
    for record in (out or "").split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        commit, sha, time, date, subject = header.split(_SEP, 4)
        files = sorted(os.path.normpath(os.path.join(prefix, n.strip())).replace(os.sep, "/")
                       for n in names.splitlines() if n.strip())
        processes = sorted({p for f in files for p in by_file.get(f, ())})
        result.append(Change(commit=commit, sha=sha, time=time,
                             date=dt.date.fromisoformat(date), subject=subject, files=files,
                             processes=processes))
    return result


def _processes_by_file(base: Path, system: QualitySystem) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for defs in system.files:
        try:
            rel = Path(defs.path).resolve().relative_to(base).as_posix()
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


def newest_commit(paths: list[str]) -> int | None:
    """When the newest commit touching any model path was made (Unix time), if in git."""
    stamps = []
    for path in paths:
        folder, target = _folder_and_target(path)
        out = _git(folder, "log", "-1", "--format=%ct", "--", target)
        if out and out.strip().isdigit():
            stamps.append(int(out.strip()))
    return max(stamps) if stamps else None


def source_date_epoch(newest: int | None, files: list[str]) -> int:
    """The time the models last changed: ``newest_commit``, else the newest modification
    time of ``files``. Same models, same timestamp: reproducible builds."""
    if newest is not None:
        return newest
    return int(max((os.path.getmtime(f) for f in files if os.path.exists(f)), default=0))
