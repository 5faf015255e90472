"""Swedish strings of the diagram renderer, kept in one place until they move to
``kls_model/texts.py`` (the project's single home for user-visible text)."""

from __future__ import annotations

# ---- SWEDISH STRINGS (to move to kls_model/texts.py) --------------------------------------
SV: dict[str, str] = {
    # accessible names: "<name> (<kind>)"
    "link_name": "{name} ({kind})",
    "unnamed": "namnlös {kind}",
    # <title>/<desc> defaults of a diagram
    "diagram_title": "Diagram: {name}",
    "diagram_title_unnamed": "BPMN-diagram",
    "diagram_desc": "Diagram i BPMN 2.0-notation med {shapes} element och {edges} flöden.",
    "diagram_desc_auto": "Diagram i BPMN 2.0-notation med {shapes} element och {edges} flöden, "
                         "ritat automatiskt eftersom modellen saknar diagram.",
    "auto_drawn": "ritat automatiskt",
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
}

#: BPMN type -> Swedish kind in the indefinite form, for accessible link names
#: ("Utreda (anropsaktivitet)"); texts.KIND_NAMES has the definite forms for messages.
KINDS: dict[str, str] = {
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
# ---- end of SWEDISH STRINGS -----------------------------------------------------------------


def kind(bpmn_type: str) -> str:
    return KINDS.get(bpmn_type, bpmn_type)
