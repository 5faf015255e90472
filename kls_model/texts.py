"""Every string a user reads from ``kls_model`` and the CLI, in Swedish, in one place so that
kls could be translated later: finding messages, profile labels, element templates, CLI help.

Code stays in English; this module and ``site_build/texts.py`` (the site's words: pages,
diagrams, search, build and preview) are the only ones that speak Swedish. Messages are
``str.format`` templates; the parameters they use are given by the code that raises them.
"""

from __future__ import annotations

SEVERITY = {"error": "fel", "warning": "varning", "info": "info"}

#: Finding code -> (short title for tables and the user guide, message template).
MESSAGES: dict[str, tuple[str, str]] = {
    # -- reading files -------------------------------------------------------------------------
    "KLS001": ("Felaktig XML", "filen är inte välformad XML: {detail}"),
    "KLS002": ("DTD eller entitet i filen",
               "filen innehåller en DTD eller entitetsdeklaration (<!DOCTYPE>/<!ENTITY>); "
               "det behövs aldrig i BPMN och läses inte av säkerhetsskäl"),
    "KLS003": ("Filen är för stor",
               "filen är {size} byte, större än gränsen {limit} byte, och lästes inte"),
    "KLS004": ("Inte en BPMN-fil",
               "rotelementet är {root}, inte bpmn:definitions i BPMN 2.0-namnrymden; "
               "filen lästes inte som BPMN"),
    "KLS005": ("Tom fil", "filen är tom"),
    "KLS006": ("Binärfil", "filen innehåller binära data och är ingen XML-fil"),
    "KLS007": ("Okänt BPMN-element", "okänt BPMN-element <{tag}> hoppades över"),
    "KLS008": ("Ogiltigt attributvärde",
               "attributet {attr}={value!r} på {tag} är ogiltigt och ignorerades"),
    "KLS009": ("Filen kunde inte läsas", "filen kunde inte läsas: {detail}"),
    # -- the KLS profile -----------------------------------------------------------------------
    "KLS010": ("Process utan ägare",
               "processen {name!r} saknar processägare (egenskapen 'ägare')"),
    "KLS011": ("Okänt dokument",
               "{name!r} hänvisar till dokumentet {doc!r}, som inte finns i dokumentregistret"),
    "KLS012": ("Anropad process saknas", "anropsaktiviteten {name!r} {problem}"),
    "KLS013": ("Ogiltig länk",
               "dokumentet {doc!r} har en ogiltig adress {url!r}: {reason}"),
    "KLS014": ("Aktivitet utan rutin",
               "aktiviteten {name!r} har ingen rutin kopplad (SOSFS 2011:9 4 kap. 4 §)"),
    "KLS015": ("Dokument ska revideras",
               "dokumentet {doc!r} skulle ha reviderats senast {date}"),
    "KLS016": ("Dubblerat process-id",
               "processen {id!r} finns redan i {other}; en process-id blir sidans adress och "
               "det som anropsaktiviteter pekar på, så den måste vara unik i hela KLS:en "
               "(ändra id på den ena processen)"),
    "KLS017": ("Cykel i processhierarkin",
               "processhierarkin går i cirkel: {cycle}"),
    "KLS018": ("Process som ingen karta når",
               "processen {name!r} nås inte från processkartan"),
    "KLS019": ("Intern länkad från publik",
               "den publika {kind} {name!r} hänvisar till {target_kind} {target_name!r}, som är intern"),
    # -- ids as Camunda Modeler (bpmn-js) reads them ------------------------------------------
    "KLS024": ("Dubblerat id i filen",
               "id {id!r} används redan på rad {first} i samma fil; Camunda Modeler vägrar "
               "läsa det andra elementet <{tag}> och tar bort det när filen sparas (kls "
               "hoppar också över det)"),
    "KLS025": ("Ogiltigt id",
               "id {id!r} på <{tag}> godtas inte av Camunda Modeler (tillåtet: bokstäver "
               "a–z utan å, ä och ö, siffror, _, - och ., och först en bokstav eller _); "
               "Modeler läser inte elementet och tar bort det, med flöden och figur, när "
               "filen sparas"),
    "KLS026": ("Olika värden på pool och process",
               "egenskapen {key!r} är {value!r} på poolen {pool!r} (rad {pool_line}) men "
               "{other!r} på processen {process!r} (rad {process_line}); värdet på poolen "
               "gäller, eftersom det är det Camunda Modelers mall visar. Ta bort det ena"),
    "KLS027": ("Egenskaper på en pool utan process",
               "poolen {pool!r} har KLS-egenskaper ({keys}) men ingen process bakom sig, så "
               "de gäller ingenting och visas inte; rita processen i poolen eller flytta "
               "egenskaperna till en pool med innehåll"),
    # -- safe to edit with the element templates (kls template --stamp fixes these) ------------
    "KLS028": ("Inaktuella elementmallar",
               "elementmallarna i {dir} stämmer inte med dokumentregistret ({files}); kör "
               "'kls template' så att Camunda Modeler visar rätt dokument"),
    "KLS029": ("Element inte kopplade till KLS-mallen",
               "{count} element i filen har KLS-egenskaper men är inte kopplade till "
               "KLS-mallen, först {name!r}; tillämpas mallen i Camunda Modeler 7 töms alla "
               "fälten. Kör 'kls template --stamp' så visar Modeler fälten ifyllda"),
    "KLS034": ("Synlighet inte vald",
               "synlighet är tom för {name!r}, så processen publiceras som publik; välj "
               "publik eller intern i mallens fält Synlighet"),
    "KLS035": ("Upprepad egenskap",
               "egenskapen {key!r} finns flera gånger på {name!r}; elementmallen behåller "
               "bara den första. Skriv värdena i en egenskap med ; emellan (det gör 'kls "
               "template --stamp')"),
    "KLS036": ("Dokument av annan typ",
               "{doc} är av typen {type!r} men står under {key!r} på {name!r}; flytta det "
               "till fältet för {type!r} eller till 'dokument'"),
    "KLS037": ("Värde som mallen inte känner",
               "{key!r} = {value!r} på {name!r} är inte ett av elementmallens val; Camunda "
               "Modeler byter ut det när mallen tillämpas. Skriv {choice!r} (det gör 'kls "
               "template --stamp')"),
    "KLS038": ("Camunda 8-inställningar som mallen tar bort",
               "{name!r} har {settings}; Camunda Modeler 8 tar bort dem när en KLS-mall "
               "tillämpas eller uppdateras på elementet. Behövs de för att köra processen, "
               "använd inte KLS-mallen på det elementet"),
    # -- mkdocs.yml: extra.kls (site_build/config.py) ----------------------------------------
    "KLS056": ("Diagrammet kunde inte ritas",
               "diagrammet för {name!r} kunde inte ritas och saknas på sidan: {detail}"),
    "KLS039": ("Fler än ett dokumentregister",
               "det här dokumentregistret läses inte: en KLS har ett register, och {used} "
               "används; flytta dokumenten dit"),
    "KLS095": ("Okänd inställning",
               "okänd inställning {key!r} under extra.kls används inte{hint}"),
    "KLS096": ("Ogiltig inställning",
               "inställningen {key} har värdet {value!r} men ska vara {expected}"),
    "KLS020": ("Okänd egenskap",
               "okänd KLS-egenskap {key!r} på {name!r}{hint}"),
    "KLS021": ("Ogiltigt egenskapsvärde",
               "egenskapen {key!r} på {name!r} har värdet {value!r}; {expected}"),
    "KLS022": ("Ingen processkarta",
               "ingen process är markerad som processkarta (egenskapen 'processkarta' = 'ja')"),
    "KLS023": ("Flera processkartor",
               "processen {name!r} är också markerad som processkarta; den första, {first!r}, "
               "används"),
    # -- the document register -----------------------------------------------------------------
    "KLS030": ("Dokumentregistret kan inte läsas", "dokumentregistret kan inte läsas: {detail}"),
    "KLS031": ("Ogiltig post i dokumentregistret", "dokumentet {doc!r}: {detail}"),
    "KLS032": ("Dubblerat dokument-id",
               "dokument-id {doc!r} finns redan på rad {other_line}"),
    "KLS033": ("Dokument som inte används",
               "dokumentet {doc!r} används inte av någon process eller aktivitet"),
    # -- document links over HTTP (kls check --links) ---------------------------------------
    "KLS060": ("Trasig dokumentlänk", "dokumentet {doc!r}: {url} svarar med HTTP-status {status}"),
    "KLS061": ("Dokumentlänk går inte att nå", "dokumentet {doc!r}: {url} går inte att nå ({reason})"),
    "KLS062": ("Omdirigerad dokumentlänk",
               "dokumentet {doc!r}: {url} omdirigeras ({status}) till {final}; "
               "uppdatera adressen i dokumentregistret"),
    # -- requirements and compliance (compliance.py, issue 14) ---------------------------------
    "KLS080": ("Ogiltig kravfil", "kravfilen kan inte användas: {detail}"),
    "KLS081": ("Okänt krav",
               "{name!r} anger kravet {value!r}, som inte finns i någon kravfil{hint}"),
    "KLS082": ("Krav utan stöd i modellen",
               "kravet {requirement!r} ({title}) stöds inte av någon process; ange "
               "'krav = {requirement}' på den process som uppfyller det"),
    # -- modelling practice (after bpmnlint's recommended rules) -------------------------------
    "KLS040": ("Startevent saknas", "{kind} {name!r} saknar starthändelse"),
    "KLS041": ("Slutevent saknas", "{kind} {name!r} saknar sluthändelse"),
    "KLS042": ("Frikopplat element", "{kind} {name!r} {problem}"),
    "KLS043": ("Namn saknas", "{kind} {id!r} saknar namn"),
    "KLS044": ("Implicit förgrening",
               "{kind} {name!r} har {count} utgående flöden utan grindpunkt; "
               "rita en grindpunkt så att läsaren ser villkoret"),
    "KLS045": ("Okänd referens",
               "{kind} {id} hänvisar till {attr}={ref!r}, som inte finns i filen"),
    "KLS046": ("Implicit sammanslagning",
               "{kind} {name!r} har {count} inkommande flöden utan grindpunkt"),
    "KLS047": ("Överflödig grindpunkt",
               "grindpunkten {name!r} har bara ett inkommande och ett utgående flöde"),
    "KLS048": ("Grindpunkt som både förenar och förgrenar",
               "grindpunkten {name!r} både förenar och förgrenar flöden; dela upp den i två"),
    "KLS049": ("Dubblerat flöde",
               "sekvensflödet {id!r} går samma väg som {other!r}"),
    "KLS050": ("Diagram saknas",
               "processen {name!r} har inget diagram (BPMN DI); den ritas automatiskt"),
    # -- diagrams: what cannot be drawn (kls_model/di.py, rules/diagram_rules.py) -----------
    "KLS051": ("Diagramelement utan BPMN-element",
               "{di_kind} {id!r} i diagrammet anger inget BPMN-element (bpmnElement saknas) "
               "och ritas inte"),
    "KLS052": ("Diagramelement av fel slag",
               "{di_kind} {id!r} hör till {kind} {name!r}, som inte kan ritas som {as_kind}; "
               "den ritas inte"),
    "KLS053": ("Linje utan sträckning",
               "linjen {id!r} för {kind} {name!r} behöver minst två brytpunkter "
               "(di:waypoint) men har {count}; {outcome}"),
    "KLS054": ("Form utan position",
               "formen {id!r} för {element!r} saknar position och storlek (dc:Bounds) "
               "och ritas inte"),
    # -- diagrams: DI other tools write that would otherwise be lost silently -----------------
    "KLS055": ("Flera plan i ett diagram",
               "diagrammet {diagram!r} har mer än ett plan (BPMNPlane); kls ritar varje plan "
               "som ett eget diagram, även detta för {element!r}, men Camunda Modeler visar "
               "bara det sista planet och tar bort de andra när filen sparas"),
    "KLS057": ("Saknas i delprocessens eget diagram",
               "{di_kind} {id!r} för {kind} {name!r} visas inte: den ligger i delprocessen "
               "{sub!r}, som är ritad hopfälld här, och delprocessens eget diagram saknar "
               "den"),
    # -- issue 10: files from any tool, bpmnlint's recommended rules kls lacked ---------------
    "KLS069": ("Fel teckenkodning",
               "filen anger UTF-8, men {count} byte på rad {lines} är inte UTF-8 (först i "
               "{sample!r}); kls läste dem som Windows-1252. Spara om filen som UTF-8: Camunda "
               "Modeler visar sådana tecken som \ufffd och sparar dem så"),
    "KLS070": ("Ogiltig namnrymd",
               "namnrymdsdeklarationen {decl} har värdet {uri!r}, som inte är en giltig URI "
               "(till exempel ett mellanslag); filen lästes ändå"),
    "KLS071": ("Implicit start",
               "{kind} {name!r} har inget inkommande flöde men är ingen starthändelse; rita en "
               "starthändelse före så att läsaren ser var flödet börjar"),
    "KLS072": ("Implicit slut",
               "{kind} {name!r} har inget utgående flöde men är ingen sluthändelse; rita en "
               "sluthändelse efter så att läsaren ser var flödet slutar"),
    "KLS073": ("Flera tomma starthändelser",
               "{kind} {name!r} har {count} starthändelser utan typ; läsaren kan inte se var "
               "flödet börjar. Behåll en, eller ge dem en typ (meddelande, timer …)"),
    "KLS074": ("Överflödig terminering",
               "sluthändelsen {name!r} avslutar allt (terminering), men flödet slutar ändå bara "
               "där; en vanlig sluthändelse räcker"),
    "KLS075": ("Felaktig länkhändelse", "länkhändelsen {name!r} {problem}"),
    "KLS076": ("Felaktig händelsebaserad grindpunkt", "{subject} {problem}"),
    "KLS077": ("Villkor saknas",
               "sekvensflödet {name!r} från {kind} {source!r} saknar villkor, fast andra flöden "
               "därifrån har villkor eller är standardflöde; {advice}"),
    "KLS078": ("Referens till fel sorts element",
               "{kind} {id} hänvisar med {attr} till {target_kind} {ref!r}; "
               "den ska peka på {expected}"),
    "KLS079": ("Element saknas i diagrammet",
               "{kind} {name!r} finns i modellen men saknas i diagrammet (BPMN DI) och syns "
               "därför inte i bilden på webbplatsen"),
}

# -- parts of messages (issue 10 rules) ----------------------------------------------------------
NO_ID = "(utan id)"
DISCONNECTED = "är inte kopplad till något sekvensflöde"
BOUNDARY_DEAD_END = ("har inget utgående sekvensflöde; det framgår inte vad som händer när den "
                     "inträffar")
LINK_NO_NAME = "saknar länknamn (fältet Link name i Camunda Modeler)"
LINK_NO_CATCH = ("kastar till länknamnet {link!r}, men ingen fångande länkhändelse med det namnet "
                 "finns i samma process eller delprocess")
LINK_NO_THROW = ("fångar länknamnet {link!r}, men ingen kastande länkhändelse med det namnet "
                 "finns i samma process eller delprocess")
LINK_DUPLICATE_CATCH = ("fångar länknamnet {link!r}, som också fångas av en annan länkhändelse i "
                        "samma process eller delprocess")
EVENT_GATEWAY_FEW = ("är händelsebaserad och behöver minst två utgående flöden (har {count}); "
                     "den väljer den väg vars händelse inträffar först")
EVENT_GATEWAY_CONDITION = ("går ut från en händelsebaserad grindpunkt men har ett villkor; det är "
                           "händelsen som först inträffar som avgör vägen")
ADVICE_ACTIVITY = "ge det ett villkor eller gör det till standardflöde"
ADVICE_GATEWAY = "ge det ett namn som säger när vägen gäller, ett villkor, eller gör det till standardflöde"
#: KLS078: what a reference must point at.
EXPECTED_ACTIVITY = "en aktivitet"
EXPECTED_FLOW_NODE = "en aktivitet, händelse eller grindpunkt"
EXPECTED_OWN_FLOW = "ett av elementets egna utgående sekvensflöden"
EXPECTED_PROCESS = "en process"
EXPECTED_INTERACTION = "en pool, aktivitet eller händelse"
EXPECTED_EVENT_DEFINITION = "en händelsedefinition"
EXPECTED_DATA_OBJECT = "ett dataobjekt"
EXPECTED_DATA_STORE = "ett datalager"

#: Swedish names for BPMN types in messages and link names ("aktiviteten", "grindpunkten").
KIND_NAMES: dict[str, str] = {
    "process": "processen",
    "task": "aktiviteten", "userTask": "användaraktiviteten", "manualTask": "den manuella "
    "aktiviteten", "serviceTask": "tjänsteaktiviteten", "scriptTask": "skriptaktiviteten",
    "sendTask": "sändaktiviteten", "receiveTask": "mottagningsaktiviteten",
    "businessRuleTask": "affärsregelaktiviteten", "callActivity": "anropsaktiviteten",
    "subProcess": "delprocessen", "transaction": "transaktionen",
    "adHocSubProcess": "ad hoc-delprocessen",
    "startEvent": "starthändelsen", "endEvent": "sluthändelsen",
    "intermediateCatchEvent": "den mellanliggande händelsen",
    "intermediateThrowEvent": "den mellanliggande händelsen", "boundaryEvent": "gränshändelsen",
    "exclusiveGateway": "grindpunkten", "parallelGateway": "grindpunkten",
    "inclusiveGateway": "grindpunkten", "complexGateway": "grindpunkten",
    "eventBasedGateway": "grindpunkten",
    "sequenceFlow": "sekvensflödet", "messageFlow": "meddelandeflödet",
    "association": "associationen", "dataInputAssociation": "dataassociationen",
    "dataOutputAssociation": "dataassociationen", "lane": "simbanan",
    "participant": "poolen", "dataObjectReference": "dataobjektet",
    "dataStoreReference": "datalagret", "textAnnotation": "textanteckningen", "group": "gruppen",
    "document": "dokumentet",
    # issue 10: DI and other elements findings can name
    "BPMNShape": "diagramformen", "BPMNEdge": "diagramlinjen", "BPMNPlane": "diagramytan",
    "dataObject": "dataobjektet", "dataStore": "datalagret", "dataInput": "indataelementet",
    "dataOutput": "utdataelementet", "collaboration": "samarbetsdiagrammet",
    "eventDefinition": "händelsedefinitionen", "rootElement": "rotelementet",
}


def kind_name(bpmn_type: str) -> str:
    return KIND_NAMES.get(bpmn_type, f"elementet ({bpmn_type})")


#: What cannot be drawn (KLS051, KLS052): a DI shape or edge, definite and indefinite.
DI_PARTS: dict[str, str] = {
    "di_shape": "formen", "di_edge": "linjen", "as_shape": "form", "as_edge": "linje",
    "not_drawn": "den ritas inte",
    "drawn_straight": "den ritas som en rak linje mellan formerna",
}


# -- the KLS profile: labels and help for each key (used by the element template and the guide)
PROFILE_LABELS: dict[str, tuple[str, str]] = {
    "ägare": ("Processägare",
              "Den som ansvarar för processen och dess dokument, oftast en enhetschef. "
              "Skriv rollen eller namnet, t.ex. 'Enhetschef barn och unga'."),
    "kategori": ("Kategori",
                 "huvudprocess, styrprocess (ledningsprocess) eller stödprocess."),
    "syfte": ("Syfte", "Varför processen finns och vad den ska uppnå."),
    "startar": ("Startar när",
                "Vad som startar processen. Lämnas tom om starthändelsens namn räcker."),
    "levererar": ("Levererar",
                  "Vad processen levererar. Lämnas tom om sluthändelsernas namn räcker."),
    "mottagare": ("Mottagare och intressenter",
                  "Vem processen är till för. Flera värden skiljs med semikolon."),
    "lagrum": ("Lagrum",
               "Lagar och föreskrifter, t.ex. 'SoL 11 kap. 1 §; SOSFS 2014:5'. "
               "Flera värden skiljs med semikolon."),
    "samverkan": ("Samverkan",
                  "Interna och externa aktörer som processen samverkar med "
                  "(SOSFS 2011:9 4 kap. 5 §). Pooler och meddelandeflöden räknas in "
                  "automatiskt. Flera värden skiljs med semikolon."),
    "version": ("Version", "Processbeskrivningens version, t.ex. '2.1'."),
    "fastställd": ("Fastställd", "Datum då versionen fastställdes, ÅÅÅÅ-MM-DD."),
    "synlighet": ("Synlighet",
                  "Publik (syns på den publika webbplatsen) eller intern (bara internt). "
                  "Välj alltid: en tom synlighet publiceras som publik."),
    "processkarta": ("Processkarta",
                     "'ja' på den process som är organisationens processkarta (nivå 1)."),
    "dokument": ("Dokument",
                 "Fler dokument ur dokumentregistret än listorna ovan rymmer, med id, "
                 "t.ex. 'RUT-012; MALL-003'. Flera värden skiljs med semikolon."),
    "ansvarig": ("Ansvarig roll",
                 "Roll som utför aktiviteten, om den inte framgår av simbanan."),
    "krav": ("Uppfyller krav",
             "Krav i SOSFS 2011:9 (eller i krav.yml) som processen eller aktiviteten "
             "uppfyller, t.ex. 'SOSFS 2011:9 5 kap. 1 §'. Flera värden skiljs med semikolon."),
}

FLAG_CHOICES = {"nej": "Nej", "ja": "Ja"}  # value -> dropdown label in Camunda Modeler

#: The document-type keys (one per register type): label in the template, and its help text.
DOCUMENT_TYPE_LABELS = {
    "rutin": "Rutin", "mall": "Mall", "riktlinje": "Riktlinje", "checklista": "Checklista",
    "blankett": "Blankett", "styrdokument": "Styrdokument", "instruktion": "Instruktion",
    "policy": "Policy", "handbok": "Handbok", "övrigt": "Övrigt dokument",
}
DOCUMENT_TYPE_HELP = ("Välj ur dokumentregistret. Fler dokument av samma typ skriver du med "
                      "id under Dokument.")
PROFILE_LABELS.update({t: (label, DOCUMENT_TYPE_HELP) for t, label in DOCUMENT_TYPE_LABELS.items()})

TEMPLATE_NAMES = {
    "process": ("KLS-process", "KLS-egenskaper för en process: ägare, kategori, syfte m.m."),
    "activity": ("KLS-aktivitet", "KLS-egenskaper för en aktivitet: dokument och ansvarig roll."),
    "call": ("KLS-anropsaktivitet",
             "KLS-egenskaper för en anropsaktivitet: processen den anropar, dokument och roll."),
}
TEMPLATE_CALLED_PROCESS = ("Anropad process",
                           "Id för processen som anropas, t.ex. 'Process_ifo_utreda'.")
# -- kls template --stamp: what it changed, one line each
STAMP_LINKED = "{name!r} kopplad till mallen {template}"
STAMP_JOINED = "{key!r} på {name!r}: {count} poster blev en"
STAMP_CHOICE = "{key!r} på {name!r}: {old!r} skrivs {new!r}"
STAMP_DOCUMENT = "{doc} på {name!r} flyttad från 'dokument' till {key!r}"
STAMP_MOVED = "egenskaperna på processen {process!r} flyttade till poolen {pool!r}"

TEMPLATE_GROUPS = {"kls": "KLS", "dokument": "Dokument ur dokumentregistret"}
TEMPLATE_CHOOSE = "(välj)"
TEMPLATE_NONE = "(inget)"
TEMPLATE_INTERNAL_DOC = "{title} ({id}, internt)"
TEMPLATE_DOC = "{title} ({id})"

# -- expected values in KLS021 messages
EXPECTED_CHOICE = "tillåtna värden är {choices}"
EXPECTED_DATE = "ange ett datum som ÅÅÅÅ-MM-DD"
DID_YOU_MEAN = "; menade du {suggestion!r}?"
NOT_A_PROFILE_KEY_HINT = "; kända egenskaper: {keys}"

# -- why a document link gave no answer (KLS061)
LINK_TIMEOUT = "tidsgränsen överskreds"
LINK_REFUSED = "anslutningen nekades"
LINK_DNS = "värdnamnet hittades inte"

# -- call activities (KLS012)
CALLS_UNKNOWN = "anropar {called!r}, som inte är någon känd process"
CALLS_NOTHING = "anger inte vilken process den anropar (calledElement saknas)"

# -- URL problems (KLS013)
URL_EMPTY = "adressen är tom"
URL_SCHEME = "bara http- och https-adresser är tillåtna"
URL_HOST = "adressen saknar värdnamn"
URL_SPACE = "adressen innehåller mellanslag eller styrtecken"

# -- reading krav.yml (KLS080, kls_model.compliance)
COMPLIANCE_FILE: dict[str, str] = {
    "not_a_mapping": "en författning och varje krav ska skrivas som fält (nyckel: värde)",
    "bad_paragraph": "paragrafen {value!r} kan inte tolkas; skriv den som '5 kap. 1 §' eller '6 §'",
    "bad_assess": "'bedöms' har värdet {value!r}; tillåtna värden är {choices}",
}

# -- the document register (KLS031)
REGISTER_NOT_A_LIST = "registret ska vara en lista av dokument"
REGISTER_MISSING = "fältet {field!r} saknas"
REGISTER_UNKNOWN_FIELD = "okänt fält {field!r}"
REGISTER_BAD_TYPE = "typen {value!r} är okänd; tillåtna typer är {choices}"
REGISTER_BAD_DATE = "fältet {field!r} ska vara ett datum ÅÅÅÅ-MM-DD, inte {value!r}"
REGISTER_BAD_VALUE = "fältet {field!r}: {detail}"

# -- command line
CLI_SUMMARY = "{files} filer, {processes} processer, {activities} aktiviteter: {errors} fel, {warnings} varningar"
CLI_NO_FILES = "inga BPMN-filer hittades i {paths}"
CLI_PATH_MISSING = "sökvägen finns inte: {path}"
CLI_REPORTS_WRITTEN = "rapporter skrivna till {dir}"
CLI_STRICT_FAILED = "--strict: varningar räknas som fel"

# -- reports (CSV headers)
REPORT_MISSING_OWNERS = "saknade-agare.csv"
REPORT_BROKEN_LINKS = "trasiga-lankar.csv"
REPORT_MISSING_OWNERS_HEADER = ["process-id", "process", "fil", "rad", "nivå", "kategori"]
REPORT_BROKEN_LINKS_HEADER = ["kod", "fil", "rad", "element-id", "element", "mål", "beskrivning"]

LEVEL_NAMES = {0: "processkarta", 1: "huvudprocess", 2: "delprocess"}
DEEPER_LEVEL = "delprocess (nivå {level})"

# -- command-line help
CLI_DESCRIPTION = "kls: kontrollera och publicera ett kvalitetsledningssystem ritat i BPMN."
CLI_HELP_CHECK = "kontrollera BPMN-filer och dokumentregister"
CLI_HELP_PATHS = "filer eller mappar att kontrollera (standard: models/)"
CLI_HELP_FORMAT = "utdataformat: text (standard) eller json"
CLI_HELP_STRICT = "räkna varningar som fel"
CLI_HELP_REPORTS = "skriv granskningsrapporter (CSV) till denna mapp"
CLI_HELP_LINKS = "kontrollera även att dokumentens adresser svarar (HTTP)"
CLI_HELP_LINKS_TIMEOUT = "sekunder att vänta på varje adress (standard: 10)"
CLI_HELP_TODAY = "dagens datum för revideringskontroller, ÅÅÅÅ-MM-DD (för test)"
CLI_HELP_RENDER = "rita diagrammen i en BPMN-fil som SVG"
CLI_HELP_RENDER_FILE = "BPMN-filen att rita"
CLI_HELP_OUT = "utmapp"
CLI_HELP_TEMPLATE = "skriv Camunda Modelers elementmallar för KLS-profilen"
CLI_HELP_TEMPLATE_DIR = "mapp för mallarna (standard: .camunda/element-templates i modellmappen)"
CLI_HELP_TEMPLATE_MODELS = "modellmappen med dokumentregistret (standard: models)"
CLI_HELP_STAMP = ("gör även modellerna säkra att redigera med mallarna: koppla elementen till "
                  "mallen, slå ihop upprepade egenskaper, flytta dokument-id till sina fält")
CLI_HELP_CODES = "lista alla kontrollkoder"
CLI_TEMPLATE_WRITTEN = "elementmall skriven: {path}"
CLI_BAD_DATE = "ogiltigt datum: {value}"
CLI_HELP_BUILD = "bygg webbplatsen från modellerna"
CLI_HELP_BUILD_TODAY = ("dagen som revideringsdatum jämförs med, ÅÅÅÅ-MM-DD (standard: dagen för "
                        "modellernas senaste commit, annars i dag), så att samma modeller ger "
                        "samma webbplats")
CLI_HELP_BUILD_OUT = "mapp där webbplatsen skrivs (standard: site)"
CLI_HELP_PUBLIC = "publik webbplats: utan interna processer, dokument och rapporter"
CLI_HELP_INTERNAL = "intern webbplats med allt, även granskningsrapporter (standard)"
CLI_HELP_ALLOW_ERRORS = "bygg även om kontrollen hittar fel"
CLI_HELP_CONFIG = "MkDocs-konfiguration (standard: mkdocs.yml)"
CLI_HELP_MODELS = "mappar eller filer med modeller (standard: extra.kls.models i mkdocs.yml)"
CLI_HELP_SERVE = "förhandsgranska webbplatsen lokalt; uppdateras när en modell sparas"
CLI_HELP_ADDR = "adress och port att lyssna på (standard: 127.0.0.1:8000)"

# -- kls init: the CLI's options and questions (site_build/texts.py has what init writes)
CLI_HELP_INIT = "skapa ett nytt kvalitetsledningssystem i en tom mapp"
CLI_HELP_INIT_DIR = "mappen att skapa det i (standard: den här mappen)"
CLI_HELP_INIT_NAME = "webbplatsens namn, t.ex. 'Kvalitetsledningssystem för socialtjänsten'"
CLI_HELP_INIT_ORG = "organisationens namn, t.ex. 'Socialförvaltningen i Exempelstad'"
CLI_HELP_INIT_MAILBOX = "funktionsbrevlådan för synpunkter, t.ex. synpunkter@kommun.se"
INIT_ASK_NAME = "Webbplatsens namn: "
INIT_ASK_ORG = "Organisationens namn: "
INIT_ASK_MAILBOX = "Funktionsbrevlåda för synpunkter (e-post): "
INIT_MISSING = "ange {options} (eller kör kls init i en terminal, så frågar den)"
INIT_BAD_MAILBOX = "{value!r} är ingen e-postadress"

#: The module is a table of Swedish text, all of it public: every string above, and kind_name.
__all__ = [name for name in dict(globals()) if name.isupper()] + ["kind_name"]
