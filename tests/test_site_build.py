"""`kls build`: atomic, deterministic, refuses broken models; history from git."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_build import history
from site_build.build import _recover, _swap
from site_build.serve import sync_tree

from conftest import FIXTURES, ROOT, check

MODELS = ROOT / "models"


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def kls(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kls", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


# -- the swap itself -------------------------------------------------------------------------

def test_swap_replaces_the_site_and_leaves_nothing_behind(tmp_path):
    out, new = tmp_path / "site", tmp_path / "new"
    out.mkdir(), new.mkdir()
    (out / "a.html").write_text("gammal"), (new / "a.html").write_text("ny")
    _swap(new, out)
    assert (out / "a.html").read_text() == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_after_a_kill_between_the_renames(tmp_path):
    out = tmp_path / "site"
    old = tmp_path / ".site.old"
    old.mkdir()
    (old / "index.html").write_text("föregående")
    stale = tmp_path / ".site.build-abc123"
    stale.mkdir()
    _recover(out)
    assert (out / "index.html").read_text() == "föregående"
    assert not stale.exists() and not old.exists()


def test_sync_tree_touches_only_what_changed(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "processer").mkdir(parents=True)
    (src / "index.md").write_text("karta")
    (src / "processer" / "a.md").write_text("A")
    assert sync_tree(src, dst) == ["index.md", "processer/a.md"]
    (src / "processer" / "a.md").write_text("A2")
    (dst / "gammal.md").write_text("bort")
    assert sync_tree(src, dst) == ["processer/a.md", "gammal.md"]
    assert sync_tree(src, dst) == []
    assert tree_digest(src) == tree_digest(dst)


# -- history ---------------------------------------------------------------------------------

def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@exempelstad.se",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@exempelstad.se"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_changes_and_last_changed_from_git(tmp_path):
    repo = tmp_path / "kls"
    shutil.copytree(FIXTURES / "valid" / "minimal", repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Första versionen", "--date=2026-01-10T10:00:00")
    ifo = repo / "ifo.bpmn"
    ifo.write_text(ifo.read_text(encoding="utf-8").replace("Ta emot anmälan", "Ta emot en anmälan"),
                   encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Förtydliga mottagandet")
    system, _ = check(repo)
    changes = history.changes(repo, system)
    assert [c.subject for c in changes] == ["Förtydliga mottagandet", "Första versionen"]
    assert changes[0].files == ["ifo.bpmn"] and changes[0].processes == ["Process_ifo"]
    assert set(changes[1].processes) == {"Process_ifo", "Process_karta"}
    last = history.last_changed(changes)
    assert last["Process_ifo"] == changes[0].date and last["Process_karta"] == changes[1].date
    assert history.source_date_epoch(repo, []) > 0


def test_no_git_means_no_history(tmp_path):
    shutil.copytree(FIXTURES / "valid" / "minimal", tmp_path / "kls")
    system, _ = check(tmp_path / "kls")
    assert history.changes(tmp_path / "kls", system) == []
    files = [str(p) for p in (tmp_path / "kls").glob("*.bpmn")]
    assert history.source_date_epoch(tmp_path / "kls", files) == int(
        max(os.path.getmtime(f) for f in files))
