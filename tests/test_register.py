"""The document register: pydantic validation with Swedish messages at the field's line."""

from __future__ import annotations

from kls_model.documents import read_register
from kls_model.urls import url_problem

from conftest import FIXTURES, check, find

DEFECTS = FIXTURES / "error" / "register-defects" / "dokument.yml"


def _by_code(findings):
    return sorted((f.code, f.line, f.element_id) for f in findings)


def test_register_defects_are_reported_at_their_lines():
    _, findings = check(DEFECTS)
    got = _by_code(f for f in findings if f.code != "KLS033")
    assert got == [
        ("KLS013", 2, "RUT-JS"),       # javascript: URL
        ("KLS013", 6, "RUT-FILE"),     # file: URL
        ("KLS013", 10, "RUT-NOHOST"),  # no host
        ("KLS031", 16, "RUT-TYP"),     # unknown type, at the line of `typ`
        ("KLS031", 22, "RUT-DATUM"),   # impossible date, at the line of `revideras`
        ("KLS031", 23, "RUT-UTAN-URL"),  # missing url, at the entry
        ("KLS032", 26, "RUT-JS"),      # duplicate id
    ]


def test_register_messages_are_swedish_and_name_the_field():
    _, findings = check(DEFECTS)
    messages = {f.element_id: f.message for f in findings if f.code == "KLS031"}
    assert "typen 'rutiner' är okänd" in messages["RUT-TYP"]
    assert "fältet 'revideras' ska vara ett datum" in messages["RUT-DATUM"]
    assert "fältet 'url' saknas" in messages["RUT-UTAN-URL"]


def test_review_dates_and_unused_documents():
    _, findings = check(FIXTURES / "warning" / "register-defects" / "dokument.yml")
    assert [(f.line, f.element_id) for f in find(findings, "KLS015")] == [(1, "RUT-GAMMAL")]
    assert {f.element_id for f in find(findings, "KLS033")} == {"RUT-GAMMAL", "MALL-OANVAND"}


def test_invalid_yaml_gives_its_line():
    register, findings = read_register(str(FIXTURES / "error" / "register-invalid-yaml.yml"))
    assert register.documents == {}
    assert [(f.code, f.line) for f in findings] == [("KLS030", 3)]


def test_yaml_scalars_are_not_reinterpreted():
    """YAML 1.1 would turn `synlighet: nej`-style words and dates into other types; we read
    every scalar as written and let pydantic type it."""
    register, findings = read_register(str(FIXTURES / "valid" / "minimal" / "dokument.yml"))
    assert findings == []
    doc = register.get("RUT-001")
    assert doc.review_date.isoformat() == "2027-06-30" and doc.type == "rutin"
    assert doc.line == 2 and not doc.is_internal


def test_url_problems():
    assert url_problem("https://dokument.exempelstad.se/a?b=c") is None
    assert url_problem("http://intranat/rutin") is None
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "file:///etc/passwd",
                "data:text/html,<script>", "https://", "", " https://a.se",
                "https://a.se/x y", "ftp://a.se/x", "//a.se/x"):
        assert url_problem(bad), bad


def test_one_url_judgement_for_register_pages_and_diagrams():
    web_mail = ("http", "https", "mailto")
    assert url_problem("mailto:synpunkter@exempelstad.se", web_mail) is None
    assert url_problem("mailto:synpunkter@exempelstad.se")  # not a document link
    assert url_problem("../Process_ifo/#Activity_1", web_mail, relative=True) is None
    assert url_problem("../Process_ifo/", web_mail)  # relative only where asked for
    for bad in ("javascript:alert(1)", "java\x7fscript:alert(1)", "//evil.example/x",
                "data:text/html,x", "vbscript:x"):
        assert url_problem(bad, web_mail, relative=True), bad
