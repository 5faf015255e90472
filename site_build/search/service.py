"""A client of Pagefind's service mode (``pagefind --service``): the protocol Pagefind's own
Python and Node wrappers speak, requests and responses as base64-encoded JSON, each followed
by a comma, answered in order.

Why not the Python wrapper's ``PagefindIndex``: it reads one response per 0.1 s poll
(pagefind 1.5.2, ``service/__init__.py``, ``_wait_for_responses``), so the 300 records of
the example KLS took 30 s and 40,000 records would take over an hour. The service itself
reads stdin and writes stdout on threads of its own, so here every request is written at
once and the responses are read after: the whole index costs what Pagefind's work costs.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading

from .. import texts

#: A hung Pagefind is killed after this long; a 5,000-process KLS indexes in seconds.
TIMEOUT_SECONDS = 1800


class ServiceError(Exception):
    """Pagefind refused a request or stopped: Pagefind's own words (English) when it said
    something, else ours."""


def run(requests: list[dict]) -> list[dict]:
    """Start a Pagefind service, send ``requests`` (payloads), and return the payloads of
    their responses, in order. A fresh service numbers its first index 0, so the requests
    after a NewIndex can name it before it is answered. Raises ``ServiceError``."""
    from pagefind.service import get_executable

    binary = get_executable() or "pagefind"
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=errors)
        except OSError as exc:  # missing or not executable
            raise ServiceError(texts.SEARCH_NO_PAGEFIND.format(
                binary=binary, detail=exc.strerror or exc)) from exc
        watchdog = threading.Timer(TIMEOUT_SECONDS, proc.kill)
        watchdog.start()
        try:
            proc.stdin.write(b"".join(_encode(i + 1, r) for i, r in enumerate(requests)))
            proc.stdin.flush()
            return _responses(proc, len(requests))
        except (OSError, _Stopped) as exc:  # a broken pipe or no answer: Pagefind died
            raise ServiceError(_stopped(proc, binary, errors)) from exc
        finally:
            watchdog.cancel()
            _stop(proc)


def _encode(message_id: int, payload: dict) -> bytes:
    message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(message.encode("utf-8")) + b","


class _Stopped(Exception):
    """The service's output ended before every request was answered."""


def _responses(proc: subprocess.Popen, count: int) -> list[dict]:
    """Read ``count`` answers. The last one (the bundle's files) can be tens of megabytes:
    the buffer is split only when a chunk brings a message's end."""
    payloads: list[dict] = []
    buffer = bytearray()
    while len(payloads) < count:
        chunk = proc.stdout.read1(1 << 16)
        if not chunk:
            raise _Stopped()
        buffer += chunk
        if b"," in chunk:
            *complete, rest = bytes(buffer).split(b",")
            payloads += [_payload(message) for message in complete]
            buffer = bytearray(rest)
    return payloads


def _payload(message: bytes) -> dict:
    payload = json.loads(base64.b64decode(message)).get("payload") or {}
    if payload.get("type") == "Error":
        raise ServiceError(payload.get("message") or "error")
    return payload


def _stopped(proc: subprocess.Popen, binary, errors) -> str:
    """What Pagefind said on stderr before it died, or that it said nothing."""
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    errors.seek(0)
    detail = errors.read().decode("utf-8", "replace").strip()
    return detail or texts.SEARCH_PAGEFIND_STOPPED.format(binary=binary, code=code)


def _stop(proc: subprocess.Popen) -> None:
    """End of input ends the service; a service that does not end is killed."""
    try:
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
