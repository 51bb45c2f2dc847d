// Generates src/generated/*.ts from schemas/*.schema.json (the one source of truth): the
// types, and the validators ajv compiles from the schemas, as standalone code.
// `node scripts/gen-types.mjs` writes; `--check` exits 1 when a generated file is stale.
//
// Why validators ahead of time: compiling the criteria schema takes ajv about 70 ms, units and
// decisions 20 ms each, at the start of every run (`check` in CI included); importing the
// compiled code takes about 7 ms. The options are src/criteria/schemas.ts's, so the errors are
// ajv's own, the same objects as from `ajv.compile`.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';

const BANNER = '/* generated from schemas/ by scripts/gen-types.mjs — do not edit */';
export const TARGETS = [
  { schema: 'schemas/criteria.schema.json', out: 'src/generated/criteria.ts', name: 'CriteriaFile' },
  { schema: 'schemas/units.schema.json', out: 'src/generated/units.ts', name: 'UnitsFile' },
  { schema: 'schemas/results.schema.json', out: 'src/generated/results.ts', name: 'ResultsFile' },
  { schema: 'schemas/decisions.schema.json', out: 'src/generated/decisions.ts', name: 'DecisionsFile' },
];

/** Schemas validated at run time, each compiled into src/generated/validate-<name>.ts. */
export const VALIDATORS = ['criteria', 'units', 'decisions'].map((name) => ({
  schema: `schemas/${name}.schema.json`,
  out: `src/generated/validate-${name}.ts`,
  validator: true,
}));

/** ajv's standalone code for a schema, as an ES module TypeScript compiles untouched. */
function validatorCode(target) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, code: { source: true, esm: true } });
  // json-schema-to-typescript's type hint; no meaning for validation
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  const validate = ajv.compile(JSON.parse(readFileSync(target.schema, 'utf8')));
  let code = standalone.default(ajv, validate);
  // ajv's ESM output still `require`s its runtime helpers (CommonJS modules exporting
  // `default`): made imports. Node hands an import the module's exports, esbuild and vite the
  // `default` export itself, so the helper is taken from either.
  const helpers = [];
  code = code.replace(/const (\w+) = require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default;/g, (_, id, mod) => {
    helpers.push(`import ${id}_module from '${mod}.js';`);
    return `const ${id} = typeof ${id}_module === 'function' ? ${id}_module : ${id}_module.default;`;
  });
  if (/\brequire\(/.test(code)) throw new Error(`${target.schema}: standalone code still requires a module`);
  return `${BANNER}\n// @ts-nocheck\n/* eslint-disable */\n${helpers.join('\n')}\n${code.replace(/^"use strict";/, '')}\n`;
}

export async function generate(target) {
  if (target.validator) return validatorCode(target);
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
  for (const t of [...TARGETS, ...VALIDATORS]) {
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
