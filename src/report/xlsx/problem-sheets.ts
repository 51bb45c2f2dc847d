import { formatMessage } from '../../diagnostics/messages.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { type CellModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { HEAD, SUBTITLE, WRAPPED, PLAIN, SEV_STYLE, txt, fit, headerHeight, fitRow, printSetup, pagedSheets, SheetNames, type Words, type WorkbookLimits } from './common.js';

/**
 * The "Lỗi và cảnh báo" sheets: every finding, with its place.
 */

// ---------------------------------------------------------------- Lỗi và cảnh báo

export function problemSheets(m: ReportModel, w: Words, names: SheetNames, limits: WorkbookLimits): SheetModel[] {
  const lang = m.meta.lang;
  const ds = m.diagnostics;
  const L = ds.length > limits.wrapRowsMax ? PLAIN : WRAPPED;
  let pathLen = 8;
  for (const d of ds) if (d.path.length > pathLen) pathLen = d.path.length;
  const head = [w.file, w.sheet, w.cellOrLine, w.severity, w.code, w.message, w.tier, w.unit];
  const widths = [fit(pathLen, 14, 40), 14, 11, 10, 20, 70, 11, 12];
  const where = (d: Diagnostic): string => (d.line ? `${d.line}:${d.column ?? 1}` : (d.cell ?? ''));
  return pagedSheets(
    names,
    w.problemsSheet,
    ds.length,
    limits.rowsPerSheet,
    { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) },
    function* (start, end) {
      for (let i = start; i < end; i++) {
        const d = ds[i]!;
        const cells: CellModel[] = [
          txt(d.path, L.text),
          txt(d.sheet, L.text),
          txt(where(d), L.center),
          { value: d.severity === 'error' ? w.error : w.warning, style: (L === WRAPPED ? SEV_STYLE.framed : SEV_STYLE.bare)[d.severity] },
          txt(d.code, L.text),
          txt(formatMessage(d, lang), L.text),
          txt(d.tier, L.text),
          txt(d.unit, L.text),
        ];
        yield L === WRAPPED ? fitRow(cells, widths) : cells;
      }
    },
    {
      columns: widths.map((x) => ({ width: x })),
      freeze: { rows: 1 },
      autoFilter: { headerRow: 1 },
      print: printSetup(m, w.problemsSheet, 'landscape', [1, 1]),
    },
    ds.length ? undefined : () => [[{ value: lang === 'vi' ? 'Không có lỗi hay cảnh báo nào.' : 'No problems found.', style: SUBTITLE }]],
  );
}
