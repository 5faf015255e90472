"""`kls serve`, the live preview, over real HTTP: its pages are the build's bytes (apart from
its own injected block) before and after saves, a broken file keeps the last good pages and
says why, findings land on the page of their element, only changed files are read again, the
server stays on 127.0.0.1 and stops cleanly on Ctrl+C. The browser side is in
tests/test_preview_browser.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path


import pytest

from conftest import FIXTURES, ROOT, search_index_text
from previewkit import Serve, committed_copy, get, preview  # noqa: F401 - fixture

from site_build.preview.findings import findings_state
from site_build.preview.source import ModelSource
from site_build.pages.plan import plan_site
from site_build.pages.report_pages import report_paths, report_pages
from site_build.settings import SiteSettings

BLOCK = re.compile(rb"<!-- kls-preview -->.*?<!-- /kls-preview -->", re.DOTALL)
UTREDA = "ifo-utreda.bpmn"
UTREDA_URL = "processer/Process_ifo_utreda/"


def build(models: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kls", "build", str(models), "--out", str(out),
                           "--allow-errors"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def url_of(relative: str) -> str:
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def differences(site: Path, base: str) -> list[str]:
    """Every file of a build fetched from the preview; the files whose bytes differ once the
    preview's block is taken out of its pages. Also: the build has no trace of the preview."""
    differ = []
    files = [p for p in sorted(site.rglob("*")) if p.is_file()]
    assert len(files) > 50
    for path in files:
        built = path.read_bytes()
        assert b"kls-preview" not in built and b"/_kls/" not in built, path
        status, served = get(base + url_of(path.relative_to(site).as_posix()))
        if path.suffix == ".html" and path.name != "404.html":
            assert served.count(b"<!-- kls-preview -->") == 1, path
        if status != 200 or BLOCK.sub(b"", served) != built:
            differ.append(f"{path.relative_to(site)} ({status})")
    return differ


# -- the preview is the build --------------------------------------------------------------------

def test_the_preview_serves_what_kls_build_publishes_before_and_after_saves(preview, tmp_path):
    build(preview.models, tmp_path / "before")
    assert differences(tmp_path / "before", preview.url) == []

    utreda = preview.read(UTREDA)
    new_process = preview.read("krisberedskap.bpmn").replace('"Process_kris"',
                                                             '"Process_ny_process"')
    try:
        # A rename (a page title: every page's nav), a new process (a new page, the nav), a
        # register title (the document index and every page linking the document).
        preview.save(UTREDA, utreda.replace('name="Planera utredningen"',
                                            'name="Planera och starta utredningen"'))
        preview.wait_idle()
        preview.save("ny-process.bpmn", new_process.replace('name="Krisberedskap',
                                                            'name="Ny process'))
        preview.wait_idle()
        register = preview.read("dokument.yml")
        preview.save("dokument.yml", register.replace(
            "Ledningssystem för systematiskt kvalitetsarbete", "Ledningssystemet"))
        state = preview.wait_idle()
        build(preview.models, tmp_path / "after")
        assert (tmp_path / "after" / "processer" / "Process_ny_process" / "index.html").exists()
        # ... the search index included: the preview indexes with Pagefind as the build does
        assert "Planera och starta utredningen" in search_index_text(tmp_path / "after")
        assert "Planera och starta utredningen" not in search_index_text(tmp_path / "before")
        assert differences(tmp_path / "after", preview.url) == []
        assert state["failure"] is None

        # A removed file: its page is gone from both.
        preview.save("ny-process.bpmn", None)
        preview.wait_idle()
        build(preview.models, tmp_path / "removed")
        assert get(preview.url + "processer/Process_ny_process/")[0] == 404
        assert differences(tmp_path / "removed", preview.url) == []
    finally:
        preview.save(UTREDA, utreda)
        if (preview.models / "ny-process.bpmn").exists():
            preview.save("ny-process.bpmn", None)
        preview.save("dokument.yml", register)
        preview.wait_idle()


def test_a_half_saved_file_keeps_the_last_good_page_and_says_why(preview):
    utreda = preview.read(UTREDA)
    try:
        preview.save(UTREDA, utreda[: len(utreda) // 2])  # cut off mid-write
        state = preview.wait_idle()
        [broken] = state["unreadable"]
        assert broken["path"].endswith(UTREDA) and broken["code"] == "KLS001"
        assert broken["kept"] is True and broken["line"] > 1
        status, page = get(preview.url + UTREDA_URL)
        assert status == 200 and "Planera utredningen" in page.decode()
        assert any(f["code"] == "KLS001" for f in preview.state()["findings"])
    finally:
        preview.save(UTREDA, utreda)
    assert preview.wait_idle()["unreadable"] == []


def test_a_finding_lands_on_its_element_and_goes_when_fixed(preview):
    utreda = preview.read(UTREDA)
    try:
        preview.save(UTREDA, utreda.replace('name="dokument" value="RUT-005"',
                                            'name="dokument" value="RUT-999"', 1))
        preview.wait_idle()
        [finding] = [f for f in preview.state("/" + UTREDA_URL)["findings"]
                     if f["code"] == "KLS011"]
        assert finding["element_id"] == "Activity_ifo_utreda_samtal"
        assert finding["element_name"] == "Genomföra samtal och hembesök"
        assert finding["places"] == [{"url": "/" + UTREDA_URL,
                                      "anchor": "Activity_ifo_utreda_samtal"}]
        assert "RUT-999" in finding["message"] and finding["severity"] == "error"
        assert preview.state()["counts"]["error"] >= 1
        status, page = get(preview.url + "_kls/fynd/")
        text = page.decode()
        assert status == 200 and "Fynd i modellerna" in text and "RUT-999" in text
        assert 'href="../../processer/Process_ifo_utreda/#Activity_ifo_utreda_samtal"' in text
        assert "<!-- kls-preview -->" in text
    finally:
        preview.save(UTREDA, utreda)
    preview.wait_idle()
    assert not [f for f in preview.state("/" + UTREDA_URL)["findings"] if f["code"] == "KLS011"]
    assert "RUT-999" not in get(preview.url + "_kls/fynd/")[1].decode()


def test_the_server_answers_only_for_itself(preview):
    assert get(preview.url + "_kls/state.json", {"Host": "evil.example"})[0] == 403
    assert get(preview.url + "_kls/state.json", {"Host": f"localhost:{preview.port}"})[0] == 200
    assert get(preview.url + "../../etc/passwd")[0] == 404
    assert get(preview.url + "%2e%2e/%2e%2e/etc/passwd")[0] == 404
    status, body = get(preview.url + "finns-inte/")
    assert status == 404 and b"<!-- kls-preview -->" in body
    status, body = get(preview.url + "_kls/preview.js")
    assert status == 200 and b"kls-preview:restore" in body


def test_a_long_poll_returns_when_a_page_changes(preview):
    import json
    import threading

    generation = preview.state()["generation"]
    answers = []
    url = f"{preview.url}_kls/events?since={generation}&page=/{UTREDA_URL}"
    waiter = threading.Thread(target=lambda: answers.append(json.loads(get(url)[1])))
    waiter.start()
    utreda = preview.read(UTREDA)
    try:
        preview.save(UTREDA, utreda.replace("Kalla till SIP-möte", "Kalla till SIP-mötet"))
        waiter.join(timeout=60)
        assert answers and answers[0]["reload"] is True and answers[0]["generation"] > generation
        other = json.loads(get(f"{preview.url}_kls/events?since={answers[0]['generation']}"
                               f"&page=/processer/Process_lss/")[1])
        assert other["reload"] is False  # a page the save did not change stays put
    finally:
        preview.save(UTREDA, utreda)
        preview.wait_idle()


# -- the parts -------------------------------------------------------------------------------------

def test_only_changed_files_are_read_again_and_broken_ones_keep_their_reading(tmp_path):
    models = tmp_path / "kls"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    source = ModelSource([str(models)])
    first = source.load()
    assert len(first.changed) == len(list(models.iterdir())) and not first.unreadable
    assert source.look() == set() and source.load().changed == set()
    ifo = models / "ifo.bpmn"
    text = ifo.read_text(encoding="utf-8")
    ifo.write_text(text.replace("Ta emot anmälan", "Ta emot en anmälan"), encoding="utf-8")
    assert source.look() == {str(ifo)}
    snapshot = source.load()
    assert snapshot.changed == {str(ifo)} and not snapshot.unreadable
    ifo.write_text("<bpmn:definitions", encoding="utf-8")
    snapshot = source.load()
    [broken] = snapshot.unreadable
    assert broken.kept and broken.finding.code == "KLS001"
    assert "Process_ifo" in snapshot.system.graph  # its last good reading
    names = [d["name"] for _, d in snapshot.system.graph.nodes(data=True)]
    assert "Ta emot en anmälan" in names
    ifo.unlink()
    snapshot = source.load()
    assert "Process_ifo" not in snapshot.system.graph and not snapshot.unreadable
    (models / "krav.yml").write_text("[]\n", encoding="utf-8")  # read by the system itself
    assert source.look() == {str(models / "krav.yml")}


def test_a_file_broken_from_the_start_is_missing_and_said_so(tmp_path):
    models = tmp_path / "kls"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    (models / "trasig.bpmn").write_text("<bpmn:definitions", encoding="utf-8")
    [broken] = ModelSource([str(models)]).load().unreadable
    assert broken.finding.path.endswith("trasig.bpmn") and not broken.kept


def test_findings_of_a_file_and_of_the_register_have_pages(tmp_path):
    from kls_model.check import run_check

    models = tmp_path / "kls"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    register = models / "dokument.yml"
    again = "- id: RUT-001\n  titel: Igen\n  typ: rutin\n  url: https://dokument.exempelstad.se/a\n"
    register.write_text(register.read_text(encoding="utf-8") + again, encoding="utf-8")
    result = run_check([str(models)])
    site = plan_site(result.system, SiteSettings())
    state = findings_state(site, result.findings, [])
    by_code = {f["code"]: f for f in state["findings"]}
    places = [p["url"] for p in by_code["KLS032"]["places"]]
    assert places[0] == "/dokument/" and "/processer/Process_ifo/" in places  # it uses RUT-001
    assert state["counts"]["error"] == result.errors
    for url, indexes in state["pages"].items():
        assert url.startswith("/") and all(0 <= i < len(state["findings"]) for i in indexes)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_the_page_table_knows_every_page_before_rendering_it(audience):
    """Pages rendered in groups (roles, owners, compliance, reports) name their paths
    without rendering; the names must be the pages the groups render."""
    from conftest import check
    from site_build.pages import page_table
    from site_build.pages.compliance_page import compliance_page_paths, compliance_pages
    from site_build.pages.owner_pages import owner_page_paths, owner_pages
    from site_build.pages.role_pages import role_page_paths, role_pages

    system, _ = check(ROOT / "models")
    site = plan_site(system, SiteSettings(audience=audience))
    groups = [(role_pages, role_page_paths), (owner_pages, owner_page_paths),
              (compliance_pages, compliance_page_paths)]
    if audience == "internal":
        groups.append((report_pages, report_paths))
    for render, paths in groups:
        assert sorted(paths(site)) == sorted(render(site)), render.__name__
    assert "rapporter/index.md" in page_table(site) or audience == "public"


# -- the command ---------------------------------------------------------------------------------

def test_ctrl_c_stops_the_preview_and_leaves_nothing_behind(tmp_path):
    models = committed_copy(FIXTURES / "valid" / "minimal", tmp_path / "kls")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    serve = Serve(models, env={"TMPDIR": str(scratch)})
    assert list(scratch.iterdir())  # the preview's scratch directory
    ifo = serve.read("ifo.bpmn")
    serve.save("ifo.bpmn", ifo.replace("Ta emot anmälan", "Ta emot och registrera anmälan"))
    serve.wait_idle()
    assert "Ta emot och registrera anmälan" in get(serve.url + "processer/Process_ifo/")[1].decode()
    out = serve.stop()
    assert serve.proc.returncode == 0, out
    assert "förhandsgranskning på http://127.0.0.1" in out
    assert "uppdaterad på" in out and "efter ändring i ifo.bpmn" in out
    assert "förhandsgranskningen är avslutad" in out and "Traceback" not in out
    assert list(scratch.iterdir()) == []


def test_a_commit_reaches_the_history_on_the_pages(tmp_path):
    """The pages show git history; a commit changes them although no model file changed."""
    import os

    from previewkit import GIT_ENV

    models = committed_copy(FIXTURES / "valid" / "minimal", tmp_path / "kls")
    serve = Serve(models)
    try:
        ifo = serve.read("ifo.bpmn")
        serve.save("ifo.bpmn", ifo.replace("Ta emot anmälan", "Ta emot en anmälan"))
        serve.wait_idle()
        assert "Tydligare namn" not in get(serve.url + "andringar/")[1].decode()
        serve.seen = serve.state()["generation"]
        subprocess.run(["git", "commit", "-qam", "Tydligare namn"], cwd=models, check=True,
                       env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2026-02-01T10:00:00",
                            "GIT_AUTHOR_DATE": "2026-02-01T10:00:00"})
        serve.wait_idle()
        assert "Tydligare namn" in get(serve.url + "andringar/")[1].decode()
    finally:
        out = serve.stop()
    assert "efter ändring i git-historiken" in out


def test_a_bad_address_is_a_usage_error():
    proc = subprocess.run([sys.executable, "-m", "kls", "serve", "--addr", "inte-en-adress"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2 and "ogiltig adress" in proc.stderr


def test_the_default_address_is_loopback_only():
    from kls.cli import parser

    assert parser().parse_args(["serve"]).addr == "127.0.0.1:8000"
