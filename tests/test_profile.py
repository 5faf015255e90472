"""The KLS profile: Camunda 7 and 8 properties read alike (pools: test_ids.py; element
templates and stamping: test_templates.py)."""

from __future__ import annotations

from conftest import FIXTURES, check


def test_zeebe_and_camunda_properties_read_alike():
    system, findings = check(FIXTURES / "valid" / "zeebe-properties.bpmn", FIXTURES / "dokument.yml")
    profile = system.profile("Process_zeebe")
    assert profile.owner == "Enhetschef"
    assert profile.legal == ["SoL 11 kap. 1 §", "OSL 26 kap."]
    assert profile.is_internal
    assert system.profile("Process_zeebe/Task_z").documents == ["RUT-001"]
    assert not [f for f in findings if f.code in ("KLS010", "KLS011", "KLS014", "KLS020")]
