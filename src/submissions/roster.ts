/**
 * Reading a roster (the many-rows layout): one row per unit under a header naming the unit id
 * column and one column per item, read as cells, or, for the plain rows of a big roster, as
 * numbers handed straight to the sink (`ReadSink.rosterRow`) without a report per unit.
 */
import type { PhaseItem, PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { colName } from '../workbook/cells.js';
import type { Cell, CellFormat, NumberLane } from '../workbook/types.js';
import { DEFAULT_LIMITS } from '../workbook/limits.js';
import { readItem, rangeProblem, smallRatesCount } from './item.js';
import { convertLegacy, looksLegacy } from './legacy.js';
import type { FileLayout, ReadContext, ReadSink, Skip, UnitReport } from './read.js';
import { byRef, cellText, checkDigest, type Labels, mk, tooLongCell } from './sheet.js';
import { isTotalLabel, matchAny, ROSTER_COLUMNS } from './text.js';
import { percentOf } from '../util/decimal.js';

/** A roster's header row: the unit's and other named columns, and the columns of one tier's items. */
export type RosterHeader = {
  kind: 'roster';
  tier: string;
  unit: number;
  name?: number;
  block?: number;
  parent?: number;
  /** Column → item index. */
  items: Map<number, number>;
  /** The same as two arrays, in the same order: a million rows walk them without an iterator. */
  itemCols: number[];
  itemIdx: number[];
  unknown: Map<number, string>;
};

/** A roster being read: its tier, header and layout, the same for every row. */
export interface RosterState {
  tier: PhaseTier;
  h: RosterHeader;
  layout: FileLayout;
}

/** The item id at the start of a roster header: "1.2 – Tỷ lệ…" → "1.2". */
function headerId(text: string): string {
  // "1.2 – Tỷ lệ…", "1.2: …", "1.2 (…)", "1.2. Tỷ lệ…"
  return text.split(/\s+[–—-]\s+|\s*[:(–—]\s*|\s+|\n/)[0]!.trim().replace(/[.\-]+$/, '');
}

const ID_LIKE = /^[A-Za-z]{0,3}\d+(\.\d+)*[a-z]?$/;

/** The roster header in a row: a unit-id column and the tier (of `candidates`) whose items it names most. */
export function rosterHeader(cells: Cell[], candidates: PhaseTier[]): RosterHeader | undefined {
  let unit: number | undefined;
  let name: number | undefined;
  let block: number | undefined;
  let parent: number | undefined;
  const texts = new Map<number, string>();
  for (const c of cells) {
    const t = cellText(c);
    if (!t) continue;
    if (parent === undefined && matchAny(t, ROSTER_COLUMNS.parent)) parent = c.col;
    else if (unit === undefined && matchAny(t, ROSTER_COLUMNS.unit)) unit = c.col;
    else if (name === undefined && matchAny(t, ROSTER_COLUMNS.name)) name = c.col;
    else if (block === undefined && matchAny(t, ROSTER_COLUMNS.block)) block = c.col;
    else texts.set(c.col, t);
  }
  if (unit === undefined) return undefined;
  let best: RosterHeader | undefined;
  for (const tier of candidates) {
    const items = new Map<number, number>();
    const unknown = new Map<number, string>();
    for (const [col, t] of texts) {
      const id = headerId(t);
      const idx = tier.items.findIndex((it) => it.id === id);
      if (idx >= 0) items.set(col, idx);
      else if (ID_LIKE.test(id) && !tier.groupById.has(id)) unknown.set(col, id);
    }
    if (items.size && (!best || items.size > best.items.size)) {
      best = { kind: 'roster', tier: tier.id, unit, ...(name !== undefined ? { name } : {}), ...(block !== undefined ? { block } : {}), ...(parent !== undefined ? { parent } : {}), items, itemCols: [...items.keys()], itemIdx: [...items.values()], unknown };
    }
  }
  return best;
}

/** Texts seen not to be TCVN3/VNI (when no font said so). */
const plainText = new Set<string>();

/**
 * Whether text can never be TCVN3/VNI: plain printable ASCII, or holding any letter past
 * U+00FF. One pass over its characters, rather than two regular expressions over each of the
 * names and villages of a roster.
 */
export function neverLegacy(t: string): boolean {
  let ascii = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x100) return true;
    if (c < 0x20 || c > 0x7e) ascii = false;
  }
  return ascii;
}

/** Text of a cell, converted from TCVN3/VNI when its font or its look says so. */
function unitText(c: Cell | undefined, path: string, sheet: string, warn: (d: Diagnostic) => void): string {
  const plain = plainUnitText(c);
  if (plain !== undefined || !c) return plain ?? '';
  const t = cellText(c);
  const enc = c.legacyFont ?? looksLegacy(t);
  if (!enc) {
    // village names repeat on every row of a roster: looked at once each
    if (plainText.size > 100_000) plainText.clear();
    plainText.add(t);
    return t;
  }
  const out = convertLegacy(t, enc).normalize('NFC');
  if (out !== t) warn(mk('legacy-encoding', path, { encoding: enc, font: c.legacyFont ? enc : '?', text: out }, { sheet, cell: `${colName(c.col)}${c.row}` }));
  return out;
}

/**
 * Starts a roster under its header: its layout, the item columns no item of the tier matches,
 * the phase label's findings (`phaseErr`, which stop the sheet) and the criteria digest.
 */
export function beginRoster(
  header: RosterHeader,
  headerRow: number,
  sheet: string,
  path: string,
  ctx: ReadContext,
  labels: Labels,
  sink: ReadSink,
  phaseErr: Diagnostic[],
): { skip?: Skip; roster?: RosterState; fatal?: boolean } {
  const tier = ctx.tiers.get(header.tier)!;
  if (ctx.tierFilter && ctx.tierFilter !== tier.id) return { skip: { skipped: true, tier: tier.id } };
  const valueCol: (string | undefined)[] = new Array(tier.items.length);
  for (const [col, idx] of header.items) valueCol[idx] = colName(col);
  const layout: FileLayout = { path, sheet, tier: tier.id, layout: 'roster', valueCol, unitCol: colName(header.unit), ...(labels.parent ? { parent: labels.parent } : {}) };
  sink.layout(layout);
  for (const [col, id] of header.unknown) {
    sink.diag(mk('unknown-item', path, { item: id, tier: tier.id, phase: ctx.phase }, { sheet, cell: `${colName(col)}${headerRow}`, tier: tier.id }));
  }
  for (const d of phaseErr) sink.diag({ ...d, tier: tier.id });
  if (phaseErr.length) return { roster: { tier, h: header, layout }, fatal: true };
  checkDigest(ctx, tier.id, labels, path, sheet, sink);
  return { roster: { tier, h: header, layout } };
}

/**
 * The number lane for a roster's rows ({@link plainRosterRow}), or null when the sink takes no
 * plain rows or a header gives an item the unit's, name's, block's or parent's column (such
 * rows are read as cells). `counted` is told of each row the lane takes.
 */
export function plainLane(roster: RosterState, ctx: ReadContext, sink: ReadSink, stopped: () => boolean, counted: () => void): NumberLane | null {
  const { tier, h } = roster;
  if (!sink.rosterRow || [h.unit, h.name, h.block, h.parent].some((col) => col !== undefined && h.items.has(col))) return null;
  return {
    cols: h.itemCols,
    onRow: (row, rest, nums, fmts) => {
      if (stopped() || !plainRosterRow(tier, h, row, rest, nums, fmts, ctx, sink)) return false;
      counted();
      return true;
    },
  };
}

/** One row of a roster: a unit, a blank row, or a total row left aside. */
export function rosterRow(
  tier: PhaseTier,
  h: RosterHeader,
  layout: FileLayout,
  r: number,
  cells: Cell[],
  ctx: ReadContext,
  sink: ReadSink,
  warn: (d: Diagnostic) => void,
): void {
  const m = byRef(cells);
  const { path, sheet } = layout;
  if (tooLongCell(cells) && rosterTooLong(tier, h, layout, r, cells, m, sink)) return;
  const id = cellText(m.get(h.unit));
  if (!id) {
    let any = false;
    for (const col of h.items.keys()) if (cellText(m.get(col)) !== '' || m.get(col)?.value.t === 'formula-no-value') any = true;
    if (any) sink.diag(mk('unit-unknown', path, {}, { sheet, cell: `${colName(h.unit)}${r}`, tier: tier.id }));
    return;
  }
  if (TOTAL_START.test(id) && isTotalLabel(id) && !ctx.units?.has(id)) return;
  const name = h.name !== undefined ? unitText(m.get(h.name), path, sheet, warn) || null : null;
  const block = h.block !== undefined ? unitText(m.get(h.block), path, sheet, warn) || null : null;
  const parent = h.parent !== undefined ? cellText(m.get(h.parent)) || null : null;
  if (sink.rosterRow) {
    const values = scratch(tier.items.length);
    let plain = true;
    const cols = h.itemCols;
    const idxs = h.itemIdx;
    for (let k = 0; k < cols.length; k++) {
      const idx = idxs[k]!;
      const v = plainValue(m.get(cols[k]!), tier.items[idx]!);
      if (v === undefined) {
        plain = false;
        break;
      }
      values[idx] = v;
    }
    if (plain && sink.rosterRow(tier.id, id, name, block, parent, r, values)) return;
  }
  const report: UnitReport = {
    tier: tier.id,
    unit: id,
    unitCell: `${colName(h.unit)}${r}`,
    name,
    block,
    parent,
    items: new Map(),
    selfTotal: null,
    errors: [],
    warnings: [],
  };
  for (const [col, idx] of h.items) {
    const item = tier.items[idx]!;
    report.items.set(idx, readItem(item, r, m.get(col), layout.valueCol[idx], undefined, undefined, undefined, undefined, report, path, sheet));
  }
  sink.unit(report);
}

/**
 * A roster row with a cell too long to read: `too-large` at that cell; the row's unit, when its
 * id can be read, is rejected with it, and the other rows count as usual (SPEC §8).
 */
function rosterTooLong(tier: PhaseTier, h: RosterHeader, layout: FileLayout, r: number, cells: Cell[], m: { get(col: number): Cell | undefined }, sink: ReadSink): boolean {
  const long = tooLongCell(cells)!;
  const cell = `${colName(long.col)}${r}`;
  const args = { reason: 'cell-text', limit: DEFAULT_LIMITS.maxStringLength };
  const id = long.col === h.unit ? '' : cellText(m.get(h.unit));
  if (!id) {
    sink.diag(mk('too-large', layout.path, args, { sheet: layout.sheet, cell, tier: tier.id }));
    return true;
  }
  sink.unit({
    tier: tier.id,
    unit: id,
    unitCell: `${colName(h.unit)}${r}`,
    name: h.name !== undefined && h.name !== long.col ? cellText(m.get(h.name)) || null : null,
    block: h.block !== undefined && h.block !== long.col ? cellText(m.get(h.block)) || null : null,
    items: new Map(),
    selfTotal: null,
    errors: [mk('too-large', layout.path, args, { sheet: layout.sheet, cell, unit: id, tier: tier.id })],
    warnings: [],
  });
  return true;
}

/**
 * {@link rosterRow} for a row whose item cells came as numbers (`NumberLane`), when it is the
 * plain case: an id that is not a total label, a name and block that are not legacy text,
 * every item value plain, and a unit the sink takes as it is. Anything else returns false
 * having done nothing, and the row is read as cells. On a million-row roster this skips twelve
 * million cell objects and the lookups on them.
 */
function plainRosterRow(tier: PhaseTier, h: RosterHeader, r: number, rest: Cell[], nums: Float64Array, fmts: CellFormat[], ctx: ReadContext, sink: ReadSink): boolean {
  if (tooLongCell(rest)) return false;
  let unitCell: Cell | undefined;
  let nameCell: Cell | undefined;
  let blockCell: Cell | undefined;
  let parentCell: Cell | undefined;
  // as byRef: the last cell of a column counts
  for (const c of rest) {
    if (c.col === h.unit) unitCell = c;
    else if (c.col === h.name) nameCell = c;
    else if (c.col === h.block) blockCell = c;
    else if (c.col === h.parent) parentCell = c;
  }
  const id = cellText(unitCell);
  if (!id || (TOTAL_START.test(id) && isTotalLabel(id) && !ctx.units?.has(id))) return false;
  const name = h.name !== undefined ? plainUnitText(nameCell) : null;
  const block = h.block !== undefined ? plainUnitText(blockCell) : null;
  if (name === undefined || block === undefined) return false;
  const values = scratch(tier.items.length);
  const idxs = h.itemIdx;
  for (let k = 0; k < idxs.length; k++) {
    const v = nums[k]!;
    const x = Number.isNaN(v) ? NaN : plainNumber(v, fmts[k]!, tier.items[idxs[k]!]!);
    if (x === undefined) return false;
    values[idxs[k]!] = x;
  }
  return sink.rosterRow!(tier.id, id, name || null, block || null, h.parent !== undefined ? cellText(parentCell) || null : null, r, values);
}

/**
 * {@link unitText} when it is the text as it stands (no legacy conversion to tell of); undefined
 * otherwise. The fast path for a million names: plain ASCII, or any letter past U+00FF, is
 * never legacy text.
 */
function plainUnitText(c: Cell | undefined): string | undefined {
  const t = cellText(c);
  if (!t || !c) return t;
  return !c.legacyFont && (neverLegacy(t) || plainText.has(t)) ? t : undefined;
}

/**
 * What a total row's label can start with before folding ("Tổng", "Cộng", "Subtotal", "Grand
 * total", "_Tổng"…): any other first character skips the folding, which a million ids would pay for.
 */
const TOTAL_START = /^[tcsgTCSG\s_\u00a0]|^[^\x00-\x7f]/;

let scratchValues = new Float64Array(0);
/** One array of values reused for every roster row (the sink copies what it keeps). */
function scratch(n: number): Float64Array {
  if (scratchValues.length !== n) scratchValues = new Float64Array(n);
  scratchValues.fill(NaN);
  return scratchValues;
}

/**
 * The value of a cell when it is a plain number (or blank) that `readItem` would take as it
 * is, without a finding; undefined for anything that needs the full reading (text, a
 * percent or date format, a formula without a value, a value out of range…).
 */
function plainValue(c: Cell | undefined, item: PhaseItem): number | undefined {
  if (!c) return NaN;
  const v = c.value;
  if (v.t !== 'number' || !Number.isFinite(v.v)) return undefined;
  return plainNumber(v.v, c.fmt, item);
}

/** {@link plainValue} of a cell holding the finite number `v`, in format `fmt`. */
function plainNumber(v: number, fmt: CellFormat, item: PhaseItem): number | undefined {
  // the order of parseCell: yes/no first, then the cell's format
  if (item.input === 'yes_no') return v === 1 || v === 0 ? v : undefined;
  if (item.input === 'choice' || item.input === 'cases' || fmt === 'date') return undefined;
  let x = (item.input === 'percent' || item.input === 'number') && fmt === 'percent' ? percentOf(v) : v;
  if (x === 0) x = 0;
  if (item.input === 'count') return x >= 0 && Number.isInteger(x) ? x : undefined;
  // a fraction where a percent is due is read in full, to be warned of
  if (item.input === 'percent' && x > 0 && x <= 1 && fmt !== 'percent' && !smallRatesCount(item)) return undefined;
  return rangeProblem(x, item) ? undefined : x;
}
