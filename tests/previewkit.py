"""What the preview tests share: `kls serve` started as a user starts it (the real CLI in a
subprocess, on a free port of 127.0.0.1) on a copy of a KLS committed to git, and stopped
with Ctrl+C (SIGINT). The preview says over HTTP when it is idle (``/_kls/state.json``), so
tests wait for that instead of sleeping."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@exempelstad.se",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@exempelstad.se",
           "GIT_AUTHOR_DATE": "2026-01-10T10:00:00", "GIT_COMMITTER_DATE": "2026-01-10T10:00:00"}
START_SECONDS = 300
IDLE_SECONDS = 120


def committed_copy(source: Path, target: Path) -> Path:
    """A copy of the models in a git repository of its own, as a user keeps them."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".camunda"))
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Första versionen"]):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True,
                       env={**os.environ, **GIT_ENV})
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Serve:
    """`kls serve MODELS` on a free port; ``stop()`` returns what it printed."""

    def __init__(self, models: Path, *args: str, env: dict | None = None,
                 port: int | None = None):
        self.models = models
        self.seen = 0  # the generation before the last save
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kls", "serve", str(models), "--config",
             str(ROOT / "mkdocs.yml"), "--addr", f"127.0.0.1:{self.port}", *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(env or {})})
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if get(self.url + "_kls/state.json")[0] == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("kls serve did not start:\n" + self.stop())
            time.sleep(0.2)
        self.wait_idle()

    def state(self, page: str | None = None) -> dict:
        query = f"?page={urllib.request.quote(page)}" if page else ""
        return json.loads(get(self.url + "_kls/state.json" + query)[1])

    def wait_idle(self) -> dict:
        """Wait until every save so far is fully processed (pages, findings, search)."""
        deadline = time.monotonic() + IDLE_SECONDS
        while time.monotonic() < deadline:
            state = self.state()
            if not state["busy"] and state["generation"] > self.seen:
                return state
            time.sleep(0.05)
        raise AssertionError("the preview never became idle")

    def save(self, name: str, text: str | None) -> None:
        """Write a model in place, as Camunda Modeler saves it (None: delete it)."""
        self.seen = self.state()["generation"]
        if text is None:
            (self.models / name).unlink()
        else:
            (self.models / name).write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.models / name).read_text(encoding="utf-8")

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            out, _ = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
            raise AssertionError("kls serve did not stop on Ctrl+C:\n" + out)
        return out


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`kls serve` on a committed copy of the example KLS, for one test module."""
    models = committed_copy(ROOT / "models", tmp_path_factory.mktemp("preview") / "models")
    serve = Serve(models)
    yield serve
    serve.stop()
