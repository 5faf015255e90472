#!/usr/bin/env node
// Lint BPMN files with bpmnlint's `bpmnlint:recommended` (npm bpmnlint, from node_modules) and
// print one JSON document: per file the reports, import warnings and the time spent parsing
// and linting it in this process. bench/bpmnlint_compare.py drives it; it can be run alone:
//
//     node bench/bpmnlint_run.cjs FILE_OR_DIR...
//
// Files are read before the clock starts, so both sides are timed on bytes in memory.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { BpmnModdle } = require('bpmn-moddle');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

function bpmnFiles(args) {
  const found = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const entry of fs.readdirSync(arg, { recursive: true }).sort()) {
        if (entry.toLowerCase().endsWith('.bpmn')) {
          found.push(path.join(arg, entry));
        }
      }
    } else {
      found.push(arg);
    }
  }
  return found.sort();
}

function flatten(results) {
  const reports = [];
  for (const [ rule, entries ] of Object.entries(results)) {
    for (const report of entries) {
      reports.push({ rule, id: report.id || null, message: report.message,
        category: report.category });
    }
  }
  return reports;
}

async function lintOne(moddle, xml) {
  // A new Linter per file, as the bpmnlint CLI does: some rules (no-duplicate-sequence-flows)
  // keep state in their closure, and a shared Linter would carry it from file to file.
  const linter = new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver()
  });
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return { error: String(error.message || error), warnings: [], reports: [] };
  }
  const warnings = (parsed.warnings || []).map((w) => String(w.message || w));
  const reports = flatten(await linter.lint(parsed.rootElement));
  return { error: null, warnings, reports };
}

async function main() {
  const files = bpmnFiles(process.argv.slice(2));
  const blobs = files.map((file) => [ file, fs.readFileSync(file, 'utf-8') ]);
  const moddle = new BpmnModdle();  // one for all files, as the CLI does
  const out = [];
  const started = process.hrtime.bigint();
  for (const [ file, xml ] of blobs) {
    const t0 = process.hrtime.bigint();
    const result = await lintOne(moddle, xml);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out.push({ file, ms, ...result });
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ files: out, total_ms: totalMs }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
});
