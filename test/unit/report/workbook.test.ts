import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { resultsWorkbook, SheetNames } from '../../../src/report/workbook.js';
import { writeWorkbook, type CellObject, type SheetModel } from '../../../src/workbook/write/index.js';
import { model, PREVIOUS } from './fixture.js';
import { cellsOf, rowsOf, sheet, valuesOf } from './sheet-helpers.js';

/** The ranking sheet a board prints: per-group and self points are on the group sheet (issue 19). */
const RANKING_HEAD_VI = ['Hạng', 'Mã đơn vị', 'Tên đơn vị', 'Khối', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Giải trình xếp loại, khen thưởng', 'Ghi chú'];
const GROUP_HEAD_VI = [
  'Hạng',
  'Mã đơn vị',
  'Tên đơn vị',
  'Khối',
  'Tổng điểm',
  'A. Tổ chức thực hiện\n(tối đa 50)',
  'B. Kết quả\n(tối đa 50)',
  'T. Điểm thưởng\n(tối đa 5)',
  'P. Điểm trừ\n(bị trừ, tối đa 5)',
  'Điểm tự chấm',
  'Chênh lệch (chấm − tự chấm)',
];

function rowOf(s: SheetModel, id: string, col = 1): CellObject[] {
  const r = rowsOf(s).find((x) => {
    const c = cellsOf(x)[col];
    return c !== null && typeof c === 'object' && c.value === id;
  });
  if (!r) throw new Error(`no row ${id}`);
  return cellsOf(r) as CellObject[];
}

describe('resultsWorkbook', () => {
  const wb = resultsWorkbook(model());

  it('names the sheets in Vietnamese', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Xếp hạng – don_vi', 'Xếp hạng – ca_nhan', 'Điểm nhóm – don_vi', 'Điểm nhóm – ca_nhan', 'Khen thưởng – don_vi – bk', 'Chi tiết', 'Lỗi và cảnh báo', 'Kiểm tra']);
  });

  it('names the sheets in English', () => {
    expect(resultsWorkbook(model({ lang: 'en' })).sheets.map((s) => s.name)).toEqual(['Summary', 'Ranking – don_vi', 'Ranking – ca_nhan', 'Group points – don_vi', 'Group points – ca_nhan', 'Awards – don_vi – bk', 'Details', 'Problems', 'Audit']);
  });

  it('dates the workbook with the report date, never the clock', () => {
    expect(wb.properties.created.toISOString()).toBe('2025-06-30T00:00:00.000Z');
    const m = model();
    m.meta.date = null;
    expect(resultsWorkbook(m).properties.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('writes a ranking sheet per tier: header, frozen panes, filter, print setup', () => {
    const s = sheet(wb, 'Xếp hạng – don_vi');
    expect(valuesOf(s)[0]).toEqual(RANKING_HEAD_VI);
    expect(s.freeze).toEqual({ rows: 1, cols: 3 });
    expect(s.autoFilter).toEqual({ headerRow: 1 });
    expect(s.print).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: [1, 1] });
    expect(valuesOf(s).slice(1, 6).map((r) => r[1])).toEqual(['U1', 'U3', 'U2', 'U5', 'U4']);
    // then a date and signature block under the ranking
    const tail = valuesOf(s).slice(6).flat().filter((x) => x !== undefined && x !== null);
    expect(tail).toEqual(['…………, ngày 30 tháng 6 năm 2025', 'NGƯỜI LẬP BẢNG', 'THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên, đóng dấu)', '……………………', '……………………']);
  });

  it('keeps per-group points, self points and deltas on the group sheet', () => {
    const g = sheet(wb, 'Điểm nhóm – don_vi');
    expect(valuesOf(g)[0]).toEqual(GROUP_HEAD_VI);
    expect(valuesOf(g)[1]).toEqual([1, 'U1', 'A | B', undefined, 99, 50, 45, 5, 1, 100, -1]);
  });

  it('gives the figures of results.json with a points number format', () => {
    const u1 = rowOf(sheet(wb, 'Xếp hạng – don_vi'), 'U1');
    expect(u1.map((c) => c.value)).toEqual([1, 'U1', 'A | B', undefined, 99, 'Hoàn thành xuất sắc nhiệm vụ', 'Bằng khen', undefined, undefined]);
    expect(u1[4]!.style?.numFmt).toBe('0.00');
    const u2 = rowOf(sheet(wb, 'Xếp hạng – don_vi'), 'U2');
    expect(u2[4]!.value).toBe(64.57);
    expect(u2[5]!.style?.fill).toBe('F8CBAD');
    expect(u1[5]!.style?.fill).toBe('C6EFCE');
    const u5 = rowOf(sheet(wb, 'Xếp hạng – don_vi'), 'U5');
    expect(u5[8]!.value).toBe('Bị loại: tiêu chí A2: giá trị "abc" không hợp lệ — cần tỷ lệ % từ 0 đến 100');
  });

  it('writes a name such as "=1+1" as a string, never a formula', () => {
    const u3 = rowOf(sheet(wb, 'Xếp hạng – don_vi'), 'U3');
    expect(u3[2]).toMatchObject({ value: '=1+1' });
    expect(u3[2]!.formula).toBeUndefined();
    const files = unzipSync(writeWorkbook(wb));
    const xml = Object.entries(files)
      .filter(([p]) => p.startsWith('xl/worksheets/'))
      .map(([, b]) => strFromU8(b))
      .join('');
    expect(xml).not.toContain('<f>');
    expect(xml).toMatch(/t="inlineStr"><is><t>=1\+1<\/t><\/is>/);
    expect(xml).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('shows Δ total and Δ rank against the earlier phase, following successors', () => {
    // on the group sheet: the printed ranking keeps to what fits A4 at 9 pt (issue 19)
    const wbp = resultsWorkbook(model({ previous: PREVIOUS }));
    const s = sheet(wbp, 'Điểm nhóm – don_vi');
    expect(valuesOf(s)[0]!.slice(4, 7)).toEqual(['Tổng điểm', 'Δ điểm', 'Δ hạng']);
    const u1 = rowOf(s, 'U1');
    expect(u1.slice(4, 7).map((c) => c.value)).toEqual([99, 19, 1]);
    expect(u1[5]!.style?.numFmt).toBe('+0.00;-0.00;0.00');
    expect(rowOf(sheet(wbp, 'Xếp hạng – don_vi'), 'U1').at(-1)!.value).toBe('So với kỳ trước: OLD');
    expect(rowOf(s, 'U3').slice(4, 7).map((c) => c.value)).toEqual([85, -5, -1]);
    expect(rowOf(s, 'U2').slice(4, 7).map((c) => c.value)).toEqual([64.57, undefined, undefined]);
    // the roster tier is not in the earlier results: no Δ columns
    expect(valuesOf(sheet(wbp, 'Điểm nhóm – ca_nhan'))[0]!.slice(4, 6)).toEqual(['Tổng điểm', 'C. Tiêu chí\n(tối đa 10)']);
  });

  it('sums up every tier and block', () => {
    const v = valuesOf(sheet(wb, 'Tổng hợp'));
    const head = v.find((r) => r[0] === 'Khối' && r.includes('Hoàn thành xuất sắc nhiệm vụ'))!;
    expect(head).toEqual(['Khối', 'Đăng ký', 'Đã nộp', 'Chấm được', 'Bị loại', 'Chưa nộp', 'Điểm trung bình', 'Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ', 'Đề nghị khen thưởng: Bằng khen', 'Đồng hạng ở ngưỡng khen (chờ quyết định)']);
    expect(v).toContainEqual(['Cả đối tượng', 5, 4, 3, 1, 1, 82.86, 1, 0, 0, 2, 1, 0]);
    expect(v).toContainEqual(['Phòng A', undefined, 2, 2, 0, 0, 7.5, 2, 0]);
    expect(v).toContainEqual(['Phòng B', undefined, 2, 2, 0, 0, 6, 1, 1]);
    expect(v).toContainEqual(['Cả đối tượng', undefined, 4, 4, 0, 0, 6.75, 3, 1]);
  });

  it('explains every item of every scored unit in the details sheet', () => {
    const s = sheet(wb, 'Chi tiết');
    const v = valuesOf(s);
    expect(v[0]).toEqual(['Đối tượng', 'Mã đơn vị', 'Tên đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Số liệu báo cáo', 'Cách tính', 'Điểm', 'Điểm tự chấm', 'Điểm thẩm định', 'Minh chứng, ghi chú', 'Tệp', 'Trang tính', 'Ô']);
    expect(v).toHaveLength(1 + 3 * 6 + 4 * 2);
    const row = (unit: string, item: string): unknown[] => v.find((r) => r[1] === unit && r[3] === item)!;
    expect(row('U2', 'A2')).toEqual(['don_vi', 'U2', '<b>x</b>', 'A2', 'Tỷ lệ cán bộ đăng ký', 52.18, '30 × 52,18 / 80', 19.57, 20, undefined, undefined, 'phieu/U2.xlsx', 'Tự chấm', undefined]);
    expect(row('U2', 'B1').slice(5, 10)).toEqual([1, 'thẩm định', 10, undefined, 10]);
    expect(row('U1', 'A1').slice(5, 8)).toEqual(['Có', 'Có → 20', 20]);
    expect(row('U3', 'A1').slice(5, 8)).toEqual(['Không', 'Không → 0', 0]);
    expect(row('U1', 'A2').slice(5, 8)).toEqual([80, 'đạt mục tiêu 80 → 30', 30]);
    expect(row('U1', 'B1').slice(5, 8)).toEqual([4, '4 × 5 (tối đa 25)', 20]);
    expect(row('U1', 'B2').slice(5, 8)).toEqual([95, 'bậc ≥ 90 → 25', 25]);
    expect(row('U3', 'P1').slice(5, 8)).toEqual([undefined, 'bỏ trống → 0', 0]);
    // a roster names the cell of the value
    expect(row('CN04', 'C2').slice(11)).toEqual(['ca-nhan.xlsx', 'Danh sách', 'E8']);
    expect(s.freeze).toEqual({ rows: 1, cols: 2 });
  });

  it('lists every problem with its place', () => {
    const v = valuesOf(sheet(wb, 'Lỗi và cảnh báo'));
    expect(v[0]).toEqual(['Tệp', 'Trang tính', 'Ô / dòng:cột', 'Mức độ', 'Mã', 'Nội dung', 'Đối tượng', 'Đơn vị']);
    expect(v[1]).toEqual(['phieu/U5.xlsx', 'Tự chấm', 'D8', 'Lỗi', 'bad-value', 'tiêu chí A2: giá trị "abc" không hợp lệ — cần tỷ lệ % từ 0 đến 100', 'don_vi', 'U5']);
    expect(v[2]).toEqual(['units.yaml', undefined, '6:1', 'Cảnh báo', 'not-submitted', 'đơn vị U4 – Sở Tài chính (don_vi) chưa nộp phiếu', 'don_vi', 'U4']);
  });

  it('keeps an audit trail', () => {
    const v = valuesOf(sheet(wb, 'Kiểm tra'));
    expect(v).toContainEqual(['Công cụ', 'thidua 0.0.0-test']);
    expect(v).toContainEqual(['Tệp tiêu chí', 'criteria.yaml']);
    expect(v).toContainEqual(['SHA-256', 'ab'.repeat(32)]);
    expect(v).toContainEqual(['phieu/U1.xlsx', '02'.repeat(32)]);
    expect(v).toContainEqual(['Số dòng đã đọc (mọi tệp, sau dòng tiêu đề)', 30]);
    expect(v).toContainEqual(['don_vi', 'Cơ quan, đơn vị', 5, 4, 3, 1, 1, 0, 0, 'Khớp']);
  });

  it('is byte-identical when written twice', () => {
    const a = writeWorkbook(resultsWorkbook(model({ previous: PREVIOUS })));
    const b = writeWorkbook(resultsWorkbook(model({ previous: PREVIOUS })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // the same model object written again gives the same bytes too (rows are produced anew)
    const m = resultsWorkbook(model());
    expect(Buffer.from(writeWorkbook(m)).equals(Buffer.from(writeWorkbook(m)))).toBe(true);
  });

  it('writes huge sheets lean: bare text cells, still strings, numbers still formatted', async () => {
    const lean = resultsWorkbook(model(), { wrapRowsMax: 0 });
    const ranking = sheet(lean, 'Xếp hạng – don_vi');
    const rows = rowsOf(ranking).map(cellsOf);
    const at = rows.findIndex((r) => r[1] === 'U3');
    const row = rows[at]!;
    expect(row[2]).toBe('=1+1');
    // numbers bare, formatted by their column; points as their hundredths, which the column says
    expect(row[4]).toBe(8500);
    expect(ranking.columns![4]!).toMatchObject({ numberStyle: { numFmt: '0.00' }, hundredths: true });
    expect(ranking.columns![0]!.hundredths).toBeUndefined();
    expect(row[3]).toBeNull();
    // every row its own unit's, as in the framed sheet
    const framed = valuesOf(sheet(resultsWorkbook(model()), 'Xếp hạng – don_vi'));
    const bare = valuesOf(ranking);
    expect(bare.length).toBeGreaterThan(3);
    // (a blank is null there, a styled empty cell here)
    const key = (r: unknown[]): unknown[] => [r[0], r[1], r[4]].map((x) => x ?? null);
    const points = (r: unknown[]): unknown[] => r.map((x, i) => (i === 4 && typeof x === 'number' ? x / 100 : x));
    // the framed sheet ends with its date and signature block
    expect(bare.map((r) => key(points(r)))).toEqual(framed.slice(0, bare.length).map(key));
    const bytes = writeWorkbook(lean);
    const xml = Object.entries(unzipSync(bytes))
      .filter(([p]) => p.startsWith('xl/worksheets/'))
      .map(([, b]) => strFromU8(b))
      .join('');
    expect(xml).not.toContain('<f>');
    expect(xml).toMatch(/t="inlineStr"><is><t>=1\+1<\/t><\/is>/);
    // as Excel shows it: 85 in two decimals
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const cell = wb.getWorksheet('Xếp hạng – don_vi')!.getCell(at + 1, 5);
    expect([cell.value, cell.numFmt]).toEqual([85, '0.00']);
  });

  it('splits a tier too long for one sheet across numbered sheets', () => {
    const split = resultsWorkbook(model({ rosterSize: 6 }), { rowsPerSheet: 4 });
    const names = split.sheets.map((s) => s.name).filter((n) => n.startsWith('Xếp hạng – ca_nhan'));
    expect(names).toEqual(['Xếp hạng – ca_nhan', 'Xếp hạng – ca_nhan (2)', 'Xếp hạng – ca_nhan (3)']);
    // unit rows only: a printable ranking has block heading rows and a signature block too
    const ids = names.flatMap((n) => valuesOf(sheet(split, n)).slice(1).map((r) => r[1]).filter((id) => typeof id === 'string'));
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    for (const n of names) expect(valuesOf(sheet(split, n))[0]![0]).toBe('Hạng');
    expect(() => writeWorkbook(split)).not.toThrow();
  });

  it('cuts the details of a huge roster with a note row', () => {
    const cut = resultsWorkbook(model({ rosterSize: 20 }), { detailsHugeUnits: 10, detailsCap: 7 });
    const v = valuesOf(sheet(cut, 'Chi tiết'));
    expect(v).toHaveLength(1 + 7 + 1);
    expect(String(v.at(-1)![0])).toMatch(/^Chỉ ghi 7 dòng đầu trong tổng số 66 dòng/);
  });
});

describe('empty cases', () => {
  it('writes a tier with no units and a run with no problems', () => {
    const m = model();
    m.tiers[1] = { ...m.tiers[1]!, units: [], blocks: [] };
    m.diagnostics = [];
    const wb = resultsWorkbook(m);
    const ranking = valuesOf(sheet(wb, 'Xếp hạng – ca_nhan'));
    expect(ranking[0]![0]).toBe('Hạng');
    expect(ranking.filter((r) => typeof r[1] === 'string' && r[1] !== 'NGƯỜI LẬP BẢNG' && r[1] !== '(Ký, ghi rõ họ tên)')).toHaveLength(1);
    expect(valuesOf(sheet(wb, 'Lỗi và cảnh báo'))[1]).toEqual(['Không có lỗi hay cảnh báo nào.']);
    expect(() => writeWorkbook(wb)).not.toThrow();
    const none = model();
    none.tiers = [];
    expect(() => writeWorkbook(resultsWorkbook(none))).not.toThrow();
  });
});

describe('print setup', () => {
  it('doubles & in page headers so input text is not a header code', () => {
    const m = model();
    m.criteria = { ...m.criteria, movement: { ...m.criteria.movement, title: 'Sở GD&ĐT &P' } };
    const s = sheet(resultsWorkbook(m), 'Xếp hạng – don_vi');
    expect(s.print?.header).toBe('&LSở GD&&ĐT &&P&RCơ quan, đơn vị (don_vi)');
    expect(s.print?.footer).toContain('Trang &P/&N');
  });
});

describe('SheetNames', () => {
  it('cleans, shortens and keeps names unique', () => {
    const n = new SheetNames();
    expect(n.take('Xếp hạng – a/b:c*?[x]\\')).toBe('Xếp hạng – a_b_c___x__');
    const long = n.take('Xếp hạng – ho_gia_dinh_rat_dai_qua_muc');
    expect(long.length).toBeLessThanOrEqual(31);
    const again = n.take('Xếp hạng – ho_gia_dinh_rat_dai_qua_muc');
    expect(again).not.toBe(long);
    expect(again.length).toBeLessThanOrEqual(31);
    expect(n.take('Xếp hạng – ho_gia_dinh', ' (2)')).toBe('Xếp hạng – ho_gia_dinh (2)');
    expect(n.take("'quoted'")).toBe('quoted');
    expect(n.take('history')).not.toBe('history');
  });
});
