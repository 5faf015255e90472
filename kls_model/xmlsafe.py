"""Hardened XML parsing: the only place kls turns bytes into an lxml tree.

BPMN files never need a DTD, entities or network access, so we refuse all three outright
instead of trying to make them safe: a DOCTYPE is a finding (KLS002), entities are never
expanded, nothing is ever fetched. Size is checked before a byte is parsed.
"""

from __future__ import annotations

import codecs
import os
import re
import threading

from lxml import etree

from .diagnostics import Finding, finding

__all__ = ["MAX_BYTES", "parse_bytes", "read_limited"]

#: Largest BPMN file we read. Camunda Modeler files of real KLS processes are 10-300 KB;
#: the largest file in the OMG MIWG suite is under 1 MB.
MAX_BYTES = 10 * 1024 * 1024

_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 LE/BE, UTF-32 BE
_WIDE_STARTS = (*_WIDE_BOMS, b"<\x00", b"\x00<")
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
    # UTF-16/32 are legitimate XML, with a BOM or (as XML's appendix F detects them, and
    # libxml2 does) starting "<" in 16 bits; NUL bytes in an 8-bit encoding are not.
    if b"\x00" in head and not head.startswith(_WIDE_STARTS):
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
    root, findings = _parse(data, path, keep_comments)
    if root is None and findings and findings[0].code == "KLS001" \
            and (mended := _as_utf8(data)) is not None:
        fixed, offsets = mended
        root, findings = _parse(fixed, path, keep_comments)
        if root is not None:
            findings.insert(0, _encoding_warning(data, offsets, path))
    return root, findings


def _parse(data: bytes, path: str, keep_comments: bool
           ) -> tuple[etree._Element | None, list[Finding]]:
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


# -- a file that says UTF-8 but is not ------------------------------------------------------
# Tools on Windows write names with å/ä/ö in Windows-1252 under an encoding="UTF-8"
# declaration (GenMyModel in the MIWG suite; Latin-1 agrees with it on every letter of
# Swedish). libxml2 refuses the whole file, Camunda Modeler shows each such byte as U+FFFD
# and saves it so. kls reads those bytes as Windows-1252 instead, so no name is lost, and
# says so (KLS069) with the lines, so the file gets saved again as UTF-8.

_UTF8_NAMES = {"utf-8", "utf8"}
_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_bad_bytes = threading.local()


def _windows_1252(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode error handler: one byte that is not UTF-8, read as Windows-1252 (its five
    unassigned bytes as Latin-1), its offset noted."""
    byte = err.object[err.start:err.start + 1]
    _bad_bytes.offsets.append(err.start)
    try:
        return byte.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), err.start + 1


codecs.register_error("kls-windows-1252", _windows_1252)


def _decode(data: bytes) -> tuple[str, list[int]]:
    """``data`` decoded as UTF-8, bytes that are not read as Windows-1252; their offsets."""
    _bad_bytes.offsets = []
    try:
        return data.decode("utf-8", errors="kls-windows-1252"), _bad_bytes.offsets
    finally:
        del _bad_bytes.offsets


def _as_utf8(data: bytes) -> tuple[bytes, list[int]] | None:
    """``data`` as valid UTF-8 and the offsets of the bytes that were not, when the file is
    (or says it is) UTF-8 and has such bytes; otherwise None."""
    if data.startswith(_WIDE_BOMS):
        return None
    declared = _DECLARED.match(data)
    if declared and declared[1].decode("ascii").lower() not in _UTF8_NAMES:
        return None
    text, offsets = _decode(data)
    return (text.encode("utf-8"), offsets) if offsets else None


def _encoding_warning(data: bytes, offsets: list[int], path: str) -> Finding:
    lines = sorted({_line_of(data, o) for o in offsets})
    shown = ", ".join(str(n) for n in lines[:5]) + (" …" if len(lines) > 5 else "")
    # The first word read so, for the user to find: its line, at most 60 bytes either side.
    first = offsets[0]
    start = max(data.rfind(b"\n", 0, first), first - 60) + 1
    stop = data.find(b"\n", first, first + 60)
    context, _ = _decode(data[start:stop if stop >= 0 else first + 60])
    words = re.findall(r"[^\s<>\"'=]*[^\x00-\x7f][^\s<>\"'=]*", context)
    return finding("KLS069", path, lines[0], None, count=len(offsets), lines=shown,
                   sample=words[0] if words else "?")


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
