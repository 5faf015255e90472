"""The preview's HTTP server: the site as `kls build` writes it, plus the preview's own parts
under ``/_kls/`` (its script and styles, the findings as JSON, the long poll that tells a
browser to reload, the findings page).

Every HTML page gets one block before ``</head>``, between ``<!-- kls-preview -->`` and
``<!-- /kls-preview -->``: the preview's stylesheet and script, and the generation the page
was served at. Nothing else in a page differs from the build's bytes. By default the server
listens on 127.0.0.1 only; on a loopback address it also refuses requests naming another
host (a web page elsewhere cannot reach it through DNS rebinding).
"""

from __future__ import annotations

import contextlib
import email.utils
import ipaddress
import json
import mimetypes
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .. import texts

from .engine import Preview

ASSETS = Path(__file__).resolve().parent / "assets"
PREFIX = "/_kls/"
BLOCK = ('<!-- kls-preview --><link rel="stylesheet" href="/_kls/preview.css">'
         '<script src="/_kls/preview.js" data-generation="{generation}" '
         'data-instance="{instance}" defer></script>'
         '<!-- /kls-preview -->')
_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json",
          ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".svg": "image/svg+xml", ".xml": "application/xml"}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def inject(html: bytes, generation: int, instance: str) -> bytes:
    """The page with the preview's block before ``</head>``."""
    block = BLOCK.format(generation=generation, instance=instance).encode()
    at = html.find(b"</head>")
    return html + block if at < 0 else html[:at] + block + html[at:]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # long polls end on their own (stop wakes them)
    preview: Preview
    loopback: bool

    def handle_error(self, request, client_address) -> None:
        """A request that failed is answered (500) by the handler; no traceback here."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kls-preview"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # the terminal is for the user's messages
        pass

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        try:
            if self.server.loopback and not self._host_is_loopback():
                return self._send(HTTPStatus.FORBIDDEN, b"", "text/plain", head)
            url = urlsplit(self.path)
            path, query = unquote(url.path), parse_qs(url.query)
            if path.startswith(PREFIX) or path == PREFIX.rstrip("/"):
                return self._preview_part(path, query, head)
            self._site_file(path, head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went on to another page
        except Exception as exc:  # noqa: BLE001 - one bad request never ends the preview
            detail = texts.SERVE_FAILED.format(detail=f"{type(exc).__name__}: {exc}")
            print(detail, file=sys.stderr, flush=True)
            with contextlib.suppress(OSError):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, detail.encode(),
                           "text/plain; charset=utf-8", head)

    def _host_is_loopback(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in _LOOPBACK_NAMES

    # -- the preview's parts ----------------------------------------------------------------

    def _preview_part(self, path: str, query: dict, head: bool) -> None:
        preview = self.server.preview
        page = (query.get("page") or [None])[0]
        if path == "/_kls/events":
            since = _int((query.get("since") or ["0"])[0])
            instance = (query.get("instance") or [None])[0]
            return self._json(preview.wait(since, page or "", instance=instance), head)
        if path == "/_kls/state.json":
            return self._json(preview.state(page), head)
        if path in ("/_kls/preview.js", "/_kls/preview.css"):
            return self._file(ASSETS / path.rsplit("/", 1)[1], head, cache=False)
        if path == "/_kls/fynd":
            return self._redirect("/_kls/fynd/")
        if path == "/_kls/fynd/":
            generation = preview.generation()
            return self._html(preview.findings_file(), generation, head)
        self._not_found(head)

    # -- the site ---------------------------------------------------------------------------

    def _site_file(self, path: str, head: bool) -> None:
        preview = self.server.preview
        generation = preview.generation()  # before rendering: a later change reloads again
        page = preview.page_file(path)
        if page is not None:
            if not path.endswith("/"):
                return self._redirect(quote(path) + "/")
            return self._html(page, generation, head)
        site = preview.renderer.site.resolve()
        target = (site / path.lstrip("/")).resolve()
        if not target.is_relative_to(site):
            return self._not_found(head)
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(quote(path) + "/")
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(head)
        if target.suffix == ".html":
            return self._html(target, generation, head)
        self._file(target, head, cache=True)

    def _not_found(self, head: bool) -> None:
        page = self.server.preview.not_found_file()
        if page.is_file():
            body = inject(page.read_bytes(), self.server.preview.generation(),
                          self.server.preview.instance)
            return self._send(HTTPStatus.NOT_FOUND, body, _TYPES[".html"], head)
        self._send(HTTPStatus.NOT_FOUND, b"", "text/plain", head)

    # -- responses --------------------------------------------------------------------------

    def _html(self, path: Path, generation: int, head: bool) -> None:
        body = inject(path.read_bytes(), generation, self.server.preview.instance)
        self._send(HTTPStatus.OK, body, _TYPES[".html"], head)

    def _json(self, payload: dict, head: bool) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", head)

    def _file(self, path: Path, head: bool, cache: bool) -> None:
        if not path.is_file():
            return self._not_found(head)
        stat = path.stat()
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if cache and self.headers.get("If-Modified-Since") == modified:
            return self._send(HTTPStatus.NOT_MODIFIED, b"", None, True, modified)
        kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        self._send(HTTPStatus.OK, path.read_bytes(), kind or "application/octet-stream", head,
                   modified if cache else None)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status, body: bytes, kind: str | None, head: bool,
              modified: str | None = None) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if modified:  # theme assets: revalidated, not refetched, on every reload
            self.send_header("Last-Modified", modified)
            self.send_header("Cache-Control", "no-cache")
        else:  # pages and findings change on every save
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def parse_addr(addr: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8000`` for IPv6) -> (host, port); ValueError when it is not."""
    host, sep, port = addr.rpartition(":")
    if not sep or not port.isdigit() or not host or not 0 <= int(port) <= 65535:
        raise ValueError(addr)
    return host.strip("[]"), int(port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewServer:
    """The HTTP server of one preview, in a thread of its own."""

    def __init__(self, preview: Preview, host: str, port: int):
        server_class = type("_Server6", (_Server,), {"address_family": socket.AF_INET6}) \
            if ":" in host else _Server
        self.httpd = server_class((host, port), _Handler)
        self.httpd.preview = preview
        self.httpd.loopback = _is_loopback(host)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={
            "poll_interval": 0.2}, name="kls-preview-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=10)
        self.httpd.server_close()

