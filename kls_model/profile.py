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
from .documents import DOCUMENT_TYPES

__all__ = ["Key", "KEYS", "KEYS_BY_NAME", "LIST_KINDS", "CHOICE_ALIASES", "FLAG_TRUE",
           "FLAG_FALSE", "Profile", "split_list", "read_profile", "typed_value",
           "template_choice"]


@dataclass(frozen=True)
class Key:
    name: str  # as written in the model
    field: str  # attribute of Profile
    scope: str  # "process", "activity" or "both"
    kind: str  # "text", "longtext", "list", "choice", "date", "flag", "document"
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
    # One key per document type ("rutin = RUT-012"): the element templates offer each as a
    # dropdown of that type's documents by title, so nobody copies ids from dokument.yml.
    *(Key(doc_type, "documents", "both", "document") for doc_type in DOCUMENT_TYPES),
)
LIST_KINDS = ("list", "document")
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
        elif key.kind in LIST_KINDS:
            values.setdefault(key.field, {}).update(dict.fromkeys(value))  # ordered, once
        elif value is not None:
            values[key.field] = value
    lists = {k.field for k in KEYS if k.kind in LIST_KINDS}
    return Profile(**{f: list(v) if f in lists else v for f, v in values.items()}), findings


def typed_value(key: Key, raw: str):
    """The typed value of ``raw`` for ``key`` (None when empty or invalid)."""
    return _typed(key, raw)[0]


def _typed(key: Key, raw: str):
    """Return ``(value, None)`` or ``(None, expected-text)``; an empty value means unset (the
    element template writes empty properties for fields left blank)."""
    if key.kind in LIST_KINDS:
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


def template_choice(key: Key, raw: str) -> str | None:
    """How an element template's dropdown writes ``raw`` for ``key`` (``Ledningsprocess`` is
    ``styrprocess``, ``Ja`` is ``ja``); None when ``key`` is no dropdown or ``raw`` is not
    a valid value at all (KLS021 reports that)."""
    raw = raw.strip()
    if not raw:
        return None
    if key.kind == "choice":
        value = CHOICE_ALIASES.get(raw.lower(), raw.lower())
        return value if value in key.choices else None
    if key.kind == "flag" and raw.lower() in FLAG_TRUE | FLAG_FALSE:
        return "ja" if raw.lower() in FLAG_TRUE else "nej"
    return None
