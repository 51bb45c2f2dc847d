/**
 * Findings about the items a unit reported (SPEC §5, §7): duplicate-entry, unknown-item,
 * missing-value, bad-value, out-of-range, formula-not-calculated, self-score-differs —
 * each at its exact file, sheet and cell, with its fixed severity.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { toJson } from '../../../src/diagnostics/format.js';
import type { CellModel } from '../../../src/workbook/write/index.js';
import {
  HO_COLUMNS,
  calculated,
  fixtureFormRows,
  formWorkbook,
  place,
  pointsOf,
  rosterWorkbook,
  runAssess,
  tempDir,
  uncalculated,
  unitOf,
  valueOf,
  withCode,
  type FormRow,
} from '../../helpers/workbooks.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SHEET = 'Tự chấm điểm';
let n = 0;
/** A form of XA-01 (unless told) with the fixture's rows, some values replaced. */
function form(values: Record<string, CellModel | undefined>, extra: { unit?: string; self?: Record<string, CellModel>; rows?: FormRow[] } = {}) {
  const f = formWorkbook({ unit: extra.unit ?? 'XA-01', rows: extra.rows ?? fixtureFormRows(values, extra.self) });
  return { ...f, path: tmp.write(`phieu-${++n}.xlsx`, f.bytes) };
}

describe('duplicate-entry', () => {
  it('the same item of the same unit in two files: both places named, the unit not scored', async () => {
    const a1 = form({});
    const b = formWorkbook({ unit: 'XA-01', rows: [{ code: '1.2', value: 50 }] });
    const p2 = tmp.write('phieu-bo-sung.xlsx', b.bytes);
    const a = await runAssess([a1.path, p2]);
    const ds = withCode(a, 'duplicate-entry');
    expect(ds.map(place)).toEqual([{ code: 'duplicate-entry', severity: 'error', path: p2, sheet: SHEET, cell: b.cell('1.2', 'value') }]);
    expect(ds[0]!.args.other).toBe(`${a1.path} [${SHEET}]!${a1.cell('1.2', 'value')}`);
    const msg = String(toJson(ds[0]!, 'vi').message);
    expect(msg).toContain(a1.path);
    expect(msg).toContain(a1.cell('1.2', 'value'));
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'rejected', total: null });
  });

  it('a blank cell for an item in one file and its value in another is no duplicate', async () => {
    const a1 = form({ '1.2': null });
    const b = formWorkbook({ unit: 'XA-01', rows: [{ code: '1.2', value: 80 }] });
    const a = await runAssess([a1.path, tmp.write('phieu-bo-sung-2.xlsx', b.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 10000 });
  });

  it('the same item code twice in one form: the second code cell, naming the first row', async () => {
    const rows = [...fixtureFormRows(), { code: '1.3', value: 4 }];
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('trung-dong.xlsx', f.bytes);
    const a = await runAssess([p]);
    const second = f.rowAt(rows.length - 1);
    const ds = withCode(a, 'duplicate-entry');
    expect(ds.map(place)).toEqual([{ code: 'duplicate-entry', severity: 'error', path: p, sheet: SHEET, cell: `A${second}` }]);
    expect(String(ds[0]!.args.other)).toContain(`A${f.rowOf('1.3')}`);
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });

  it('the same unit twice in a roster: every item it gives twice, at the second row, naming the first', async () => {
    const r = rosterWorkbook({
      columns: HO_COLUMNS,
      rows: [
        { id: 'HO-01', name: 'Nguyễn Văn An', block: 'Thôn 1', values: ['Có', 60, 3] },
        { id: 'HO-02', name: 'Trần Thị Bình', block: 'Thôn 1', values: ['Có', 60, 3] },
        { id: 'HO-01', name: 'Nguyễn Văn An', block: 'Thôn 1', values: ['Có', null, 2] },
      ],
    });
    const p = tmp.write('ds-trung.xlsx', r.bytes);
    const a = await runAssess([p]);
    const ds = withCode(a, 'duplicate-entry');
    expect(ds.map(place)).toEqual([
      { code: 'duplicate-entry', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(0)}${r.rowAt(2)}` },
      { code: 'duplicate-entry', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(2)}${r.rowAt(2)}` },
    ]);
    expect(ds.map((d) => d.args.other)).toEqual([`${p} [${r.sheet}]!${r.colAt(0)}${r.rowAt(0)}`, `${p} [${r.sheet}]!${r.colAt(2)}${r.rowAt(0)}`]);
    expect(unitOf(a, 'ho', 'HO-01').status).toBe('rejected');
    expect(unitOf(a, 'ho', 'HO-02').status).toBe('scored');
  });

  it('the same roster unit in two roster files', async () => {
    const r1 = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }] });
    const r2 = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-05', values: ['Có', 60, 3] }, { id: 'HO-01', values: ['Có', 60, 3] }] });
    const p1 = tmp.write('thon-1.xlsx', r1.bytes);
    const p2 = tmp.write('thon-2.xlsx', r2.bytes);
    const a = await runAssess([p1, p2]);
    const ds = withCode(a, 'duplicate-entry');
    expect(ds.map((d) => [d.path, d.cell, d.args.other])).toEqual([0, 1, 2].map((i) => [p2, `${r2.colAt(i)}${r2.rowAt(1)}`, `${p1} [${r1.sheet}]!${r1.colAt(i)}${r1.rowAt(0)}`]));
  });
});

describe('unknown-item', () => {
  it('a form row with an unknown code and a value: the code cell; the unit rejected', async () => {
    const rows: FormRow[] = [...fixtureFormRows(), { code: '9.9', title: 'Tiêu chí không có trong bảng', value: 5 }];
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('ma-la.xlsx', f.bytes);
    const a = await runAssess([p]);
    const ds = withCode(a, 'unknown-item');
    expect(ds.map(place)).toEqual([{ code: 'unknown-item', severity: 'error', path: p, sheet: SHEET, cell: `A${f.rowOf('9.9')}` }]);
    expect(ds[0]!.args.item).toBe('9.9');
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });

  it("the message names the tier and the run's phase", async () => {
    const f = formWorkbook({ unit: 'XA-01', rows: [...fixtureFormRows(), { code: '9.9', value: 5 }] });
    const a = await runAssess([tmp.write('ma-la-2.xlsx', f.bytes)]);
    const d = withCode(a, 'unknown-item')[0]!;
    expect(d.args).toMatchObject({ item: '9.9', tier: 'xa', phase: 'gd1' });
    expect(String(toJson(d, 'vi').message)).toContain('gd1');
  });

  it('an unknown code with no value, and free text in the code column without a value, are let be', async () => {
    const rows: FormRow[] = [...fixtureFormRows(), { code: '9.9', title: 'Dòng thêm' }, { code: 'Ghi chú', title: 'Đơn vị ghi rõ nguồn số liệu' }];
    const a = await runAssess([tmp.write('ma-la-trong.xlsx', formWorkbook({ unit: 'XA-01', rows }).bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('scored');
  });

  it('a roster column whose header is an unknown item id, like "9.9": the header cell', async () => {
    const r = rosterWorkbook({ columns: [...HO_COLUMNS, '9.9 – Tiêu chí lạ'], rows: [{ id: 'HO-01', values: ['Có', 60, 3, 1] }] });
    const p = tmp.write('ds-cot-la.xlsx', r.bytes);
    const a = await runAssess([p]);
    const ds = withCode(a, 'unknown-item');
    expect(ds.map(place)).toEqual([{ code: 'unknown-item', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(3)}${r.headerRow}` }]);
    expect(ds[0]!.args).toMatchObject({ item: '9.9', tier: 'ho' });
  });

  it('roster columns that are no item id (notes, phone numbers) are let be', async () => {
    const r = rosterWorkbook({ columns: [...HO_COLUMNS, 'Ghi chú', 'Số điện thoại'], rows: [{ id: 'HO-01', values: ['Có', 60, 3, 'đã kiểm tra', '0912 345 678'] }] });
    const a = await runAssess([tmp.write('ds-cot-ghi-chu.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
  });
});

describe('missing-value', () => {
  it('a blank value cell: a warning at that cell; the item scores 0; the unit still scored', async () => {
    const f = form({ '1.2': null });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('1.2', 'value') }]);
    expect(a.diagnostics[0]).toMatchObject({ unit: 'XA-01', tier: 'xa', args: { item: '1.2' } });
    expect(pointsOf(a, 'xa', 'XA-01', '1.2')).toBe(0);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 8000, criticalFailed: [] });
    expect(Number.isNaN(valueOf(a, 'xa', 'XA-01', '1.2'))).toBe(true);
  });

  it('a cell of spaces is blank too', async () => {
    const f = form({ '2.3': '   ' });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('2.3', 'value') }]);
  });

  it('a blank critical yes/no item: missing (never "no"), a failed critical item, class capped', async () => {
    const f = form({ '1.1': null });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('1.1', 'value') }]);
    expect(a.diagnostics[0]!.args.critical).toBe(1);
    const u = unitOf(a, 'xa', 'XA-01');
    expect(u).toMatchObject({ status: 'scored', total: 9000, criticalFailed: ['1.1'], classId: 'ht' });
    expect(Number.isNaN(valueOf(a, 'xa', 'XA-01', '1.1'))).toBe(true);
  });

  it('an item whose row is absent from the form: a warning naming the file and sheet', async () => {
    const rows = fixtureFormRows().filter((r) => !('code' in r) || r.code !== '2.3');
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('thieu-dong.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: p, sheet: SHEET, cell: null }]);
    expect(a.diagnostics[0]!.args.item).toBe('2.3');
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 8000 });
  });

  it('a blank value cell beside filled self points is still a missing value', async () => {
    const f = form({ '1.2': null }, { self: { '1.2': 20 } });
    const a = await runAssess([f.path]);
    expect(withCode(a, 'missing-value').map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('1.2', 'value') }]);
    expect(pointsOf(a, 'xa', 'XA-01', '1.2')).toBe(0);
  });

  it('a blank value cell with assessed points is no missing value: the assessed points count', async () => {
    const rows = fixtureFormRows({ '2.2': null }).map((r) => ('code' in r && r.code === '2.2' ? { ...r, assessed: 15 } : r));
    const f = formWorkbook({ unit: 'XA-01', rows });
    const a = await runAssess([tmp.write('tham-dinh-thay.xlsx', f.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(pointsOf(a, 'xa', 'XA-01', '2.2')).toBe(15);
    expect(unitOf(a, 'xa', 'XA-01').assessedUsed[4]).toBe(1);
  });

  it('a form with no value column (points assessed by a department): a blank cell is named by a real cell reference', async () => {
    const f = formWorkbook({ unit: 'XA-01', header: ['Mã', 'Tiêu chí', 'Điểm thẩm định'], rows: [{ raw: ['2.2', 'Hiệu quả trung tâm', 15] }, { raw: ['1.2', 'Tỷ lệ hộ', null] }] });
    const p = tmp.write('chi-tham-dinh.xlsx', f.bytes);
    const a = await runAssess([p]);
    const d = withCode(a, 'missing-value').find((x) => x.args.item === '1.2')!;
    expect(d).toBeDefined();
    // the blank cell is C8 (the only input column); a bare row number is no cell
    expect([null, `C${f.rowAt(1)}`]).toContain(d.cell ?? null);
    expect(pointsOf(a, 'xa', 'XA-01', '2.2')).toBe(15);
  });

  it('a blank roster cell: the warning at that cell, the household still scored', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', null, 3] }] });
    const p = tmp.write('ds-trong-o.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'missing-value', severity: 'warning', path: p, sheet: r.sheet, cell: `${r.colAt(1)}${r.rowAt(0)}` }]);
    expect(unitOf(a, 'ho', 'HO-01')).toMatchObject({ status: 'scored', total: 7000 });
  });
});

describe('bad-value', () => {
  it.each([
    ['"abc" in a percent cell', '1.2', 'abc'],
    ['"Có" in a count cell', '1.3', 'Có'],
    ['2.5 in a count cell', '1.3', 2.5],
    ['"2,5" in a count cell', '1.3', '2,5'],
    ['"85%" in a count cell', '1.3', '85%'],
    ['"có lẽ" in a yes/no cell', '1.1', 'có lẽ'],
    ['2 in a yes/no cell', '1.1', 2],
    ['TRUE in a number cell', '2.1', true],
    ['"nhiều" in a points cell', '2.2', 'nhiều'],
  ] as const)('%s: an error at the cell, the unit rejected', async (_what, item, value) => {
    const f = form({ [item]: value as CellModel });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'bad-value', severity: 'error', path: f.path, sheet: SHEET, cell: f.cell(item, 'value') }]);
    expect(a.diagnostics[0]).toMatchObject({ unit: 'XA-01', tier: 'xa', args: { item } });
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'rejected', total: null, rank: null, classId: null });
  });

  it('a bad self or assessed points cell: a warning at the self cell (self points never reject), the error at the assessed one', async () => {
    const rows = fixtureFormRows().map((r) => ('code' in r && r.code === '2.2' ? { ...r, self: 'hai mươi', assessed: 'tốt' } : r));
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('diem-chu.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([
      { code: 'self-score-invalid', severity: 'warning', path: p, sheet: SHEET, cell: f.cell('2.2', 'self') },
      { code: 'bad-value', severity: 'error', path: p, sheet: SHEET, cell: f.cell('2.2', 'assessed') },
    ]);
  });

  it('a bad roster cell: the error at the cell, only that household rejected', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 'sáu mươi', 3] }, { id: 'HO-02', values: ['Có', 60, 3] }] });
    const p = tmp.write('ds-sai.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'bad-value', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(1)}${r.rowAt(0)}` }]);
    expect(unitOf(a, 'ho', 'HO-01').status).toBe('rejected');
    expect(unitOf(a, 'ho', 'HO-02').status).toBe('scored');
  });
});

describe('out-of-range', () => {
  it.each([
    ['120 in a percent cell', '1.2', 120, { min: 0, max: 100 }],
    ['-5 in a percent cell', '2.3', -5, { min: 0, max: 100 }],
    ['-1 in a count cell', '1.3', -1, { min: 0 }],
    ['20000 in a number cell with max 10000', '2.1', 20000, { min: 0, max: 10000 }],
    ['-1 in a number cell with min 0', '2.1', -1, { min: 0, max: 10000 }],
    ['25 in a points cell with max 20', '2.2', 25, { min: 0, max: 20 }],
    ['"120%" typed as text in a percent cell', '1.2', '120%', { min: 0, max: 100 }],
  ] as const)('%s: an error at the cell, the unit rejected', async (_what, item, value, range) => {
    const f = form({ [item]: value as CellModel });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'out-of-range', severity: 'error', path: f.path, sheet: SHEET, cell: f.cell(item, 'value') }]);
    expect(a.diagnostics[0]!.args).toMatchObject({ item, ...range });
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });

  it('a percent-formatted 1.2 (120 %) is 120, out of range', async () => {
    const f = form({ '1.2': { value: 1.2, style: { numFmt: '0%' } } });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'out-of-range', severity: 'error', path: f.path, sheet: SHEET, cell: f.cell('1.2', 'value') }]);
    expect(a.diagnostics[0]!.args.value).toBe(120);
  });

  it('assessed points above the item max: the assessed cell', async () => {
    const rows = fixtureFormRows().map((r) => ('code' in r && r.code === '1.2' ? { ...r, assessed: 25 } : r));
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('tham-dinh-vuot.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'out-of-range', severity: 'error', path: p, sheet: SHEET, cell: f.cell('1.2', 'assessed') }]);
    expect(a.diagnostics[0]!.args).toMatchObject({ item: '1.2', value: 25, min: 0, max: 20 });
  });

  it('negative self points: a warning at the self cell', async () => {
    const f = form({}, { self: { '1.3': -2 } });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'self-score-invalid', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('1.3', 'self') }]);
  });

  it('a roster percent over 100: the cell', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 150, 3] }] });
    const p = tmp.write('ds-vuot.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'out-of-range', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(1)}${r.rowAt(0)}` }]);
  });
});

describe('formula-not-calculated', () => {
  it('a formula with no cached value in a value cell: an error at the cell', async () => {
    const f = form({ '1.3': uncalculated('SUM(H1:H3)') });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'formula-not-calculated', severity: 'error', path: f.path, sheet: SHEET, cell: f.cell('1.3', 'value') }]);
    expect(a.diagnostics[0]!.args).toMatchObject({ item: '1.3', formula: 'SUM(H1:H3)' });
    expect(unitOf(a, 'xa', 'XA-01').status).toBe('rejected');
  });

  it("a formula's cached value is used", async () => {
    const f = form({ '1.3': calculated('2+3', 5), '1.2': calculated('160/2', 80) });
    const a = await runAssess([f.path]);
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.3')).toBe(5);
    expect(unitOf(a, 'xa', 'XA-01').total).toBe(10000);
  });

  it('in a self points cell: a warning at the self cell', async () => {
    const f = form({}, { self: { '2.2': uncalculated('C11') } });
    const a = await runAssess([f.path]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'self-score-invalid', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('2.2', 'self') }]);
  });

  it('in a roster cell: the cell', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', uncalculated('G6*100'), 3] }] });
    const p = tmp.write('ds-cong-thuc.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'formula-not-calculated', severity: 'error', path: p, sheet: r.sheet, cell: `${r.colAt(1)}${r.rowAt(0)}` }]);
  });

  it('a roster row whose only filled cell is an uncalculated formula and whose id is blank: unit-unknown', async () => {
    const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 60, 3] }, { values: [null, uncalculated('G7*100')] }] });
    const p = tmp.write('ds-cong-thuc-2.xlsx', r.bytes);
    const a = await runAssess([p]);
    expect(withCode(a, 'unit-unknown').map(place)).toEqual([{ code: 'unit-unknown', severity: 'error', path: p, sheet: r.sheet, cell: `A${r.rowAt(1)}` }]);
  });
});

describe('self-score-differs', () => {
  it('self points of an item that differ from the computed points: a warning at the self cell', async () => {
    // 1.2: 40 % of a target of 80 % → 10 points; the unit wrote 20
    const f = form({ '1.2': 40 }, { self: { '1.1': 10, '1.2': 20, '1.3': 10 } });
    const a = await runAssess([f.path]);
    const ds = withCode(a, 'self-score-differs').filter((d) => d.args.item !== undefined);
    expect(ds.map(place)).toEqual([{ code: 'self-score-differs', severity: 'warning', path: f.path, sheet: SHEET, cell: f.cell('1.2', 'self') }]);
    expect(ds[0]!.args).toMatchObject({ item: '1.2', self: 20, computed: 10 });
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 9000 });
  });

  it('self points equal to the computed ones, to the hundredth: nothing', async () => {
    // 1.2: 70 of 80 → 17.5
    const self = { '1.1': 10, '1.2': 17.5, '1.3': 10, '2.1': 20, '2.2': 20, '2.3': 20, 'T.1': 0, 'D.1': 0 };
    const f = form({ '1.2': 70 }, { self });
    const a = await runAssess([f.path]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ total: 9750, selfTotal: 9750 });
  });

  it('a written total that differs from the computed total: a warning for the total', async () => {
    const self = { '1.1': 10, '1.2': 20, '1.3': 10, '2.1': 20, '2.2': 20, '2.3': 20, 'T.1': 0, 'D.1': 0 };
    const rows: FormRow[] = [...fixtureFormRows({ '2.3': 92 }, { ...self, '2.3': 10 }), { total: 'Tổng cộng', max: 100, self: 100 }];
    const f = formWorkbook({ unit: 'XA-01', rows });
    const p = tmp.write('tong-khac.xlsx', f.bytes);
    const a = await runAssess([p]);
    const total = withCode(a, 'self-score-differs').filter((d) => d.args.item === undefined);
    expect(total.map((d) => ({ ...place(d), cell: null }))).toEqual([{ code: 'self-score-differs', severity: 'warning', path: p, sheet: SHEET, cell: null }]);
    expect([null, `E${f.totalRow}`]).toContain(total[0]!.cell ?? null);
    expect(total[0]!.args).toMatchObject({ self: 100, computed: 90 });
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 9000, selfTotal: 10000 });
  });

  it('a total row whose formula was never calculated says nothing', async () => {
    const self = { '1.1': 10, '1.2': 20, '1.3': 10, '2.1': 20, '2.2': 20, '2.3': 20, 'T.1': 0, 'D.1': 0 };
    const rows: FormRow[] = [...fixtureFormRows({}, self), { total: 'Tổng cộng', max: 100, self: uncalculated('SUM(E8:E17)') }];
    const a = await runAssess([tmp.write('tong-cong-thuc.xlsx', formWorkbook({ unit: 'XA-01', rows }).bytes)]);
    expect(a.diagnostics).toEqual([]);
  });
});
