"""The diagram viewer (theme/assets/kls-viewer.js) in Debian's chromium, on the example KLS
built by `kls build` and served over HTTP: fit on load, the Swedish controls by mouse and
keyboard, Ctrl + wheel, drag, pinch on a 375 px phone, #activity links, full screen, print,
and the plain scroll box when JavaScript is off."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from browserkit import axe_violations, build, serve
from browserkit import browser, page  # noqa: F401  (fixtures)

SVG = "{http://www.w3.org/2000/svg}"
VIEWER = ".kls-viewer"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("viewer") / "site"
    build(out, "--internal")
    return serve(str(out)), out


@pytest.fixture(scope="module")
def widest(site) -> str:
    """The process page with the widest diagram of the example KLS (read from the built HTML,
    so a wider model added later is the one tested)."""
    _, out = site
    best, best_width = "", 0.0
    for index in out.glob("processer/*/index.html"):
        tree = lxml_html.fromstring(index.read_bytes())
        for svg in tree.xpath("//div[contains(@class, 'kls-diagram')]/*[local-name()='svg']"):
            width = float(svg.get("viewbox").split()[2])  # the HTML parser lowercases
            if width > best_width:
                best, best_width = index.parent.relative_to(out).as_posix() + "/", width
    assert best_width > 1500, "the example KLS has a wide diagram to fit"
    return best


def zoom(page) -> float:
    return round(float(page.locator(VIEWER).first.get_attribute("data-kls-zoom")), 2)


def rect(locator) -> dict:
    return locator.evaluate("el => el.getBoundingClientRect().toJSON()")


def show_viewer(page) -> None:
    page.locator(VIEWER).first.evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60)")


def all_shapes_inside_the_box(page) -> bool:
    return page.locator(VIEWER).first.evaluate("""v => {
      const box = v.querySelector('svg').getBoundingClientRect();
      return Array.from(v.querySelectorAll('g.djs-shape')).every(g => {
        const r = g.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1 &&
               r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }); }""")


# -- fit ---------------------------------------------------------------------------------------

def test_the_widest_diagram_is_fully_in_view_on_load_at_1280(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    show_viewer(page)
    assert page.locator(".kls-viewer__bar").is_visible()
    assert zoom(page) == 1.0
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    box = page.locator(f"{VIEWER} .kls-diagram").first
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth"), "no sideways scrolling"
    svg = rect(page.locator(f"{VIEWER} svg").first)
    assert svg["left"] >= 0 and svg["right"] <= 1280 and svg["height"] <= 900 - 60
    assert all_shapes_inside_the_box(page)


# -- controls ----------------------------------------------------------------------------------

def test_zoom_in_enlarges_zoom_out_and_fit_restore(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    show_viewer(page)
    task = page.locator(f"{VIEWER} g.djs-shape[data-element-type$='Task']").first
    before = rect(task)["width"]
    page.get_by_role("button", name="Zooma in").click()
    assert zoom(page) == 1.25
    assert rect(task)["width"] == pytest.approx(before * 1.25, rel=0.01)
    page.get_by_role("button", name="Zooma in").click()
    page.get_by_role("button", name="Zooma ut").click()
    assert zoom(page) == 1.25
    # Zoomed in, the minimap shows the whole diagram; a click on it moves the view there.
    minimap = page.locator(".kls-viewer__minimap").first
    assert minimap.is_visible() and minimap.locator("img").evaluate("i => i.naturalWidth") > 0
    view = page.locator(".kls-viewer__view").first
    before_view = rect(view)
    m = rect(minimap)
    page.mouse.click(m["right"] - 3, m["bottom"] - 3)
    after_view = rect(view)
    assert after_view["left"] > before_view["left"] and after_view["top"] > before_view["top"]
    assert after_view["right"] <= m["right"] + 1 and after_view["bottom"] <= m["bottom"] + 1
    page.get_by_role("button", name="Anpassa").click()
    assert zoom(page) == 1.0 and rect(task)["width"] == pytest.approx(before, rel=0.01)
    assert page.get_by_role("button", name="Zooma ut").get_attribute("aria-disabled") == "true"


def test_keyboard_only_zooms_pans_and_follows_a_link(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Zooma in":
            break
    else:
        pytest.fail("Tab never reached 'Zooma in'")
    page.keyboard.press("Enter")
    assert zoom(page) == 1.25
    for _ in range(6):  # past the other buttons to the diagram itself
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kls-diagram')"):
            break
    else:
        pytest.fail("Tab never reached the diagram")
    page.keyboard.press("+")
    assert zoom(page) == pytest.approx(1.56)
    transform = page.locator(".kls-pan").first.get_attribute("transform")
    page.keyboard.press("ArrowRight")
    assert page.locator(".kls-pan").first.get_attribute("transform") != transform
    page.keyboard.press("0")
    assert zoom(page) == 1.0
    page.keyboard.press("+")
    page.keyboard.press("+")
    page.keyboard.press("Tab")  # the first link in the diagram: brought into view
    focused = page.evaluate("document.activeElement.tagName")
    assert focused == "a"
    svg = rect(page.locator(f"{VIEWER} svg").first)
    link = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert svg["left"] <= link["left"] and link["right"] <= svg["right"] + 1
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.href.includes(h.replace(/^[.\\/]+/, ''))", arg=href)


def test_the_wheel_scrolls_the_page_and_zooms_only_with_ctrl(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    page.evaluate("document.body.style.paddingBottom = '2000px'")  # room to scroll
    show_viewer(page)
    svg = rect(page.locator(f"{VIEWER} svg").first)
    page.mouse.move(svg["left"] + svg["width"] / 2, svg["top"] + svg["height"] / 2)
    top = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 200)
    page.wait_for_function("y => window.scrollY > y", arg=top)
    assert zoom(page) == 1.0
    show_viewer(page)
    svg = rect(page.locator(f"{VIEWER} svg").first)
    page.mouse.move(svg["left"] + svg["width"] / 2, svg["top"] + svg["height"] / 2)
    top = page.evaluate("window.scrollY")
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function("() => parseFloat(document.querySelector('.kls-viewer')"
                           ".dataset.klsZoom) > 1")
    assert page.evaluate("window.scrollY") == top


def test_drag_pans_and_does_not_follow_the_link_it_started_on(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    show_viewer(page)
    for _ in range(3):
        page.get_by_role("button", name="Zooma in").click()
    url = page.url
    link = page.locator(f"{VIEWER} svg a").first
    link.evaluate("a => a.focus()")  # zoomed in: focusing brings it into view
    r = rect(link)
    transform = page.locator(".kls-pan").first.get_attribute("transform")
    page.mouse.move(r["left"] + r["width"] / 2, r["top"] + r["height"] / 2)
    page.mouse.down()
    page.mouse.move(r["left"] + r["width"] / 2 - 120, r["top"] + r["height"] / 2 - 30, steps=6)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.url == url, "a drag is not a click"
    assert page.locator(".kls-pan").first.get_attribute("transform") != transform
    # A click at any zoom still follows the link.
    link.evaluate("a => a.focus()")
    r = rect(link)
    page.mouse.click(r["left"] + r["width"] / 2, r["top"] + r["height"] / 2)
    page.wait_for_url(lambda u: u != url)


def test_clicks_inside_an_expanded_sub_process_reach_its_link(site, page):
    """Its start event and flows are not links: clicks pass through them to the
    sub-process's own link instead of being swallowed."""
    base, _ = site
    page.goto(base + "processer/Process_kompetens/")
    show_viewer(page)
    target = page.evaluate("""() => {
      const g = document.querySelector('.kls-viewer [data-element-id="Event_kompetens_i_start"]');
      const r = g.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const a = hit && hit.closest('a');
      return a && a.querySelector('g').dataset.elementId; }""")
    assert target == "Activity_kompetens_introduktion"


# -- phone -------------------------------------------------------------------------------------

def test_phone_fits_the_diagram_and_pinch_zooms_it(site, browser, widest):
    base, _ = site
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True,
                                  has_touch=True, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(base + widest)
        show_viewer(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        svg = rect(page.locator(f"{VIEWER} svg").first)
        assert svg["left"] >= 0 and svg["right"] <= 375
        assert all_shapes_inside_the_box(page)
        cx, cy = svg["left"] + svg["width"] / 2, svg["top"] + svg["height"] / 2
        cdp = context.new_cdp_session(page)

        def touch(kind, spread):
            points = [] if spread is None else [
                {"x": cx - spread, "y": cy, "id": 0}, {"x": cx + spread, "y": cy, "id": 1}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        touch("touchStart", 20)
        for spread in range(30, 130, 10):
            touch("touchMove", spread)
        touch("touchEnd", None)
        assert zoom(page) > 3, "spreading two fingers fivefold zooms in"
        text_px = page.locator(f"{VIEWER} svg text").first.evaluate(
            "t => { const m = t.getScreenCTM(); "
            "return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); }")
        assert text_px >= 9, f"zoomed in, diagram text is {text_px:.1f} px"
        page.get_by_role("button", name="Anpassa").tap()
        assert zoom(page) == 1.0
    finally:
        context.close()


# -- links to activities -----------------------------------------------------------------------

def test_a_link_to_an_activity_highlights_it_in_the_diagram(site, page, widest):
    base, out = site
    page.goto(base + widest)
    anchor = page.locator("section.kls-activity h3[id]").nth(1).get_attribute("id")
    page.goto(base + widest + "#" + anchor)
    mark = page.locator(f"{VIEWER} .kls-highlight")
    assert mark.count() == 1
    shape = page.locator(f'{VIEWER} g.djs-shape[data-element-id="{anchor}"]')
    m, s = rect(mark), rect(shape)
    assert m["left"] <= s["left"] and s["right"] <= m["right"]
    assert m["top"] <= s["top"] and s["bottom"] <= m["bottom"]
    # Following another activity's link (the table of contents) moves the highlight.
    other = page.locator("section.kls-activity h3[id]").nth(2).get_attribute("id")
    page.locator(f'.md-nav--secondary a[href="#{other}"]:visible').first.click()
    page.wait_for_function(
        "id => document.querySelector('.kls-highlighted').dataset.elementId === id", arg=other)
    assert page.locator(f"{VIEWER} .kls-highlight").count() == 1


# -- full screen and print ---------------------------------------------------------------------

def test_full_screen_fills_the_window_and_escape_leaves(site, page, widest):
    base, _ = site
    page.goto(base + widest)
    before = rect(page.locator(f"{VIEWER} svg").first)
    page.get_by_role("button", name="Helskärm").click()
    leave = page.get_by_role("button", name="Avsluta helskärm")
    assert leave.get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => document.querySelector('.kls-viewer--full')")
    full = rect(page.locator(f"{VIEWER} svg").first)
    assert full["width"] > before["width"] * 1.5 and full["height"] > 600
    assert all_shapes_inside_the_box(page)
    page.get_by_role("button", name="Zooma in").click()  # with the minimap showing
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.kls-viewer--full')")
    assert page.get_by_role("button", name="Helskärm").get_attribute("aria-pressed") == "false"


def test_printing_shows_the_whole_diagram_whatever_the_zoom(site, page, widest):
    base, _ = site
    page.goto(base + widest + "#" + "x")
    for _ in range(3):
        page.get_by_role("button", name="Zooma in").click()
    page.emulate_media(media="print")
    assert not page.locator(".kls-viewer__bar").is_visible()
    assert page.locator(".kls-pan").first.evaluate("g => getComputedStyle(g).transform") == "none"
    assert all_shapes_inside_the_box(page)
    assert page.pdf(format="A4")[:4] == b"%PDF"


# -- without JavaScript ------------------------------------------------------------------------

def test_without_javascript_the_diagram_scrolls_at_its_real_size(site, browser, widest):
    base, _ = site
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True,
                                  has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + widest)
        assert not page.locator(".kls-viewer__bar").is_visible()
        box = page.locator(f"{VIEWER} .kls-diagram").first
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        text_px = page.locator(f"{VIEWER} svg text").first.evaluate(
            "t => parseFloat(getComputedStyle(t).fontSize) * "
            "(t.ownerSVGElement.getBoundingClientRect().width / "
            "t.ownerSVGElement.viewBox.baseVal.width)")
        assert text_px >= 9, f"diagram text is {text_px:.1f} px"
    finally:
        context.close()
