"""Hostile and broken input: each gives one clean finding, nothing leaks, nothing hangs."""

from __future__ import annotations

import json
import subprocess
import sys

from lxml import etree

from kls_model import xmlsafe
from kls_model.read import read_bytes, read_file

from conftest import FIXTURES, ROOT, check, find

HOSTILE = ["entity-expansion-bomb.bpmn", "external-entity-passwd.bpmn", "external-dtd.bpmn"]


def _passwd_markers() -> list[str]:
    with open("/etc/passwd", encoding="utf-8", errors="replace") as fh:
        first = fh.readline().strip()
    return [first, "root:x:0:0"]


def test_hostile_xml_is_refused_with_its_line():
    for name in HOSTILE:
        defs, findings = read_file(str(FIXTURES / "error" / name))
        assert defs is None
        assert [(f.code, f.line) for f in findings] == [("KLS002", 2)], name


def test_no_content_of_etc_passwd_appears_anywhere():
    """Through the whole CLI, in text and JSON: the entity is never resolved."""
    for fmt in ("text", "json"):
        proc = subprocess.run(
            [sys.executable, "-m", "kls", "check", "--format", fmt,
             str(FIXTURES / "error" / "external-entity-passwd.bpmn")],
            capture_output=True, text=True, timeout=60, cwd=ROOT)
        output = proc.stdout + proc.stderr
        assert proc.returncode == 1
        assert "KLS002" in output
        for marker in _passwd_markers():
            assert marker not in output


def test_entity_bomb_is_not_expanded_even_past_the_precheck():
    """Defence in depth: handed straight to our parser, the bomb is refused or left
    unexpanded; it never becomes a billion 'lol's in memory."""
    data = (FIXTURES / "error" / "entity-expansion-bomb.bpmn").read_bytes()
    try:
        root = etree.fromstring(data, xmlsafe._parser())
    except etree.XMLSyntaxError:
        return
    assert len(etree.tostring(root)) < 10_000


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(xmlsafe, "MAX_BYTES", 1000)
    big = tmp_path / "stor.bpmn"
    big.write_bytes(b"<definitions>" + b" " * 2000 + b"</definitions>")
    defs, findings = read_file(str(big))
    assert defs is None and [(f.code, f.line) for f in findings] == [("KLS003", 1)]
    assert "2027 byte" in findings[0].message


def test_binary_file(tmp_path):
    png = tmp_path / "bild.bpmn"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    defs, findings = read_file(str(png))
    assert defs is None and [f.code for f in findings] == ["KLS006"]


def test_unreadable_path(tmp_path):
    link = tmp_path / "borta.bpmn"
    link.symlink_to(tmp_path / "finns-inte.bpmn")
    defs, findings = read_file(str(link))
    assert defs is None and [f.code for f in findings] == ["KLS009"]


def test_utf16_bpmn_is_not_mistaken_for_binary():
    text = ('<?xml version="1.0" encoding="UTF-16"?><definitions '
            'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P" '
            'name="Å"/></definitions>')
    defs, findings = read_bytes(text.encode("utf-16"), "utf16.bpmn")
    assert findings == [] and defs.elements["P"].name == "Å"
    # Without a BOM too, as XML's appendix F detects it (and libxml2 reads it): "<" in 16 bits.
    for encoding in ("utf-16-le", "utf-16-be"):
        defs, findings = read_bytes(text.encode(encoding), f"{encoding}.bpmn")
        assert findings == [] and defs.elements["P"].name == "Å", encoding


def test_a_dtd_in_utf16_without_bom_is_still_refused():
    text = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x "y">]>'
            '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">'
            '<process id="P" name="&x;"/></definitions>')
    defs, findings = read_bytes(text.encode("utf-16-le"), "dtd16.bpmn")
    assert defs is None and [f.code for f in findings] == ["KLS002"]


def test_doctype_inside_cdata_documentation_is_not_a_false_alarm():
    data = ('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">'
            '<process id="P"><documentation><![CDATA[Exempel: <!DOCTYPE html>]]>'
            '</documentation></process></definitions>').encode()
    defs, findings = read_bytes(data, "cdata.bpmn")
    assert findings == [] and defs.elements["P"].documentation == "Exempel: <!DOCTYPE html>"


def test_hostile_files_never_traceback_through_the_cli():
    paths = [str(p) for p in sorted((FIXTURES / "error").glob("*.bpmn"))]
    proc = subprocess.run([sys.executable, "-m", "kls", "check", "--format", "json", *paths],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert "Traceback" not in proc.stderr
    payload = json.loads(proc.stdout)
    codes = {f["code"] for f in payload["findings"]}
    assert {"KLS001", "KLS002", "KLS004", "KLS005"} <= codes


def test_hostile_text_is_kept_as_text():
    """Markup in names and documentation is data: read verbatim, escaped later by the site."""
    data = ('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">'
            '<process id="P" name="&lt;script&gt;alert(1)&lt;/script&gt;">'
            '<documentation>&lt;img src=x onerror=alert(1)&gt;</documentation>'
            '</process></definitions>').encode()
    defs, findings = read_bytes(data, "x.bpmn")
    assert defs.elements["P"].name == "<script>alert(1)</script>"
    assert defs.elements["P"].documentation == "<img src=x onerror=alert(1)>"
    _, findings = check(FIXTURES / "error" / "malformed-xml.bpmn")
    assert find(findings, "KLS001")
