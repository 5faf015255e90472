"""The notation as bpmn-js draws it, element kind by element kind, and the SVG's structure:
title, description, links with accessible names, escaped and prefixed ids."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from kls_model.read import read_file
from site_build.diagram import render_diagram

FIXTURES = Path(__file__).parent / "fixtures" / "render"
S = "{http://www.w3.org/2000/svg}"


def rendered(links=None, **kw):
    defs, findings = read_file(str(FIXTURES / "all_notation.bpmn"))
    assert defs is not None and not findings
    return defs, etree.fromstring(render_diagram(defs, defs.diagrams[0], links=links, **kw))


def group(tree, element_id):
    found = tree.xpath(f"//*[@data-element-id='{element_id}']")
    assert found, element_id
    return found[0]


def markers(tree, element_id) -> list[str]:
    return [p.get("data-marker") for p in group(tree, element_id).iter(S + "path")
            if p.get("data-marker")]


def stroke_widths(tree, element_id, tag="rect") -> list[str]:
    return [r.get("stroke-width") for r in group(tree, element_id).iter(S + tag)]


def test_activity_markers():
    _, t = rendered()
    assert markers(t, "T_loop") == ["loop"]
    assert markers(t, "T_par") == ["parallel"]
    assert markers(t, "T_seq") == ["sequential"]
    assert markers(t, "T_comp") == ["compensation"]
    assert markers(t, "S_coll") == ["sub-process", "loop"]
    assert markers(t, "S_adhoc") == ["sub-process", "adhoc"]
    assert markers(t, "S_tx") == ["sub-process", "parallel"]
    assert "sub-process" in markers(t, "C_call")
    assert markers(t, "S_exp") == []


def test_borders_of_call_activity_transaction_and_event_subprocess():
    _, t = rendered()
    assert stroke_widths(t, "C_call")[0] == "5"
    assert stroke_widths(t, "T_task")[0] == "2"
    assert group(t, "T_task").find(f".//{S}rect").get("rx") == "10"
    assert stroke_widths(t, "S_tx").count("1.5") == 2  # the double border
    event_sub = group(t, "S_evt").find(f".//{S}rect")
    assert event_sub.get("stroke-dasharray") == "0, 5.5"


def test_events_rings_and_icons():
    _, t = rendered()
    assert stroke_widths(t, "E_none", "circle") == ["2"]
    assert stroke_widths(t, "E_end_message", "circle") == ["4"]
    assert stroke_widths(t, "E_catch_message", "circle") == ["1.5", "1.5"]
    assert group(t, "B_nonint").find(f".//{S}circle").get("stroke-dasharray") == "6"
    assert group(t, "B_int").find(f".//{S}circle").get("stroke-dasharray") is None
    start = group(t, "S_evt_start").find(f".//{S}circle")
    assert start.get("stroke-dasharray") == "6"  # non-interrupting start event
    for kind in ("message", "error", "escalation", "cancel", "compensate", "conditional",
                 "link", "signal", "timer"):
        assert len(group(t, f"E_catch_{kind}").findall(f".//{S}path")) >= 1, kind
    catch = group(t, "E_catch_signal").find(f".//{S}path")
    throw = group(t, "E_throw_signal").find(f".//{S}path")
    assert catch.get("fill") == "none" and throw.get("fill") != "none"  # filled when thrown
    terminate = group(t, "E_end_terminate").findall(f".//{S}circle")
    assert len(terminate) == 2 and terminate[1].get("fill") == terminate[1].get("stroke")


def test_gateways():
    _, t = rendered()
    assert len(group(t, "G_x_marker").findall(f".//{S}path")) == 1
    assert len(group(t, "G_x_plain").findall(f".//{S}path")) == 0  # isMarkerVisible="false"
    assert len(group(t, "G_inc").findall(f".//{S}circle")) == 1
    assert len(group(t, "G_ev").findall(f".//{S}circle")) == 2
    assert len(group(t, "G_ev_inst").findall(f".//{S}circle")) == 1
    assert len(group(t, "G_ev_par").findall(f".//{S}path")) == 1
    assert len(group(t, "G_cx").findall(f".//{S}path")) == 1


def test_flows_and_their_markers():
    _, t = rendered()
    default = group(t, "F_default").find(f"{S}path")
    assert "url(#" in default.get("marker-start") and "url(#" in default.get("marker-end")
    conditional = group(t, "F_cond").find(f"{S}path")
    assert conditional.get("marker-start") and conditional.get("stroke") == "#0d4372"
    message = group(t, "MF_1").find(f"{S}path")
    assert message.get("stroke-dasharray") == "10, 11"
    assert group(t, "As_1").find(f"{S}path").get("stroke-dasharray") == "0, 5"
    assert group(t, "DIA").find(f"{S}path").get("marker-end")
    ids = {m.get("id") for m in t.iter(S + "marker")}
    refs = {p.get(a)[5:-1] for p in t.iter(S + "path")
            for a in ("marker-start", "marker-end") if p.get(a)}
    assert refs <= ids


def test_message_flow_with_a_message_carries_an_envelope_at_its_middle():
    _, t = rendered()
    envelope = [p for p in group(t, "MF_1").iter(S + "path")
                if p.get("data-marker") == "message"]
    assert len(envelope) == 1
    # MF_1 runs from (1550, 900) to (1550, 780): the envelope's top-left corner is 10.5
    # left of and 7 above the middle, as bpmn-js's MESSAGE_FLOW_MARKER.
    assert envelope[0].get("d").startswith("m 1550,840 m -10.5,-7 l 0,14 l 21,0")
    # No messageVisibleKind in the DI: "initiating", the white envelope.
    assert envelope[0].get("fill") == "white" and envelope[0].get("stroke") != "white"
    name = group(t, "MF_1").find(f".//{S}g[@class='kls-message-label']")
    assert "".join(name.itertext()) == "Ansökan om bistånd"
    assert float(name.find(f"{S}text").get("y")) > 840 + 7  # below the envelope
    # A message flow without a message has no envelope and no message name.
    assert markers(t, "MF_2") == []
    assert group(t, "MF_2").find(f".//{S}g[@class='kls-message-label']") is None


def test_association_arrowheads_follow_the_direction():
    _, t = rendered()
    marker_ids = {m.get("id"): m for m in t.iter(S + "marker")}

    def heads(element_id):
        line = group(t, element_id).find(f"{S}path")
        return line.get("marker-start"), line.get("marker-end")

    assert heads("As_1") == (None, None)  # associationDirection absent: None
    start, end = heads("As_one")
    assert start is None and end
    start, end = heads("As_both")
    assert start and end and start != end
    # Open arrowheads pointing away from the line at both ends.
    assert marker_ids[end[5:-1]].find(f"{S}path").get("d") == "M 1 5 L 11 10 L 1 15"
    assert marker_ids[start[5:-1]].find(f"{S}path").get("d") == "M 11 5 L 1 10 L 11 15"
    # Data associations always point at their target.
    assert heads("DIA")[1] == heads("As_one")[1] and heads("DOA")[1] == heads("As_one")[1]


def test_instantiating_receive_task_has_the_envelope_in_a_circle():
    _, t = rendered()
    assert group(t, "T_receiveTask").find(f".//{S}circle") is None
    circles = group(t, "T_receive_inst").findall(f".//{S}circle")
    assert len(circles) == 1 and circles[0].get("data-marker") == "instantiate"
    assert (circles[0].get("cx"), circles[0].get("cy"), circles[0].get("r")) == ("14", "14", "10")
    icons = [p.get("d") for p in group(t, "T_receive_inst").iter(S + "path")]
    assert any(d.startswith("m 7.77,9.52 l 0,8.4 l 12.6,0") for d in icons)


def test_a_long_compound_word_widens_its_label_instead_of_being_cut():
    _, t = rendered()
    label = t.xpath("//*[@data-label-for='E_long']")[0]
    lines = ["".join(x.itertext()) for x in label.iter(S + "tspan")]
    # The space a line was broken at stays at its end: the text reads as the name does.
    assert lines == ["Kvalitetsberättelsen ", "är fastställd"]
    # Shorter words still wrap at bpmn-js's 90 pixels; after a hyphen no space is added.
    timer = t.xpath("//*[@data-label-for='B_nonint']")[0]
    assert ["".join(x.itertext()) for x in timer.iter(S + "tspan")] == ["Icke-avbrytande ", "timer"]
    assert "".join(timer.itertext()) == "Icke-avbrytande timer"


def test_a_label_drawn_wider_in_the_file_keeps_its_width():
    _, t = rendered()
    label = t.xpath("//*[@data-label-for='E_wide']")[0]
    text = label.find(f"{S}text")
    assert text.find(f"{S}tspan") is None  # one line, as the DI's 180 x 14 label says
    assert "".join(text.itertext()) == "Ärendet är avslutat och arkiverat"
    assert text.get("x") == "1270"  # centred on the label bounds


def test_di_colours_pools_lanes_and_data():
    _, t = rendered()
    target = group(t, "T_target").find(f".//{S}rect")
    assert (target.get("stroke"), target.get("fill")) == ("#831311", "#ffcdd2")
    vertical = group(t, "Pool_V")
    assert not vertical.xpath(".//*[contains(@transform, 'rotate')]")  # upright name
    assert group(t, "Pool_H").xpath(".//*[contains(@transform, 'rotate')]")
    assert markers(t, "Pool_H") == ["participant-multiplicity"]
    assert "Extern part" in "".join(group(t, "Pool_Black").itertext())
    assert len(group(t, "D_coll").findall(f".//{S}path")) == 2  # collection bars
    assert len(group(t, "DI_out").findall(f".//{S}path")) == 2  # page and arrow
    label = t.xpath("//*[@data-label-for='Grp_1']")[0]
    assert "".join(label.itertext()) == "Gruppen"


def test_svg_is_accessible_and_links_are_named():
    _, t = rendered(links={"C_call": "../processer/utreda.html"}, title="Processen",
                    description="Beskrivning <med> tecken")
    title, desc = t.find(S + "title"), t.find(S + "desc")
    assert title.text == "Processen" and desc.text == "Beskrivning <med> tecken"
    assert t.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert t.get("role") == "group"  # links inside stay reachable
    link = t.find(f".//{S}a")
    assert link.get("href") == "../processer/utreda.html"
    assert link.get("aria-label") == "Utreda (anropsaktivitet)"
    assert link.find(S + "title").text == "Utreda (anropsaktivitet)"
    assert link.find(S + "g").get("data-element-id") == "C_call"
    prefix = t.get("id")
    assert all(el.get("id").startswith(prefix) for el in t.iter() if el.get("id"))
    x, y, w, h = (float(v) for v in t.get("viewBox").split())
    assert w > 1200 and h > 1100 and t.get("width") and t.get("height")


def test_without_links_the_svg_is_one_image():
    _, t = rendered()
    assert t.get("role") == "img" and t.find(f".//{S}a") is None
    assert t.find(S + "title").text == "Diagram: Alla element"


def test_ids_are_escaped_and_unique_across_diagrams():
    defs, findings = read_file(str(FIXTURES / "hostile_names.bpmn"))
    a = etree.fromstring(render_diagram(defs, defs.diagrams[0]))
    b = etree.fromstring(render_diagram(*rendered_defs()))
    ids_a = {el.get("id") for el in a.iter() if el.get("id")}
    ids_b = {el.get("id") for el in b.iter() if el.get("id")}
    assert not ids_a & ids_b
    assert all(i.replace("-", "").replace("_", "").isalnum() for i in ids_a | ids_b)


def rendered_defs():
    defs, _ = read_file(str(FIXTURES / "all_notation.bpmn"))
    return defs, defs.diagrams[0]


def test_non_initiating_message_is_a_dark_envelope(tmp_path):
    text = (FIXTURES / "all_notation.bpmn").read_text(encoding="utf-8")
    text = text.replace('bpmnElement="MF_1" >', 'bpmnElement="MF_1" messageVisibleKind="non_initiating">')
    path = tmp_path / "non_initiating.bpmn"
    path.write_text(text, encoding="utf-8")
    defs, _ = read_file(str(path))
    [edge] = [e for e in defs.diagrams[0].plane.edges if e.element == "MF_1"]
    assert edge.message_visible_kind == "non_initiating"
    t = etree.fromstring(render_diagram(defs, defs.diagrams[0]))
    envelope = [p for p in group(t, "MF_1").iter(S + "path")
                if p.get("d", "").startswith("m 1550,840")]
    assert len(envelope) == 1 and envelope[0].get("fill") not in ("white", "none", None)


def test_exclusive_gateway_without_is_marker_visible_shows_the_x(tmp_path):
    """bpmn-js draws the X unless the DI says isMarkerVisible="false" (MIWG C.1.0, C.3.0)."""
    text = (FIXTURES / "all_notation.bpmn").read_text(encoding="utf-8")
    path = tmp_path / "unset.bpmn"
    path.write_text(text.replace(' bpmnElement="G_x_plain" isMarkerVisible="false"',
                                 ' bpmnElement="G_x_plain"'), encoding="utf-8")
    defs, _ = read_file(str(path))
    t = etree.fromstring(render_diagram(defs, defs.diagrams[0]))
    assert len(group(t, "G_x_plain").findall(f".//{S}path")) == 1
