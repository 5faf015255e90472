"""The built site in a real browser: Debian's chromium driven by Playwright, pages served over
HTTP on 127.0.0.1. Drill-down by mouse and keyboard, Swedish search, feedback and document
links, every link and asset crawled, a 375 px phone, axe-core for WCAG 2.1 AA, and hostile
model text that must never run."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from browserkit import axe_violations, build as _build, serve as _serve
from browserkit import browser, page  # noqa: F401  (fixtures)
from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("browser") / "site"
    _build(out, "--internal")
    return _serve(str(out))


def diagram_link(page, name: str):
    return page.locator(f'.kls-diagram a[aria-label^="{name} ("]').first


# -- drill-down --------------------------------------------------------------------------------

def test_map_to_activity_by_clicks_and_back_by_breadcrumbs(site, page):
    page.goto(site)
    diagram_link(page, "Individ- och familjeomsorg").click()
    page.wait_for_url("**/processer/Process_ifo/")
    diagram_link(page, "Utreda").click()
    page.wait_for_url("**/processer/Process_ifo_utreda/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Utreda"
    diagram_link(page, "Planera utredningen").click()
    page.wait_for_url("**/processer/Process_ifo_utreda/#*")
    anchor = unquote(urlsplit(page.url).fragment)
    heading = page.locator(f'[id="{anchor}"]')
    assert heading.inner_text().startswith("Planera utredningen")
    assert heading.is_visible()
    page.locator("nav.kls-breadcrumbs a", has_text="Individ- och familjeomsorg").click()
    page.wait_for_url("**/processer/Process_ifo/")
    page.locator("nav.kls-breadcrumbs a").first.click()
    page.wait_for_url(site)


def test_keyboard_only_reaches_and_opens_a_diagram_link(site, page):
    page.goto(site)
    for _ in range(300):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label')")
        if label and label.startswith("Individ- och familjeomsorg ("):
            break
    else:
        pytest.fail("Tab never reached the map's link to Individ- och familjeomsorg")
    page.keyboard.press("Enter")
    page.wait_for_url("**/processer/Process_ifo/")


# -- search (Pagefind) --------------------------------------------------------------------------

RESULT_LINKS = "pagefind-results a.pf-result-link"


def _search(page, site: str, query: str, open_with: str = "click") -> list[str]:
    """Search from the start page as a user does; the hrefs of the results shown first."""
    page.goto(site)
    if open_with == "click":
        page.locator("pagefind-modal-trigger button").click()
    else:
        page.keyboard.press(open_with)
    field = page.locator("pagefind-modal input.pf-input")
    field.wait_for(state="visible")
    field.fill(query)
    try:  # Pagefind loads its index and answers asynchronously
        page.locator(RESULT_LINKS).first.wait_for(timeout=15000)
    except Exception:  # noqa: BLE001 - no result at all is what the assertion reports
        return []
    page.wait_for_load_state("networkidle")
    return page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")


def _results(hrefs: list[str]) -> list[str]:
    """Result hrefs without their activity anchors, in order, each once."""
    return list(dict.fromkeys(urldefrag(h)[0] for h in hrefs))


@pytest.mark.parametrize("query,page_id", [
    ("utredningar", "Process_ifo_utreda"),   # inflected noun: utredning + ar (lunr: nothing)
    ("utredningen", "Process_ifo_utreda"),   # utredning + en
    ("utreda", "Process_ifo_utreda"),        # the verb, the process's own name
    ("avvikelserna", "Process_sfa_avvikelse"),  # avvikelse + rna: Avvikelsehantering
])
def test_swedish_search_finds_inflected_words_and_opens_the_result(site, page, query, page_id):
    found = _results(_search(page, site, query))
    wanted = f"{site}processer/{page_id}/"
    assert wanted in found[:5], f"{query!r} did not find {page_id} among the first results: {found}"
    page.locator(f'{RESULT_LINKS}[href="/processer/{page_id}/"]').first.click()
    page.wait_for_url(wanted)
    assert page.locator("h1").count() == 1


def test_an_activity_is_found_by_name_and_opens_its_process_page_there(site, page):
    hrefs = _search(page, site, "Planera utredningen")
    anchor = f"{site}processer/Process_ifo_utreda/#Activity_ifo_utreda_planera"
    assert anchor in hrefs[:3], hrefs
    result = page.locator(f'{RESULT_LINKS}[href$="#Activity_ifo_utreda_planera"]')
    assert result.inner_text() == "Planera utredningen"
    # It says what it is and where it sits.
    where = result.locator("xpath=ancestor::li[1]").locator(".kls-result__where")
    assert where.inner_text().split() == ["Aktivitet", "Individ-", "och", "familjeomsorg", "›",
                                          "Utreda"]
    result.click()
    page.wait_for_url(anchor)
    heading = page.locator('[id="Activity_ifo_utreda_planera"]')
    assert heading.inner_text().startswith("Planera utredningen") and heading.is_visible()
    assert page.locator("h1").inner_text().rstrip("¶") == "Utreda"


def test_a_document_is_found_by_title_and_opens_its_row_with_where_used(site, page):
    hrefs = _search(page, site, "Rutin för utredning enligt SoL")
    row = f"{site}dokument/#dok-RUT-004"
    assert hrefs[0] == row, hrefs
    page.locator(f'{RESULT_LINKS}[href="/dokument/#dok-RUT-004"]').click()
    page.wait_for_url(row)
    cells = page.locator("tr:has(#dok-RUT-004) td")
    assert cells.first.inner_text() == "Rutin för utredning enligt SoL" and cells.first.is_visible()
    assert "Planera utredningen" in cells.last.inner_text()  # where it is used


def test_search_filters_by_kind(site, page):
    _search(page, site, "utredning")
    page.locator("pagefind-filter-pane summary", has_text="Typ").click()
    page.locator("pagefind-filter-pane label", has_text="Dokument").click()
    # Some results, all documents: every() of no results (the list between two renders)
    # is true too, and a loaded machine was caught there.
    page.wait_for_function("() => (ks => ks.length > 0 && ks.every(k => k.textContent === "
                           "'Dokument'))([...document.querySelectorAll("
                           "'pagefind-results .kls-result__kind')])", timeout=10000)
    kinds = page.locator("pagefind-results .kls-result__kind").all_inner_texts()
    assert kinds and set(kinds) == {"Dokument"}


def test_keyboard_only_search(site, page):
    """Ctrl+K opens the search with the focus in its field; arrows reach the results; Enter
    opens one; Escape closes the search and gives the focus back."""
    hrefs = _search(page, site, "avvikelserna", open_with="Control+k")
    assert hrefs, "no results"
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/processer/Process_sfa_avvikelse/"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}processer/Process_sfa_avvikelse/")
    page.keyboard.press("Control+k")
    page.locator("pagefind-modal input.pf-input").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator("pagefind-modal input.pf-input").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.closest('pagefind-modal-trigger') !== null")


def test_axe_finds_no_violation_with_the_search_open(site, page):
    """The dialog with results, activities below their process, and the filters open."""
    assert _search(page, site, "utreda")
    page.locator("pagefind-filter-pane summary", has_text="Typ").click()
    page.locator("pagefind-filter-pane label[for^='pf-filter-typ-Process']").wait_for()
    assert page.locator("pagefind-results .kls-result__section").count() > 0
    assert axe_violations(page) == []


# -- feedback and documents --------------------------------------------------------------------

def test_feedback_link_carries_the_page_title(site, page):
    page.goto(site + "processer/Process_ifo_utreda/")
    href = page.locator("a.kls-feedback").get_attribute("href")
    assert href.startswith("mailto:synpunkter@exempelstad.se?")
    assert "Synpunkt på: Utreda" in unquote(href)
    assert "processer/Process_ifo_utreda/" in unquote(href)


def test_document_links_open_their_register_url(site, page):
    from kls_model.documents import read_register

    register, _ = read_register(str(ROOT / "models" / "dokument.yml"))
    page.goto(site + "processer/Process_ifo_utreda/")
    links = page.locator("article a[href^='https://dokument.exempelstad.se/']")
    assert links.count() > 0
    urls = {d.url: d.title for d in register.documents.values()}
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert href in urls and links.nth(i).inner_text() == urls[href]
    # Opening one: the browser asks for exactly that URL (the fictional host is not reached).
    asked = []
    page.route("https://dokument.exempelstad.se/**",
               lambda route: (asked.append(route.request.url), route.fulfill(body="rutin")))
    first = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_url(first)
    assert asked == [first]


# -- every page, link and asset ----------------------------------------------------------------

def test_crawler_finds_no_broken_internal_link_or_missing_asset(site):
    seen, broken, missing_anchors = set(), [], []
    pages_with_ids: dict[str, set[str]] = {}
    queue = deque([site])
    wanted_anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                body, kind = resp.read(), resp.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            broken.append((url, exc.code))
            continue
        if kind != "text/html":
            continue
        tree = lxml_html.fromstring(body)
        pages_with_ids[url] = set(tree.xpath("//@id"))
        refs = tree.xpath("//a/@href | //link/@href | //script/@src | //img/@src"
                          " | //*[local-name()='a']/@*[local-name()='href']")
        for ref in refs:
            target, fragment = urldefrag(urljoin(url, ref))
            if not target.startswith(site):
                continue
            if fragment:
                wanted_anchors.append((url, target, unquote(fragment)))
            if target not in seen:
                queue.append(target)
    assert broken == []
    for source, target, fragment in wanted_anchors:
        if target in pages_with_ids and fragment not in pages_with_ids[target] \
                and fragment not in ("__codelineno", ""):
            missing_anchors.append((source, target, fragment))
    assert missing_anchors == []
    assert len([u for u in seen if "/processer/" in u]) >= 38


# -- phone -------------------------------------------------------------------------------------

def test_phone_diagram_fits_and_navigation_works(site, browser):
    """The viewer fits a wide diagram to a phone and its links stay reachable (zoom, pinch
    and the no-JavaScript scroll box: tests/test_viewer.py)."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True,
                                  has_touch=True, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site + "processer/Process_ifo_utreda/")
        wrapper = page.locator(".kls-diagram").first
        sizes = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert sizes[0] <= sizes[1], "the wide diagram fits its box on a phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        last = page.locator(".kls-diagram a").last
        last.scroll_into_view_if_needed()
        assert last.is_visible()
        page.goto(site)  # the drawer opens at the top level here
        # The search is an icon button in the header, big enough to tap, and opens the dialog.
        search = page.locator("pagefind-modal-trigger button")
        assert search.get_attribute("aria-label") == "Sök"
        box = search.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= 375
        search.click()
        page.locator("pagefind-modal input.pf-input").wait_for(state="visible")
        page.locator("pagefind-modal button.pf-modal-close").click()
        page.locator("pagefind-modal input.pf-input").wait_for(state="hidden")
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-nav--primary a.md-nav__link[href='dokument/']").click()
        page.wait_for_url(site + "dokument/")
        assert page.locator("h1").inner_text().rstrip("¶") == "Dokument"
    finally:
        context.close()


# -- accessibility -----------------------------------------------------------------------------

AXE_PAGES = ["", "processer/Process_ifo_utreda/", "processer/", "dokument/", "roller/",
             "rapporter/", "rapporter/trasiga-lankar/", "guide/kls-profilen/"]


@pytest.mark.parametrize("path", AXE_PAGES, ids=lambda p: p or "start")
def test_axe_finds_no_wcag_21_aa_violation(site, page, path):
    """axe-core from npm (the current release, which runs label-content-name-mismatch on
    the diagram links), with the diagram viewer and its controls on the page."""
    page.goto(site + path)
    assert axe_violations(page) == []


# -- hostile content ---------------------------------------------------------------------------

def test_hostile_model_text_never_runs_and_shows_as_text(browser, tmp_path):
    out = tmp_path / "site"
    _build(out, str(FIXTURES / "site" / "hostile"), "--internal", "--allow-errors")
    base = _serve(str(out))
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pages = [p.relative_to(out).parent.as_posix() for p in out.rglob("index.html")]
        for rel in sorted(pages):
            page.goto(base + ("" if rel == "." else rel + "/"))
            page.wait_for_load_state("load")
            assert page.evaluate("window.__kls_pwned === undefined")
            clicks = page.locator("article a[href^='javascript:'], svg a[href^='javascript:']")
            assert clicks.count() == 0, rel
        page.goto(base + "processer/")
        assert "Farlig <script>alert('namn')</script> process" in page.locator("article").inner_text()
        # The search shows the same text as text: Pagefind inserts excerpts as HTML.
        page.locator("pagefind-modal-trigger button").click()
        page.locator("pagefind-modal input.pf-input").fill("farlig")
        page.locator(RESULT_LINKS).first.wait_for(timeout=15000)
        titles = page.locator(RESULT_LINKS).all_inner_texts()
        assert "Farlig <script>alert('namn')</script> process" in titles
        assert page.evaluate("window.__kls_pwned === undefined")
    finally:
        context.close()
    assert dialogs == [] and errors == []
