"""The rendered SVG checked in a real browser (Debian's chromium, via Playwright), element by
element against the model: every DI shape drawn inside its bounds, every label present as
text, nothing outside the viewBox; hostile names escaped and kept inside their shapes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import sync_playwright

from kls_model import bpmn as m
from kls_model.read import read_file
from site_build.diagram import render_diagram
from kls_model.di import plan

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "corpus" / "miwg" / "reference"
FIXTURES = Path(__file__).parent / "fixtures" / "render"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOLERANCE = 2.0  # pixels: circles are rounded to whole radii, as bpmn-js does

# Everything the page reports about the drawn SVG, in the SVG's own coordinates.
MEASURE = """() => {
  const svg = document.querySelector('svg');
  const toSvg = svg.getScreenCTM().inverse();
  const box = (el) => {  // the bounding box in the SVG's user coordinates
    const b = el.getBBox(), m = toSvg.multiply(el.getScreenCTM());
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                 [b.x + b.width, b.y + b.height]].map(([x, y]) =>
      new DOMPoint(x, y).matrixTransform(m));
    const xs = pts.map(p => p.x), ys = pts.map(p => p.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
  };
  const text = (el) => Array.from(el.querySelectorAll('text.djs-label'))
      .map(t => t.textContent).join('');
  // A shape's outline is measured without its text: a long name may run past it.
  const texts = Array.from(svg.querySelectorAll('text'));
  texts.forEach(t => { t.style.display = 'none'; });
  const outlines = new Map(Array.from(svg.querySelectorAll('g.djs-shape')).map(g => [g, box(g)]));
  texts.forEach(t => { t.style.display = ''; });
  return {
    viewBox: svg.getAttribute('viewBox').split(' ').map(Number),
    content: box(svg.querySelector('g.kls-viewport')),
    shapes: Array.from(outlines, ([g, outline]) => ({
      id: g.dataset.elementId, box: outline, text: text(g),
      texts: Array.from(g.querySelectorAll('text')).map(box)})),
    labels: Array.from(svg.querySelectorAll('[data-label-for]')).map(g => ({
      id: g.dataset.labelFor, text: text(g)})),
    scripts: svg.querySelectorAll('script, foreignObject').length,
  };
}"""


def reference_files() -> list[Path]:
    if not REFERENCE.is_dir():
        pytest.fail(f"the MIWG reference models are missing: {REFERENCE} (../shared/corpus "
                    "next to the repository is needed by the render tests)")
    return sorted(REFERENCE.glob("*.bpmn"))


@pytest.fixture(scope="module")
def page():
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install -y chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page()
        browser.close()


def measure(page, svg_text: str) -> dict:
    page.set_content(f"<!doctype html><html><body>{svg_text}</body></html>")
    return page.evaluate(MEASURE)


def normalise(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def expected_text(defs: m.Definitions, e: m.Element) -> str:
    if e.type == "textAnnotation":
        return e.text
    if e.type == "group":
        return defs.root_names.get(e.category_value or "", "")
    return e.name


def assert_label(expected: str, rendered: str, where: str) -> None:
    """The whole name is drawn, never cut (a data object's state may follow it)."""
    want, got = normalise(expected), normalise(rendered)
    assert got.startswith(want), f"{where}: expected {expected!r}, drew {rendered!r}"


def inside(box, bounds: m.Bounds, tol: float = TOLERANCE) -> bool:
    x, y, w, h = box
    return (x >= bounds.x - tol and y >= bounds.y - tol
            and x + w <= bounds.x + bounds.width + tol
            and y + h <= bounds.y + bounds.height + tol)


def check_diagram(page, defs: m.Definitions, diagram: m.Diagram, where: str) -> None:
    svg_text = render_diagram(defs, diagram)
    got = measure(page, svg_text)
    vx, vy, vw, vh = got["viewBox"]
    cx, cy, cw, ch = got["content"]
    assert vx <= cx and vy <= cy and cx + cw <= vx + vw and cy + ch <= vy + vh, \
        f"{where}: content {got['content']} outside viewBox {got['viewBox']}"
    shapes = {s.element: s for s in diagram.plane.shapes}
    drawn = {s["id"]: s for s in got["shapes"]}
    drawing = plan(defs, diagram.plane)
    for shape in drawing.shapes:
        e = defs.get(shape.element)
        assert e.id in drawn, f"{where}: {e.type} {e.id} not drawn"
    for element_id, s in drawn.items():
        bounds = shapes[element_id].bounds
        assert inside(s["box"], bounds), \
            f"{where}: {element_id} drawn at {s['box']}, DI bounds {bounds}"
    labels = {label["id"]: label["text"] for label in got["labels"]}
    for element_id, s in drawn.items():
        e = defs.get(element_id)
        text = expected_text(defs, e)
        if text.strip():
            assert_label(text, labels.get(element_id, s["text"]), f"{where}: {element_id}")
    for edge in drawing.edges:
        e = defs.get(edge.element)
        if e.name.strip():
            assert_label(e.name, labels.get(e.id, ""), f"{where}: {e.id}")


def test_reference_models_are_drawn_faithfully_in_chromium(page):
    checked = 0
    for path in reference_files():
        defs, _ = read_file(str(path))
        assert defs is not None, path
        for diagram in defs.diagrams:
            if diagram.plane.shapes:
                check_diagram(page, defs, diagram, f"{path.name}#{diagram.id}")
                checked += 1
    assert checked >= 25


def test_every_notation_fixture_element_is_drawn_inside_its_bounds(page):
    defs, _ = read_file(str(FIXTURES / "all_notation.bpmn"))
    check_diagram(page, defs, defs.diagrams[0], "all_notation")


def test_hostile_names_are_escaped_and_stay_inside_their_shapes(page):
    defs, findings = read_file(str(FIXTURES / "hostile_names.bpmn"))
    assert defs is not None and not findings
    links = {"C_call": "utreda.html", "T_script": "javascript:alert(1)",
             "T_quotes": ' data:text/html,<script>alert(1)</script>'}
    svg_text = render_diagram(defs, defs.diagrams[0], links=links)
    tree = etree.fromstring(svg_text)  # well-formed, and markup in names stayed text
    local = {etree.QName(el).localname for el in tree.iter() if isinstance(el.tag, str)}
    assert not local & {"script", "img", "b", "foreignObject", "iframe"}
    assert "<script" not in svg_text
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    hrefs = [a.get("href") for a in tree.iter("{http://www.w3.org/2000/svg}a")]
    assert hrefs == ["utreda.html"], "only safe links become links"
    got = measure(page, svg_text)
    assert got["scripts"] == 0
    bounds = {s.element: s.bounds for s in defs.diagrams[0].plane.shapes}
    for s in got["shapes"]:
        e = defs.get(s["id"])
        b = bounds[s["id"]]
        assert inside(s["box"], b), f"{s['id']} overflows: {s['box']}"
        for x, _, w, _ in s["texts"]:  # wrapped to the shape's width; a long name runs
            assert b.x - TOLERANCE <= x and x + w <= b.x + b.width + TOLERANCE, s["id"]
        if e.type in m.ACTIVITY_TYPES:
            assert normalise(s["text"]) == normalise(e.name), s["id"]  # whole, never cut
    long_task = next(s for s in got["shapes"] if s["id"] == "T_long")
    assert len(normalise(long_task["text"])) >= 200, "a 200-character word is kept whole"
