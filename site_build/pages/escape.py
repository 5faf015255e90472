"""Make text from the models safe to put in Markdown: names and titles as plain text,
documentation as Markdown with raw HTML neutralised and only web and mail links kept.

Everything a model says is untrusted: a name may hold ``<script>``, a description a
``javascript:`` link or an attribute list (``{ onclick=... }``, which the ``attr_list``
extension would copy onto the element). Python-Markdown keeps character references as they
are, so writing a character as an entity takes away its Markdown (and HTML) meaning.
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import quote

from kls_model.urls import url_problem

#: Characters that mean something to Markdown, HTML or one of the extensions the site turns
#: on wherever they stand; in plain text each is written as a character reference.
_PLAIN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>#|~^"}
_PLAIN.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_PLAIN_TABLE = str.maketrans(_PLAIN)
#: What only means something at the start of a line (list items, setext underlines).
_LINE_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")

#: In documentation only what can smuggle HTML or attributes is neutralised; emphasis, lists
#: and links keep working.
_DOC_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;",
                            "}": "&#125;"})
#: Where a link destination starts: an inline link ``](url)`` or a reference definition
#: ``[ref]: url`` (anywhere, so nesting in brackets, lists or quotes cannot hide one).
_DESTINATION = re.compile(r"\](\(|:)(\s*)([^)\s]*)")
_BROKEN_OPENER = {"(": "&#40;", ":": "&#58;"}
_SAFE_SCHEMES = ("http", "https", "mailto")


def text(value: str | None) -> str:
    """Plain text, on one line, with no Markdown or HTML meaning left."""
    plain = " ".join((value or "").split()).translate(_PLAIN_TABLE)
    return _LINE_START.sub(_start_reference, plain)


def _start_reference(match: re.Match) -> str:
    first = match.group(0)
    return f"&#{ord(first[0])};{first[1:]}"


def attr(value: str | None) -> str:
    """Text for an HTML attribute value or a raw HTML block."""
    return html.escape(" ".join((value or "").split()), quote=True)


def documentation(value: str | None) -> str:
    """BPMN documentation (Markdown) with raw HTML, attribute lists and images taken out,
    and every link whose destination is not an absolute http(s) or mailto URL broken."""
    source = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    source = source.translate(_DOC_TABLE).replace("![", "!&#91;")
    return _DESTINATION.sub(_checked_destination, source).strip()


def _checked_destination(match: re.Match) -> str:
    opener, space, url = match.groups()
    if safe_url(url):
        return match.group(0)
    return "]" + _BROKEN_OPENER[opener] + space + url


@functools.lru_cache(maxsize=8192)  # every page links the same register URLs again and again
def safe_url(url: str | None) -> bool:
    """True for an absolute http(s) or mailto URL without spaces or control characters."""
    if url and "&" in url and "&#" in url:  # a character reference could spell out a scheme
        return False
    return url_problem(url, _SAFE_SCHEMES) is None


def link_url(url: str) -> str:
    """A URL as a Markdown link destination: angle brackets keep parentheses and spaces
    from ending it early (the URL has been checked by :func:`safe_url`)."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def mailto(address: str, subject: str, body: str) -> str:
    return (f"mailto:{quote(address, safe='@.+-_')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}")
