import { existsIn, type PhaseItem, type PhaseTier } from '../criteria/model.js';
import { formatMessage, type Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { hundredthsToNumber as h2n } from '../scoring/decimal.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import { StoreUnit, type TierStore } from '../scoring/store.js';
import type { FileLayout } from '../submissions/read.js';
import { MAX_CELL_TEXT, MAX_ROWS, type CellModel, type CellStyle, type ColumnModel, type PrintSetupModel, type RowModel, type SheetModel, type WorkbookModel } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { explain, NO_WHY } from '../scoring/explain.js';
import { whyText } from './why-words.js';
import { statisticsSheet, statisticsSheetName } from './statistics.js';
import { previousIndex, type PreviousEntry } from './previous.js';
import { firstErrors } from './summary.js';
import { awardTitles, classTitle, countText, pointsText, ruleText, words } from './words.js';
import { awardStatus, awardsText, dateText, decisionsOf, decisionsText, placeDateLine } from './decision-words.js';
import type { DecidedAward } from '../scoring/types.js';

const NO_DECISIONS: readonly DecidedAward[] = Object.freeze([]);

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

type Words = ReturnType<typeof words>;

// ---------------------------------------------------------------- styles (shared objects)

const FONT_SIZE = 12;
const BORDER = 'A6A6A6';
const HEAD: CellStyle = { bold: true, fill: 'D9E1F2', wrap: true, hAlign: 'center', vAlign: 'center', border: 'thin', borderColor: BORDER };
const TITLE: CellStyle = { bold: true, fontSize: 14 };
const SUBTITLE: CellStyle = { italic: true };
const SECTION: CellStyle = { bold: true, fontSize: 13, fontColor: '1F3864' };
const LABEL: CellStyle = { bold: true, vAlign: 'top', wrap: true, border: 'thin', borderColor: BORDER };
const NOTE: CellStyle = { italic: true, fontColor: 'C00000' };

interface Look {
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
function look(framed: boolean): Look {
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
const WRAPPED = look(true);
const PLAIN = look(false);
/** Styles whose blank cells are left out and whose text cells are bare strings. */
const BARE = new Set<CellStyle>(Object.values(PLAIN));

/** Fills of class cells, highest class first; the lowest class of a tier is always red. */
const CLASS_FILLS = ['C6EFCE', 'DDEBF7', 'FFF2CC', 'FCE4D6'];
const LOWEST_FILL = 'F8CBAD';
const classStyles = new Map<string, CellStyle>();

/** Fill colour of the i-th class of a tier of n classes. */
export function classFill(i: number, n: number): string {
  if (n > 1 && i === n - 1) return LOWEST_FILL;
  return CLASS_FILLS[Math.min(i, CLASS_FILLS.length - 1)]!;
}

function classStyle(base: CellStyle, i: number, n: number): CellStyle {
  const fill = classFill(i, n);
  const key = `${fill}\u0000${base === WRAPPED.text ? 'w' : base === HEAD ? 'h' : 'p'}`;
  let s = classStyles.get(key);
  if (!s) classStyles.set(key, (s = { ...base, fill }));
  return s;
}

type SevStyles = Record<'error' | 'warning', CellStyle>;
const sevStyles = (base: CellStyle): SevStyles => ({ error: { ...base, fill: 'F8CBAD', bold: true }, warning: { ...base, fill: 'FFF2CC' } });
/** Severity cells, framed or bare like the sheet around them. */
const SEV_STYLE = { framed: sevStyles(WRAPPED.center), bare: sevStyles(PLAIN.center) };

// ---------------------------------------------------------------- helpers

/** Input text as a string cell, clipped to what a cell holds; never a formula. */
function txt(s: string | null | undefined, style: CellStyle): CellModel {
  if (s === null || s === undefined || s === '') return BARE.has(style) ? null : { style };
  const v = s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s;
  return style === PLAIN.text ? v : { value: v, style };
}

function blank(style: CellStyle): CellModel {
  return BARE.has(style) ? null : { style };
}

function num(v: number | null | undefined, style: CellStyle): CellModel {
  return v === null || v === undefined || Number.isNaN(v) ? blank(style) : { value: v, style };
}

function pts(h: number | null | undefined, style: CellStyle): CellModel {
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
function fit(len: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.ceil(len * 1.1) + 2));
}

const LINE_HEIGHT = FONT_SIZE * 1.3;

/** Lines a text takes in a column of a given width (in digit widths), wrapped at words. */
function lineCount(text: string, width: number, bold = false): number {
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
function headerHeight(head: readonly string[], widths: readonly number[]): number {
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
function fitRow(cells: CellModel[], widths: readonly number[]): RowModel {
  let lines = 1;
  cells.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || typeof c.value !== 'string' || !c.style?.wrap) return;
    lines = Math.max(lines, lineCount(c.value, widths[i] ?? 10, c.style.bold === true));
  });
  return lines > 1 ? { cells, height: Math.min(409, lines * LINE_HEIGHT + 2) } : cells;
}

/** Header/footer text: `&` is a code there and must be doubled. */
function hfText(s: string, max: number): string {
  const t = s.replace(/[\r\n]+/g, ' ').replace(/&/g, '&&');
  if (t.length <= max) return t;
  let cut = t.slice(0, max - 1);
  // never end on half of a doubled &
  if ((/&+$/.exec(cut)?.[0].length ?? 0) % 2) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function printSetup(m: ReportModel, title: string, orientation: 'landscape' | 'portrait', titleRows?: readonly [number, number]): PrintSetupModel {
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
function pagedSheets(
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

// ---------------------------------------------------------------- Tổng hợp

interface BlockCount {
  block: string;
  registered: number | null;
  submitted: number;
  scored: number;
  rejected: number;
  notSubmitted: number;
  sum: number;
  classes: Map<string, number>;
  awards: Map<string, number>;
  ties: number;
}

function blockCounts(m: ReportModel, t: TierResult): BlockCount[] {
  const reg = new Map<string, number>();
  const listed = m.units?.filter((u) => u.tier === t.tier.id && existsIn(u.phases, m.meta.phase)) ?? [];
  for (const u of listed) reg.set(u.block ?? '', (reg.get(u.block ?? '') ?? 0) + 1);
  const by = new Map<string, BlockCount>();
  const get = (b: string): BlockCount => {
    let c = by.get(b);
    if (!c) by.set(b, (c = { block: b, registered: listed.length ? (reg.get(b) ?? 0) : null, submitted: 0, scored: 0, rejected: 0, notSubmitted: 0, sum: 0, classes: new Map(), awards: new Map(), ties: 0 }));
    return c;
  };
  for (const b of t.blocks) get(b);
  for (const b of reg.keys()) get(b);
  for (const u of t.units) {
    const c = get(u.block);
    if (u.status === 'not_submitted') c.notSubmitted++;
    else c.submitted++;
    if (u.status === 'rejected') c.rejected++;
    if (u.status === 'scored') {
      c.scored++;
      c.sum += u.total ?? 0;
      if (u.classId) c.classes.set(u.classId, (c.classes.get(u.classId) ?? 0) + 1);
    }
    for (const a of u.awards) c.awards.set(a, (c.awards.get(a) ?? 0) + 1);
    if (u.awardTies.length) c.ties++;
  }
  return [...by.values()];
}

function summarySheet(m: ReportModel, w: Words, name: string): SheetModel {
  const lang = m.meta.lang;
  const L = WRAPPED;
  const fixed = [w.block, w.registered, w.submitted, w.scored, w.rejected, w.notSubmitted, w.mean];
  const widths = [30, 11, 11, 11, 11, 11, 12];
  let width = fixed.length;
  for (const t of m.tiers) width = Math.max(width, fixed.length + t.tier.classes.length + t.tier.awards.length + (t.tier.awards.length ? 1 : 0));
  const columns: ColumnModel[] = [];
  for (let i = 0; i < width; i++) columns.push({ width: widths[i] ?? 16 });
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  const rows: RowModel[] = [];
  const push = (...more: RowModel[]): void => {
    rows.push(...more);
  };
  push({ cells: [{ value: m.criteria.movement.title, style: TITLE }], height: 22 });
  push([{ value: `${w.phase}: ${phase?.title ?? m.meta.phase} (${m.meta.phase})${m.meta.date ? ` · ${w.date}: ${dateText(m.meta.date, m.meta.lang)}` : ''} · ${m.criteria.movement.issuer}`, style: SUBTITLE }]);
  push([
    {
      value:
        lang === 'vi'
          ? 'Khen thưởng trong bảng là đề nghị để Hội đồng Thi đua – Khen thưởng xem xét, quyết định. Chi tiết từng đơn vị ở các trang "Xếp hạng", từng tiêu chí ở trang "Chi tiết".'
          : 'Awards are proposals for the board to decide. Each unit is on the "Ranking" sheets, each item on the "Details" sheet.',
      style: SUBTITLE,
    },
  ]);
  for (const t of m.tiers) {
    push([]);
    const tier = t.tier;
    push({ cells: [{ value: `${tier.title} (${tier.id}) — ${w.maxPoints.toLowerCase()} ${pointsText(tier.max, lang)}; ${tier.rankBy === 'block' ? w.rankByBlock : w.rankByTier}`, style: SECTION }], height: 20 });
    const head = [...fixed, ...tier.classes.map((c) => c.title), ...tier.awards.map((a) => `${w.awards}: ${a.title}`), ...(tier.awards.length ? [w.awardTiesCount] : [])];
    const hw = head.map((_, i) => columns[i]?.width ?? 16);
    push({
      cells: head.map((h, i) => ({ value: h, style: i >= fixed.length && i < fixed.length + tier.classes.length ? classStyle(HEAD, i - fixed.length, tier.classes.length) : HEAD })),
      height: headerHeight(head, hw),
    });
    const counts = blockCounts(m, t);
    const hasBlocks = counts.some((c) => c.block !== '');
    const line = (c: BlockCount | null, label: string): RowModel => {
      const s = t.stats;
      const bold = c === null;
      const st = bold ? { t: L.bold, i: L.boldInt, p: L.boldPts } : { t: L.text, i: L.int, p: L.pts };
      const cells: CellModel[] = [
        txt(label, st.t),
        num(c ? c.registered : s.registered, st.i),
        num(c ? c.submitted : s.submitted, st.i),
        num(c ? c.scored : s.scored, st.i),
        num(c ? c.rejected : s.rejected, st.i),
        num(c ? c.notSubmitted : s.not_submitted, st.i),
        pts(c ? (c.scored ? Math.round(c.sum / c.scored) : null) : s.mean, st.p),
      ];
      for (const cl of tier.classes) cells.push(num(c ? (c.classes.get(cl.id) ?? 0) : (s.classes[cl.id] ?? 0), st.i));
      for (const a of tier.awards) cells.push(num(c ? (c.awards.get(a.id) ?? 0) : (s.awards[a.id] ?? 0), st.i));
      if (tier.awards.length) cells.push(num(c ? c.ties : t.units.reduce((n, u) => n + (u.awardTies.length ? 1 : 0), 0), st.i));
      return fitRow(cells, hw);
    };
    if (hasBlocks) for (const c of counts) push(line(c, c.block === '' ? w.noBlock : c.block));
    push(line(null, w.wholeTier));
  }
  if (!m.tiers.length) push([], [{ value: lang === 'vi' ? 'Không có đối tượng nào được chấm.' : 'No tier was scored.', style: NOTE }]);
  return {
    name,
    columns,
    rows,
    view: { showGridLines: false },
    print: printSetup(m, name, 'landscape'),
  };
}

// ---------------------------------------------------------------- Xếp hạng – <tier>

function rankingSheets(m: ReportModel, w: Words, names: SheetNames, t: TierResult, prev: Map<string, PreviousEntry> | null, errors: Map<string, Diagnostic>, limits: WorkbookLimits): SheetModel[] {
  const lang = m.meta.lang;
  const tier = t.tier;
  const L = t.units.length > limits.wrapRowsMax ? PLAIN : WRAPPED;
  // a tier small enough to frame is one a board prints and signs: its ranking sheet keeps to
  // what fits A4 at 9 pt or more, by block, with a date and signature block under it
  const printable = L === WRAPPED;
  const top = tier.groups;
  const groups = [...top.filter((g) => g.kind === 'regular'), ...top.filter((g) => g.kind === 'bonus'), ...top.filter((g) => g.kind === 'penalty')];
  const head: string[] = [w.rank, w.unitId, w.unitName, w.block, w.total];
  const widths: number[] = [printable ? 5 : 7, 0, 0, 0, printable ? 7 : 10];
  // Δ columns of a printable ranking are on the group sheet
  const prevHere = printable ? null : prev;
  if (prevHere) {
    head.push(w.deltaTotal, w.deltaRank);
    widths.push(9, 8);
  }
  // per-group points, self points and their difference are on the group sheet: with them the
  // ranking printed at about 6 pt on A4; without them it prints at 9 pt or more (issue 19)
  const groupsHere = printable ? [] : groups;
  for (const g of groupsHere) {
    const deducted = g.kind === 'penalty' ? (lang === 'vi' ? 'bị trừ, ' : 'deducted, ') : '';
    head.push(`${g.id}. ${g.title}\n(${deducted}${w.max} ${pointsText(g.max, lang)})`);
    // a long group title gets a wider column, so its header takes about four lines
    widths.push(Math.max(12, Math.min(22, Math.ceil(g.title.length / 4) + 3)));
  }
  // a printable ranking says ties and failed critical items in its note column
  head.push(w.class, w.awards, ...(printable ? [] : [w.awardTies, w.criticalFailed, w.selfTotal, w.selfDiff]), w.why, w.note);
  let idLen = w.unitId.length;
  let nameLen = 12;
  let blockLen = 0;
  for (const u of t.units) {
    if (u.id.length > idLen) idLen = u.id.length;
    if (u.name.length > nameLen) nameLen = u.name.length;
    if (u.block.length > blockLen) blockLen = u.block.length;
  }
  widths[1] = printable ? fit(idLen, 8, 10) : fit(idLen, 9, 18);
  widths[2] = fit(nameLen, 16, printable ? 24 : 42);
  widths[3] = blockLen ? fit(blockLen, 8, printable ? 12 : 22) : 7;
  const classLen = Math.max(10, ...tier.classes.map((c) => c.title.length));
  const awardLen = Math.max(12, ...tier.awards.map((a) => a.title.length));
  // block, class, awards, ties and failed critical items repeat down a million rows: written
  // once each in the shared strings table (about an eighth of the sheet's XML)
  const sharedFrom = widths.length;
  if (printable) widths.push(fit(classLen, 12, 14), fit(awardLen, 14, 18), 28, 15);
  else widths.push(fit(classLen, 12, 30), fit(awardLen, 14, 30), fit(awardLen, 14, 24), 12, 10, 12, 48, 34);
  const columns: ColumnModel[] = widths.map((x, i) => (i === 3 || (i >= sharedFrom && i < sharedFrom + 4) ? { width: x, shared: true } : { width: x }));
  // ranked by block, a printable ranking has a heading row over each block: the column stays
  // (for filtering) but neither shows nor prints
  if (printable && tier.rankBy === 'block') columns[3] = { ...columns[3], hidden: true };
  // a huge sheet gives its numbers bare, formatted by their column
  const bare = L === PLAIN;
  if (bare) {
    const numberStyles = [L.center, undefined, undefined, undefined, L.pts, ...(prevHere ? [L.delta, L.deltaInt] : []), ...groups.map(() => L.pts)];
    numberStyles[sharedFrom + 4] = L.pts;
    numberStyles[sharedFrom + 5] = L.delta;
    // points go bare as their hundredths, written as decimals by the writer
    numberStyles.forEach((st, i) => {
      if (st) columns[i] = { ...columns[i], numberStyle: st, ...(st === L.pts || st === L.delta ? { hundredths: true } : {}) };
    });
  }
  const numCell = (v: number | null, style: CellStyle): CellModel => (bare ? (v === null || Number.isNaN(v) ? null : v) : num(v, style));
  const ptsCell = (h: number | null, style: CellStyle): CellModel => (bare ? h : pts(h, style));
  // one cell object per class, read by the writer and never changed
  const classCell = new Map(tier.classes.map((c, i) => [c.id, { cell: { value: c.title, style: classStyle(L.text, i, tier.classes.length) } }]));
  const headRow: RowModel = { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) };

  // each shown group's place in a store's group columns, looked up once per store
  let gStore: TierStore | null = null;
  let gCols: number[] = [];
  const groupColumns = (st: TierStore): number[] => {
    if (st !== gStore) {
      gStore = st;
      gCols = groups.map((g) => st.plan.index.get(g.id)!);
    }
    return gCols;
  };
  // a bare sheet's rows are one array refilled (the writer keeps no row): a million arrays of
  // twenty cells were most of the workbook thread's garbage
  const reused: CellModel[] = [];
  const unitRow = (u: ScoredUnit): RowModel => {
    // each figure read once: a stored unit makes its fields on every read
    const scored = u.status === 'scored';
    const id = u.id;
    const rank = u.rank;
    const total = u.total;
    const selfTotal = u.selfTotal;
    const classId = u.classId;
    const awards = u.awards;
    const ties = u.awardTies;
    const critical = u.criticalFailed;
    const cells: CellModel[] = bare ? reused : [];
    let c = 0;
    cells[c++] = numCell(rank, L.center);
    cells[c++] = txt(id, L.text);
    cells[c++] = txt(u.name, L.text);
    cells[c++] = txt(u.block, L.text);
    cells[c++] = ptsCell(total, L.pts);
    const p = prev && scored ? prev.get(id) : undefined;
    if (prevHere) {
      cells[c++] = p && total !== null ? ptsCell(total - p.total, L.delta) : blank(L.delta);
      cells[c++] = p && p.rank !== null && rank !== null ? numCell(p.rank - rank, L.deltaInt) : blank(L.deltaInt);
    }
    if (groupsHere.length) {
      if (scored && u instanceof StoreUnit) {
        // straight from the tier's columns, without a map of groups made for every row
        const st = u.store;
        const at = u.slot * st.g;
        const gi = groupColumns(st);
        for (let k = 0; k < gi.length; k++) cells[c++] = ptsCell(st.groupPoints[at + gi[k]!]!, L.pts);
      } else {
        const gp = scored ? u.groups : null;
        for (const g of groupsHere) cells[c++] = gp ? ptsCell(gp.get(g.id) ?? 0, L.pts) : blank(L.pts);
      }
    }
    const cls = classId === null ? undefined : classCell.get(classId);
    cells[c++] = cls ? cls.cell : txt(classTitle(tier, classId), L.text);
    const decided = t.decisions ? decisionsOf(t, u) : NO_DECISIONS;
    cells[c++] = txt(awards.length ? (decided.length ? awardsText(tier, awards, decided, lang) : awardTitles(tier, awards)) : '', L.text);
    if (!printable) {
      cells[c++] = txt(ties.length ? awardTitles(tier, ties) : '', L.text);
      cells[c++] = txt(critical.length ? critical.join(', ') : '', L.text);
      cells[c++] = ptsCell(selfTotal, L.pts);
      cells[c++] = selfTotal !== null && total !== null ? ptsCell(total - selfTotal, L.delta) : blank(L.delta);
    }
    const why = scored ? explain(t, u) : NO_WHY;
    // the council's decisions join the reasons (SPEC §12: marked as decided, with the reason)
    const reasons = [...(why.length ? [whyText(tier, why, lang)] : []), ...(decided.length ? [decisionsText(tier, decided, lang)] : [])];
    cells[c++] = txt(reasons.join('; '), L.text);
    let note = '';
    if (u.status === 'not_submitted') note = w.statusWord.not_submitted;
    if (u.status === 'rejected') {
      // the sheet abbreviates; the notice and results.json list every error
      const d = errors.get(`${tier.id}\u0000${u.id}`) ?? u.input?.errors[0];
      const more = (u.input?.errors.length ?? 0) - 1;
      note = `${w.statusWord.rejected}${d ? `: ${formatMessage(d, lang)}` : ''}${more > 0 ? ` (${w.moreErrors(String(more))})` : ''}`;
    }
    if (p && (p.from !== u.id || p.sources.length > 1)) note = `${note ? `${note}; ` : ''}${w.comparedWith}: ${p.sources.join(', ')}`;
    if (printable && critical.length) note = `${note ? `${note}; ` : ''}${w.criticalFailed}: ${critical.join(', ')}`;
    if (printable && ties.length) note = `${note ? `${note}; ` : ''}${w.awardTies}: ${awardTitles(tier, ties)}`;
    cells[c++] = txt(note, L.text);
    cells.length = c;
    return L === WRAPPED ? fitRow(cells, widths) : cells;
  };

  const base = `${w.rankingSheet} – ${tier.id}`;
  return pagedSheets(
    names,
    base,
    t.units.length,
    limits.rowsPerSheet,
    headRow,
    function* (start, end) {
      let block: string | null = null;
      for (let i = start; i < end; i++) {
        const u = t.units[i]!;
        // blocks visibly apart on a printed ranking: a heading row over each one
        if (printable && tier.rankBy === 'block' && u.block !== block) {
          block = u.block;
          yield { cells: [{ value: `${w.block}: ${block === '' ? w.noBlock : block}`, style: BLOCK_HEAD }, ...head.slice(1).map(() => ({ style: BLOCK_HEAD }))], height: LINE_HEIGHT + 6 };
        }
        yield unitRow(u);
      }
    },
    {
      columns,
      freeze: { rows: 1, cols: 3 },
      autoFilter: { headerRow: 1 },
      print: printable ? { ...printSetup(m, `${tier.title} (${tier.id})`, 'landscape', [1, 1]), fitToWidth: 1, fitToHeight: 0 } : printSetup(m, `${tier.title} (${tier.id})`, 'landscape', [1, 1]),
    },
    printable ? () => signatureRows(m, head.length) : undefined,
  );
}

const BLOCK_HEAD: CellStyle = { bold: true, fill: 'F2F2F2', border: 'medium', borderColor: '404040', vAlign: 'center' };
const CENTER_BOLD: CellStyle = { bold: true, hAlign: 'center' };
const CENTER_ITALIC: CellStyle = { italic: true, hAlign: 'center' };

/**
 * Under a printed table: the place and date ("Gia Lai, ngày 15 tháng 12 năm 2025", or blanks
 * to fill by hand) and two signatures, the clerk who made the table on the left and the head
 * of the body on the right, with room to sign.
 */
export function signatureRows(m: ReportModel, width: number): RowModel[] {
  const vi = m.meta.lang === 'vi';
  const mv = m.criteria.movement as typeof m.criteria.movement & { place?: string };
  const right = Math.max(3, width - 3);
  const pair = (left: string, r: string, style: CellStyle): CellModel[] => {
    const cells: CellModel[] = [];
    cells[2] = { value: left, style };
    cells[right] = { value: r, style };
    return cells;
  };
  const date: CellModel[] = [];
  date[right] = { value: placeDateLine(mv.place, m.meta.date, m.meta.lang), style: CENTER_ITALIC };
  return [
    [],
    date,
    pair(vi ? 'NGƯỜI LẬP BẢNG' : 'PREPARED BY', vi ? 'THỦ TRƯỞNG CƠ QUAN' : 'HEAD OF THE BODY', CENTER_BOLD),
    pair(vi ? '(Ký, ghi rõ họ tên)' : '(Signature, full name)', vi ? '(Ký, ghi rõ họ tên, đóng dấu)' : '(Signature, full name, seal)', CENTER_ITALIC),
    { cells: [], height: 60 },
    pair('……………………', '……………………', CENTER_BOLD),
  ];
}

// ---------------------------------------------------------------- Điểm nhóm – <tier>

/**
 * Per-group points, self points and their difference of a tier whose ranking sheet is kept
 * printable: the columns that made the ranking print at 6 pt, on a sheet of their own.
 */
function groupSheet(m: ReportModel, w: Words, names: SheetNames, t: TierResult, prev: Map<string, PreviousEntry> | null): SheetModel {
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

// ---------------------------------------------------------------- Danh sách đề nghị khen thưởng

/**
 * One sheet per award of a tier (issue 19): the units that hold it — proposed, or granted by
 * the council — and those the council withheld it from or that tie at the quota's edge, by
 * block, with STT, unit, block, points, class, rank, proposed / decided and the reason; then
 * the date and signature block.
 */
function awardListSheets(m: ReportModel, w: Words, names: SheetNames, t: TierResult): SheetModel[] {
  const lang = m.meta.lang;
  const vi = lang === 'vi';
  const tier = t.tier;
  const L = WRAPPED;
  const byId = new Map<string, ScoredUnit>();
  for (const u of t.units) if (u.status === 'scored') byId.set(u.id, u);
  const head = [vi ? 'STT' : 'No.', w.unitId, w.unitName, w.block, w.total, w.class, w.rank, vi ? 'Đề nghị / Quyết định' : 'Proposed / decided', vi ? 'Lý do' : 'Reason'];
  const widths = [6, 12, 32, 20, 9, 20, 7, 22, 36];
  const out: SheetModel[] = [];
  for (const a of tier.awards) {
    const rows: RowModel[] = [
      { cells: [{ value: vi ? 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG' : 'LIST OF UNITS PROPOSED FOR AWARDS', style: TITLE }], height: 22 },
      [{ value: `${a.title} – ${tier.title} (${tier.id})`, style: SECTION }],
      [{ value: `${w.phase}: ${m.criteria.phases.find((p) => p.id === m.meta.phase)?.title ?? m.meta.phase}`, style: SUBTITLE }],
      { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) },
    ];
    let n = 0;
    for (const l of t.awardLists) {
      if (l.award !== a.id) continue;
      const decided = new Map((l.decided ?? []).map((d) => [d.unit, d]));
      const listed: [string, string, string][] = [];
      for (const id of l.units) {
        const d = decided.get(id);
        listed.push([id, awardStatus(d, lang), d?.reason ?? '']);
      }
      for (const d of l.decided ?? []) if (!d.grant) listed.push([d.unit, awardStatus(d, lang), d.reason]);
      for (const id of l.ties) listed.push([id, w.awardTies, vi ? 'Bằng điểm tại ranh giới chỉ tiêu' : 'Tied at the edge of the quota']);
      for (const [id, status, reason] of listed) {
        const u = byId.get(id);
        if (!u) continue;
        rows.push(fitRow([num(++n, L.center), txt(u.id, L.text), txt(u.name, L.text), txt(u.block || w.noBlock, L.text), pts(u.total, L.pts), txt(classTitle(tier, u.classId), L.text), num(u.rank, L.center), txt(status, L.text), txt(reason, L.text)], widths));
      }
    }
    if (n === 0) rows.push([{ value: vi ? 'Không có đơn vị nào.' : 'No unit.', style: NOTE }]);
    rows.push(...signatureRows(m, head.length));
    out.push({
      name: names.take(`${w.awardListSheet} – ${tier.id} – ${a.id}`),
      columns: widths.map((x) => ({ width: x })),
      rows,
      view: { showGridLines: false },
      print: { ...printSetup(m, `${a.title} – ${tier.id}`, 'landscape', [4, 4]), fitToWidth: 1, fitToHeight: 0 },
    });
  }
  return out;
}

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

function detailsSheets(m: ReportModel, w: Words, names: SheetNames, limits: WorkbookLimits): SheetModel[] {
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

// ---------------------------------------------------------------- Lỗi và cảnh báo

function problemSheets(m: ReportModel, w: Words, names: SheetNames, limits: WorkbookLimits): SheetModel[] {
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

// ---------------------------------------------------------------- Kiểm tra

function auditSheet(m: ReportModel, w: Words, name: string): SheetModel {
  const lang: Lang = m.meta.lang;
  const vi = lang === 'vi';
  const L = WRAPPED;
  const widths = [36, 68, 12, 12, 12, 12, 12, 12, 12, 16];
  const rows: RowModel[] = [];
  const kv = (k: string, v: string | number): void => {
    rows.push(fitRow([txt(k, LABEL), typeof v === 'number' ? num(v, L.int) : txt(v, L.text)], widths));
  };
  rows.push({ cells: [{ value: w.auditSheet, style: TITLE }], height: 22 });
  kv(w.tool, `${m.meta.tool.name} ${m.meta.tool.version}`);
  kv(w.movement, `${m.criteria.movement.title} (${m.meta.movement})`);
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  kv(w.phase, `${phase?.title ?? m.meta.phase} (${m.meta.phase})`);
  kv(w.date, dateText(m.meta.date, m.meta.lang) ?? w.noDate);
  kv(w.language, m.meta.lang);
  kv(w.criteriaFile, m.meta.criteria.path);
  kv('SHA-256', m.meta.criteria.sha256);
  kv(w.unitsFile, m.meta.units?.path ?? w.none);
  if (m.meta.units) kv('SHA-256', m.meta.units.sha256);
  if (m.previous !== null && m.previous !== undefined) {
    const p = m.previous as { phase?: unknown; inputs?: unknown };
    kv(w.previous, typeof p.phase === 'string' ? p.phase : '?');
  }
  kv(w.rowsRead, m.rowsRead);
  rows.push([]);
  rows.push([{ value: `${w.inputs} (${countText(m.meta.inputs.length, lang)})`, style: SECTION }]);
  rows.push([
    { value: w.file, style: HEAD },
    { value: 'SHA-256', style: HEAD },
  ]);
  for (const i of m.meta.inputs) rows.push(fitRow([txt(i.path, L.text), txt(i.sha256, L.text)], widths));
  rows.push([]);
  rows.push([{ value: w.countsPerTier, style: SECTION }]);
  const head = [w.tierId, w.tierTitle, w.registered, w.received, w.scored, w.rejected, w.notSubmitted, w.duplicates, w.unitUnknown, w.balance];
  rows.push({ cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head.slice(2), widths.slice(2)) });
  const dup = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const d of m.diagnostics) {
    if (d.code === 'duplicate-entry') dup.set(d.tier ?? '', (dup.get(d.tier ?? '') ?? 0) + 1);
    if (d.code === 'unit-unknown') unknown.set(d.tier ?? '', (unknown.get(d.tier ?? '') ?? 0) + 1);
  }
  for (const t of m.tiers) {
    const s = t.stats;
    const ok = s.submitted === s.scored + s.rejected;
    rows.push(fitRow([
      txt(t.tier.id, L.text),
      txt(t.tier.title, L.text),
      num(s.registered, L.int),
      num(s.submitted, L.int),
      num(s.scored, L.int),
      num(s.rejected, L.int),
      num(s.not_submitted, L.int),
      num(dup.get(t.tier.id) ?? 0, L.int),
      num(unknown.get(t.tier.id) ?? 0, L.int),
      { value: ok ? w.ok : w.mismatch, style: ok ? L.center : SEV_STYLE.framed.error },
    ], widths));
  }
  rows.push([]);
  rows.push([{ value: w.diagnosticCounts, style: SECTION }]);
  rows.push([
    { value: w.code, style: HEAD },
    { value: w.severity, style: HEAD },
    { value: w.count, style: HEAD },
  ]);
  const byCode = new Map<string, { sev: 'error' | 'warning'; n: number }>();
  for (const d of m.diagnostics) {
    const c = byCode.get(d.code);
    if (c) c.n++;
    else byCode.set(d.code, { sev: d.severity, n: 1 });
  }
  for (const [code, c] of [...byCode].sort((a, b) => (a[1].sev === b[1].sev ? (a[0] < b[0] ? -1 : 1) : a[1].sev === 'error' ? -1 : 1))) {
    rows.push([txt(code, L.text), { value: c.sev === 'error' ? w.error : w.warning, style: SEV_STYLE.framed[c.sev] }, num(c.n, L.int)]);
  }
  if (!byCode.size) rows.push([{ value: vi ? 'Không có lỗi hay cảnh báo nào.' : 'No problems found.', style: SUBTITLE }]);
  return {
    name,
    columns: widths.map((x) => ({ width: x })),
    rows,
    view: { showGridLines: false },
    print: printSetup(m, name, 'landscape'),
  };
}
