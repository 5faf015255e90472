"""Every well-formed BPMN file of the MIWG corpus is drawn without error, and
``render_command`` (what ``kls render`` runs) writes one SVG per diagram."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from kls_model.read import read_bytes, read_file
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
            tree = etree.fromstring(render_diagram(defs, d.diagram, auto=d.auto, scope=d.scope))
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


# -- drawn whole: every DI element, every name (issue 11) --------------------------------------

def _svg_ids_and_texts(svg_text: str):
    """{element id: (all label text drawn for it, its tooltip)} of one rendered SVG."""
    tree = etree.fromstring(svg_text)
    out: dict[str, list] = {}
    for g in tree.iter(SVG + "g"):
        element_id = g.get("data-element-id") or g.get("data-label-for")
        if element_id is None:
            continue
        entry = out.setdefault(element_id, ["", None])
        entry[0] += "".join("".join(t.itertext()) for t in g.iter(SVG + "text"))
        parent = g.getparent()
        holder = parent if parent.tag == SVG + "a" else g
        title = holder.find(SVG + "title")
        if title is not None and g.get("data-element-id"):
            entry[1] = title.text
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_di_element_of_the_corpus_is_drawn_or_reported():
    """What kls draws is every shape and edge whose element exists, wherever it lives; what
    it cannot draw, `kls check` names with a code at the DI element's line. What a collapsed
    sub-process hides is drawn on its own view or plane, or reported (KLS057)."""
    from conftest import check
    from kls_model.di import not_shown, plans

    _, findings = check(CORPUS)
    reported = {(f.path, f.line, f.code) for f in findings}
    total = skipped = 0
    for path in corpus_files():
        defs, _ = read_file(str(path))
        if defs is None:
            continue
        drawn: dict[str, set[str]] = {}
        for d in diagrams_for(defs):
            ids = _svg_ids_and_texts(render_diagram(defs, d.diagram, auto=d.auto, scope=d.scope))
            drawn.setdefault(d.diagram.id, set()).update(ids)
        anywhere = set().union(*drawn.values())
        file_plans = plans(defs)
        lost = {id(di) for di, _ in not_shown(defs, file_plans)}
        for diagram, drawing in zip(defs.diagrams, file_plans):
            why = {id(di): code for di, code in drawing.skipped}
            why |= {id(di): "KLS057" for di in lost}
            hidden = {id(di) for dis in drawing.hidden.values() for di in dis}
            for di in (*diagram.plane.shapes, *diagram.plane.edges):
                total += 1
                if id(di) in why:
                    skipped += 1
                    assert (str(path), di.line, why[id(di)]) in reported, (path, di.id)
                elif id(di) in hidden:  # on the sub-process's view, or its own plane
                    assert di.element in anywhere, f"{path.name}: {di.element} not drawn"
                else:
                    assert di.element in drawn[diagram.id], f"{path.name}: {di.element} not drawn"
    assert total > 3000 and skipped == 1  # MIWG C.7.0: a line that names no element


def test_every_name_in_the_corpus_is_drawn_whole_and_is_the_tooltip():
    from site_build.diagram.labels import full_text
    from site_build.diagram.textlayout import one_line

    names = 0
    for path in corpus_files():
        defs, _ = read_file(str(path))
        if defs is None:
            continue
        for d in diagrams_for(defs):
            texts = _svg_ids_and_texts(render_diagram(defs, d.diagram, auto=d.auto, scope=d.scope))
            for element_id, (drawn_text, title) in texts.items():
                e = defs.get(element_id)
                want = one_line(full_text(defs, e))
                if not want:
                    continue
                names += 1
                assert _words(want) in _words(drawn_text), f"{path.name}: {element_id}"
                assert title == want, f"{path.name}: tooltip of {element_id} is {title!r}"
    assert names > 1500


def test_a_process_that_no_pool_names_is_drawn_whole():
    """MIWG A.4.0: the collaboration's one pool holds WFP-6-1; WFP-6-2 (two lanes, two
    sub-processes) is drawn in the same plane without a pool. bpmn.io draws all 20 shapes."""
    defs, _ = read_file(str(CORPUS / "reference" / "A.4.0.bpmn"))
    [diagram] = defs.diagrams
    tree = etree.fromstring(render_diagram(defs, diagram))
    shapes = {g.get("data-element-id") for g in tree.iter(SVG + "g")
              if g.get("class") == "djs-shape"}
    edges = {g.get("data-element-id") for g in tree.iter(SVG + "g")
             if g.get("class") == "djs-connection"}
    assert len(diagram.plane.shapes) == 20
    assert shapes == {s.element for s in diagram.plane.shapes}
    assert edges == {e.element for e in diagram.plane.edges}


def _element_ids(svg_text: str) -> set[str]:
    return {g.get("data-element-id") for g in etree.fromstring(svg_text).iter(SVG + "g")
            if g.get("data-element-id")}


def test_contents_of_a_collapsed_sub_process_are_shown_on_its_own_view(capsys, tmp_path):
    """As bpmn-js: hidden behind the collapsed box on the parent's plane; unlike bpmn-js
    (which shows nothing), kls gives the sub-process a view of its own, and kls render
    writes it."""
    from conftest import check

    path = FIXTURES / "collapsed-subprocess-content-in-parent-plane.bpmn"
    defs, _ = read_file(str(path))
    main, sub = diagrams_for(defs)
    assert (main.scope, sub.scope, sub.element_id, sub.auto) == (None, "Sub", "Sub", False)
    inner = {"Start_s", "Task_s", "End_s", "Flow_s1", "Flow_s2"}
    outer = {"Start_p", "Sub", "End_p", "Flow_p1", "Flow_p2"}
    assert _element_ids(render_diagram(defs, main.diagram)) == outer
    # The view shows what is inside, not the collapsed box it was opened from.
    assert _element_ids(render_diagram(defs, sub.diagram, scope="Sub")) == inner
    assert render_command(str(path), str(tmp_path)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Process_p.svg", "Sub.svg"]
    _, findings = check(path)
    assert not [f for f in findings if f.code in ("KLS050", "KLS079")]


def test_every_plane_of_a_diagram_is_drawn(tmp_path):
    """Open-BPMN's two planes in one BPMNDiagram: the process's plane is drawn as drawn (not
    laid out by kls), and the event sub-process's plane as a diagram of its own."""
    from conftest import check, find

    path = FIXTURES.parent / "warning" / "two-planes-in-one-diagram.bpmn"
    defs, _ = read_file(str(path))
    main, extra = diagrams_for(defs)
    assert [(d.element_id, d.auto, d.scope) for d in (main, extra)] == [
        ("Process_resa", False, None), ("Event_sub", False, None)]
    main_svg, extra_svg = (render_diagram(defs, d.diagram) for d in (main, extra))
    assert _element_ids(main_svg) == {"Start_a", "Task_a", "End_a", "Event_sub", "Flow_a1",
                                      "Flow_a2"}
    assert _element_ids(extra_svg) == {"Start_e", "Task_e", "End_e", "Flow_e1", "Flow_e2"}
    assert etree.fromstring(main_svg).get("id") != etree.fromstring(extra_svg).get("id")
    assert render_command(str(path), str(tmp_path)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Event_sub.svg", "Process_resa.svg"]
    _, findings = check(path)
    assert not find(findings, "KLS050") and not find(findings, "KLS079")


def test_a_boundary_event_written_inside_its_collapsed_host_is_drawn_on_it():
    """Visual Paradigm writes a boundary event, and the flow leaving it, inside the collapsed
    sub-process it is attached to: they are drawn where the host is, in the parent's plane."""
    from conftest import check
    from kls_model.di import plan

    path = FIXTURES / "boundary-event-written-inside-its-collapsed-host.bpmn"
    defs, _ = read_file(str(path))
    main, sub = diagrams_for(defs)
    assert (sub.element_id, sub.scope) == ("Sub", None)
    assert _element_ids(render_diagram(defs, main.diagram)) == {
        "Start_p", "Sub", "Boundary_sla", "End_p", "Task_esc", "End_esc",
        "Flow_p1", "Flow_p2", "Flow_sla", "Flow_esc"}
    assert _element_ids(render_diagram(defs, sub.diagram)) == {
        "Start_s", "Task_s", "End_s", "Flow_s1", "Flow_s2"}
    # A view scoped to the host (it has none here: its own plane shows it) would show the
    # event among the contents it is written with, and with the host when drawn open; the
    # flow to a task outside, never.
    plane = main.diagram.plane
    assert plan(defs, plane, scope="Sub").drawn == {"Boundary_sla"}
    opened = plane.model_copy(update={"shapes": [
        s.model_copy(update={"is_expanded": True}) if s.element == "Sub" else s
        for s in plane.shapes]})
    assert plan(defs, opened, scope="Sub").drawn == {"Sub", "Boundary_sla"}
    _, findings = check(path)
    assert not [f.format() for f in findings if f.code in ("KLS050", "KLS057", "KLS079")]


def test_an_event_attached_to_a_sub_process_and_drawn_among_its_contents_is_drawn():
    """Visual Paradigm's catch event inside a sub-process, written as a boundary event of
    it and drawn inside its box, not on the border: content of the sub-process, hidden with
    the rest on the parent's plane (not floating over the collapsed box) and drawn on the
    sub-process's view with the flows between it and its siblings."""
    from conftest import check
    from kls_model.di import plan

    path = FIXTURES / "event-attached-to-its-sub-process-drawn-among-its-contents.bpmn"
    defs, _ = read_file(str(path))
    main, view = diagrams_for(defs)
    assert (view.element_id, view.scope) == ("Sub", "Sub")
    assert _element_ids(render_diagram(defs, main.diagram)) == {
        "Start_p", "Sub", "End_p", "Flow_p1", "Flow_p2"}
    assert _element_ids(render_diagram(defs, view.diagram, scope="Sub")) == {
        "Start_s", "Catch_s", "Task_s", "Flow_s1", "Flow_s2"}
    # Written beside its host, as Camunda Modeler does, it is a boundary event wherever it
    # is drawn: on the parent's plane with its host, off the view of the collapsed host
    # (that view shows what is inside, not the box).
    defs.elements["Catch_s"] = defs.elements["Catch_s"].model_copy(
        update={"parent": "Process_p"})
    plane = main.diagram.plane
    assert "Catch_s" in plan(defs, plane).drawn
    assert "Catch_s" not in plan(defs, plane, scope="Sub").drawn
    _, findings = check(path)
    assert not [f.format() for f in findings if f.code in ("KLS050", "KLS057", "KLS079")]


def test_what_a_collapsed_sub_process_hides_and_its_own_plane_lacks_is_reported():
    """Hidden behind the collapsed box, missing from the sub-process's own plane: drawn
    nowhere, so `kls check` says so (KLS057) and the site does not count it as drawn."""
    from conftest import check, find

    path = FIXTURES.parent / "warning" / (
        "shape-hidden-in-collapsed-subprocess-missing-from-its-diagram.bpmn")
    defs, _ = read_file(str(path))
    drawables = diagrams_for(defs)
    assert [(d.element_id, d.scope, d.auto) for d in drawables] == [
        ("Process_p", None, False), ("Sub", None, False)]
    drawn = set().union(*(_element_ids(render_diagram(defs, d.diagram)) for d in drawables))
    assert drawn == {"Start_p", "Sub", "End_p", "Flow_p1", "Flow_p2", "Start_s", "End_s"}
    _, findings = check(path)
    hits = find(findings, "KLS057")
    assert sorted((f.line, f.element_id) for f in hits) == [
        (28, "Task_s"), (29, "Flow_s1"), (30, "Flow_s2")]
    assert "'Utreda ärendet'" in hits[0].message


def test_a_pool_drawn_for_its_process_is_drawn_as_that_pool():
    """Bonita and MID Innovator name the process, not the participant, in a pool's shape.
    With one participant for the process and no shape of its own, the shape is that pool,
    drawn with its name around its lane; with two participants it is not drawn, and said."""
    from conftest import check

    path = FIXTURES / "pool-shape-names-its-process.bpmn"
    defs, _ = read_file(str(path))
    [d] = diagrams_for(defs)
    svg = render_diagram(defs, d.diagram)
    drawn = _svg_ids_and_texts(svg)
    assert "Participant_h" in drawn and "Handläggning" in _words(drawn["Participant_h"][0])
    assert {"Lane_h", "Start_h", "Task_h", "End_h"} <= set(drawn)
    assert not {"Process_h", "Process_a", "Participant_a1", "Participant_a2"} & set(drawn)
    pool = next(g for g in etree.fromstring(svg).iter(SVG + "g")
                if g.get("data-element-id") == "Participant_h")
    assert pool.get("data-element-type") == "participant"
    assert pool.get("transform") == "translate(30 30)"  # where the tool drew it
    _, findings = check(path)
    assert [(f.code, f.element_id, f.line) for f in findings if f.code == "KLS052"] == [
        ("KLS052", "Process_a", 36)]
    assert not [f for f in findings if f.code == "KLS079" and f.element_id == "Participant_h"]


def test_a_line_without_a_path_is_drawn_straight_between_its_shapes():
    """Open-BPMN writes BPMNEdges with no waypoints (MIWG C.4.0, C.5.0 roundtrips): the flow
    is drawn as a straight line from outline to outline, and KLS053 says so. Without one of
    its shapes there is nothing to draw it between: not drawn, and KLS053 says that."""
    from conftest import check
    from kls_model.di import plan

    path = FIXTURES.parent / "warning" / "di-edge-with-one-waypoint.bpmn"
    defs, _ = read_file(str(path))
    [diagram] = defs.diagrams
    drawing = plan(defs, diagram.plane)
    [edge] = [e for e in drawing.edges if e.element == "Flow_a2"]
    # Task_a is the box 190..290 x 78..158, End_a the circle centred (368, 118), radius 18.
    assert [tuple(round(c, 6) for c in p) for p in edge.waypoints] == [(290, 118), (350, 118)]
    assert [e.id for e in drawing.straight] == ["Flow_a2_di"] and not drawing.skipped
    assert "Flow_a2" in _element_ids(render_diagram(defs, diagram))
    [hit] = [f for f in check(path)[1] if f.code == "KLS053"]
    assert hit.message.endswith("den ritas som en rak linje mellan formerna")

    data = path.read_bytes().replace(
        b'      <bpmndi:BPMNShape id="End_a_di" bpmnElement="End_a"><dc:Bounds x="350" y="100" '
        b'width="36" height="36" /></bpmndi:BPMNShape>\n', b"")
    defs, _ = read_bytes(data, str(path))
    drawing = plan(defs, defs.diagrams[0].plane)
    assert "Flow_a2" not in drawing.drawn and [d.id for d, _ in drawing.skipped] == ["Flow_a2_di"]


def test_a_line_without_a_path_meets_circles_and_diamonds_on_their_outline():
    from kls_model import bpmn as m
    from kls_model.di import _exit

    box = m.Bounds(0, 0, 40, 40)
    event = m.build(m.Event, id="E", type="startEvent")
    gateway = m.build(m.Gateway, id="G", type="exclusiveGateway")
    assert round(_exit(event, box, 30, 40), 6) == round(20 / 50, 6)  # radius 20 along a 50 ray
    assert round(_exit(gateway, box, 10, 10), 6) == 1.0  # the diamond's edge at (10, 10)
    assert round(_exit(None, box, 40, 10), 6) == 0.5  # a box: its side at x = 20
