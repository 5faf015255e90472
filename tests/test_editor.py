"""Camunda Modeler's own editor library (camunda-bpmn-js 5.35, what Camunda Modeler 5 embeds)
in Debian's chromium: new diagrams drawn, the KLS templates applied and filled in through the
properties panel, saved, then read by kls. And every example model opened and saved with no
edit, or with templates applied to every kind of element that carries properties: what kls
reads must not change, except for what was typed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from kls_model import graph as g
from kls_model.stamp import stamp_bytes
from kls_model.templates import TEMPLATE_IDS, template_scope
from kls_model.documents import read_register

from browserkit import launch, serve
from conftest import FIXTURES, ROOT, check
from modeler import new_diagram

MODELS = ROOT / "models"
TEMPLATES = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted((MODELS / ".camunda" / "element-templates").glob("*.json"))]
ENGINES = {"camunda7": "platform", "camunda8": "cloud"}
HARNESS = "tests/editor/modeler.html"


@pytest.fixture(scope="module")
def editors():
    """One page per engine with the Modeler's bundle loaded (opening a model reuses it)."""
    from playwright.sync_api import sync_playwright

    base = serve(str(ROOT))
    with sync_playwright() as p:
        browser = launch(p)
        pages = {}
        for engine, bundle in ENGINES.items():
            page = browser.new_page(viewport={"width": 1320, "height": 760})
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(f"{base}{HARNESS}?engine={bundle}")
            page.wait_for_function("typeof BpmnModeler === 'function'")
            page.errors = errors
            pages[engine] = page
        yield pages
        browser.close()


def _open(page, xml: str) -> dict:
    return page.evaluate("([xml, t]) => klsEditor.open(xml, t)", [xml, TEMPLATES])


def _save(page) -> str:
    return page.evaluate("klsEditor.save()")


def _js(page, call: str, *args):
    return page.evaluate(f"(a) => klsEditor.{call}(...a)", list(args))


def _group(page, title: str):
    group = page.locator("#panel .bio-properties-panel-group").filter(
        has=page.locator(".bio-properties-panel-group-header-title", has_text=re.compile(
            f"^{re.escape(title)}$")))
    header = group.locator(".bio-properties-panel-group-header")
    if "open" not in (header.get_attribute("class") or ""):
        header.click()
    return group


def _fill(page, group: str, label: str, value: str) -> None:
    """Type or pick a value in a field of the properties panel, as a user does."""
    entry = _group(page, group).locator(".bio-properties-panel-entry").filter(
        has=page.locator("label", has_text=re.compile(f"^{re.escape(label)}$")))
    field = entry.locator("input, select, textarea").first
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(label=value)
    else:
        field.fill(value)
        field.press("Tab")  # the panel commits on change, debounced
    page.wait_for_timeout(350)


def _reads(*paths, register=MODELS / "dokument.yml") -> dict:
    """Everything kls reads that a user could have written: per node, its name, kind, parent,
    profile and calls; per process, its flows; per file, how many shapes and edges."""
    system, findings = check(*paths, register)
    G = system.graph
    nodes = {}
    for n, d in G.nodes(data=True):
        if d["kind"] in ("process", "activity", "event", "gateway"):
            profile = d["profile"].model_dump()
            profile["documents"] = sorted(profile["documents"])
            nodes[n] = (d["name"], d["bpmn_type"], d.get("parent"), profile,
                        g.called(G, n), sorted(g.out_nodes(G, n, g.FLOWS_TO)),
                        sorted(system.graph.nodes[r]["name"]
                               for r in g.out_nodes(G, n, g.PERFORMED_BY)))
    drawn = {defs.path.rsplit("/", 1)[-1]: (sum(len(dg.plane.shapes) for dg in defs.diagrams),
                                            sum(len(dg.plane.edges) for dg in defs.diagrams))
             for defs in system.files}
    return {"nodes": nodes, "drawn": drawn,
            "errors": [f.format() for f in findings if f.severity.value == "error"]}


# -- the templates load ------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_the_modeler_loads_both_kls_templates_without_error(editors, engine):
    _, xml = new_diagram(engine, 1)
    opened = _open(editors[engine], xml)
    assert opened["templateErrors"] == [] and opened["warnings"] == []
    assert sorted(opened["templates"]) == ["se.kls.activity", "se.kls.call", "se.kls.process"]
    assert editors[engine].errors == []


# -- new diagrams: draw, apply, fill, save, check, build -------------------------------------


def _new_process_file(page, engine: str, seed: int, pool: bool, values: dict) -> tuple[str, str]:
    pid, xml = new_diagram(engine, seed)
    _open(page, xml)
    task = _js(page, "append", "StartEvent_1", "bpmn:UserTask", values["task"])
    _js(page, "append", task, "bpmn:EndEvent", "Klart")
    holder = _js(page, "addPool", values["name"]) if pool else None
    holder = _js(page, "applyTemplate", holder, "se.kls.process")
    _js(page, "select", holder if pool else None)
    _fill(page, "KLS", "Processägare", values["owner"])
    _fill(page, "KLS", "Kategori", "Stödprocess")
    _fill(page, "KLS", "Synlighet", values["visibility"])
    _fill(page, "KLS", "Lagrum", "SoL 11 kap. 1 §; FL 23 §")
    _js(page, "applyTemplate", task, "se.kls.activity")
    _js(page, "select", task)
    _fill(page, "Dokument ur dokumentregistret", "Rutin", values["routine"])
    _fill(page, "KLS", "Ansvarig roll", "Socialsekreterare")
    return pid, _save(page)


def test_new_diagrams_drawn_and_filled_in_the_modeler_check_clean_and_publish(editors, tmp_path):
    register, _ = read_register(str(MODELS / "dokument.yml"))
    routine = register.get("RUT-004")
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(MODELS / "dokument.yml", folder)
    shutil.copytree(MODELS / ".camunda", folder / ".camunda")
    made = {}
    for seed, (engine, pool, visibility) in enumerate([
            ("camunda7", False, "Intern"), ("camunda8", False, "Publik"),
            ("camunda7", True, "Publik"), ("camunda8", True, "Intern")]):
        values = {"name": f"Process {seed}", "task": f"Uppgift {seed}",
                  "owner": f"Enhetschef {seed}", "visibility": visibility,
                  "routine": f"{routine.title} ({routine.id})"}
        pid, xml = _new_process_file(editors[engine], engine, seed, pool, values)
        (folder / f"ny-{seed}.bpmn").write_text(xml, encoding="utf-8")
        made[pid] = (values, xml)
        assert editors[engine].errors == []
    system, findings = check(folder)
    assert [f.format() for f in findings if f.severity.value == "error"] == []
    assert not {f.code for f in findings} & {"KLS029", "KLS034", "KLS035", "KLS037", "KLS016",
                                             "KLS024", "KLS025", "KLS026", "KLS040", "KLS041"}
    G = system.graph
    for pid, (values, xml) in made.items():
        profile = system.profile(pid)
        assert profile.owner == values["owner"] and profile.category == "stödprocess"
        assert profile.visibility == values["visibility"].lower()
        assert profile.legal == ["SoL 11 kap. 1 §", "FL 23 §"]
        [task] = g.children(G, pid)
        assert G.nodes[task]["name"] == values["task"]
        assert system.profile(task).documents == ["RUT-004"]
        assert [G.nodes[r]["name"] for r in g.out_nodes(G, task, g.PERFORMED_BY)] == [
            "Socialsekreterare"]
        assert "StartEvent_1" in xml and 'id="BPMNDiagram_1"' in xml
    # ... and the site shows what was typed
    out = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "kls", "build", "--out", str(out), str(folder)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for pid, (values, _xml) in made.items():
        html = (out / "processer" / pid / "index.html").read_text(encoding="utf-8")
        assert values["owner"] in html and routine.title in html and values["task"] in html


# -- the example KLS: open and save, apply templates -----------------------------------------


def _engine_of(xml: str) -> str:
    return "camunda8" if 'executionPlatform="Camunda Cloud"' in xml else "camunda7"


def test_every_example_model_opened_and_saved_reads_the_same(editors, tmp_path):
    saved = tmp_path / "models"
    saved.mkdir()
    for path in sorted(MODELS.glob("*.bpmn")):
        xml = path.read_text(encoding="utf-8")
        page = editors[_engine_of(xml)]
        opened = _open(page, xml)
        unknown = [w for w in opened["warnings"] if "modelerTemplate" not in w]
        assert unknown == [], path.name  # only the pool's template link, see the guide
        (saved / path.name).write_text(_save(page), encoding="utf-8")
    before, after = _reads(MODELS), _reads(saved)
    assert after == before
    assert len(before["nodes"]) > 300 and before["errors"] == []


def _kinds_with_properties():
    """(file, element id, template) for one element of each kind that carries KLS
    properties in each Camunda flavour of the example KLS."""
    system, _ = check(MODELS)
    seen, picked = set(), []
    for defs in system.files:
        engine = _engine_of((MODELS / defs.path.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))
        for element in defs.elements.values():
            if not element.properties or (engine, element.type) in seen:
                continue
            seen.add((engine, element.type))
            picked.append((defs.path.rsplit("/", 1)[-1], element.id,
                           TEMPLATE_IDS[template_scope(element.type)]))
    return picked


KINDS = _kinds_with_properties()


def test_the_example_kls_has_properties_on_every_kind_in_both_flavours():
    kinds = {(name, element) for name, element, _ in KINDS}
    assert len(KINDS) >= 8, kinds


@pytest.mark.parametrize("name,element_id,template", KINDS, ids=[f"{k[0]}:{k[1]}" for k in KINDS])
def test_applying_a_template_to_an_example_element_keeps_every_value(editors, tmp_path, name,
                                                                     element_id, template):
    xml = (MODELS / name).read_text(encoding="utf-8")
    page = editors[_engine_of(xml)]
    _open(page, xml)
    _js(page, "applyTemplate", element_id, template)
    _js(page, "select", element_id)
    _fill(page, "KLS", "Lagrum", "Ny lag 1 §")  # one field typed, the rest untouched
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    (folder / name).write_text(_save(page), encoding="utf-8")
    before, after = _reads(MODELS), _reads(folder)
    changed = [n for n in before["nodes"] if before["nodes"][n] != after["nodes"][n]]
    assert len(changed) == 1, changed
    [node] = changed
    old, new = before["nodes"][node], after["nodes"][node]
    assert new[3]["legal"] == ["Ny lag 1 §"]
    assert {**new[3], "legal": old[3]["legal"]} == old[3], "nothing else changed"
    assert new[:3] == old[:3] and new[4:] == old[4:]
    assert after["drawn"] == before["drawn"] and after["errors"] == []


def test_an_internal_process_stays_internal_when_its_template_is_applied(editors, tmp_path):
    xml = (MODELS / "krisberedskap.bpmn").read_text(encoding="utf-8")
    page = editors[_engine_of(xml)]
    _open(page, xml)
    _js(page, "applyTemplate", "Participant_kris", "se.kls.process")
    (tmp_path / "krisberedskap.bpmn").write_text(_save(page), encoding="utf-8")
    system, _ = check(tmp_path / "krisberedskap.bpmn", MODELS / "dokument.yml")
    assert system.profile("Process_kris").visibility == "intern"


# -- why the stamp matters: the same application on an unstamped model loses values -------------


def test_stamping_is_what_keeps_values_when_camunda_7_applies_a_template(editors, tmp_path):
    register_path = FIXTURES / "dokument.yml"
    register, _ = read_register(str(register_path))
    original = (FIXTURES / "valid" / "unstamped-collaboration.bpmn").read_bytes()
    stamped = stamp_bytes(original, "x.bpmn", register).data
    results = {}
    for label, data in (("unstamped", original), ("stamped", stamped)):
        page = editors["camunda7"]
        _open(page, data.decode("utf-8"))
        _js(page, "applyTemplate", "Participant_1", "se.kls.process")
        _js(page, "applyTemplate", "Activity_1", "se.kls.activity")
        path = tmp_path / f"{label}.bpmn"
        path.write_text(_save(page), encoding="utf-8")
        results[label] = _reads(path, register=register_path)["nodes"]
    reference = _reads(FIXTURES / "valid" / "unstamped-collaboration.bpmn",
                       register=register_path)["nodes"]
    assert results["stamped"] == reference
    lost = results["unstamped"]["Process_mottagning/Activity_1"][3]["documents"]
    assert lost != reference["Process_mottagning/Activity_1"][3]["documents"], \
        "Camunda 7 empties an unlinked element: that is why kls stamps (KLS029)"


def test_camunda_8_removes_execution_settings_a_template_does_not_bind_as_kls038_says(editors,
                                                                                       tmp_path):
    path = FIXTURES / "warning" / "camunda8-settings-a-template-removes.bpmn"
    page = editors["camunda8"]
    _open(page, path.read_text(encoding="utf-8"))
    _js(page, "applyTemplate", "Activity_1", "se.kls.activity")
    saved = _save(page)
    assert "assignmentDefinition" not in saved and 'value="RUT-001"' in saved
