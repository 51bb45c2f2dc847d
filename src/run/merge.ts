import type { PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { TierStore } from '../scoring/store.js';
import type { FileLayout, ReadSink, UnitReport } from '../submissions/read.js';
import { mk } from './findings.js';

/**
 * Merging what the workbooks report into one store per tier, unit by unit, across files: a
 * unit may come from several files (a form per sheet, a roster row), and an item reported
 * twice is a `duplicate-entry` naming both places. Reading (read-files.ts) calls in here as
 * each unit or roster row comes.
 */

/** A unit as the listing knows it before anything is scored. */
export type Registration = { id: string; name: string; block: string };

/** Units a file gave rows to, by tier: rejected together if the file breaks halfway. */
export type Touched = Map<TierStore, number[]>;

/** Everything the files gave, merged by tier: what the tiers are scored from. */
export interface Merged {
  stores: Map<string, TierStore>;
  /** Every table and form read, in reading order; a store's `srcLayout` counts from 1 in here. */
  layouts: FileLayout[];
  /** The files read, with the sha256 of their bytes, for the run's `inputs`. */
  inputs: { path: string; sha256: string }[];
  diagnostics: Diagnostic[];
  /** Findings of files that broke halfway: listed once as the file's, not again with each unit. */
  fileLevel: Set<Diagnostic>;
  /** Units whose form came back empty, by tier and id: not submitted unless another file scores them. */
  empties: Map<string, Registration>;
  rowsRead: number;
}

/** The store of a tier, made on first use. */
function storeOf(m: Merged, tiers: Map<string, PhaseTier>, tierId: string): TierStore {
  let store = m.stores.get(tierId);
  if (!store) m.stores.set(tierId, (store = new TierStore(tiers.get(tierId)!, m.layouts)));
  return store;
}

/**
 * A plain roster row (numbers only, no finding) straight into its unit's slot: false when the
 * unit was met before, and the row is reported as a unit instead (see {@link merge}).
 */
export function rosterRowMerger(m: Merged, tiers: Map<string, PhaseTier>, touched: Touched): NonNullable<ReadSink['rosterRow']> {
  return (tierId, unit, name, block, parent, row, values) => {
    const store = storeOf(m, tiers, tierId);
    if (store.byId.has(unit)) return false;
    const slot = store.add(unit, name ?? '', block ?? '', m.layouts.length, row, null);
    if (parent) store.parents[slot] = parent;
    const col = store.values;
    for (let i = 0, at = slot * store.n; i < values.length; i++) col[at + i] = values[i]!;
    let list = touched.get(store);
    if (!list) touched.set(store, (list = []));
    list.push(slot);
    return true;
  };
}

/**
 * Adds what one table row (roster) or one sheet (form) reported to its unit. A unit met for the
 * first time in one roster row goes straight into its slot; anything else (a form, a second
 * report of the same unit, a row with errors) keeps where each item came from, to name both
 * places of a duplicate.
 */
export function merge(u: UnitReport, m: Merged, tiers: Map<string, PhaseTier>, touched: Touched): void {
  const { layouts, diagnostics } = m;
  const tier = tiers.get(u.tier)!;
  const layoutNo = layouts.length;
  const layout = layouts[layoutNo - 1]!;
  const store = storeOf(m, tiers, u.tier);
  const n = tier.items.length;
  let slot = store.byId.get(u.unit);
  let list = touched.get(store);
  if (!list) touched.set(store, (list = []));
  for (const w of u.warnings) diagnostics.push(w);
  if (u.empty) {
    // sent back as it went out: a finding, and a unit that has not submitted yet
    diagnostics.push(mk('empty-form', layout.path, { unit: u.unit }, { sheet: layout.sheet, cell: u.unitCell, unit: u.unit, tier: u.tier }));
    m.empties.set(`${u.tier}\u0000${u.unit}`, { id: u.unit, name: u.name ?? '', block: u.block ?? '' });
    return;
  }
  if (slot === undefined) {
    const roster = layout.layout === 'roster';
    const row = roster ? (u.items.values().next().value?.row ?? 0) : 0;
    slot = store.add(u.unit, u.name ?? '', u.block ?? '', layoutNo, row, u.selfTotal);
    if (u.parent) store.parents[slot] = u.parent;
    list.push(slot);
    if (roster && u.errors.length === 0 && oneRow(u, row)) {
      const base = slot * n;
      for (const [idx, rep] of u.items) store.values[base + idx] = rep.value;
      return;
    }
    store.prov.set(slot, { from: new Int32Array(n), row: new Int32Array(n), unitCell: u.unitCell });
  } else {
    list.push(slot);
    if (!store.names[slot] && u.name) store.names[slot] = u.name;
    if (!store.blocks[slot] && u.block) store.blocks[slot] = u.block;
    if (!store.parents[slot] && u.parent) store.parents[slot] = u.parent;
    if (Number.isNaN(store.selfTotalIn[slot]!) && u.selfTotal !== null) store.selfTotalIn[slot] = u.selfTotal;
  }
  const prov = store.provenance(slot);
  if (!prov.unitCell) prov.unitCell = u.unitCell;
  for (const e of u.errors) store.addError(slot, e);
  const base = slot * n;
  for (const [idx, rep] of u.items) {
    if (rep.note !== null) store.setNote(slot, idx, rep.note);
    // self points alone are a claim, not a report: the item is still missing
    const given = !Number.isNaN(rep.value) || !Number.isNaN(rep.assessed);
    const hadError = u.errors.some((e) => e.cell && e.cell.endsWith(String(rep.row)) && e.args.item === tier.items[idx]!.id);
    if (!given && !hadError) {
      if (prov.from[idx] === 0) {
        prov.from[idx] = -layoutNo;
        prov.row[idx] = rep.row;
      }
      if (!Number.isNaN(rep.self)) store.selfColumn()[base + idx] = rep.self;
      continue;
    }
    if (prov.from[idx]! > 0) {
      const prev = layouts[prov.from[idx]! - 1]!;
      const other = `${prev.path} [${prev.sheet}]${prev.valueCol[idx] ? `!${prev.valueCol[idx]}${prov.row[idx]}` : ''}`;
      store.addError(
        slot,
        mk('duplicate-entry', layout.path, { item: tier.items[idx]!.id, unit: u.unit, other: other }, {
          sheet: layout.sheet,
          cell: layout.valueCol[idx] ? `${layout.valueCol[idx]}${rep.row}` : null,
          unit: u.unit,
          tier: u.tier,
        }),
      );
      continue;
    }
    prov.from[idx] = layoutNo;
    prov.row[idx] = rep.row;
    store.values[base + idx] = rep.value;
    if (!Number.isNaN(rep.self)) store.selfColumn()[base + idx] = rep.self;
    if (!Number.isNaN(rep.assessed)) store.assessedColumn()[base + idx] = rep.assessed;
  }
}

/** A roster row with every item on it and no points typed by a person: its layout and row say where each item was. */
function oneRow(u: UnitReport, row: number): boolean {
  for (const rep of u.items.values()) if (rep.row !== row || !Number.isNaN(rep.self) || !Number.isNaN(rep.assessed)) return false;
  return true;
}
