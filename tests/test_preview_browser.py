"""The live preview in a real browser (Debian's chromium through Playwright) against a real
`kls serve` on 127.0.0.1: a saved edit appears by itself, keeping the reader's scroll
position; a finding appears on its page (element named, shape outlined) and goes when fixed;
a half-saved file shows the banner over the last good page; the banner and panel pass
axe-core (WCAG 2.1 AA) and fit a phone."""

from __future__ import annotations

import pytest

from browserkit import axe_violations, browser, page  # noqa: F401 - fixtures
from conftest import FIXTURES
from previewkit import Serve, committed_copy, preview  # noqa: F401 - fixture

UTREDA = "ifo-utreda.bpmn"
PAGE = "processer/Process_ifo_utreda/"
WAIT_MS = 60_000
OURS = "{include: ['#kls-preview-banner', '#kls-preview-findings']}"


@pytest.fixture
def utreda(preview):
    """The Utreda model as committed; put back after the test."""
    text = preview.read(UTREDA)
    yield text
    preview.save(UTREDA, text)
    preview.wait_idle()


def open_page(page, preview) -> None:
    page.goto(preview.url + PAGE)
    page.wait_for_selector("#kls-preview-banner")
    page.evaluate("window.__notReloaded = true")


def reloaded(page) -> bool:
    return page.evaluate("window.__notReloaded === undefined")


def test_a_saved_edit_appears_without_a_manual_reload(preview, page, utreda):
    open_page(page, preview)
    preview.save(UTREDA, utreda.replace('name="Granska utredningen"',
                                        'name="Granska och godkänn utredningen"'))
    page.wait_for_selector('h3:has-text("Granska och godkänn utredningen")', timeout=WAIT_MS)
    assert reloaded(page)
    # The banner is drawn by the preview's script once the reloaded page has loaded it.
    page.wait_for_selector("#kls-preview-banner", state="visible", timeout=10_000)


def test_the_scroll_position_is_kept_on_reload(preview, page, utreda):
    open_page(page, preview)
    page.evaluate("window.scrollTo(0, 900)")
    page.wait_for_function("Math.abs(window.scrollY - 900) < 2")
    preview.save(UTREDA, utreda.replace('name="Kalla till SIP-möte"',
                                        'name="Kalla till SIP-möte (samordnad plan)"'))
    page.wait_for_selector('h3:has-text("Kalla till SIP-möte (samordnad plan)")', timeout=WAIT_MS)
    assert reloaded(page)
    page.wait_for_function("Math.abs(window.scrollY - 900) < 2", timeout=5_000)


def test_the_diagram_zoom_is_kept_on_reload(preview, page, utreda):
    open_page(page, preview)
    viewer = page.locator("[data-kls-viewer]").first
    viewer.locator('[data-kls-action="zoom-in"]').click()
    viewer.locator('[data-kls-action="zoom-in"]').click()
    zoom = viewer.get_attribute("data-kls-zoom")
    pan = viewer.locator("g.kls-pan").get_attribute("transform")
    assert float(zoom) > 1.5
    preview.save(UTREDA, utreda.replace('name="Inhämta uppgifter från referenter"',
                                        'name="Inhämta uppgifter från referenterna"'))
    page.wait_for_selector('h3:has-text("Inhämta uppgifter från referenterna")', timeout=WAIT_MS)
    assert reloaded(page)
    viewer = page.locator("[data-kls-viewer]").first
    assert viewer.get_attribute("data-kls-zoom") == zoom
    assert viewer.locator("g.kls-pan").get_attribute("transform") == pan
    page.goto(preview.url + PAGE)  # a new visit starts fitted
    assert page.locator("[data-kls-viewer]").first.get_attribute("data-kls-zoom") == "1.000"


# Read in one evaluation, so a reload in between cannot split what the test compares;
# Playwright's wait_for_function polls again in the new page after a navigation.
SHOWN = """() => {
    const banner = document.getElementById("kls-preview-banner");
    const item = document.querySelector('#kls-preview-findings li[data-code="KLS011"]');
    const shape = document.querySelector(
        '.kls-diagram [data-element-id="Activity_ifo_utreda_samtal"]');
    const outlines = shape ? shape.querySelectorAll("rect.kls-preview-outline-error") : [];
    if (!banner || !item || !outlines.length || banner.innerText.includes("kontrollerar")) {
        return null;
    }
    const edges = (r) => [r.left, r.top, r.right, r.bottom];
    const body = [...shape.children].filter((c) => !c.classList.contains("kls-preview-outline"))
        .map((c) => edges(c.getBoundingClientRect()));
    return {text: item.innerText, banner: banner.innerText, outlines: outlines.length,
            links: item.querySelectorAll('a[href="#Activity_ifo_utreda_samtal"]').length,
            outline: edges(outlines[0].getBoundingClientRect()), body: body};
}"""


def test_a_finding_appears_on_its_element_and_goes_when_fixed(preview, page, utreda):
    open_page(page, preview)
    assert page.locator("#kls-preview-findings li[data-code=KLS011]").count() == 0
    preview.save(UTREDA, utreda.replace('name="dokument" value="RUT-005"',
                                        'name="dokument" value="RUT-999"', 1))
    shown = page.wait_for_function(SHOWN, timeout=WAIT_MS).json_value()
    assert "Genomföra samtal och hembesök" in shown["text"] and "RUT-999" in shown["text"]
    assert "Fel" in shown["text"] and shown["links"] == 1
    assert "1 fel" in shown["banner"]
    # One outline, around everything the shape draws (its box and its name).
    assert shown["outlines"] == 1 and shown["body"]
    left, top, right, bottom = shown["outline"]
    for b_left, b_top, b_right, b_bottom in shown["body"]:
        assert left < b_left and top < b_top and right > b_right and bottom > b_bottom

    preview.save(UTREDA, utreda)
    # The page reloads first, the findings follow (the banner says it is checking meanwhile).
    # One evaluation again: the findings gone, the outline with them.
    page.wait_for_function("""() => {
        const banner = document.getElementById("kls-preview-banner");
        return banner && banner.innerText.includes("0 fel")
            && !document.querySelector('#kls-preview-findings li[data-code="KLS011"]')
            && !document.querySelector("rect.kls-preview-outline");
    }""", timeout=WAIT_MS)


def test_a_half_saved_file_shows_the_banner_and_the_last_good_page(preview, page, utreda):
    open_page(page, preview)
    preview.save(UTREDA, utreda[: len(utreda) // 3])
    alert = page.locator("#kls-preview-banner [role=alert]")
    alert.wait_for(timeout=WAIT_MS)
    text = alert.inner_text()
    assert UTREDA in text and "kan inte läsas" in text and "senast lästa versionen" in text
    assert page.locator("h1").inner_text().rstrip("¶") == "Utreda"
    assert page.locator("h3", has_text="Planera utredningen").count() == 1
    page.goto(preview.url + "processer/Process_ifo/")  # every page says so
    page.locator("#kls-preview-banner [role=alert]").wait_for()

    preview.save(UTREDA, utreda)
    alert.wait_for(state="detached", timeout=WAIT_MS)


def test_the_banner_panel_and_findings_page_pass_axe_and_fit_a_phone(preview, browser, utreda):
    preview.save(UTREDA, utreda.replace('name="dokument" value="RUT-005"',
                                        'name="dokument" value="RUT-999"', 1))
    preview.wait_idle()
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
        page = context.new_page()
        try:
            # The process page is checked where the preview adds to it (the rest of it is
            # the build's, which tests/test_browser.py checks); the findings page whole.
            for url, context_ in ((PAGE, OURS), ("_kls/fynd/", "document")):
                page.goto(preview.url + url)
                page.wait_for_selector("#kls-preview-banner")
                if url == PAGE:
                    page.wait_for_selector("#kls-preview-findings")
                assert axe_violations(page, context=context_) == [], (width, url)
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= width, (width, url, wide)
        finally:
            context.close()


def test_a_restarted_preview_is_picked_up_by_an_open_page(page, tmp_path):
    """Ctrl+C, then `kls serve` again (generations start over): the open page says the
    preview is gone, then reloads by itself from the new one."""
    models = committed_copy(FIXTURES / "valid" / "minimal", tmp_path / "kls")
    first = Serve(models)
    try:
        page.goto(first.url + "processer/Process_ifo/")
        page.wait_for_selector("#kls-preview-banner")
        page.evaluate("window.__notReloaded = true")
    finally:
        first.stop()
    page.locator("#kls-preview-banner [role=alert]").wait_for(timeout=WAIT_MS)
    assert "svarar inte" in page.locator("#kls-preview-banner").inner_text()
    ifo = models / "ifo.bpmn"
    ifo.write_text(ifo.read_text(encoding="utf-8").replace(
        "Ta emot anmälan", "Ta emot och registrera anmälan"), encoding="utf-8")
    second = Serve(models, port=first.port)
    try:
        page.wait_for_selector('h3:has-text("Ta emot och registrera anmälan")', timeout=WAIT_MS)
        assert reloaded(page)
    finally:
        second.stop()
