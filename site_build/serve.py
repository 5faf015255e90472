"""`kls serve`: live preview for processhandledare. Save a model in Camunda Modeler and the
browser reloads with the new diagram.

Pages are generated into a scratch docs directory that MkDocs' own live-reload server
watches. A watcher thread polls the model files; on a change it regenerates the pages into a
fresh directory and copies over only the files whose bytes changed, so MkDocs sees exactly
what changed. The derived config (the user's mkdocs.yml via INHERIT, plus our nav) is
rewritten only when the nav changes.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from kls_model import texts
from kls_model.load import discover, load

from . import search
from .build import BuildRequest, _load_config, _quiet_mkdocs
from .settings import SiteSettings, from_config

POLL_SECONDS = 0.5
SEARCH_RECORDS = "search-records.json"  # beside docs/, not in it: MkDocs would publish it


def serve(request: BuildRequest, addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    scratch = Path(tempfile.mkdtemp(prefix="kls-serve-"))
    try:
        config = _load_config(request.config, scratch)
        settings = from_config(config, request.audience)
        paths = request.models or [settings.models_dir]
        custom_dir = config["theme"].custom_dir
        config_file = regenerate(request, settings, paths, scratch, custom_dir)
        stop = threading.Event()
        watcher = threading.Thread(target=_watch, daemon=True,
                                   args=(request, settings, paths, scratch, custom_dir, stop))
        watcher.start()
        print(texts.SERVE_START.format(addr=addr))
        with _quiet_mkdocs():
            mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=addr)
        stop.set()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def regenerate(request: BuildRequest, settings: SiteSettings, paths: list[str],
               scratch: Path, custom_dir: str | None) -> Path:
    """Generate pages into ``scratch/fresh``, sync changes into ``scratch/docs``, and write the
    derived config. Returns the config path."""
    from site_build.pages import write_pages

    system, _ = load(paths)
    fresh = scratch / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    nav = write_pages(system, fresh, settings)
    _write_search_records(system, settings, scratch)  # before the docs: MkDocs rebuilds on them
    sync_tree(fresh, scratch / "docs")
    config_file = scratch / "mkdocs.yml"
    _write_if_changed(config_file, _derived_config(request.config, scratch, nav, custom_dir))
    shutil.rmtree(fresh, ignore_errors=True)
    return config_file


def _derived_config(user_config: Path, scratch: Path, nav: list,
                    custom_dir: str | None) -> str:
    """The user's config via INHERIT plus our paths and nav. Relative paths would resolve
    against this derived file, so the theme's custom_dir (absolute once MkDocs has loaded
    the user's config) is repeated here."""
    derived = {"INHERIT": str(user_config.resolve()), "docs_dir": str(scratch / "docs"),
               "site_dir": str(scratch / "site"), "nav": nav}
    # Site search: the theme's strings, and a hook that indexes after every rebuild.
    derived["extra"] = {search.CONFIG_KEY: {**search.theme_strings(),
                                            "records": str(scratch / SEARCH_RECORDS)}}
    derived["hooks"] = [str(Path(search.__file__).with_name("serve_hook.py"))]
    if custom_dir:
        derived["theme"] = {"custom_dir": custom_dir}
    return yaml.safe_dump(derived, allow_unicode=True, sort_keys=True)


def _write_search_records(system, settings: SiteSettings, scratch: Path) -> None:
    records = search.site_records(system, settings)
    _write_if_changed(scratch / SEARCH_RECORDS, search.dumps(records))


def sync_tree(src: Path, dst: Path) -> list[str]:
    """Make ``dst`` equal ``src``, touching only files that differ; return what changed."""
    changed = []
    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        target = dst / rel
        if path.is_dir():
            target.mkdir(exist_ok=True)
        elif not target.exists() or not filecmp.cmp(path, target, shallow=False):
            shutil.copyfile(path, target)
            changed.append(rel.as_posix())
    for path in sorted(dst.rglob("*"), reverse=True):
        if not (src / path.relative_to(dst)).exists():
            (shutil.rmtree if path.is_dir() else os.remove)(path)
            changed.append(path.relative_to(dst).as_posix())
    return changed


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _snapshot(paths: list[str]) -> dict[str, float]:
    bpmn, registers = discover(paths)
    return {f: os.path.getmtime(f) for f in bpmn + registers if os.path.exists(f)}


def _watch(request, settings, paths, scratch: Path, custom_dir, stop: threading.Event) -> None:
    seen = _snapshot(paths)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(paths)
        if now == seen:
            continue
        files = sorted(set(now.items()) ^ set(seen.items()))
        seen = now
        try:
            regenerate(request, settings, paths, scratch, custom_dir)
        except Exception as exc:  # noqa: BLE001 - a preview must survive a half-saved file
            print(texts.BUILD_FAILED.format(detail=exc), file=sys.stderr)
            continue
        print(texts.SERVE_REBUILT.format(files=", ".join(sorted({f for f, _ in files}))))
