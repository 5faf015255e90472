"""One networkx graph over the whole KLS, and the queries the site and the rules need.

Nodes: processes by their BPMN id (unique across the KLS: it is the page URL and what call
activities name), flow nodes by ``process/id`` (BPMN ids are unique per file only: every diagram
Camunda Modeler creates has a ``StartEvent_1``), see :func:`node_key`; each keeps its own id as
``bpmn_id``. Documents, roles, owners and external actors are ``doc:ID``, ``role:name``,
``owner:name``, ``actor:name``. An edge is added only between nodes that exist: a reference
that does not resolve is a finding (KLS045), never a node. Edges carry ``kind``:

- ``contains``      process or sub-process -> flow node
- ``flows_to``      flow node -> flow node (a sequence flow; ``id`` and ``condition`` on the edge)
- ``attached``      activity -> its boundary event
- ``calls``         call activity -> called process
- ``refers_to``     process or activity -> document
- ``performed_by``  activity -> role (its lane, or its ``ansvarig`` property)
- ``owned_by``      process -> owner
- ``collaborates_with`` process -> actor (pools, message flows and the ``samverkan`` property)

Levels are computed from the map (``processkarta = ja``): 0 the map, 1 huvudprocess,
2 delprocess, deeper levels still delprocesser. Without a map, processes nobody calls are level 1.

A node's attributes are read through :func:`node` (a typed :class:`Node`), never by key
outside this module; :func:`of_kind` lists the nodes of one kind.
"""

from __future__ import annotations

from collections import deque

import networkx as nx

from . import bpmn as m
from . import texts
from .documents import Document, Register
from .profile import Profile

__all__ = ["CONTAINS", "FLOWS_TO", "ATTACHED", "CALLS", "REFERS_TO", "PERFORMED_BY", "OWNED_BY",
           "COLLABORATES_WITH", "FLOW_NODE_KINDS", "Node", "KlsGraph", "node", "of_kind",
           "node_key", "key_in", "doc_node", "role_node", "owner_node", "actor_node",
           "build_graph", "level_name", "out_nodes", "in_nodes", "contained", "flow_order",
           "children", "called", "subprocesses", "callers", "parent", "ancestors", "where_used",
           "role_activities", "documents_of", "hierarchy", "enclosing", "internal_nodes",
           "processes", "activities"]

CONTAINS, FLOWS_TO, ATTACHED, CALLS = "contains", "flows_to", "attached", "calls"
REFERS_TO, PERFORMED_BY, OWNED_BY = "refers_to", "performed_by", "owned_by"
COLLABORATES_WITH = "collaborates_with"

#: The kinds of nodes inside a process (a process is the fourth kind of BPMN element node).
FLOW_NODE_KINDS = ("activity", "event", "gateway")

_KIND_OF_TYPE = {**{t: "activity" for t in m.ACTIVITY_TYPES},
                 **{t: "event" for t in m.EVENT_TYPES},
                 **{t: "gateway" for t in m.GATEWAY_TYPES}}


class Node(dict):
    """The attributes of one graph node, read through typed properties. networkx keeps them
    in this dict (:class:`KlsGraph` makes every node's attribute dict a ``Node``), so a read
    costs what indexing the dict costs, and no reader depends on the key names.

    Every node has ``kind`` and ``name``; element nodes (processes and
    :data:`FLOW_NODE_KINDS`) have the BPMN side and the profile; document nodes have
    ``document``."""

    __slots__ = ()

    @property
    def kind(self) -> str:
        """process, activity, event, gateway, document, role, owner or actor."""
        return self["kind"]

    @property
    def name(self) -> str:
        """The element's name ("" when it has none), the document's title, or the name of
        the role, owner or actor."""
        return self["name"]

    @property
    def bpmn_type(self) -> str | None:
        """The BPMN type (``userTask``, ``callActivity``, ...); None for other nodes."""
        return self.get("bpmn_type")

    @property
    def bpmn_id(self) -> str:
        """The element's id in its file (not the graph key: see :func:`node_key`)."""
        return self["bpmn_id"]

    @property
    def path(self) -> str:
        """The file the element is defined in."""
        return self["path"]

    @property
    def line(self) -> int | None:
        return self["line"]

    @property
    def profile(self) -> Profile:
        """The element's KLS properties (empty when it has none)."""
        return self["profile"]

    @property
    def container(self) -> str | None:
        """The process or sub-process the element is drawn in; None for a process."""
        return self.get("parent")

    @property
    def level(self) -> int | None:
        """0 the map, 1 huvudprocess, 2 and deeper delprocess; None where no process above
        reaches (and for nodes that are not processes or sub-processes)."""
        return self.get("level")

    @property
    def document(self) -> Document:
        """The register entry of a document node."""
        return self["doc"]


class KlsGraph(nx.MultiDiGraph):
    """The KLS graph: a networkx ``MultiDiGraph`` whose node attribute dicts are
    :class:`Node` (networkx's documented ``node_attr_dict_factory``)."""

    node_attr_dict_factory = Node


def node(G: nx.MultiDiGraph, key: str) -> Node:
    """The typed attributes of the node ``key`` (KeyError when it is not in the graph)."""
    return G.nodes[key]


def of_kind(G: nx.MultiDiGraph, *kinds: str) -> list[str]:
    """The nodes of these kinds, in the order they were added (deterministic per model)."""
    return [n for n, d in G.nodes(data=True) if d.kind in kinds]


def node_key(element: m.Element | None) -> str | None:
    """The graph key of a process (its id) or of an element inside one (``process/id``);
    None for elements outside processes (collaborations, pools, message flows)."""
    if element is None:
        return None
    if element.type == "process":
        return element.id
    return f"{element.process}/{element.id}" if element.process else None


def key_in(defs: m.Definitions, element_id: str | None) -> str | None:
    """The graph key of the element ``element_id`` of one file, if it has one."""
    return node_key(defs.get(element_id))


def doc_node(doc_id: str) -> str:
    return f"doc:{doc_id}"


def role_node(name: str) -> str:
    return f"role:{_normal(name)}"


def owner_node(name: str) -> str:
    return f"owner:{_normal(name)}"


def actor_node(name: str) -> str:
    return f"actor:{_normal(name)}"


def _normal(name: str) -> str:
    """Roles, owners and actors are identified by name; case and spacing don't split them."""
    return " ".join(name.split()).casefold()


# ---------------------------------------------------------------------------------------------
# Building


def build_graph(files: list[m.Definitions], index: dict, profiles: dict[str, Profile],
                register: Register) -> KlsGraph:
    """``index``: node key -> (file, element) for every element of the processes each file
    owns (the first file defining a process id owns it; KLS016 reports the others)."""
    G = KlsGraph()
    for doc in register.documents.values():
        G.add_node(doc_node(doc.id), kind="document", name=doc.title, doc=doc)
    for defs in files:
        _add_file(G, defs, index, profiles)
    for defs in files:
        _add_calls(G, defs, index)
    _index_edges(G)
    _compute_levels(G)
    return G


def _owns(index: dict, defs: m.Definitions, key: str | None) -> bool:
    """True when this file holds the element with graph key ``key`` (a process defined
    again in another file is reported by rule KLS016 and left out of the graph)."""
    hit = index.get(key)
    return hit is not None and hit[0] is defs


def _add_edge(G, u: str | None, v: str | None, **data) -> None:
    """Every edge joins two nodes that exist: networkx would silently invent an empty node
    for a dangling reference, which the site and the rules would then trip over."""
    if u in G and v in G:
        G.add_edge(u, v, **data)


def _add_file(G, defs: m.Definitions, index: dict, profiles: dict[str, Profile]) -> None:
    positions = _positions(defs)
    pool_names = {p.process_ref: p.name for p in defs.elements.values()
                  if isinstance(p, m.Participant) and p.process_ref}
    for pid in defs.processes:
        if not _owns(index, defs, pid) or _is_empty_pool(defs, pid, pool_names, profiles):
            continue
        process = defs.elements[pid]
        name = process.name or pool_names.get(pid) or pid
        _add_element_node(G, defs, process, pid, "process", name, profiles.get(pid), positions)
        _add_profile_edges(G, pid, profiles.get(pid), process=True)
    for element in defs.elements.values():
        kind = _KIND_OF_TYPE.get(element.type)
        key = node_key(element)
        if kind is None or not _owns(index, defs, key) or element.process not in G:
            continue
        _add_element_node(G, defs, element, key, kind, element.name, profiles.get(key),
                          positions)
        _add_edge(G, G.nodes[key].container, key, kind=CONTAINS)
        if kind == "activity":
            _add_role(G, defs, element, key, profiles.get(key))
            _add_profile_edges(G, key, profiles.get(key), process=False)
    # After every node of the file: a boundary event may come before its activity in the file.
    # A boundary event goes only onto an activity; other hosts are rule KLS078.
    for element in defs.elements.values():
        if element.type == "sequenceFlow":
            _add_edge(G, key_in(defs, element.source), key_in(defs, element.target),
                      kind=FLOWS_TO, id=element.id, condition=element.condition)
        elif isinstance(element, m.Event) and element.attached_to:
            host = key_in(defs, element.attached_to)
            if host in G and G.nodes[host].kind == "activity":
                _add_edge(G, host, node_key(element), kind=ATTACHED)
    _add_collaboration(G, defs)


def _is_empty_pool(defs: m.Definitions, pid: str, pool_names: dict, profiles: dict) -> bool:
    """An empty process behind a pool is how modelers draw an external actor (region, IVO):
    it is samverkan, not one of our processes, unless it (or its pool) has KLS properties."""
    process = defs.elements[pid]
    return pid in pool_names and not process.children and pid not in profiles


def _add_element_node(G, defs, element, key, kind, name, profile, positions) -> None:
    x, y = positions.get(element.id, (float("inf"), float("inf")))
    G.add_node(key, kind=kind, bpmn_type=element.type, bpmn_id=element.id, name=name or "",
               path=defs.path, line=element.line, profile=profile or Profile(), x=x, y=y,
               parent=key_in(defs, element.parent))


def _positions(defs: m.Definitions) -> dict[str, tuple[float, float]]:
    """Top-left corner of each element's first DI shape, to order parallel branches."""
    positions: dict[str, tuple[float, float]] = {}
    for diagram in defs.diagrams:
        for shape in diagram.plane.shapes:
            positions.setdefault(shape.element, (shape.bounds.x, shape.bounds.y))
    return positions


def _add_role(G, defs: m.Definitions, activity: m.Element, key: str,
              profile: Profile | None) -> None:
    lane = defs.get(activity.lane) if isinstance(activity, m.FlowNode) else None
    name = (profile.responsible if profile and profile.responsible else None) or (
        lane.name if lane is not None and lane.name else None)
    if not name:
        return
    node = role_node(name)
    if node not in G:
        G.add_node(node, kind="role", name=name)
    G.add_edge(key, node, kind=PERFORMED_BY)


def _add_profile_edges(G, element_id: str, profile: Profile | None, process: bool) -> None:
    if profile is None:
        return
    for doc_id in profile.documents:
        if doc_node(doc_id) in G:
            G.add_edge(element_id, doc_node(doc_id), kind=REFERS_TO)
    if not process:
        return
    if profile.owner:
        _add_named(G, owner_node(profile.owner), "owner", profile.owner)
        G.add_edge(element_id, owner_node(profile.owner), kind=OWNED_BY)
    for actor in profile.collaboration:
        _add_named(G, actor_node(actor), "actor", actor)
        G.add_edge(element_id, actor_node(actor), kind=COLLABORATES_WITH)


def _add_named(G, node: str, kind: str, name: str) -> None:
    if node not in G:
        G.add_node(node, kind=kind, name=name)


def _add_collaboration(G, defs: m.Definitions) -> None:
    """Pools that are not one of our processes are external actors; a message flow between a
    process (or one of its nodes) and such a pool is samverkan."""
    pool_of: dict[str, str] = {}  # participant id -> actor node, or process id for our pools
    for element in defs.elements.values():
        if not isinstance(element, m.Participant):
            continue
        if element.process_ref and element.process_ref in G and _has_nodes(G, element.process_ref):
            pool_of[element.id] = element.process_ref
        elif element.name:
            pool_of[element.id] = actor_node(element.name)
            _add_named(G, pool_of[element.id], "actor", element.name)
    for element in defs.elements.values():
        if element.type != "messageFlow":
            continue
        ends = [_process_of(G, pool_of, defs, ref) for ref in (element.source, element.target)]
        if None in ends:
            continue
        process, actor = sorted(ends, key=lambda n: n.startswith("actor:"))
        if actor.startswith("actor:") and not process.startswith("actor:"):
            if not G.has_edge(process, actor) or not any(
                    d["kind"] == COLLABORATES_WITH for d in G[process][actor].values()):
                G.add_edge(process, actor, kind=COLLABORATES_WITH, via=element.id)


def _has_nodes(G, process_id: str) -> bool:
    return any(d["kind"] == CONTAINS for _, _, d in G.out_edges(process_id, data=True))


def _process_of(G, pool_of: dict[str, str], defs: m.Definitions, ref: str | None) -> str | None:
    """The process or actor node at one end of a message flow."""
    if ref in pool_of:
        return pool_of[ref]
    key = key_in(defs, ref)
    if key not in G:
        return None
    if G.nodes[key].kind == "process":
        return key
    return next((c for c in enclosing(G, key) if G.nodes[c].kind == "process"), None)


def _add_calls(G, defs: m.Definitions, index: dict) -> None:
    for element in defs.elements.values():
        key = node_key(element)
        if (element.type == "callActivity" and element.called_element and key in G
                and _owns(index, defs, key) and element.called_element in G
                and G.nodes[element.called_element].kind == "process"):
            G.add_edge(key, element.called_element, kind=CALLS)


# ---------------------------------------------------------------------------------------------
# Levels


def _compute_levels(G) -> None:
    processes = of_kind(G, "process")
    maps = [n for n in processes if G.nodes[n].profile.is_map]
    G.graph["maps"] = maps
    G.graph["map"] = maps[0] if maps else None
    if maps:
        roots = [(maps[0], 0)]
    else:
        called = {v for _, v, d in G.edges(data=True) if d["kind"] == CALLS}
        roots = [(p, 1) for p in sorted(processes) if p not in called]
    queue = deque(roots)
    for node, level in roots:
        G.nodes[node]["level"] = level
    while queue:
        container, level = queue.popleft()
        for child in contained(G, container):
            for sub in _below(G, child):
                if G.nodes[sub].level is None:
                    G.nodes[sub]["level"] = level + 1
                    queue.append((sub, level + 1))


def level_name(level: int | None) -> str:
    if level is None:
        return ""
    return texts.LEVEL_NAMES.get(level) or texts.DEEPER_LEVEL.format(level=level)


# ---------------------------------------------------------------------------------------------
# Queries


def _index_edges(G) -> None:
    """Per-kind adjacency lists, built once after the graph is complete: the queries below
    run for every node in every rule, and networkx's edge views cost several times more
    than a dict lookup (bench/read_corpus.py)."""
    out: dict[str, dict[str, list[str]]] = {}
    into: dict[str, dict[str, list[str]]] = {}
    for u, v, kind in G.edges(data="kind"):
        targets = out.setdefault(kind, {}).setdefault(u, [])
        if v not in targets:  # parallel edges of one kind count once
            targets.append(v)
            into.setdefault(kind, {}).setdefault(v, []).append(u)
    G.graph["out"], G.graph["in"] = out, into


def out_nodes(G, node: str, kind: str) -> list[str]:
    return list(G.graph["out"].get(kind, {}).get(node, ()))


def in_nodes(G, node: str, kind: str) -> list[str]:
    return list(G.graph["in"].get(kind, {}).get(node, ()))


def contained(G, container: str) -> list[str]:
    return out_nodes(G, container, CONTAINS)


def flow_order(G, container: str) -> list[str]:
    """Every flow node of ``container`` in reading order: breadth-first from the start events
    along sequence flows (boundary events right after their activity), parallel branches
    top to bottom; nodes no flow reaches follow, left to right. Cached per container: the
    graph never changes after it is built, and the site asks for each order many times."""
    cache = G.graph.setdefault("flow_order", {})
    if container not in cache:
        cache[container] = _flow_order(G, container)
    return list(cache[container])


def _flow_order(G, container: str) -> list[str]:
    nodes = contained(G, container)
    members = set(nodes)
    position = lambda n: (G.nodes[n]["x"], G.nodes[n]["y"], G.nodes[n]["line"])  # noqa: E731
    starts = sorted((n for n in nodes if not in_nodes(G, n, FLOWS_TO)
                     and G.nodes[n].bpmn_type != "boundaryEvent"), key=position)
    seen, order = set(), []
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        nxt = out_nodes(G, node, ATTACHED) + sorted(
            (v for v in out_nodes(G, node, FLOWS_TO) if v in members),
            key=lambda n: (G.nodes[n]["y"], G.nodes[n]["x"]))
        queue.extend(v for v in nxt if v not in seen)
    order.extend(sorted((n for n in nodes if n not in seen), key=position))
    return order


def children(G, container: str) -> list[str]:
    """The activities (tasks, call activities, sub-processes) of a process in flow order."""
    return [n for n in flow_order(G, container) if G.nodes[n].kind == "activity"]


def called(G, activity: str) -> str | None:
    targets = out_nodes(G, activity, CALLS)
    return targets[0] if targets else None


def subprocesses(G, process: str) -> list[str]:
    """The processes one level below ``process``: what its call activities call and its
    embedded sub-processes, in flow order."""
    return [sub for child in children(G, process) for sub in _below(G, child)]


def _below(G, child: str) -> list[str]:
    """The containers one level below an activity: a sub-process is itself, a call activity
    is what it calls, a task is nothing."""
    if G.nodes[child].bpmn_type in m.SUBPROCESS_TYPES:
        return [child]
    return out_nodes(G, child, CALLS)


def callers(G, process: str) -> list[str]:
    """Call activities that call ``process``, shallowest first, deterministic."""
    return sorted(in_nodes(G, process, CALLS), key=lambda a: (_level_of_container(G, a), a))


def _level_of_container(G, node: str) -> float:
    container = G.nodes[node].container
    level = G.nodes[container].level if container in G else None
    return float("inf") if level is None else level


def parent(G, node: str) -> str | None:
    """The container one step up: an activity's process, a process's caller's process."""
    data = G.nodes[node]
    if data.kind == "process":
        up = callers(G, node)
        return G.nodes[up[0]].container if up else None
    return data.container


def ancestors(G, node: str) -> list[str]:
    """Breadcrumbs: containers from the top (the map) down to, not including, ``node``."""
    chain, seen = [], {node}
    current = parent(G, node)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parent(G, current)
    return list(reversed(chain))


def where_used(G, node: str) -> list[str]:
    """Who uses a document (processes and activities referring to it) or a process (the call
    activities calling it)."""
    kind = G.nodes[node].kind
    if kind == "document":
        return sorted(in_nodes(G, node, REFERS_TO))
    if kind == "process":
        return callers(G, node)
    return []


def role_activities(G, role: str) -> list[str]:
    return sorted(in_nodes(G, role, PERFORMED_BY))


def documents_of(G, node: str) -> list[str]:
    return out_nodes(G, node, REFERS_TO)


def hierarchy(G) -> nx.DiGraph:
    """Container -> container graph (process or sub-process -> what it calls or embeds)."""
    H = nx.DiGraph()
    for child, data in G.nodes(data=True):
        if data.kind == "activity" and data.container is not None:
            for sub in _below(G, child):
                H.add_edge(data.container, sub, via=child)
    return H


def enclosing(G, node: str):
    """The containers around ``node``, innermost first (sub-processes, then the process)."""
    container = G.nodes[node].container
    while container is not None and container in G:
        yield container
        container = G.nodes[container].container


def internal_nodes(G) -> frozenset[str]:
    """Internal processes (``synlighet = intern``) with everything inside them, and internal
    documents: what the public site leaves out and what rule KLS019 guards. One definition
    for both, computed once per graph."""
    cached = G.graph.get("internal")
    if cached is None:
        roots = {n for n, d in G.nodes(data=True)
                 if (d.kind == "process" and d.profile.is_internal)
                 or (d.kind == "document" and d.document.is_internal)}
        inside = {n for n, d in G.nodes(data=True) if d.kind in FLOW_NODE_KINDS
                  and any(c in roots for c in enclosing(G, n))}
        cached = G.graph["internal"] = frozenset(roots | inside)
    return cached


def processes(G) -> list[str]:
    return sorted(of_kind(G, "process"))


def activities(G) -> list[str]:
    return sorted(of_kind(G, "activity"))
