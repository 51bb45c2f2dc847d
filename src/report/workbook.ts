import { type SheetModel, type WorkbookModel } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { statisticsSheet, statisticsSheetName } from './statistics.js';
import { previousIndex } from './previous.js';
import { firstErrors } from './summary.js';
import { words } from './words.js';
import { DEFAULT_LIMITS, FONT_SIZE, SheetNames, type WorkbookLimits } from './xlsx/common.js';
import { summarySheet } from './xlsx/summary-sheet.js';
import { rankingSheets } from './xlsx/ranking-sheet.js';
import { groupSheet } from './xlsx/group-sheet.js';
import { awardListSheets } from './xlsx/award-sheets.js';
import { detailsSheets } from './xlsx/details-sheet.js';
import { problemSheets } from './xlsx/problem-sheets.js';
import { auditSheet } from './xlsx/audit-sheet.js';

export { classFill, DEFAULT_LIMITS, detailsReach, SheetNames, type WorkbookLimits } from './xlsx/common.js';
export { signatureRows } from './xlsx/ranking-sheet.js';

/**
 * results.xlsx: the sheets in their order. Each sheet is built in a file of its own under
 * report/xlsx/; this one puts them together.
 */
// ---------------------------------------------------------------- the workbook

/** results.xlsx as a workbook model; every big sheet produces its rows lazily. */
export function resultsWorkbook(m: ReportModel, limitsGiven: Partial<WorkbookLimits> = {}): WorkbookModel {
  const limits: WorkbookLimits = { ...DEFAULT_LIMITS, ...limitsGiven };
  const w = words(m.meta.lang);
  const names = new SheetNames();
  const prev = m.previous === null || m.previous === undefined ? null : previousIndex(m.previous, m.units);
  const errors = firstErrors(m.diagnostics);
  const summaryName = names.take(w.summarySheet);
  const sheets: SheetModel[] = [summarySheet(m, w, summaryName)];
  // Δ columns only for a tier the earlier results have
  for (const t of m.tiers) sheets.push(...rankingSheets(m, w, names, t, prev?.get(t.tier.id) ?? null, errors, limits));
  // a tier whose ranking prints (framed) has its per-group points on a sheet of their own
  for (const t of m.tiers) if (t.units.length <= limits.wrapRowsMax && t.units.length) sheets.push(groupSheet(m, w, names, t, prev?.get(t.tier.id) ?? null));
  for (const t of m.tiers) if (t.units.length <= limits.wrapRowsMax || t.awardLists.some((l) => l.decided)) sheets.push(...awardListSheets(m, w, names, t));
  const stats = statisticsSheet(m.statistics, m.meta.lang, names.take(statisticsSheetName(m.meta.lang)));
  if (stats) sheets.push(stats);
  sheets.push(...detailsSheets(m, w, names, limits));
  sheets.push(...problemSheets(m, w, names, limits));
  sheets.push(auditSheet(m, w, names.take(w.auditSheet)));
  const created = new Date(`${m.meta.date ?? '2000-01-01'}T00:00:00Z`);
  return {
    sheets,
    properties: {
      created,
      title: m.criteria.movement.title,
      subject: `${m.meta.lang === 'vi' ? 'Kết quả chấm điểm thi đua' : 'Emulation scoring results'} – ${m.meta.phase}`,
      creator: m.meta.tool.name,
      company: m.criteria.movement.issuer,
    },
    defaultFont: { name: 'Times New Roman', size: FONT_SIZE },
    activeSheet: 0,
  };
}
