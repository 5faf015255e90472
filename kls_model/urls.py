"""The one judgement of which links kls will publish: document URLs in the register, links
in descriptions, and links inside diagrams all go through :func:`url_problem`.

Only http(s) (and, where a page asks for it, mailto or relative links) pass: a model is
untrusted text, and a ``javascript:``, ``data:`` or ``file:`` link would be published as is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from . import texts

__all__ = ["url_problem"]

WEB = ("http", "https")


def url_problem(url: str | None, schemes: tuple[str, ...] = WEB,
                relative: bool = False) -> str | None:
    """Why ``url`` cannot be published, in Swedish, or None when it can.

    ``schemes``: the schemes allowed; ``relative``: whether a link without scheme and host
    (a link within the site) is allowed."""
    if not url or not url.strip():
        return texts.URL_EMPTY
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return texts.URL_SPACE
    try:
        parts = urlsplit(url)
    except ValueError:
        return texts.URL_HOST
    scheme = parts.scheme.lower()
    if not scheme and relative and not parts.netloc:
        return None
    if scheme not in schemes:
        return texts.URL_SCHEME
    if scheme != "mailto" and not parts.hostname:
        return texts.URL_HOST
    return None
