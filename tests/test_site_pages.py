"""The site's pages as generated from the graph (site_build.pages.write_pages): the example KLS
in models/ for the internal and the public audience, and a fixture KLS full of hostile text."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import markdown
import pytest

from kls_model import graph as g
from kls_model.load import load
from site_build.pages import write_pages
from kls_model.collate import initial, swedish_key
from site_build.pages.escape import documentation, text
from site_build.pages.navigation import nav_pages as nav_paths
from site_build.settings import Change, SiteSettings

from conftest import FIXTURES, ROOT, TODAY

HOSTILE = FIXTURES / "site" / "hostile"
MAILBOX = "kvalitet@exempelstad.se"
SITE_URL = "https://kls.exempelstad.se/"
#: The Markdown extensions the site turns on (mkdocs.yml), to render pages without MkDocs.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]


def settings(audience: str, **extra) -> SiteSettings:
    return SiteSettings(audience=audience, feedback_email=MAILBOX, site_url=SITE_URL, **extra)


def generate(paths, out: Path, audience: str, **extra):
    system, _ = load([str(p) for p in paths], today=TODAY)
    out.mkdir(parents=True)
    nav = write_pages(system, out, settings(audience, **extra))
    return system, nav


def files_of(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*")) if p.is_file()}


def example_history() -> dict:
    kris_change = Change(commit="abc1234", date=dt.date(2026, 11, 20),
                         subject="Krisberedskap: ny ledningsplats", files=["krisberedskap.bpmn"],
                         processes=["Process_kris"])
    ao_change = Change(commit="def5678", date=dt.date(2026, 11, 19),
                       subject="Äldreomsorg: ny rutin", files=["aldreomsorg.bpmn"],
                       processes=["Process_ao"])
    return {"changes": [kris_change, ao_change],
            "last_changed": {"Process_ao": dt.date(2026, 11, 19)}}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "internal"
    extra = example_history()
    system, nav = generate([ROOT / "models"], out, "internal", **extra)
    public_out = out.parent / "public"
    _, public_nav = generate([ROOT / "models"], public_out, "public", **extra)
    return {"system": system, "internal": files_of(out), "nav": nav,
            "public": files_of(public_out), "public_nav": public_nav, "dir": out}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    generate([HOSTILE], base / "internal", "internal")
    generate([HOSTILE], base / "public", "public")
    return {"internal": files_of(base / "internal"), "public": files_of(base / "public")}


def activity_sections(page: str) -> dict[str, str]:
    """Activity id -> its section of a process page's Markdown."""
    sections = {}
    for chunk in page.split('<section class="kls-activity" markdown="1">')[1:]:
        anchor = re.search(r"\{ #([^ }]+) \}", chunk).group(1)
        sections[anchor] = chunk.split("</section>")[0]
    return sections


# -- pages and paths --------------------------------------------------------------------------


INTRODUKTION = "Process_kompetens/Activity_kompetens_introduktion"  # an embedded sub-process


def test_every_process_has_a_page_named_by_its_bpmn_id(example):
    G = example["system"].graph
    for process in g.processes(G):
        if process == example["system"].map_id:
            continue
        assert f"processer/{process}.md" in example["internal"], process
    # an embedded sub-process lives under its process: its id is unique only in its file
    assert "processer/Process_kompetens/Activity_kompetens_introduktion.md" in example["internal"]
    assert {"index.md", "processer/index.md", "dokument.md", "roller/index.md",
            "agare/index.md", "samverkan.md", "lagrum.md", "krav/sosfs-2011-9.md",
            "andringar.md", "andringar.xml", "kls.json", "guide/kls-profilen.md"} \
        <= set(example["internal"])


def test_nav_lists_every_page_once_nested_by_hierarchy(example):
    paths = nav_paths(example["nav"])
    # Role and owner pages are reached from their index pages, not the nav.
    pages = [p for p in example["internal"] if p.endswith(".md")
             and not re.fullmatch(r"(roller|agare)/(?!index\.md).*", p)]
    assert sorted(paths) == sorted(pages)
    assert len(paths) == len(set(paths))
    processes = next(item["Processer"] for item in example["nav"] if "Processer" in item)
    assert processes[0] == "processer/index.md"
    ao = next(item["Äldreomsorg"] for item in processes if isinstance(item, dict)
              and "Äldreomsorg" in item)
    assert ao[0] == "processer/Process_ao.md"
    assert "processer/Process_ao_handlagga.md" in ao
    assert any("Rapporter" in item for item in example["nav"])


def test_start_page_map_links_to_each_huvudprocess(example):
    G = example["system"].graph
    start = example["internal"]["index.md"]
    level_one = [p for p in g.processes(G) if G.nodes[p].get("level") == 1]
    assert len(level_one) >= 8
    begin = start.index('<div class="kls-diagram"')
    svg = start[begin:start.index("</div>", begin)]
    for process in level_one:
        assert f'href="processer/{process}/"' in svg, process
        assert f"](processer/{process}.md)" in start, process
    assert "### Huvudprocesser" in start and "### Stödprocesser" in start
    assert "](kls.json)" in start


def test_breadcrumbs_link_up_the_hierarchy(example):
    page = example["internal"]["processer/Process_ao_handlagga.md"]
    crumbs = page[page.index('<nav class="kls-breadcrumbs"'):page.index("</nav>")]
    assert "](../index.md)" in crumbs
    assert "[Äldreomsorg](Process_ao.md)" in crumbs
    sub = example["internal"]["processer/Process_sfa_lex_sarah/Activity_sfa_lex_sarah_utreda.md"]
    crumbs = sub[:sub.index("</nav>")]
    assert "(../Process_sfa.md)" in crumbs and "(../Process_sfa_lex_sarah.md)" in crumbs


def test_each_activity_lists_its_documents_with_hrefs(example):
    system = example["system"]
    G = system.graph
    checked = 0
    pages = {p: f"processer/{p}.md" for p in g.processes(G)}
    pages[INTRODUKTION] = "processer/Process_kompetens/Activity_kompetens_introduktion.md"
    for container, path in pages.items():
        page = example["internal"].get(path)
        if page is None:
            continue
        sections = activity_sections(page)
        for activity in g.children(G, container):
            anchor = G.nodes[activity]["bpmn_id"]  # anchors are the BPMN id
            assert anchor in sections, activity
            for doc_node in g.documents_of(G, activity):
                doc = G.nodes[doc_node]["doc"]
                assert f"(<{doc.url}>)" in sections[anchor], (activity, doc.id)
                checked += 1
    assert checked > 100


def test_activity_sections_show_role_type_groups_and_call_links(example):
    sections = activity_sections(example["internal"]["processer/Process_ao_handlagga.md"])
    hembesok = sections["Activity_ao_handlagga_hembesok"]
    assert "**Ansvarig:** [Biståndshandläggare](../roller/bistandshandlaggare.md)" in hembesok
    assert "- **Rutiner:** [" in hembesok and "- **Blanketter:** [" in hembesok
    ao = activity_sections(example["internal"]["processer/Process_ao.md"])
    assert "(Process_ao_handlagga.md)" in ao["Activity_ao_handlagga"]


def test_diagram_links_activities_subprocesses_and_called_processes(example):
    ao = example["internal"]["processer/Process_ao.md"]
    assert 'href="../Process_ao_handlagga/"' in ao
    kompetens = example["internal"]["processer/Process_kompetens.md"]
    assert 'href="Activity_kompetens_introduktion/"' in kompetens
    handlagga = example["internal"]["processer/Process_ao_handlagga.md"]
    assert 'href="#Activity_ao_handlagga_hembesok"' in handlagga
    for page in example["internal"].values():
        if '<div class="kls-diagram"' in page:
            block = page.split('<div class="kls-diagram"')[1].split("</div>")[0]
            assert "\n\n" not in block


def test_feedback_link_names_the_page(example):
    page = example["internal"]["processer/Process_ao_handlagga.md"]
    subject = quote("Synpunkt på: Handlägga ansökan om bistånd", safe="")
    url = quote(SITE_URL + "processer/Process_ao_handlagga/", safe="")
    assert f"mailto:{MAILBOX}?subject={subject}&body=" in page
    assert url in page


def test_process_facts_description_and_context(example):
    page = example["internal"]["processer/Process_ao.md"]
    assert "- **Processägare:** [" in page
    assert "- **Senast ändrad:** 2026-11-19" in page
    assert "## Lagrum" in page or "**Lagrum:**" in page
    handlagga = example["internal"]["processer/Process_ao_handlagga.md"]
    assert "- **Startar:** Ansökan om bistånd" in handlagga
    assert "## Samverkan" in handlagga and "(../samverkan.md#den-enskilde)" in handlagga
    assert "## Ingår i" in handlagga and "(Process_ao.md#Activity_ao_handlagga)" in handlagga


def test_index_pages(example):
    pages = example["internal"]
    az = pages["processer/index.md"]
    letters = re.findall(r"^## (\S+)$", az, re.MULTILINE)
    assert letters[0] == "A" and letters[-2:] == ["Å", "Ä"]  # Åtgärda, Äldreomsorg
    assert "[Äldreomsorg](Process_ao.md)" in az
    assert "| RUT-015 |" in pages["dokument.md"]
    # Roles and owners are lists of links to their pages; the old anchors still land there.
    assert ("- [Biståndshandläggare](bistandshandlaggare.md){ #bistandshandlaggare }: "
            "5 aktiviteter i 2 processer") in pages["roller/index.md"]
    assert "(../processer/Process_ao_handlagga.md#Activity_ao_handlagga_hembesok)" in \
        pages["roller/bistandshandlaggare.md"]
    assert "[Kvalitetschef](kvalitetschef.md){ #kvalitetschef }" in pages["agare/index.md"]
    assert "## Den enskilde { #den-enskilde }" in pages["samverkan.md"]


def test_reports_are_internal_only(example):
    internal, public = example["internal"], example["public"]
    assert "rapporter/index.md" in internal
    assert "Activity_sfa_kvalitetsberattelse_publicera" in internal[
        "rapporter/aktiviteter-utan-rutin.md"]
    assert "CHK-001" in internal["rapporter/revidering.md"]
    assert not any(p.startswith("rapporter/") for p in public)
    assert not any("Rapporter" in item for item in example["public_nav"])


def test_changes_page(example):
    internal, public = example["internal"]["andringar.md"], example["public"]["andringar.md"]
    assert "Krisberedskap: ny ledningsplats" in internal
    assert "[Äldreomsorg](processer/Process_ao.md)" in internal and "`aldreomsorg.bpmn`" in internal
    assert "Äldreomsorg: ny rutin" in public and "`aldreomsorg.bpmn`" not in public


def test_public_site_has_no_trace_of_the_internal_process(example):
    system = example["system"]
    G = system.graph
    secrets = {"Process_kris", G.nodes["Process_kris"]["name"], "krisberedskap.bpmn"}
    for node in g.contained(G, "Process_kris"):
        secrets |= {G.nodes[node]["bpmn_id"], G.nodes[node]["name"]} - {""}
    for doc in system.register.documents.values():
        if doc.is_internal:
            secrets |= {doc.id, doc.title, doc.url}
    assert len(secrets) > 8
    for path, content in example["public"].items():
        for secret in secrets:
            assert secret not in content, (path, secret)
    assert not any("Process_kris" in p for p in nav_paths(example["public_nav"]))
    data = json.loads(example["public"]["kls.json"])
    assert "Process_kris" not in {p["id"] for p in data["processes"]}
    # ... while the internal site has all of it.
    assert "processer/Process_kris.md" in example["internal"]


def test_open_data_is_the_whole_model(example):
    data = json.loads(example["internal"]["kls.json"])
    ids = {p["id"] for p in data["processes"]}
    assert {"Process_ao", "Process_kris", INTRODUKTION} <= ids
    sub = next(p for p in data["processes"] if p["id"] == INTRODUKTION)
    assert sub["bpmn_id"] == "Activity_kompetens_introduktion"
    assert sub["url"] == "processer/Process_kompetens/Activity_kompetens_introduktion/"
    ao = next(p for p in data["processes"] if p["id"] == "Process_ao_handlagga")
    assert ao["owner"] and ao["activities"][0]["documents"]
    assert ao["url"] == "processer/Process_ao_handlagga/"
    assert {"parent": "Process_ao", "child": "Process_ao_handlagga",
            "via": "Process_ao/Activity_ao_handlagga"} in data["hierarchy"]
    assert ao["activities"][0]["id"].startswith("Process_ao_handlagga/")
    assert len(data["documents"]) == len(example["system"].register.documents)
    assert data["roles"]


def test_same_input_gives_same_bytes(example, tmp_path):
    generate([ROOT / "models"], tmp_path / "again", "internal", **example_history())
    again = files_of(tmp_path / "again")
    assert again.keys() == example["internal"].keys()
    for path, content in example["internal"].items():
        assert again[path] == content, path


# -- hostile text -----------------------------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _assert_harmless(html: str, where: str) -> None:
    for tag, attrs in _elements(html):
        assert tag not in ("script", "img", "iframe", "object", "embed"), (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in ("href", "src", "xlink:href") and value:
                scheme = urlsplit(value).scheme.lower()
                assert scheme in ("", "http", "https", "mailto"), (where, value)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_hostile_text_is_escaped_in_every_page(hostile, audience):
    pages = hostile[audience]
    assert "processer/Process_farlig.md" in pages
    for path, content in pages.items():
        if path.endswith(".md") and not path.startswith("guide/"):
            for raw in ("<script", "<img", "<iframe", "<svg onload", "<b>", "<i>"):
                assert raw not in content, (path, raw)
            _assert_harmless(markdown.markdown(content, extensions=EXTENSIONS), path)
    data = json.loads(pages["kls.json"])  # the data keeps the text, the file no markup
    assert "<script" not in pages["kls.json"]
    assert any("<script>" in p["name"] for p in data["processes"])


def test_hostile_links_and_attribute_lists_are_dropped(hostile):
    page = hostile["internal"]["processer/Process_farlig.md"]
    html = markdown.markdown(page, extensions=EXTENSIONS)
    hrefs = [a.get("href") for tag, a in _elements(html) if tag == "a"]
    assert "https://example.se/a?b=1&c=2" in hrefs
    assert "https://dokument.example.se/rutin-ok.pdf" in hrefs
    assert "https://dokument.example.se/mall.docx?a=1&b=2" in hrefs
    assert not any("javascript" in (h or "") for h in hrefs)
    assert "Rutin med skadlig adress (ingen giltig adress)" in page
    assert 'onclick="' not in html.replace("&#123; onclick=", "")
    assert not any("onclick" in a for _, a in _elements(html))
    data = json.loads(hostile["internal"]["kls.json"])
    js = next(d for d in data["documents"] if d["id"] == "RUT-JS")
    assert js["url"] is None


def test_hostile_public_site_hides_internal_process_and_documents(hostile):
    secrets = ("Process_hemlig", "Hemlig krisplan", "Samla krisledningen", "Hemlig_samla",
               "RUT-INT", "Hemlig ledningsplatsrutin", "hemlig-ledningsplats", "Krisledare",
               "Räddningstjänsten", "Säkerhetschef", "Ledningsplatsen")
    for path, content in hostile["public"].items():
        for secret in secrets:
            assert secret not in content, (path, secret)
    start = hostile["public"]["index.md"]
    assert "Krisberedskap" in start  # the call activity is drawn ...
    assert 'href="processer/Process_hemlig/"' not in start  # ... but leads nowhere
    assert "Process_hemlig" in hostile["internal"]["index.md"]
    assert "Hemlig ledningsplatsrutin" in hostile["internal"]["processer/Process_farlig.md"]


def test_hostile_data_objects_become_inputs_and_outputs(hostile):
    sections = activity_sections(hostile["internal"]["processer/Process_farlig.md"])
    task = sections["Farlig_uppgift"]
    assert "- **Indata:** Ansökan &lt;svg onload=alert(1)&gt;" in task
    assert "- **Utdata:** Beslut" in task


# -- helpers ----------------------------------------------------------------------------------


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z():
    names = ["Ödla", "Zebra", "Äpple", "Åsa", "Anna", "Émile", "Übung", "Yngve"]
    assert sorted(names, key=swedish_key) == [
        "Anna", "Émile", "Übung", "Yngve", "Zebra", "Åsa", "Äpple", "Ödla"]
    assert [initial(n) for n in ("åsa", "Ärta", "ödla", "émile", "1177")] == \
        ["Å", "Ä", "Ö", "E", ""]


def test_plain_text_loses_all_markup_meaning():
    html = markdown.markdown(f"- {text('- *a* [b](javascript:c) <i>d</i> { #x } `e`')}",
                             extensions=EXTENSIONS)
    assert "<em>" not in html and "<a" not in html and "<i>" not in html
    assert "<code>" not in html and 'id="x"' not in html
    assert "- *a* [b](javascript:c) &lt;i&gt;d&lt;/i&gt; { #x } `e`" in html.replace(
        "&#45;", "-").replace("&#42;", "*").replace("&#91;", "[").replace(
        "&#93;", "]").replace("&#123;", "{").replace("&#125;", "}").replace(
        "&#35;", "#").replace("&#96;", "`")


def test_documentation_keeps_markdown_but_not_html_or_unsafe_links():
    source = ("**fet** [ok](https://a.se/) [nej](javascript:x) [n [e] j](data:text/html,x) "
              "<b>x</b>\n\n[r]: javascript:y\n\n![bild](https://a.se/i.png) {: onclick=z }")
    html = markdown.markdown(documentation(source), extensions=EXTENSIONS)
    assert "<strong>fet</strong>" in html and '<a href="https://a.se/">ok</a>' in html
    _assert_harmless(html, "documentation")
    assert "&lt;b&gt;" in html and "onclick" not in "".join(
        str(a) for _, a in _elements(html))


# -- through MkDocs (kls build) ---------------------------------------------------------------


class _Scripts(_Elements):
    """Collects elements and the text of every <script> element."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory):
    from site_build.build import BuildRequest, build

    out = tmp_path_factory.mktemp("html") / "public"
    code = build(BuildRequest(config=ROOT / "mkdocs.yml", out=out, audience="public",
                              allow_errors=True, models=[str(HOSTILE)]))
    assert code == 0
    return out


def test_hostile_text_is_inert_in_the_built_html(hostile_html):
    pages = sorted(hostile_html.rglob("*.html"))
    assert hostile_html / "processer" / "Process_farlig" / "index.html" in pages
    for page in pages:
        parser = _Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in ("img", "iframe", "object", "embed"), (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            for name in ("href", "src"):
                scheme = urlsplit(attrs.get(name) or "").scheme.lower()
                assert scheme in ("", "http", "https", "mailto"), (page, attrs)
        assert not any("alert" in s for s in parser.scripts), page
    search = (hostile_html / "search" / "search_index.json").read_text(encoding="utf-8")
    for secret in ("Process_hemlig", "Hemlig krisplan", "Samla krisledningen", "RUT-INT"):
        assert secret not in search
