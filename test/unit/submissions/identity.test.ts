/**
 * Which unit, tier and phase a workbook holds (SPEC §4, §5): unit-unknown,
 * unit-not-registered, tier-mismatch, phase-mismatch, criteria-changed, not-submitted,
 * and the labelled cells found whatever their spelling.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tierDigest } from '../../../src/criteria/digest.js';
import type { Unit } from '../../../src/units/load.js';
import {
  HO_COLUMNS,
  fixtureCriteria,
  fixtureFormRows,
  fixtureUnits,
  formWorkbook,
  place,
  rosterWorkbook,
  runAssess,
  tempDir,
  unitOf,
  withCode,
} from '../../helpers/workbooks.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SHEET = 'Tự chấm điểm';

describe('unit-unknown', () => {
  it('a form without "Mã đơn vị" is an error on its sheet, and nothing is scored', async () => {
    const p = tmp.write('khong-ma.xlsx', formWorkbook({ unit: null, rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'unit-unknown', severity: 'error', path: p, sheet: SHEET, cell: null }]);
    expect(a.tiers).toEqual([]);
  });

  it('a "Mã đơn vị:" label with nothing beside it is the same', async () => {
    const f = formWorkbook({ unit: '', rows: fixtureFormRows() });
    const p = tmp.write('ma-rong.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(withCode(a, 'unit-unknown')).toHaveLength(1);
  });

  it('a roster row with values and a blank id: the id cell', async () => {
    const r = rosterWorkbook({
      columns: HO_COLUMNS,
      rows: [
        { id: 'HO-01', name: 'Nguyễn Văn An', block: 'Thôn 1', values: ['Có', 60, 3] },
        { name: 'Trần Thị Bình', block: 'Thôn 1', values: ['Có', 40, 1] },
        { values: [] },
        { id: 'HO-03', name: 'Lê Văn Cường', block: 'Thôn 2', values: ['Không', 10, 0] },
      ],
    });
    const p = tmp.write('ds.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'unit-unknown', severity: 'error', path: p, sheet: r.sheet, cell: `A${r.rowAt(1)}` }]);
    expect(unitOf(a, 'ho', 'HO-01').status).toBe('scored');
    expect(unitOf(a, 'ho', 'HO-03').status).toBe('scored');
  });

  it('a roster row with a blank id and no values is a blank row, skipped', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }, { name: 'Chưa điền', block: 'Thôn 1', values: [] }] });
    const a = await runAssess([tmp.write('ds-trong.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
  });
});

describe('unit-not-registered', () => {
  it('a form from a unit the units file does not list: error, rejected', async () => {
    const p = tmp.write('la.xlsx', formWorkbook({ unit: 'XA-99', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p, tmp.write('xa01.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes)], { units: fixtureUnits() });
    const ds = withCode(a, 'unit-not-registered');
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect({ ...place(d), cell: null }).toEqual({ code: 'unit-not-registered', severity: 'error', path: p, sheet: SHEET, cell: null });
    // the place of the id is the "Mã đơn vị" value, when named at all
    expect([null, 'C2']).toContain(d.cell ?? null);
    expect(d).toMatchObject({ unit: 'XA-99', tier: 'xa' });
    expect(unitOf(a, 'xa', 'XA-99')).toMatchObject({ status: 'rejected', total: null, rank: null });
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('scored');
  });

  it('a roster unit row of a listed tier that the units file does not list: the id cell of its row', async () => {
    const units: Unit[] = [...fixtureUnits(), { id: 'HO-01', name: 'Nguyễn Văn An', tier: 'ho', block: 'Thôn 1' }];
    const r = rosterWorkbook({
      columns: HO_COLUMNS,
      rows: [
        { id: 'HO-01', name: 'Nguyễn Văn An', block: 'Thôn 1', values: ['Có', 60, 3] },
        { id: 'HO-77', name: 'Hộ lạ', block: 'Thôn 1', values: ['Có', 60, 3] },
      ],
    });
    const p = tmp.write('ds-ho.xlsx', r.bytes);
    const a = await runAssess([p], { units });
    expect(withCode(a, 'unit-not-registered').map(place)).toEqual([{ code: 'unit-not-registered', severity: 'error', path: p, sheet: r.sheet, cell: `A${r.rowAt(1)}` }]);
    expect(unitOf(a, 'ho', 'HO-77').status).toBe('rejected');
  });

  it('a tier the units file lists no unit of is not checked against it', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }] });
    const a = await runAssess([tmp.write('ds-khong-kt.xlsx', r.bytes)], { units: fixtureUnits() });
    expect(withCode(a, 'unit-not-registered')).toEqual([]);
    expect(unitOf(a, 'ho', 'HO-01').status).toBe('scored');
  });
});

describe('tier-mismatch', () => {
  it('a form whose "Đối tượng thi đua" names no tier of the criteria', async () => {
    const p = tmp.write('htx.xlsx', formWorkbook({ unit: 'XA-01', tier: 'Hợp tác xã', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p]);
    const d = withCode(a, 'tier-mismatch');
    expect(d.map((x) => ({ ...place(x), cell: null }))).toEqual([{ code: 'tier-mismatch', severity: 'error', path: p, sheet: SHEET, cell: null }]);
    expect([null, 'C3']).toContain(d[0]!.cell ?? null);
    expect(d[0]!.args.found).toBe('Hợp tác xã');
    expect(a.tiers).toEqual([]);
  });

  it('a form of tier xa from a unit registered in another tier: error, rejected', async () => {
    const units: Unit[] = [...fixtureUnits(), { id: 'HO-01', name: 'Nguyễn Văn An', tier: 'ho', block: 'Thôn 1' }];
    const p = tmp.write('nham-doi-tuong.xlsx', formWorkbook({ unit: 'HO-01', tier: 'UBND xã, phường', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p], { units });
    const d = withCode(a, 'tier-mismatch');
    expect(d.map((x) => ({ ...place(x), cell: null }))).toEqual([{ code: 'tier-mismatch', severity: 'error', path: p, sheet: SHEET, cell: null }]);
    expect(d[0]!.args).toMatchObject({ found: 'xa', expected: 'ho' });
    expect(unitOf(a, 'xa', 'HO-01').status).toBe('rejected');
    // not also reported as unregistered: it is registered, in another tier
    expect(withCode(a, 'unit-not-registered')).toEqual([]);
  });

  it('the tier is taken from the units file when the form does not say', async () => {
    const p = tmp.write('xa02.xlsx', formWorkbook({ unit: 'XA-02', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p], { units: fixtureUnits() });
    expect(unitOf(a, 'xa', 'XA-02').status).toBe('scored');
  });
});

describe('phase-mismatch', () => {
  it('a form of another phase (by id): error on its sheet, unit rejected', async () => {
    const p = tmp.write('gd2.xlsx', formWorkbook({ unit: 'XA-01', phase: 'gd2', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p]);
    const d = withCode(a, 'phase-mismatch');
    expect(d.map((x) => ({ ...place(x), cell: null }))).toEqual([{ code: 'phase-mismatch', severity: 'error', path: p, sheet: SHEET, cell: null }]);
    expect([null, 'C4']).toContain(d[0]!.cell ?? null);
    expect(d[0]!.args).toMatchObject({ found: 'gd2', expected: 'gd1' });
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });

  it('a form of another phase (by title) and of an unknown phase', async () => {
    const p1 = tmp.write('gd2-ten.xlsx', formWorkbook({ unit: 'XA-01', phase: 'Giai đoạn 2 (2026–2030)', rows: fixtureFormRows() }).bytes);
    const p2 = tmp.write('nam-2023.xlsx', formWorkbook({ unit: 'XA-02', phase: 'Năm 2023', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p1, p2]);
    expect(withCode(a, 'phase-mismatch').map((d) => d.path)).toEqual([p1, p2]);
  });

  it('the phase named by its title, in any case and without diacritics, matches', async () => {
    const p1 = tmp.write('gd1-ten.xlsx', formWorkbook({ unit: 'XA-01', phase: 'Giai đoạn 1 (2024–2025)', rows: fixtureFormRows() }).bytes);
    const p2 = tmp.write('gd1-hoa.xlsx', formWorkbook({ unit: 'XA-02', phase: 'GIAI DOAN 1 (2024–2025)', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p1, p2]);
    expect(a.diagnostics).toEqual([]);
  });

  it('a roster of another phase: error on its sheet, none of its units scored', async () => {
    const r = rosterWorkbook({ phase: 'gd2', columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }] });
    const p = tmp.write('ds-gd2.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(withCode(a, 'phase-mismatch').map((x) => ({ ...place(x), cell: null }))).toEqual([{ code: 'phase-mismatch', severity: 'error', path: p, sheet: r.sheet, cell: null }]);
    expect(a.tiers.flatMap((t) => t.units.filter((u) => u.status === 'scored'))).toEqual([]);
  });

  it('the phase of a _thidua sheet wins over nothing being labelled', async () => {
    const f = formWorkbook({ unit: null, phase: null, rows: fixtureFormRows(), meta: { format: 'thidua.template/v1', tier: 'xa', phase: 'gd2', unit: 'XA-01' } });
    const p = tmp.write('meta-gd2.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(withCode(a, 'phase-mismatch').map((d) => d.path)).toEqual([p]);
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });
});

describe('criteria-changed', () => {
  const criteria = fixtureCriteria();
  const digest = tierDigest(criteria.tiers.find((t) => t.id === 'xa')!);

  it('a _thidua sheet with another digest: a warning on the form sheet, the unit still scored', async () => {
    const meta = { format: 'thidua.template/v1', movement: 'kiem-thu-phieu', digest: '0'.repeat(64), tier: 'xa', phase: 'gd1', unit: 'XA-01' };
    const p = tmp.write('mau-cu.xlsx', formWorkbook({ unit: null, phase: null, rows: fixtureFormRows(), meta }).bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'criteria-changed', severity: 'warning', path: p, sheet: SHEET, cell: null }]);
    expect(a.diagnostics[0]).toMatchObject({ unit: 'XA-01', tier: 'xa' });
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 10000 });
  });

  it('the same digest: no warning', async () => {
    const meta = { format: 'thidua.template/v1', movement: 'kiem-thu-phieu', digest, tier: 'xa', phase: 'gd1', unit: 'XA-01' };
    const p = tmp.write('mau-moi.xlsx', formWorkbook({ unit: null, phase: null, rows: fixtureFormRows(), meta }).bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics).toEqual([]);
  });

  it('a roster with another digest: one warning for the file', async () => {
    const meta = { format: 'thidua.template/v1', digest: 'khac', tier: 'ho', phase: 'gd1' };
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }], meta });
    const p = tmp.write('ds-mau-cu.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'criteria-changed', severity: 'warning', path: p, sheet: r.sheet, cell: null }]);
    expect(unitOf(a, 'ho', 'HO-01').status).toBe('scored');
  });
});

describe('not-submitted', () => {
  it('each registered unit with no file: a warning at its line of the units file', async () => {
    const p = tmp.write('xa01-chi.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p], { units: fixtureUnits() });
    const ds = withCode(a, 'not-submitted');
    expect(ds.map((d) => ({ ...place(d), line: d.line, unit: d.unit }))).toEqual([
      { code: 'not-submitted', severity: 'warning', path: 'units.yaml', sheet: null, cell: null, line: 7, unit: 'XA-02' },
      { code: 'not-submitted', severity: 'warning', path: 'units.yaml', sheet: null, cell: null, line: 8, unit: 'XA-03' },
    ]);
    expect(unitOf(a, 'xa', 'XA-02')).toMatchObject({ status: 'not_submitted', total: null, rank: null, name: 'UBND xã Bình Minh', block: 'Khối xã' });
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', name: 'UBND xã An Bình', block: 'Khối xã' });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('without a units file nobody is "not submitted"', async () => {
    const p = tmp.write('xa01-le.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p]);
    expect(withCode(a, 'not-submitted')).toEqual([]);
  });
});

describe('labelled cells, whatever their spelling', () => {
  it.each([
    ['Mã đơn vị:', 'Đối tượng thi đua:', 'Giai đoạn:'],
    ['MA DON VI', 'DOI TUONG THI DUA', 'GIAI DOAN'],
    ['mã đơn vị', 'đối tượng thi đua', 'giai đoạn'],
    ['Mã  đơn vị :', 'Đối tượng thi đua ：', 'Giai đoạn :'],
    ['MÃ ĐƠN VỊ:', 'ĐỐI TƯỢNG THI ĐUA:', 'GIAI ĐOẠN:'],
    ['Unit ID:', 'Tier:', 'Phase:'],
  ])('%j / %j / %j', async (unit, tier, phase) => {
    const f = formWorkbook({ unit: 'XA-03', tier: 'UBND XÃ, PHƯỜNG', phase: 'gd1', labels: { unit, tier, phase }, rows: fixtureFormRows() });
    const p = tmp.write(`nhan-${unit.length}-${tier.length}.xlsx`, f.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-03')).toMatchObject({ status: 'scored', total: 10000 });
  });

  it('the value is the next non-empty cell to the right, however far', async () => {
    const f = formWorkbook({ unit: 'XA-02', labelGap: 4, rows: fixtureFormRows() });
    const a = await runAssess([tmp.write('xa-xa.xlsx', f.bytes)]);
    expect(unitOf(a, 'xa', 'XA-02').status).toBe('scored');
  });

  it('the unit id is text normalised and trimmed', async () => {
    const f = formWorkbook({ unit: '  XA-01  ', rows: fixtureFormRows() });
    const a = await runAssess([tmp.write('xa-trim.xlsx', f.bytes)], { units: fixtureUnits() });
    expect(withCode(a, 'unit-not-registered')).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('scored');
  });
});
