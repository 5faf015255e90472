"""The MkDocs configuration of a kls site.

A municipality's ``mkdocs.yml`` says what is theirs: the site's name and address, colours,
and ``extra.kls`` (organisation, functional mailbox, models). What every kls site needs is
added here, so a site built from a plain install works with no file from kls's repository:
kls's theme files (searched after the user's own ``custom_dir``, if any), Material in Swedish
without web fonts, no MkDocs search plugin (search is Pagefind), the Markdown extensions the
generated pages use, and kls's stylesheet and scripts.

``extra.kls`` is validated the MkDocs way: every problem is collected; an unknown key is a
warning with a "menade du …?" hint (KLS095), a wrong type or value is an error naming the
key, its line and what is expected (KLS096).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from kls_model.diagnostics import Finding, finding
from kls_model.texts import DID_YOU_MEAN

from kls_theme import THEME_DIR  # kls's own theme files

from . import texts

#: Material as every kls site uses it; a key the user sets wins.
THEME_DEFAULTS = {
    "name": "material",
    "language": "sv",
    # No Google Fonts: the site must not send employees' visits to a third party, and it
    # must work on an intranet without internet access.
    "font": False,
    "features": ["navigation.indexes", "navigation.prune", "navigation.sections",
                 "navigation.top", "content.tooltips"],
}
#: What the generated pages are written with.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables",
                       {"toc": {"permalink": True,
                                "permalink_title": texts.CONFIG_PERMALINK_TITLE}}]
EXTRA_CSS = ["assets/kls.css"]
EXTRA_JAVASCRIPT = ["assets/kls-viewer.js"]  # the diagram viewer

#: extra.kls: key -> (expected type, its Swedish name, default).
SETTINGS = {
    "organisation": (str, texts.CONFIG_TYPE_TEXT, ""),
    "feedback_email": (str, texts.CONFIG_TYPE_EMAIL, ""),
    "models": ((str, list), texts.CONFIG_TYPE_PATHS, "models"),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class _Loader(yaml.SafeLoader):
    """Composes any mkdocs.yml for its lines: MkDocs' own tags (!ENV, !relative,
    !!python/name for Material's emoji) are never run."""


def read(path: Path) -> tuple[dict, yaml.Node | None]:
    """The user's config as MkDocs reads it (``INHERIT`` and ``!ENV`` resolved), and the
    file's YAML nodes (for line numbers)."""
    from mkdocs.utils import yaml_load

    with open(path, encoding="utf-8") as fh:
        data = yaml_load(fh) or {}
    return data, yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)


def overrides(raw: dict) -> dict:
    """What kls sets on top of the user's config (passed to MkDocs' load_config)."""
    theme = raw.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {})
    for key, value in THEME_DEFAULTS.items():
        theme.setdefault(key, value)
    return {
        "theme": theme,
        # Left out, `plugins` would default to MkDocs' lunr search.
        "plugins": raw.get("plugins") if raw.get("plugins") is not None else [],
        "markdown_extensions": _merged_extensions(raw.get("markdown_extensions") or []),
        "extra_css": EXTRA_CSS + [c for c in raw.get("extra_css") or [] if c not in EXTRA_CSS],
        "extra_javascript": EXTRA_JAVASCRIPT + [
            j for j in raw.get("extra_javascript") or [] if j not in EXTRA_JAVASCRIPT],
    }


def _merged_extensions(user: list) -> list:
    names = {e if isinstance(e, str) else next(iter(e)) for e in user}
    return user + [e for e in MARKDOWN_EXTENSIONS
                   if (e if isinstance(e, str) else next(iter(e))) not in names]


def add_theme(config) -> None:
    """Search kls's theme files right after the user's own custom_dir (MkDocs has one)."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


# -- extra.kls -------------------------------------------------------------------------------


def validate_settings(raw: dict, root: yaml.Node | None, path: Path) -> tuple[dict, list[Finding]]:
    """The values of ``extra.kls`` (defaults for what is missing) and every problem."""
    kls = (raw.get("extra") or {}).get("kls") if isinstance(raw.get("extra"), dict) else None
    values = {key: default for key, (_t, _n, default) in SETTINGS.items()}
    if kls is None:
        return values, []
    nodes = _nodes(root, ("extra", "kls"))
    if not isinstance(kls, dict):
        return values, [finding("KLS096", str(path), _line(nodes, None), key="extra.kls",
                                value=_show(kls), expected=texts.CONFIG_TYPE_MAPPING)]
    problems = []
    for key, value in kls.items():
        line = _line(nodes, key)
        if key not in SETTINGS:
            close = difflib.get_close_matches(str(key), SETTINGS, n=1, cutoff=0.6)
            hint = (DID_YOU_MEAN.format(suggestion=close[0]) if close
                    else texts.CONFIG_KNOWN_KEYS.format(keys=", ".join(SETTINGS)))
            problems.append(finding("KLS095", str(path), line, key=str(key), hint=hint))
            continue
        expected, name, _default = SETTINGS[key]
        if not _valid(key, value, expected):
            problems.append(finding("KLS096", str(path), line, key=f"extra.kls.{key}",
                                    value=_show(value), expected=name))
            continue
        values[key] = value
    return values, problems


def _valid(key: str, value, expected) -> bool:
    if isinstance(value, bool) or not isinstance(value, expected):
        return False
    if key == "feedback_email":
        return value == "" or valid_mailbox(value)
    if key == "models" and isinstance(value, list):
        return bool(value) and all(isinstance(v, str) and v for v in value)
    return True


def valid_mailbox(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def _show(value) -> str:
    return repr(value) if not isinstance(value, str) else value


def _nodes(root, keys: tuple[str, ...]):
    node = root
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if k.value == key), None)
    return node


def _line(mapping, key) -> int:
    """The line of ``key`` in a YAML mapping node (1-based), or of the mapping itself."""
    if not isinstance(mapping, yaml.MappingNode):
        return 1
    for k, _v in mapping.value:
        if k.value == key:
            return k.start_mark.line + 1
    return mapping.start_mark.line + 1
