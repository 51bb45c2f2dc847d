import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../src/criteria/load.js';
import { loadUnits } from '../../src/units/load.js';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { WorkbookError } from '../../src/workbook/types.js';
import { ROOT } from '../e2e/run.js';

/** How many mutated inputs each property tries (THIDUA_FUZZ_RUNS raises it for a long run). */
const RUNS = Number(process.env.THIDUA_FUZZ_RUNS ?? 150);
const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const SEEDS = [
  join(EXAMPLE, 'submissions', 'gd1', 'xa', 'XA-001 - UBND phường Quy Nhơn.xlsx'),
  join(EXAMPLE, 'submissions', 'gd1', 'ca_nhan', 'ca_nhan-gd1.xlsx'),
].map((p) => new Uint8Array(readFileSync(p)));

/** Opens and streams every sheet; only a WorkbookError may come out. */
async function readAll(data: Uint8Array): Promise<'read' | string> {
  try {
    const wb = await openWorkbook(data);
    for (const s of wb.sheets) await wb.readRows(s.name, () => undefined);
    return 'read';
  } catch (e) {
    if (e instanceof WorkbookError) return e.code;
    throw e;
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop-entry' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-entries' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('break-xml' as const), at: fc.nat(), junk: fc.constantFrom('<', '&', '<!DOCTYPE x [<!ENTITY a "b">]>', '</row>', '\u0000', '"', '<c r="XFE9999999"><v>1</v></c>', ']]>') }),
);

function mutate(src: Uint8Array, m: Record<string, unknown>): Uint8Array {
  const data = new Uint8Array(src);
  switch (m.kind) {
    case 'flip': {
      for (let i = 0; i < (m.count as number); i++) {
        const at = ((m.at as number) + i * 7919) % data.length;
        data[at]! ^= 1 << (m.bit as number);
      }
      return data;
    }
    case 'truncate':
      return data.subarray(0, (m.at as number) % data.length);
    default: {
      const parts = unzipSync(src);
      const names = Object.keys(parts);
      if (m.kind === 'drop-entry') delete parts[names[(m.at as number) % names.length]!];
      else if (m.kind === 'swap-entries') {
        const a = names[(m.a as number) % names.length]!;
        const b = names[(m.b as number) % names.length]!;
        [parts[a], parts[b]] = [parts[b]!, parts[a]!];
      } else {
        const xmls = names.filter((n) => n.endsWith('.xml'));
        const n = xmls[(m.at as number) % xmls.length]!;
        const text = strFromU8(parts[n]!);
        const at = (m.at as number) % Math.max(1, text.length);
        parts[n] = strToU8(text.slice(0, at) + (m.junk as string) + text.slice(at));
      }
      return zipSync(parts);
    }
  }
}

describe('fuzzing: mutated workbooks and criteria end in a result or a diagnostic', () => {
  it(`mutated workbooks (${RUNS} cases per seed): no crash, no hang`, async () => {
    const outcomes = new Map<string, number>();
    for (const seed of SEEDS) {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const r = await readAll(mutate(seed, m as Record<string, unknown>));
          outcomes.set(r, (outcomes.get(r) ?? 0) + 1);
          expect(['read', 'unreadable-file', 'too-large', 'encrypted']).toContain(r);
        }),
        { numRuns: RUNS, seed: 20241 },
      );
    }
    // the mutations do reach both outcomes: some files still read, some are refused
    expect(outcomes.get('read') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('unreadable-file') ?? 0).toBeGreaterThan(0);
  }, 300_000);

  const criteriaText = readFileSync(join(EXAMPLE, 'criteria.yaml'), 'utf8');
  const unitsText = readFileSync(join(EXAMPLE, 'units.yaml'), 'utf8');
  const textEdit = fc.record({
    at: fc.nat(),
    len: fc.integer({ min: 0, max: 40 }),
    insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\t', ': ', '- ', '&a ', '*a', '{', '[', '"', "'", '\n  ', '!!binary', '<<: *a', '---\n', '\u0000', '\uFEFF')),
  });
  const apply = (text: string, e: { at: number; len: number; insert: string }): string => {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.insert + text.slice(at + e.len);
  };

  it(`mutated criteria and units YAML (${RUNS} cases each): every failure is a diagnostic`, () => {
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = edits.reduce(apply, criteriaText);
        const r = loadCriteria(text, 'criteria.yaml');
        for (const d of r.diagnostics) {
          expect(d.line === null || (d.line! >= 1 && d.column! >= 1)).toBe(true);
        }
        if (!r.criteria) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        const u = loadUnits(edits.reduce(apply, unitsText), 'units.yaml');
        expect(Array.isArray(u.units)).toBe(true);
      }),
      { numRuns: RUNS, seed: 20242 },
    );
  });
});
