import { hundredthsToNumber as h2n } from '../../util/decimal.js';
import { MAX_CELL_TEXT, MAX_ROWS, type CellModel, type CellStyle, type PrintSetupModel, type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { words } from '../words.js';
import { dateText } from '../decision-words.js';
import type { DecidedAward } from '../../scoring/types.js';

/**
 * What every sheet of results.xlsx shares: limits, styles (shared objects), cell helpers, sheet
 * names, print setup and paging. Each sheet has a file of its own beside this one.
 */

export const NO_DECISIONS: readonly DecidedAward[] = Object.freeze([]);

/** Sizes that decide when a sheet is split, cut or left unwrapped. The defaults suit Excel; tests pass small ones. */
export interface WorkbookLimits {
  /** Data rows a sheet holds below its one header row before the next numbered sheet starts. */
  rowsPerSheet: number;
  /** Above this many units in all, the details sheet stops at `detailsCap` rows. */
  detailsHugeUnits: number;
  /** Rows of the details sheet kept for a huge roster. */
  detailsCap: number;
  /** Above this many rows a sheet's cells do not wrap (a million wrapped rows is slow to open). */
  wrapRowsMax: number;
}

export const DEFAULT_LIMITS: Readonly<WorkbookLimits> = {
  rowsPerSheet: MAX_ROWS - 1,
  // a row per unit and item: past 50,000 units (a roster) the sheet keeps its first 100,000
  // rows and says so; results.json holds every item of every unit
  detailsHugeUnits: 50_000,
  detailsCap: 100_000,
  wrapRowsMax: 5_000,
};

export type Words = ReturnType<typeof words>;

// ---------------------------------------------------------------- styles (shared objects)

export const FONT_SIZE = 12;
export const BORDER = 'A6A6A6';
export const HEAD: CellStyle = { bold: true, fill: 'D9E1F2', wrap: true, hAlign: 'center', vAlign: 'center', border: 'thin', borderColor: BORDER };
export const TITLE: CellStyle = { bold: true, fontSize: 14 };
export const SUBTITLE: CellStyle = { italic: true };
export const SECTION: CellStyle = { bold: true, fontSize: 13, fontColor: '1F3864' };
export const LABEL: CellStyle = { bold: true, vAlign: 'top', wrap: true, border: 'thin', borderColor: BORDER };
export const NOTE: CellStyle = { italic: true, fontColor: 'C00000' };

export interface Look {
  text: CellStyle;
  center: CellStyle;
  int: CellStyle;
  pts: CellStyle;
  delta: CellStyle;
  deltaInt: CellStyle;
  bold: CellStyle;
  boldInt: CellStyle;
  boldPts: CellStyle;
}

/**
 * Cell looks: framed and wrapped for sheets a clerk prints; bare for huge sheets, where text
 * cells carry no style at all and blank cells are left out (a million rows of cell objects
 * costs more than the formatting is worth).
 */
export function look(framed: boolean): Look {
  const base: CellStyle = framed ? { vAlign: 'top', border: 'thin', borderColor: BORDER, wrap: true } : {};
  return {
    text: base,
    center: { ...base, hAlign: 'center' },
    int: { ...base, numFmt: '#,##0' },
    pts: { ...base, numFmt: '0.00' },
    delta: { ...base, numFmt: '+0.00;-0.00;0.00' },
    deltaInt: { ...base, numFmt: '+0;-0;0', hAlign: 'center' },
    bold: { ...base, bold: true },
    boldInt: { ...base, bold: true, numFmt: '#,##0' },
    boldPts: { ...base, bold: true, numFmt: '0.00' },
  };
}
export const WRAPPED = look(true);
export const PLAIN = look(false);
/** Styles whose blank cells are left out and whose text cells are bare strings. */
export const BARE = new Set<CellStyle>(Object.values(PLAIN));

/** Fills of class cells, highest class first; the lowest class of a tier is always red. */
const CLASS_FILLS = ['C6EFCE', 'DDEBF7', 'FFF2CC', 'FCE4D6'];
const LOWEST_FILL = 'F8CBAD';
const classStyles = new Map<string, CellStyle>();

/** Fill colour of the i-th class of a tier of n classes. */
export function classFill(i: number, n: number): string {
  if (n > 1 && i === n - 1) return LOWEST_FILL;
  return CLASS_FILLS[Math.min(i, CLASS_FILLS.length - 1)]!;
}

export function classStyle(base: CellStyle, i: number, n: number): CellStyle {
  const fill = classFill(i, n);
  const key = `${fill}\u0000${base === WRAPPED.text ? 'w' : base === HEAD ? 'h' : 'p'}`;
  let s = classStyles.get(key);
  if (!s) classStyles.set(key, (s = { ...base, fill }));
  return s;
}

export type SevStyles = Record<'error' | 'warning', CellStyle>;
const sevStyles = (base: CellStyle): SevStyles => ({ error: { ...base, fill: 'F8CBAD', bold: true }, warning: { ...base, fill: 'FFF2CC' } });
/** Severity cells, framed or bare like the sheet around them. */
export const SEV_STYLE = { framed: sevStyles(WRAPPED.center), bare: sevStyles(PLAIN.center) };

// ---------------------------------------------------------------- helpers

/** Input text as a string cell, clipped to what a cell holds; never a formula. */
export function txt(s: string | null | undefined, style: CellStyle): CellModel {
  if (s === null || s === undefined || s === '') return BARE.has(style) ? null : { style };
  const v = s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s;
  return style === PLAIN.text ? v : { value: v, style };
}

export function blank(style: CellStyle): CellModel {
  return BARE.has(style) ? null : { style };
}

export function num(v: number | null | undefined, style: CellStyle): CellModel {
  return v === null || v === undefined || Number.isNaN(v) ? blank(style) : { value: v, style };
}

export function pts(h: number | null | undefined, style: CellStyle): CellModel {
  return h === null || h === undefined ? blank(style) : { value: h2n(h), style };
}

/** Sheet names: none of []:*?/\, no quote at either end, ≤ 31 characters, unique ignoring case. */
export class SheetNames {
  private readonly used = new Set<string>();

  /** `base` cleaned and made unique; `suffix` (such as " (2)") is kept whole. */
  take(base: string, suffix = ''): string {
    const clean = base.replace(/[[\]:*?/\\\u0000-\u001F]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
    for (let n = 1; ; n++) {
      const extra = n === 1 ? '' : ` ~${n}`;
      const room = 31 - suffix.length - extra.length;
      const name = `${clean.slice(0, room).replace(/'+$/, '').trimEnd()}${extra}${suffix}`;
      const key = name.toUpperCase();
      if (!this.used.has(key) && key !== 'HISTORY') {
        this.used.add(key);
        return name;
      }
    }
  }
}

/** Width in characters that fits a text, between bounds. */
export function fit(len: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.ceil(len * 1.1) + 2));
}

export const LINE_HEIGHT = FONT_SIZE * 1.3;

/** Lines a text takes in a column of a given width (in digit widths), wrapped at words. */
export function lineCount(text: string, width: number, bold = false): number {
  const per = Math.max(1, Math.floor((width - 1) / (bold ? 1 : 0.85)));
  let lines = 0;
  for (const part of text.split('\n')) {
    let cur = 0;
    lines++;
    for (const word of part.split(' ')) {
      const len = word.length;
      if (cur === 0) cur = len;
      else if (cur + 1 + len <= per) cur += 1 + len;
      else {
        lines++;
        cur = len;
      }
      while (cur > per) {
        lines++;
        cur -= per;
      }
    }
  }
  return Math.max(1, lines);
}

/** Height of a header row whose cells wrap in columns of the given widths. */
export function headerHeight(head: readonly string[], widths: readonly number[]): number {
  let lines = 1;
  head.forEach((h, i) => {
    lines = Math.max(lines, lineCount(h, widths[i] ?? 10, true));
  });
  return Math.min(409, lines * LINE_HEIGHT + 4);
}

/**
 * A data row, with a height when a wrapped text needs more than one line: not every
 * application grows a row to fit its wrapped cells when it opens a file.
 */
export function fitRow(cells: CellModel[], widths: readonly number[]): RowModel {
  let lines = 1;
  cells.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || typeof c.value !== 'string' || !c.style?.wrap) return;
    lines = Math.max(lines, lineCount(c.value, widths[i] ?? 10, c.style.bold === true));
  });
  return lines > 1 ? { cells, height: Math.min(409, lines * LINE_HEIGHT + 2) } : cells;
}

/** Header/footer text: `&` is a code there and must be doubled. */
export function hfText(s: string, max: number): string {
  const t = s.replace(/[\r\n]+/g, ' ').replace(/&/g, '&&');
  if (t.length <= max) return t;
  let cut = t.slice(0, max - 1);
  // never end on half of a doubled &
  if ((/&+$/.exec(cut)?.[0].length ?? 0) % 2) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function printSetup(m: ReportModel, title: string, orientation: 'landscape' | 'portrait', titleRows?: readonly [number, number]): PrintSetupModel {
  return {
    paperSize: 9,
    orientation,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(titleRows ? { titleRows } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    horizontalCentered: true,
    header: `&L${hfText(m.criteria.movement.title, 110)}&R${hfText(title, 80)}`,
    footer: `&L${hfText(m.criteria.phases.find((p) => p.id === m.meta.phase)?.title ?? m.meta.phase, 60)}${m.meta.date ? ` · ${dateText(m.meta.date, m.meta.lang)}` : ''}&C${m.meta.lang === 'vi' ? 'Trang' : 'Page'} &P/&N&R${hfText(`${m.meta.tool.name} ${m.meta.tool.version}`, 40)}`,
  };
}

/**
 * Sheets holding `total` data rows under one header row, split across numbered sheets
 * ("Name", "Name (2)", …) when they do not fit one. `rows(start, end)` yields the data rows
 * of that range lazily; it is called again on every write.
 */
export function pagedSheets(
  names: SheetNames,
  base: string,
  total: number,
  perSheet: number,
  head: RowModel,
  rows: (start: number, end: number) => Iterable<RowModel>,
  shape: Omit<SheetModel, 'name' | 'rows'>,
  tail?: () => Iterable<RowModel>,
): SheetModel[] {
  const parts = Math.max(1, Math.ceil(total / perSheet));
  const out: SheetModel[] = [];
  for (let p = 0; p < parts; p++) {
    const start = p * perSheet;
    const end = Math.min(total, start + perSheet);
    const last = p === parts - 1;
    out.push({
      ...shape,
      name: names.take(base, p === 0 ? '' : ` (${p + 1})`),
      rows: function* () {
        yield head;
        yield* rows(start, end);
        if (last && tail) yield* tail();
      },
    });
  }
  return out;
}

/**
 * Per tier, how many of its first listed units the workbook reads item by item (the details
 * sheet): all of them, unless the sheet is cut for a huge roster. Past that point a unit's
 * totals, class and rank are all the workbook shows.
 */
export function detailsReach(m: ReportModel, limitsGiven: Partial<WorkbookLimits> = {}): number[] {
  const limits: WorkbookLimits = { ...DEFAULT_LIMITS, ...limitsGiven };
  let unitsAll = 0;
  for (const t of m.tiers) unitsAll += t.units.length;
  // item rows up to the cap, no further: each unit looked at is a read somewhere in memory
  let total = 0;
  if (unitsAll > limits.detailsHugeUnits) {
    for (const t of m.tiers) {
      for (let k = 0; k < t.units.length && total <= limits.detailsCap; k++) if (t.units[k]!.status === 'scored') total += t.tier.items.length;
    }
  }
  if (!(unitsAll > limits.detailsHugeUnits && total > limits.detailsCap)) return m.tiers.map((t) => t.units.length);
  let left = limits.detailsCap;
  return m.tiers.map((t) => {
    const n = t.tier.items.length;
    let k = 0;
    while (k < t.units.length && left > 0 && n > 0) if (t.units[k++]!.status === 'scored') left -= n;
    return k;
  });
}
