"""kls_model's public surface, pinned (as griffe pins an API): every module's public names.

A change to this list is a change to the API that the site, the CLI and anyone scripting kls
build on, so it is a deliberate edit here, not a side effect.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import kls_model

#: kls_model.texts is a table of Swedish strings, all public: its pin is that rule.
STRINGS = "every upper-case name, and kind_name"

PUBLIC: dict[str, list[str] | str] = {
    "kls_model": ["xmlsafe", "read", "bpmn", "di", "profile", "pools", "documents", "load",
                  "graph", "system", "rules", "diagnostics", "check", "linkcheck", "compliance",
                  "lagrum", "templates", "stamp", "collate", "urls", "texts"],
    "kls_model.bpmn": [
        "build", "Property", "Element", "FlowNode", "Activity", "Event", "Gateway", "Flow",
        "Data", "Artifact", "Lane", "Participant", "Process", "Collaboration", "Bounds", "Point",
        "Style", "Shape", "Edge", "Plane", "Diagram", "Definitions", "TASK_TYPES",
        "SUBPROCESS_TYPES", "ACTIVITY_TYPES", "EVENT_TYPES", "GATEWAY_TYPES", "FLOW_NODE_TYPES",
        "FLOW_TYPES", "DATA_TYPES", "ARTIFACT_TYPES"],
    "kls_model.check": ["BROKEN_LINK_CODES", "LinkOptions", "CheckResult", "run_check",
                        "summary", "print_text", "print_json", "write_reports"],
    "kls_model.collate": ["swedish_key", "initial"],
    "kls_model.compliance": [
        "DATA_DIR", "LOCAL_FILE", "MET", "PARTIAL", "MISSING", "ASSESS_KINDS", "Requirement",
        "Framework", "frameworks", "Citation", "citations", "requirement_named", "Point",
        "Assessment", "FrameworkAssessment", "assess"],
    "kls_model.di": ["NO_ELEMENT", "WRONG_KIND", "NO_PATH", "Plan", "plan", "plans",
                     "own_planes", "not_shown", "is_expanded", "ancestors"],
    "kls_model.diagnostics": ["Severity", "CODES", "Finding", "finding", "count"],
    "kls_model.documents": ["REGISTER_FILE", "DOCUMENT_TYPES", "Document", "Register",
                            "read_register"],
    "kls_model.graph": [
        "CONTAINS", "FLOWS_TO", "ATTACHED", "CALLS", "REFERS_TO", "PERFORMED_BY", "OWNED_BY",
        "COLLABORATES_WITH", "FLOW_NODE_KINDS", "Node", "KlsGraph", "node", "of_kind",
        "node_key", "key_in", "doc_node", "role_node", "owner_node", "actor_node", "build_graph",
        "level_name", "out_nodes", "in_nodes", "contained", "flow_order", "children", "called",
        "subprocesses", "callers", "parent", "ancestors", "where_used", "role_activities",
        "documents_of", "hierarchy", "enclosing", "internal_nodes", "processes", "activities"],
    "kls_model.lagrum": ["Reference", "statute_key", "name_key", "parse"],
    "kls_model.linkcheck": ["CACHE_FILE", "LinkResult", "LinkCache", "check_urls",
                            "link_findings", "check_register_links"],
    "kls_model.load": ["discover", "batch_mode", "load", "ignored_registers", "assemble"],
    "kls_model.pools": ["pool_properties", "orphan_pool_findings"],
    "kls_model.profile": ["Key", "KEYS", "KEYS_BY_NAME", "LIST_KINDS", "CHOICE_ALIASES",
                          "FLAG_TRUE", "FLAG_FALSE", "Profile", "split_list", "read_profile",
                          "typed_value", "template_choice"],
    "kls_model.read": ["MODEL", "CAMUNDA", "ZEEBE", "read_file", "read_bytes"],
    "kls_model.rules": ["RULES", "rule", "validate"],
    "kls_model.rules.registry": ["Rule", "RULES", "rule", "validate", "at", "display_name"],
    "kls_model.rules.structure": ["kls_flow_nodes", "containers", "container_finding",
                                  "flows_of", "flow_finding", "label"],
    "kls_model.rules.profile_rules": ["property_line"],
    # These only register rules (importing kls_model.rules imports them).
    "kls_model.rules.flow_rules": [],
    "kls_model.rules.register_rules": [],
    "kls_model.rules.template_rules": [],
    "kls_model.rules.compliance_rules": [],
    "kls_model.rules.diagram_rules": [],
    "kls_model.stamp": ["Stamped", "stamp_file", "stamp_bytes"],
    "kls_model.system": ["QualitySystem"],
    "kls_model.templates": ["TEMPLATE_VERSION", "TEMPLATE_IDS", "TEMPLATE_FILES",
                            "TEMPLATE_SUBDIR", "element_templates", "template_dir",
                            "expected_files", "write_templates", "stale_templates",
                            "TEMPLATED_TYPES", "template_scope"],
    "kls_model.texts": STRINGS,
    "kls_model.urls": ["url_problem"],
    "kls_model.xmlsafe": ["MAX_BYTES", "parse_bytes", "read_limited"],
}

#: Modules that do not declare ``__all__`` yet; their surface is every public name they
#: define (none left).
WITHOUT_ALL: set[str] = set()


def _modules() -> dict[str, object]:
    names = ["kls_model"] + [m.name for m in pkgutil.walk_packages(kls_model.__path__,
                                                                    "kls_model.")]
    return {name: importlib.import_module(name) for name in names}


def _defined(module) -> list[str]:
    """The public names a module defines itself (not what it imports)."""
    names = []
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return [n for n in dict.fromkeys(names) if not n.startswith("_")]


def _surface(name: str, module) -> list[str]:
    return list(module.__all__) if hasattr(module, "__all__") else _defined(module)


def test_every_module_is_pinned():
    assert sorted(_modules()) == sorted(PUBLIC), "a new module: declare its names in PUBLIC"


def test_the_public_names_are_pinned():
    for name, module in _modules().items():
        surface = _surface(name, module)
        if PUBLIC[name] == STRINGS:
            expected = {n for n in vars(module) if n.isupper()} | {"kind_name"}
            assert set(surface) == expected, name
        else:
            assert sorted(surface) == sorted(PUBLIC[name]), name
        assert len(surface) == len(set(surface)), f"{name}: a name twice in __all__"


def test_declared_names_exist():
    for name, module in _modules().items():
        missing = [n for n in getattr(module, "__all__", ()) if not hasattr(module, n)]
        assert not missing, f"{name}.__all__ names what it does not have: {missing}"


def test_every_module_declares_its_surface():
    without = {name for name, module in _modules().items() if not hasattr(module, "__all__")}
    assert without == WITHOUT_ALL


def test_the_package_documents_every_module():
    """kls_model's docstring lists each module (a line ``- ``name``: ...``)."""
    doc = kls_model.__doc__
    undocumented = [m for m in kls_model.__all__ if f"- ``{m}``:" not in doc]
    assert not undocumented
    assert sorted(kls_model.__all__) == sorted(
        n.rpartition(".")[2] for n in _modules() if n.count(".") == 1)
