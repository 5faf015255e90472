"""The document register: every routine, template and guideline the processes refer to, by id.

It is a YAML file (``dokument.yml`` beside the models) so one URL change fixes every link.
Entries are validated with pydantic; each problem becomes a Swedish finding at the line of the
offending field. Scalars are read as strings (no YAML 1.1 surprises such as ``nej`` -> False or
dates turned into objects) and typed by pydantic.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import texts
from .diagnostics import Finding, finding

__all__ = ["REGISTER_FILE", "DOCUMENT_TYPES", "Document", "Register", "read_register"]

REGISTER_FILE = "dokument.yml"

DocumentType = Literal["rutin", "mall", "riktlinje", "checklista", "blankett", "styrdokument",
                       "instruktion", "policy", "handbok", "övrigt"]
Visibility = Literal["publik", "intern"]
DOCUMENT_TYPES: tuple[str, ...] = get_args(DocumentType)


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    id: str = Field(min_length=1)
    title: str = Field(alias="titel", min_length=1)
    type: DocumentType = Field(alias="typ")
    url: str = Field(alias="url")
    owner: str | None = Field(default=None, alias="ägare")
    review_date: dt.date | None = Field(default=None, alias="revideras")
    visibility: Visibility = Field(default="publik", alias="synlighet")
    description: str | None = Field(default=None, alias="beskrivning")
    path: str = Field(default="", exclude=True)
    line: int = Field(default=0, exclude=True)

    @property
    def is_internal(self) -> bool:
        return self.visibility == "intern"


class Register(BaseModel):
    path: str | None = None
    documents: dict[str, Document] = Field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)




def read_register(path: str) -> tuple[Register, list[Finding]]:
    register = Register(path=path)
    try:
        with open(path, "rb") as fh:
            root = yaml.compose(fh, Loader=yaml.SafeLoader)
    except OSError as exc:
        return register, [finding("KLS030", path, 1, detail=exc.strerror or str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        detail = getattr(exc, "problem", None) or str(exc)
        return register, [finding("KLS030", path, line, detail=detail)]
    if root is None:
        return register, []
    if not isinstance(root, yaml.SequenceNode):
        return register, [finding("KLS030", path, root.start_mark.line + 1,
                                  detail=texts.REGISTER_NOT_A_LIST)]
    findings: list[Finding] = []
    for node in root.value:
        doc, problems = _document(node, path)
        findings.extend(problems)
        if doc is None:
            continue
        other = register.documents.get(doc.id)
        if other is not None:
            findings.append(finding("KLS032", path, doc.line, doc.id, doc=doc.id,
                                    other_line=other.line))
            continue
        register.documents[doc.id] = doc
    return register, findings


def _document(node, path: str) -> tuple[Document | None, list[Finding]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return None, [finding("KLS031", path, line, None, doc="?",
                              detail=texts.REGISTER_NOT_A_LIST)]
    raw: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        raw[key] = value_node.value if isinstance(value_node, yaml.ScalarNode) else ""
        lines[key] = key_node.start_mark.line + 1
    doc_id = raw.get("id") or "?"
    try:
        doc = Document.model_validate({k: v for k, v in raw.items() if v != ""})
    except ValidationError as exc:
        return None, [finding("KLS031", path, _error_line(err, lines, line),
                              raw.get("id"), doc=doc_id, detail=_swedish(err, raw))
                      for err in exc.errors()]
    return doc.model_copy(update={"path": path, "line": line}), []


def _error_line(err: dict, lines: dict[str, int], default: int) -> int:
    loc = err.get("loc") or ()
    return lines.get(str(loc[0]), default) if loc else default


def _swedish(err: dict, raw: dict[str, str]) -> str:
    """Translate one pydantic error into a Swedish sentence naming the field."""
    field = str((err.get("loc") or ("?",))[0])
    kind = err.get("type", "")
    value = raw.get(field, "")
    if kind == "missing":
        return texts.REGISTER_MISSING.format(field=field)
    if kind == "extra_forbidden":
        return texts.REGISTER_UNKNOWN_FIELD.format(field=field)
    if kind == "literal_error" and field == "typ":
        return texts.REGISTER_BAD_TYPE.format(value=value, choices=", ".join(DOCUMENT_TYPES))
    if kind == "literal_error":
        return texts.EXPECTED_CHOICE.format(choices=", ".join(get_args(Visibility)))
    if kind.startswith("date"):
        return texts.REGISTER_BAD_DATE.format(field=field, value=value)
    if kind == "string_too_short":
        return texts.REGISTER_MISSING.format(field=field)
    return texts.REGISTER_BAD_VALUE.format(field=field, detail=err.get("msg", kind))
