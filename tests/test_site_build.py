"""`kls build`: atomic, deterministic, refuses broken models; history from git."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_build import history
from site_build.build import _recover, _swap

from conftest import FIXTURES, ROOT, check, unpack

MODELS = ROOT / "models"


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def kls(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kls", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd, env={**os.environ, **(env or {})})


# -- the swap itself -------------------------------------------------------------------------

def test_swap_replaces_the_site_and_leaves_nothing_behind(tmp_path):
    out, new = tmp_path / "site", tmp_path / "new"
    out.mkdir(), new.mkdir()
    (out / "a.html").write_text("gammal"), (new / "a.html").write_text("ny")
    _swap(new, out)
    assert (out / "a.html").read_text() == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_after_a_kill_between_the_renames(tmp_path):
    out = tmp_path / "site"
    old = tmp_path / ".site.old"
    old.mkdir()
    (old / "index.html").write_text("föregående")
    stale = tmp_path / ".site.build-abc123"
    stale.mkdir()
    _recover(out)
    assert (out / "index.html").read_text() == "föregående"
    assert not stale.exists() and not old.exists()


# -- history ---------------------------------------------------------------------------------

def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@exempelstad.se",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@exempelstad.se"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_changes_and_last_changed_from_git(tmp_path):
    repo = tmp_path / "kls"
    shutil.copytree(FIXTURES / "valid" / "minimal", repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Första versionen", "--date=2026-01-10T10:00:00")
    ifo = repo / "ifo.bpmn"
    ifo.write_text(ifo.read_text(encoding="utf-8").replace("Ta emot anmälan", "Ta emot en anmälan"),
                   encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Förtydliga mottagandet")
    system, _ = check(repo)
    changes = history.changes([str(repo)], system)
    assert [c.subject for c in changes] == ["Förtydliga mottagandet", "Första versionen"]
    assert changes[0].files == ["ifo.bpmn"] and changes[0].processes == ["Process_ifo"]
    assert set(changes[1].processes) == {"Process_ifo", "Process_karta"}
    last = history.last_changed(changes)
    assert last["Process_ifo"] == changes[0].date and last["Process_karta"] == changes[1].date
    assert history.source_date_epoch(history.newest_commit([str(repo)]), []) > 0


def test_no_git_means_no_history(tmp_path):
    shutil.copytree(FIXTURES / "valid" / "minimal", tmp_path / "kls")
    system, _ = check(tmp_path / "kls")
    assert history.changes([str(tmp_path / "kls")], system) == []
    files = [str(p) for p in (tmp_path / "kls").glob("*.bpmn")]
    assert history.newest_commit([str(tmp_path / "kls")]) is None
    assert history.source_date_epoch(None, files) == int(
        max(os.path.getmtime(f) for f in files))


# -- whole builds of the example KLS ---------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example built twice internally and once publicly, through the real CLI."""
    root = tmp_path_factory.mktemp("sites")
    for name, audience in (("a", "--internal"), ("b", "--internal"), ("public", "--public")):
        proc = kls("build", "--out", str(root / name), audience)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


def test_two_builds_are_byte_identical(built):
    assert tree_digest(built / "a") == tree_digest(built / "b")


def test_nav_and_titles_use_process_names_not_file_names(built):
    html = (built / "a" / "processer" / "Process_ifo_utreda" / "index.html").read_text("utf-8")
    assert "<title>Utreda - Exempelstads kvalitetsledningssystem</title>" in html
    assert "Process ifo" not in html


def test_swedish_theme_and_pagefind_search_instead_of_lunr(built):
    html = (built / "a" / "index.html").read_text("utf-8")
    assert '<html lang="sv"' in html
    assert "<pagefind-modal-trigger" in html and "pagefind/pagefind-component-ui.js" in html
    entry = json.loads((built / "a" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["sv"] and entry["languages"]["sv"]["page_count"] > 100
    # Material's lunr search is gone: no index, no worker, no stemmers, no search box.
    assert not (built / "a" / "search").exists()
    assert not (built / "a" / "assets" / "javascripts" / "lunr").exists()
    assert not (built / "a" / "assets" / "javascripts" / "workers").exists()
    assert "md-search__input" not in html


def _pagefind_fragments(site: Path) -> list[dict]:
    return [json.loads(unpack(p.read_bytes()).decode("utf-8"))
            for p in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))]


def test_every_search_result_and_activity_link_lands_on_a_page_and_anchor(built):
    """Pagefind's fragments hold each result's URL and its sections' anchors: every one
    must be a built page, and every anchor an id on it (activities and document rows)."""
    fragments = _pagefind_fragments(built / "a")
    kinds = {f["meta"]["kind"] for f in fragments}
    assert kinds == {"Process", "Dokument", "Roll", "Användarguide"}
    missing = []
    for fragment in fragments:
        path, _, anchor = fragment["url"].partition("#")
        page = built / "a" / path.strip("/") / "index.html"
        ids = set(lxml_html.fromstring(page.read_bytes()).xpath("//@id")) if page.exists() else None
        wanted = [anchor] if anchor else []
        wanted += [a["id"] for a in fragment["anchors"] if a["element"] == "h2"
                   and fragment["meta"]["kind"] == "Process"]
        if ids is None or any(w not in ids for w in wanted):
            missing.append((fragment["url"], [w for w in wanted if ids is None or w not in ids]))
    assert missing == []
    utreda = next(f for f in fragments if f["url"] == "/processer/Process_ifo_utreda/")
    assert utreda["meta"]["trail"] == "Individ- och familjeomsorg"
    assert utreda["filters"] == {"kategori": ["Huvudprocess"], "typ": ["Process"]}
    assert "Activity_ifo_utreda_planera" in {a["id"] for a in utreda["anchors"]}


def test_public_build_has_no_trace_of_internal_content(built):
    """Grep every file of the public site, search index and sitemap included."""
    from kls_model.load import load

    system, _ = load([str(MODELS)])
    secrets = {"Process_kris", system.graph.nodes["Process_kris"]["name"]}
    secrets |= {doc.id for doc in system.register.documents.values() if doc.is_internal}
    secrets |= {doc.title for doc in system.register.documents.values() if doc.is_internal}
    secrets |= {n for n, d in system.graph.nodes(data=True) if d.get("parent") == "Process_kris"}
    # Issue 14: the owner and the role that only the internal process has (no owner or role
    # page, no mention in the feed or on the compliance and lagrum pages).
    secrets |= {"Säkerhetssamordnare", "Krisledningsgrupp", "extraordinära händelser"}
    leaks = []
    for path in sorted((built / "public").rglob("*")):
        if path.is_file():
            text = unpack(path.read_bytes()).decode("utf-8", errors="replace")
            leaks += [(path.name, s) for s in secrets if s in text]
    assert leaks == []
    # The search index holds words stemmed, so look for the internal process's own words by
    # their first letters (all but three: longer than any Swedish suffix Snowball strips).
    assert len(_pagefind_fragments(built / "public")) > 100
    public_text = " ".join(_texts(built / "public"))
    internal = {w for n, d in system.graph.nodes(data=True)
                if n == "Process_kris" or d.get("parent") == "Process_kris"
                for w in re.findall(r"\w{8,}", (d.get("name") or "").casefold())}
    probes = {w[:-3] for w in internal if w[:-3] not in public_text}
    assert len(probes) >= 3, internal
    index = b"".join(unpack(p.read_bytes())
                     for p in (built / "public" / "pagefind").rglob("*") if p.is_file())
    assert sorted(p for p in probes if p.encode("utf-8") in index) == []
    assert not (built / "public" / "rapporter").exists()
    assert (built / "a" / "rapporter" / "index.html").exists()
    assert (built / "a" / "processer" / "Process_kris" / "index.html").exists()


def _texts(site: Path) -> list[str]:
    """The text of every page of a built site, in lower case."""
    return [lxml_html.fromstring(p.read_bytes()).text_content().casefold()
            for p in sorted(site.rglob("*.html"))]


def test_every_page_announces_the_atom_feed(built):
    """Feed readers and browsers find "Senaste ändringar" from any page (theme/main.html)."""
    from lxml import etree

    for site in ("a", "public"):
        pages = sorted((built / site).rglob("index.html"))
        assert len(pages) > 40
        for page in pages:
            depth = len(page.relative_to(built / site).parts) - 1
            href = "../" * depth + "andringar.xml" if depth else "andringar.xml"
            assert (f'<link rel="alternate" type="application/atom+xml" '
                    f'title="Exempelstads kvalitetsledningssystem" href="{href}">'
                    in page.read_text("utf-8")), page
        feed = etree.parse(str(built / site / "andringar.xml")).getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"


def test_broken_model_fails_the_build_and_keeps_the_previous_site(built, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(built / "a", out)
    before = tree_digest(out)
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    (models / "trasig.bpmn").write_text("<definitions><process", encoding="utf-8")
    proc = kls("build", str(models), "--out", str(out))
    assert proc.returncode == 1
    assert "KLS001" in proc.stderr and "den tidigare webbplatsen är orörd" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "site"]


@pytest.mark.parametrize("binary,says", [
    ("/nonexistent/pagefind", "Pagefind saknas (/nonexistent/pagefind"),
    ("/bin/false", "Pagefind (/bin/false) avslutades utan att svara"),
], ids=["missing", "dies"])
def test_a_failed_search_index_fails_the_build_and_keeps_the_previous_site(built, tmp_path,
                                                                           binary, says):
    """Pagefind runs before the swap: when it is missing or dies, nothing is published."""
    out = tmp_path / "site"
    shutil.copytree(built / "a", out)
    before = tree_digest(out)
    proc = kls("build", "--out", str(out), env={"PAGEFIND_BINARY_PATH": binary})
    assert proc.returncode == 1
    assert "sökindexet kunde inte byggas" in proc.stderr and says in proc.stderr
    assert "den tidigare webbplatsen är orörd" in proc.stderr and "Traceback" not in proc.stderr
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def _reordered(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with every filter's values and the meta's filters in reverse order, as
    Pagefind 1.5.2 may write them on another run."""
    from site_build.search.canonical import (FILTER_VALUES, META_FILTERS, items_at, pack, unpack,
                                             with_items)

    out = dict(files)
    for path, data in files.items():
        where = FILTER_VALUES if path.startswith("filter/") else \
            META_FILTERS if path.endswith(".pf_meta") else None
        if where is not None:
            cbor = unpack(data)
            out[path] = pack(with_items(cbor, where, items_at(cbor, where)[::-1]))
    return out


def test_search_bundle_is_written_in_one_order_whatever_order_pagefind_chose(built):
    from site_build.search.canonical import canonical

    bundle = built / "a" / "pagefind"
    files = {p.relative_to(bundle).as_posix(): p.read_bytes()
             for p in sorted(bundle.rglob("*")) if p.is_file()}
    shuffled = _reordered(files)
    assert shuffled != files
    assert canonical(shuffled) == canonical(files) == files


def test_a_build_killed_midway_leaves_the_previous_site_intact(built, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(built / "a", out)
    before = tree_digest(out)
    proc = subprocess.Popen([sys.executable, "-m", "kls", "build", "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Kill it once MkDocs has started writing the new site into the staging directory.
    while time.monotonic() < deadline and proc.poll() is None:
        if any((s / "site").exists() for s in tmp_path.glob(".site.build-*")):
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tree_digest(out) == before
    # The next build sweeps the dead build's staging directory and succeeds.
    assert kls("build", "--out", str(out)).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
