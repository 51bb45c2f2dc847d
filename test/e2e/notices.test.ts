/**
 * `score --notices` (SPEC §10): one notice per form unit, scored or rejected, read back by an
 * independent reader (exceljs), with the unit's total, class title, rank, an evidence note
 * typed into its workbook, its reasons, and for a rejected unit every cell to correct.
 */
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFormRows, formWorkbook, tempDir } from '../helpers/workbooks.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';

const tmp = tempDir('thidua-notices-');
afterAll(() => tmp.cleanup());

/** Labelled cells (label in A, value in C) and every text of a notice's first sheet. */
async function readNotice(path: string): Promise<{ labels: Map<string, unknown>; texts: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const labels = new Map<string, unknown>();
  const texts: string[] = [];
  const rows: unknown[][] = [];
  ws.eachRow((row) => {
    const vals = (row.values as unknown[]).slice(1);
    rows.push(vals);
    for (const v of vals) if (typeof v === 'string') texts.push(v);
    const a = row.getCell(1).value;
    if (typeof a === 'string') labels.set(a, row.getCell(3).value);
  });
  return { labels, texts, rows };
}

describe.skipIf(!HAS_BUILD)('score --notices', () => {
  let out: string;
  beforeAll(() => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'submissions');
    copyFileSync(join(fixtures, 'criteria.yaml'), join(tmp.dir, 'criteria.yaml'));
    copyFileSync(join(fixtures, 'units.yaml'), join(tmp.dir, 'units.yaml'));
    const noted = fixtureFormRows().map((r) => ('code' in r && r.code === '1.1' ? { ...r, note: 'Kế hoạch số 12/KH-UBND ngày 15/3/2024' } : r));
    tmp.write('XA-01.xlsx', formWorkbook({ unit: 'XA-01', rows: noted }).bytes);
    tmp.write('XA-02.xlsx', formWorkbook({ unit: 'XA-02', rows: fixtureFormRows({ '1.3': 4, '2.2': 12 }) }).bytes);
    tmp.write('XA-03.xlsx', formWorkbook({ unit: 'XA-03', rows: fixtureFormRows({ '1.2': 'nhiều', '2.1': -5 }) }).bytes);
    out = join(tmp.dir, 'out');
    const r = thidua(['score', 'criteria.yaml', 'XA-01.xlsx', 'XA-02.xlsx', 'XA-03.xlsx', '--phase', 'gd1', '--units', 'units.yaml', '-o', out, '--notices'], tmp.dir);
    expect(r.code, r.stderr).toBe(1);
  });

  it('writes one notice per form unit that sent something, named unit id first', () => {
    const dir = join(out, 'thong-bao', 'xa');
    expect(readdirSync(dir).sort()).toEqual(['XA-01 - UBND xã An Bình.xlsx', 'XA-02 - UBND xã Bình Minh.xlsx', 'XA-03 - UBND phường Cẩm Lệ.xlsx'].sort());
    // the roster tier has no notices
    expect(existsSync(join(out, 'thong-bao', 'ho'))).toBe(false);
  });

  it("a scored unit's notice: total, class title, rank within its group, the evidence note", async () => {
    const file = readdirSync(join(out, 'thong-bao', 'xa')).find((f) => f.startsWith('XA-01'))!;
    const n = await readNotice(join(out, 'thong-bao', 'xa', file));
    expect(n.labels.get('Mã đơn vị')).toBe('XA-01');
    expect(n.labels.get('Tổng điểm')).toBe(100);
    expect(n.labels.get('Xếp loại')).toBe('Hoàn thành tốt nhiệm vụ');
    // the fixture ranks the whole tier: 1 of the 2 scored units
    expect(n.labels.get('Xếp hạng')).toBe('1/2 – UBND xã, phường');
    const item = n.rows.find((r) => r[0] === '1.1')!;
    expect(item[7]).toBe(10); // Điểm
    expect(item[8]).toBe('Kế hoạch số 12/KH-UBND ngày 15/3/2024'); // Minh chứng, ghi chú
    expect(n.rows.some((r) => r[0] === 'Mã' && r[4] === 'Cách tính' && r[9] === 'Nhận xét')).toBe(true);
  });

  it("a rejected unit's notice says it was not scored and lists every cell to correct", async () => {
    const file = readdirSync(join(out, 'thong-bao', 'xa')).find((f) => f.startsWith('XA-03'))!;
    const n = await readNotice(join(out, 'thong-bao', 'xa', file));
    expect(n.labels.get('Tổng điểm')).toBe('Chưa chấm (phiếu có lỗi)');
    const fixes = n.texts.filter((t) => t.startsWith('– '));
    expect(fixes.some((t) => t.includes('!D') && t.includes('1.2'))).toBe(true);
    expect(fixes.some((t) => t.includes('2.1'))).toBe(true);
    // and the item rows carry their findings
    const item = n.rows.find((r) => r[0] === '1.2')!;
    expect(String(item[9])).toContain('không hợp lệ');
  });
});
