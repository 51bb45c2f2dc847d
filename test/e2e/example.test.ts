import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { colName } from '../../src/workbook/write/index.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const GOLDEN = join(ROOT, 'test', 'e2e', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

type Unit = { id: string; total: number | null; class: string | null; rank: number | null; groups: Record<string, number>; items: Record<string, { value: unknown; points: number }> };
type Results = { tiers: { id: string; units: Unit[]; stats: Record<string, number | null> }[] };

function score(phase: string, extra: string[] = []): { code: number; stdout: string; results: string; summary: string; xlsx: string } {
  const out = mkdtempSync(join(tmpdir(), 'thidua-ex-'));
  const r = thidua(['score', 'criteria.yaml', `submissions/${phase}`, '--phase', phase, '--units', 'units.yaml', '-o', out, ...extra], EXAMPLE);
  return {
    code: r.code,
    stdout: r.stdout.split(out).join('<out>'),
    results: readFileSync(join(out, 'results.json'), 'utf8'),
    summary: readFileSync(join(out, 'summary.md'), 'utf8'),
    xlsx: join(out, 'results.xlsx'),
  };
}

/** results.xlsx as text: every cell's address, value and number format, sheet by sheet. */
async function projection(path: string): Promise<string> {
  const wb = await openWorkbook(new Uint8Array(readFileSync(path)));
  const lines: string[] = [];
  for (const s of wb.sheets) {
    lines.push(`## ${s.name} (${s.state})`);
    await wb.readRows(s.name, (r, cells) => {
      for (const c of cells) lines.push(`${colName(c.col)}${r}\t${c.fmt}\t${JSON.stringify(c.value)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.skipIf(!HAS_BUILD)('the bundled example, end to end (built binary)', () => {
  for (const phase of ['gd1', 'gd2']) {
    it(`scores phase ${phase} as recorded, byte for byte, twice`, () => {
      const a = score(phase);
      expect(a.code).toBe(0);
      golden(`example-${phase}.results.json`, a.results);
      golden(`example-${phase}.stdout.txt`, `$ thidua score criteria.yaml submissions/${phase} --phase ${phase} --units units.yaml -o <out>\n# exit ${a.code}\n${a.stdout}`);
      const b = score(phase);
      expect(b.results).toBe(a.results);
      expect(b.summary).toBe(a.summary);
    });
  }

  it('writes summary.md and results.xlsx as recorded (gd1, dated)', async () => {
    const a = score('gd1', ['--date', '2025-12-31']);
    golden('example-gd1.summary.md', a.summary);
    golden('example-gd1.results.xlsx.txt', await projection(a.xlsx));
  });

  it('matches schemas/results.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'results.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
    const ok = validate(JSON.parse(score('gd1').results));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accounts for every unit: the stats add up', () => {
    const res = JSON.parse(score('gd1').results) as Results;
    for (const t of res.tiers) {
      const s = t.stats;
      expect(s.submitted).toBe((s.scored ?? 0) + (s.rejected ?? 0));
      expect(t.units.length).toBe((s.submitted ?? 0) + (s.not_submitted ?? 0));
      if (s.registered !== null) expect(s.registered).toBe((s.submitted ?? 0) + (s.not_submitted ?? 0));
    }
  });

  it('gives the figures worked out by hand for three units of three tiers (gd1)', () => {
    const res = JSON.parse(score('gd1').results) as Results;
    const get = (tier: string, id: string): Unit => res.tiers.find((t) => t.id === tier)!.units.find((u) => u.id === id)!;
    // xa / XA-004, phase gd1:
    //   1.1 yes → 5; 1.2 9 models × 0.5 = 4.5 (cap 5); 1.3 53.99 % reaches the 50 step → 1; 1.4 0 days late → 5
    //   group 1 = 15.5
    //   2.1 linear 10 × 69.37 / 70 = 9.91; 2.2 65.2 ≥ target 65 → 8; 2.3 78.7 ≥ 75 → 7; 2.4 40.86 ≥ 40 → 10
    //   group 2 = 34.91; total = 15.5 + 34.91 + 21.9 + 16.42 + bonus 5 − penalty 2 = 91.73
    //   group 1 share 15.5 / 20 = 0.775 < 0.8 → not htxs nor ht_tot; every share ≥ 0.7 → ht
    const xa = get('xa', 'XA-004');
    expect([xa.items['1.2']!.points, xa.items['1.3']!.points, xa.items['2.1']!.points]).toEqual([4.5, 1, 9.91]);
    expect(xa.groups['1']).toBe(15.5);
    expect(xa.groups['2']).toBe(34.91);
    expect(xa.total).toBe(91.73);
    expect(xa.class).toBe('ht');
    // so_nganh / SO-02: 2.1 linear 12 × 85.98 / 90 = 11.464 → 11.46; 4.1 linear 7 × 59.3 / 80 = 5.18875 → 5.19 (half up)
    //   total = 14.5 + 27.91 + 14.2 + 18.19 + 0 − 2 = 72.8
    const so = get('so_nganh', 'SO-02');
    expect(so.items['2.1']!.points).toBe(11.46);
    expect(so.items['4.1']!.points).toBe(5.19);
    expect(so.total).toBe(72.8);
    // ho_gia_dinh / HO-0001 (roster): 1.2 linear 20 × 48.9 / 50 = 19.56; 1.1 yes → 20; group 1 = 39.56
    //   3.2 3 sessions × 3 = 9; total = 39.56 + 10 + 24 + 5 − 10 = 68.56 → below 80 → chua_dat
    const ho = get('ho_gia_dinh', 'HO-0001');
    expect(ho.items['1.2']!.points).toBe(19.56);
    expect(ho.groups['1']).toBe(39.56);
    expect(ho.items['3.2']!.points).toBe(9);
    expect(ho.total).toBe(68.56);
    expect(ho.class).toBe('chua_dat');
  });

  it('runs from the project folder with no arguments (thidua.yaml)', () => {
    const out = mkdtempSync(join(tmpdir(), 'thidua-ex-'));
    const r = thidua(['score', '-o', out, '--quiet'], EXAMPLE);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).phase).toBe('gd1');
  });
});
