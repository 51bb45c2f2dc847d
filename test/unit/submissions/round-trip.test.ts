/**
 * One pass finds everything (issue: every result explained): typical entry mistakes are
 * warned of and named by column, only real errors reject a unit, a rejected unit carries all
 * its problems, a blank form is not a submission, and the evidence column is read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildResults } from '../../../src/report/results.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import type { FormRow } from '../../helpers/workbooks.js';
import { fixtureFormRows, fixtureUnits, formWorkbook, percentCell, rosterWorkbook, runAssess, tempDir, unitOf, HO_COLUMNS } from '../../helpers/workbooks.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const META = { movement: 'kiem-thu-phieu', phase: 'gd1', tool: { name: 'thidua', version: 'test' }, date: null, criteria: { path: 'c', sha256: '' }, units: null, inputs: [], lang: 'vi' as const };

describe('typical entry mistakes: caught, not scored', () => {
  it('0,85 in a percent cell, 8 in a 5-point self cell and one real error: three findings, only the error rejects', async () => {
    // 1.2 is a percent; T.1's self points may be at most 5 (the bonus item's max); 2.1 gets text
    const rows = fixtureFormRows({ '1.2': 0.85, '2.1': 'nhiều' }, { 'T.1': 8 });
    const f = formWorkbook({ unit: 'XA-01', rows });
    const a = await runAssess([tmp.write('ba-loi.xlsx', f.bytes)]);
    const found = a.diagnostics.map((d) => [d.code, d.cell, d.severity]);
    expect(found).toContainEqual(['suspect-percent', f.cell('1.2', 'value'), 'warning']);
    expect(found).toContainEqual(['self-score-invalid', f.cell('T.1', 'self'), 'warning']);
    expect(found).toContainEqual(['bad-value', f.cell('2.1', 'value'), 'error']);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
    const u = unitOf(a, 'xa', 'XA-01');
    expect(u.status).toBe('rejected');
    expect(u.input?.errors.map((e) => e.code)).toEqual(['bad-value']);
    // messages name the column as well as the cell
    const byCode = (c: string) => a.diagnostics.find((d) => d.code === c)!;
    expect(formatMessage(byCode('suspect-percent'), 'vi')).toContain('(cột Số liệu báo cáo)');
    expect(formatMessage(byCode('suspect-percent'), 'vi')).toContain('85 %');
    expect(formatMessage(byCode('self-score-invalid'), 'vi')).toContain('(cột Điểm tự chấm)');
    expect(formatMessage(byCode('bad-value'), 'vi')).toContain('(cột Số liệu báo cáo)');
    // the rejected unit's reasons in results.json list its error and its warnings
    const res = buildResults(META, a.tiers, a.diagnostics) as { tiers: { units: { id: string; reasons?: { code: string }[] }[] }[] };
    const reasons = res.tiers[0]!.units.find((x) => x.id === 'XA-01')!.reasons!.map((r) => r.code);
    expect(reasons).toEqual(['bad-value', 'suspect-percent', 'self-score-invalid']);
  });

  it('without the real error the same unit is scored, its suspect percent taken as typed', async () => {
    const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': 0.85 }, { 'T.1': 8 }) });
    const a = await runAssess([tmp.write('hai-canh-bao.xlsx', f.bytes)]);
    const u = unitOf(a, 'xa', 'XA-01');
    expect(u.status).toBe('scored');
    expect(a.diagnostics.map((d) => d.code).sort()).toEqual(['self-score-invalid', 'suspect-percent']);
    // 20 × 0.85 / 80 = 0.2125 → 0.21 points: never silently rescaled to 85 %
    expect(u.points[1]).toBe(21);
  });

  it('a percent-formatted 85 % and a typed "0,85%" are not suspect; 1 as a plain number is', async () => {
    for (const [v, suspect] of [[percentCell(0.85), false], ['0,85%', false], [1, true], [1.5, false]] as const) {
      const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': v }) });
      const a = await runAssess([tmp.write(`pct-${String(suspect)}-${JSON.stringify(v).replace(/\W/g, '')}.xlsx`, f.bytes)]);
      expect(a.diagnostics.some((d) => d.code === 'suspect-percent'), JSON.stringify(v)).toBe(suspect);
    }
  });

  it('a roster percent typed as a fraction is warned of at its cell too', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-1', name: 'Hộ A', values: [1, 0.9, 4] }, { id: 'HO-2', name: 'Hộ B', values: [1, 90, 4] }] });
    const a = await runAssess([tmp.write('ho.xlsx', r.bytes)]);
    const warn = a.diagnostics.filter((d) => d.code === 'suspect-percent');
    expect(warn.map((d) => d.unit)).toEqual(['HO-1']);
  });

  it('a blank form is not a submission: not_submitted with an empty-form warning, not ranked with 0', async () => {
    const empty: FormRow[] = fixtureFormRows(Object.fromEntries(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', 'T.1', 'D.1'].map((id) => [id, null])));
    const f = formWorkbook({ unit: 'XA-02', rows: empty });
    const full = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() });
    const a = await runAssess([tmp.write('trong.xlsx', f.bytes), tmp.write('day-du.xlsx', full.bytes)], { units: fixtureUnits() });
    const u = unitOf(a, 'xa', 'XA-02');
    expect(u.status).toBe('not_submitted');
    expect(u.rank).toBeNull();
    const mine = a.diagnostics.filter((d) => d.unit === 'XA-02');
    expect(mine.map((d) => d.code)).toEqual(['empty-form']);
    expect(mine[0]!.path).toContain('trong.xlsx');
    // and without a units file, the unit is listed as not submitted rather than vanishing
    const b = await runAssess([tmp.write('trong2.xlsx', f.bytes)]);
    expect(unitOf(b, 'xa', 'XA-02').status).toBe('not_submitted');
  });
});

describe('the evidence column (Minh chứng, ghi chú)', () => {
  it('is read into items.<id>.note, left out where blank', async () => {
    const rows = fixtureFormRows().map((r) => ('code' in r && r.code === '1.1' ? { ...r, note: 'Kế hoạch số 12/KH-UBND ngày 15/3/2024' } : r));
    const f = formWorkbook({ unit: 'XA-01', rows });
    const a = await runAssess([tmp.write('minh-chung.xlsx', f.bytes)]);
    const res = buildResults(META, a.tiers, a.diagnostics) as { tiers: { units: { id: string; items: Record<string, { note?: string | null }> }[] }[] };
    const items = res.tiers[0]!.units[0]!.items;
    expect(items['1.1']!.note).toBe('Kế hoạch số 12/KH-UBND ngày 15/3/2024');
    expect('note' in items['1.2']!).toBe(false);
  });
});

describe('a rejected unit shows every problem', () => {
  it('its blank items are warned of too, alongside its errors', async () => {
    const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': 'abc', '1.3': null }) });
    const a = await runAssess([tmp.write('loai.xlsx', f.bytes)]);
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
    expect(a.diagnostics.map((d) => [d.code, d.cell])).toEqual([
      ['bad-value', f.cell('1.2', 'value')],
      ['missing-value', f.cell('1.3', 'value')],
    ]);
  });
});

describe('small rates that the rule itself counts are not suspect', () => {
  it("the example's dropout rate (3.4, steps_below 0,5 / 1 / 2 %) typed as 0,31 raises no suspect-percent", async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { loadCriteria } = await import('../../../src/criteria/load.js');
    const { assess } = await import('../../../src/run/assess.js');
    const { expandInputs } = await import('../../../src/run/inputs.js');
    const dir = join(__dirname, '..', '..', '..', 'examples', 'gia-lai-hoc-tap-suot-doi');
    const { criteria } = loadCriteria(readFileSync(join(dir, 'criteria.yaml')), 'criteria.yaml');
    const xa = criteria!.tiers.find((t) => t.id === 'xa')!;
    expect(JSON.stringify(xa)).toContain('"steps_below"');
    const { files } = expandInputs([join(dir, 'submissions', 'gd1', 'xa')], 'vi');
    const a = await assess({ criteria: criteria!, phase: 'gd1', units: null, files, workers: false });
    const values = a.tiers[0]!.units.filter((u) => u.status === 'scored').map((u) => u.input!.values[a.tiers[0]!.tier.items.findIndex((it) => it.id === '3.4')]!);
    expect(values.some((v) => v > 0 && v <= 1)).toBe(true);
    expect(a.diagnostics.filter((d) => d.code === 'suspect-percent' && d.cell?.startsWith('D') && d.args.item === '3.4')).toEqual([]);
  });
});
