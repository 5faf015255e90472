"""KLS properties on pools (participants).

In a collaboration Camunda Modeler offers the process template on the pool and writes the
template's fields there, while its "Extension properties" group on the same pool edits the
process behind it. Both are the process's properties: a pool's values come last, so they win,
and a key set on both with different values is reported (KLS026). Properties on a pool with no
process behind it describe nothing and are reported too (KLS027), never ignored in silence.
"""

from __future__ import annotations

from . import bpmn as m
from .diagnostics import Finding, finding
from .profile import KEYS_BY_NAME, LIST_KINDS, typed_value

__all__ = ["pool_properties", "orphan_pool_findings"]


def pools_of(defs: m.Definitions, process_id: str) -> list[m.Participant]:
    return [p for p in defs.elements.values()
            if isinstance(p, m.Participant) and p.process_ref == process_id]


def pool_properties(defs: m.Definitions, process: m.Element,
                    findings: list[Finding]) -> list[m.Property]:
    """The properties of ``process``: its own, then those set on its pools."""
    pools = [p for p in pools_of(defs, process.id) if p.properties]
    if not pools:
        return process.properties
    own = {p.name: p for p in process.properties if _single_valued(p)}
    for pool in pools:
        for prop in pool.properties:
            other = own.get(prop.name)
            if other is not None and _single_valued(prop) and _differ(prop, other):
                findings.append(finding(
                    "KLS026", defs.path, prop.line or pool.line, pool.id, key=prop.name,
                    pool=pool.name or pool.id, value=prop.value, pool_line=prop.line,
                    process=process.name or process.id, other=other.value,
                    process_line=other.line))
    return process.properties + [p for pool in pools for p in pool.properties]


def _single_valued(prop: m.Property) -> bool:
    key = KEYS_BY_NAME.get(prop.name)
    return key is not None and key.kind not in LIST_KINDS and bool(prop.value.strip())


def _differ(a: m.Property, b: m.Property) -> bool:
    key = KEYS_BY_NAME[a.name]
    return typed_value(key, a.value) != typed_value(key, b.value)


def orphan_pool_findings(defs: m.Definitions) -> list[Finding]:
    """Pools with properties but no process of this file behind them."""
    found = []
    for pool in defs.elements.values():
        if (isinstance(pool, m.Participant) and pool.properties
                and defs.get(pool.process_ref) is None):
            prop = pool.properties[0]
            found.append(finding("KLS027", defs.path, prop.line or pool.line, pool.id,
                                 pool=pool.name or pool.id,
                                 keys=", ".join(dict.fromkeys(p.name for p in pool.properties))))
    return found
