"""Compliance with a regulation (SOSFS 2011:9 and whatever a municipality adds), derived from
the model rather than typed: for each requirement a status (uppfyllt, delvis, saknas), what the
model shows about it, and the gaps, each pointing at the graph nodes concerned.

The requirements are data: ``data/sosfs-2011-9.yml`` ships with kls, and a ``krav.yml`` beside
the models adds requirements or whole regulations (or replaces a shipped requirement with the
same paragraph). Each requirement names how it is assessed (``bedöms``), one of ``ASSESSORS``.
Reading problems become KLS080 findings at the line of the YAML file; nothing here raises.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

import networkx as nx
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import bpmn as m
from . import graph as g
from . import lagrum, texts
from .diagnostics import Finding, finding
from .profile import KEYS_BY_NAME
from .system import QualitySystem

__all__ = ["DATA_DIR", "LOCAL_FILE", "MET", "PARTIAL", "MISSING", "ASSESS_KINDS", "Requirement",
           "Framework", "frameworks", "Citation", "citations", "requirement_named", "Point",
           "Assessment", "FrameworkAssessment", "assess"]

DATA_DIR = Path(__file__).resolve().parent / "data"
LOCAL_FILE = "krav.yml"  # a municipality's own requirements, beside the models
MET, PARTIAL, MISSING = "uppfyllt", "delvis", "saknas"
Assess = Literal["processkarta", "processer", "aktiviteter", "rutiner", "samverkan", "process"]
ASSESS_KINDS: tuple[str, ...] = get_args(Assess)


# ---------------------------------------------------------------------------------------------
# The requirements


class _Entry(BaseModel):
    """One requirement as written in the YAML file (Swedish keys)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    paragraph: str = Field(alias="paragraf", min_length=1)
    title: str = Field(alias="rubrik", min_length=1)
    text: str = Field(alias="krav", min_length=1)
    assess: Assess = Field(default="process", alias="bedöms")
    action: str = Field(default="", alias="åtgärd")


@dataclass(frozen=True)
class Requirement:
    id: str  # "SOSFS 2011:9 5 kap. 1 §": the stable identity (anchors, finding element id)
    reference: lagrum.Reference
    title: str
    text: str
    assess: str
    action: str
    path: str
    line: int


@dataclass
class Framework:
    statute: str  # "SOSFS 2011:9"
    title: str
    description: str
    chapters: dict[int, str]
    requirements: list[Requirement]
    path: str

    @property
    def slug(self) -> str:
        return lagrum.statute_key(self.statute).replace(":", "-")


def framework_files(system: QualitySystem) -> list[str]:
    """The shipped files, then each ``krav.yml`` in a folder that holds models or the
    document register (sorted: the same models give the same requirements)."""
    shipped = sorted(str(p) for p in DATA_DIR.glob("*.yml"))
    folders: dict[str, str] = {}  # absolute -> as the user named it, for the messages
    for path in [*system.paths, system.register.path or ""]:
        if path:
            folders.setdefault(os.path.abspath(os.path.dirname(path)), os.path.dirname(path))
    local = [os.path.join(folders[f], LOCAL_FILE) for f in sorted(folders)]
    return shipped + [p for p in local if os.path.isfile(p)]


def frameworks(system: QualitySystem) -> tuple[list[Framework], list[Finding]]:
    """Every regulation with its requirements, read once per system."""
    return system.memo("compliance_frameworks", lambda: _read_all(framework_files(system)))


def _read_all(paths: list[str]) -> tuple[list[Framework], list[Finding]]:
    merged: dict[str, Framework] = {}
    findings: list[Finding] = []
    for path in paths:
        for framework in _read_file(path, findings):
            key = lagrum.statute_key(framework.statute)
            if key in merged:
                _extend(merged[key], framework)
            else:
                merged[key] = framework
    return list(merged.values()), findings


def _extend(base: Framework, extra: Framework) -> None:
    """A later file adds requirements to a regulation, or replaces one with the same paragraph."""
    by_key = {r.reference.key: i for i, r in enumerate(base.requirements)}
    for requirement in extra.requirements:
        if requirement.reference.key in by_key:
            base.requirements[by_key[requirement.reference.key]] = requirement
        else:
            base.requirements.append(requirement)
    base.chapters = {**base.chapters, **extra.chapters}


def _read_file(path: str, findings: list[Finding]) -> list[Framework]:
    try:
        with open(path, "rb") as fh:
            root = yaml.compose(fh, Loader=yaml.SafeLoader)
    except OSError as exc:
        findings.append(finding("KLS080", path, 1, detail=exc.strerror or str(exc)))
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        findings.append(finding("KLS080", path, mark.line + 1 if mark else 1,
                                detail=getattr(exc, "problem", None) or str(exc)))
        return []
    if root is None:
        return []
    nodes = root.value if isinstance(root, yaml.SequenceNode) else [root]
    return [f for f in (_framework(node, path, findings) for node in nodes) if f is not None]


def _framework(node, path: str, findings: list[Finding]) -> Framework | None:
    read = _fields(node, path, findings)
    if read is None:
        return None
    line, fields = read
    statute = _scalar(fields.get("författning"))
    if not statute:
        findings.append(finding("KLS080", path, line,
                                detail=texts.REGISTER_MISSING.format(field="författning")))
        return None
    unknown = sorted(set(fields) - {"författning", "titel", "beskrivning", "kapitel", "krav"})
    for key in unknown:
        findings.append(finding("KLS080", path, fields[key][0].start_mark.line + 1,
                                detail=texts.REGISTER_UNKNOWN_FIELD.format(field=key)))
    items = fields.get("krav", (None, None))[1]
    entries = items.value if isinstance(items, yaml.SequenceNode) else []
    requirements = [r for r in (_requirement(e, statute, path, findings) for e in entries) if r]
    return Framework(statute=statute, title=_scalar(fields.get("titel")) or statute,
                     description=_scalar(fields.get("beskrivning")),
                     chapters=_chapters(fields.get("kapitel")), requirements=requirements,
                     path=path)


def _fields(node, path: str, findings: list[Finding]) -> tuple[int, dict] | None:
    """The line and fields of a regulation or requirement; None, and a KLS080 at its line,
    when it is not written as fields."""
    line = node.start_mark.line + 1
    fields = _mapping(node)
    if fields is None:
        findings.append(finding("KLS080", path, line,
                                detail=texts.COMPLIANCE_FILE["not_a_mapping"]))
        return None
    return line, fields


def _mapping(node) -> dict | None:
    """key -> (key node, value node), or None when ``node`` is not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return {str(k.value): (k, v) for k, v in node.value}


def _scalar(pair) -> str:
    return str(pair[1].value).strip() if pair and isinstance(pair[1], yaml.ScalarNode) else ""


def _chapters(pair) -> dict[int, str]:
    fields = _mapping(pair[1]) if pair else None
    chapters = {}
    for key, value in (fields or {}).items():
        if key.strip().isdigit() and isinstance(value[1], yaml.ScalarNode):
            chapters[int(key)] = str(value[1].value).strip()
    return chapters


def _requirement(node, statute: str, path: str, findings: list[Finding]) -> Requirement | None:
    read = _fields(node, path, findings)
    if read is None:
        return None
    line, fields = read
    raw = {k: (v.value if isinstance(v, yaml.ScalarNode) else "") for k, (_, v) in fields.items()}
    ident = f"{statute} {raw.get('paragraf', '')}".strip()
    try:
        entry = _Entry.model_validate({k: v for k, v in raw.items() if v != ""})
    except ValidationError as exc:
        for err in exc.errors():
            name = str((err.get("loc") or ("?",))[0])
            where = fields[name][0].start_mark.line + 1 if name in fields else line
            findings.append(finding("KLS080", path, where, ident,
                                    detail=_swedish(err, name, raw.get(name, ""))))
        return None
    reference = lagrum.parse(f"{statute} {entry.paragraph}")
    if not reference.paragraphs:
        findings.append(finding("KLS080", path, fields["paragraf"][0].start_mark.line + 1, ident,
                                detail=texts.COMPLIANCE_FILE["bad_paragraph"].format(
                                    value=entry.paragraph)))
        return None
    return Requirement(id=reference.canonical, reference=reference, title=entry.title,
                       text=entry.text, assess=entry.assess, action=entry.action, path=path,
                       line=line)


def _swedish(err: dict, name: str, value: str) -> str:
    kind = err.get("type", "")
    if kind in ("missing", "string_too_short"):
        return texts.REGISTER_MISSING.format(field=name)
    if kind == "extra_forbidden":
        return texts.REGISTER_UNKNOWN_FIELD.format(field=name)
    if kind == "literal_error":
        return texts.COMPLIANCE_FILE["bad_assess"].format(value=value,
                                                     choices=", ".join(ASSESS_KINDS))
    return texts.REGISTER_BAD_VALUE.format(field=name, detail=err.get("msg", kind))


# ---------------------------------------------------------------------------------------------
# What the model says about requirements: `krav` and `lagrum` on processes and activities


@dataclass(frozen=True)
class Citation:
    node: str
    source: str  # "krav" or "lagrum"
    reference: lagrum.Reference


def citations(system: QualitySystem) -> list[Citation]:
    """Every ``krav`` and ``lagrum`` value of a process or activity in the graph, parsed."""
    def compute():
        G = system.graph
        found = []
        for node in g.processes(G) + g.activities(G):
            profile = g.node(G, node).profile
            for source, values in (("krav", profile.requirements), ("lagrum", profile.legal)):
                found += [Citation(node, source, lagrum.parse(v)) for v in values if v.strip()]
        return found
    return system.memo("compliance_citations", compute)


def requirement_named(system: QualitySystem, reference: lagrum.Reference) -> Requirement | None:
    for framework in frameworks(system)[0]:
        for requirement in framework.requirements:
            if reference.names(requirement.reference):
                return requirement
    return None


# ---------------------------------------------------------------------------------------------
# Assessment


@dataclass
class Point:
    """One thing the page says about a requirement: a key of the site's ``COMPLIANCE``
    templates (``site_build.texts``), the nodes it is about (linked on the page) and its
    parameters. ``gap``: something to be done."""

    key: str
    nodes: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    gap: bool = False


@dataclass
class Assessment:
    requirement: Requirement
    status: str
    evidence: tuple[str, ...]  # nodes that show the requirement is addressed
    points: list[Point]


@dataclass
class FrameworkAssessment:
    framework: Framework
    assessments: list[Assessment]

    def count(self, status: str) -> int:
        return sum(1 for a in self.assessments if a.status == status)


def assess(system: QualitySystem) -> list[FrameworkAssessment]:
    """Every requirement of every regulation, assessed against the model (once per system)."""
    def compute():
        return [FrameworkAssessment(f, [_assess(system, r) for r in f.requirements])
                for f in frameworks(system)[0]]
    return system.memo("compliance", compute)


def _assess(system: QualitySystem, requirement: Requirement) -> Assessment:
    evidence, points = ASSESSORS[requirement.assess](system, requirement)
    gaps = [p for p in points if p.gap]
    if not evidence:
        status = MISSING
    else:
        status = PARTIAL if gaps else MET
    return Assessment(requirement, status, tuple(evidence), points)


def _status_points(points: list[Point | None]) -> list[Point]:
    return [p for p in points if p is not None]


def _gap(key: str, nodes, **params) -> Point | None:
    """A gap about ``nodes``, or None when there are none."""
    nodes = tuple(nodes)
    return Point(key, nodes, params, gap=True) if nodes else None


def _process_map(system: QualitySystem, requirement: Requirement):
    G = system.graph
    map_id = system.map_id
    if map_id is None:
        return [], [Point("no_map", gap=True)]
    tops = list(dict.fromkeys(g.subprocesses(G, map_id)))
    categories = [g.node(G, p).profile.category for p in tops]
    choices = KEYS_BY_NAME["kategori"].choices
    counts = {c: categories.count(c) for c in choices}
    points = [Point("map_shows", (map_id,), {"counts": counts}),
              _gap("map_without_category", [p for p, c in zip(tops, categories) if c is None])]
    missing = [c for c in choices if not counts[c]]
    if missing:
        points.append(Point("map_missing_category", (map_id,), {"missing": missing}, gap=True))
    return [map_id], _status_points(points)


def _processes(system: QualitySystem, requirement: Requirement):
    G = system.graph
    processes = g.processes(G)
    if not processes:
        return [], [Point("no_processes", gap=True)]
    points = [
        Point("processes_identified", (), {"count": len(processes)}),
        _gap("missing_owner", [p for p in processes if not g.node(G, p).profile.owner]),
        _gap("missing_approved", [p for p in processes if not g.node(G, p).profile.approved]),
        _gap("missing_description", [p for p in processes if not _described(system, p)]),
    ]
    return processes, _status_points(points)


def _described(system: QualitySystem, process: str) -> bool:
    element = system.element(process)
    documentation = element.documentation if element is not None else ""
    return bool(documentation.strip() or g.node(system.graph, process).profile.purpose)


def _containers(G) -> list[str]:
    """Processes and embedded sub-processes: everything that has activities of its own."""
    subs = [a for a in g.activities(G) if g.node(G, a).bpmn_type in m.SUBPROCESS_TYPES]
    return g.processes(G) + subs


def _activity_order(system: QualitySystem, requirement: Requirement):
    G = system.graph
    activities = g.activities(G)
    if not activities:
        return [], [Point("no_activities", gap=True)]
    unordered = [a for a in activities
                 if not g.in_nodes(G, a, g.FLOWS_TO) and not g.out_nodes(G, a, g.FLOWS_TO)]
    empty = [p for p in g.processes(G) if not g.children(G, p)]
    points = [Point("activities_identified", (), {"count": len(activities),
                                                 "containers": len(_containers(G))}),
              _gap("activities_without_flow", unordered),
              _gap("processes_without_activities", empty)]
    return activities, _status_points(points)


def _tasks(G) -> list[str]:
    return [a for a in g.activities(G) if g.node(G, a).bpmn_type in m.TASK_TYPES]


def has_routine(G, activity: str) -> bool:
    return any(g.node(G, d).document.type == "rutin" for d in g.documents_of(G, activity))


def _routines(system: QualitySystem, requirement: Requirement):
    G = system.graph
    tasks = _tasks(G)
    if not tasks:
        return [], [Point("no_tasks", gap=True)]
    routine = {t: has_routine(G, t) for t in tasks}
    with_routine = [t for t in tasks if routine[t]]
    without_routine = [t for t in tasks if not routine[t]]
    without_role = [t for t in tasks if not g.out_nodes(G, t, g.PERFORMED_BY)]
    total = len(tasks)
    points = [Point("tasks_with_routine", (), {"count": len(with_routine), "total": total}),
              Point("tasks_with_role", (), {"count": total - len(without_role), "total": total}),
              _gap("tasks_without_routine", without_routine),
              _gap("tasks_without_role", without_role)]
    return with_routine, _status_points(points)


def _collaboration(system: QualitySystem, requirement: Requirement):
    G = system.graph
    collaborating = [p for p in _containers(G) if g.out_nodes(G, p, g.COLLABORATES_WITH)]
    if not collaborating:
        return [], [Point("no_collaboration", gap=True)]
    actors = {a for p in collaborating for a in g.out_nodes(G, p, g.COLLABORATES_WITH)}
    H = g.hierarchy(G)
    lacking = [p for p in _core_processes(system)
               if not set(collaborating) & ({p} | (nx.descendants(H, p) if p in H else set()))]
    points = [Point("collaborating", (), {"count": len(collaborating), "actors": len(actors)}),
              _gap("core_without_collaboration", lacking)]
    return collaborating, _status_points(points)


def _core_processes(system: QualitySystem) -> list[str]:
    """The level-1 huvudprocesser (all level-1 processes when none has that category)."""
    G = system.graph
    top = [p for p in g.processes(G) if g.node(G, p).level == 1]
    core = [p for p in top if g.node(G, p).profile.category == "huvudprocess"]
    return core or top


def _named_process(system: QualitySystem, requirement: Requirement):
    """The processes and activities that claim the requirement (``krav``) or cite its
    paragraph (``lagrum``); each must be a complete process (owner, fastställd, activities),
    a task with a routine, or call one."""
    G = system.graph
    claims, cites = [], []
    for citation in citations(system):
        if citation.reference.names(requirement.reference):
            (claims if citation.source == "krav" else cites).append(citation.node)
    claims = list(dict.fromkeys(claims))
    cites = [n for n in dict.fromkeys(cites) if n not in claims]
    evidence = claims + cites
    if not evidence:
        return [], [Point("none_found", (), {"reference": requirement.id}, gap=True)]
    problems: dict[str, list[str]] = {}
    for node in evidence:
        for problem in _shortcomings(G, node):
            problems.setdefault(problem, []).append(node)
    processes = [n for n in evidence if g.node(G, n).kind == "process"]
    without_routine = [t for p in processes for t in g.children(G, p)
                       if g.node(G, t).bpmn_type in m.TASK_TYPES and not has_routine(G, t)]
    points = [Point("claims", tuple(claims), {"reference": requirement.id}) if claims else None,
              Point("cites", tuple(cites), {"reference": requirement.id}) if cites else None,
              *(_gap(f"evidence_{k}", v) for k, v in sorted(problems.items())),
              Point("note_without_routine", tuple(without_routine)) if without_routine else None]
    return evidence, _status_points(points)


def _shortcomings(G, node: str) -> list[str]:
    """Why a node does not (yet) show that a requirement is met: empty when it does."""
    data = g.node(G, node)
    if data.kind == "process":
        profile = data.profile
        return [k for k, bad in (("missing_owner", not profile.owner),
                                 ("missing_approved", not profile.approved),
                                 ("no_activities", not g.children(G, node))) if bad]
    if data.bpmn_type == "callActivity":
        called = g.called(G, node)
        return _shortcomings(G, called) if called else ["calls_nothing"]
    if data.bpmn_type in m.SUBPROCESS_TYPES:
        return [] if g.children(G, node) else ["no_activities"]
    return [] if has_routine(G, node) else ["no_routine"]


#: How each kind of requirement is assessed: ``(system, requirement) -> (evidence, points)``.
ASSESSORS = {
    "processkarta": _process_map,
    "processer": _processes,
    "aktiviteter": _activity_order,
    "rutiner": _routines,
    "samverkan": _collaboration,
    "process": _named_process,
}
assert set(ASSESSORS) == set(ASSESS_KINDS)
