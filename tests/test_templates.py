"""Camunda Modeler element templates: generated from the profile and the register, accepted by
the official validator, and models stamped so that applying them never loses a value."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from kls.cli import main
from kls_model.documents import read_register
from kls_model.profile import KEYS
from kls_model.stamp import stamp_bytes
from kls_model.templates import TEMPLATE_FILES, TEMPLATE_SUBDIR, element_templates, expected_files

from conftest import FIXTURES, ROOT, check, find

MODELS = ROOT / "models"
VALIDATOR = ROOT / "tests" / "node" / "validate-templates.mjs"


def _register(path=MODELS / "dokument.yml"):
    register, problems = read_register(str(path))
    assert problems == []
    return register


def _validate(*files) -> dict:
    proc = subprocess.run(["node", str(VALIDATOR), *map(str, files)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# -- the templates --------------------------------------------------------------------------


@pytest.mark.parametrize("engine", sorted(TEMPLATE_FILES))
def test_templates_bind_exactly_the_keys_the_reader_understands(engine):
    register = _register()
    types = {d.type for d in register.documents.values()}
    binding = {"camunda7": "camunda:property", "camunda8": "zeebe:property"}[engine]
    templates = element_templates(engine, register)
    assert [t["id"] for t in templates] == ["se.kls.process", "se.kls.activity", "se.kls.call"]
    for template in templates:
        scope = "process" if template["id"] == "se.kls.process" else "activity"
        props = [p for p in template["properties"] if p["binding"]["type"] == binding]
        bound = [p["binding"]["name"] for p in props]
        assert len(bound) == len(set(bound)), "one field per key: Modeler keeps one value"
        assert set(bound) == {k.name for k in KEYS if k.scope in (scope, "both")
                              and (k.kind != "document" or k.name in types)}
        others = [p["binding"] for p in template["properties"] if p not in props]
        if template["id"] == "se.kls.call" and engine == "camunda8":
            # Camunda 8 removes a zeebe:calledElement the applied template does not bind
            assert others == [{"type": "zeebe:calledElement", "property": "processId"}]
        else:
            assert others == []
        field_types = {p["type"] for p in template["properties"]}
        if engine == "camunda7":  # camunda:property allows only String, Hidden, Dropdown
            assert field_types <= {"String", "Dropdown"}


def test_visibility_has_no_default_so_applying_a_template_never_publishes():
    for engine in TEMPLATE_FILES:
        for template in element_templates(engine, _register()):
            for prop in template["properties"]:
                if prop["binding"].get("name") == "synlighet":
                    assert "value" not in prop and prop["constraints"]["notEmpty"] is True
                    assert [c["value"] for c in prop["choices"]] == ["", "publik", "intern"]


def test_documents_are_offered_by_title_per_type():
    register = _register()
    [activity] = [t for t in element_templates("camunda8", register) if t["id"] == "se.kls.activity"]
    rutin = next(p for p in activity["properties"] if p["binding"]["name"] == "rutin")
    routines = [d for d in register.documents.values() if d.type == "rutin"]
    assert len(rutin["choices"]) == len(routines) + 1  # and "(inget)"
    assert {"name": "Rutin för förhandsbedömning (RUT-001)", "value": "RUT-001"} \
        in rutin["choices"] or any(c["value"] == "RUT-001" and c["name"].endswith("(RUT-001)")
                                   for c in rutin["choices"])
    names = [c["name"] for c in rutin["choices"][1:]]
    from kls_model.collate import swedish_key
    assert names == sorted(names, key=swedish_key)


def test_committed_templates_are_current():
    """`kls template` regenerates them from the register."""
    for name, text in expected_files(_register()).items():
        assert (MODELS / TEMPLATE_SUBDIR / name).read_text(encoding="utf-8") == text, name


def test_the_official_validator_accepts_both_templates_and_rejects_a_broken_one(tmp_path):
    folder = MODELS / TEMPLATE_SUBDIR
    results = _validate(folder / TEMPLATE_FILES["camunda7"], folder / TEMPLATE_FILES["camunda8"])
    assert [(r["platform"], r["zeebe"], r["errors"]) for r in results.values()] == [
        (3, 0, []), (0, 3, [])]
    # the test can fail: the first release's Camunda 7 template had a Text field
    broken = json.loads((folder / TEMPLATE_FILES["camunda7"]).read_text(encoding="utf-8"))
    broken[0]["properties"][2]["type"] = "Text"
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    [result] = _validate(tmp_path / "broken.json").values()
    assert any('"Text"' in e["message"] for e in result["errors"])


def test_a_changed_register_makes_the_templates_stale_until_kls_template(tmp_path, capsys):
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    _, findings = check(models)
    assert not find(findings, "KLS028")
    with open(models / "dokument.yml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: RUT-999\n  titel: Ny rutin\n  typ: rutin\n"
                 "  url: https://dokument.exempelstad.se/rut-999\n")
    _, findings = check(models)
    [hit] = find(findings, "KLS028")
    assert "kls-camunda7.json" in hit.message and "kls-camunda8.json" in hit.message
    assert main(["template", str(models)]) == 0
    _, findings = check(models)
    assert not find(findings, "KLS028")
    text = (models / TEMPLATE_SUBDIR / "kls-camunda8.json").read_text(encoding="utf-8")
    assert "Ny rutin (RUT-999)" in text


# -- stamping ---------------------------------------------------------------------------------

UNSTAMPED = FIXTURES / "valid" / "unstamped-collaboration.bpmn"


def _profiles(path, register_path):
    system, findings = check(path, register_path)
    return {key: (p.model_dump() | {"documents": sorted(p.documents)})
            for key, p in system.profiles.items()}, findings


def test_stamping_keeps_every_value_and_fixes_what_the_templates_would_lose(tmp_path):
    register_path = FIXTURES / "dokument.yml"
    original = UNSTAMPED.read_bytes()
    before, findings = _profiles(UNSTAMPED, register_path)
    assert {f.code for f in findings} >= {"KLS029", "KLS035", "KLS037"}
    stamped = stamp_bytes(original, str(UNSTAMPED), _register(register_path))
    assert stamped.problem is None and stamped.data is not None
    out = tmp_path / UNSTAMPED.name
    out.write_bytes(stamped.data)
    after, findings = _profiles(out, register_path)
    assert after == before, "what kls reads is the same"
    assert not {f.code for f in findings} & {"KLS029", "KLS035", "KLS037"}
    text = stamped.data.decode("utf-8")
    assert '<!-- ritad i Camunda Modeler -->' in text  # comments survive
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    di = original.decode("utf-8").split("<bpmndi:BPMNDiagram")[1]
    assert di in text, "lines the stamp has no business with are byte for byte the same"
    assert 'camunda:modelerTemplate="se.kls.process"' in text.split("</bpmn:collaboration>")[0]
    changes = " | ".join(stamped.changes)
    for expected in ("flyttade till poolen", "poster blev en", "'Ledningsprocess' skrivs "
                     "'styrprocess'", "RUT-001 på 'Ta emot' flyttad från 'dokument' till 'rutin'"):
        assert expected in changes
    again = stamp_bytes(stamped.data, str(out), _register(register_path))
    assert again.changes == [] and again.data is None, "stamping twice changes nothing"


def test_kls_template_stamp_makes_the_example_kls_and_its_twin_identical(tmp_path, capsys):
    """The committed example KLS is stamped: stamping it again changes no byte."""
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    assert main(["template", "--stamp", str(models)]) == 0
    printed = capsys.readouterr().out
    assert "kopplad till mallen" not in printed
    for path in MODELS.glob("*.bpmn"):
        assert (models / path.name).read_bytes() == path.read_bytes(), path.name
