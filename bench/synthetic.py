"""A deterministic, profile-valid synthetic KLS of N processes, for benchmarks.

    .venv/bin/python bench/synthetic.py N OUT_DIR

Writes OUT_DIR/processkarta.bpmn (the map calling ten huvudprocesser), one file per process
with lanes, DI, documents and call activities to up to ten processes below it (a tree), and
OUT_DIR/dokument.yml. Same N, same bytes: the
only randomness is a seeded generator. `kls check OUT_DIR` reports no error.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

from kls_model.templates import TEMPLATE_IDS, TEMPLATE_VERSION

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_{id}" '
        'targetNamespace="http://bpmn.io/schema/bpmn" exporter="kls bench" exporterVersion="1">\n')
ROLES = ["Socialsekreterare", "Enhetschef", "Biståndshandläggare", "Administratör", "MAS",
         "Sjuksköterska", "Arbetsterapeut", "Undersköterska"]
VERBS = ["Ta emot", "Bedöma", "Utreda", "Dokumentera", "Besluta om", "Planera", "Genomföra",
         "Följa upp", "Informera om", "Avsluta"]
NOUNS = ["ansökan", "anmälan", "behov", "insats", "vårdplan", "genomförandeplan", "avvikelse",
         "klagomål", "journal", "beslut"]
TASK_W, TASK_H, GAP = 100, 80, 50
LANE_H = 130


def props(**kv) -> str:
    inner = "".join(f'<camunda:property name={quoteattr(k)} value={quoteattr(v)} />'
                    for k, v in kv.items())
    return f"<bpmn:extensionElements><camunda:properties>{inner}</camunda:properties></bpmn:extensionElements>"


def shape(el_id: str, x: float, y: float, w: float, h: float, extra: str = "") -> str:
    return (f'<bpmndi:BPMNShape id="{el_id}_di" bpmnElement="{el_id}"{extra}>'
            f'<dc:Bounds x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" /></bpmndi:BPMNShape>\n')


def edge(el_id: str, points: list[tuple[float, float]]) -> str:
    wps = "".join(f'<di:waypoint x="{x:g}" y="{y:g}" />' for x, y in points)
    return f'<bpmndi:BPMNEdge id="{el_id}_di" bpmnElement="{el_id}">{wps}</bpmndi:BPMNEdge>\n'


FANOUT = 10  # each process calls up to 10 below it: a tree, like a real KLS, not a flat list


def children_of(i: int, n: int) -> list[int]:
    return [c for c in range(FANOUT * (i + 1), FANOUT * (i + 2)) if c < n]


def process_file(i: int, rng: random.Random, doc_ids: list[str], children: list[int]) -> str:
    pid = f"Process_p{i:05d}"
    n = rng.randint(4, 8)
    roles = rng.sample(ROLES, 2)
    tasks = [(f"Activity_p{i:05d}_{k}", f"{rng.choice(VERBS)} {rng.choice(NOUNS)}",
              roles[k % 2]) for k in range(n)]
    tasks += [(f"Call_p{i:05d}_{c:05d}", f"Process {c}", roles[0]) for c in children]
    n = len(tasks)
    sem, di = [], []
    x0, y0 = 160, 80
    lane_y = {roles[0]: y0, roles[1]: y0 + LANE_H}
    width = 200 + (n + 2) * (TASK_W + GAP)
    di.append(shape(f"Participant_p{i:05d}", x0 - 30, y0, width, 2 * LANE_H, ' isHorizontal="true"'))
    lanes = []
    for r, role in enumerate(roles):
        lane_id = f"Lane_p{i:05d}_{r}"
        refs = [t[0] for t in tasks if t[2] == role] + ([f"Start_p{i:05d}", f"End_p{i:05d}"] if r == 0 else [])
        lanes.append(f'<bpmn:lane id="{lane_id}" name={quoteattr(role)}>'
                     + "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in refs)
                     + "</bpmn:lane>")
        di.append(shape(lane_id, x0, lane_y[role], width - 30, LANE_H, ' isHorizontal="true"'))
    sem.append(f'<bpmn:laneSet id="LaneSet_p{i:05d}">{"".join(lanes)}</bpmn:laneSet>')
    start, end = f"Start_p{i:05d}", f"End_p{i:05d}"
    sem.append(f'<bpmn:startEvent id="{start}" name="Ärende inkommer" />')
    di.append(shape(start, x0 + 40, y0 + LANE_H / 2 - 18, 36, 36))
    prev, prev_right = start, (x0 + 76, y0 + LANE_H / 2)
    for k, (tid, name, role) in enumerate(tasks):
        docs = "; ".join(sorted({doc_ids[(i * 7 + k) % len(doc_ids)],
                                 doc_ids[(i * 3 + k * 5) % len(doc_ids)]}))
        if tid.startswith("Call_"):
            sem.append(f'<bpmn:callActivity id="{tid}" name={quoteattr(name)} '
                       f'calledElement="Process_p{tid[-5:]}" />')
        else:
            sem.append(f'<bpmn:userTask id="{tid}" name={quoteattr(name)}{linked("activity")}>'
                       f'<bpmn:documentation>{name} enligt rutin.</bpmn:documentation>'
                       f'{props(dokument=docs)}</bpmn:userTask>')
        tx = x0 + 140 + k * (TASK_W + GAP)
        ty = lane_y[role] + (LANE_H - TASK_H) / 2
        di.append(shape(tid, tx, ty, TASK_W, TASK_H))
        fid = f"Flow_p{i:05d}_{k}"
        sem.append(f'<bpmn:sequenceFlow id="{fid}" sourceRef="{prev}" targetRef="{tid}" />')
        di.append(edge(fid, [prev_right, (tx, ty + TASK_H / 2)]))
        prev, prev_right = tid, (tx + TASK_W, ty + TASK_H / 2)
    ex = x0 + 140 + n * (TASK_W + GAP)
    sem.append(f'<bpmn:endEvent id="{end}" name="Ärendet avslutat" />')
    di.append(shape(end, ex, y0 + LANE_H / 2 - 18, 36, 36))
    fid = f"Flow_p{i:05d}_end"
    sem.append(f'<bpmn:sequenceFlow id="{fid}" sourceRef="{prev}" targetRef="{end}" />')
    di.append(edge(fid, [prev_right, (ex, y0 + LANE_H / 2)]))
    owner = f"Enhetschef enhet {i % 40 + 1}"
    p_props = props(ägare=owner, kategori=("huvudprocess", "styrprocess", "stödprocess")[i % 3],
                    syfte=f"Syftet med process {i}.", lagrum="SoL 11 kap. 1 §", version="1.0",
                    fastställd="2026-01-15")
    return (HEAD.format(id=f"p{i:05d}")
            + f'<bpmn:collaboration id="Collaboration_p{i:05d}"><bpmn:participant '
              f'id="Participant_p{i:05d}" name="Process {i}" processRef="{pid}" /></bpmn:collaboration>\n'
            + f'<bpmn:process id="{pid}" name="Process {i}: {rng.choice(VERBS).lower()} '
              f'{rng.choice(NOUNS)}" isExecutable="false"{linked("process")}>'
            + f"<bpmn:documentation>Synthetic process {i}.</bpmn:documentation>{p_props}\n"
            + "\n".join(sem)
            + f'\n</bpmn:process>\n<bpmndi:BPMNDiagram id="Diagram_p{i:05d}"><bpmndi:BPMNPlane '
              f'id="Plane_p{i:05d}" bpmnElement="Collaboration_p{i:05d}">\n'
            + "".join(di) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n")


def linked(scope: str) -> str:
    """The attributes of an element Camunda Modeler has applied our template to."""
    return (f' camunda:modelerTemplate="{TEMPLATE_IDS[scope]}" '
            f'camunda:modelerTemplateVersion="{TEMPLATE_VERSION}"')


def map_file(n: int) -> str:
    """The map calls the top of the tree (processes 0-9), in a row."""
    cols = 10
    sem, di = [], []
    for i in range(min(FANOUT, n)):
        cid = f"Call_p{i:05d}"
        sem.append(f'<bpmn:callActivity id="{cid}" name="Process {i}" calledElement="Process_p{i:05d}" />')
        di.append(shape(cid, 100 + (i % cols) * 150, 100 + (i // cols) * 120, TASK_W, TASK_H))
    return (HEAD.format(id="karta")
            + f'<bpmn:process id="Process_karta" name="Processkarta" isExecutable="false"'
              f'{linked("process")}>'
            + props(processkarta="ja", ägare="Förvaltningschef") + "\n" + "\n".join(sem)
            + '\n</bpmn:process>\n<bpmndi:BPMNDiagram id="Diagram_karta"><bpmndi:BPMNPlane '
              'id="Plane_karta" bpmnElement="Process_karta">\n' + "".join(di)
            + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n")


def register(doc_ids: list[str]) -> str:
    types = {"RUT": "rutin", "MALL": "mall", "RIK": "riktlinje"}
    lines = []
    for doc in doc_ids:
        lines += [f"- id: {doc}", f"  titel: Dokument {doc}", f"  typ: {types[doc.split('-')[0]]}",
                  f"  url: https://dokument.exempelstad.se/kls/{doc.lower()}",
                  "  ägare: Kvalitetssamordnare", "  revideras: 2099-12-31"]
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 2011_9) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    # Every activity gets at least one routine: the first id of each pair below is a RUT.
    doc_ids = [f"RUT-{k:04d}" for k in range(max(20, n // 2))]
    doc_ids += [f"MALL-{k:04d}" for k in range(max(5, n // 8))]
    rutiner = [d for d in doc_ids if d.startswith("RUT")]
    written = [out / "processkarta.bpmn"]
    written[0].write_text(map_file(n), encoding="utf-8")
    for i in range(n):
        path = out / f"process-{i:05d}.bpmn"
        path.write_text(process_file(i, rng, rutiner, children_of(i, n)), encoding="utf-8")
        written.append(path)
    (out / "dokument.yml").write_text(register(doc_ids), encoding="utf-8")
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    files = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(files)} BPMN files in {sys.argv[2]}")
