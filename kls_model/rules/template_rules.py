"""Rules that keep a KLS safe to edit with the element templates in Camunda Modeler: what
`kls template --stamp` fixes, reported before the Modeler can lose a value (see stamp.py)."""

from __future__ import annotations

import os

from .. import bpmn as m
from ..diagnostics import finding
from ..profile import KEYS_BY_NAME, template_choice
from ..read import ZEEBE
from ..system import QualitySystem
from ..templates import (TEMPLATE_IDS, TEMPLATED_TYPES, stale_templates, template_dir,
                         template_scope)
from .registry import rule

__all__: list[str] = []  # importing the module registers its rules


def _with_properties(system: QualitySystem):
    """(file, element, its KLS properties) for every element that carries any."""
    for defs in system.files:
        for element in defs.elements.values():
            props = [p for p in element.properties if p.name in KEYS_BY_NAME]
            if props:
                yield defs, element, props


#: Camunda 8 execution settings that Camunda Modeler removes from an element when a template
#: that does not bind them is applied or updated (bpmn-js-element-templates' Zeebe
#: ChangeElementTemplateHandler): the KLS templates bind none of them.
_ZEEBE_REMOVED_BY_TEMPLATE = {ZEEBE + t: t for t in (
    "taskDefinition", "ioMapping", "taskHeaders", "calledDecision", "formDefinition", "script",
    "assignmentDefinition", "priorityDefinition", "jobPriorityDefinition", "taskSchedule",
    "adHoc", "linkedResources")}


@rule("KLS028")
def templates_out_of_date(system: QualitySystem):
    folder = template_dir(system.register)
    if folder is None or not os.path.isdir(folder):
        return  # this KLS does not use the templates
    stale = stale_templates(system.register)
    if stale:
        yield finding("KLS028", stale[0], 1, dir=folder,
                      files=", ".join(os.path.basename(p) for p in stale))


@rule("KLS029")
def not_linked_to_template(system: QualitySystem):
    by_file: dict[str, list[m.Element]] = {}
    for defs, element, _props in _with_properties(system):
        # An element no template applies to (an event with KLS properties) is held to the
        # activity template, as before: its properties are still unprotected.
        if element.template != TEMPLATE_IDS[template_scope(element.type) or "activity"]:
            by_file.setdefault(defs.path, []).append(element)
    for path, elements in by_file.items():
        first = elements[0]
        yield finding("KLS029", path, first.line, first.id, count=len(elements),
                      name=first.name or first.id)


@rule("KLS034")
def visibility_not_chosen(system: QualitySystem):
    for defs in system.files:
        for pid in defs.processes:
            holders = [defs.elements[pid]] + [p for p in defs.elements.values()
                                              if isinstance(p, m.Participant)
                                              and p.process_ref == pid]
            values = [(h, p) for h in holders for p in h.properties if p.name == "synlighet"]
            if values and not any(p.value.strip() for _h, p in values):
                holder, prop = values[0]
                yield finding("KLS034", defs.path, prop.line or holder.line, holder.id,
                              name=holder.name or defs.elements[pid].name or pid)


@rule("KLS035")
def repeated_key(system: QualitySystem):
    for defs, element, props in _with_properties(system):
        seen: set[str] = set()
        for prop in props:
            if prop.name in seen:
                yield finding("KLS035", defs.path, prop.line or element.line, element.id,
                              key=prop.name, name=element.name or element.id)
            seen.add(prop.name)


@rule("KLS036")
def document_of_other_type(system: QualitySystem):
    for defs, element, props in _with_properties(system):
        for prop in props:
            key = KEYS_BY_NAME[prop.name]
            if key.kind != "document":
                continue
            for doc_id in (v.strip() for v in prop.value.split(";")):
                doc = system.register.get(doc_id)
                if doc is not None and doc.type != key.name:
                    yield finding("KLS036", defs.path, prop.line or element.line, element.id,
                                  doc=doc_id, type=doc.type, key=key.name,
                                  name=element.name or element.id)


@rule("KLS037")
def value_not_a_template_choice(system: QualitySystem):
    for defs, element, props in _with_properties(system):
        for prop in props:
            key, raw = KEYS_BY_NAME[prop.name], prop.value.strip()
            canonical = template_choice(key, raw)
            if canonical is not None and canonical != raw:
                yield finding("KLS037", defs.path, prop.line or element.line, element.id,
                              key=prop.name, value=raw, choice=canonical,
                              name=element.name or element.id)


@rule("KLS038")
def camunda8_settings_a_template_removes(system: QualitySystem):
    for defs in system.files:
        for element in defs.elements.values():
            lost = [_ZEEBE_REMOVED_BY_TEMPLATE[t] for t in element.extension_tags
                    if t in _ZEEBE_REMOVED_BY_TEMPLATE]
            if lost and element.type in TEMPLATED_TYPES:
                yield finding("KLS038", defs.path, element.line, element.id,
                              name=element.name or element.id,
                              settings=", ".join(f"zeebe:{t}" for t in dict.fromkeys(lost)))
