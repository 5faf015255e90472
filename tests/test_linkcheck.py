"""`kls check --links` against a real HTTP server on 127.0.0.1 that answers 200, 301, 404,
500, refuses HEAD, and hangs."""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kls_model.documents import read_register
from kls_model.linkcheck import LinkCache, check_urls, link_findings


HANG_SECONDS = 5  # the server gives up by itself; the checker's timeout is far shorter


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _answer(self, body: bool):
        path = self.path.split("?")[0]
        Handler.requests.append((self.command, path))
        if path == "/hang":
            time.sleep(HANG_SECONDS)
            return
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if path == "/nohead" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = {"/ok": 200, "/nohead": 200, "/missing": 404, "/error": 500}.get(path, 404)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        if body:
            self.wfile.write(b"rutin")

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _register(tmp_path, base: str):
    lines = []
    for doc_id, path in (("RUT-OK", "/ok"), ("RUT-FLYTTAD", "/moved"), ("RUT-BORTA", "/missing"),
                         ("RUT-FEL", "/error"), ("RUT-HEAD", "/nohead"), ("RUT-HANGER", "/hang")):
        lines += [f"- id: {doc_id}", f"  titel: {doc_id}", "  typ: rutin", f"  url: {base}{path}"]
    path = tmp_path / "dokument.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_answer_becomes_the_right_finding(server, tmp_path):
    register, _ = read_register(str(_register(tmp_path, server)))
    cache = LinkCache(str(tmp_path / "cache.json"))
    results = check_urls([d.url for d in register.documents.values()], timeout=0.5,
                         workers=4, cache=cache)
    findings = link_findings(register, results)
    found = {(f.code, f.element_id) for f in findings}
    assert found == {("KLS062", "RUT-FLYTTAD"), ("KLS060", "RUT-BORTA"),
                     ("KLS060", "RUT-FEL"), ("KLS061", "RUT-HANGER")}
    assert results[f"{server}/moved"].final_url == f"{server}/ok"
    assert results[f"{server}/moved"].redirect_status == 301
    assert ("GET", "/nohead") in Handler.requests  # HEAD refused, GET tried
    [hang] = [f for f in findings if f.code == "KLS061"]
    assert "tidsgränsen" in hang.message  # the reason in Swedish, not the OS's English
    assert ("GET", "/ok") not in Handler.requests  # HEAD was enough


def test_a_rerun_is_answered_from_the_cache(server, tmp_path):
    register, _ = read_register(str(_register(tmp_path, server)))
    urls = [d.url for d in register.documents.values()]
    check_urls(urls, timeout=0.5, cache=LinkCache(str(tmp_path / "cache.json")))
    Handler.requests = []
    start = time.monotonic()
    again = check_urls(urls, timeout=0.5, cache=LinkCache(str(tmp_path / "cache.json")))
    assert Handler.requests == []  # nothing asked twice, the hanging URL included
    assert time.monotonic() - start < 0.5 * 2
    assert again[f"{server}/missing"].status == 404


def test_cli_adds_link_findings_to_the_broken_link_report(server, tmp_path):
    register = _register(tmp_path, server)
    out = tmp_path / "rapporter"
    proc = subprocess.run([sys.executable, "-m", "kls", "check", str(register), "--links",
                           "--links-timeout", "0.5", "--reports", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{register}:9: KLS060 fel: dokumentet 'RUT-BORTA': {server}/missing svarar med " \
           "HTTP-status 404 [RUT-BORTA]" in proc.stdout
    with open(out / "trasiga-lankar.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1:]
    assert sorted((r[0], r[3]) for r in rows) == [
        ("KLS060", "RUT-BORTA"), ("KLS060", "RUT-FEL"), ("KLS061", "RUT-HANGER"),
        ("KLS062", "RUT-FLYTTAD")]
    assert (tmp_path / ".kls-cache" / "links.json").exists()


def test_concurrency_is_bounded_per_host(server, tmp_path):
    """Six hanging URLs on one host with eight workers: at most two in flight at once."""
    urls = [f"{server}/hang?{i}" for i in range(6)]
    started = time.monotonic()
    check_urls(urls, timeout=0.4, workers=8, cache=None)
    elapsed = time.monotonic() - started
    assert elapsed >= 3 * 0.4 * 0.9  # three rounds of two
