/**
 * Reading a submission workbook, the entry point: the types the rest of the program sees
 * (what a unit reported, where its cells are, the sink that takes them), and the walk over a
 * workbook's sheets that finds each table's header and hands its rows to form reading
 * (form.ts) or roster reading (roster.ts).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { PhaseTier } from '../criteria/model.js';
import type { Unit } from '../units/load.js';
import type { Cell, NumberLane, OpenedWorkbook } from '../workbook/types.js';
import { beginForm, finishForm, formHeader, formRow, type FormHeader, type FormState } from './form.js';
import { beginRoster, plainLane, rosterHeader, rosterRow, type RosterHeader, type RosterState } from './roster.js';
import { byRef, cellText, type Labels, matchPhase, matchTier, mk, readLabels } from './sheet.js';
import { fold } from './text.js';

export { latin1 } from './sheet.js';
export { neverLegacy } from './roster.js';

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

/** Reads one sheet's table, if it has one within {@link HEADER_SEARCH_ROWS} rows; undefined if not. */
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
  let roster: RosterState | undefined;
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

  await wb.readRoster(sheet, (r, cells) => {
    if (stop) return false;
    if (!header) {
      if (++searched > HEADER_SEARCH_ROWS) {
        stop = true;
        return false;
      }
      header = findHeader(cells, ctx, labels);
      if (!header) return;
      const res = begin(header, r, sheet, path, ctx, labels, sink);
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
      if (roster) lane = plainLane(roster, ctx, sink, () => stop, counted);
      return;
    }
    counted();
    if (form) formRow(form, r, cells);
    else if (roster) rosterRow(roster.tier, roster.h, roster.layout, r, cells, ctx, sink, fileWarn);
    // nothing here keeps a cell past its row: the reader may fill the same ones again
  }, () => lane);
  if (!header) return undefined;
  if (form) finishForm(form, sink);
  sink.rows?.(rowsRead);
  return { skip };
}

/**
 * The table's header in this row, form or roster, once the row's label cells are read: a tier
 * label, or --tier, narrows the roster tiers its item columns are matched against.
 */
function findHeader(cells: Cell[], ctx: ReadContext, labels: Labels): FormHeader | RosterHeader | undefined {
  readLabels(cells, labels);
  const fh = formHeader(cells);
  const rosterTiers = [...ctx.tiers.values()].filter((t) => t.layout === 'roster');
  const labelTier = labels.tier ? matchTier(ctx, labels.tier) : undefined;
  const rh = fh ? undefined : rosterHeader(cells, labelTier ? rosterTiers.filter((t) => t.id === labelTier) : ctx.tierFilter ? rosterTiers.filter((t) => t.id === ctx.tierFilter) : rosterTiers);
  return fh ?? rh;
}

/** Starts reading the table under a header: the phase label checked, then the form or roster begun. */
function begin(
  header: FormHeader | RosterHeader,
  headerRow: number,
  sheet: string,
  path: string,
  ctx: ReadContext,
  labels: Labels,
  sink: ReadSink,
): { skip?: Skip; form?: FormState; roster?: RosterState; fatal?: boolean } {
  const phaseErr: Diagnostic[] = [];
  if (labels.phase) {
    const ph = matchPhase(ctx, labels.phase);
    if (ph !== ctx.phase) phaseErr.push(mk('phase-mismatch', path, { found: labels.phase, expected: ctx.phase }, { sheet }));
  }
  if (header.kind === 'roster') return beginRoster(header, headerRow, sheet, path, ctx, labels, sink, phaseErr);
  return beginForm(header, sheet, path, ctx, labels, sink, phaseErr);
}
