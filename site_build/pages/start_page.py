"""The start page: the clickable process map, then the level-1 processes as lists grouped by
category, for keyboard and screen-reader users (and for printing)."""

from __future__ import annotations

from kls_model import graph as g
from kls_model.collate import swedish_key
from kls_model.profile import KEYS_BY_NAME

from ..texts import CATEGORY_HEADINGS, PAGES as T
from . import escape
from .blocks import bullet_list, documents_by_type, feedback, heading
from .embed import diagram_block
from .index_pages import PROCESS_INDEX
from .site import START_PAGE, Site

CATEGORIES = KEYS_BY_NAME["kategori"].choices
OPEN_DATA = "kls.json"


def start_page(site: Site) -> str:
    map_id = site.system.map_id
    has_map = map_id is not None and site.pages.get(map_id) == START_PAGE
    title = site.name(map_id) if has_map else site.settings.site_name
    parts = [heading(1, escape.text(title))]
    if has_map:
        parts += [escape.documentation(site.documentation(map_id)),
                  escape.text(T["map_intro"]),
                  diagram_block(site, START_PAGE, map_id) or ""]
    else:
        parts.append(T["map_no_map"].format(href=PROCESS_INDEX))
    parts += [_category_lists(site, top_processes(site)),
              _map_documents(site, map_id) if has_map else "",
              T["open_data"].format(href=OPEN_DATA),
              feedback(site, START_PAGE, title)]
    return "\n\n".join(p for p in parts if p) + "\n"


def top_processes(site: Site) -> list[str]:
    """The shown level-1 processes: in the map's flow order, or A–Ö without a map."""
    G = site.G
    map_id = site.system.map_id
    if map_id is not None and map_id in site.pages:
        found = g.subprocesses(G, map_id)
    else:
        found = sorted((p for p in g.processes(G) if site.node(p).level == 1),
                       key=lambda p: swedish_key(site.name(p)))
    return [p for p in dict.fromkeys(found) if site.shown(p) and p in site.pages]


def _category_lists(site: Site, processes: list[str]) -> str:
    blocks = [heading(2, escape.text(T["map_lists"]))]
    for category in (*CATEGORIES, None):
        members = [p for p in processes if site.node(p).profile.category == category]
        if not members:
            continue
        title = CATEGORY_HEADINGS.get(category, T["map_other"]) if category else T["map_other"]
        blocks.append(heading(3, escape.text(title)))
        blocks.append(bullet_list([site.link(START_PAGE, p) for p in members]))
    return "\n\n".join(blocks) if len(blocks) > 1 else ""


def _map_documents(site: Site, map_id: str) -> str:
    docs = documents_by_type(site.documents(map_id))
    return f"{heading(2, escape.text(T['map_documents']))}\n\n{docs}" if docs else ""
