import type { PhaseItem, PhaseTier } from '../criteria/model.js';
import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { Unit } from '../units/load.js';
import { colName } from '../workbook/cells.js';
import { TOO_LONG_TEXT, type Cell, type CellFormat, type NumberLane, type OpenedWorkbook } from '../workbook/types.js';
import { DEFAULT_LIMITS } from '../workbook/limits.js';
import { convertLegacy, looksLegacy } from './legacy.js';
import { fold, FORM_COLUMNS, isTotalLabel, LABELS, matchAny, ROSTER_COLUMNS } from './text.js';
import { percentOf } from '../util/decimal.js';
import { parseCell, parsePoints, type ParsedValue } from './values.js';
import { inertText } from '../util/text.js';

/** What `check` and `score` know before reading a workbook. */
export interface ReadContext {
  criteria: CriteriaFile;
  phase: string;
  /** Tiers that exist in the phase, resolved. */
  tiers: Map<string, PhaseTier>;
  /** --tier: workbooks of other tiers are left aside. */
  tierFilter?: string;
  /** Units file, by id; null without one. */
  units: Map<string, Unit> | null;
  /** Digest of each tier's definition (criteria-changed). */
  digests: Map<string, string>;
}

/** One item as reported in one place. NaN = blank. */
export interface ItemReport {
  value: number;
  self: number;
  assessed: number;
  /** Minh chứng, ghi chú: the evidence or note typed beside the item (forms), or null. */
  note: string | null;
  /** Row of the item (form) or of the unit (roster). */
  row: number;
}

/** Everything one unit reported in one table row (roster) or one sheet (form). */
export interface UnitReport {
  tier: string;
  unit: string;
  /** Cell holding the unit id, when known. */
  unitCell: string | null;
  name: string | null;
  block: string | null;
  /** Đơn vị cấp trên: the unit this one belongs to (a roster's column or label), or null. */
  parent?: string | null;
  /** By item index of the tier. */
  items: Map<number, ItemReport>;
  selfTotal: number | null;
  /** Problems that reject the unit. */
  errors: Diagnostic[];
  /** Warnings about this unit. */
  warnings: Diagnostic[];
  /** A form whose every value, self and assessed cell is blank: sent back without filling it in. */
  empty?: boolean;
}

/** Where each item's cells are in a file (shared by every row of a roster). */
export interface FileLayout {
  path: string;
  sheet: string;
  tier: string;
  layout: 'form' | 'roster';
  /** Column letter of each item's value (by item index); form: the value column for all. */
  valueCol: (string | undefined)[];
  selfCol?: string;
  assessedCol?: string;
  /** Roster: column letter of the unit ids. */
  unitCol?: string;
  /** Roster: the parent every row belongs to, from a labelled cell "Đơn vị cấp trên" above the table. */
  parent?: string;
}

export interface ReadSink {
  /** Called once the table is found, before any unit. */
  layout(l: FileLayout): void;
  unit(u: UnitReport): void;
  /** Problems of the file itself, not of a unit. */
  diag(d: Diagnostic): void;
  /** Rows read, for the "nothing lost" count. */
  rows?(n: number): void;
  /**
   * A roster row whose every value is a plain number within its range, handed over without
   * building a {@link UnitReport}: a million households are read here. Returns false when the
   * sink wants the full report instead (a unit it has seen before).
   */
  rosterRow?(tier: string, unit: string, name: string | null, block: string | null, parent: string | null, row: number, values: Float64Array): boolean;
}

/** Reasons a file is left aside without being an error (another tier under --tier). */
export type Skip = { skipped: true; tier: string } | { skipped: false };

function mk(code: Code, path: string, args: MessageArgs, where: { sheet?: string; cell?: string; unit?: string; tier?: string } = {}): Diagnostic {
  return {
    severity: SEVERITY[code],
    code,
    args,
    path,
    sheet: where.sheet ?? null,
    cell: where.cell || null,
    ...(where.unit ? { unit: where.unit } : {}),
    ...(where.tier ? { tier: where.tier } : {}),
  };
}

/** Text of a cell as shown: numbers in their shortest form (1.1 typed as a number is "1.1"). */
function cellText(c: Cell | undefined): string {
  if (!c) return '';
  const v = c.value;
  switch (v.t) {
    case 'string':
      return inertText(latin1(v.v) ? v.v : v.v.normalize('NFC')).trim();
    case 'number':
      return String(v.v);
    case 'boolean':
      return v.v ? 'TRUE' : 'FALSE';
    case 'date':
    case 'error':
      return v.v;
    case 'formula-no-value':
      return '';
  }
}

/**
 * Whether text is all Latin-1, so already NFC (no character there composes with another): ids
 * and village names skip the normaliser, whose fixed cost per call, three calls a roster row,
 * adds up over a million rows.
 */
export function latin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** The item id at the start of a roster header: "1.2 – Tỷ lệ…" → "1.2". */
function headerId(text: string): string {
  // "1.2 – Tỷ lệ…", "1.2: …", "1.2 (…)", "1.2. Tỷ lệ…"
  return text.split(/\s+[–—-]\s+|\s*[:(–—]\s*|\s+|\n/)[0]!.trim().replace(/[.\-]+$/, '');
}

interface Labels {
  unit?: string;
  /** Cell holding the unit id. */
  unitCell?: string;
  name?: string;
  tier?: string;
  phase?: string;
  digest?: string;
  movement?: string;
  parent?: string;
}

/** Cells of a row by column (an array: a Map per row of a million-row roster costs seconds). */
function byRef(cells: Cell[]): { get(col: number): Cell | undefined } {
  const a: (Cell | undefined)[] = [];
  for (const c of cells) a[c.col] = c;
  return { get: (col: number) => a[col] };
}

/** Label cells: the value is the next non-empty cell to the right. */
function readLabels(cells: Cell[], into: Labels): void {
  const sorted = [...cells].sort((a, b) => a.col - b.col);
  for (let i = 0; i < sorted.length; i++) {
    const t = cellText(sorted[i]);
    if (!t) continue;
    const key = (Object.keys(LABELS) as (keyof typeof LABELS)[]).find((k) => matchAny(t, LABELS[k]));
    if (!key || into[key] !== undefined) continue;
    const next = sorted.slice(i + 1).find((c) => cellText(c) !== '');
    if (next) {
      into[key] = cellText(next);
      if (key === 'unit') into.unitCell = `${colName(next.col)}${next.row}`;
    }
  }
}

function matchTier(ctx: ReadContext, text: string): string | undefined {
  const f = fold(text);
  for (const t of ctx.criteria.tiers) if (fold(t.id) === f || fold(t.title) === f) return t.id;
  return undefined;
}

function matchPhase(ctx: ReadContext, text: string): string | undefined {
  const f = fold(text);
  for (const p of ctx.criteria.phases) if (fold(p.id) === f || fold(p.title) === f) return p.id;
  return undefined;
}

type FormHeader = { kind: 'form'; cols: Partial<Record<keyof typeof FORM_COLUMNS, number>> };
type RosterHeader = {
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

function formHeader(cells: Cell[]): FormHeader | undefined {
  const cols: FormHeader['cols'] = {};
  for (const c of cells) {
    const t = cellText(c);
    if (!t) continue;
    for (const k of Object.keys(FORM_COLUMNS) as (keyof typeof FORM_COLUMNS)[]) {
      if (cols[k] === undefined && matchAny(t, FORM_COLUMNS[k])) {
        cols[k] = c.col;
        break;
      }
    }
  }
  if (cols.code !== undefined && (cols.value !== undefined || cols.self !== undefined || cols.assessed !== undefined)) return { kind: 'form', cols };
  return undefined;
}

const ID_LIKE = /^[A-Za-z]{0,3}\d+(\.\d+)*[a-z]?$/;
/** What an item id may look like (the schema's id pattern): anything else is prose, not a row. */
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$/;

function rosterHeader(cells: Cell[], candidates: PhaseTier[]): RosterHeader | undefined {
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
 * Reads one workbook: finds the table, tells form from roster, reads every item row
 * (form) or unit row (roster), parses values, and hands units to the sink. Problems
 * that concern a unit travel with it; problems of the file go to `sink.diag`.
 */
export async function readSubmission(wb: OpenedWorkbook, path: string, ctx: ReadContext, sink: ReadSink): Promise<Skip> {
  const meta: Labels = {};
  const hidden = wb.sheets.find((s) => s.name === '_thidua');
  if (hidden) {
    const rows = await wb.readSheet(hidden.name);
    for (const cells of rows.values()) {
      const m = byRef(cells);
      const k = fold(cellText(m.get(1)));
      const v = cellText(m.get(2));
      if (!v) continue;
      if (k === 'tier') meta.tier = v;
      else if (k === 'phase') meta.phase = v;
      else if (k === 'unit') meta.unit = v;
      else if (k === 'digest') meta.digest = v;
      else if (k === 'movement') meta.movement = v;
    }
  }
  const sheets = wb.sheets.filter((s) => s.state === 'visible' && s.name !== '_thidua');
  // every sheet with a table is read: a roster kept as one sheet per village loses nothing
  let found = false;
  let skip: Skip = { skipped: false };
  for (const sheet of sheets) {
    const r = await readSheet(wb, sheet.name, path, ctx, sink, { ...meta });
    if (!r) continue;
    found = true;
    if (r.skip.skipped) skip = r.skip;
  }
  if (!found) sink.diag(mk('header-not-found', path, {}, { ...(sheets[0] ? { sheet: sheets[0].name } : {}) }));
  return skip;
}

/** How often reading a sheet reports its rows. */
const ROWS_PER_REPORT = 20_000;

/** Header search stops after this many rows: a table starts near the top. */
const HEADER_SEARCH_ROWS = 100;

async function readSheet(
  wb: OpenedWorkbook,
  sheet: string,
  path: string,
  ctx: ReadContext,
  sink: ReadSink,
  labels: Labels,
): Promise<{ skip: Skip } | undefined> {
  let header: FormHeader | RosterHeader | undefined;
  let searched = 0;
  let skip: Skip = { skipped: false };
  let stop = false;
  // form state
  let form: FormState | undefined;
  // roster state
  let roster: { tier: PhaseTier; h: RosterHeader; layout: FileLayout } | undefined;
  let rowsRead = 0;
  const fileWarn = (d: Diagnostic): void => sink.diag(d);
  /** Rows read as they go (a progress bar moves through one huge roster too). */
  const counted = (): void => {
    if (++rowsRead === ROWS_PER_REPORT) {
      sink.rows?.(rowsRead);
      rowsRead = 0;
    }
  };
  // a roster's plain rows, once its header is known: item numbers without a cell object each
  let lane: NumberLane | null = null;

  await wb.readRows(sheet, (r, cells) => {
    if (stop) return false;
    if (!header) {
      if (++searched > HEADER_SEARCH_ROWS) {
        stop = true;
        return false;
      }
      readLabels(cells, labels);
      const fh = formHeader(cells);
      const rosterTiers = [...ctx.tiers.values()].filter((t) => t.layout === 'roster');
      const labelTier = labels.tier ? matchTier(ctx, labels.tier) : undefined;
      const rh = fh ? undefined : rosterHeader(cells, labelTier ? rosterTiers.filter((t) => t.id === labelTier) : ctx.tierFilter ? rosterTiers.filter((t) => t.id === ctx.tierFilter) : rosterTiers);
      if (!fh && !rh) return;
      header = fh ?? rh;
      const res = begin(header!, r, sheet, path, ctx, labels, sink);
      if (res.skip) {
        skip = res.skip;
        stop = true;
        return false;
      }
      form = res.form;
      roster = res.roster;
      if (res.fatal) {
        stop = true;
        return false;
      }
      const { tier, h } = roster ?? {};
      // (a header that gives an item the unit's, name's or block's column is read as cells)
      if (tier && h && sink.rosterRow && ![h.unit, h.name, h.block, h.parent].some((col) => col !== undefined && h.items.has(col))) {
        lane = {
          cols: h.itemCols,
          onRow: (row, rest, nums, fmts) => {
            if (stop || !plainRosterRow(tier, h, row, rest, nums, fmts, ctx, sink)) return false;
            counted();
            return true;
          },
        };
      }
      return;
    }
    counted();
    if (form) formRow(form, r, cells);
    else if (roster) rosterRow(roster.tier, roster.h, roster.layout, r, cells, ctx, sink, fileWarn);
    // nothing here keeps a cell past its row: the reader may fill the same ones again
  }, { transient: true, lane: () => lane });
  if (!header) return undefined;
  if (form) finishForm(form, sink);
  sink.rows?.(rowsRead);
  return { skip };
}

interface FormState {
  tier: PhaseTier;
  phase: string;
  /** The total row ends the table: signatures and notes follow it. */
  done: boolean;
  cols: FormHeader['cols'];
  report: UnitReport;
  layout: FileLayout;
  seen: Map<number, number>;
}

function begin(
  header: FormHeader | RosterHeader,
  headerRow: number,
  sheet: string,
  path: string,
  ctx: ReadContext,
  labels: Labels,
  sink: ReadSink,
): { skip?: Skip; form?: FormState; roster?: { tier: PhaseTier; h: RosterHeader; layout: FileLayout }; fatal?: boolean } {
  const at = (code: Code, args: MessageArgs, unit?: string): Diagnostic => mk(code, path, args, { sheet, ...(unit ? { unit } : {}) });
  const phaseErr: Diagnostic[] = [];
  if (labels.phase) {
    const ph = matchPhase(ctx, labels.phase);
    if (ph !== ctx.phase) phaseErr.push(at('phase-mismatch', { found: labels.phase, expected: ctx.phase }));
  }
  if (header.kind === 'roster') {
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
  // form: which unit, which tier
  const unitId = labels.unit?.trim();
  const registered = unitId && ctx.units ? ctx.units.get(unitId) : undefined;
  let tierId: string | undefined;
  if (labels.tier) {
    tierId = matchTier(ctx, labels.tier);
    if (!tierId) {
      sink.diag(at('tier-mismatch', { found: labels.tier }));
      return { fatal: true };
    }
  } else tierId = registered?.tier ?? (ctx.tierFilter && ctx.tiers.get(ctx.tierFilter)?.layout === 'form' ? ctx.tierFilter : undefined);
  if (!tierId) {
    const forms = [...ctx.tiers.values()].filter((t) => t.layout === 'form');
    if (forms.length === 1) tierId = forms[0]!.id;
  }
  if (!tierId) {
    sink.diag(at('tier-mismatch', { found: '?' }));
    return { fatal: true };
  }
  if (ctx.tierFilter && ctx.tierFilter !== tierId) return { skip: { skipped: true, tier: tierId } };
  const tier = ctx.tiers.get(tierId);
  if (!tier) {
    // a tier that does not exist in this phase (the district tier after 2025)
    sink.diag(at('tier-mismatch', { found: tierId }));
    return { fatal: true };
  }
  if (!unitId) {
    sink.diag(mk('unit-unknown', path, {}, { sheet, tier: tier.id }));
    return { fatal: true };
  }
  const report: UnitReport = {
    tier: tier.id,
    unit: unitId,
    unitCell: labels.unitCell ?? null,
    name: labels.name ?? null,
    block: null,
    items: new Map(),
    selfTotal: null,
    errors: phaseErr.map((d) => ({ ...d, unit: unitId, tier: tier.id })),
    warnings: [],
  };
  if (registered && registered.tier !== tier.id) {
    report.errors.push(mk('tier-mismatch', path, { found: tier.id, expected: registered.tier }, { sheet, unit: unitId, tier: tier.id }));
  }
  const c = header.cols;
  const layout: FileLayout = {
    path,
    sheet,
    tier: tier.id,
    layout: 'form',
    valueCol: new Array(tier.items.length).fill(c.value !== undefined ? colName(c.value) : undefined),
    ...(c.self !== undefined ? { selfCol: colName(c.self) } : {}),
    ...(c.assessed !== undefined ? { assessedCol: colName(c.assessed) } : {}),
  };
  sink.layout(layout);
  checkDigest(ctx, tier.id, labels, path, sheet, sink, unitId);
  return { form: { tier, phase: ctx.phase, done: false, cols: c, report, layout, seen: new Map() } };
}

function checkDigest(ctx: ReadContext, tier: string, labels: Labels, path: string, sheet: string, sink: ReadSink, unit?: string): void {
  if (labels.digest && ctx.digests.get(tier) && labels.digest !== ctx.digests.get(tier)) {
    sink.diag(mk('criteria-changed', path, {}, { sheet, tier, ...(unit ? { unit } : {}) }));
  }
}

function valueProblem(p: ParsedValue, item: PhaseItem, cell: string, path: string, sheet: string, unit: string, tier: string, column: { column?: string } = {}): Diagnostic | undefined {
  if (p.ok || p.blank) return undefined;
  if (p.code === 'formula-not-calculated') return mk('formula-not-calculated', path, { item: item.id, formula: p.formula ?? '', ...column }, { sheet, cell, unit, tier });
  const choices = item.rule.kind === 'choice' ? { choices: item.rule.titles.join(' | ') } : {};
  return mk('bad-value', path, { item: item.id, value: p.shown, expected: item.input, ...choices, ...column }, { sheet, cell, unit, tier });
}

/** Range of an item's value (SPEC §3 inputs), or undefined when it fits. */
function rangeProblem(v: number, item: PhaseItem): { min: number; max?: number } | undefined {
  switch (item.input) {
    case 'percent':
      return v < 0 || v > 100 ? { min: 0, max: 100 } : undefined;
    case 'count':
      return v < 0 ? { min: 0 } : undefined;
    case 'yes_no':
    case 'choice':
    case 'cases':
      return undefined;
    case 'points': {
      const max = item.maxPoints === null ? undefined : item.maxPoints / 100;
      return v < 0 || (max !== undefined && v > max) ? { min: 0, ...(max !== undefined ? { max } : {}) } : undefined;
    }
    case 'number': {
      const min = item.valueMin ? Number(`${item.valueMin.n}e-${item.valueMin.s}`) : undefined;
      const max = item.valueMax ? Number(`${item.valueMax.n}e-${item.valueMax.s}`) : undefined;
      return (min !== undefined && v < min) || (max !== undefined && v > max) ? { min: min ?? -Infinity, ...(max !== undefined ? { max } : {}) } : undefined;
    }
  }
}

/** Value, self and assessed points of one item from its cells; problems go to the report. */
function readItem(
  item: PhaseItem,
  row: number,
  valueCell: Cell | undefined,
  valueCol: string | undefined,
  selfCell: Cell | undefined,
  selfCol: string | undefined,
  assessedCell: Cell | undefined,
  assessedCol: string | undefined,
  report: UnitReport,
  path: string,
  sheet: string,
  form = false,
  noteCell?: Cell,
): ItemReport {
  const out: ItemReport = { value: NaN, self: NaN, assessed: NaN, row, note: null };
  // an item computed by cases has no value of its own: whatever its cell shows is not read
  const p: ParsedValue = item.input === 'cases' ? { ok: false, blank: true } : parseCell(valueCell, item.input, item.rule.kind === 'choice' ? item.rule : undefined);
  const cell = valueCol ? `${valueCol}${row}` : '';
  // a form names its columns in findings; a roster's item column is the item itself
  const column = form ? { column: 'value' } : {};
  // a roll-up item's value is computed (SPEC §11): the template's "tính từ kết quả …" is no error
  const bad = item.from && !p.ok ? undefined : valueProblem(p, item, cell, path, sheet, report.unit, report.tier, column);
  if (bad) report.errors.push(bad);
  else if (p.ok) {
    const r = rangeProblem(p.value, item);
    if (r) report.errors.push(mk('out-of-range', path, { item: item.id, value: p.value, min: r.min, ...(r.max !== undefined ? { max: r.max } : {}), ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    else if (item.input === 'count' && !Number.isInteger(p.value)) report.errors.push(mk('bad-value', path, { item: item.id, value: p.value, expected: 'count', ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    else {
      out.value = p.value;
      if (suspectPercent(item, p.value, valueCell)) report.warnings.push(mk('suspect-percent', path, { item: item.id, value: p.value, ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    }
  }
  const points = (c: Cell | undefined, col: string | undefined, key: 'self' | 'assessed'): void => {
    if (!c || !col) return;
    const q = parsePoints(c);
    const at = `${col}${row}`;
    const max = item.maxPoints === null ? undefined : item.maxPoints / 100;
    // self points are a claim to compare with, never a reason to reject the unit (SPEC §5)
    if (key === 'self') {
      if (q.ok && q.value >= 0 && (max === undefined || q.value <= max)) out.self = q.value;
      else if (!q.ok && q.blank) return;
      else report.warnings.push(mk('self-score-invalid', path, { item: item.id, value: q.ok ? q.value : q.shown, ...(max !== undefined ? { max } : {}), column: 'self' }, { sheet, cell: at, unit: report.unit, tier: report.tier }));
      return;
    }
    const prob = valueProblem(q, { ...item, input: 'points' }, at, path, sheet, report.unit, report.tier, { column: key });
    if (prob) {
      report.errors.push(prob);
      return;
    }
    if (!q.ok) return;
    if (q.value < 0 || (max !== undefined && q.value > max)) {
      report.errors.push(mk('out-of-range', path, { item: item.id, value: q.value, min: 0, ...(max !== undefined ? { max } : {}), column: key }, { sheet, cell: at, unit: report.unit, tier: report.tier }));
      return;
    }
    out[key] = q.value;
  };
  points(selfCell, selfCol, 'self');
  points(assessedCell, assessedCol, 'assessed');
  const note = cellText(noteCell);
  if (note) out.note = note;
  return out;
}

/**
 * Whether the item's own rule gives points at rates of 1 % or less (a dropout rate under
 * 0,5 %, say), so that a small rate is a plausible answer rather than a slip.
 */
function smallRatesCount(item: PhaseItem): boolean {
  const r = item.rule;
  const at1 = (d: { n: bigint; s: number }): boolean => d.n <= 10n ** BigInt(d.s);
  switch (r.kind) {
    case 'steps_below':
      return true;
    case 'steps':
      return r.steps.some((st) => at1(st.bound));
    case 'linear':
      return at1(r.target);
    default:
      return false;
  }
}

/**
 * A percent typed as a fraction (0,85 for 85 %): a plain number in (0, 1] in a cell that is
 * neither percent-formatted nor written with "%". Warned, never rescaled: 1 % is a real value.
 */
function suspectPercent(item: PhaseItem, v: number, c: Cell | undefined): boolean {
  if (item.input !== 'percent' || !(v > 0 && v <= 1) || !c || smallRatesCount(item)) return false;
  if (c.value.t === 'number') return c.fmt !== 'percent';
  return c.value.t === 'string' && !c.value.v.includes('%');
}

function formRow(f: FormState, r: number, cells: Cell[]): void {
  if (f.done) return;
  const long = tooLongCell(cells);
  if (long) {
    f.report.errors.push(mk('too-large', f.layout.path, { reason: 'cell-text', limit: DEFAULT_LIMITS.maxStringLength }, { sheet: f.layout.sheet, cell: `${colName(long.col)}${r}`, unit: f.report.unit, tier: f.tier.id }));
    return;
  }
  const m = byRef(cells);
  const c = f.cols;
  const code = cellText(c.code !== undefined ? m.get(c.code) : undefined);
  const { path, sheet } = f.layout;
  const title = cellText(c.title !== undefined ? m.get(c.title) : undefined);
  if ((!code || isTotalLabel(code)) && title && isTotalLabel(title)) {
    if (c.self !== undefined) {
      const q = parsePoints(m.get(c.self));
      if (q.ok) f.report.selfTotal = q.value;
    }
    f.done = true;
    return;
  }
  if (!code) return;
  const idx = f.tier.items.findIndex((it) => it.id === code);
  if (idx < 0) {
    if (f.tier.groupById.has(code) || isTotalLabel(code) || !ITEM_ID.test(code)) return;
    const valueCell = c.value !== undefined ? m.get(c.value) : undefined;
    if (cellText(valueCell) !== '') {
      f.report.errors.push(mk('unknown-item', path, { item: code, tier: f.tier.id, phase: f.phase }, { sheet, cell: `${colName(c.code!)}${r}`, unit: f.report.unit, tier: f.tier.id }));
    }
    return;
  }
  const item = f.tier.items[idx]!;
  const prev = f.seen.get(idx);
  if (prev !== undefined) {
    f.report.errors.push(mk('duplicate-entry', path, { item: item.id, unit: f.report.unit, other: `${sheet}!${colName(c.code!)}${prev}` }, { sheet, cell: `${colName(c.code!)}${r}`, unit: f.report.unit, tier: f.tier.id }));
    return;
  }
  f.seen.set(idx, r);
  const get = (k: keyof typeof FORM_COLUMNS): Cell | undefined => (c[k] !== undefined ? m.get(c[k]!) : undefined);
  f.report.items.set(
    idx,
    readItem(item, r, get('value'), f.layout.valueCol[idx], get('self'), f.layout.selfCol, get('assessed'), f.layout.assessedCol, f.report, path, sheet, true, get('note')),
  );
}

function finishForm(f: FormState, sink: ReadSink): void {
  const r = f.report;
  // nothing typed anywhere: the form came back as it was sent, which is not a submission
  if (r.errors.length === 0 && r.selfTotal === null) {
    let blank = true;
    for (const it of r.items.values()) if (!Number.isNaN(it.value) || !Number.isNaN(it.self) || !Number.isNaN(it.assessed)) blank = false;
    if (blank) r.empty = true;
  }
  sink.unit(r);
}

function rosterRow(
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

/** A cell whose text is longer than a cell may hold (the reader gave it as {@link TOO_LONG_TEXT}). */
function tooLongCell(cells: Cell[]): Cell | undefined {
  for (const c of cells) if (c.value.t === 'string' && c.value.v === TOO_LONG_TEXT) return c;
  return undefined;
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
