"""Mutation fuzzing of `kls check`: mutated copies of the example KLS (models/) and the shared
MIWG reference models, written a folder at a time and checked through the CLI entry point
(`kls check DIR --format json`, in process). Any exception, any non-JSON output, any exit
code other than 0/1 is a failure. Deterministic: the same seed makes the same files.

    .venv/bin/python bench/fuzz_check.py [--count 20000] [--seed 10] [--keep DIR]
                                         [--source DIR ...]

``--source`` mutates the .bpmn files under other folders instead, e.g. a clone of the whole
OMG MIWG test suite (bpmn-miwg/bpmn-miwg-test-suite: 831 files from 35 tools).

The test suite runs a short, fixed-seed run (tests/test_fuzz.py); this is the long one.
Mutations: delete, duplicate and move elements; rename an element to another BPMN type;
garble attributes and id references (to missing ids and to ids of the wrong kind); cut the
file; flip bytes; a namespace URI with a space.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kls.cli import main as kls_main  # noqa: E402

SOURCES = [ROOT / "models", ROOT.parent / "shared" / "corpus" / "miwg" / "reference"]
FOLDER_SIZE = 100  # files checked together, as a KLS folder is

#: Attributes that hold id references, the targets of the nastiest mutations.
REFERENCES = ("sourceRef", "targetRef", "attachedToRef", "bpmnElement", "default",
              "processRef", "calledElement", "dataObjectRef", "dataStoreRef", "messageRef")
TAGS = ("task", "userTask", "subProcess", "callActivity", "startEvent", "endEvent",
        "boundaryEvent", "intermediateThrowEvent", "exclusiveGateway", "eventBasedGateway",
        "sequenceFlow", "messageFlow", "association", "lane", "participant", "process",
        "dataObjectReference", "textAnnotation", "linkEventDefinition", "taks")
JUNK = ("", " ", "NaN", "-inf", "1e999", "<script>alert(1)</script>", "javascript:alert(1)",
        "å" * 300, "\u202e\u0000"[:1], "x" * 5000, "ja", "nej", "Process_1", "../../etc/passwd",
        "true", "false", "0", "-1")


def load_sources(roots: list[Path]) -> list[tuple[str, bytes, etree._Element | None]]:
    """(name, bytes, parsed tree) of every .bpmn file under ``roots``, sorted."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    sources = []
    for root in roots:
        for path in sorted(root.glob("**/*.bpmn")):
            data = path.read_bytes()
            try:
                tree = etree.fromstring(data, parser)
            except etree.XMLSyntaxError:
                tree = None
            sources.append((f"{root.name}-{path.stem}", data, tree))
    if not sources:
        raise SystemExit(f"no sources found in {roots}")
    return sources


# -- mutations on the tree --------------------------------------------------------------------


def _elements(tree) -> list:
    return [e for e in tree.iter() if isinstance(e.tag, str)]


class _Nothing(Exception):
    """A mutation found nothing to work on (earlier ones deleted everything below the root)."""


def _victim(rng, tree):
    below = _elements(tree)[1:]
    if not below:
        raise _Nothing
    return rng.choice(below)


def _ids(tree) -> list[str]:
    return [e.get("id") for e in _elements(tree) if e.get("id")]


def delete(rng, tree) -> str:
    victim = _victim(rng, tree)
    victim.getparent().remove(victim)
    return f"delete <{etree.QName(victim).localname}>"


def duplicate(rng, tree) -> str:
    victim = _victim(rng, tree)
    victim.addnext(copy.deepcopy(victim))
    return f"duplicate <{etree.QName(victim).localname} id={victim.get('id')}>"


def move(rng, tree) -> str:
    victim = _victim(rng, tree)
    target = rng.choice(_elements(tree))
    if victim in target.iterancestors() or victim is target:
        return "move (skipped: into itself)"
    victim.getparent().remove(victim)
    target.insert(rng.randrange(len(target) + 1), victim)
    return f"move <{etree.QName(victim).localname}> into <{etree.QName(target).localname}>"


def retag(rng, tree) -> str:
    victim = _victim(rng, tree)
    qname = etree.QName(victim)
    new = rng.choice(TAGS)
    victim.tag = f"{{{qname.namespace}}}{new}" if qname.namespace else new
    return f"retag <{qname.localname}> as <{new}>"


def garble_attribute(rng, tree) -> str:
    candidates = [e for e in _elements(tree) if e.attrib]
    if not candidates:
        return "garble (skipped: no attributes)"
    victim = rng.choice(candidates)
    name = rng.choice(list(victim.attrib))
    victim.set(name, rng.choice(JUNK) if rng.random() < 0.7 else rng.choice(_ids(tree) or ["x"]))
    return f"garble {name} on <{etree.QName(victim).localname}>"


def garble_reference(rng, tree) -> str:
    ids = _ids(tree) or ["x"]
    refs = [(e, a) for e in _elements(tree) for a in REFERENCES if e.get(a) is not None]
    texts = [e for e in _elements(tree) if etree.QName(e).localname in (
        "incoming", "outgoing", "flowNodeRef", "eventDefinitionRef", "sourceRef", "targetRef")]
    if refs and (not texts or rng.random() < 0.7):
        victim, attr = rng.choice(refs)
        value = rng.choice(ids) if rng.random() < 0.6 else f"Missing_{rng.randrange(1000)}"
        victim.set(attr, value)
        return f"reference {attr}={value!r} on <{etree.QName(victim).localname}>"
    if texts:
        victim = rng.choice(texts)
        victim.text = rng.choice(ids) if rng.random() < 0.6 else "Missing"
        return f"reference text of <{etree.QName(victim).localname}>"
    return "reference (skipped: none)"


TREE_MUTATIONS = (delete, duplicate, move, retag, garble_attribute, garble_reference)


# -- mutations on the bytes -------------------------------------------------------------------


def cut(rng, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"cut at byte {at}"


def flip(rng, data: bytes) -> tuple[bytes, str]:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf), "byte flips"


def bad_namespace(rng, data: bytes) -> tuple[bytes, str]:
    """A namespace URI with a space, as IBM Process Designer writes (read with KLS070)."""
    starts = [m.start() for m in re.finditer(rb"xmlns:", data[:4096])]
    if not starts:
        return data, "namespace (skipped: none)"
    quote = data.find(b'"', rng.choice(starts))
    return data[:quote + 1] + b"http://example.org/Collapsed Process " + data[quote + 1:], \
        "namespace URI with a space"


def mutant(rng, source) -> tuple[bytes, list[str]]:
    """One mutated file: 1-4 tree mutations, then sometimes a byte-level one."""
    _name, data, tree = source
    done = []
    if tree is not None and rng.random() < 0.85:
        tree = copy.deepcopy(tree)
        for _ in range(rng.randint(1, 4)):
            try:
                done.append(rng.choice(TREE_MUTATIONS)(rng, tree))
            except _Nothing:
                done.append("(nothing left to mutate)")
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    if not done or rng.random() < 0.15:
        data, what = rng.choice((cut, flip, bad_namespace))(rng, data)
        done.append(what)
    return data, done


def write_mutants(sources, count: int, seed: int, out: Path) -> list[tuple[Path, dict]]:
    """``count`` mutants in folders of FOLDER_SIZE under ``out``; returns the folders with
    each file's mutations (for the failure report)."""
    rng = random.Random(seed)
    folders = []
    for start in range(0, count, FOLDER_SIZE):
        folder = out / f"fuzz-{start // FOLDER_SIZE:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        log = {}
        for i in range(start, min(start + FOLDER_SIZE, count)):
            source = rng.choice(sources)
            data, done = mutant(rng, source)
            path = folder / f"{i:05d}-{source[0]}.bpmn"
            path.write_bytes(data)
            log[path.name] = done
        folders.append((folder, log))
    return folders


# -- checking ----------------------------------------------------------------------------------


def check_folder(folder: Path) -> tuple[str | None, int]:
    """Run `kls check FOLDER --format json` in process. Returns (failure or None, number of
    findings)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = kls_main(["check", str(folder), "--format", "json", "--today", "2026-11-23"])
    except BaseException:  # noqa: BLE001 - anything escaping is exactly what we look for
        return traceback.format_exc(), 0
    if code not in (0, 1):
        return f"exit code {code}: {err.getvalue()}", 0
    try:
        payload = json.loads(out.getvalue())
    except ValueError as exc:
        return f"output is not JSON: {exc}: {out.getvalue()[:500]}", 0
    for f in payload["findings"]:  # every finding points at a file of the folder and a line
        if f["line"] < 1 or not f["path"].startswith(str(folder)) or not f["message"]:
            return f"finding without a place or message: {f}", 0
    return None, len(payload["findings"])


def run(count: int, seed: int, out: Path, roots: list[Path] | None = None) -> dict:
    sources = load_sources(roots or SOURCES)
    started = time.perf_counter()
    folders = write_mutants(sources, count, seed, out)
    written = time.perf_counter()
    failures, findings = [], 0
    for folder, log in folders:
        failure, n = check_folder(folder)
        findings += n
        if failure:
            failures.append((folder, log, failure))
    return {"files": count, "folders": len(folders), "findings": findings,
            "failures": failures, "write_s": written - started,
            "check_s": time.perf_counter() - written}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--keep", metavar="DIR", help="write the mutants here and keep them")
    ap.add_argument("--source", metavar="DIR", type=Path, action="append",
                    help="mutate the .bpmn files under DIR (repeatable; default: models/ "
                         "and the shared MIWG reference files)")
    args = ap.parse_args(argv)
    with contextlib.ExitStack() as stack:
        out = Path(args.keep) if args.keep else Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="kls-fuzz-")))
        result = run(args.count, args.seed, out, args.source)
    print(f"{result['files']} mutated files in {result['folders']} folders (seed {args.seed}): "
          f"{result['findings']} findings, {len(result['failures'])} failing folders")
    print(f"writing {result['write_s']:.1f} s, checking {result['check_s']:.1f} s "
          f"({result['files'] / result['check_s']:.0f} files/s)")
    for folder, log, failure in result["failures"]:
        print(f"\nFAILED {folder}\n{failure}")
        if args.keep:
            print(json.dumps(log, indent=1, ensure_ascii=False)[:2000])
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
