"""``kls.json``: the whole model this audience may see, as one deterministic JSON file (open
data for other systems). Keys are English and stable: it is an interface, not a page."""

from __future__ import annotations

import json

from kls_model import graph as g

from . import escape
from kls_model.collate import swedish_key
from .site import Site, served_path

FORMAT_VERSION = 2  # 2: activities and sub-processes keyed process/id, with bpmn_id
_JSON_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def open_data(site: Site) -> str:
    payload = {
        "format": "kls", "version": FORMAT_VERSION,
        "site": {"name": site.settings.site_name, "organisation": site.settings.organisation},
        "map": site.system.map_id if site.shown(site.system.map_id) else None,
        "processes": [_process(site, p) for p in sorted(site.pages)],
        "documents": [_document(site, d) for d in sorted(site.system.register.documents)
                      if site.shown(g.doc_node(d))],
        "roles": _roles(site),
        "hierarchy": _hierarchy(site),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1)
    # Model text may hold markup; as escapes it reads the same to a JSON parser but can
    # never be taken for HTML by a browser or a page that embeds the file.
    return text.translate(_JSON_SAFE) + "\n"


def _process(site: Site, node: str) -> dict:
    data = site.node(node)
    profile = data.profile
    return {
        "id": node, "bpmn_id": data.bpmn_id, "name": data.name, "type": data.bpmn_type,
        "level": data.level, "url": served_path(site.pages[node]),
        "description": site.documentation(node),
        "owner": profile.owner, "category": profile.category, "purpose": profile.purpose,
        "starts": profile.starts, "delivers": profile.delivers,
        "receivers": profile.receivers, "legal": profile.legal,
        "requirements": profile.requirements,
        "collaboration": sorted(site.name(a) for a in
                                g.out_nodes(site.G, node, g.COLLABORATES_WITH)),
        "version": profile.version,
        "approved": profile.approved.isoformat() if profile.approved else None,
        "visibility": profile.visibility,
        "documents": _doc_ids(site, node),
        "activities": [_activity(site, a) for a in g.children(site.G, node) if site.shown(a)],
    }


def _activity(site: Site, node: str) -> dict:
    data = site.node(node)
    called = g.called(site.G, node)
    return {
        "id": node, "bpmn_id": data.bpmn_id, "name": data.name, "type": data.bpmn_type,
        "description": site.documentation(node),
        "roles": sorted(site.name(r) for r in g.out_nodes(site.G, node, g.PERFORMED_BY)),
        "documents": _doc_ids(site, node), "legal": data.profile.legal,
        "requirements": data.profile.requirements,
        "calls": called if site.shown(called) else None,
    }


def _doc_ids(site: Site, node: str) -> list[str]:
    return sorted(d.id for d in site.documents(node))


def _document(site: Site, doc_id: str) -> dict:
    doc = site.system.register.documents[doc_id]
    return {
        "id": doc.id, "title": doc.title, "type": doc.type,
        "url": doc.url if escape.safe_url(doc.url) else None, "owner": doc.owner,
        "review_date": doc.review_date.isoformat() if doc.review_date else None,
        "visibility": doc.visibility, "description": doc.description, "used_in": sorted(site.users_of(g.doc_node(doc_id))),
    }


def _roles(site: Site) -> list[dict]:
    roles = []
    for node in g.of_kind(site.G, "role"):
        activities = sorted(a for a in g.role_activities(site.G, node) if site.shown(a))
        if activities:
            roles.append({"name": site.node(node).name, "activities": activities})
    return sorted(roles, key=lambda r: swedish_key(r["name"]))


def _hierarchy(site: Site) -> list[dict]:
    """Container -> what it calls or embeds, through which activity."""
    H = g.hierarchy(site.G)
    edges = [{"parent": u, "child": v, "via": d["via"]} for u, v, d in H.edges(data=True)
             if site.shown(u) and site.shown(v) and site.shown(d["via"])]
    return sorted(edges, key=lambda e: (e["parent"], e["child"], e["via"]))
