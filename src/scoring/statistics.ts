import type { PhaseTier } from '../criteria/model.js';
import { toNumber } from '../util/decimal.js';
import type { TierResult } from './types.js';
import type { Unit } from '../units/load.js';

/**
 * Thống kê (SPEC §11): for each child tier, its units counted per parent — registered,
 * submitted, scored, and each class — with a total row that is the sum of the rows, and
 * whether each parent reached the target of the roll-up items that count them. The yearly
 * statistics of the four learning models that boards report upward.
 */
export interface ChildStatistics {
  tier: string;
  title: string;
  classes: { id: string; title: string }[];
  /** Roll-up items of parent tiers over this tier that set a target. */
  targets: { tier: string; item: string; title: string; target: number }[];
  rows: StatisticsRow[];
  total: StatisticsRow;
}

export interface StatisticsRow {
  /** The parent's id ('' in the total row). */
  parent: string;
  name: string;
  /** Null when the units file lists none of the tier's units (a roster's households, say). */
  registered: number | null;
  submitted: number;
  scored: number;
  /** Count per class, in the tier's order. */
  classes: number[];
  /** Per target: the parent's value and whether it reached the target (null: no value). */
  reached: ({ value: number; met: boolean } | null)[];
}

/** The target a roll-up item's rule sets: a linear rule's target, the top step's min. */
function targetOf(tier: PhaseTier, itemId: string): number | undefined {
  const r = tier.itemById.get(itemId)?.rule;
  if (!r) return undefined;
  if (r.kind === 'linear') return toNumber(r.target);
  if (r.kind === 'steps' && r.steps[0]) return toNumber(r.steps[0].bound);
  return undefined;
}

/** Statistics of every tier whose units have parents, in the run's tier order. */
export function statistics(results: readonly TierResult[], units: readonly Unit[] | null): ChildStatistics[] {
  const out: ChildStatistics[] = [];
  // the names of the parents counted, looked up once all are known: indexing every unit's name
  // cost a million households a map of a million entries for a thousand rows
  const nameParents = (list: StatisticsRow[]): void => {
    const wanted = new Map(list.map((r) => [r.parent, r]));
    const found = new Set<string>();
    // as a map of every name would say: a tier's unit over the units file, a later tier's over an earlier one's
    for (const t of results) {
      for (const u of t.units) {
        const r = wanted.get(u.id);
        if (r) {
          r.name = u.name;
          found.add(u.id);
        }
      }
    }
    for (const u of units ?? []) {
      const r = wanted.get(u.id);
      if (r && !found.has(u.id)) {
        r.name = u.name;
        found.add(u.id);
      }
    }
  };
  for (const t of results) {
    const classIndex = new Map(t.tier.classes.map((c, i) => [c.id, i]));
    const rows = new Map<string, StatisticsRow>();
    const targets: ChildStatistics['targets'] = [];
    const parentTiers: TierResult[] = [];
    for (const p of results) {
      for (const it of p.tier.items) {
        if (it.from?.tier !== t.tier.id) continue;
        const target = targetOf(p.tier, it.id);
        if (target === undefined) continue;
        targets.push({ tier: p.tier.id, item: it.id, title: it.title, target });
        parentTiers.push(p);
      }
    }
    const row = (parent: string): StatisticsRow => {
      let r = rows.get(parent);
      if (!r) rows.set(parent, (r = { parent, name: parent, registered: listed ? 0 : null, submitted: 0, scored: 0, classes: t.tier.classes.map(() => 0), reached: [] }));
      return r;
    };
    const registered = new Set((units ?? []).filter((u) => u.tier === t.tier.id).map((u) => u.id));
    const listed = registered.size > 0;
    let any = false;
    for (const u of t.units) {
      if (!u.parent) continue;
      any = true;
      const r = row(u.parent);
      if (r.registered !== null && registered.has(u.id)) r.registered++;
      if (u.status === 'not_submitted') continue;
      r.submitted++;
      if (u.status !== 'scored') continue;
      r.scored++;
      const ci = classIndex.get(u.classId ?? '');
      if (ci !== undefined) r.classes[ci]!++;
    }
    if (!any) continue;
    const list = [...rows.values()];
    nameParents(list);
    for (const r of list) {
      r.reached = targets.map((tg, k) => {
        const p = parentTiers[k]!.units.find((x) => x.id === r.parent);
        const i = parentTiers[k]!.tier.items.findIndex((x) => x.id === tg.item);
        const v = p?.status === 'scored' ? p.input?.values[i] : undefined;
        return v === undefined || Number.isNaN(v) ? null : { value: v, met: v >= tg.target };
      });
    }
    const total: StatisticsRow = { parent: '', name: '', registered: listed ? 0 : null, submitted: 0, scored: 0, classes: t.tier.classes.map(() => 0), reached: targets.map(() => null) };
    for (const r of list) {
      if (total.registered !== null) total.registered += r.registered ?? 0;
      total.submitted += r.submitted;
      total.scored += r.scored;
      r.classes.forEach((n, i) => (total.classes[i]! += n));
    }
    out.push({ tier: t.tier.id, title: t.tier.title, classes: t.tier.classes.map((c) => ({ id: c.id, title: c.title })), targets, rows: list, total });
  }
  return out;
}
