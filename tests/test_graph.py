"""The three-level graph and its queries, on the minimal valid KLS."""

from __future__ import annotations

from kls_model import graph as g

from conftest import FIXTURES, check


IFO = "Process_ifo/"  # flow nodes are keyed by their process: BPMN ids are unique per file


def _system():
    system, _ = check(FIXTURES / "valid" / "minimal")
    return system


def test_levels_from_the_map():
    G = _system().graph
    assert g.node(G, "Process_karta").level == 0
    assert g.node(G, "Process_ifo").level == 1
    assert g.node(G, IFO + "Activity_utreda").level == 2  # embedded sub-process = delprocess
    assert g.node(G, IFO + "Activity_ta_emot").level is None  # a task is no level
    assert g.level_name(1) == "huvudprocess" and g.level_name(2) == "delprocess"
    assert g.level_name(3) == "delprocess (nivå 3)"


def test_children_in_flow_order_and_subprocesses():
    G = _system().graph
    assert g.children(G, "Process_ifo") == [IFO + "Activity_ta_emot", IFO + "Activity_utreda"]
    assert g.flow_order(G, "Process_ifo") == [IFO + n for n in (
        "Start_ifo", "Activity_ta_emot", "Gateway_skydd", "Activity_utreda", "End_ifo")]
    assert g.children(G, IFO + "Activity_utreda") == [IFO + "Activity_samtal"]
    assert g.subprocesses(G, "Process_karta") == ["Process_ifo"]
    assert g.subprocesses(G, "Process_ifo") == [IFO + "Activity_utreda"]
    assert g.called(G, "Process_karta/Call_ifo") == "Process_ifo"


def test_typed_node_attributes():
    """What the site and the rules read of a node, through the typed API: an element's
    BPMN side (its own id, not the graph key), its file, its profile and its container."""
    G = _system().graph
    process = g.node(G, "Process_ifo")
    assert (process.kind, process.name, process.bpmn_type, process.bpmn_id) == (
        "process", "Individ- och familjeomsorg", "process", "Process_ifo")
    assert process.path.endswith("ifo.bpmn") and process.line == 16
    assert (process.profile.owner, process.profile.category) == (
        "Avdelningschef IFO", "huvudprocess")
    assert process.container is None
    inner = g.node(G, IFO + "Activity_samtal")
    assert (inner.kind, inner.bpmn_type, inner.bpmn_id) == ("activity", "userTask",
                                                            "Activity_samtal")
    assert inner.container == IFO + "Activity_utreda"  # the sub-process it is drawn in
    assert g.node(G, IFO + "Gateway_skydd").kind == "gateway"
    assert g.node(G, IFO + "Activity_ta_emot").profile.documents == ["RUT-001", "MALL-001"]
    document = g.node(G, g.doc_node("RUT-001"))
    assert (document.kind, document.bpmn_type) == ("document", None)
    assert document.name == document.document.title == "Rutin för mottagande av anmälan"
    role = g.node(G, g.role_node("Socialsekreterare"))
    assert (role.kind, role.name, role.bpmn_type, role.container) == (
        "role", "Socialsekreterare", None, None)


def test_nodes_of_kind_in_graph_order():
    G = _system().graph
    assert g.of_kind(G, "role") == [g.role_node("Socialsekreterare")]
    assert sorted(g.of_kind(G, "process")) == g.processes(G) == ["Process_ifo", "Process_karta"]
    named = g.of_kind(G, "owner", "actor")
    assert set(named) == {g.owner_node("Avdelningschef IFO"), g.owner_node("Förvaltningschef"),
                          g.actor_node("Region Exempel")}
    assert named == [n for n in G if n in named], "in the order the graph holds them"
    assert g.of_kind(G, "no such kind") == []


def test_breadcrumbs():
    G = _system().graph
    assert g.ancestors(G, IFO + "Activity_samtal") == [
        "Process_karta", "Process_ifo", IFO + "Activity_utreda"]
    assert g.ancestors(G, "Process_ifo") == ["Process_karta"]
    assert g.ancestors(G, "Process_karta") == []


def test_where_used_documents_and_processes():
    G = _system().graph
    assert g.where_used(G, g.doc_node("RUT-001")) == [IFO + "Activity_samtal",
                                                      IFO + "Activity_ta_emot"]
    assert g.where_used(G, g.doc_node("RIK-001")) == ["Process_ifo"]
    assert g.where_used(G, "Process_ifo") == ["Process_karta/Call_ifo"]


def test_roles_owners_and_actors():
    G = _system().graph
    role = g.role_node("Socialsekreterare")
    assert g.node(G, role).kind == "role"
    assert g.role_activities(G, role) == [IFO + "Activity_ta_emot", IFO + "Activity_utreda"]
    assert g.role_node("  socialsekreterare ") == role  # same role however it is typed
    owners = [v for _, v, d in G.out_edges("Process_ifo", data=True) if d["kind"] == g.OWNED_BY]
    assert owners == [g.owner_node("Avdelningschef IFO")]
    actors = [v for _, v, d in G.out_edges("Process_ifo", data=True)
              if d["kind"] == g.COLLABORATES_WITH]
    assert actors == [g.actor_node("Region Exempel")], "black-box pool + message flow"
    assert "Participant_region" not in G and all(
        d["kind"] != "process" or n != "Participant_region" for n, d in G.nodes(data=True))


def test_without_a_map_uncalled_processes_are_huvudprocesser():
    system, _ = check(FIXTURES / "warning" / "no-process-map.bpmn")
    assert g.node(system.graph, "Process_a").level == 1


def test_deeper_nesting_still_works():
    system, _ = check(FIXTURES / "error" / "hierarchy-cycle.bpmn")
    G = system.graph
    assert g.node(G, "Process_a").level == 1
    assert g.node(G, "Process_b").level == 2
    assert g.ancestors(G, "Process_b") == ["Process_karta", "Process_a"]


def test_graph_over_the_whole_corpus_builds():
    from conftest import CORPUS, corpus_files

    corpus_files()
    system, findings = check(CORPUS)
    assert len(g.processes(system.graph)) > 50
    assert not [f for f in findings if f.code in ("KLS001", "KLS004", "KLS045")]
