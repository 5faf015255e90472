// Validate element template files with the official validator Camunda Modeler's libraries
// use (@bpmn-io/element-templates-validator). A file's templates are split by $schema, as
// Camunda Modeler does: the Zeebe schema means Camunda 8, anything else Camunda 7.
// Usage: node validate-templates.mjs FILE...   Prints one JSON result per file.
import { readFileSync } from 'node:fs';
import { validateAll, validateAllZeebe } from '@bpmn-io/element-templates-validator';

const results = {};
for (const file of process.argv.slice(2)) {
  const templates = JSON.parse(readFileSync(file, 'utf-8'));
  const zeebe = templates.filter(t => String(t.$schema || '').includes('zeebe'));
  const platform = templates.filter(t => !String(t.$schema || '').includes('zeebe'));
  const checked = [
    ...(zeebe.length ? validateAllZeebe(zeebe).results : []),
    ...(platform.length ? validateAll(platform).results : []),
  ];
  results[file] = {
    zeebe: zeebe.length,
    platform: platform.length,
    errors: checked.flatMap(r => (r.errors || []).map(e => ({
      template: r.object && r.object.id, path: e.dataPath || e.instancePath, message: e.message,
      params: e.params })))
  };
}
console.log(JSON.stringify(results, null, 1));
