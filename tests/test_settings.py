"""A municipality's own KLS: `kls init`, `extra.kls` validated the MkDocs way, one error
surface for build and serve (a Swedish message, exit 1, never a traceback), and what used to
be dropped in silence (a diagram not drawn, a second register, history of further model
paths, the day review dates are judged against)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, check, find

SKELETON_NAME = "KLS för socialtjänsten"


def kls(*args: str, cwd: Path = ROOT, env: dict | None = None, stdin=subprocess.DEVNULL):
    return subprocess.run([sys.executable, "-m", "kls", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd, env={**os.environ, **(env or {})}, stdin=stdin)


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr


def new_kls(folder: Path) -> Path:
    proc = kls("init", str(folder), "--site-name", SKELETON_NAME,
               "--organisation", 'Socialförvaltningen "Norr"', "--mailbox", "synpunkter@norr.se")
    assert proc.returncode == 0, proc.stderr
    return folder


# -- kls init -----------------------------------------------------------------------------------

def test_init_makes_a_kls_that_checks_and_builds(tmp_path):
    folder = new_kls(tmp_path / "mitt-kls")
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == [".gitignore", "README.md", "mkdocs.yml",
                     "models/.camunda/element-templates/kls-camunda7.json",
                     "models/.camunda/element-templates/kls-camunda8.json",
                     "models/dokument.yml", "models/exempelprocess.bpmn",
                     "models/processkarta.bpmn"]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert SKELETON_NAME in readme and "kls serve" in readme and "kls build" in readme
    system, findings = check(folder / "models")
    assert [f.code for f in findings if f.severity.value == "error"] == []
    assert {f.code for f in findings} == {"KLS014"}, "only the routines still to be linked"
    assert system.map_id == "Process_processkarta"
    assert system.profile("Process_exempel").owner
    built = kls("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    start = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert SKELETON_NAME in start and "kls.css" in start
    assert (folder / "site" / "guide" / "kom-igang" / "index.html").exists()
    assert (folder / "site" / "pagefind").is_dir()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "mine.txt").write_text("min egen fil", encoding="utf-8")
    proc = kls("init", str(tmp_path), "--site-name", "x", "--organisation", "y",
               "--mailbox", "a@b.se")
    assert proc.returncode == 1 and "inte tom" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]
    no_traceback(proc)


def test_init_without_a_terminal_names_the_options_it_needs(tmp_path):
    proc = kls("init", str(tmp_path / "ny"), "--site-name", "x")
    assert proc.returncode == 2
    assert "--organisation" in proc.stderr and "--mailbox" in proc.stderr
    assert not (tmp_path / "ny").exists()
    bad = kls("init", str(tmp_path / "ny"), "--site-name", "x", "--organisation", "y",
              "--mailbox", "inte en adress")
    assert bad.returncode == 2 and "e-postadress" in bad.stderr


# -- extra.kls ----------------------------------------------------------------------------------

def _with_settings(folder: Path, settings: str) -> Path:
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("extra:")] + settings, encoding="utf-8")
    return config


def test_an_unknown_setting_is_a_warning_with_a_hint_and_the_build_goes_on(tmp_path):
    folder = new_kls(tmp_path / "kls")
    _with_settings(folder, "extra:\n  kls:\n    organisation: Norr\n"
                           "    feedback_mail: synpunkter@norr.se\n")
    proc = kls("build", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stderr.splitlines() if "KLS095" in l)
    assert line.startswith(f"{folder / 'mkdocs.yml'}:19: KLS095 varning: ")
    assert "'feedback_mail'" in line and "menade du 'feedback_email'?" in line


@pytest.mark.parametrize("value,expected", [
    ("123", "en e-postadress"), ("inte-en-adress", "en e-postadress"),
    ("[a, b]", "en e-postadress")])
def test_a_wrong_type_is_an_error_naming_key_line_and_what_is_expected(tmp_path, value,
                                                                       expected):
    folder = new_kls(tmp_path / "kls")
    _with_settings(folder, f"extra:\n  kls:\n    organisation: Norr\n"
                           f"    feedback_email: {value}\n    models: 7\n")
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("förra webbplatsen", encoding="utf-8")
    proc = kls("build", cwd=folder)
    assert proc.returncode == 1
    no_traceback(proc)
    errors = [l for l in proc.stderr.splitlines() if "KLS096" in l]
    assert len(errors) == 2, proc.stderr  # every problem, not only the first
    assert errors[0].startswith(f"{folder / 'mkdocs.yml'}:19: KLS096 fel: ")
    assert "extra.kls.feedback_email" in errors[0] and expected in errors[0]
    assert ":20: KLS096 fel: " in errors[1] and "extra.kls.models" in errors[1]
    assert "den tidigare webbplatsen är orörd" in proc.stderr
    assert (folder / "site" / "index.html").read_text(encoding="utf-8") == "förra webbplatsen"
    served = kls("serve", "--addr", "127.0.0.1:0", cwd=folder)
    assert served.returncode == 1 and "KLS096" in served.stderr
    assert "förhandsgranskningen kunde inte starta" in served.stderr
    no_traceback(served)


def test_a_missing_config_or_models_folder_is_a_message_not_a_traceback(tmp_path):
    folder = new_kls(tmp_path / "kls")
    proc = kls("build", "--config", str(tmp_path / "finns-inte.yml"), cwd=folder)
    assert proc.returncode == 2 and "finns inte" in proc.stderr
    _with_settings(folder, "extra:\n  kls:\n    models: modeller\n")
    proc = kls("build", cwd=folder)
    assert proc.returncode == 1 and "modellerna finns inte" in proc.stderr
    broken = folder / "mkdocs.yml"
    broken.write_text("site_name: [oavslutad\n", encoding="utf-8")
    proc = kls("build", cwd=folder)
    assert proc.returncode == 1 and "kunde inte läsas" in proc.stderr
    no_traceback(proc)


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    folder = new_kls(tmp_path / "kls")
    (folder / "blocked").write_text("en fil där mappen skulle ligga", encoding="utf-8")
    proc = kls("build", "--out", str(folder / "blocked" / "site"), cwd=folder)
    assert proc.returncode == 1, proc.stdout
    assert "bygget misslyckades" in proc.stderr and "blocked" in proc.stderr
    no_traceback(proc)


def test_models_in_mkdocs_yml_are_relative_to_it_not_to_the_working_folder(tmp_path):
    folder = new_kls(tmp_path / "kls")
    proc = kls("build", "--config", str(folder / "mkdocs.yml"), "--out", str(tmp_path / "ut"),
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "ut" / "processer" / "Process_exempel" / "index.html").exists()


# -- nothing dropped in silence ------------------------------------------------------------------

def test_a_diagram_that_cannot_be_drawn_is_said_on_the_page_and_by_the_build(tmp_path):
    """Without Graphviz, a process drawn without DI cannot be laid out (KLS056)."""
    folder = new_kls(tmp_path / "kls")
    model = folder / "models" / "exempelprocess.bpmn"
    text = model.read_text(encoding="utf-8")
    model.write_text(text[: text.index("  <bpmndi:BPMNDiagram")] + "</bpmn:definitions>\n",
                     encoding="utf-8")
    bin_dir = tmp_path / "bin"  # a PATH with git but no dot
    bin_dir.mkdir()
    (bin_dir / "git").symlink_to(shutil.which("git"))
    proc = kls("build", cwd=folder, env={"PATH": f"{bin_dir}:{Path(sys.executable).parent}"})
    assert proc.returncode == 0, proc.stderr
    [line] = [l for l in proc.stderr.splitlines() if "KLS056" in l]
    assert "models/exempelprocess.bpmn:3: KLS056 varning:" in line and "Process_exempel" in line
    page = (folder / "site" / "processer" / "Process_exempel" / "index.html").read_text(
        encoding="utf-8")
    assert "Diagrammet kunde inte ritas" in page and "Processen har inget diagram" not in page


def test_a_second_register_is_reported_not_ignored(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "valid" / "minimal", models)
    (models / "avdelning").mkdir()
    shutil.copy(FIXTURES / "dokument.yml", models / "avdelning" / "dokument.yml")
    system, findings = check(models)
    [hit] = find(findings, "KLS039")
    assert hit.path.endswith("avdelning/dokument.yml") and hit.line == 1
    assert str(models / "dokument.yml") in hit.message
    assert system.register.path == str(models / "dokument.yml")


def _git(cwd: Path, *args: str, date: str = "2026-03-01T10:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@exempelstad.se",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@exempelstad.se",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_history_comes_from_every_model_path_and_review_dates_from_one_day(tmp_path):
    folder = new_kls(tmp_path / "kls")
    extra = folder / "stod"
    extra.mkdir()
    shutil.copy(folder / "models" / "exempelprocess.bpmn", extra / "stod.bpmn")
    text = (extra / "stod.bpmn").read_text(encoding="utf-8")
    (extra / "stod.bpmn").write_text(text.replace("Process_exempel", "Process_stod").replace(
        'name="Exempelprocess"', 'name="Stödprocess"'), encoding="utf-8")
    register = folder / "models" / "dokument.yml"
    register.write_text("- id: RUT-001\n  titel: Rutin\n  typ: rutin\n"
                        "  url: https://dokument.norr.se/rut-001\n  revideras: 2026-06-30\n",
                        encoding="utf-8")
    _with_settings(folder, "extra:\n  kls:\n    models: [models, stod]\n")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "Första versionen")
    _git(folder, "commit", "-q", "--allow-empty", "-m", "tom")  # touches no model
    (extra / "stod.bpmn").write_text(text.replace("Process_exempel", "Process_stod").replace(
        'name="Exempelprocess"', 'name="Stödprocessen"'), encoding="utf-8")
    _git(folder, "commit", "-q", "-am", "Byt namn på stödprocessen", date="2026-05-01T10:00:00")
    proc = kls("build", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    changes = (folder / "site" / "andringar" / "index.html").read_text(encoding="utf-8")
    assert "Byt namn på stödprocessen" in changes and "Första versionen" in changes
    # review dates against the newest commit (2026-05-01): RUT-001 is not yet overdue
    review = (folder / "site" / "rapporter" / "revidering" / "index.html").read_text(
        encoding="utf-8")
    assert "RUT-001" in review and "försenad" not in review and "inom" in review
    again = kls("build", "--today", "2026-11-23", "--out", "site-idag", cwd=folder)
    assert again.returncode == 0, again.stderr
    late = (folder / "site-idag" / "rapporter" / "revidering" / "index.html").read_text(
        encoding="utf-8")
    assert "RUT-001" in late and "försenad" in late
