"""`kls build`: check the model, generate pages, run MkDocs, and swap the site in atomically.

Gather everything, then write: the model is loaded and validated first; pages and the MkDocs
site are written into a temporary directory beside the target; only when all of that has
succeeded is the new site renamed into place. A failed or killed build leaves the previous
site exactly as it was. The same input gives the same bytes (SOURCE_DATE_EPOCH from git).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from kls_model.check import print_text, run_check

from . import history, search, texts
from .config import add_theme, overrides, read
from .settings import SiteSettings, site_settings


class BuildError(Exception):
    """A build that cannot go on; its message is Swedish and meant for the user."""


@dataclass
class BuildRequest:
    config: Path  # the user's mkdocs.yml
    out: Path
    audience: str = "internal"
    allow_errors: bool = False
    models: list[str] | None = None  # default: extra.kls.models in mkdocs.yml, else models/
    today: dt.date | None = None  # for review dates; default: the newest commit's date


def build(request: BuildRequest) -> int:
    """Build the site; return the exit code (0 ok, 1 failed). Never leaves a half site."""
    try:
        _recover(request.out)
        with _staging(request.out) as staging:
            _build_into(request, staging)
            _swap(staging / "site", request.out)
    except BuildError as exc:
        print(texts.BUILD_FAILED.format(detail=exc), file=sys.stderr)
        return 1
    except OSError as exc:  # writing pages, the staging directory, the swap
        detail = texts.BUILD_OS_ERROR.format(path=exc.filename or request.out,
                                             detail=exc.strerror or exc)
        print(texts.BUILD_FAILED.format(detail=detail), file=sys.stderr)
        return 1
    print(texts.BUILD_DONE.format(out=request.out))
    return 0


def _build_into(request: BuildRequest, staging: Path) -> None:
    from site_build.pages import write_pages

    config, settings, paths = load_site(request, staging)
    newest = history.newest_commit(paths)
    result = run_check(paths, today=request.today or review_day(newest))
    if result.errors and not request.allow_errors:
        print_text(result, out=sys.stderr)
        raise BuildError(texts.BUILD_MODEL_ERRORS.format(errors=result.errors))
    add_history(settings, paths, result.system)
    problems: list = []
    nav = write_pages(result.system, staging / "docs", settings, problems)
    for problem in problems:  # the build goes on, but says what the site could not show
        print(problem.format(), file=sys.stderr)
    config["nav"] = nav  # the config loaded above; MkDocs reads nav only when it builds
    _run_mkdocs(config, history.source_date_epoch(newest, result.system.paths))
    _index_search(result.system, settings, config, staging / "site")


def load_site(request: BuildRequest, staging: Path) -> tuple[object, SiteSettings, list[str]]:
    """The MkDocs config, the validated settings and the model paths of a build or preview.
    Settings problems are printed, every one; errors among them stop here."""
    config = load_config(request.config, staging)
    settings, problems = site_settings(config, request.audience)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        raise BuildError(texts.BUILD_SETTINGS_ERRORS.format(errors=len(errors),
                                                            path=request.config))
    paths = request.models or settings.models
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise BuildError(texts.BUILD_MODELS_MISSING.format(paths=", ".join(missing)))
    return config, settings, paths


def review_day(newest: int | None) -> dt.date:
    """The "today" that review dates are judged against in a build: the date of the newest
    commit touching the models (``history.newest_commit``), so the same models give the same
    site on any day; today's date for models outside git."""
    if newest is None:
        return dt.date.today()
    return dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).date()


def index_search(system, settings, config, site_dir: Path) -> None:
    """Pagefind over a built site; SearchIndexError when it cannot."""
    search.write_index(site_dir, search.site_records(system, settings), search.language(config))


def _index_search(system, settings, config, site_dir: Path) -> None:
    """Pagefind over the built site, still in staging: a failed index never publishes."""
    try:
        index_search(system, settings, config, site_dir)
    except search.SearchIndexError as exc:
        raise BuildError(texts.BUILD_SEARCH.format(detail=exc)) from exc


def add_history(settings, paths: list[str], system) -> None:
    """What git says about the models: the "Senaste ändringar" page, each process's last
    change."""
    settings.changes = history.changes(paths, system)
    settings.last_changed = history.last_changed(settings.changes)


def load_config(path: Path, staging: Path):
    """The user's mkdocs.yml with docs_dir and site_dir in ``staging`` (the build's staging
    directory, the preview's scratch directory)."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import ConfigurationError

    (staging / "docs").mkdir(exist_ok=True)
    paths = {"docs_dir": str(staging / "docs"), "site_dir": str(staging / "site")}
    try:
        raw, _nodes = read(path)
        with quiet_mkdocs():
            config = mkdocs_load_config(config_file=str(path), **paths, **overrides(raw))
    except (ConfigurationError, OSError, yaml.YAMLError) as exc:
        raise BuildError(texts.BUILD_CONFIG.format(path=path, detail=exc)) from exc
    add_theme(config)
    config["extra"][search.CONFIG_KEY] = search.theme_strings()  # the header's search box
    return config


def _run_mkdocs(config, epoch: int) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    try:
        with quiet_mkdocs(), source_date_epoch(epoch):
            mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(texts.BUILD_MKDOCS.format(detail=exc)) from exc


@contextlib.contextmanager
def source_date_epoch(epoch: int):
    """The models' time as SOURCE_DATE_EPOCH while MkDocs runs (page and sitemap dates), so
    the same models give the same bytes; the environment is restored after."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextlib.contextmanager
def quiet_mkdocs():
    """MkDocs logs every step in English at INFO; our users read our Swedish summary."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


# ---------------------------------------------------------------------------------------------
# Atomic publishing. The staging directory lives beside the target so the final rename never
# crosses a filesystem.


@contextlib.contextmanager
def _staging(out: Path):
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _old(out: Path) -> Path:
    return out.parent / f".{out.name}.old"


def _swap(new: Path, out: Path) -> None:
    old = _old(out)
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _recover(out: Path) -> None:
    """Undo what a build killed between the two renames of ``_swap`` left behind, and sweep
    staging directories of builds that were killed outright."""
    old = _old(out)
    if old.exists() and not out.exists():
        os.rename(old, out)
    if out.parent.exists():
        for stale in out.parent.glob(f".{out.name}.build-*"):
            shutil.rmtree(stale, ignore_errors=True)
