"""The KLS profile: Camunda 7 and 8 properties alike, and element templates that match."""

from __future__ import annotations

import json

from kls.cli import TEMPLATE_DIR, TEMPLATE_FILES, template_json
from kls_model.profile import KEYS, element_templates

from conftest import FIXTURES, ROOT, check


def test_zeebe_and_camunda_properties_read_alike():
    system, findings = check(FIXTURES / "valid" / "zeebe-properties.bpmn", FIXTURES / "dokument.yml")
    profile = system.profile("Process_zeebe")
    assert profile.owner == "Enhetschef"
    assert profile.legal == ["SoL 11 kap. 1 §", "OSL 26 kap."]
    assert profile.is_internal
    assert system.profile("Process_zeebe/Task_z").documents == ["RUT-001"]
    assert not [f for f in findings if f.code in ("KLS010", "KLS011", "KLS014", "KLS020")]


def test_pool_properties_apply_to_its_process(tmp_path):
    text = (FIXTURES / "valid" / "minimal" / "ifo.bpmn").read_text(encoding="utf-8")
    text = text.replace('<camunda:property name="ägare" value="Avdelningschef IFO" />', "")
    text = text.replace(
        '<bpmn:participant id="Participant_ifo" name="Individ- och familjeomsorg" processRef="Process_ifo" />',
        '<bpmn:participant id="Participant_ifo" name="Individ- och familjeomsorg" processRef="Process_ifo">'
        '<bpmn:extensionElements><camunda:properties><camunda:property name="ägare" value="Poolens ägare" />'
        '</camunda:properties></bpmn:extensionElements></bpmn:participant>')
    (tmp_path / "ifo.bpmn").write_text(text, encoding="utf-8")
    system, _ = check(tmp_path / "ifo.bpmn")
    assert system.profile("Process_ifo").owner == "Poolens ägare"


def test_element_templates_describe_exactly_the_keys_the_reader_understands():
    for engine in TEMPLATE_FILES:
        templates = element_templates(engine)
        bound = {p["binding"]["name"] for t in templates for p in t["properties"]}
        assert bound == {k.name for k in KEYS}
        binding = {"camunda7": "camunda:property", "camunda8": "zeebe:property"}[engine]
        assert {p["binding"]["type"] for t in templates for p in t["properties"]} == {binding}
        for template in templates:
            assert template["$schema"].startswith("https://unpkg.com/@camunda/")
            assert template["id"] and template["name"] and template["appliesTo"]


def test_committed_element_templates_are_current():
    """Regenerate with `kls template` when the profile changes."""
    for engine, name in TEMPLATE_FILES.items():
        committed = (ROOT / TEMPLATE_DIR / name).read_text(encoding="utf-8")
        assert committed == template_json(element_templates(engine)), name
        json.loads(committed)
