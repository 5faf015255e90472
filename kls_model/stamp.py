"""``kls template --stamp``: make a KLS's models safe to edit with the element templates.

Camunda Modeler's template handlers lose values in three ways (bpmn-js-element-templates,
ChangeElementTemplateHandler): applying a Camunda 7 template to an element replaces all its
``camunda:property`` entries with the template's empty fields; both engines keep only the first
of a repeated key, and a dropdown keeps only values that are among its choices. So for every
process (its pool, in a collaboration) and activity that has KLS properties this

- links the element to its template (``camunda:``/``zeebe:modelerTemplate`` and version), so
  the Modeler shows the template's fields filled in instead of offering to apply it;
- joins a repeated list key into one ``a; b`` value, and keeps the value kls reads (the last)
  of a repeated single key;
- writes choice values as the template's choices (``ledningsprocess`` → ``styrprocess``);
- moves document ids from ``dokument`` into the field of their type (``rutin``, ``mall``…)
  while that field is empty, so the Modeler shows the document's title;
- in a collaboration, moves a process's properties to its pool when the pool has none: the
  pool is what a processhandledare selects there, and where the template writes.

Files are rewritten only when something changed, with comments, declaration and formatting
of everything else kept. Values are never dropped: every change is one of the above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import texts
from .diagnostics import Finding
from .documents import Register
from .profile import KEYS_BY_NAME, LIST_KINDS, split_list, template_choice
from .read import CAMUNDA, MODEL, ZEEBE
from .templates import TEMPLATE_IDS, TEMPLATE_VERSION, TEMPLATED_TYPES, template_scope
from .xmlsafe import parse_bytes, read_limited

__all__ = ["Stamped", "stamp_file", "stamp_bytes"]

_CONTAINERS = {CAMUNDA: CAMUNDA + "properties", ZEEBE: ZEEBE + "properties"}
_STAMPABLE = [MODEL + t for t in sorted(TEMPLATED_TYPES)]


@dataclass
class Stamped:
    path: str
    changes: list[str] = field(default_factory=list)  # Swedish, one line each
    problem: Finding | None = None
    data: bytes | None = None  # the new file, when something changed


def stamp_file(path: str, register: Register, write: bool = True) -> Stamped:
    data, problem = read_limited(path)
    if problem:
        return Stamped(path, problem=problem)
    result = stamp_bytes(data, path, register)
    if write and result.data is not None:
        with open(path, "wb") as fh:
            fh.write(result.data)
    return result


def stamp_bytes(data: bytes, path: str, register: Register) -> Stamped:
    root, problems = parse_bytes(data, path, keep_comments=True)
    if root is None:
        return Stamped(path, problem=problems[0])
    result = Stamped(path)
    for process in root.iter(MODEL + "process"):
        _move_to_pool(root, process, result)
    for el in root.iter(*_STAMPABLE):
        found = _properties(el)
        if found is None:
            continue
        container, ns = found
        if not any(p.get("name") in KEYS_BY_NAME for p in container):
            continue
        _join_repeated(el, container, result)
        _canonical_choices(el, container, result)
        _documents_to_typed_fields(el, container, ns, register, result)
        _link(el, ns, template_scope(el.tag[len(MODEL):]), result)
    if result.changes:
        result.data = _serialize(root, data)
    return result


# -- finding what to change --------------------------------------------------------------------


def _properties(el) -> tuple[etree._Element, str] | None:
    """The element's camunda:/zeebe:properties container and its namespace, if any."""
    for ext in el.iterchildren(MODEL + "extensionElements"):
        for child in ext:
            for ns, tag in _CONTAINERS.items():
                if child.tag == tag:
                    return child, ns
    return None


def _name(el) -> str:
    return el.get("name") or el.get("id") or el.tag.rpartition("}")[2]


def _move_to_pool(root, process, result: Stamped) -> None:
    pid = process.get("id")
    pools = [p for p in root.iter(MODEL + "participant") if p.get("processRef") == pid]
    found = _properties(process)
    if len(pools) != 1 or found is None or _properties(pools[0]) is not None:
        return
    pool = pools[0]
    container, _ns = found
    ext = next(pool.iterchildren(MODEL + "extensionElements"), None)
    if ext is None:
        ext = etree.Element(MODEL + "extensionElements")
        _insert_first(pool, ext, _unit(root))
    old_ext = container.getparent()
    _remove(container)
    ext.append(container)
    if len(old_ext) == 0:
        _remove(old_ext)
    if (ext.text or "").strip() == "" and "\n" in (pool.text or ""):  # a file with line breaks
        etree.indent(ext, space=_unit(root), level=_depth(ext))
    result.changes.append(texts.STAMP_MOVED.format(process=_name(process), pool=_name(pool)))


def _join_repeated(el, container, result: Stamped) -> None:
    by_name: dict[str, list] = {}
    for prop in container:
        if prop.get("name") in KEYS_BY_NAME:
            by_name.setdefault(prop.get("name"), []).append(prop)
    for name, props in by_name.items():
        if len(props) < 2:
            continue
        if KEYS_BY_NAME[name].kind in LIST_KINDS:
            values = [v for p in props for v in split_list(p.get("value") or "")]
            props[0].set("value", "; ".join(dict.fromkeys(values)))
            keep = props[0]
        else:  # kls reads the last one: keep that value, in the first entry's place
            keep = props[0]
            keep.set("value", props[-1].get("value") or "")
        for extra in props:
            if extra is not keep:
                _remove(extra)
        result.changes.append(texts.STAMP_JOINED.format(key=name, name=_name(el),
                                                        count=len(props)))


def _canonical_choices(el, container, result: Stamped) -> None:
    for prop in container:
        key = KEYS_BY_NAME.get(prop.get("name"))
        raw = (prop.get("value") or "").strip()
        value = template_choice(key, raw) if key is not None else None
        if value is not None and value != raw:
            prop.set("value", value)
            result.changes.append(texts.STAMP_CHOICE.format(key=key.name, name=_name(el),
                                                            old=raw, new=value))


def _documents_to_typed_fields(el, container, ns, register: Register, result: Stamped) -> None:
    prop = next((p for p in container if p.get("name") == "dokument"), None)
    if prop is None:
        return
    filled = {p.get("name") for p in container if (p.get("value") or "").strip()}
    remaining = []
    for doc_id in split_list(prop.get("value") or ""):
        doc = register.get(doc_id)
        if doc is None or doc.type in filled or doc.type not in KEYS_BY_NAME:
            remaining.append(doc_id)
            continue
        _add_property(container, prop.tag, doc.type, doc_id)
        filled.add(doc.type)
        result.changes.append(texts.STAMP_DOCUMENT.format(doc=doc_id, key=doc.type,
                                                          name=_name(el)))
    if remaining:
        prop.set("value", "; ".join(remaining))
    else:
        _remove(prop)


def _link(el, ns: str, scope: str, result: Stamped) -> None:
    template_id, version = TEMPLATE_IDS[scope], str(TEMPLATE_VERSION)
    if el.get(ns + "modelerTemplate") == template_id and \
            el.get(ns + "modelerTemplateVersion") == version:
        return
    el.set(ns + "modelerTemplate", template_id)
    el.set(ns + "modelerTemplateVersion", version)
    result.changes.append(texts.STAMP_LINKED.format(name=_name(el), template=template_id))


# -- editing the tree without disturbing its layout --------------------------------------------


def _remove(el) -> None:
    """Remove ``el``, giving its tail (the indentation of what follows) to what precedes it."""
    parent, prev = el.getparent(), el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def _insert_first(parent, el, unit: str) -> None:
    indent = parent.text if parent.text and not parent.text.strip() else None
    parent.insert(0, el)
    if indent is not None:
        el.tail = indent
    elif parent.tail and "\n" in parent.tail:  # an empty element: open it up, one level in
        outer = "\n" + unit * _depth(parent)
        parent.text, el.tail = outer + unit, outer


def _unit(root) -> str:
    """The file's indentation step, as its first line break shows it (Camunda: 2 spaces)."""
    text = root.text or ""
    return text.rpartition("\n")[2] or "  " if "\n" in text else "  "


def _depth(el) -> int:
    return sum(1 for _ in el.iterancestors())


def _add_property(container, tag: str, name: str, value: str) -> None:
    last = container[-1] if len(container) else None
    prop = etree.SubElement(container, tag, name=name, value=value)
    if last is not None:
        prop.tail, last.tail = last.tail, (container.text or last.tail)


_SELF_CLOSING = re.compile(r'(?<=["\'\w])/>')


def _serialize(root, original: bytes) -> bytes:
    """The tree as text, behind the file's own XML declaration, with empty elements closed
    the way the file closed them (Camunda Modeler writes ``<a />``, lxml ``<a/>``). Text and
    attribute values never hold a literal ``/>`` after lxml has escaped them."""
    body = etree.tostring(root.getroottree(), encoding="unicode")
    if original.count(b'" />') > original.count(b'"/>'):
        body = _SELF_CLOSING.sub(" />", body)
    head = b""
    if original.lstrip().startswith(b"<?xml"):
        start = original.index(b"<?xml")
        head = original[: original.index(b"?>", start) + 2] + b"\n"
    return head + body.encode("utf-8") + (b"\n" if original.endswith(b"\n") else b"")
