import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';
import { golden, projection } from './golden.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');

type Unit = { id: string; status: string; parent?: string; total: number | null; class: string | null; rank: number | null; groups: Record<string, number>; items: Record<string, { value: unknown; points: number; from?: { numerator: number; denominator: number | null } }> };
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



describe.skipIf(!HAS_BUILD)('the bundled example, end to end (built binary)', () => {
  for (const phase of ['gd1', 'gd2']) {
    it(`scores phase ${phase} as recorded, byte for byte, twice`, () => {
      const a = score(phase);
      // gd1 holds the example's deliberate text in a number cell (DN-03, see its README.md): exit 1, outputs still written
      expect(a.code).toBe(phase === 'gd1' ? 1 : 0);
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
    //   1.1 yes → 5; 1.2 8 news items × 0.5 = 4 (cap 5); 1.3 83.3 % reaches the 80 step → 3; 1.4 2 days late ≤ 3 → 3
    //   group 1 = 15
    //   2.1 from its households: 5 of 10 "Gia đình học tập" = 50 %, linear 10 × 50 / 70 = 7.1428… → 7.14
    //   2.2 from its clans: 2 of 5 = 40 %, 8 × 40 / 65 = 4.9230… → 4.92; 2.3 reported 65.6, 7 × 65.6 / 75 = 6.1226… → 6.12
    //   2.4 from its citizens: 4 of 10 = 40 % ≥ 40 → 10; group 2 = 28.18
    //   3.1 97.32 reaches the 96 step → 8; 3.2 5 classes × 1 = 5; 3.3 points typed in: 4.5; 3.4 0.88 % dropouts: over 0.5, under 1 → 3
    //   group 3 = 20.5; group 4 = 4.1 51.4 ≥ 50 → 8, + 6 + 5 = 19; bonus 1 (T.2 395 ≥ 200), penalty 0
    //   total = 15 + 28.18 + 20.5 + 19 + 1 = 83.68 → ht_tot (80 ≤ total < 90; the lower bands set no group floor)
    const xa = get('xa', 'XA-004');
    expect([xa.items['1.2']!.points, xa.items['2.1']!.points, xa.items['2.2']!.points, xa.items['2.3']!.points, xa.items['3.2']!.points, xa.items['3.4']!.points]).toEqual([4, 7.14, 4.92, 6.12, 5, 3]);
    expect([xa.items['2.1']!.from, xa.items['2.2']!.from, xa.items['2.4']!.from]).toEqual([{ numerator: 5, denominator: 10 }, { numerator: 2, denominator: 5 }, { numerator: 4, denominator: 10 }]);
    expect(xa.groups['1']).toBe(15);
    expect(xa.groups['2']).toBe(28.18);
    expect(xa.total).toBe(83.68);
    expect(xa.class).toBe('ht_tot');
    // so_nganh / SO-02: 2.1 linear 12 × 86.69 / 90 = 11.5586… → 11.56; 2.4 linear 5 × 38.6 / 40 = 4.825 exactly → 4.83
    //   (half up on the exact decimal; a binary float would give 4.8249… → 4.82); 4.1 linear 7 × 72.76 / 80 = 6.3665 → 6.37
    //   total = 16.5 + 34.39 + 19 + 10.37 + 0 − 0 = 80.26
    const so = get('so_nganh', 'SO-02');
    expect(so.items['2.1']!.points).toBe(11.56);
    expect(so.items['2.4']!.points).toBe(4.83);
    expect(so.items['4.1']!.points).toBe(6.37);
    expect(so.total).toBe(80.26);
    // ho_gia_dinh / HO-0002 (roster): 1 of 3 members aged 15 and over is a "Công dân học tập": 1.2 = 33.33 %,
    //   linear 20 × 33.33 / 50 = 13.332 → 13.33; 1.1 yes → 20; group 1 = 33.33
    //   2.2 2 members × 5 = 10; 3.2 3 sessions × 3 = 9; total = 33.33 + (15 + 10) + (15 + 9) + 0 − 0 = 82.33 → gdht (≥ 80)
    const ho = get('ho_gia_dinh', 'HO-0002');
    expect(ho.items['1.2']!.points).toBe(13.33);
    expect(ho.groups['1']).toBe(33.33);
    expect(ho.items['3.2']!.points).toBe(9);
    expect(ho.total).toBe(82.33);
    expect(ho.class).toBe('gdht');
  });

  it('finds the deliberate mistakes of phase gd1 listed in the example\'s README.md', () => {
    type Diag = { severity: string; code: string; unit?: string; cell: string | null };
    const res = JSON.parse(score('gd1').results) as Results & { diagnostics: Diag[] };
    const unit = (id: string) => res.tiers.flatMap((t) => t.units).find((u) => u.id === id)!;
    const has = (code: string, id: string, cell: string | null) => res.diagnostics.some((d) => d.code === code && d.unit === id && d.cell === cell);
    // text in a number cell: a real error, the unit is rejected
    expect(unit('DN-03').status).toBe('rejected');
    expect(has('bad-value', 'DN-03', 'D24')).toBe(true);
    // registered, sent nothing
    expect(unit('XA-024').status).toBe('not_submitted');
    expect(has('not-submitted', 'XA-024', null)).toBe(true);
    // 0,85 typed for 85 %: never rescaled; the unit's own 7 points for the item disagree with the 0 computed
    expect(unit('XA-014').items['2.3']).toMatchObject({ value: 0.85, points: 0 });
    expect(has('self-score-differs', 'XA-014', 'E21')).toBe(true);
    // the cases that are not mistakes: a group under the top band's floor, a failed critical item
    expect([unit('XA-011').total, unit('XA-011').groups['3'], unit('XA-011').class]).toEqual([92.88, 16.5, 'ht_tot']);
    expect([unit('XA-016').total, unit('XA-016').class]).toEqual([85.47, 'ht']);
    // a commune claiming more than its households give: 10 self points on 2.1 against 6 of 10 recognised (8.57)
    expect(unit('XA-003').items['2.1']).toMatchObject({ value: 60, points: 8.57, self: 10, from: { numerator: 6, denominator: 10 } });
    expect(has('self-score-differs', 'XA-003', 'E19')).toBe(true);
  });

  for (const phase of ['gd1', 'gd2']) {
    it(`its communes' shares are what their rosters say (${phase}): 2.1, 2.2, 2.4 = recognised ÷ submitted children`, () => {
      const res = JSON.parse(score(phase).results) as Results;
      const tier = (id: string) => res.tiers.find((t) => t.id === id)!;
      const rolls = [
        { item: '2.1', tier: 'ho_gia_dinh', cls: 'gdht' },
        { item: '2.2', tier: 'dong_ho', cls: 'dhht' },
        { item: '2.4', tier: 'ca_nhan', cls: 'cdht' },
      ];
      // no child without a commune, and every commune has children in each roster
      for (const r of rolls) expect(tier(r.tier).units.filter((c) => !c.parent).map((c) => c.id)).toEqual([]);
      const communes = tier('xa').units;
      let checked = 0;
      for (const xa of communes) {
        for (const r of rolls) {
          const children = tier(r.tier).units.filter((c) => c.parent === xa.id);
          const submitted = children.filter((c) => c.status !== 'not_submitted');
          const recognised = submitted.filter((c) => c.class === r.cls);
          expect(submitted.length, `${xa.id} ${r.tier}`).toBeGreaterThan(0);
          if (xa.status !== 'scored') continue;
          const share = Math.round((10000 * recognised.length) / submitted.length) / 100;
          expect(xa.items[r.item], `${xa.id} ${r.item}`).toMatchObject({ value: share, from: { numerator: recognised.length, denominator: submitted.length } });
          checked++;
        }
      }
      expect(checked).toBe(3 * communes.filter((u) => u.status === 'scored').length);
      expect(checked).toBeGreaterThanOrEqual(3 * 23);
    });
  }

  it('runs from the project folder with no arguments (thidua.yaml)', () => {
    const out = mkdtempSync(join(tmpdir(), 'thidua-ex-'));
    const r = thidua(['score', '-o', out, '--quiet'], EXAMPLE);
    expect(r.code).toBe(1); // phase gd1's deliberate error (DN-03); the results are written all the same
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).phase).toBe('gd1');
  });
});
