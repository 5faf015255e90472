"""Every well-formed BPMN file of the MIWG corpus is drawn without error, and
``render_command`` (what ``kls render`` runs) writes one SVG per diagram."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from kls_model.read import read_file
from site_build.diagram import diagrams_for, render_command, render_diagram

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "miwg"
FIXTURES = Path(__file__).parent / "fixtures" / "render"
SVG = "{http://www.w3.org/2000/svg}"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.fail(f"the MIWG corpus is missing: {CORPUS} (the render tests read "
                    "../shared/corpus next to the repository)")
    files = sorted(CORPUS.glob("**/*.bpmn"))
    assert len(files) >= 60, f"expected the whole MIWG corpus under {CORPUS}"
    return files


def test_every_corpus_file_renders_to_well_formed_svg():
    drawn = 0
    for path in corpus_files():
        defs, _ = read_file(str(path))
        if defs is None:  # not well-formed: the reader reports it, nothing to draw
            continue
        for d in diagrams_for(defs):
            tree = etree.fromstring(render_diagram(defs, d.diagram, auto=d.auto))
            assert tree.tag == SVG + "svg", path
            assert tree.find(SVG + "title").text, path
            drawn += 1
    assert drawn >= 75


def test_render_command_writes_one_svg_per_plane(tmp_path, capsys):
    source = CORPUS / "reference" / "C.4.0.bpmn"
    if not source.exists():
        pytest.fail(f"missing {source}")
    assert render_command(str(source), str(tmp_path / "ut")) == 0
    written = sorted(p.name for p in (tmp_path / "ut").iterdir())
    defs, _ = read_file(str(source))
    assert len(written) == len(diagrams_for(defs)) == 4
    assert all(name.endswith(".svg") for name in written)
    for name in written:
        etree.parse(str(tmp_path / "ut" / name))
    assert "4 diagram skrivna" in capsys.readouterr().out


def test_render_command_says_when_auto_laid_out(tmp_path, capsys):
    code = render_command(str(FIXTURES / "no_di_lanes_subprocess.bpmn"), str(tmp_path))
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["Process_Utreda.svg"]
    assert "ritat automatiskt" in capsys.readouterr().out


def test_render_command_fails_with_a_swedish_message_on_bad_input(tmp_path, capsys):
    bad = tmp_path / "trasig.bpmn"
    bad.write_text("<definitions><process", encoding="utf-8")
    assert render_command(str(bad), str(tmp_path / "ut")) == 1
    err = capsys.readouterr().err
    assert "KLS001" in err and "kunde inte läsas" in err
    assert not (tmp_path / "ut").exists()
