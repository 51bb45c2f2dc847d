// The roll-up run's pieces (SPEC §11, issue 18 "Scale"), used by bench/run.mjs: the communes'
// form workbooks, one households-only results.json split into per-commune results files, and
// the byte-for-byte comparison of the communes' unit entries between two results.json.
//
// results.json is read line by line, never whole: at a million households it is over a
// gigabyte, more than one JavaScript string holds. This leans on the way thidua writes it
// (pretty-printed, a tier's `"units": [` on a line of its own, then one unit per line), and
// every function checks what it found against the counts it expects, so a change of layout
// fails loudly instead of comparing nothing.
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The id every commune is written with (scripts/gen-roster.mjs --parents). */
export const communeId = (c) => `XA-${String(c).padStart(4, '0')}`;

/**
 * One form workbook per commune for the commune tier `xa` of `criteriaPath`: its own items
 * filled in (random, seeded), its number of households (item 1.0) the households the roster
 * gives it plus a few that sent nothing, and the rolled-up items left to be computed.
 */
export async function communeForms(root, dir, criteriaPath, parentRows) {
  mkdirSync(dir, { recursive: true });
  const { loadCriteria } = await import(join(root, 'dist/criteria/load.js'));
  const { makeTemplates } = await import(join(root, 'dist/template/template.js'));
  const { writeWorkbook } = await import(join(root, 'dist/workbook/write/index.js'));
  const { criteria } = loadCriteria(readFileSync(criteriaPath), 'criteria.yaml');
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x1_0000_0000);
  const units = parentRows.map((_, i) => ({ id: communeId(i + 1), name: `Xã số ${i + 1}`, tier: 'xa' }));
  const households = new Map(units.map((u, i) => [u.id, parentRows[i]]));
  const files = makeTemplates({
    criteria, tier: 'xa', phase: 'gd1', units, lang: 'vi', date: new Date('2024-01-01T00:00:00Z'),
    fill: {
      form: (unit, item) => {
        if (item.from) return undefined;
        if (item.id === '1.0') return { value: Math.ceil(households.get(unit) * 1.05) };
        return { value: item.input === 'yes_no' ? (rand() < 0.8 ? 'Có' : 'Không') : item.input === 'count' ? Math.floor(rand() * 6) : Math.round(rand() * 10000) / 100 };
      },
    },
  });
  files.forEach((f) => writeFileSync(join(dir, f.name), writeWorkbook(f.model)));
  return files.length;
}

/**
 * Reads a results.json line by line: `header` gets the top-level fields before `tiers` (as
 * one object), `unit(tierId, line)` every unit entry's line (without its trailing comma).
 */
async function scan(path, { header, unit }) {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const head = [];
  let inHead = true;
  let tier = null;
  let inUnits = false;
  for await (const line of lines) {
    if (inHead) {
      if (line === '  "tiers": [') {
        inHead = false;
        header?.(JSON.parse(`${head.join('\n')}"tiers":[]}`));
      } else head.push(line);
      continue;
    }
    if (inUnits) {
      if (line === '      ]' || line === '      ],') inUnits = false;
      else unit(tier, line.endsWith(',') ? line.slice(8, -1) : line.slice(8));
      continue;
    }
    const id = /^ {6}"id": "(.*)",$/.exec(line);
    if (id) tier = JSON.parse(`"${id[1]}"`);
    else if (line === '      "units": [') inUnits = true;
  }
  if (inHead) throw new Error(`${path}: no "tiers" found — has the layout of results.json changed?`);
}

/**
 * Splits the household tier `tierId` of one results.json into one results file per parent,
 * `<outDir>/<parent>.json`: what each commune scoring its own households alone would hand the
 * province (the units' entries as they are; the tier's statistics counted again for the
 * commune). Returns the files in parent order and the number of units written.
 */
export async function splitByParent(resultsPath, tierId, outDir) {
  mkdirSync(outDir, { recursive: true });
  let head = null;
  const parts = new Map();
  let units = 0;
  const flush = (p) => {
    if (p.buf.length === 0) return;
    writeFileSync(p.file, `${p.written ? ',\n' : ''}${p.buf.join(',\n')}`, { flag: 'a' });
    p.written += p.buf.length;
    p.buf = [];
    p.bytes = 0;
  };
  await scan(resultsPath, {
    header: (h) => (head = h),
    unit: (tier, line) => {
      if (tier !== tierId) return;
      const u = JSON.parse(line);
      if (!u.parent) throw new Error(`${resultsPath}: unit ${u.id} has no parent`);
      let p = parts.get(u.parent);
      if (!p) {
        parts.set(u.parent, (p = { file: join(outDir, `${u.parent}.units`), buf: [], bytes: 0, written: 0, stats: { submitted: 0, scored: 0, rejected: 0, not_submitted: 0, classes: {} } }));
        writeFileSync(p.file, '');
      }
      p.buf.push(`        ${line}`);
      p.bytes += line.length;
      const s = p.stats;
      s[u.status]++;
      if (u.status !== 'not_submitted') s.submitted++;
      if (u.class) s.classes[u.class] = (s.classes[u.class] ?? 0) + 1;
      if (p.bytes > 1 << 16) flush(p);
      units++;
    },
  });
  const files = [];
  for (const [parent, p] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    flush(p);
    const { tiers: _, ...fields } = head;
    const top = JSON.stringify(fields, null, 2).slice(0, -2);
    const stats = JSON.stringify({ registered: null, ...p.stats });
    const file = join(outDir, `${parent}.json`);
    writeFileSync(file, `${top},\n  "tiers": [\n    {\n      "id": ${JSON.stringify(tierId)},\n      "stats": ${stats},\n      "units": [\n${readFileSync(p.file, 'utf8')}\n      ]\n    }\n  ],\n  "diagnostics": []\n}\n`);
    rmSync(p.file);
    files.push(file);
  }
  return { files, units };
}

/** The unit entries' lines of tier `tierId`, by unit id. */
export async function unitLines(resultsPath, tierId) {
  const out = new Map();
  await scan(resultsPath, { unit: (tier, line) => tier === tierId && out.set(JSON.parse(line).id, line) });
  return out;
}

/**
 * Whether the unit entries of tier `tierId` are the same, byte for byte, in two results.json;
 * where they differ only in `source` (the file a unit was read from), that is said apart.
 */
export async function sameUnits(aPath, bPath, tierId) {
  const [a, b] = await Promise.all([unitLines(aPath, tierId), unitLines(bPath, tierId)]);
  const differ = [];
  let sourceOnly = 0;
  for (const [id, line] of a) {
    const other = b.get(id);
    if (other === line) continue;
    const strip = (l) => (l === undefined ? null : JSON.stringify({ ...JSON.parse(l), source: null }));
    if (other !== undefined && strip(other) === strip(line)) sourceOnly++;
    else differ.push(id);
  }
  for (const id of b.keys()) if (!a.has(id)) differ.push(id);
  return { units: a.size, identical: differ.length === 0 && sourceOnly === 0, sourceOnly, differ };
}
