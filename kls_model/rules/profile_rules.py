"""Rules about the KLS itself: owners, documents, calls, routines, the map, visibility."""

from __future__ import annotations

import networkx as nx

from .. import bpmn as m
from .. import graph as g
from .. import texts
from ..diagnostics import finding
from ..system import QualitySystem
from .registry import at, display_name, rule

__all__ = ["property_line"]


def property_line(system: QualitySystem, element_id: str, key: str, value: str) -> int | None:
    """The line of the property that says ``value``, so the message points at it."""
    element = system.element(element_id)
    for prop in element.properties if element else ():
        if prop.name == key and value in prop.value:
            return prop.line
    return None


@rule("KLS010")
def process_without_owner(system: QualitySystem):
    for pid in g.processes(system.graph):
        if not system.profile(pid).owner:
            yield at(system, "KLS010", pid, name=display_name(system, pid))


@rule("KLS011")
def unknown_document(system: QualitySystem):
    for element_id, profile in system.profiles.items():
        for doc_id in profile.documents:
            if system.register.get(doc_id) is None and element_id in system.graph:
                yield at(system, "KLS011", element_id,
                         line=property_line(system, element_id, "dokument", doc_id),
                         target=doc_id, name=display_name(system, element_id), doc=doc_id)


@rule("KLS012")
def unknown_called_process(system: QualitySystem):
    G = system.graph
    for node in g.activities(G):
        if g.node(G, node).bpmn_type == "callActivity" and g.called(G, node) is None:
            called = system.element(node).called_element or ""
            problem = (texts.CALLS_UNKNOWN.format(called=called) if called
                       else texts.CALLS_NOTHING)
            yield at(system, "KLS012", node, target=called, name=display_name(system, node),
                     problem=problem)


@rule("KLS014")
def activity_without_routine(system: QualitySystem):
    G = system.graph
    for node in g.activities(G):
        if g.node(G, node).bpmn_type not in m.TASK_TYPES:
            continue  # call activities and sub-processes lead to activities of their own
        if not any(g.node(G, d).document.type == "rutin" for d in g.documents_of(G, node)):
            yield at(system, "KLS014", node, name=display_name(system, node))


@rule("KLS017")
def hierarchy_cycle(system: QualitySystem):
    H = g.hierarchy(system.graph)
    for component in nx.strongly_connected_components(H):
        nodes = sorted(component)
        if len(nodes) == 1 and not H.has_edge(nodes[0], nodes[0]):
            continue
        cycle = nx.find_cycle(H.subgraph(nodes), source=nodes[0])
        names = [display_name(system, u) for u, _ in cycle] + [display_name(system, nodes[0])]
        via = H.edges[cycle[-1][0], cycle[-1][1]]["via"]
        yield at(system, "KLS017", via, cycle=" → ".join(names))


@rule("KLS018")
def process_not_reached(system: QualitySystem):
    G = system.graph
    if system.map_id is None:
        return
    for pid in g.processes(system.graph):
        if g.node(G, pid).level is None:
            yield at(system, "KLS018", pid, name=display_name(system, pid))


@rule("KLS022")
def no_process_map(system: QualitySystem):
    processes = g.processes(system.graph)
    if processes and system.map_id is None:
        first = system.file_of(processes[0])
        yield finding("KLS022", first.path, 1)


@rule("KLS023")
def several_process_maps(system: QualitySystem):
    maps = system.graph.graph.get("maps", [])
    for extra in maps[1:]:
        yield at(system, "KLS023", extra, name=display_name(system, extra),
                 first=display_name(system, maps[0]))


@rule("KLS019")
def internal_linked_from_public(system: QualitySystem):
    """Public pages show the names of what they link to; an internal target's name would leak
    (the public build drops the link itself)."""
    G = system.graph
    internal = g.internal_nodes(G)
    targets = [t for t in internal if g.node(G, t).kind in ("process", "document")]
    sources = {u for t in targets
               for u in g.in_nodes(G, t, g.REFERS_TO) + g.in_nodes(G, t, g.CALLS)}
    for node in sorted(sources - internal):
        for target in g.documents_of(G, node) + g.out_nodes(G, node, g.CALLS):
            if target in internal:
                yield at(system, "KLS019", node, kind=_kind(G, node),
                         name=display_name(system, node), target_kind=_kind(G, target),
                         target_name=display_name(system, target))


def _kind(G, node: str) -> str:
    data = g.node(G, node)
    return texts.kind_name(data.bpmn_type or data.kind)
