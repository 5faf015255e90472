"""Camunda Modeler element templates for the KLS profile, generated from ``profile.KEYS`` and
the document register, so they can never disagree with the reader.

Camunda Modeler finds them in ``.camunda/element-templates/`` beside the models and splits them
by ``$schema``: the Zeebe schema for Camunda 8 diagrams, the other for Camunda 7. Both files
pass ``@bpmn-io/element-templates-validator`` (a test runs it). ``kls template`` writes them;
rule KLS028 says when the committed ones no longer match the register.

What keeps values safe when a template is applied or updated is in ``stamp.py``: Camunda 7
replaces every ``camunda:property`` of an element the template is applied to, and both engines
keep only the first of a repeated key and drop keys the template does not bind.
"""

from __future__ import annotations

import json
import os

from . import bpmn as m
from . import texts
from .collate import swedish_key
from .documents import Register
from .profile import KEYS, Key

__all__ = ["TEMPLATE_VERSION", "TEMPLATE_IDS", "TEMPLATE_FILES", "TEMPLATE_SUBDIR",
           "element_templates", "template_dir", "expected_files", "write_templates",
           "stale_templates", "TEMPLATED_TYPES", "template_scope"]

TEMPLATE_VERSION = 1  # raise when a field changes meaning: Modeler then offers an update
TEMPLATE_IDS = {"process": "se.kls.process", "activity": "se.kls.activity",
                "call": "se.kls.call"}
#: The BPMN elements a KLS template applies to (a pool: the process template).
TEMPLATED_TYPES = m.ACTIVITY_TYPES | {"process", "participant"}
TEMPLATE_FILES = {"camunda7": "kls-camunda7.json", "camunda8": "kls-camunda8.json"}
TEMPLATE_SUBDIR = os.path.join(".camunda", "element-templates")
SCHEMAS = {
    "camunda7": ("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json",
                 "camunda:property"),
    "camunda8": ("https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
                 "zeebe:property"),
}
APPLIES_TO = {
    "process": ["bpmn:Process", "bpmn:Participant"],  # in a collaboration you select the pool
    "activity": ["bpmn:Task", "bpmn:SubProcess"],
    # Its own template: Camunda 8 removes a zeebe:calledElement that the applied template
    # does not bind, so the call template binds it (and keeps the value, as with any field).
    "call": ["bpmn:CallActivity"],
}
#: What profile keys each template offers (a call activity is an activity).
KEY_SCOPE = {"process": "process", "activity": "activity", "call": "activity"}
#: Camunda 7 allows only String, Hidden and Dropdown for camunda:property bindings.
_FIELD_TYPES = {"text": "String", "list": "String", "date": "String", "longtext": "Text",
                "choice": "Dropdown", "flag": "Dropdown", "document": "Dropdown"}


def template_scope(bpmn_type: str) -> str | None:
    """Which template (a key of TEMPLATE_IDS) applies to an element of ``bpmn_type``."""
    if bpmn_type in ("process", "participant"):
        return "process"
    if bpmn_type == "callActivity":
        return "call"
    return "activity" if bpmn_type in m.ACTIVITY_TYPES else None


def element_templates(engine: str, register: Register | None = None) -> list[dict]:
    schema, binding = SCHEMAS[engine]
    register = register or Register()
    templates = []
    for scope in TEMPLATE_IDS:
        name, description = texts.TEMPLATE_NAMES[scope]
        keys = [k for k in KEYS if k.scope in (KEY_SCOPE[scope], "both") and _offered(k, register)]
        extra = [_called_process()] if scope == "call" and engine == "camunda8" else []
        templates.append({
            "$schema": schema,
            "name": name,
            "id": TEMPLATE_IDS[scope],
            "description": description,
            "version": TEMPLATE_VERSION,
            "appliesTo": APPLIES_TO[scope],
            "groups": [{"id": gid, "label": label} for gid, label in texts.TEMPLATE_GROUPS.items()],
            "properties": extra + [_property(k, engine, binding, register) for k in keys],
        })
    return templates


def _offered(key: Key, register: Register) -> bool:
    """A document-type field only when the register has documents of that type."""
    return key.kind != "document" or any(d.type == key.name for d in register.documents.values())


def _property(key: Key, engine: str, binding: str, register: Register) -> dict:
    label, help_text = texts.PROFILE_LABELS[key.name]
    field_type = _FIELD_TYPES[key.kind]
    if field_type == "Text" and engine == "camunda7":
        field_type = "String"
    prop: dict = {"label": label, "description": help_text, "type": field_type,
                  "group": "dokument" if key.kind == "document" or key.name == "dokument" else "kls",
                  "binding": {"type": binding, "name": key.name}}
    if key.kind == "choice":
        prop["choices"] = [{"name": texts.TEMPLATE_CHOOSE, "value": ""}] + [
            {"name": c.capitalize(), "value": c} for c in key.choices]
    elif key.kind == "flag":
        prop["choices"] = [{"name": text, "value": value}
                           for value, text in texts.FLAG_CHOICES.items()]
    elif key.kind == "document":
        prop["choices"] = [{"name": texts.TEMPLATE_NONE, "value": ""}] + _document_choices(
            key.name, register)
    elif key.kind == "date":
        prop["constraints"] = {"pattern": {"value": r"^(\d{4}-\d{2}-\d{2})?$",
                                           "message": texts.EXPECTED_DATE}}
    if key.required or key.name == "synlighet":
        # Visibility has no default on purpose: an empty field is flagged in the Modeler and
        # by KLS034, so an internal process never turns public because a template was applied.
        prop.setdefault("constraints", {})["notEmpty"] = True
    return prop


def _called_process() -> dict:
    label, help_text = texts.TEMPLATE_CALLED_PROCESS
    return {"label": label, "description": help_text, "type": "String", "group": "kls",
            "binding": {"type": "zeebe:calledElement", "property": "processId"},
            "constraints": {"notEmpty": True}}


def _document_choices(doc_type: str, register: Register) -> list[dict]:
    docs = sorted((d for d in register.documents.values() if d.type == doc_type),
                  key=lambda d: (swedish_key(d.title), d.id))
    return [{"name": (texts.TEMPLATE_INTERNAL_DOC if d.is_internal else texts.TEMPLATE_DOC)
             .format(title=d.title, id=d.id), "value": d.id} for d in docs]


def template_json(templates: list[dict]) -> str:
    return json.dumps(templates, ensure_ascii=False, indent=2) + "\n"


def template_dir(register: Register) -> str | None:
    """Where the templates belong: beside the register (the models folder), which Camunda
    Modeler searches for every diagram in it."""
    if not register.path:
        return None
    return os.path.join(os.path.dirname(register.path), TEMPLATE_SUBDIR)


def expected_files(register: Register) -> dict[str, str]:
    """File name -> the text ``kls template`` writes for this register."""
    return {name: template_json(element_templates(engine, register))
            for engine, name in TEMPLATE_FILES.items()}


def write_templates(register: Register, out: str) -> list[str]:
    os.makedirs(out, exist_ok=True)
    written = []
    for name, text in expected_files(register).items():
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        written.append(path)
    return written


def stale_templates(register: Register) -> list[str]:
    """The template files beside the register that are missing or differ from what
    ``kls template`` would write now (the register changed since)."""
    folder = template_dir(register)
    if folder is None:
        return []
    stale = []
    for name, text in expected_files(register).items():
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as fh:
                if fh.read() == text:
                    continue
        except OSError:
            pass
        stale.append(path)
    return stale
