"""The layers keep to their lanes, read from the source with ``ast``: the import map of
kls, kls_model and site_build has no cycle; kls_model never imports MkDocs, the site or the
CLI; the site reads graph nodes only through ``kls_model.graph``'s typed API."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kls", "kls_model", "site_build")

#: Reads of a node's attribute dict that ``site_build`` still makes, by file. embed.py is
#: the lead's in issue 15 (its diagram findings); its one read becomes ``site.node()`` there.
NODE_DICT_READS_LEFT: dict[str, int] = {}


def _sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


# -- the import map ---------------------------------------------------------------------------


def _modules() -> dict[str, tuple[ast.AST, bool]]:
    """Module name -> (its syntax tree, whether it is a package's ``__init__``)."""
    found = {}
    for package in PACKAGES:
        for path, tree in _sources(package):
            parts = path[:-3].split("/")
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (tree, is_package)
    return found


def _imported(name: str, tree: ast.AST, is_package: bool, known) -> set[str]:
    """The modules among ``known`` that module ``name`` imports, at any depth of its code
    (an import inside a function is a dependency too). ``from p import m`` of a module
    ``m`` is an edge to ``p.m``, not to ``p``; the parent package Python imports first is
    no edge (a package that imports its submodules would otherwise be a cycle)."""
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            anchor = here[:len(here) - node.level + 1] if node.level else []
            base = ".".join(anchor + ([node.module] if node.module else []))
            submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            plain_names = len(submodules) < len(node.names)
            targets = submodules + ([base] if plain_names else [])
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name:
                found.add(target)
    return found


def import_map(modules: dict[str, tuple[ast.AST, bool]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for name, (tree, is_package) in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, t) for t in _imported(name, tree, is_package, modules))
    return graph


def _cycle(graph: nx.DiGraph) -> list[str]:
    try:
        return [u for u, _ in nx.find_cycle(graph)]
    except nx.NetworkXNoCycle:
        return []


def _external_imports(tree: ast.AST) -> set[str]:
    """Top-level names of every absolute import."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.partition(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.partition(".")[0])
    return names


def test_the_import_map_has_no_cycle():
    graph = import_map(_modules())
    assert graph.number_of_nodes() > 60 and graph.number_of_edges() > 200  # it was read
    assert ("site_build.pages.process_page", "kls_model.graph") in graph.edges
    assert ("site_build.pages.process_page", "site_build.pages.embed") in graph.edges
    assert _cycle(graph) == [], " -> ".join(_cycle(graph))


def test_the_cycle_check_finds_a_cycle():
    """The check above can fail: a cycle through ``from . import m`` and a function-level
    import is found; a package importing its own submodules is not a cycle."""
    parsed = ast.parse
    modules = {
        "p": (parsed("from . import a"), True),
        "p.a": (parsed("from .b import thing"), False),
        "p.b": (parsed("def f():\n    from p import a"), False),
        "q": (parsed("from p.a import thing"), True),
    }
    assert _cycle(import_map(modules)) in (["p.a", "p.b"], ["p.b", "p.a"])
    modules["p.b"] = (parsed("import json"), False)
    assert _cycle(import_map(modules)) == []


def test_kls_model_never_imports_mkdocs_the_site_or_the_cli():
    """kls_model is the model and the checks; MkDocs and the site build on it, and the CLI
    is the one place where both meet."""
    for path, tree in _sources("kls_model"):
        assert not _external_imports(tree) & {"mkdocs", "material", "site_build", "kls"}, path


def test_the_site_never_imports_the_cli():
    for path, tree in _sources("site_build"):
        assert "kls" not in _external_imports(tree), path


def test_every_module_imports():
    """Each module of the map imports (an import-time failure would hide from the map)."""
    for name in sorted(_modules()):
        if not name.endswith("__main__"):  # runs the CLI
            importlib.import_module(name)


# -- reading the graph ------------------------------------------------------------------------


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
