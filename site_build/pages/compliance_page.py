"""Uppfyllelse av SOSFS 2011:9 (and of every other regulation in the requirement files): one
page per regulation, one section per requirement.

Internal site: the status of each requirement (uppfyllt, delvis, saknas) as
``kls_model.compliance`` derives it, what the model shows with links to the processes, and the
gaps with what must be done. Public site: the requirement and the public processes where the
work is described, without status or gaps (a gap list is the organisation's own working
material, and its links would lead to internal processes)."""

from __future__ import annotations

from kls_model import compliance as c
from kls_model import graph as g

from ..texts import CATEGORY_HEADINGS, COMPLIANCE as C, PAGES as T
from . import escape
from .blocks import bullet_list, heading, table
from .index_pages import ACTOR_INDEX, DOCUMENT_INDEX, PROCESS_INDEX
from .site import START_PAGE, Site, name_slug, relative

COMPLIANCE_DIR = "krav"
#: The guide's section on what a gap asks for: ``krav`` and ``lagrum``, or the profile.
GUIDE = {"process": ("compliance_guide", "guide/kls-profilen.md#krav-och-uppfyllelse")}
GUIDE_DEFAULT = ("compliance_guide_profile", "guide/kls-profilen.md")
MAX_LINKS = 25  # a longer gap list is cut here; the reports list every item
#: Where the site shows what a structural requirement is about.
KIND_PAGES = {"processkarta": START_PAGE, "processer": PROCESS_INDEX,
              "aktiviteter": PROCESS_INDEX, "rutiner": DOCUMENT_INDEX, "samverkan": ACTOR_INDEX}
_ADMONITION = {c.MET: "success", c.PARTIAL: "warning", c.MISSING: "failure"}


def compliance_path(framework: c.Framework) -> str:
    return f"{COMPLIANCE_DIR}/{name_slug(framework.statute, set())}.md"


def requirement_anchors(framework: c.Framework) -> dict[str, str]:
    """Requirement id -> its section's anchor ("5-kap-1"), unique on the page."""
    taken: set[str] = set()
    return {r.id: name_slug(r.reference.text[len(framework.statute):], taken)
            for r in framework.requirements}


def requirement_href(from_page: str, framework: c.Framework, requirement: c.Requirement) -> str:
    anchor = requirement_anchors(framework)[requirement.id]
    return f"{relative(from_page, compliance_path(framework))}#{anchor}"


def compliance_page_paths(site: Site) -> list[str]:
    """The paths compliance_pages renders, known before the requirements are assessed (the
    preview's page table)."""
    return [compliance_path(f) for f in c.frameworks(site.system)[0]]


def compliance_pages(site: Site) -> dict[str, str]:
    """Page path -> Markdown, one page per regulation."""
    return {compliance_path(a.framework): _page(site, compliance_path(a.framework), a)
            for a in c.assess(site.system)}


def _page(site: Site, page: str, assessed: c.FrameworkAssessment) -> str:
    framework = assessed.framework
    anchors = requirement_anchors(framework)
    public = site.settings.public
    intro = T["compliance_public_intro" if public else "compliance_intro"]
    parts = [_title(framework),
             escape.text(intro.format(statute=framework.statute, title=framework.title)),
             escape.text(framework.description)]
    if not public:
        parts += [_summary(site, assessed), _overview(assessed, anchors)]
    section = _public_section if public else _section
    for chapter, assessments in _by_chapter(assessed.assessments):
        parts.append(_chapter_heading(framework, chapter))
        parts += [section(site, page, a, anchors) for a in assessments]
    return "\n\n".join(p for p in parts if p) + "\n"


# -- the internal page: status, what the model shows, what to do ------------------------------


def _title(framework: c.Framework) -> str:
    return heading(1, escape.text(T["title_compliance"].format(statute=framework.statute)))


def _summary(site: Site, assessed: c.FrameworkAssessment) -> str:
    counts = {"met": assessed.count(c.MET), "partial": assessed.count(c.PARTIAL),
              "missing": assessed.count(c.MISSING), "total": len(assessed.assessments)}
    text = f"**{escape.text(T['compliance_summary'].format(**counts))}**"
    changes = site.settings.changes
    if changes:
        text += " " + escape.text(T["compliance_as_of"].format(date=changes[0].date.isoformat()))
    return text


def _overview(assessed: c.FrameworkAssessment, anchors: dict[str, str]) -> str:
    rows = [[f"[{escape.text(_paragraph(a.requirement))}](#{anchors[a.requirement.id]})",
             escape.text(a.requirement.title), _status(a.status)] for a in assessed.assessments]
    return table([T["compliance_col_requirement"], T["compliance_col_title"], T["col_status"]],
                 rows)


def _status(status: str) -> str:
    """The status in words; what needs work stands out in bold."""
    text = escape.text(C[status])
    return text if status == c.MET else f"**{text}**"


def _paragraph(requirement: c.Requirement) -> str:
    """"5 kap. 1 §" (the requirement's id without the regulation's name)."""
    ref = requirement.reference
    return ref.text[len(ref.statute):].strip() or ref.text


def _by_chapter(assessments: list[c.Assessment]) -> list[tuple[int | None, list]]:
    groups: dict[int | None, list] = {}
    for a in assessments:
        groups.setdefault(a.requirement.reference.chapter, []).append(a)
    return list(groups.items())


def _chapter_heading(framework: c.Framework, chapter: int | None) -> str:
    title = framework.chapters.get(chapter) if chapter is not None else None
    if not title:
        return ""
    return heading(2, escape.text(T["compliance_chapter"].format(chapter=chapter, title=title)))


def _requirement_heading(requirement: c.Requirement, anchor: str) -> str:
    return heading(3, escape.text(f"{_paragraph(requirement)} {requirement.title}"), anchor)


def _section(site: Site, page: str, a: c.Assessment, anchors: dict[str, str]) -> str:
    requirement = a.requirement
    status = (f'!!! {_ADMONITION[a.status]} "{escape.attr(C[a.status])}"\n\n'
              f"    {escape.text(requirement.text)}")
    shown = [_point(site, page, p) for p in a.points if not p.gap]
    gaps = [_point(site, page, p) for p in a.points if p.gap]
    parts = [_requirement_heading(requirement, anchors[requirement.id]), status,
             _labelled(T["compliance_shows"], shown), _see(site, page, requirement)]
    if gaps:
        action = escape.text(requirement.action) if requirement.action else \
            T["compliance_action_default"].format(reference=requirement.id.replace("`", "'"))
        label, target = GUIDE.get(requirement.assess, GUIDE_DEFAULT)
        guide = f"[{escape.text(T[label])}]({relative(page, target)})"
        parts.append(_labelled(T["compliance_todo"], gaps + [action, guide]))
    return "\n\n".join(p for p in parts if p)


def _labelled(label: str, items: list[str]) -> str:
    return f"**{escape.text(label)}**\n\n{bullet_list(items)}" if items else ""


def _see(site: Site, page: str, requirement: c.Requirement) -> str:
    """"Se <the page where the site shows this>." for the structural requirements."""
    target = KIND_PAGES.get(requirement.assess)
    if target is None:
        return ""
    link = f"[{escape.text(_PAGE_TITLES[target])}]({relative(page, target)})"
    before, _, after = T["compliance_see"].partition("{link}")
    return " ".join(p for p in (escape.text(before), link) if p) + escape.text(after)


_PAGE_TITLES = {PROCESS_INDEX: T["title_processes"], DOCUMENT_INDEX: T["title_documents"],
                ACTOR_INDEX: T["title_collaboration"], START_PAGE: T["nav_map"]}


def _point(site: Site, page: str, point: c.Point) -> str:
    """The point's sentence with its nodes as links, at "{nodes}" or after a colon."""
    params = dict(point.params)
    params.update(params.pop("counts", {}))
    if "missing" in params:
        params["missing"] = ", ".join(CATEGORY_HEADINGS[m].lower() for m in params["missing"])
    params.setdefault("count", len(point.nodes))
    before, marker, after = C[point.key].partition("{nodes}")
    links = _links(site, page, point.nodes, with_owner=point.gap)
    if marker:
        return (escape.text(before.format(**params)) + " " + links + " "
                + escape.text(after.format(**params))).replace("  ", " ").strip()
    sentence = escape.text(before.format(**params))
    return f"{sentence}: {links}" if links else sentence


def _links(site: Site, page: str, nodes: tuple[str, ...], with_owner: bool = False) -> str:
    """Links to ``nodes``; for a gap each with its process owner, who answers for it."""
    shown = [n for n in nodes if site.shown(n)]
    links = [_node_link(site, page, n, with_owner) for n in shown[:MAX_LINKS]]
    if len(shown) > MAX_LINKS:
        links.append(escape.text(T["compliance_more"].format(count=len(shown) - MAX_LINKS)))
    return ", ".join(links)


def _node_link(site: Site, page: str, node: str, with_owner: bool = False) -> str:
    """A process by its page; an activity by its section, with its process for context."""
    context = []
    if node in site.pages:
        link = site.link(page, node, label=site.qualified_name(node))
    else:
        link = site.link(page, node, follow=False)
        container = site.container_of(node)
        context += [escape.text(site.name(container))] if container else []
    owners = g.out_nodes(site.G, site.process_of(node) or node, g.OWNED_BY) if with_owner else []
    if owners:
        before, _, after = T["owner_of"].partition("{link}")
        context.append(f"{escape.text(before)} {site.named_link(page, owners[0])}"
                       f"{escape.text(after)}")
    return f"{link} ({', '.join(context)})" if context else link


# -- the public page: the requirement and where the work is described ------------------------


def _public_section(site: Site, page: str, a: c.Assessment, anchors: dict[str, str]) -> str:
    requirement = a.requirement
    evidence = _links(site, page, a.evidence) if requirement.assess == "process" else ""
    where = (f"**{escape.text(T['compliance_processes'])}:** {evidence}" if evidence
             else _see(site, page, requirement))
    parts = [_requirement_heading(requirement, anchors[requirement.id]),
             escape.text(requirement.text), where]
    return "\n\n".join(p for p in parts if p)
