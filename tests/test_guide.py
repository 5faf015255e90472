"""The Swedish user guide must document every profile key and every check code."""

from __future__ import annotations

from kls_model.diagnostics import CODES
from kls_model.documents import DOCUMENT_TYPES
from kls_model.profile import KEYS

from conftest import ROOT

GUIDE = ROOT / "site_build" / "guide" / "kls-profilen.md"


def test_guide_documents_every_key_code_and_document_type():
    text = GUIDE.read_text(encoding="utf-8")
    missing_keys = [k.name for k in KEYS if f"| `{k.name}` |" not in text]
    assert missing_keys == []
    assert [c for c in CODES if f"| `{c}` | {CODES[c].swedish} |" not in text] == []
    assert [t for t in DOCUMENT_TYPES if t not in text] == []
