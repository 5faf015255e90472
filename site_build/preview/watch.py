"""Wake the preview when something changes where the models are (inotify on Linux, through
watchdog, which MkDocs' own server uses too). The event only wakes the engine: it then looks
at the files itself (``ModelSource.look``), and also looks once a second without an event,
so a missed or coalesced event costs at most that second."""

from __future__ import annotations

import os
import subprocess
import threading

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer


class _Wake(FileSystemEventHandler):
    def __init__(self, event: threading.Event):
        self.event = event

    def on_any_event(self, event) -> None:
        if event.event_type not in ("opened", "closed_no_write"):  # reads change nothing
            self.event.set()


def watch(paths: list[str], wake: threading.Event):
    """Start watching; returns the observer (``stop_watching`` ends it)."""
    observer = Observer()
    handler = _Wake(wake)
    folders = {p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths}
    for folder in sorted(f for f in folders if os.path.isdir(f)):  # else: the look each second
        observer.schedule(handler, folder, recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def stop_watching(observer) -> None:
    observer.stop()
    observer.join(timeout=10)


def git_log_file(models_dir: str) -> str | None:
    """The file git appends to on every commit, checkout or reset of the repository the
    models are in (its reflog of HEAD): the pages show history ("Senaste ändringar", last
    changed), so a commit changes them although no model file changed. None without git."""
    try:
        proc = subprocess.run(["git", "-C", models_dir, "rev-parse", "--absolute-git-dir"],
                              capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    return os.path.join(proc.stdout.strip(), "logs", "HEAD")


def file_stamp(path: str | None) -> tuple[int, int] | None:
    try:
        st = os.stat(path) if path else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st else None
