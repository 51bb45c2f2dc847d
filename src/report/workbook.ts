import { formatMessage } from '../diagnostics/messages.js';
import { hundredthsToNumber } from '../scoring/decimal.js';
import type { SheetModel, WorkbookModel } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';

/** results.xlsx as a workbook model (rows produced lazily). */
export function resultsWorkbook(m: ReportModel): WorkbookModel {
  const vi = m.meta.lang === 'vi';
  const sheets: SheetModel[] = [];
  for (const t of m.tiers) {
    const head = [vi ? 'Hạng' : 'Rank', vi ? 'Mã' : 'Id', vi ? 'Đơn vị' : 'Unit', vi ? 'Khối' : 'Block', vi ? 'Tổng điểm' : 'Total', vi ? 'Xếp loại' : 'Class', vi ? 'Trạng thái' : 'Status'];
    sheets.push({
      name: `${vi ? 'Xếp hạng' : 'Ranking'} – ${t.tier.id}`.slice(0, 31),
      freeze: { rows: 1 },
      rows: function* () {
        yield head.map((h) => ({ value: h, style: { bold: true } }));
        for (const u of t.units) yield [u.rank, u.id, u.name, u.block, u.total === null ? null : hundredthsToNumber(u.total), u.classId, u.status];
      },
    });
  }
  sheets.push({
    name: vi ? 'Lỗi và cảnh báo' : 'Problems',
    rows: function* () {
      yield ['file', 'sheet', 'cell', 'code', 'message'];
      for (const d of m.diagnostics) yield [d.path, d.sheet ?? '', d.cell ?? '', d.code, formatMessage(d, m.meta.lang)];
    },
  });
  return { sheets, properties: { created: new Date(`${m.meta.date ?? '2000-01-01'}T00:00:00Z`), title: m.criteria.movement.title, creator: 'thidua' } };
}
