"""What Camunda Modeler 5 writes for a new diagram (File → New File → BPMN diagram), for
Camunda 7 ("Camunda Platform") and Camunda 8 ("Camunda Cloud").

Every new diagram gets the same ``StartEvent_1``, ``BPMNDiagram_1``, ``BPMNPlane_1`` and
``StartEvent_1_di``; only the definitions and process ids are random (Modeler fills its
template's ``{{ ID }}`` placeholders with seven base-36 characters). This module writes that
structure so tests can start from exactly what a processhandledare starts from.
"""

from __future__ import annotations

import random

PLATFORMS = {
    "camunda7": ("Camunda Platform", "7.22.0", 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '),
    "camunda8": ("Camunda Cloud", "8.6.0", 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '),
}


def modeler_id(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(7))


def new_diagram(engine: str, seed: int) -> tuple[str, str]:
    """(process id, XML) of a new diagram as Camunda Modeler 5.30 creates it."""
    rng = random.Random(seed)
    platform, version, ns = PLATFORMS[engine]
    process_id = f"Process_{modeler_id(rng)}"
    ttl = ' camunda:historyTimeToLive="180"' if engine == "camunda7" else ""
    xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" {ns}id="Definitions_{modeler_id(rng)}" targetNamespace="http://bpmn.io/schema/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" exporter="Camunda Modeler" exporterVersion="5.30.0" modeler:executionPlatform="{platform}" modeler:executionPlatformVersion="{version}">
  <bpmn:process id="{process_id}" isExecutable="true"{ttl}>
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{process_id}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="182" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
'''
    return process_id, xml
