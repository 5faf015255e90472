"""Issue 14's pages in Debian's chromium over HTTP: WCAG 2.1 AA by axe-core on the compliance,
owner, role and lagrum pages; from a process to its owner's page and from a role to a routine
by clicks; the pages fit a 375 px phone."""

from __future__ import annotations

import pytest

from browserkit import axe_violations, build, serve
from test_browser import browser, page  # noqa: F401  (the same chromium and 1280 px page)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("issue14-browser") / "site"
    build(out, "--internal")
    return serve(str(out))


PAGES = ["krav/sosfs-2011-9/", "agare/kvalitetschef/", "roller/", "roller/socialsekreterare/",
         "lagrum/"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_21_aa_violation(site, page, path):
    page.goto(site + path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_from_a_process_to_its_owner_and_the_gap_back_to_the_activity(site, page):
    page.goto(site + "processer/Process_sfa_kvalitetsberattelse/")
    page.locator("article a", has_text="Kvalitetschef").first.click()
    page.wait_for_url("**/agare/kvalitetschef/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Kvalitetschef"
    page.locator("nav.kls-breadcrumbs a").click()  # back to the list of owners
    page.wait_for_url("**/agare/")
    page.goto(site + "krav/sosfs-2011-9/")
    page.locator("article table a", has_text="4 kap. 4 §").click()
    gap = page.locator("article a", has_text="Publicera på webbplatsen").first  # 4 kap. 4 §
    assert gap.is_visible()
    gap.click()
    page.wait_for_url("**/processer/Process_sfa_kvalitetsberattelse/#*")
    assert page.locator('[id="Activity_sfa_kvalitetsberattelse_publicera"]').is_visible()


def test_a_role_reaches_its_routine_in_one_click(site, page):
    page.goto(site + "roller/")
    page.locator("article a", has_text="Socialsekreterare").click()
    page.wait_for_url("**/roller/socialsekreterare/")
    asked = []
    page.route("https://dokument.exempelstad.se/**",
               lambda route: (asked.append(route.request.url), route.fulfill(body="rutin")))
    routine = page.locator("article li a[href^='https://dokument.exempelstad.se/']").first
    href = routine.get_attribute("href")
    routine.click()
    page.wait_for_url(href)
    assert asked == [href]


@pytest.mark.parametrize("path", ["krav/sosfs-2011-9/", "agare/kvalitetschef/",
                                  "roller/socialsekreterare/"])
def test_pages_fit_a_phone(site, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True,
                                  has_touch=True, locale="sv-SE")
    phone = context.new_page()
    try:
        phone.goto(site + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        assert phone.locator("h1").is_visible()
    finally:
        context.close()
