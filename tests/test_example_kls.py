"""The bundled example KLS in models/: it must pass `kls check`, have the three-level structure
the site is built on, and exercise every part of the KLS profile so the site and reports have
something true to show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, TODAY, check
from kls_model import bpmn as m
from kls_model import graph as g
from kls_model.profile import KEYS
from kls_model.read import read_file

MODELS = ROOT / "models"
BPMN_FILES = sorted(MODELS.glob("*.bpmn"))
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
MODELER = "{http://camunda.org/schema/modeler/1.0}"
#: The example KLS has both flavours, as a municipality moving to Camunda 8 would.
PLATFORMS = {"Camunda Platform": ("camunda", CAMUNDA), "Camunda Cloud": ("zeebe", ZEEBE)}

#: Warnings the example shows on purpose (what the reviewer reports are for).
INTENDED_WARNINGS = {
    ("KLS015", "RUT-010"), ("KLS015", "MALL-003"), ("KLS015", "CHK-001"),  # past review date
    ("KLS014", "Activity_sfa_kvalitetsberattelse_publicera"),  # activity without a routine
    ("KLS018", "Process_kris"),  # internal process, kept off the public map (KLS019)
}

IFO_ORDER = ["Aktualisera", "Utreda", "Besluta", "Utforma uppdrag", "Genomföra uppdrag",
             "Följa upp", "Avsluta"]


@pytest.fixture(scope="module")
def example():
    return check(MODELS, today=TODAY)


@pytest.fixture(scope="module")
def G(example):
    return example[0].graph


def test_kls_check_models_exits_0():
    proc = subprocess.run([sys.executable, "-m", "kls", "check", str(MODELS)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 fel" in proc.stdout


def test_only_intended_findings(example):
    _system, findings = example
    assert not [f.format() for f in findings if f.severity.value == "error"]
    unexpected = [f.format() for f in findings
                  if f.severity.value != "error" and (f.code, f.element_id) not in INTENDED_WARNINGS]
    assert unexpected == []
    assert {(f.code, f.element_id) for f in findings} == INTENDED_WARNINGS


@pytest.mark.parametrize("path", BPMN_FILES, ids=lambda p: p.name)
def test_every_file_reads_cleanly_as_camunda_modeler_output(path: Path):
    root = etree.parse(str(path)).getroot()
    assert root.get("exporter") == "Camunda Modeler"
    prefix, ns = PLATFORMS[root.get(MODELER + "executionPlatform")]
    assert root.nsmap.get(prefix) == ns and root.prefix == "bpmn"
    defs, findings = read_file(str(path))
    assert findings == []
    assert len(defs.processes) == 1 and len(defs.diagrams) == 1
    drawn = {s.element for s in defs.diagrams[0].plane.shapes}
    edges = {e.element: e for e in defs.diagrams[0].plane.edges}
    for element in defs.elements.values():
        if element.type in m.FLOW_NODE_TYPES or element.type in ("lane", "participant"):
            assert element.id in drawn, f"{element.id} has no shape"
        if element.type in ("sequenceFlow", "messageFlow"):
            assert len(edges[element.id].waypoints) >= 2, f"{element.id} has no waypoints"


def test_ids_are_unique_across_all_files():
    seen: dict[str, str] = {}
    for path in BPMN_FILES:
        for el in etree.parse(str(path)).iter():
            el_id = el.get("id") if isinstance(el.tag, str) else None
            if el_id is None:
                continue
            assert el_id not in seen, f"{el_id} in {path.name} and {seen[el_id]}"
            seen[el_id] = path.name


def test_map_calls_the_main_processes_by_category(example, G):
    system, _ = example
    assert system.map_id == "Process_processkarta"
    level1 = [g.called(G, a) for a in g.children(G, system.map_id)]
    assert all(G.nodes[p]["level"] == 1 for p in level1)
    category = {p: system.profile(p).category for p in level1}
    names = {G.nodes[p]["name"]: category[p] for p in level1}
    assert {n for n, c in names.items() if c == "huvudprocess"} == {
        "Individ- och familjeomsorg", "Äldreomsorg", "Stöd till personer med funktionsnedsättning",
        "Kommunal hälso- och sjukvård"}
    assert {"Verksamhetsplanering och uppföljning", "Systematiskt förbättringsarbete"} <= {
        n for n, c in names.items() if c == "styrprocess"}
    assert {"Dokumenthantering och arkiv", "Kompetensförsörjning"} <= {
        n for n, c in names.items() if c == "stödprocess"}


def test_social_care_follows_socialstyrelsens_structure(example, G):
    system, _ = example
    subs = g.subprocesses(G, "Process_ifo")
    assert [G.nodes[p]["name"] for p in subs] == IFO_ORDER
    for process in subs:
        assert G.nodes[process]["level"] == 2
        assert system.profile(process).owner
        assert len(g.children(G, process)) >= 4
        assert g.ancestors(G, process) == ["Process_processkarta", "Process_ifo"]
    utreda = g.children(G, "Process_ifo_utreda")
    assert G.nodes[utreda[0]]["name"] == "Planera utredningen"


def test_health_care_and_improvement_work_breakdowns(G):
    assert [G.nodes[p]["name"] for p in g.subprocesses(G, "Process_hsl")] == [
        "Ta emot vårdbegäran", "Bedöma behov av utredning", "Utreda", "Bedöma behov av åtgärder",
        "Åtgärda", "Följa upp"]
    assert [G.nodes[p]["name"] for p in g.subprocesses(G, "Process_sfa")] == [
        "Riskanalys", "Egenkontroll", "Avvikelsehantering", "Klagomål och synpunkter", "Lex Sarah",
        "Lex Maria", "Sammanställning och analys", "Kvalitetsberättelse"]


def test_shared_delprocess_and_embedded_subprocess(G):
    # one delprocess used by two huvudprocesser: "ingår i" shows both
    assert g.where_used(G, "Process_genomforandeplan") == [
        "Process_ao/Activity_ao_plan", "Process_lss/Activity_lss_plan"]
    # an embedded sub-process is a level below its process, its tasks carry `ansvarig`
    introduktion = "Process_kompetens/Activity_kompetens_introduktion"
    assert introduktion in g.subprocesses(G, "Process_kompetens")
    inner = g.children(G, introduktion)
    roles = {G.nodes[r]["name"] for a in inner
             for _, r, kind in G.out_edges(a, data="kind") if kind == g.PERFORMED_BY}
    assert {"Enhetschef", "Kvalitetsutvecklare", "Handledare"} <= roles


def test_roles_samverkan_and_documents_are_connected(G):
    avvikelse = g.children(G, "Process_sfa_avvikelse")
    assert any(G.nodes[a]["bpmn_type"] == "userTask" for a in avvikelse)
    socialsekreterare = g.role_node("Socialsekreterare")
    assert len(g.role_activities(G, socialsekreterare)) >= 15
    ivo = g.actor_node("Inspektionen för vård och omsorg (IVO)")
    assert {"Process_sfa_lex_sarah", "Process_sfa_lex_maria"} <= set(G.predecessors(ivo))
    assert len(g.where_used(G, g.doc_node("RUT-029"))) >= 4
    gateways = [n for n, d in G.nodes(data=True) if d["kind"] == "gateway"]
    assert any(G.nodes[n]["name"] == "Möjligt lex Sarah?" for n in gateways)


def test_both_camunda_flavours_are_there():
    platforms = {etree.parse(str(p)).getroot().get(MODELER + "executionPlatform")
                 for p in BPMN_FILES}
    assert platforms == set(PLATFORMS)


def test_every_profile_key_is_used(example):
    used: set[str] = set()
    for path in BPMN_FILES:
        for prop in etree.parse(str(path)).iter(f"{{{CAMUNDA}}}property", f"{{{ZEEBE}}}property"):
            used.add(prop.get("name"))
    types = {d.type for d in example[0].register.documents.values()}
    # every key, and a field for every document type the register has
    assert used == {k.name for k in KEYS if k.kind != "document" or k.name in types}


def test_size_and_visibility(example, G):
    system, _ = example
    processes = g.processes(G)
    tasks = [a for a in g.activities(G) if G.nodes[a]["bpmn_type"] in m.TASK_TYPES]
    assert len(processes) >= 25
    assert len(tasks) >= 120
    assert [p for p in processes if system.profile(p).is_internal] == ["Process_kris"]
    internal_docs = [d.id for d in system.register.documents.values() if d.is_internal]
    assert internal_docs and all(
        system.profile(user).is_internal or G.nodes[user].get("parent") == "Process_kris"
        for doc in internal_docs for user in g.where_used(G, g.doc_node(doc)))
    past = [d.id for d in system.register.documents.values() if d.review_date < TODAY]
    assert 2 <= len(past) <= 3
    for doc in system.register.documents.values():
        assert doc.url.startswith("https://") and ".exempelstad.se/" in doc.url


def test_camunda_8_call_activities_name_their_process_in_zeebe_called_element(example, G):
    system, _ = example
    activity = "Process_hsl/Activity_hsl_ta_emot"
    assert system.element(activity).called_element == "Process_hsl_ta_emot"
    assert g.called(G, activity) == "Process_hsl_ta_emot"
