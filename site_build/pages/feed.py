"""The Atom feed (RFC 4287) of "Senaste ändringar", for feed readers and Outlook: one entry
per change this audience may see, newest first, with absolute links from ``site_url``.

Deterministic: every value comes from the git history and the model (ids are UUIDs derived
from the commit hash, times are the commits' own), so the same history gives the same bytes.
Without ``site_url`` the links are relative to the feed, which readers resolve against the
address they fetched it from."""

from __future__ import annotations

import html
import re
import uuid

from lxml import etree

from ..texts import PAGES as T
from .changes_page import CHANGES_PAGE, FEED, change_anchor, visible_changes
from .site import Site, served_path

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
_NO_TIME = "1970-01-01T00:00:00Z"  # a feed without history has no change to date
#: Characters XML 1.0 cannot carry; a commit subject may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def atom_feed(site: Site) -> str:
    changes = visible_changes(site)[:MAX_ENTRIES]
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "sv")
    name = site.settings.site_name
    _add(feed, "id", _uuid(f"feed|{site.settings.site_url or name}|{site.settings.audience}"))
    _add(feed, "title", T["feed_title"].format(site=name))
    _add(feed, "subtitle", T["feed_subtitle"].format(site=name))
    _add(feed, "updated", _time(changes[0]) if changes else _NO_TIME)
    _link(feed, "alternate", _url(site, CHANGES_PAGE), "text/html")
    if site.settings.site_url:
        _link(feed, "self", _url(site, FEED), "application/atom+xml")
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", site.settings.organisation or name)
    _add(feed, "generator", "kls")
    for change in changes:
        feed.append(_entry(site, change))
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8",
                          pretty_print=True).decode("utf-8")


def _entry(site: Site, change) -> etree._Element:
    entry = etree.Element(f"{{{ATOM}}}entry")
    _add(entry, "id", _uuid(f"commit|{change.sha or change.commit}"))
    _add(entry, "title", change.subject or change.commit)
    _add(entry, "updated", _time(change))
    _link(entry, "alternate", _url(site, CHANGES_PAGE, change_anchor(change)), "text/html")
    shown = [p for p in change.processes if site.shown(p) and p in site.pages]
    for process in shown:
        _link(entry, "related", _url(site, site.pages[process]), "text/html",
              site.name(process))
    names = ", ".join(site.name(p) for p in shown)
    summary = f"{change.subject}. {T['feed_processes']}: {names}" if names else change.subject
    _add(entry, "summary", summary)
    _add(entry, "content", _content(site, change, shown)).set("type", "html")
    return entry


def _content(site: Site, change, shown: list[str]) -> str:
    """The entry as HTML (escaped once here, once more by XML), for readers such as Outlook
    that show the content rather than the links."""
    parts = [f"<p>{html.escape(change.subject)}</p>"]
    if shown:
        items = "".join(f'<li><a href="{html.escape(_url(site, site.pages[p]))}">'
                        f"{html.escape(site.name(p))}</a></li>" for p in shown)
        parts.append(f"<p>{html.escape(T['feed_processes'])}:</p><ul>{items}</ul>")
    return "".join(parts)


def _add(parent, tag: str, text: str):
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _NOT_XML.sub("", text)
    return element


def _link(parent, rel: str, href: str, media_type: str, title: str | None = None) -> None:
    link = etree.SubElement(parent, f"{{{ATOM}}}link", rel=rel, href=href, type=media_type)
    if title:
        link.set("title", _NOT_XML.sub("", title))


def _url(site: Site, page: str, anchor: str | None = None) -> str:
    base = (site.settings.site_url or "").rstrip("/")
    path = served_path(page) if page.endswith(".md") else page  # the feed itself is a file
    url = f"{base}/{path}" if base else path or "./"
    return f"{url}#{anchor}" if anchor else url


def _time(change) -> str:
    return change.time or f"{change.date.isoformat()}T00:00:00Z"


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'kls:' + name)}"
