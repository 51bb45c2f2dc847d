import type { TierResult } from '../../scoring/types.js';
import { type CellModel, type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { type PreviousEntry } from '../previous.js';
import { pointsText } from '../words.js';
import { HEAD, WRAPPED, txt, blank, num, pts, headerHeight, fitRow, printSetup, SheetNames, type Words } from './common.js';

/**
 * The "Điểm nhóm – <tier>" sheet: each unit's points per group, self points and changes.
 */

// ---------------------------------------------------------------- Điểm nhóm – <tier>

/**
 * Per-group points, self points and their difference of a tier whose ranking sheet is kept
 * printable: the columns that made the ranking print at 6 pt, on a sheet of their own.
 */
export function groupSheet(m: ReportModel, w: Words, names: SheetNames, t: TierResult, prev: Map<string, PreviousEntry> | null): SheetModel {
  const lang = m.meta.lang;
  const tier = t.tier;
  const L = WRAPPED;
  const top = tier.groups;
  const groups = [...top.filter((g) => g.kind === 'regular'), ...top.filter((g) => g.kind === 'bonus'), ...top.filter((g) => g.kind === 'penalty')];
  const head = [w.rank, w.unitId, w.unitName, w.block, w.total, ...(prev ? [w.deltaTotal, w.deltaRank] : [])];
  const widths = [6, 12, 30, 16, 9, ...(prev ? [9, 8] : [])];
  for (const g of groups) {
    const deducted = g.kind === 'penalty' ? (lang === 'vi' ? 'bị trừ, ' : 'deducted, ') : '';
    head.push(`${g.id}. ${g.title}\n(${deducted}${w.max} ${pointsText(g.max, lang)})`);
    widths.push(Math.max(12, Math.min(22, Math.ceil(g.title.length / 4) + 3)));
  }
  head.push(w.selfTotal, w.selfDiff);
  widths.push(10, 12);
  const rows: RowModel[] = [{ cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) }];
  for (const u of t.units) {
    const scored = u.status === 'scored';
    const cells: CellModel[] = [num(u.rank, L.center), txt(u.id, L.text), txt(u.name, L.text), txt(u.block, L.text), pts(u.total, L.pts)];
    if (prev) {
      const p = scored ? prev.get(u.id) : undefined;
      cells.push(p && u.total !== null ? pts(u.total - p.total, L.delta) : blank(L.delta), p && p.rank !== null && u.rank !== null ? num(p.rank - u.rank, L.deltaInt) : blank(L.deltaInt));
    }
    for (const g of groups) cells.push(scored ? pts(u.groups.get(g.id) ?? 0, L.pts) : blank(L.pts));
    cells.push(pts(u.selfTotal, L.pts), u.selfTotal !== null && u.total !== null ? pts(u.total - u.selfTotal, L.delta) : blank(L.delta));
    rows.push(fitRow(cells, widths));
  }
  return {
    name: names.take(`${w.groupSheet} – ${tier.id}`),
    columns: widths.map((x) => ({ width: x })),
    rows,
    freeze: { rows: 1, cols: 3 },
    autoFilter: { headerRow: 1 },
    print: printSetup(m, `${tier.title} (${tier.id})`, 'landscape', [1, 1]),
  };
}
