"""Preview latency: save an edit, time until `kls serve` serves it, measured over HTTP.

    .venv/bin/python bench/preview.py [--sizes 38 300 1000] [--repeat 3]

For each size a synthetic KLS (bench/synthetic.py) is committed to a fresh git repository, as
a user's models are, and `kls serve` is started on it as a user starts it (a subprocess on
127.0.0.1). Then edits are saved into one process file the way Camunda Modeler saves (the
whole file rewritten in place) and the served page is fetched until it shows the edit (each
time the preview's long poll, which its browser script waits on, reports a change; every
10 ms from a server without one):

- rename an activity, add a task (with its shape), change the process owner: the page's HTML;
- break a document id, then fix it: the finding appears on / disappears from the page, as
  the browser's findings panel reads it (``/_kls/state.json``; skipped when the server has
  no findings, as `kls serve` before the preview rework had not).

Between edits the benchmark waits until the server is idle (``/_kls/state.json`` says so,
else a fixed pause), so no edit is timed while the previous one is still being processed.

The same run times a full `kls build` of the same models in-process: what a preview that
rebuilds everything on a change pays at least. Printed: the median latency per edit kind and
size, and its ratio to that full rebuild. Aims: <= 1 s at 300 processes, <= 2 s at 1000.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from site_build import build as kls_build  # noqa: E402
from synthetic import generate  # noqa: E402

GIT = ["git", "-c", "user.name=kls bench", "-c", "user.email=bench@example.invalid",
       "-c", "commit.gpgsign=false"]
POLL = 0.01
EDIT_TIMEOUT = 120.0
START_TIMEOUT = 900.0
IDLE_TIMEOUT = 120.0
PROCESS = 12  # a level-2 process: it has a parent, callers' pages and (from 140) children


def _commit(models: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic KLS"]):
        subprocess.run([*GIT, "-C", str(models), *args], check=True, capture_output=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


class Server:
    """`kls serve MODELS` in a subprocess, stopped with Ctrl+C (SIGINT) as a user stops it."""

    def __init__(self, models: Path, log: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kls", "serve", str(models), "--config",
             str(ROOT / "mkdocs.yml"), "--addr", f"127.0.0.1:{self.port}"],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while _get(self.base)[0] != 200:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"kls serve did not start; see {log}")
            time.sleep(0.2)
        self.has_state = _get(self.base + "_kls/state.json")[0] == 200

    def state(self) -> dict:
        status, body = _get(self.base + "_kls/state.json")
        return json.loads(body) if status == 200 else {}

    def page_state(self, page: str) -> dict:
        """What the browser on ``page`` reads: its findings only."""
        status, body = _get(self.base + "_kls/state.json?page=" + page)
        return json.loads(body) if status == 200 else {}

    def wait_change(self, since: int, page: str) -> int:
        """Wait (long poll, as the browser does) for a change newer than ``since``."""
        status, body = _get(f"{self.base}_kls/events?since={since}&page={page}")
        return json.loads(body)["generation"] if status == 200 else since

    def wait_idle(self, pause: float) -> None:
        if not self.has_state:
            time.sleep(pause)
            return
        deadline = time.monotonic() + IDLE_TIMEOUT
        while self.state().get("busy") and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# -- edits: each rewrites the process file and says how to see it over HTTP --------------------

def _page(server: Server) -> str:
    return server.base + f"processer/Process_p{PROCESS:05d}/"


def _html_shows(server: Server, text: str):
    url = _page(server)
    return lambda: text.encode() in _get(url)[1]


def _has_finding(server: Server, code: str, present: bool):
    page = f"/processer/Process_p{PROCESS:05d}/"

    def check():
        state = server.page_state(page)
        found = any(f["code"] == code for f in state.get("findings", []))
        return found == present and state.get("generation", 0) > 0
    return check


def rename(source: str, server: Server, k: int):
    new = f"Granska underlag {k}"
    text = re.sub(r'(id="Activity_p\d+_0" name=")[^"]*', lambda m: m.group(1) + new, source, 1)
    return text, _html_shows(server, new)


def add_task(source: str, server: Server, k: int):
    tid, name = f"Activity_bench_{k}", f"Ny uppgift {k}"
    task = f'<bpmn:task id="{tid}" name="{name}" />\n'
    shape = (f'<bpmndi:BPMNShape id="{tid}_di" bpmnElement="{tid}"><dc:Bounds x="200" '
             f'y="400" width="100" height="80" /></bpmndi:BPMNShape>\n')
    text = source.replace("</bpmn:process>", task + "</bpmn:process>", 1)
    text = text.replace("</bpmndi:BPMNPlane>", shape + "</bpmndi:BPMNPlane>", 1)
    return text, _html_shows(server, name)


def change_owner(source: str, server: Server, k: int):
    owner = f"Enhetschef bench {k}"
    text = re.sub(r'(name="ägare" value=")[^"]*', lambda m: m.group(1) + owner, source, 1)
    return text, _html_shows(server, owner)


def break_document(source: str, server: Server, k: int):
    text = re.sub(r'(name="dokument" value=")[^";]*', r"\1RUT-FINNS-EJ", source, 1)
    return text, _has_finding(server, "KLS011", True)


def fix_document(source: str, server: Server, k: int):
    return source, _has_finding(server, "KLS011", False)


HTML_EDITS = {"byta namn": rename, "lägga till uppgift": add_task, "byta ägare": change_owner}
FINDING_EDITS = {"bryta dokument-id": break_document, "rätta dokument-id": fix_document}


def _timed_save(server: Server, path: Path, text: str, shown,
                timeout: float = EDIT_TIMEOUT) -> float:
    """Seconds from writing the file until ``shown()`` holds. With the preview's long poll
    (what its browser script waits on) the check runs whenever the server publishes a
    change; without it (the old server), every 10 ms."""
    since = server.state().get("generation", 0) if server.has_state else 0
    start = time.perf_counter()
    path.write_text(text, encoding="utf-8")  # in place, as Camunda Modeler saves
    while not shown():
        if time.perf_counter() - start > timeout:
            return float("nan")
        if server.has_state:
            since = server.wait_change(since, f"/processer/Process_p{PROCESS:05d}/")
        else:
            time.sleep(POLL)
    return time.perf_counter() - start


def measure_serve(n: int, models: Path, repeat: int, log: Path) -> tuple[dict, list[float]]:
    path = models / f"process-{PROCESS:05d}.bpmn"
    original = path.read_text(encoding="utf-8")
    server = Server(models, log)
    pause = 3.0 + n / 100  # without an idle signal: room for a full rebuild between edits
    times: dict[str, list[float]] = {}
    cpu: list[float] = []  # the server's own CPU seconds until the pages were published
    edits = [*HTML_EDITS.items(), *(FINDING_EDITS.items() if server.has_state else ())]
    try:
        for k in range(repeat):
            for kind, edit in edits:
                server.wait_idle(pause)
                text, shown = edit(original, server, k)
                times.setdefault(kind, []).append(_timed_save(server, path, text, shown))
                server.wait_idle(pause)
                if server.has_state:
                    cpu.append(server.state().get("timing", {}).get("pages_cpu", float("nan")))
                if kind in HTML_EDITS:
                    path.write_text(original, encoding="utf-8")
    finally:
        server.stop()
        path.write_text(original, encoding="utf-8")
    return times, cpu


def full_build(models: Path, out: Path) -> float:
    """One whole `kls build` of the models, in-process."""
    request = kls_build.BuildRequest(config=ROOT / "mkdocs.yml", out=out, models=[str(models)],
                                     allow_errors=True)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = kls_build.build(request)
    if code != 0:
        raise SystemExit("kls build failed")
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[38, 300, 1000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kls-bench-preview-") as tmp:
        for n in args.sizes:
            models = Path(tmp) / f"kls-{n}"
            generate(n, models)
            _commit(models)
            rebuild = full_build(models, Path(tmp) / f"site-{n}")
            times, cpu = measure_serve(n, models, args.repeat, Path(tmp) / f"serve-{n}.log")
            rows.append((n, rebuild, times))
            _print_size(n, rebuild, times, cpu)
    print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    return 0


def _print_size(n: int, rebuild: float, times: dict[str, list[float]], cpu: list[float]) -> None:
    print(f"\n{n} processes: full kls build {rebuild:.2f} s")
    everything = [t for ts in times.values() for t in ts]
    for kind, ts in times.items():
        median = statistics.median(ts)
        print(f"  {kind:<20} median {median:6.2f} s  ({', '.join(f'{t:.2f}' for t in ts)})"
              f"  = {median / rebuild:5.2f} x full build")
    median = statistics.median(everything)
    print(f"  {'alla ändringar':<20} median {median:6.2f} s  = {median / rebuild:5.2f} x full build")
    if cpu:
        print(f"  the server's CPU time until the pages were published: median "
              f"{statistics.median(cpu):.2f} s (what the latency is on an idle machine)")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
