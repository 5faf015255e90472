"""`kls init`: start a municipality's own KLS in an empty folder.

It writes ``mkdocs.yml`` (the site's name, the organisation and its functional mailbox),
``models/`` with a process map and one process drawn as Camunda Modeler draws them and linked
to the element templates, an empty document register with one commented example, the element
templates (``models/.camunda/element-templates/``), ``.gitignore`` and a short Swedish README
with the next three steps. `kls check`, `kls build` and `kls serve` then work in the folder.
A folder that is not empty is refused: nothing a user has is ever overwritten.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kls_model.documents import read_register
from kls_model.templates import TEMPLATE_SUBDIR, write_templates

from . import texts

SKELETON = Path(__file__).resolve().parent / "skeleton"
#: Skeleton file -> where it goes (dot files are kept without their dot: package data globs
#: leave dot files out).
_RENAMED = {"gitignore": ".gitignore"}
_FILLED = {"mkdocs.yml", "README.md"}  # they carry the site's name, organisation and mailbox


def init(target: Path, site_name: str, organisation: str, mailbox: str) -> int:
    """Create the KLS; the exit code (0 done, 1 refused or failed)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(texts.INIT_NOT_EMPTY.format(path=target), file=sys.stderr)
        return 1
    values = {"site_name": _yaml_text(site_name), "organisation": _yaml_text(organisation),
              "mailbox": _yaml_text(mailbox)}
    try:
        for source in sorted(p for p in SKELETON.rglob("*") if p.is_file()):
            rel = source.relative_to(SKELETON)
            dest = target / rel.parent / _RENAMED.get(rel.name, rel.name)
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            if rel.as_posix() in _FILLED:
                text = text.format(**values) if rel.name == "mkdocs.yml" else text.format(
                    site_name=site_name, organisation=organisation)
            dest.write_text(text, encoding="utf-8")
        register, _ = read_register(str(target / "models" / "dokument.yml"))
        write_templates(register, str(target / "models" / TEMPLATE_SUBDIR))
    except OSError as exc:
        print(texts.INIT_FAILED.format(path=exc.filename or target, detail=exc.strerror or exc),
              file=sys.stderr)
        return 1
    print(texts.INIT_DONE.format(path=target))
    return 0


def _yaml_text(value: str) -> str:
    """A value for mkdocs.yml: a JSON string is a valid YAML double-quoted scalar, whatever
    characters the name has."""
    return json.dumps(value, ensure_ascii=False)
