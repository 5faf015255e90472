"""Compliance with SOSFS 2011:9 derived from the model (kls_model.compliance), the legal
reference parser behind it (kls_model.lagrum), and requirement files a municipality adds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kls_model import compliance as c
from kls_model.lagrum import parse

from conftest import FIXTURES, ROOT, check, find

MODELS = ROOT / "models"


def statuses(system) -> dict[str, str]:
    return {a.requirement.id: a.status for f in c.assess(system) for a in f.assessments}


def assessment(system, requirement_id: str) -> c.Assessment:
    return next(a for f in c.assess(system) for a in f.assessments
                if a.requirement.id == requirement_id)


def bpmn_ids(system, nodes) -> list[str]:
    """What the modeller sees: the BPMN ids behind graph keys (``process/id`` inside one)."""
    return [system.graph.nodes[n].get("bpmn_id", n) for n in nodes]


def edited_models(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the example KLS with ``old -> new`` text edits per file (each must hit)."""
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    for name, pairs in edits.items():
        path = models / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return models


# -- legal references --------------------------------------------------------------------------


@pytest.mark.parametrize("text,statute,chapter,paragraphs", [
    ("SOSFS 2011:9 5 kap. 1 §", "SOSFS 2011:9", 5, {"1"}),
    ("SOSFS 2011:9, 5 kap 3-5§§", "SOSFS 2011:9", 5, {"3", "4", "5"}),
    ("SOSFS 2011:9 6 kap. 1 och 3 §§", "SOSFS 2011:9", 6, {"1", "3"}),
    ("5 kap. 1 § SOSFS 2011:9", "SOSFS 2011:9", 5, {"1"}),
    ("SoL 6 kap. 7 b §", "SoL", 6, {"7 b"}),
    ("LSS 24 a–f §§", "LSS", None, {"24 a", "24 b", "24 c", "24 d", "24 e", "24 f"}),
    ("Arkivlagen (1990:782) 3 §", "Arkivlagen (1990:782)", None, {"3"}),
    ("TF 2 kap.", "TF", 2, set()),
    ("LVU", "LVU", None, set()),
    ("Lag (2017:612) om samverkan vid utskrivning", "Lag (2017:612) om samverkan vid utskrivning",
     None, set()),
])
def test_references_are_parsed_however_they_are_spelled(text, statute, chapter, paragraphs):
    ref = parse(text)
    assert (ref.statute, ref.chapter, set(ref.paragraphs)) == (statute, chapter, paragraphs)
    assert ref.text == " ".join(text.split())
    assert parse(ref.canonical).key == ref.key


def test_a_reference_names_a_requirement_in_its_range_but_not_its_whole_chapter():
    requirement = parse("SOSFS 2011:9 5 kap. 4 §")
    assert parse("sosfs 2011:9 5 kap 3-5 §§").names(requirement)
    assert parse("SOSFS  2011:9 5 kap. 4§").key == requirement.key
    assert not parse("SOSFS 2011:9 5 kap.").names(requirement)
    assert not parse("SOSFS 2011:9 4 kap. 4 §").names(requirement)
    assert not parse("HSLF-FS 2017:40 5 kap. 4 §").names(requirement)
    assert parse("Lag (2017:612) 4 §").statute_key == \
        parse("Lag (2017:612) om samverkan vid utskrivning 4 §").statute_key
    assert parse("Lag (2017:612) 4 §").statute_key != parse("Lag (2006:544) 4 §").statute_key
    assert parse("SOL 3 kap.").statute_key == parse("SoL 3 kap.").statute_key


# -- the example KLS ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    system, findings = check(MODELS)
    return system, findings


def test_every_requirement_of_sosfs_2011_9_is_assessed(example):
    system, _ = example
    [framework] = c.frameworks(system)[0]
    paragraphs = [re.sub(r"^SOSFS 2011:9 ", "", r.id) for r in framework.requirements]
    assert paragraphs == [f"4 kap. {n} §" for n in range(1, 6)] + \
        [f"5 kap. {n} §" for n in range(1, 8)] + ["6 kap. 1 §", "6 kap. 3 §", "7 kap. 1 §"]


def test_the_example_meets_every_requirement_but_one_partly(example):
    """The example leaves one routine unwritten on purpose ("Publicera på webbplatsen" in
    Kvalitetsberättelse), so 4 kap. 4 § shows a gap and everything else is met."""
    system, findings = example
    found = statuses(system)
    assert found.pop("SOSFS 2011:9 4 kap. 4 §") == c.PARTIAL
    assert set(found.values()) == {c.MET}
    routines = assessment(system, "SOSFS 2011:9 4 kap. 4 §")
    [gap] = [p for p in routines.points if p.gap]
    assert gap.key == "tasks_without_routine"
    assert bpmn_ids(system, gap.nodes) == ["Activity_sfa_kvalitetsberattelse_publicera"]
    assert not find(findings, "KLS080") + find(findings, "KLS081") + find(findings, "KLS082")


def test_improvement_processes_are_found_by_krav_and_by_lagrum(example):
    system, _ = example
    risk = assessment(system, "SOSFS 2011:9 5 kap. 1 §")
    assert [(p.key, p.nodes) for p in risk.points] == [("claims", ("Process_sfa_riskanalys",))]
    reports = assessment(system, "SOSFS 2011:9 5 kap. 4 §")
    points = {p.key: p.nodes for p in reports.points}
    assert set(points["claims"]) == {"Process_sfa_lex_sarah", "Process_sfa_lex_maria"}
    assert points["cites"] == ("Process_sfa_avvikelse",)  # lagrum: 5 kap. 4 §
    staff = assessment(system, "SOSFS 2011:9 6 kap. 3 §")  # activities may claim too
    assert set(bpmn_ids(system, staff.evidence)) == {"Activity_kompetens_introduktion",
                                                     "Activity_forvalta_kls_publicera"}


def test_removing_krav_and_lagrum_makes_the_requirement_missing(tmp_path):
    models = edited_models(tmp_path, {"sfa-riskanalys.bpmn": [
        ('<camunda:property name="krav" value="SOSFS 2011:9 5 kap. 1 §" />', ""),
        ('value="SOSFS 2011:9 5 kap. 1 §; SOSFS 2011:9 5 kap. 2 §"',
         'value="SOSFS 2011:9 5 kap. 2 §"')]})
    system, findings = check(models)
    risk = assessment(system, "SOSFS 2011:9 5 kap. 1 §")
    assert risk.status == c.MISSING and [p.key for p in risk.points] == ["none_found"]
    [warning] = find(findings, "KLS082")
    assert warning.element_id == "SOSFS 2011:9 5 kap. 1 §"
    # shipped with kls, so not a file the user has: the finding stands at the process map
    assert warning.path.endswith("processkarta.bpmn") and warning.line > 1


def test_removing_a_routine_or_an_owner_makes_requirements_partly_met(tmp_path):
    models = edited_models(tmp_path, {"sfa-riskanalys.bpmn": [
        ('<camunda:property name="ägare" value="Kvalitetschef" />', ""),
        ('<camunda:properties>\n          <camunda:property name="rutin" value="RUT-027" />\n'
         '          <camunda:property name="mall" value="MALL-005" />\n        </camunda:properties>\n'
         '      </bpmn:extensionElements>\n'
         '      <bpmn:incoming>Flow_sfa_riskanalys_start_identifiera</bpmn:incoming>',
         '<camunda:properties>\n          <camunda:property name="mall" value="MALL-005" />\n'
         '        </camunda:properties>\n      </bpmn:extensionElements>\n'
         '      <bpmn:incoming>Flow_sfa_riskanalys_start_identifiera</bpmn:incoming>')]})
    system, _ = check(models)
    found = statuses(system)
    assert found["SOSFS 2011:9 5 kap. 1 §"] == c.PARTIAL
    risk = assessment(system, "SOSFS 2011:9 5 kap. 1 §")
    assert {p.key: p.nodes for p in risk.points if p.gap} == {
        "evidence_missing_owner": ("Process_sfa_riskanalys",)}
    assert found["SOSFS 2011:9 4 kap. 2 §"] == c.PARTIAL  # a process without owner
    routines = assessment(system, "SOSFS 2011:9 4 kap. 4 §")
    without = next(p for p in routines.points if p.key == "tasks_without_routine")
    assert len(without.nodes) == 2
    assert "Activity_sfa_kvalitetsberattelse_publicera" in bpmn_ids(system, without.nodes)


def test_a_kls_without_map_or_samverkan_misses_those_requirements(tmp_path):
    """The structural requirements are derived from the whole model, not claimed."""
    system, findings = check(FIXTURES / "warning" / "no-process-map.bpmn",
                             FIXTURES / "dokument.yml")
    found = statuses(system)
    assert found["SOSFS 2011:9 4 kap. 1 §"] == c.MISSING
    assert found["SOSFS 2011:9 4 kap. 5 §"] == c.MISSING
    assert not find(findings, "KLS082"), "opt-in: this KLS names no krav"


# -- requirement files --------------------------------------------------------------------------


def test_a_local_krav_yml_adds_a_regulation_and_replaces_a_requirement(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    (models / "krav.yml").write_text("""
- författning: SOSFS 2011:9
  krav:
    - paragraf: 5 kap 1§
      rubrik: Riskanalys enligt kommunens riktlinje
      krav: Kommunens egen formulering.
- författning: HSLF-FS 2016:40
  titel: Journalföring
  krav:
    - paragraf: 3 kap. 1 §
      rubrik: Rutiner för journalföring
      krav: Det ska finnas rutiner för journalföring.
""", encoding="utf-8")
    ifo = models / "ifo.bpmn"
    ifo.write_text(ifo.read_text(encoding="utf-8").replace(
        '<camunda:property name="ägare" value="Avdelningschef IFO" />',
        '<camunda:property name="ägare" value="Avdelningschef IFO" />'
        '<camunda:property name="krav" value="HSLF-FS 2016:40 3 kap. 1 §" />'), encoding="utf-8")
    system, findings = check(models)
    frameworks, problems = c.frameworks(system)
    assert problems == [] and [f.statute for f in frameworks] == ["SOSFS 2011:9", "HSLF-FS 2016:40"]
    sosfs = frameworks[0]
    assert len(sosfs.requirements) == 15
    risk = next(r for r in sosfs.requirements if r.id == "SOSFS 2011:9 5 kap. 1 §")
    assert risk.title == "Riskanalys enligt kommunens riktlinje"
    assert risk.path == str(models / "krav.yml")
    journal = assessment(system, "HSLF-FS 2016:40 3 kap. 1 §")
    assert journal.evidence == ("Process_ifo",)
    assert journal.status == c.PARTIAL  # the fixture's process has no fastställd date
    assert [(p.key, p.nodes) for p in journal.points if p.gap] == [
        ("evidence_missing_approved", ("Process_ifo",))]
    assert not find(findings, "KLS081")


@pytest.mark.parametrize("content,line,detail", [
    ("krav:\n  - paragraf: [1\n", 3, "kravfilen kan inte användas"),  # where YAML noticed
    ("- bara en sträng\n", 1, "skrivas som fält"),
    ("titel: Ingen författning\nkrav: []\n", 1, "'författning' saknas"),
    ("författning: X 1:1\nkrav:\n  - paragraf: 1 §\n    rubrik: R\n    krav: K\n    färg: röd\n",
     6, "okänt fält 'färg'"),
])
def test_a_broken_requirement_file_is_a_finding_at_its_line(tmp_path, content, line, detail):
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    (models / "krav.yml").write_bytes(content.encode("utf-8"))
    system, findings = check(models)
    [hit] = find(findings, "KLS080")
    assert (hit.path, hit.line) == (str(models / "krav.yml"), line)
    assert detail in hit.message
    assert len(statuses(system)) == 15  # the shipped requirements still count
