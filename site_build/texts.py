"""Every string the site shows, in Swedish, in one place so that the site could be translated:
page words, the diagram's accessible names, search, and what ``kls build`` and ``kls serve``
print. The strings ``kls_model`` and the CLI show (finding messages, ...) are in
``kls_model/texts.py``; the site reads those too.

Messages are ``str.format`` templates; the parameters they use are given by the code that
shows them.
"""

from __future__ import annotations

# -- kls build / kls serve
BUILD_DONE = ("webbplatsen är byggd i {out}/ (startsidan är {out}/index.html); "
              "förhandsgranska medan du ritar med 'kls serve'")
BUILD_FAILED = "bygget misslyckades, den tidigare webbplatsen är orörd: {detail}"
BUILD_MODEL_ERRORS = "kontrollen hittade {errors} fel (bygg ändå med --allow-errors)"
BUILD_OS_ERROR = "{path} kunde inte skrivas: {detail}"
BUILD_SETTINGS_ERRORS = "{path} har {errors} fel i inställningarna under extra.kls (se ovan)"
BUILD_MODELS_MISSING = "modellerna finns inte: {paths}"
BUILD_CONFIG = "konfigurationen {path} kunde inte läsas: {detail}"
BUILD_MKDOCS = "MkDocs kunde inte bygga webbplatsen: {detail}"
SERVE_START = "förhandsgranskning på http://{addr}/ (avsluta med Ctrl+C)"

# -- kls serve: the live preview (site_build.preview). Only the preview shows these; a
# `kls build` never contains them.
SERVE_PREPARING = "förbereder förhandsgranskningen av {paths} ..."
SERVE_UPDATED = "uppdaterad på {seconds} s efter ändring i {files}: {errors} fel, {warnings} varningar"
SERVE_GIT_HISTORY = "git-historiken"
SERVE_UNREADABLE = "{path}:{line}: kan inte läsas: {message}"
SERVE_FAILED = "förhandsgranskningen kunde inte uppdateras: {detail}"
SERVE_NOT_STARTED = "förhandsgranskningen kunde inte starta: {detail}"
SERVE_STOPPED = "förhandsgranskningen är avslutad"
SERVE_ADDR = "ogiltig adress {addr!r}: skriv värd:port, till exempel 127.0.0.1:8000"
SERVE_BIND = "kan inte lyssna på {addr}: {detail}"
PREVIEW: dict[str, str] = {
    # the banner on every page
    "banner_label": "Förhandsgranskning",
    "banner_counts": "Modellerna har {errors} fel och {warnings} varningar",
    "banner_clean": "Modellerna har inga fel eller varningar",
    "banner_link": "Visa alla fynd",
    "banner_checking": "(kontrollerar den senaste ändringen ...)",
    "banner_unreadable": "{path} kan inte läsas (rad {line}): {message}.",
    "banner_kept": "Sidorna visar den senast lästa versionen av filen.",
    "banner_missing": "Filen saknas på sidorna tills den går att läsa.",
    "banner_failed": "Förhandsgranskningen kunde inte uppdateras: {detail}",
    "banner_offline": "Förhandsgranskningen svarar inte; sidan uppdateras när den är tillbaka.",
    # the findings on a page
    "page_findings": "Fynd på den här sidan ({count})",
    "element": "{kind} {name}",
    "in_diagram": "markerad i diagrammet",
    "severity_error": "Fel",
    "severity_warning": "Varning",
    "severity_info": "Info",
    # the findings page (/_kls/fynd/)
    "findings_title": "Fynd i modellerna",
    "findings_intro": "Det här visar bara förhandsgranskningen: det `kls check` säger om "
                      "modellerna just nu. Sidan uppdateras när en modell sparas.",
    "findings_errors": "Fel ({count})",
    "findings_warnings": "Varningar ({count})",
    "findings_info": "Information ({count})",
    "findings_none": "Inga fynd: modellerna är utan fel och varningar.",
    "findings_unreadable": "Filer som inte kan läsas ({count})",
}

# -- diagrams (site_build.diagram): accessible names, titles, `kls render`
DIAGRAM: dict[str, str] = {
    # accessible names: "<name> (<kind>)"
    "link_name": "{name} ({kind})",
    "unnamed": "namnlös {kind}",
    # <title>/<desc> defaults of a diagram
    "diagram_title": "Diagram: {name}",
    "diagram_title_unnamed": "BPMN-diagram",
    "diagram_desc": "Diagram i BPMN 2.0-notation med {shapes} element och {edges} flöden.",
    "diagram_desc_auto": "Diagram i BPMN 2.0-notation med {shapes} element och {edges} flöden, "
                         "ritat automatiskt eftersom modellen saknar diagram.",
    # kls render
    "render_wrote": "{count} diagram skrivna till {dir}",
    "render_file": "  {file}{auto}",
    "render_auto_suffix": " (ritat automatiskt)",
    "render_nothing": "{path}: filen innehåller inget att rita",
    "render_failed": "{path}: diagrammet {diagram} kunde inte ritas: {detail}",
    "render_unreadable": "{path}: filen kunde inte läsas, inga diagram ritades",
    "render_out_dir": "kunde inte skapa katalogen {dir}: {detail}",
    "dot_missing": "Graphviz (programmet dot) saknas; installera det med "
                   "'apt-get install graphviz' för att rita processer utan diagram",
    "dot_failed": "Graphviz kunde inte rita processen {process}: {detail}",
    "unknown_process": "okänt id",
}

#: BPMN type -> Swedish kind in the indefinite form, for accessible link names
#: ("Utreda (anropsaktivitet)"); kls_model.texts.KIND_NAMES has the definite forms.
KIND_INDEFINITE: dict[str, str] = {
    "task": "aktivitet", "userTask": "användaraktivitet", "manualTask": "manuell aktivitet",
    "serviceTask": "tjänsteaktivitet", "scriptTask": "skriptaktivitet",
    "sendTask": "sändaktivitet", "receiveTask": "mottagningsaktivitet",
    "businessRuleTask": "affärsregelaktivitet", "callActivity": "anropsaktivitet",
    "subProcess": "delprocess", "transaction": "transaktion",
    "adHocSubProcess": "ad hoc-delprocess",
    "startEvent": "starthändelse", "endEvent": "sluthändelse",
    "intermediateCatchEvent": "mellanliggande händelse",
    "intermediateThrowEvent": "mellanliggande händelse", "boundaryEvent": "gränshändelse",
    "exclusiveGateway": "exklusiv grindpunkt", "parallelGateway": "parallell grindpunkt",
    "inclusiveGateway": "inkluderande grindpunkt", "complexGateway": "komplex grindpunkt",
    "eventBasedGateway": "händelsebaserad grindpunkt",
    "participant": "pool", "lane": "simbana", "dataObjectReference": "dataobjekt",
    "dataObject": "dataobjekt", "dataInput": "indata", "dataOutput": "utdata",
    "dataStoreReference": "datalager", "dataStore": "datalager",
    "textAnnotation": "textanteckning", "group": "grupp",
    "sequenceFlow": "sekvensflöde", "messageFlow": "meddelandeflöde",
    "process": "process",
}


def kind_indefinite(bpmn_type: str) -> str:
    return KIND_INDEFINITE.get(bpmn_type, bpmn_type)

# -- site pages (site_build.pages) ----------------------------------------------------------------
PAGES: dict[str, str] = {
    # navigation and page titles
    "nav_map": "Processkarta",
    "nav_processes": "Processer",
    "nav_documents": "Dokument",
    "nav_roles": "Roller",
    "nav_owners": "Ägare",
    "nav_collaboration": "Samverkan",
    "nav_changes": "Senaste ändringar",
    "nav_reports": "Rapporter",
    "nav_guide": "Användarguide",
    "title_processes": "Alla processer A–Ö",
    "title_documents": "Dokument",
    "title_roles": "Roller",
    "title_owners": "Processägare och dokumentägare",
    "title_collaboration": "Samverkan",
    "title_changes": "Senaste ändringar",
    "title_reports": "Granskningsrapporter",
    "title_missing_owners": "Processer utan ägare",
    "title_broken_links": "Trasiga länkar",
    "title_without_routines": "Aktiviteter utan rutin",
    "title_review": "Dokument att revidera",
    # the start page
    "map_intro": "Klicka på en process i kartan eller välj i listan nedan.",
    "map_no_map": "Ingen process är markerad som processkarta. Alla processer finns i "
                  "[listan A–Ö]({href}).",
    "map_lists": "Processerna i listform",
    "map_other": "Övriga processer",
    "map_documents": "Styrande dokument",
    "open_data": "Hela ledningssystemet finns som öppna data i [kls.json]({href}) (JSON).",
    # labels on a process page
    "breadcrumbs": "Du är här",
    "owner": "Processägare",
    "owner_missing": "saknas",
    "category": "Kategori",
    "level": "Nivå",
    "version": "Version",
    "approved": "Fastställd",
    "last_changed": "Senast ändrad",
    "visibility_internal": "Intern process, visas inte på den publika webbplatsen",
    "purpose": "Syfte",
    "starts": "Startar",
    "delivers": "Levererar",
    "receivers": "Mottagare",
    "diagram_label": "Processdiagram för {name}",
    "diagram_auto": "Diagrammet är ritat automatiskt eftersom modellen saknar diagram.",
    "diagram_none": "Processen har inget diagram.",
    "diagram_failed": "Diagrammet kunde inte ritas: {detail}",
    # -- the diagram viewer (site_build/pages/embed.py, theme/assets/kls-viewer.js) --------
    "viewer_controls": "Visning av diagrammet",
    "viewer_zoom_in": "Zooma in",
    "viewer_zoom_out": "Zooma ut",
    "viewer_fit": "Anpassa",
    "viewer_fullscreen": "Helskärm",
    "viewer_fullscreen_exit": "Avsluta helskärm",
    "viewer_hint_mouse": "Dra för att flytta, zooma med Ctrl + rullhjulet eller + och −.",
    "viewer_hint_touch": "Nyp för att zooma, dra för att flytta.",
    "activities": "Aktiviteter",
    "no_activities": "Processen har inga aktiviteter.",
    "responsible": "Ansvarig",
    "calls": "Delprocess",
    "calls_missing": "anropad process saknas",
    "inputs": "Indata",
    "outputs": "Utdata",
    "documents": "Dokument",
    "process_documents": "Dokument för hela processen",
    "legal": "Lagrum",
    "collaboration": "Samverkan",
    "used_in": "Ingår i",
    "used_in_item": "{process}, aktiviteten {activity}",
    "feedback": "Lämna synpunkter på sidan",
    "feedback_subject": "Synpunkt på: {title}",
    "feedback_body": "Sida: {title}\nAdress: {url}\n\nMin synpunkt:\n",
    # document index
    "documents_intro": "Alla dokument som processerna hänvisar till, per typ.",
    "col_document": "Dokument",
    "col_id": "Id",
    "col_owner": "Ägare",
    "col_review": "Revideras",
    "col_used_in": "Används i",
    "col_where": "Fil och rad",
    "col_element": "Element",
    "col_message": "Beskrivning",
    "col_code": "Kod",
    "col_status": "Status",
    "not_used": "används inte",
    "no_link": "(ingen giltig adress)",
    # roles, owners, samverkan
    "roles_intro": "Välj en roll för att se vad den gör, process för process, med rutinerna "
                   "för varje aktivitet.",
    "roles_none": "Inga roller är angivna i processerna.",
    "owners_intro": "Välj en ägare för att se vilka processer och dokument hen ansvarar för, "
                    "och vad som behöver åtgärdas.",
    "owners_none": "Inga ägare är angivna.",
    "collaboration_intro": "Vilka interna och externa aktörer processerna samverkar med "
                           "(SOSFS 2011:9 4 kap. 5 §).",
    "collaboration_none": "Ingen samverkan är angiven.",
    "processes_intro": "Alla processer i bokstavsordning.",
    "processes_other_letter": "Övriga",
    # changes
    "changes_intro": "Ändringar i processerna, senaste först.",
    "changes_none": "Inga ändringar är registrerade (modellerna ligger inte i git, "
                    "eller historiken är tom).",
    "changes_processes": "Processer",
    "changes_files": "Filer",
    # reports
    "reports_intro": "Rapporter för granskare: det som saknas, är trasigt eller ska "
                     "revideras. Samma kontroller körs av `kls check`.",
    "reports_count": "{count} st",
    "reports_none": "Inga fynd.",
    "review_overdue": "försenad",
    "review_due": "inom {days} dagar",
}

#: Group headings for document types (plural) and process categories on the pages.
DOCUMENT_TYPE_PLURAL: dict[str, str] = {
    "rutin": "Rutiner", "mall": "Mallar", "riktlinje": "Riktlinjer", "checklista": "Checklistor",
    "blankett": "Blanketter", "styrdokument": "Styrdokument", "instruktion": "Instruktioner",
    "policy": "Policyer", "handbok": "Handböcker", "övrigt": "Övrigt",
}
CATEGORY_HEADINGS: dict[str, str] = {
    "huvudprocess": "Huvudprocesser", "styrprocess": "Styr- och ledningsprocesser",
    "stödprocess": "Stödprocesser",
}


# -- compliance with a regulation (site_build.pages.compliance_page) --------------------------------
COMPLIANCE: dict[str, str] = {
    # status
    "uppfyllt": "Uppfyllt",
    "delvis": "Delvis uppfyllt",
    "saknas": "Saknas",
    # what the model shows; "{nodes}" (or else the end of the sentence) gets the links
    "no_map": "Ingen process är markerad som processkarta.",
    "map_shows": "Processkartan {nodes} visar {huvudprocess} huvudprocesser, {styrprocess} "
                 "styr- och ledningsprocesser och {stödprocess} stödprocesser.",
    "map_without_category": "Processer på kartan utan kategori",
    "map_missing_category": "Processkartan {nodes} har ingen process i kategorin {missing}.",
    "no_processes": "Det finns inga processer.",
    "processes_identified": "{count} processer är identifierade.",
    "missing_owner": "Processer utan processägare (ägare)",
    "missing_approved": "Processer utan datum för fastställande (fastställd)",
    "missing_description": "Processer utan beskrivning (Documentation eller syfte)",
    "no_activities": "Inga aktiviteter är ritade.",
    "activities_identified": "{count} aktiviteter i {containers} processer och delprocesser, "
                             "i den ordning flödena i diagrammen visar.",
    "activities_without_flow": "Aktiviteter som inte är förbundna med något flöde",
    "processes_without_activities": "Processer utan aktiviteter",
    "no_tasks": "Inga aktiviteter är ritade.",
    "tasks_with_routine": "{count} av {total} aktiviteter har en rutin.",
    "tasks_with_role": "{count} av {total} aktiviteter har en ansvarig roll.",
    "tasks_without_routine": "Aktiviteter utan rutin",
    "tasks_without_role": "Aktiviteter utan ansvarig roll (simbana eller ansvarig)",
    "no_collaboration": "Ingen process anger samverkan.",
    "collaborating": "{count} processer och delprocesser anger samverkan med sammanlagt "
                     "{actors} aktörer.",
    "core_without_collaboration": "Huvudprocesser där varken processen eller dess delprocesser "
                                  "anger samverkan",
    "none_found": "Ingen process eller aktivitet anger kravet (krav) eller hänvisar till "
                  "paragrafen (lagrum).",
    "claims": "Anger kravet (krav)",
    "cites": "Hänvisar till paragrafen (lagrum)",
    "evidence_missing_owner": "Saknar processägare",
    "evidence_missing_approved": "Saknar datum för fastställande",
    "evidence_no_activities": "Har inga aktiviteter",
    "evidence_no_routine": "Aktiviteter utan rutin",
    "evidence_calls_nothing": "Anropar ingen känd process",
    "note_without_routine": "Att notera: aktiviteter i processerna ovan som saknar rutin "
                            "(räknas under kravet på rutiner)",
}

# -- pages added for issue 14: compliance, owner and role pages, lagrum, the Atom feed -----------
PAGES.update({
    "nav_compliance": "Uppfyllelse av krav",
    "nav_legal": "Lagrum",
    "title_compliance": "Uppfyllelse av {statute}",
    "compliance_intro": "Hur kvalitetsledningssystemet uppfyller {statute} ({title}). "
                        "Bedömningen är härledd ur processmodellerna vid varje bygge, inte "
                        "inskriven för hand.",
    "compliance_public_intro": "Så arbetar vi med kraven i {statute} ({title}): för varje "
                               "krav de processer där arbetet beskrivs.",
    "compliance_summary": "Av {total} krav: uppfyllda {met}, delvis uppfyllda {partial}, "
                          "saknas {missing}.",
    "compliance_as_of": "Bedömningen gäller modellerna efter den senaste ändringen "
                        "{date}.",
    "compliance_col_requirement": "Paragraf",
    "compliance_col_title": "Krav",
    "compliance_shows": "Vad modellen visar",
    "compliance_todo": "Att göra",
    "compliance_action_default": "Ange `krav = {reference}` på den process som uppfyller "
                                 "kravet, eller hänvisa till paragrafen i `lagrum`.",
    "compliance_guide": "Så anger du krav och lagrum i modellerna",
    "compliance_guide_profile": "Så beskriver du processer med KLS-profilen",
    "compliance_see": "Se {link}.",
    "compliance_more": "och {count} till",
    "compliance_processes": "Processer",
    "compliance_chapter": "{chapter} kap. {title}",
    "compliance_reports": "{met} uppfyllda, {partial} delvis, {missing} saknas",
    # owner pages
    "owner_intro": "Det här ansvarar {name} för: processer, dokument och det som behöver "
                   "åtgärdas.",
    "owner_intro_public": "Det här ansvarar {name} för: processer och dokument.",
    "owner_section_processes": "Processer",
    "owner_section_documents": "Dokument",
    "owner_section_findings": "Att åtgärda",
    "owner_no_processes": "Inga processer.",
    "owner_no_documents": "Inga dokument.",
    "owner_no_findings": "Inget att åtgärda just nu.",
    "owners_entry": "{processes}, {documents}",
    "owners_entry_findings": "{processes}, {documents}, {findings} att åtgärda",
    "col_process": "Process",
    "col_level": "Nivå",
    "col_version": "Version",
    "col_approved": "Fastställd",
    "col_changed": "Senast ändrad",
    "col_used_in_processes": "Används i processerna",
    "owner_of": "ägare {link}",
    "review_ok": "i tid",
    # role pages
    "role_intro": "Det här gör rollen {name}, process för process i den ordning arbetet går. "
                  "Rutinerna för varje aktivitet finns ett klick bort.",
    "roles_entry": "{activities} i {processes}",
    "role_no_routine": "ingen rutin kopplad",
    # lagrum
    "title_legal": "Lagrum A–Ö",
    "legal_intro": "Alla lagar och föreskrifter som processerna och aktiviteterna hänvisar "
                   "till, och var.",
    "legal_none": "Inga lagrum är angivna.",
    "legal_requirement": "krav: {link}",
    # the Atom feed of "Senaste ändringar"
    "feed_title": "Senaste ändringar – {site}",
    "feed_subtitle": "Ändringar i processerna i {site}, senaste först.",
    "feed_subscribe": "Följ ändringarna i en flödesläsare eller i Outlook: [prenumerera på "
                      "flödet (Atom)]({href}).",
    "feed_processes": "Ändrade processer",
})


#: Singular -> plural of the nouns the pages count ("1 process", "2 processer").
PLURALS: dict[str, str] = {"process": "processer", "aktivitet": "aktiviteter",
                           "dokument": "dokument"}


def counted(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else PLURALS[noun]}"

# -- site search (site_build.search, theme/partials/kls-search.html): issue 12 ------------------
BUILD_SEARCH = "sökindexet kunde inte byggas: {detail}"
SEARCH_NO_PAGEFIND = ("Pagefind saknas ({binary}: {detail}); installera det med "
                      "pip install 'pagefind[bin]'")
SEARCH_PAGEFIND_STOPPED = "Pagefind ({binary}) avslutades utan att svara (kod {code})"
#: What a search result is ("typ": shown on each result and offered as a filter).
SEARCH_KINDS: dict[str, str] = {
    "process": "Process", "activity": "Aktivitet", "document": "Dokument", "role": "Roll",
    "guide": "Användarguide",
}
SEARCH: dict[str, str] = {
    "trigger": "Sök",
    "trigger_title": "Sök ({keys})",  # the button's tooltip: {keys} is Ctrl+K or ⌘K
    # filter names: Pagefind's filter panel shows them with a capital first letter
    "filter_kind": "typ",
    "filter_category": "kategori",
    "more": "och {count} till",
    "performs": "Utför",
}
#: Pagefind Component UI strings replaced where its Swedish translation says something else
#: than this site means ("Sök på denna sida" would promise a search of the page only).
SEARCH_UI: dict[str, str] = {
    "search_label": "Sök på webbplatsen",
    "keyboard_search": "Sök",
}


# -- mkdocs.yml as kls reads it (site_build/config.py) -----------------------------------------
CONFIG_PERMALINK_TITLE = "Länk till detta avsnitt"
CONFIG_TYPE_TEXT = "en text"
CONFIG_TYPE_EMAIL = "en e-postadress (funktionsbrevlådan), t.ex. synpunkter@kommun.se"
CONFIG_TYPE_PATHS = "en mapp med modeller, eller en lista av mappar och filer"
CONFIG_TYPE_MAPPING = "en samling inställningar (nyckel: värde)"
CONFIG_KNOWN_KEYS = "; kända inställningar: {keys}"

# -- kls init: what it writes and says (site_build/init.py); its options are the CLI's
INIT_NOT_EMPTY = "{path} är inte tom; kls init skapar bara i en tom mapp och skriver aldrig över något"
INIT_FAILED = "{path} kunde inte skrivas: {detail}"
INIT_DONE = ("ett nytt kvalitetsledningssystem finns i {path}/; läs {path}/README.md för nästa "
             "steg (rita, kls serve, kls build)")
