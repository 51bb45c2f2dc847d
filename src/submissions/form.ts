/**
 * Reading a form (SPEC §5 "form"): one unit's sheet, one row per item under a header naming the
 * code, value, self, assessed and note columns; labels above the table say which unit and tier;
 * the total row ends the table.
 */
import type { PhaseTier } from '../criteria/model.js';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import { colName } from '../workbook/cells.js';
import type { Cell } from '../workbook/types.js';
import { DEFAULT_LIMITS } from '../workbook/limits.js';
import { readItem } from './item.js';
import type { FileLayout, ReadContext, ReadSink, Skip, UnitReport } from './read.js';
import { byRef, cellText, checkDigest, type Labels, matchTier, mk, tooLongCell } from './sheet.js';
import { FORM_COLUMNS, isTotalLabel, matchAny } from './text.js';
import { parsePoints } from './values.js';

/** A form's header row: the column of each of its labelled columns. */
export type FormHeader = { kind: 'form'; cols: Partial<Record<keyof typeof FORM_COLUMNS, number>> };

/** The form header in a row: an item-code column and a value, self or assessed column. */
export function formHeader(cells: Cell[]): FormHeader | undefined {
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

/** What an item id may look like (the schema's id pattern): anything else is prose, not a row. */
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$/;

/** A form being read, row by row. */
export interface FormState {
  tier: PhaseTier;
  phase: string;
  /** The total row ends the table: signatures and notes follow it. */
  done: boolean;
  cols: FormHeader['cols'];
  report: UnitReport;
  layout: FileLayout;
  seen: Map<number, number>;
}

/**
 * Starts a form under its header: which unit (its label), which tier (a label, the units file,
 * --tier, or the only form tier). The phase label's findings (`phaseErr`) reject the unit.
 */
export function beginForm(
  header: FormHeader,
  sheet: string,
  path: string,
  ctx: ReadContext,
  labels: Labels,
  sink: ReadSink,
  phaseErr: Diagnostic[],
): { skip?: Skip; form?: FormState; fatal?: boolean } {
  const at = (code: Code, args: MessageArgs, unit?: string): Diagnostic => mk(code, path, args, { sheet, ...(unit ? { unit } : {}) });
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

/** One row of a form: an item, a row of prose, or the total row that ends the table. */
export function formRow(f: FormState, r: number, cells: Cell[]): void {
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

/** Hands the form's unit to the sink once its rows are read. */
export function finishForm(f: FormState, sink: ReadSink): void {
  const r = f.report;
  // nothing typed anywhere: the form came back as it was sent, which is not a submission
  if (r.errors.length === 0 && r.selfTotal === null) {
    let blank = true;
    for (const it of r.items.values()) if (!Number.isNaN(it.value) || !Number.isNaN(it.self) || !Number.isNaN(it.assessed)) blank = false;
    if (blank) r.empty = true;
  }
  sink.unit(r);
}
