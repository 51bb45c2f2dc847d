import { existsIn, type PhaseTier } from '../criteria/model.js';
import { rankTier, unscored } from '../scoring/score.js';
import { StoreUnit, TierStore } from '../scoring/store.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import type { Unit } from '../units/load.js';
import type { AssessOptions } from './assess.js';
import { missingValues, mk, selfDiffers } from './findings.js';
import type { Merged, Registration } from './merge.js';
import { applyRollups, isChildTier, runChildren, type Child } from './rollup.js';

/**
 * One tier of a run, from the units its files gave to its ranking (SPEC §4–§11), in order:
 * parents found, roll-up items computed from the child tiers, each unit checked against the
 * units file, scored, the units that sent nothing added, then classed, ranked and proposed
 * for awards. Tiers are scored children first (assess.ts), so a roll-up finds its children ranked.
 */

/** What every tier of a run is scored with. */
export interface TierRun {
  o: AssessOptions;
  m: Merged;
  /** The units file, by id; null without one. */
  unitById: Map<string, Unit> | null;
  /** The tiers this run scores (after --tier). */
  inRun: PhaseTier[];
  /** The tiers ranked so far. */
  ranked: Map<string, TierResult>;
  /** Child units from earlier runs (--from), by tier. */
  external: Map<string, Child[]>;
}

/** One tier scored and ranked; undefined when nobody is registered in it and no file gave it anything. */
export function scoreTier(tier: PhaseTier, t: TierRun): TierResult | undefined {
  const { o, m } = t;
  const registered = t.unitById ? o.units!.filter((u) => u.tier === tier.id && existsIn(u.phases, o.phase)) : [];
  const store = m.stores.get(tier.id) ?? new TierStore(tier, m.layouts);
  const emptyHere = [...m.empties].filter(([key]) => key.startsWith(`${tier.id}\u0000`)).map(([, e]) => e);
  if (registered.length === 0 && store.size === 0 && emptyHere.length === 0) return undefined;
  findParents(store, tier, t);
  rollUp(store, t);
  settle(store, tier, registered.length > 0, t);
  o.beforeScoring?.(store, [...m.stores.values()].reduce((n, st) => n + st.size, 0));
  store.score();
  const units = unitsOf(store, tier, registered, emptyHere, t);
  return rank(store, tier, units, registered, t);
}

/** The parent of a unit, as the units file says. */
function unitParent(t: TierRun, id: string): string | undefined {
  return t.unitById?.get(id)?.parent;
}

/** Parents: the roster's column, else the label above its table, else the units file; `no-parent` where a child tier needs one. */
function findParents(store: TierStore, tier: PhaseTier, t: TierRun): void {
  const { layouts, diagnostics } = t.m;
  const needsParent = isChildTier(tier.id, t.inRun);
  for (let slot = 0; slot < store.size; slot++) {
    if (store.parents[slot]) continue;
    const p = layouts[store.srcLayout[slot]! - 1]?.parent || unitParent(t, store.ids[slot]!);
    if (p) store.parents[slot] = p;
    else if (needsParent) {
      const src = layouts[store.srcLayout[slot]! - 1];
      diagnostics.push(mk('no-parent', src?.path ?? '', { unit: store.ids[slot]!, tier: tier.id }, { sheet: src?.sheet ?? null, cell: store.unitCell(slot), unit: store.ids[slot]!, tier: tier.id }));
    }
  }
}

/** Roll-up items from the children: those ranked in this run, then those of earlier runs not met here. */
function rollUp(store: TierStore, t: TierRun): void {
  const { o, m } = t;
  const { layouts, diagnostics } = m;
  // each child tier's units gathered once for all the items that count them (a commune tier
  // with three roll-up items over a million households gathered them three times), and a
  // child both here and in a --from file said once
  const gathered = new Map<string, Child[] | undefined>();
  const childrenOf = (child: string): Child[] | undefined => {
    const here = t.ranked.get(child);
    const there = t.external.get(child);
    if (!here && !there) return undefined;
    const regs = new Set((o.units ?? []).filter((u) => u.tier === child && existsIn(u.phases, o.phase)).map((u) => u.id));
    const mine = here ? [...runChildren(here, regs, (id) => unitParent(t, id))] : [];
    if (!there?.length) return mine;
    const ids = new Set(mine.map((c) => c.id));
    const theirs = there.filter((c) => {
      if (!ids.has(c.id)) return true;
      diagnostics.push(mk('duplicate-entry', o.unitsPath ?? '', { item: '–', unit: c.id, other: child }, { unit: c.id, tier: child }));
      return false;
    });
    return [...mine, ...theirs];
  };
  applyRollups(
    store,
    (child) => {
      if (!gathered.has(child)) gathered.set(child, childrenOf(child));
      return gathered.get(child);
    },
    (slot) => {
      const l = layouts[store.srcLayout[slot]! - 1];
      return { path: l?.path ?? '', sheet: l?.sheet ?? null, cell: (i) => (l?.valueCol[i] ? `${l.valueCol[i]}${store.rowOf(slot, i)}` : null) };
    },
    diagnostics,
  );
}

/**
 * Each unit against the units file (`unit-not-registered` when a listed tier does not list it;
 * its name and block from the file), its blanks said, its errors listed.
 */
function settle(store: TierStore, tier: PhaseTier, listed: boolean, t: TierRun): void {
  const { o, m, unitById } = t;
  const { layouts, diagnostics } = m;
  for (let slot = 0; slot < store.size; slot++) {
    const id = store.ids[slot]!;
    const reg = unitById?.get(id);
    if (listed && (!reg || reg.tier !== tier.id || !existsIn(reg.phases, o.phase))) {
      if (!reg || reg.tier === tier.id) {
        const src = layouts[store.srcLayout[slot]! - 1];
        store.addError(slot, mk('unit-not-registered', src?.path ?? '', { unit: id, tier: tier.id }, { sheet: src?.sheet ?? null, cell: store.unitCell(slot), unit: id, tier: tier.id }));
      }
    }
    if (reg) {
      store.names[slot] = reg.name;
      if (reg.block) store.blocks[slot] = reg.block;
    }
    if (!store.names[slot]) store.names[slot] = id;
    missingValues(store, slot, layouts, diagnostics);
    for (const d of store.errors.get(slot) ?? []) if (!m.fileLevel.has(d)) diagnostics.push(d);
  }
}

/** The scored units, then the registered ones that sent nothing (`not-submitted`), then empty forms of units not listed. */
function unitsOf(store: TierStore, tier: PhaseTier, registered: Unit[], emptyHere: Registration[], t: TierRun): ScoredUnit[] {
  const { o, m } = t;
  const units: ScoredUnit[] = [];
  for (let slot = 0; slot < store.size; slot++) units.push(new StoreUnit(store, slot));
  for (const reg of registered) {
    if (store.byId.has(reg.id)) continue;
    units.push(unscored(null, { id: reg.id, name: reg.name, block: reg.block ?? '', parent: reg.parent }, 'not_submitted'));
    // an empty form was already said, at its place
    if (!m.empties.has(`${tier.id}\u0000${reg.id}`)) m.diagnostics.push(mk('not-submitted', o.unitsPath ?? '', { unit: reg.id, name: reg.name, tier: tier.id }, { unit: reg.id, tier: tier.id, line: reg.line ?? null }));
  }
  for (const e of emptyHere) {
    if (store.byId.has(e.id) || registered.some((r) => r.id === e.id)) continue;
    units.push(unscored(null, { id: e.id, name: e.name || e.id, block: e.block }, 'not_submitted'));
  }
  return units;
}

/** Classes, ranks and proposed awards (scoring/score.ts), self points compared, the store put in listing order. */
function rank(store: TierStore, tier: PhaseTier, units: ScoredUnit[], registered: Unit[], t: TierRun): TierResult {
  let registeredByBlock: Map<string, number> | null = null;
  if (registered.length > 0) {
    registeredByBlock = new Map();
    for (const r of registered) registeredByBlock.set(r.block ?? '', (registeredByBlock.get(r.block ?? '') ?? 0) + 1);
  }
  store.byId.clear();
  const blockOrder = [...new Set(registered.map((r) => r.block ?? ''))];
  const named = t.o.namePlaces;
  const result = rankTier({ tier, units, registeredByBlock, blockOrder, ...(named ? { namePlaces: (g: string, n: number) => named(store, g, n) } : {}) });
  selfDiffers(store, t.m.layouts, t.m.diagnostics);
  const order = store.listingOrder(result.units);
  if (order) t.o.beforeReorder?.(store, order);
  store.reorder(result.units, order);
  return result;
}
