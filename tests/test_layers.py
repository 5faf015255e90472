"""The layers keep to their lanes, read from the source with ``ast`` (nothing is imported):
the site reads graph nodes only through ``kls_model.graph``'s typed API."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Reads of a node's attribute dict that ``site_build`` still makes, by file. embed.py is
#: the lead's in issue 15 (its diagram findings); its one read becomes ``site.node()`` there.
NODE_DICT_READS_LEFT = {"site_build/pages/embed.py": 1}


def _sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _is_graph(node: ast.expr) -> bool:
    """``G``, ``site.G``, ``graph`` or ``system.graph``: the KLS graph, by the names the code
    gives it (the diagram code has ``self.nodes`` of its own)."""
    if isinstance(node, ast.Name):
        return node.id in ("G", "graph")
    return isinstance(node, ast.Attribute) and node.attr in ("G", "graph")


def _node_dict_reads(tree: ast.AST) -> list[int]:
    """Lines that read a node's attribute dict: ``G.nodes[n]`` (and ``[...]`` or ``.get``
    on it), ``G.nodes.get(n)`` and ``G.nodes(data=...)``."""
    lines = []
    for node in ast.walk(tree):
        target = node.value if isinstance(node, ast.Subscript) else (
            node.func if isinstance(node, ast.Call) else None)
        if (isinstance(target, ast.Attribute) and target.attr == "nodes"
                and _is_graph(target.value)):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "get" and isinstance(node.func.value, ast.Attribute)
              and node.func.value.attr == "nodes" and _is_graph(node.func.value.value)):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_site_reads_nodes_through_the_typed_api():
    reads = {path: lines for path, tree in _sources("site_build")
             if (lines := _node_dict_reads(tree))}
    assert {p: len(lines) for p, lines in reads.items()} == NODE_DICT_READS_LEFT, (
        "site_build reads graph nodes with g.node(G, key) / site.node(key) and g.of_kind(), "
        f"not G.nodes[...]: {reads}")


def test_the_node_dict_check_finds_each_form():
    """The check above can fail: each way of reading a node dict is found."""
    code = "\n".join([
        'a = site.G.nodes[n]["kind"]',
        'b = G.nodes[n].get("level")',
        'c = system.graph.nodes.get(n, {})',
        'd = [n for n, d in G.nodes(data=True)]',
        'e = self.nodes[element_id]',  # the dot writer's own dict: not the KLS graph
        'f = g.node(G, n).kind',
    ])
    assert _node_dict_reads(ast.parse(code)) == [1, 2, 3, 4]
