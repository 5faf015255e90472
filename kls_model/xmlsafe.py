"""Hardened XML parsing: the only place kls turns bytes into an lxml tree.

BPMN files never need a DTD, entities or network access, so we refuse all three outright
instead of trying to make them safe: a DOCTYPE is a finding (KLS002), entities are never
expanded, nothing is ever fetched. Size is checked before a byte is parsed.
"""

from __future__ import annotations

import os
import re

from lxml import etree

from .diagnostics import Finding, finding

__all__ = ["MAX_BYTES", "parse_bytes", "read_limited"]

#: Largest BPMN file we read. Camunda Modeler files of real KLS processes are 10-300 KB;
#: the largest file in the OMG MIWG suite is under 1 MB.
MAX_BYTES = 10 * 1024 * 1024

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _parser(keep_comments: bool = False, recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,  # never expand an entity, internal or external
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keep libxml2's depth and text-size limits
        remove_comments=not keep_comments,  # kept only to write a user's file back
        remove_pis=not keep_comments,
        collect_ids=False,
    )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_bytes(data: bytes, path: str) -> Finding | None:
    """Cheap pre-parse checks: empty, binary, oversized, DTD. ``None`` when fine."""
    if len(data) > MAX_BYTES:
        return finding("KLS003", path, 1, size=len(data), limit=MAX_BYTES)
    if not data.strip():
        return finding("KLS005", path, 1)
    head = data[:8192]
    # UTF-16/32 BOMs are legitimate XML; NUL bytes in an 8-bit encoding are not.
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return finding("KLS006", path, 1)
    # A DTD can only stand in the prolog, before the root element; searching only there keeps
    # a literal "<!DOCTYPE" inside a CDATA documentation block from being a false alarm.
    first = _FIRST_ELEMENT.search(data)
    match = _DTD.search(data, 0, first.start() if first else len(data))
    if match:
        return finding("KLS002", path, _line_of(data, match.start()))
    return None


def parse_bytes(data: bytes, path: str, keep_comments: bool = False,
                ) -> tuple[etree._Element | None, list[Finding]]:
    """Parse ``data`` safely; return the root element (or ``None``) and the findings, never
    raise. With a root, the findings are warnings about what was read anyway.
    ``keep_comments`` keeps comments and processing instructions, for rewriting a file."""
    problem = check_bytes(data, path)
    if problem:
        return None, [problem]
    parser = _parser(keep_comments)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        parser = _parser(keep_comments, recover=True)
        root = _recover_namespace_uri(data, parser) if exc.code == _NS_URI else None
        if root is None:
            line = exc.lineno or (exc.position[0] if exc.position else 1)
            return None, [finding("KLS001", path, line or 1, detail=_syntax_detail(exc))]
    if root is None:
        return None, [finding("KLS005", path, 1)]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return None, [finding("KLS002", path, 1)]
    return root, [_namespace_warning(e, path) for e in parser.error_log if e.type == _NS_URI]


def _recover_namespace_uri(data: bytes, parser: etree.XMLParser) -> etree._Element | None:
    """A namespace URI that is not a valid URI (IBM Process Designer writes
    ``xmlns:Process=".../Collapsed Process"``) is only a warning in the XML Namespaces spec
    and in libxml2 before 2.14, which raises it as an error. Such a file is well-formed: parse
    it in recovery mode and keep the tree, but only when that was its sole problem, so that
    recovery never silently repairs (and drops parts of) a really broken file."""
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if any(e.type != _NS_URI for e in parser.error_log):
        return None
    return root


#: libxml2's "xmlns:p: 'a b' is not a valid URI" (XML_WAR_NS_URI).
_NS_URI = etree.ErrorTypes.WAR_NS_URI
_NS_URI_MESSAGE = re.compile(r"xmlns(?::(?P<prefix>\S+))?: '(?P<uri>.*)' is not a valid URI")


def _namespace_warning(entry, path: str) -> Finding:
    match = _NS_URI_MESSAGE.search(entry.message)
    if match is None:
        return finding("KLS070", path, entry.line or 1, None, decl="xmlns", uri=entry.message)
    decl = f"xmlns:{match['prefix']}" if match["prefix"] else "xmlns"
    return finding("KLS070", path, entry.line or 1, None, decl=decl, uri=match["uri"])


def _syntax_detail(exc: etree.XMLSyntaxError) -> str:
    return _detail(str(exc.msg or exc))


def _detail(msg: str) -> str:
    # libxml2 messages look like "Opening and ending tag mismatch: a line 3 and b, line 4,
    # column 9 (x.bpmn, line 4)"; drop the trailing location, we print our own.
    return re.sub(r"\s*\(.*line \d+.*\)\s*$", "", msg).strip()


def read_limited(path: str) -> tuple[bytes | None, Finding | None]:
    """Read a file, refusing before reading anything larger than ``MAX_BYTES``."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return None, finding("KLS003", path, 1, size=size, limit=MAX_BYTES)
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, finding("KLS009", path, 1, detail=exc.strerror or str(exc))
    if len(data) > MAX_BYTES:  # grew while we looked
        return None, finding("KLS003", path, 1, size=len(data), limit=MAX_BYTES)
    return data, None
