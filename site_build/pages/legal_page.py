"""Lagrum A–Ö: every legal reference the processes and activities cite (``lagrum`` and
``krav``), grouped by statute A–Ö and in chapter and paragraph order within it, each with the
processes and activities that cite it. Spelling variants of one reference are one entry
(``SoL 11 kap 1§`` is ``SoL 11 kap. 1 §``); a reference that is a requirement links to its
section on the compliance page."""

from __future__ import annotations

from collections import Counter

from kls_model import compliance as c
from kls_model.collate import swedish_key
from kls_model.lagrum import Reference, name_key

from ..texts import PAGES as T
from . import escape
from .blocks import bullet_list, heading
from .compliance_page import requirement_href
from .site import Site

LEGAL_PAGE = "lagrum.md"


def legal_page(site: Site) -> str:
    groups = _groups(site)
    by_statute: dict[str, list[tuple]] = {}
    for key, (references, nodes) in groups.items():
        by_statute.setdefault(key[0], []).append((references, nodes))
    parts = [heading(1, escape.text(T["title_legal"])),
             escape.text(T["legal_intro" if groups else "legal_none"])]
    spelled = {k: _common([r.statute for refs, _ in v for r in refs])
               for k, v in by_statute.items()}
    for statute in sorted(by_statute, key=lambda k: (swedish_key(spelled[k]), k)):
        entries = sorted(by_statute[statute], key=lambda e: (e[0][0].sort_key(), e[0][0].text))
        parts.append(heading(2, escape.text(spelled[statute])))
        parts.append(bullet_list([_item(site, refs, nodes) for refs, nodes in entries]))
    return "\n\n".join(parts) + "\n"


def _groups(site: Site) -> dict[tuple, tuple[list[Reference], list[str]]]:
    """Reference key -> (every spelling cited, the shown nodes citing it). A statute cited
    both by name and with its SFS number ("Arkivlagen", "Arkivlagen (1990:782) 3 §") is one."""
    cited = [x for x in c.citations(site.system) if x.reference.text and site.shown(x.node)
             and (x.node in site.pages or site.container_of(x.node) is not None)]
    numbered = {name_key(r.statute): r.statute_key
                for r in sorted({x.reference for x in cited}, key=lambda r: r.text)
                if r.statute_key != name_key(r.statute)}
    groups: dict[tuple, tuple[list[Reference], list[str]]] = {}
    for citation in cited:
        ref = citation.reference
        statute = numbered.get(name_key(ref.statute), ref.statute_key)
        key = (statute, ref.chapter, ref.paragraphs, ref.rest.casefold())
        references, nodes = groups.setdefault(key, ([], []))
        references.append(citation.reference)
        if citation.node not in nodes:
            nodes.append(citation.node)
    return groups


def _common(spellings: list[str]) -> str:
    """The spelling most citations use (ties: the longest, then the first A–Ö), so one
    variant never splits a heading and the fullest name wins."""
    counts = Counter(spellings)
    return min(counts, key=lambda s: (-counts[s], -len(s), s))


def _item(site: Site, references: list[Reference], nodes: list[str]) -> str:
    reference = next(r for r in references if r.text == _common([r.text for r in references]))
    label = f"**{escape.text(reference.text)}**"
    requirement = c.requirement_named(site.system, reference)
    if requirement is not None:
        framework = next(f for f in c.frameworks(site.system)[0]
                         if requirement in f.requirements)
        href = requirement_href(LEGAL_PAGE, framework, requirement)
        link = f"[{escape.text(requirement.title)}]({href})"
        before, _, after = T["legal_requirement"].partition("{link}")
        label += f" ({escape.text(before)} {link}{escape.text(after)})"
    processes = [n for n in nodes if n in site.pages]
    activities = [n for n in nodes if n not in site.pages]
    links = [site.link(LEGAL_PAGE, p, label=site.qualified_name(p))
             for p in sorted(processes, key=lambda n: _key(site, n))]
    links += [f"{site.link(LEGAL_PAGE, a, follow=False)} "
              f"({escape.text(site.name(site.container_of(a)))})"
              for a in sorted(activities, key=lambda n: _key(site, n))]
    return f"{label}: {', '.join(links)}"


def _key(site: Site, node: str) -> tuple:
    return swedish_key(site.name(node)), node
