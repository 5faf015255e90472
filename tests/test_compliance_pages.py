"""The pages issue 14 added, generated from the example KLS (site_build.pages.write_pages):
Uppfyllelse av SOSFS 2011:9, owner pages, role pages, Lagrum A–Ö and the Atom feed of
"Senaste ändringar", for the internal and the public audience."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from kls_model import graph as g
from kls_model.load import load
from site_build import history
from site_build.pages import write_pages
from site_build.settings import SiteSettings

from conftest import ROOT, TODAY

MODELS = ROOT / "models"
SITE_URL = "https://kls.exempelstad.se/"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGE = "krav/sosfs-2011-9.md"


def build_pages(models: Path, out: Path, audience: str) -> dict[str, str]:
    system, _ = load([str(models)], today=TODAY)
    changes = history.changes([str(models)], system)
    out.mkdir(parents=True)
    write_pages(system, out, SiteSettings(
        audience=audience, site_url=SITE_URL, feedback_email="kvalitet@exempelstad.se",
        changes=changes, last_changed=history.last_changed(changes)))
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The example with its real git history, for both audiences."""
    base = tmp_path_factory.mktemp("issue14")
    system, _ = load([str(MODELS)], today=TODAY)
    return {"system": system, "internal": build_pages(MODELS, base / "internal", "internal"),
            "public": build_pages(MODELS, base / "public", "public")}


def sections(page: str) -> dict[str, str]:
    """Requirement anchor -> its section of the compliance page."""
    found = {}
    for chunk in re.split(r"(?m)^### ", page)[1:]:
        anchor = re.search(r"\{ #([^ }]+) \}", chunk.splitlines()[0]).group(1)
        found[anchor] = re.split(r"(?m)^## ", chunk)[0]
    return found


# -- Uppfyllelse av SOSFS 2011:9 ---------------------------------------------------------------


def test_each_requirement_has_a_section_with_its_status(site):
    page = site["internal"][PAGE]
    found = sections(page)
    expected = {f"{ch}-kap-{n}" for ch, ns in ((4, range(1, 6)), (5, range(1, 8)), (6, (1, 3)),
                                                (7, (1,))) for n in ns}
    assert set(found) == expected
    for anchor, section in found.items():
        status = "warning" if anchor == "4-kap-4" else "success"
        assert f'!!! {status} "' in section, anchor
    routines = found["4-kap-4"]
    assert '!!! warning "Delvis uppfyllt"' in routines and "**Att göra**" in routines
    assert ("[Publicera på webbplatsen](../processer/Process_sfa_kvalitetsberattelse.md"
            "#Activity_sfa_kvalitetsberattelse_publicera) (Kvalitetsberättelse, ägare "
            "[Kvalitetschef](../agare/kvalitetschef.md))") in routines
    assert "Anger kravet (krav): [Riskanalys](../processer/Process_sfa_riskanalys.md)" \
        in found["5-kap-1"]
    assert "uppfyllda 14, delvis uppfyllda 1, saknas 0" in page
    assert "| [4 kap. 4 §](#4-kap-4) | Rutiner och ansvar för aktiviteterna | " \
        "**Delvis uppfyllt** |" in page


def test_removing_a_krav_turns_the_section_into_a_gap(site, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    path = models / "sfa-lex-maria.bpmn"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<camunda:property name="krav" value="SOSFS 2011:9 5 kap. 4 §" />', ""), "utf-8")
    for name in ("sfa-lex-sarah.bpmn", "sfa-avvikelsehantering.bpmn"):
        path = models / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            "SOSFS 2011:9 5 kap. 4 §", "SoL 14 kap. 3 §"), "utf-8")
    reports = sections(build_pages(models, tmp_path / "out", "internal")[PAGE])["5-kap-4"]
    assert '!!! failure "Saknas"' in reports
    assert "Ange `krav = SOSFS 2011:9 5 kap. 4 §` på den process" in reports
    assert "(../guide/kls-profilen.md#krav-och-uppfyllelse)" in reports


def test_public_compliance_page_shows_requirements_and_processes_but_no_gaps(site):
    page = site["public"][PAGE]
    assert set(sections(page)) == set(sections(site["internal"][PAGE]))
    for word in ("!!!", "Uppfyllt", "Delvis", "Saknas", "Att göra", "Publicera på webbplatsen"):
        assert word not in page, word
    risk = sections(page)["5-kap-1"]
    assert "**Processer:** [Riskanalys](../processer/Process_sfa_riskanalys.md)" in risk
    assert "Se [Samverkan](../samverkan.md)." in sections(page)["4-kap-5"]


def test_the_reports_index_summarises_compliance(site):
    index = site["internal"]["rapporter/index.md"]
    assert "[Uppfyllelse av SOSFS 2011:9](../krav/sosfs-2011-9.md): 14 uppfyllda, 1 delvis, " \
        "0 saknas" in index


# -- owners and roles ---------------------------------------------------------------------------


def test_every_owner_and_role_has_a_page_linked_from_its_index(site):
    G = site["system"].graph
    internal = site["internal"]
    owners = {d["name"] for _, d in G.nodes(data=True) if d["kind"] == "owner"}
    owners |= {doc.owner for doc in site["system"].register.documents.values() if doc.owner}
    roles = {d["name"] for n, d in G.nodes(data=True) if d["kind"] == "role"
             and g.role_activities(G, n)}
    for folder, names in (("agare", owners), ("roller", roles)):
        pages = {p: text for p, text in internal.items()
                 if p.startswith(f"{folder}/") and not p.endswith("index.md")}
        titles = {re.search(r"(?m)^# (.+)$", text).group(1) for text in pages.values()}
        assert titles == names, folder
        for path in pages:
            assert f"]({path.split('/')[1]}){{ #" in internal[f"{folder}/index.md"], path


def test_owner_page_lists_processes_documents_and_findings_in_that_order(site):
    page = site["internal"]["agare/kvalitetschef.md"]
    headings = re.findall(r"(?m)^## (.+)$", page)
    assert headings == ["Processer", "Dokument", "Att åtgärda"]
    assert "| [Riskanalys](../processer/Process_sfa_riskanalys.md) | delprocess | &#50;.1 | " \
        "2025-11-20 |" in page
    assert "(RUT-029, rutin) | 2026-12-31 | inom 90 dagar | [Avvikelsehantering]" in page
    findings = page.split("## Att åtgärda")[1]
    assert "KLS014 Aktivitet utan rutin" in findings and "Publicera på webbplatsen" in findings
    overdue = next(text for path, text in site["internal"].items()
                   if path.startswith("agare/") and "CHK-001" in text)
    assert "(CHK-001, checklista) | 2025-12-31 | försenad |" in overdue
    assert "KLS015 Dokument ska revideras" in overdue.split("## Att åtgärda")[1]


def test_role_page_follows_the_work_in_order_with_routines_one_click_away(site):
    page = site["internal"]["roller/socialsekreterare.md"]
    order = re.findall(r"(?m)^## (.+)$", page)
    assert order[:3] == ["Aktualisera", "Utreda (Individ- och familjeomsorg)", "Besluta"]
    G = site["system"].graph
    utreda = page.split("## Utreda")[1].split("\n## ")[0]
    anchors = re.findall(r"\(\.\./processer/Process_ifo_utreda\.md#([^)]+)\)", utreda)
    in_flow = [G.nodes[a]["bpmn_id"] for a in g.children(G, "Process_ifo_utreda")
               if G.nodes[a]["bpmn_id"] in anchors]
    assert anchors == in_flow and len(anchors) >= 4
    assert "- **Rutiner:** [Rutin för utredning enligt SoL](<https://dokument.exempelstad.se/" \
        in utreda


def test_process_pages_link_owner_and_role_to_their_pages(site):
    page = site["internal"]["processer/Process_ifo_utreda.md"]
    assert "- **Processägare:** [Enhetschef barn och unga](../agare/enhetschef-barn-och-unga.md)" \
        in page
    assert "**Ansvarig:** [Socialsekreterare](../roller/socialsekreterare.md)" in page


# -- Lagrum A–Ö ---------------------------------------------------------------------------------


def test_lagrum_lists_every_reference_with_who_cites_it(site):
    page = site["internal"]["lagrum.md"]
    statutes = re.findall(r"(?m)^## (.+)$", page)
    assert statutes.index("FL") < statutes.index("SoL") < statutes.index("SOSFS 2011:9")
    sol = page.split("\n## SoL\n")[1].split("\n## ")[0]
    items = re.findall(r"(?m)^- \*\*SoL (\d+) kap\. (\d+)", sol)
    assert items == sorted(items, key=lambda i: (int(i[0]), int(i[1])))  # 3 kap. before 11 kap.
    assert "[Utreda (Individ- och familjeomsorg)](processer/Process_ifo_utreda.md)" in sol
    sosfs = page.split("\n## SOSFS 2011:9\n")[1].split("\n## ")[0]
    assert "- **SOSFS 2011:9 5 kap. 1 §** (krav: [Riskanalys](krav/sosfs-2011-9.md#5-kap-1)):" \
        in sosfs
    assert len([s for s in statutes if "2017:612" in s]) == 1  # however the law is cited
    arkiv = page.split("\n## Arkivlagen (1990:782)\n")[1].split("\n## ")[0]
    assert "- **Arkivlagen**: [Avsluta]" in arkiv and "Arkivlagen" not in statutes
    assert "extraordinära händelser" in page and "extraordinära händelser" not in \
        site["public"]["lagrum.md"]  # cited only by the internal Krisberedskap


# -- the Atom feed ------------------------------------------------------------------------------


def test_feed_is_atom_with_every_required_element_and_the_latest_change(site):
    root = etree.fromstring(site["internal"]["andringar.xml"].encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.findtext(ATOM + required), required
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": SITE_URL + "andringar/", "self": SITE_URL + "andringar.xml"}
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(ATOM + required), required
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)",
                            entry.findtext(f"{ATOM}updated"))
        hrefs = [link.get("href") for link in entry.findall(f"{ATOM}link")]
        assert hrefs and all(h.startswith(SITE_URL) for h in hrefs)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    latest = subprocess.run(["git", "log", "-1", "--format=%h%x1f%s", "--", "."], cwd=MODELS,
                            capture_output=True, text=True, check=True).stdout.strip()
    commit, subject = latest.split("\x1f")
    assert entries[0].findtext(f"{ATOM}title") == subject
    assert entries[0].find(f"{ATOM}link[@rel='alternate']").get("href") == \
        f"{SITE_URL}andringar/#andring-{commit}"
    assert f"{{ #andring-{commit} }}" in site["internal"]["andringar.md"]
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_feed_is_the_same_bytes_from_the_same_history(site, tmp_path):
    again = build_pages(MODELS, tmp_path / "again", "internal")
    assert again["andringar.xml"] == site["internal"]["andringar.xml"]


def test_role_and_owner_pages_outside_the_nav_are_linked_from_other_pages(site):
    for audience in ("internal", "public"):
        pages = site[audience]
        for path in pages:
            if re.fullmatch(r"(roller|agare)/(?!index\.md).*", path):
                name = path.rsplit("/", 1)[-1]
                linking = [p for p, text in pages.items() if p != path and f"{name})" in text]
                assert len(linking) >= 2, (audience, path, linking)  # index + a process page


def test_public_people_pages_and_feed_show_nothing_internal(site):
    system = site["system"]
    G = system.graph
    public = site["public"]
    kris = {"Process_kris", G.nodes["Process_kris"]["name"], "Säkerhetssamordnare",
            "Krisledningsgrupp"}
    kris |= {G.nodes[n]["name"] for n in g.contained(G, "Process_kris")} - {""}
    kris |= {d.title for d in system.register.documents.values() if d.is_internal}
    for path, content in public.items():
        if path.startswith(("agare/", "roller/", "krav/")) or path in ("lagrum.md",
                                                                       "andringar.xml"):
            for secret in kris:
                assert secret not in content, (path, secret)
    for path, content in public.items():
        if path.startswith("agare/"):
            assert "Att åtgärda" not in content and "KLS0" not in content, path
    internal_only = [c.subject for c in history.changes([str(MODELS)], system)
                     if c.processes and not any(p not in g.internal_nodes(G)
                                                for p in c.processes)]
    for subject in internal_only:
        assert subject not in public["andringar.xml"]
    assert "agare/sakerhetssamordnare.md" in site["internal"]
    assert "agare/sakerhetssamordnare.md" not in public


def test_an_owner_only_the_register_names_still_gets_a_page(tmp_path):
    """Nothing is lost: "Enhetschef mottagning" owns documents but no process."""
    from conftest import FIXTURES

    pages = build_pages(FIXTURES / "valid" / "minimal", tmp_path / "out", "internal")
    page = pages["agare/enhetschef-mottagning.md"]
    assert "# Enhetschef mottagning" in page and "Inga processer." in page
    assert "(RUT-001, rutin)" in page
    assert "[Enhetschef mottagning](agare/enhetschef-mottagning.md)" in pages["dokument.md"]
    assert "[Enhetschef mottagning](enhetschef-mottagning.md){ #enhetschef-mottagning }: " \
        "0 processer, 2 dokument" in pages["agare/index.md"]
