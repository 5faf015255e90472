"""The KLS profile: what a model can say beyond plain BPMN, as Camunda extension properties.

Keys are Swedish because processhandledare type them into Camunda Modeler's properties panel
(or pick them from the element template generated here). Camunda 7 ``camunda:properties`` and
Camunda 8 ``zeebe:properties`` are read alike. A key may be repeated, and list keys also split
on ``;``, so ``dokument = RUT-001; MALL-002`` and two ``dokument`` entries mean the same.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from pydantic import BaseModel, Field

from . import bpmn as m
from . import texts
from .diagnostics import Finding, finding


@dataclass(frozen=True)
class Key:
    name: str  # as written in the model
    field: str  # attribute of Profile
    scope: str  # "process", "activity" or "both"
    kind: str  # "text", "longtext", "list", "choice", "date", "flag"
    choices: tuple[str, ...] = ()
    required: bool = False
    default: str | None = None  # what an unset key means; the template pre-fills it


KEYS: tuple[Key, ...] = (
    Key("ägare", "owner", "process", "text", required=True),
    Key("kategori", "category", "process", "choice",
        ("huvudprocess", "styrprocess", "stödprocess")),
    Key("syfte", "purpose", "process", "longtext"),
    Key("startar", "starts", "process", "text"),
    Key("levererar", "delivers", "process", "text"),
    Key("mottagare", "receivers", "process", "list"),
    Key("samverkan", "collaboration", "process", "list"),
    Key("version", "version", "process", "text"),
    Key("fastställd", "approved", "process", "date"),
    Key("synlighet", "visibility", "process", "choice", ("publik", "intern"), default="publik"),
    Key("processkarta", "is_map", "process", "flag"),
    Key("lagrum", "legal", "both", "list"),
    Key("krav", "requirements", "both", "list"),  # requirements met here (compliance.py)
    Key("dokument", "documents", "both", "list"),
    Key("ansvarig", "responsible", "activity", "text"),
)
KEYS_BY_NAME = {k.name: k for k in KEYS}

#: Accepted spellings that mean a canonical choice ("ledningsprocess" is the other common name).
CHOICE_ALIASES = {"ledningsprocess": "styrprocess", "stodprocess": "stödprocess",
                  "offentlig": "publik", "public": "publik", "internal": "intern"}
FLAG_TRUE = {"ja", "true", "sant", "1", "yes"}
FLAG_FALSE = {"nej", "false", "falskt", "0", "no", ""}


class Profile(BaseModel):
    """The KLS properties of one process or activity, typed."""

    owner: str | None = None
    category: str | None = None
    purpose: str | None = None
    starts: str | None = None
    delivers: str | None = None
    receivers: list[str] = Field(default_factory=list)
    collaboration: list[str] = Field(default_factory=list)
    version: str | None = None
    approved: dt.date | None = None
    visibility: str = "publik"
    is_map: bool = False
    legal: list[str] = Field(default_factory=list)
    requirements: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    responsible: str | None = None

    @property
    def is_internal(self) -> bool:
        return self.visibility == "intern"


_EMPTY = Profile()  # shared by the many elements without properties; profiles are never mutated


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]


def read_profile(properties: list[m.Property], element: m.Element, path: str,
                 scope: str) -> tuple[Profile, list[Finding]]:
    """Type the raw properties of ``element``; unknown keys and bad values become findings."""
    if not properties:
        return _EMPTY, []
    values: dict = {}
    findings: list[Finding] = []
    for prop in properties:
        key = KEYS_BY_NAME.get(prop.name)
        if key is None or key.scope not in (scope, "both"):
            findings.append(_unknown_key(prop, element, path, scope))
            continue
        value, problem = _typed(key, prop.value)
        if problem:
            findings.append(finding("KLS021", path, prop.line or element.line, element.id,
                                    key=prop.name, name=element.name or element.id,
                                    value=prop.value, expected=problem))
        elif key.kind == "list":
            values.setdefault(key.field, []).extend(value)
        elif value is not None:
            values[key.field] = value
    return Profile(**values), findings


def _typed(key: Key, raw: str):
    """Return ``(value, None)`` or ``(None, expected-text)``; an empty value means unset (the
    element template writes empty properties for fields left blank)."""
    if key.kind == "list":
        return split_list(raw), None
    if not raw.strip():
        return None, None
    if key.kind == "choice":
        value = CHOICE_ALIASES.get(raw.strip().lower(), raw.strip().lower())
        if value in key.choices:
            return value, None
        return None, texts.EXPECTED_CHOICE.format(choices=", ".join(key.choices))
    if key.kind == "flag":
        value = raw.strip().lower()
        if value in FLAG_TRUE | FLAG_FALSE:
            return value in FLAG_TRUE, None
        return None, texts.EXPECTED_CHOICE.format(choices=", ".join(texts.FLAG_CHOICES))
    if key.kind == "date":
        try:
            return dt.date.fromisoformat(raw.strip()), None
        except ValueError:
            return None, texts.EXPECTED_DATE
    return (raw.strip() or None), None


def _unknown_key(prop: m.Property, element: m.Element, path: str, scope: str) -> Finding:
    names = [k.name for k in KEYS if k.scope in (scope, "both")]
    close = difflib.get_close_matches(prop.name.lower(), names, n=1, cutoff=0.6)
    hint = (texts.DID_YOU_MEAN.format(suggestion=close[0]) if close
            else texts.NOT_A_PROFILE_KEY_HINT.format(keys=", ".join(names)))
    return finding("KLS020", path, prop.line or element.line, element.id, key=prop.name,
                   name=element.name or element.id, hint=hint)


# ---------------------------------------------------------------------------------------------
# Camunda Modeler element templates, generated from KEYS so they can never disagree with the
# reader. `kls template` writes them; a test checks the committed copies are current.

TEMPLATE_SCHEMAS = {
    "camunda7": ("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json",
                 "camunda:property"),
    "camunda8": ("https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
                 "zeebe:property"),
}
TEMPLATE_APPLIES_TO = {
    "process": ["bpmn:Process", "bpmn:Participant"],
    "activity": ["bpmn:Task", "bpmn:CallActivity", "bpmn:SubProcess"],
}
_FIELD_TYPES = {"text": "String", "list": "String", "date": "String", "longtext": "Text",
                "choice": "Dropdown", "flag": "Dropdown"}


def element_templates(engine: str) -> list[dict]:
    schema, binding = TEMPLATE_SCHEMAS[engine]
    templates = []
    for scope in ("process", "activity"):
        name, description = texts.TEMPLATE_NAMES[scope]
        templates.append({
            "$schema": schema,
            "name": name,
            "id": f"se.kls.{scope}",
            "description": description,
            "version": 1,
            "appliesTo": TEMPLATE_APPLIES_TO[scope],
            "properties": [_template_property(k, binding)
                           for k in KEYS if k.scope in (scope, "both")],
        })
    return templates


def _template_property(key: Key, binding: str) -> dict:
    label, help_text = texts.PROFILE_LABELS[key.name]
    prop: dict = {"label": label, "description": help_text, "type": _FIELD_TYPES[key.kind],
                  "binding": {"type": binding, "name": key.name}}
    if key.kind == "choice":
        unset = [] if key.default else [{"name": "", "value": ""}]
        prop["choices"] = unset + [{"name": c.capitalize(), "value": c} for c in key.choices]
    elif key.kind == "flag":
        prop["choices"] = [{"name": text, "value": value}
                           for value, text in texts.FLAG_CHOICES.items()]
    elif key.kind == "date":
        prop["constraints"] = {"pattern": {"value": r"^(\d{4}-\d{2}-\d{2})?$",
                                           "message": texts.EXPECTED_DATE}}
    if key.required:
        prop.setdefault("constraints", {})["notEmpty"] = True
    if key.default:
        prop["value"] = key.default
    return prop
