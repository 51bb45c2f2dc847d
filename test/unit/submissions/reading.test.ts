/**
 * Reading hand-made workbooks the way SPEC §5 says: values as a clerk types them, rows
 * matched by item id (never by position), group and total rows ignored, a unit's items
 * merged across files, and the same result whatever order the files come in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildResults, type ResultsMeta } from '../../../src/report/results.js';
import type { Assessment } from '../../../src/run/assess.js';
import { writeWorkbook, type CellModel, type SheetModel } from '../../../src/workbook/write/index.js';
import {
  CREATED,
  HO_COLUMNS,
  fixtureFormRows,
  fixtureUnits,
  formWorkbook,
  percentCell,
  pointsOf,
  rosterWorkbook,
  runAssess,
  tempDir,
  unitOf,
  valueOf,
  withCode,
  type FormRow,
} from '../../helpers/workbooks.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
async function readForm(values: Record<string, CellModel | undefined>, rows?: FormRow[]): Promise<Assessment> {
  const f = formWorkbook({ unit: 'XA-01', rows: rows ?? fixtureFormRows(values) });
  return runAssess([tmp.write(`doc-${++n}.xlsx`, f.bytes)]);
}

describe('values (SPEC §5)', () => {
  it.each([
    ['a number stored as a number', 85, 85],
    ['a percent-formatted 0.85', percentCell(0.85), 85],
    ['a percent-formatted 0.575', percentCell(0.575), 57.5],
    ['the text "85%"', '85%', 85],
    ['the text "85 %"', '85 %', 85],
    ['the text "72,5"', '72,5', 72.5],
    ['the text "72,5%"', '72,5%', 72.5],
  ] as const)('percent item 1.2 from %s', async (_what, cell, value) => {
    const a = await readForm({ '1.2': cell as CellModel });
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.2')).toBe(value);
  });

  it.each([
    ['12,5', 12.5],
    ['1.234,5', 1234.5],
    ['1.234', 1234],
    ['  600 ', 600],
    [600, 600],
    [99.99, 99.99],
  ] as const)('number item 2.1 from %j', async (cell, value) => {
    const a = await readForm({ '2.1': cell });
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '2.1')).toBe(value);
  });

  it('a count typed as text', async () => {
    const a = await readForm({ '1.3': '4' });
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.3')).toBe(4);
    expect(pointsOf(a, 'xa', 'XA-01', '1.3')).toBe(8);
  });

  it.each([
    ['Có', 1],
    ['Không', 0],
    ['Đạt', 1],
    ['Không đạt', 0],
    ['x', 1],
    ['X', 1],
    ['Yes', 1],
    ['No', 0],
    ['TRUE', 1],
    ['FALSE', 0],
    [true, 1],
    [false, 0],
    [1, 1],
    [0, 0],
    ['1', 1],
    ['0', 0],
    ['có', 1],
    ['KHÔNG', 0],
  ] as const)('yes/no item 1.1 from %j', async (cell, value) => {
    const a = await readForm({ '1.1': cell });
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.1')).toBe(value);
    expect(pointsOf(a, 'xa', 'XA-01', '1.1')).toBe(value * 10);
    expect(unitOf(a, 'xa', 'XA-01').criticalFailed).toEqual(value ? [] : ['1.1']);
  });

  it('a blank yes/no cell is missing, never "no": value null in results.json, a warning', async () => {
    const a = await readForm({ '1.1': null });
    expect(withCode(a, 'missing-value')).toHaveLength(1);
    const json = results(a);
    const items = (json.tiers as { units: { id: string; items: Record<string, { value: unknown }> }[] }[])[0]!.units[0]!.items;
    expect(items['1.1']!.value).toBeNull();
    const b = await readForm({ '1.1': 'Không' });
    const itemsB = (results(b).tiers as { units: { items: Record<string, { value: unknown }> }[] }[])[0]!.units[0]!.items;
    expect(itemsB['1.1']!.value).toBe(false);
    expect(withCode(b, 'missing-value')).toEqual([]);
  });

  it('text is NFC-normalised: a decomposed "Có" is yes', async () => {
    const a = await readForm({ '1.1': 'Co\u0301' });
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.1')).toBe(1);
  });

  it('roster cells are read the same way', async () => {
    const r = rosterWorkbook({
      columns: HO_COLUMNS,
      rows: [
        { id: 'HO-01', values: ['x', percentCell(0.5), '3'] },
        { id: 'HO-02', values: ['Không', '25%', 1] },
        { id: 'HO-03', values: [true, '12,5', 0] },
      ],
    });
    const a = await runAssess([tmp.write('ds-gia-tri.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(['1.1', '1.2', '1.3'].map((i) => valueOf(a, 'ho', 'HO-01', i))).toEqual([1, 50, 3]);
    expect(['1.1', '1.2', '1.3'].map((i) => valueOf(a, 'ho', 'HO-02', i))).toEqual([0, 25, 1]);
    expect(['1.1', '1.2', '1.3'].map((i) => valueOf(a, 'ho', 'HO-03', i))).toEqual([1, 12.5, 0]);
    expect(unitOf(a, 'ho', 'HO-01').total).toBe(10000);
  });
});

describe('total rows of a roster', () => {
  it('are left out however their label starts: "Tổng cộng", "_Tổng cộng", "CỘNG", "Subtotal"', async () => {
    const r = rosterWorkbook({
      columns: HO_COLUMNS,
      rows: [
        { id: 'HO-01', values: ['Có', 50, 3] },
        { id: 'Tổng cộng', values: [null, 50, 3] },
        { id: '_Tổng cộng', values: [null, 50, 3] },
        { id: 'CỘNG', values: [null, 50, 3] },
        { id: 'Subtotal', values: [null, 50, 3] },
        { id: 'HO-02', values: ['Không', 25, 1] },
      ],
    });
    const a = await runAssess([tmp.write('ds-tong.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(a.tiers.find((t) => t.tier.id === 'ho')!.units.map((u) => u.id).sort()).toEqual(['HO-01', 'HO-02']);
  });
});

describe('rows matched by item id, never by position', () => {
  it('an item id typed as the number 1.1 matches "1.1"', async () => {
    const rows = fixtureFormRows({ '1.1': 'Có', '2.1': 600 }).map((r) => ('code' in r && (r.code === '1.1' || r.code === '2.1') ? { ...r, code: Number(r.code) } : r));
    const a = await readForm({}, rows);
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'xa', 'XA-01', '1.1')).toBe(1);
    expect(valueOf(a, 'xa', 'XA-01', '2.1')).toBe(600);
    expect(unitOf(a, 'xa', 'XA-01').total).toBe(10000);
  });

  it('a roster header typed as the number 1.2 matches "1.2"', async () => {
    const r = rosterWorkbook({ columns: [HO_COLUMNS[0]!, 1.2, HO_COLUMNS[2]!], rows: [{ id: 'HO-01', values: ['Có', 50, 3] }] });
    const a = await runAssess([tmp.write('ds-so.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(valueOf(a, 'ho', 'HO-01', '1.2')).toBe(50);
  });

  it('rows in another order and inserted rows do no harm', async () => {
    const straight = await readForm({ '1.2': 60, '2.3': 91 });
    const base = fixtureFormRows({ '1.2': 60, '2.3': 91 });
    const shuffled: FormRow[] = [
      { blank: true },
      base[7]!, // 2.3
      { raw: [null, 'Phần I. Các chỉ tiêu bổ sung do huyện giao'] },
      base[11]!, // D.1
      base[2]!, // 1.2
      { raw: ['I', 'NHÓM TIÊU CHÍ CHUNG'] },
      base[6]!, // 2.2
      { blank: true },
      { blank: true },
      base[1]!, // 1.1
      base[9]!, // T.1
      { raw: [null, null, null, null, null, null, 'Ghi chú: số liệu đến 30/6'] },
      base[5]!, // 2.1
      base[3]!, // 1.3
    ];
    const moved = await readForm({}, shuffled);
    expect(moved.diagnostics).toEqual([]);
    const s = unitOf(straight, 'xa', 'XA-01');
    const m = unitOf(moved, 'xa', 'XA-01');
    expect(Array.from(m.points)).toEqual(Array.from(s.points));
    expect(m.total).toBe(s.total);
    expect(Array.from(m.input!.values)).toEqual(Array.from(s.input!.values));
  });

  it('roster columns in another order', async () => {
    const r = rosterWorkbook({ columns: [HO_COLUMNS[2]!, HO_COLUMNS[0]!, HO_COLUMNS[1]!], rows: [{ id: 'HO-01', values: [2, 'Có', 25] }] });
    const a = await runAssess([tmp.write('ds-dao-cot.xlsx', r.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(['1.1', '1.2', '1.3'].map((i) => valueOf(a, 'ho', 'HO-01', i))).toEqual([1, 25, 2]);
    expect(unitOf(a, 'ho', 'HO-01').total).toBe(4000 + 1500 + 2000);
  });
});

describe('the table header, in Vietnamese or English, any case, with or without diacritics', () => {
  it.each([
    [['Code', 'Criterion', 'Max points', 'Reported value', 'Self points', 'Assessed points', 'Notes']],
    [['MÃ', 'TIÊU CHÍ', 'ĐIỂM TỐI ĐA', 'SỐ LIỆU BÁO CÁO', 'ĐIỂM TỰ CHẤM', 'ĐIỂM THẨM ĐỊNH', 'MINH CHỨNG, GHI CHÚ']],
    [['ma so', 'noi dung tieu chi', 'diem chuan', 'ket qua thuc hien', 'tu cham', 'tham dinh', 'ghi chu']],
    [['Mã  ', ' Tiêu  chí', 'Điểm tối đa', 'Số liệu  báo cáo', 'Điểm tự chấm', 'Điểm thẩm định', 'Minh chứng, ghi chú']],
  ])('%j', async (header) => {
    const self = { '1.1': 10, '1.2': 10, '1.3': 10, '2.1': 20, '2.2': 20, '2.3': 20, 'T.1': 0, 'D.1': 0 };
    const f = formWorkbook({ unit: 'XA-01', header, rows: fixtureFormRows({ '1.2': 40 }, self) });
    const a = await runAssess([tmp.write(`tieu-de-${++n}.xlsx`, f.bytes)]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 9000 });
    expect(unitOf(a, 'xa', 'XA-01').input!.self![1]).toBe(10);
  });

  it('columns in another order', async () => {
    const header = ['Minh chứng, ghi chú', 'Điểm tự chấm', 'Số liệu báo cáo', 'Mã', 'Tiêu chí'];
    const rows: FormRow[] = [
      { raw: ['Quyết định số 12/QĐ-UBND', 10, 'Có', '1.1', 'Kế hoạch'] },
      { raw: [null, 20, 80, '1.2', 'Tỷ lệ'] },
    ];
    const f = formWorkbook({ unit: 'XA-01', header, rows });
    const a = await runAssess([tmp.write('dao-cot.xlsx', f.bytes)]);
    expect(valueOf(a, 'xa', 'XA-01', '1.1')).toBe(1);
    expect(valueOf(a, 'xa', 'XA-01', '1.2')).toBe(80);
    expect(withCode(a, 'bad-value')).toEqual([]);
    expect(withCode(a, 'self-score-differs')).toEqual([]);
  });
});

describe('Điểm thẩm định', () => {
  it('assessed points replace the computed points of the item', async () => {
    const rows = fixtureFormRows({ '1.2': 40 }).map((r) => ('code' in r && r.code === '1.2' ? { ...r, assessed: 15 } : r));
    const a = await readForm({}, rows);
    expect(a.diagnostics).toEqual([]);
    expect(pointsOf(a, 'xa', 'XA-01', '1.2')).toBe(15);
    const u = unitOf(a, 'xa', 'XA-01');
    expect(u.assessedUsed[1]).toBe(1);
    expect(u.total).toBe(9500);
  });
});

describe('which sheets are read', () => {
  it('a roster kept on one sheet per village: every sheet is read (or the skipped sheet reported)', async () => {
    const sheet = (name: string, id: string): SheetModel => ({ name, rows: [['Mã đơn vị', 'Tên', 'Khối', ...HO_COLUMNS], [id, `Hộ ${id}`, name, 'Có', 50, 3]] });
    const bytes = writeWorkbook({ sheets: [sheet('Thôn 1', 'HO-01'), sheet('Thôn 2', 'HO-02')], properties: { created: CREATED } });
    const p = tmp.write('ds-hai-thon.xlsx', bytes);
    const a = await runAssess([p]);
    const read = a.tiers.flatMap((t) => t.units.map((u) => u.id));
    const reported = a.diagnostics.some((d) => d.sheet === 'Thôn 2');
    expect(read.includes('HO-02') || reported, `units read: ${JSON.stringify(read)}; diagnostics: ${JSON.stringify(a.diagnostics)}`).toBe(true);
  });

  it('a form on a hidden sheet is not read', async () => {
    const bytes = writeWorkbook({
      sheets: [
        { name: 'Hướng dẫn', rows: [['Điền số liệu vào sheet "Phiếu".']] },
        { name: 'Phiếu cũ', state: 'hidden', rows: [['Mã đơn vị:', 'XA-01'], ['Mã', 'Số liệu báo cáo'], ['1.1', 'Có']] },
      ],
      properties: { created: CREATED },
    });
    const a = await runAssess([tmp.write('an.xlsx', bytes)]);
    expect(a.diagnostics.map((d) => d.code)).toEqual(['header-not-found']);
  });

  // Without a units file and without a tier label, a form is of the only form tier (xa):
  // --tier ho (a roster tier) must leave it aside, not read it as a household.
  it('--tier leaves workbooks of other tiers aside without a finding', async () => {
    const form1 = tmp.write('loc-xa.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes);
    const ros = tmp.write('loc-ho.xlsx', rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-01', values: ['Có', 50, 3] }] }).bytes);
    const a = await runAssess([form1, ros], { tierFilter: 'ho' });
    expect(a.diagnostics).toEqual([]);
    expect(a.tiers.map((t) => t.tier.id)).toEqual(['ho']);
    const b = await runAssess([form1, ros], { tierFilter: 'xa' });
    expect(b.tiers.map((t) => t.tier.id)).toEqual(['xa']);
  });
});

describe('group and total rows are not items', () => {
  it('group rows with figures in every column, and total rows, change nothing', async () => {
    const base = fixtureFormRows();
    const rows: FormRow[] = base.map((r) => ('group' in r ? { raw: [r.group, r.title, r.max ?? null, 999, 999, 999] } : r));
    rows.push({ total: 'Tổng cộng', max: 100, self: 100 }, { raw: ['Tổng', 'Tổng điểm', 100, 12345, 100] }, { raw: ['Cộng', null, null, 'abc'] });
    const a = await readForm({}, rows);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 10000 });
  });
});

describe("a unit's items from several files", () => {
  it('split over two files: merged into one scored unit', async () => {
    const base = fixtureFormRows();
    const first = base.slice(0, 4); // group 1
    const second = base.slice(4); // group 2, bonus, penalty
    const p1 = tmp.write('phong-1.xlsx', formWorkbook({ unit: 'XA-02', rows: first }).bytes);
    const p2 = tmp.write('phong-2.xlsx', formWorkbook({ unit: 'XA-02', rows: second }).bytes);
    const a = await runAssess([p1, p2], { units: fixtureUnits() });
    expect(a.diagnostics.filter((d) => d.code !== 'not-submitted')).toEqual([]);
    const u = unitOf(a, 'xa', 'XA-02');
    expect(u).toMatchObject({ status: 'scored', total: 10000, name: 'UBND xã Bình Minh' });
    expect(a.tiers.find((t) => t.tier.id === 'xa')!.units.filter((x) => x.id === 'XA-02')).toHaveLength(1);
  });

  it('each file carrying every row, blank where another department fills it in', async () => {
    const ids = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', 'T.1', 'D.1'];
    const mine = (keep: string[]): Record<string, CellModel | undefined> => Object.fromEntries(ids.map((i) => [i, keep.includes(i) ? undefined : null]).filter(([, v]) => v === null));
    const p1 = tmp.write('so-gd.xlsx', formWorkbook({ unit: 'XA-03', rows: fixtureFormRows(mine(['1.1', '1.2', '1.3'])) }).bytes);
    const p2 = tmp.write('so-vh.xlsx', formWorkbook({ unit: 'XA-03', rows: fixtureFormRows(mine(['2.1', '2.2', '2.3', 'T.1', 'D.1'])) }).bytes);
    const a = await runAssess([p1, p2]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-03')).toMatchObject({ status: 'scored', total: 10000 });
  });
});

const META: ResultsMeta = {
  movement: 'kiem-thu-phieu',
  phase: 'gd1',
  tool: { name: 'thidua', version: 'test' },
  date: null,
  criteria: { path: 'criteria.yaml', sha256: '' },
  units: null,
  inputs: [],
  lang: 'vi',
};

/** results.json of an assessment; inputs listed in path order, as the command lists them. */
function results(a: Assessment): Record<string, unknown> {
  const inputs = [...a.inputs].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return buildResults({ ...META, inputs }, a.tiers, a.diagnostics);
}

describe('the order of the input files does not matter', () => {
  it('shuffled file lists give identical results.json', async () => {
    const files = [
      tmp.write('tron-xa01.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': 64, '2.3': null }, { '1.2': 20 }) }).bytes),
      // XA-02 split over two files, each with every row; T.1 and D.1 blank in both
      tmp.write('tron-xa02-a.xlsx', formWorkbook({ unit: 'XA-02', rows: fixtureFormRows({ '2.1': null, '2.2': null, '2.3': null, 'T.1': null, 'D.1': null }) }).bytes),
      tmp.write('tron-xa02-b.xlsx', formWorkbook({ unit: 'XA-02', rows: fixtureFormRows({ '1.1': null, '1.2': null, '1.3': null, '2.1': 120, 'T.1': null, 'D.1': null }) }).bytes),
      tmp.write('tron-xa03.xlsx', formWorkbook({ unit: 'XA-03', rows: fixtureFormRows({ '1.2': 'abc' }) }).bytes),
      tmp.write('tron-ho.xlsx', rosterWorkbook({
        columns: HO_COLUMNS,
        rows: [
          { id: 'HO-01', name: 'Nguyễn Văn An', block: 'Thôn 1', values: ['Có', 50, 3] },
          { id: 'HO-02', name: 'Trần Thị Bình', block: 'Thôn 1', values: ['Có', 50, 3] },
          { id: 'HO-03', name: 'Lê Văn Cường', block: 'Thôn 2', values: ['Không', null, 1] },
        ],
      }).bytes),
      tmp.write('tron-ho-2.xlsx', rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'HO-04', name: 'Phạm Thị Dung', block: 'Thôn 2', values: ['Có', 10, 0] }] }).bytes),
    ];
    const orders = [files, [...files].reverse(), [files[2]!, files[4]!, files[0]!, files[5]!, files[1]!, files[3]!]];
    const outs: Record<string, unknown>[] = [];
    for (const order of orders) outs.push(results(await runAssess(order, { units: fixtureUnits() })));
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    expect(JSON.stringify(outs[1], null, 2)).toBe(JSON.stringify(outs[0], null, 2));
  });

  it('the same list twice gives the same results.json', async () => {
    const files = [
      tmp.write('lai-1.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': 50 }) }).bytes),
      tmp.write('lai-2.xlsx', formWorkbook({ unit: 'XA-02', rows: fixtureFormRows({ '1.2': 50 }) }).bytes),
    ];
    const a = JSON.stringify(results(await runAssess(files, { units: fixtureUnits() })));
    const b = JSON.stringify(results(await runAssess(files, { units: fixtureUnits() })));
    expect(b).toBe(a);
  });
});
