import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import type { CriteriaFile } from '../../../src/generated/criteria.js';
import { makeTemplates } from '../../../src/template/template.js';
import type { CellModel, RowModel, SheetModel } from '../../../src/workbook/write/model.js';
import { YAML } from '../scoring/real-tables-fixture.js';

const criteria = loadCriteria(YAML, 'doan.yaml').criteria as CriteriaFile;
const [file] = makeTemplates({ criteria, tier: 'co_so', phase: 'n2025', units: null, lang: 'vi', date: new Date('2025-01-01T00:00:00Z') });
const sheets = file!.model.sheets as SheetModel[];
const form = sheets[0]!;
const rows = [...(form.rows as Iterable<RowModel>)];
const cellsOf = (r: RowModel): CellModel[] => (Array.isArray(r) ? r : ((r as { cells: CellModel[] }).cells ?? []));
const value = (c: CellModel | undefined): unknown => (c && typeof c === 'object' && 'value' in c ? c.value : c);
const rowOf = (id: string): { r: number; cells: CellModel[] } => {
  const row = rows.find((x) => value(cellsOf(x)[0]) === id)!;
  return { r: (row as { r: number }).r, cells: cellsOf(row) };
};

describe('templates of SPEC §14 items', () => {
  it('a choice: a drop-down of its titles, from a column of the hidden lists sheet; the levels printed with their points', () => {
    const { r, cells } = rowOf('1.1');
    const v = form.validations!.find((x) => x.ranges === `D${r}`)!;
    expect(v).toMatchObject({ type: 'list', source: "'_lists'!$B$1:$B$3" });
    const lists = sheets.find((s) => s.name === '_lists')!;
    const col = [...(lists.rows as Iterable<RowModel>)].map((x) => value(cellsOf(x)[1]));
    expect(col).toEqual(['Có chương trình năm và hội nghị triển khai cho 100% cơ sở', 'Có chương trình năm, không tổ chức hội nghị', 'Không xây dựng chương trình năm']);
    expect(String(value(cells[1]))).toContain('Các mức: Có chương trình năm và hội nghị triển khai cho 100% cơ sở (5 điểm); Có chương trình năm, không tổ chức hội nghị (3 điểm); Không xây dựng chương trình năm (0 điểm)');
  });

  it('a cases item: shown as computed, locked, no validation; its self points still asked', () => {
    const { r, cells } = rowOf('2.1');
    expect(value(cells[3])).toBe('tự tính');
    expect((cells[3] as { style: { locked?: boolean } }).style.locked).not.toBe(false);
    expect(form.validations!.some((x) => x.ranges === `D${r}`)).toBe(false);
    expect((cells[4] as { style: { locked?: boolean } }).style.locked).toBe(false);
  });

  it('an info item: its figure asked, no points, no self points', () => {
    const { r, cells } = rowOf('2.a');
    expect((cells[3] as { style: { locked?: boolean } }).style.locked).toBe(false);
    expect(form.validations!.some((x) => x.ranges === `D${r}` && x.type === 'whole')).toBe(true);
    expect(value(cells[2])).toBeNull();
    expect((cells[4] as { style: { locked?: boolean } }).style.locked).not.toBe(false);
    expect(String(value(cells[1]))).toContain('chỉ ghi nhận, không tính điểm');
  });
});
