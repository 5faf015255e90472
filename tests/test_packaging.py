"""kls as a municipality installs it: a wheel, installed into a fresh virtualenv (not an
editable install, no file of this repository on the path), starts a KLS with `kls init`,
checks it and builds a site with the guide and the theme in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

from conftest import ROOT


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600,
                          cwd=cwd, env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_every_package_is_in_the_wheel_list():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for top in ("kls", "kls_model", "site_build") for p in (ROOT / top).rglob("__init__.py")}
    assert found | {"kls_theme"} == listed


def test_a_wheel_installed_on_its_own_starts_checks_and_builds_a_kls(tmp_path):
    # From a copy of the sources: pip builds in the tree it is given (build/, egg-info).
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "build", "*.egg-info", "__pycache__"))
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source,
        cwd=tmp_path)
    [wheel] = dist.glob("kls-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dependencies (mkdocs, Material, Pagefind, lxml …) from this test run's environment,
    # so the test needs no network; kls itself only from the wheel.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=tmp_path).stdout.strip()
    Path(site, "kls-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                               encoding="utf-8")
    where = run(python, "-c", "import kls, kls_theme; print(kls.__file__, kls_theme.THEME_DIR)",
                cwd=tmp_path).stdout
    assert str(ROOT) not in where and str(source) not in where and str(venv) in where, where
    kls = venv / "bin" / "kls"
    env = {"PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    run(kls, "init", "mitt-kls", "--site-name", "Mitt KLS", "--organisation", "Exempelstad",
        "--mailbox", "synpunkter@exempelstad.se", cwd=tmp_path, env=env)
    folder = tmp_path / "mitt-kls"
    run(kls, "check", "models", cwd=folder, env=env)
    run(kls, "build", cwd=folder, env=env)
    built = folder / "site"
    assert (built / "guide" / "kls-profilen" / "index.html").exists()
    assert (built / "guide" / "kom-igang" / "index.html").exists()
    assert (built / "assets" / "kls.css").read_bytes() == (ROOT / "theme" / "assets" / "kls.css").read_bytes()
    assert (built / "assets" / "kls-viewer.js").exists()
    assert "Mitt KLS" in (built / "index.html").read_text(encoding="utf-8")
    assert not (built / "__init__.py").exists(), "the theme package's module is not published"
