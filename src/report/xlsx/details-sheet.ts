import { type PhaseItem, type PhaseTier } from '../../criteria/model.js';
import type { ScoredUnit } from '../../scoring/types.js';
import type { FileLayout } from '../../submissions/read.js';
import { type CellModel, type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { countText, ruleText } from '../words.js';
import { HEAD, NOTE, WRAPPED, PLAIN, txt, blank, num, pts, fit, headerHeight, fitRow, printSetup, pagedSheets, SheetNames, type Words, type WorkbookLimits } from './common.js';

/**
 * The "Chi tiết" sheets: every item of every scored unit, how its points were computed, where it was read.
 */

// ---------------------------------------------------------------- Chi tiết

/** Columns of the details sheet whose text repeats: tier, item id and title, yes/no, rule, file, sheet (the evidence note, column 10, rarely does). */
const DETAILS_SHARED = new Set([0, 3, 4, 5, 6, 11, 12]);

interface Segment {
  tier: PhaseTier;
  units: ScoredUnit[];
  start: number;
  /** Item index → layouts of the tier that hold the item, for files without a row per item. */
  holders: FileLayout[][];
}

export function detailsSheets(m: ReportModel, w: Words, names: SheetNames, limits: WorkbookLimits): SheetModel[] {
  const lang = m.meta.lang;
  const segments: Segment[] = [];
  let total = 0;
  let unitsAll = 0;
  let longest = 14;
  let itemLen = 14;
  let pathLen = 8;
  for (const t of m.tiers) {
    unitsAll += t.units.length;
    const units = t.units.filter((u) => u.status === 'scored');
    if (!units.length || !t.tier.items.length) continue;
    const layouts = m.layouts.filter((l) => l.tier === t.tier.id);
    const holders = t.tier.items.map((_, i) => layouts.filter((l) => l.valueCol[i] !== undefined));
    segments.push({ tier: t.tier, units, start: total, holders });
    total += units.length * t.tier.items.length;
    for (const u of units) if (u.name.length > longest) longest = u.name.length;
    for (const it of t.tier.items) if (it.title.length > itemLen) itemLen = it.title.length;
  }
  for (const l of m.layouts) if (l.path.length > pathLen) pathLen = l.path.length;
  const capped = unitsAll > limits.detailsHugeUnits && total > limits.detailsCap;
  const shown = capped ? limits.detailsCap : total;
  const L = shown > limits.wrapRowsMax ? PLAIN : WRAPPED;
  const head = [w.tier, w.unitId, w.unitName, w.itemId, w.itemTitle, w.value, w.rule, w.points, w.selfPoints, w.assessedPoints, w.evidence, w.file, w.sheet, w.cell];
  const widths = [11, 12, fit(longest, 16, 36), 9, fit(itemLen, 20, 48), 11, 22, 9, 10, 10, 30, fit(pathLen, 14, 40), 14, 7];
  const layoutAt = new Map<string, FileLayout>();
  for (const l of m.layouts) layoutAt.set(`${l.tier}\u0000${l.path}\u0000${l.sheet}`, l);

  // the wording of a rule depends only on the item and the value: cache it for big rosters
  const ruleCache = new Map<string, string>();
  const rule = (ii: number, it: PhaseItem, v: number, assessed: boolean, values: ArrayLike<number> | undefined): string => {
    // a case's wording depends on the unit's other values
    if (it.rule.kind === 'cases' && !assessed) return ruleText(it, v, assessed, lang, values);
    const key = `${ii}\u0000${assessed ? 'a' : v}`;
    let text = ruleCache.get(key);
    if (text === undefined) {
      if (ruleCache.size > 50_000) ruleCache.clear();
      ruleCache.set(key, (text = ruleText(it, v, assessed, lang)));
    }
    return text;
  };
  const rowsOf = function* (start: number, end: number): Generator<RowModel> {
    let k = start;
    for (const s of segments) {
      const n = s.tier.items.length;
      const segEnd = s.start + s.units.length * n;
      if (k >= segEnd || k >= end) continue;
      while (k < end && k < segEnd) {
        const ui = Math.floor((k - s.start) / n);
        const u = s.units[ui]!;
        const inp = u.input;
        const src = inp?.source ?? null;
        const own = src ? layoutAt.get(`${s.tier.id}\u0000${src.path}\u0000${src.sheet}`) : undefined;
        for (let ii = (k - s.start) % n; ii < n && k < end; ii++, k++) {
          const it = s.tier.items[ii]!;
          const v = inp ? inp.values[ii]! : NaN;
          const self = inp?.self ? inp.self[ii]! : NaN;
          const assessed = inp?.assessed ? inp.assessed[ii]! : NaN;
          // where the value was: the unit's own file when it holds the item, else the one file of the tier that does
          let file = '';
          let sheet = '';
          let cell = '';
          const at = inp?.at;
          const li = at ? at.layout[ii]! : 0;
          const exact = li > 0 ? m.layouts[li - 1] : undefined;
          if (exact) {
            file = exact.path;
            sheet = exact.sheet;
            if (exact.valueCol[ii]) cell = `${exact.valueCol[ii]}${at!.row[ii]}`;
          } else if (own && own.valueCol[ii] !== undefined) {
            file = own.path;
            sheet = own.sheet;
            if (own.layout === 'roster' && src?.row) cell = `${own.valueCol[ii]}${src.row}`;
          } else if (s.holders[ii]!.length === 1) {
            file = s.holders[ii]![0]!.path;
            sheet = s.holders[ii]![0]!.sheet;
          } else if (src && !s.holders[ii]!.length) {
            file = src.path;
            sheet = src.sheet;
          }
          const valueCell: CellModel = Number.isNaN(v)
            ? blank(L.text)
            : it.input === 'yes_no'
              ? txt(v ? w.yes : w.no, L.center)
              : it.rule.kind === 'choice'
                ? txt(it.rule.titles[v] ?? '', L.text)
                : L === PLAIN
                  ? v
                  : { value: v, style: L.text };
          const cells: CellModel[] = [
            txt(s.tier.id, L.text),
            txt(u.id, L.text),
            txt(u.name, L.text),
            txt(it.id, L.text),
            txt(it.title, L.text),
            valueCell,
            txt(rule(ii, it, v, u.assessedUsed[ii] === 1, inp?.values), L.text),
            pts(u.points[ii]!, L.pts),
            num(self, L.pts),
            num(assessed, L.pts),
            txt(inp?.notes?.[ii] ?? null, L.text),
            txt(file, L.text),
            txt(sheet, L.text),
            txt(cell, L.center),
          ];
          yield L === WRAPPED ? fitRow(cells, widths) : cells;
        }
      }
    }
  };
  const shape: Omit<SheetModel, 'name' | 'rows'> = {
    // tier, item, yes/no, rule, file and sheet repeat from unit to unit
    columns: widths.map((x, i) => (DETAILS_SHARED.has(i) ? { width: x, shared: true } : { width: x })),
    freeze: { rows: 1, cols: 2 },
    autoFilter: { headerRow: 1 },
    print: printSetup(m, w.detailsSheet, 'landscape', [1, 1]),
  };
  const headRow: RowModel = { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) };
  const tail = capped ? () => [[{ value: w.detailsCapped(countText(limits.detailsCap, lang), countText(total, lang)), style: NOTE }]] : undefined;
  // leave room for the note row in the last sheet
  const per = capped ? limits.rowsPerSheet - 1 : limits.rowsPerSheet;
  return pagedSheets(names, w.detailsSheet, shown, per, headRow, rowsOf, shape, tail);
}
