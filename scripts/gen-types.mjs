// Generates src/generated/*.ts from schemas/*.schema.json (the one source of truth).
// `node scripts/gen-types.mjs` writes; `--check` exits 1 when a generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const BANNER = '/* generated from schemas/ by scripts/gen-types.mjs — do not edit */';
export const TARGETS = [
  { schema: 'schemas/criteria.schema.json', out: 'src/generated/criteria.ts', name: 'CriteriaFile' },
  { schema: 'schemas/units.schema.json', out: 'src/generated/units.ts', name: 'UnitsFile' },
  { schema: 'schemas/results.schema.json', out: 'src/generated/results.ts', name: 'ResultsFile' },
  { schema: 'schemas/decisions.schema.json', out: 'src/generated/decisions.ts', name: 'DecisionsFile' },
];

export async function generate(target) {
  const schema = JSON.parse(readFileSync(target.schema, 'utf8'));
  return compile({ ...schema, title: target.name }, target.name, {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: true,
    format: true,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const t of TARGETS) {
    let text;
    try { readFileSync(t.schema); } catch { continue; }
    text = await generate(t);
    if (check) {
      let old = '';
      try { old = readFileSync(t.out, 'utf8'); } catch { /* missing counts as stale */ }
      if (old !== text) { console.error(`${t.out} is stale: run npm run gen:types`); stale++; }
    } else writeFileSync(t.out, text);
  }
  process.exit(stale ? 1 : 0);
}
