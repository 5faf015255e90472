"""Shared test helpers. The OMG MIWG corpus is read from ../shared (never copied here)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "miwg"
TODAY = dt.date(2026, 11, 23)


def corpus_files() -> list[Path]:
    """Every .bpmn file of the MIWG corpus; fails loudly when ../shared is missing so a test
    run without it can never look green."""
    files = sorted(CORPUS.glob("**/*.bpmn"))
    if not files:
        pytest.fail(f"the MIWG corpus was not found at {CORPUS}: these tests did not run. "
                    "Clone the project with ../shared beside it.")
    return files


def check(*paths, today: dt.date = TODAY):
    """Load and validate like `kls check`, returning (system, findings)."""
    from kls_model.check import run_check

    result = run_check([str(p) for p in paths], today=today)
    return result.system, result.findings


def find(findings, code: str, element_id: str | None = None):
    return [f for f in findings if f.code == code
            and (element_id is None or f.element_id == element_id)]


def unpack(data: bytes) -> bytes:
    """A built file's bytes, gunzipped when gzipped (the sitemap, Pagefind's index files,
    which also start with a signature of their own)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.removeprefix(b"pagefind_dcd")


def search_index_text(site: Path) -> str:
    """Everything in a built site's search bundle (pagefind/), unpacked, as text."""
    files = sorted(p for p in (site / "pagefind").rglob("*") if p.is_file())
    if not files:
        pytest.fail(f"{site} has no search index")
    return "".join(unpack(p.read_bytes()).decode("utf-8", "replace") for p in files)
