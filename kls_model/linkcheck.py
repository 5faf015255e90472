"""`kls check --links`: are the document register's URLs alive?

HEAD first (cheap), GET when a server refuses HEAD; redirects are followed and reported so the
register can be updated; every request has a timeout; at most ``workers`` requests run at once
and at most ``PER_HOST`` against one host, so a check never hammers the document library.
Results are cached on disk (successes for a day, failures for an hour) so a rerun is fast.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from . import texts
from .diagnostics import Finding, finding
from .documents import Register
from .urls import url_problem

__all__ = ["CACHE_FILE", "LinkResult", "LinkCache", "check_urls", "link_findings",
           "check_register_links"]

PER_HOST = 2
OK_TTL = 24 * 3600
FAILURE_TTL = 3600
CACHE_FILE = os.path.join(".kls-cache", "links.json")
USER_AGENT = "kls-linkcheck/0.1"


@dataclass
class LinkResult:
    url: str
    status: int | None = None  # final HTTP status, None when no answer
    final_url: str | None = None  # where redirects ended, when they did
    redirect_status: int | None = None  # the first hop's status (301, 302, 307, 308)
    error: str | None = None  # why there was no answer (timeout, refused, DNS...)
    checked: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    def fresh(self, now: float) -> bool:
        return now - self.checked < (OK_TTL if self.ok else FAILURE_TTL)


class _RecordRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like urllib's own handler and remembers their status codes."""

    def __init__(self):
        self.codes: list[int] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.codes.append(code)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"  # Python 3.11 turns a redirected HEAD into a GET
        return new


def _request(url: str, method: str, timeout: float) -> LinkResult:
    redirects = _RecordRedirects()  # one per request: it records this request's hops
    opener = urllib.request.build_opener(redirects)
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(req, timeout=timeout) as resp:
            if method == "GET":
                resp.read(1024)  # enough to know the body starts; never the whole file
            final = resp.geturl()
            return LinkResult(url, resp.status, final if final != url else None,
                              redirects.codes[0] if redirects.codes else None)
    except urllib.error.HTTPError as exc:
        return LinkResult(url, exc.code)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return LinkResult(url, error=_reason(getattr(exc, "reason", exc)))


def _reason(exc) -> str:
    """Why there was no answer, in Swedish where we know the cause."""
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return texts.LINK_TIMEOUT
    if isinstance(exc, ConnectionRefusedError):
        return texts.LINK_REFUSED
    if isinstance(exc, socket.gaierror):
        return texts.LINK_DNS
    return str(exc) or type(exc).__name__


def check_url(url: str, timeout: float) -> LinkResult:
    result = _request(url, "HEAD", timeout)
    if result.error is None and result.status is not None and result.status in (403, 405, 501):
        result = _request(url, "GET", timeout)  # servers that refuse HEAD
    result.checked = time.time()
    return result


class LinkCache:
    def __init__(self, path: str = CACHE_FILE):
        self.path = path
        self.results: dict[str, LinkResult] = {}
        try:
            with open(path, encoding="utf-8") as fh:
                self.results = {u: LinkResult(**r) for u, r in json.load(fh).items()}
        except (OSError, ValueError, TypeError):
            pass

    def get(self, url: str, now: float) -> LinkResult | None:
        hit = self.results.get(url)
        return hit if hit is not None and hit.fresh(now) else None

    def save(self) -> None:
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({u: asdict(r) for u, r in sorted(self.results.items())}, fh, indent=1)
        os.replace(tmp, self.path)


def check_urls(urls: list[str], timeout: float = 10.0, workers: int = 8,
               cache: LinkCache | None = None) -> dict[str, LinkResult]:
    now = time.time()
    results: dict[str, LinkResult] = {}
    todo = []
    for url in sorted(set(urls)):
        hit = cache.get(url, now) if cache else None
        if hit is not None:
            results[url] = hit
        else:
            todo.append(url)
    hosts: dict[str, threading.Semaphore] = {}
    for url in todo:
        hosts.setdefault(urlsplit(url).netloc.lower(), threading.Semaphore(PER_HOST))

    def run(url: str) -> LinkResult:
        with hosts[urlsplit(url).netloc.lower()]:
            return check_url(url, timeout)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for result in pool.map(run, todo):
            results[result.url] = result
            if cache is not None:
                cache.results[result.url] = result
    if cache is not None and todo:
        cache.save()
    return results


def link_findings(register: Register, results: dict[str, LinkResult]) -> list[Finding]:
    found = []
    for doc in register.documents.values():
        result = results.get(doc.url)
        if result is None:
            continue
        where = (doc.path, doc.line, doc.id)
        if result.error is not None:
            found.append(finding("KLS061", *where, target=doc.url, doc=doc.id, url=doc.url,
                                 reason=result.error))
        elif not result.ok:
            found.append(finding("KLS060", *where, target=doc.url, doc=doc.id, url=doc.url,
                                 status=result.status))
        elif result.final_url:
            found.append(finding("KLS062", *where, target=doc.url, doc=doc.id, url=doc.url,
                                 final=result.final_url, status=result.redirect_status or 301))
    return found


def check_register_links(register: Register, timeout: float = 10.0, workers: int = 8,
                         cache_path: str | None = CACHE_FILE) -> list[Finding]:
    """Check every publishable document URL (malformed ones are KLS013 already)."""
    urls = [d.url for d in register.documents.values() if url_problem(d.url) is None]
    cache = LinkCache(cache_path) if cache_path else None
    return link_findings(register, check_urls(urls, timeout, workers, cache))
