import { childTiers, type FromSpec, type PhaseTier } from '../criteria/model.js';
import { SEVERITY, type Code } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { TierStore } from '../scoring/store.js';
import type { TierResult } from '../scoring/types.js';

/**
 * Tiers that feed each other (SPEC §11): a parent's roll-up items take their values from the
 * results of a child tier — a commune's share of households recognised as "Gia đình học tập",
 * say. This file orders the tiers children first, and computes each roll-up value from the
 * children of each parent, whether scored in this run or read from earlier runs' results.json.
 */

/** A child unit as a roll-up needs it, from this run or from an earlier run's results.json. */
export interface Child {
  id: string;
  parent: string;
  status: 'scored' | 'rejected' | 'not_submitted';
  /** Registered in a units file (the `registered` denominator). */
  registered: boolean;
  classId: string | null;
  awards: readonly string[];
  /** Hundredths; null unless scored. */
  total: number | null;
  /** An item's points (hundredths) and value, for `mean`/`sum` over an item. */
  item(id: string): { points: number; value: number } | undefined;
}

/** The tiers in an order where every tier comes after the tiers it rolls up from. */
export function childrenFirst(tiers: PhaseTier[]): PhaseTier[] {
  const byId = new Map(tiers.map((t) => [t.id, t]));
  const out: PhaseTier[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (t: PhaseTier): void => {
    if (state.has(t.id)) return; // a loop is a lint error (rollup-cycle); the open tier is simply not waited for
    state.set(t.id, 'open');
    for (const c of childTiers(t)) {
      const child = byId.get(c);
      if (child) visit(child);
    }
    state.set(t.id, 'done');
    out.push(t);
  };
  for (const t of tiers) visit(t);
  return out;
}

/** Counts of one parent's children for one roll-up item. */
interface Tally {
  registered: number;
  submitted: number;
  scored: number;
  /** Children that meet the item's classes or awards. */
  matched: number;
  /** Sum (hundredths for points and totals; the value for `sum`) and how many were summed. */
  sum: number;
  summed: number;
}

const tally = (): Tally => ({ registered: 0, submitted: 0, scored: 0, matched: 0, sum: 0, summed: 0 });

/** The children of a unit counted for one spec, by parent id. */
function tallies(spec: FromSpec, children: Iterable<Child>): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const c of children) {
    if (!c.parent) continue;
    let t = out.get(c.parent);
    if (!t) out.set(c.parent, (t = tally()));
    if (c.registered) t.registered++;
    if (c.status === 'not_submitted') continue;
    t.submitted++;
    if (c.status !== 'scored') continue;
    t.scored++;
    if ((spec.classes && c.classId !== null && spec.classes.includes(c.classId)) || (spec.awards && c.awards.some((a) => spec.awards!.includes(a)))) t.matched++;
    if (spec.measure === 'mean') {
      const v = spec.item ? c.item(spec.item)?.points : c.total;
      if (v !== undefined && v !== null) {
        t.sum += v;
        t.summed++;
      }
    } else if (spec.measure === 'sum' && spec.item) {
      const v = c.item(spec.item)?.value;
      if (v !== undefined && !Number.isNaN(v)) {
        t.sum += v;
        t.summed++;
      }
    }
  }
  return out;
}

/** n × 100 / d rounded half-up to 2 decimals, exactly (whole counts). */
function percent(n: number, d: number): number {
  return Math.floor((2 * n * 10000 + d) / (2 * d)) / 100;
}

/** What a roll-up gives one parent: its value (NaN when nothing to compute from) and figures. */
export interface Rolled {
  value: number;
  numerator: number;
  denominator: number | null;
}

/** The value of one roll-up item for one parent. `reportedOf` reads the parent's own value of an item (`of: item:ID`). */
export function rollValue(spec: FromSpec, t: Tally | undefined, reportedOf: (item: string) => number): Rolled {
  const none: Rolled = { value: NaN, numerator: 0, denominator: null };
  if (!t || t.scored === 0) return none;
  switch (spec.measure) {
    case 'share': {
      const of = spec.of;
      const d = typeof of === 'object' ? reportedOf(of.item) : of === 'scored' ? t.scored : of === 'registered' ? t.registered : t.submitted;
      if (!(d > 0)) return { ...none, numerator: t.matched };
      return { value: percent(t.matched, d), numerator: t.matched, denominator: d };
    }
    case 'count':
      return { value: t.matched, numerator: t.matched, denominator: null };
    case 'mean':
      // points and totals are hundredths: the mean in points, half-up to 2 decimals
      return t.summed ? { value: Math.floor((2 * t.sum + t.summed) / (2 * t.summed)) / 100, numerator: t.sum / 100, denominator: t.summed } : none;
    case 'sum':
      return t.summed ? { value: t.sum, numerator: t.sum, denominator: null } : none;
  }
}

function mk(code: Code, path: string, args: MessageArgs, where: Partial<Diagnostic>): Diagnostic {
  return { severity: SEVERITY[code], code, args, path, sheet: null, cell: null, ...where };
}

/**
 * Puts every roll-up item's value into the parent tier's store, before it is scored: the
 * computed value wins over a reported one (`rollup-differs` when they differ by more than
 * 0.01); a parent with no scored children keeps a blank, which scores 0 with `missing-value`.
 */
export function applyRollups(
  store: TierStore,
  childrenOf: (tier: string) => Iterable<Child> | undefined,
  where: (slot: number) => { path: string; sheet: string | null; cell: (item: number) => string | null },
  diagnostics: Diagnostic[],
): void {
  const tier = store.tier;
  const n = store.n;
  tier.items.forEach((it, i) => {
    if (!it.from) return;
    const children = childrenOf(it.from.tier);
    if (!children) return;
    const spec = it.from;
    const byParent = tallies(spec, children);
    for (let slot = 0; slot < store.size; slot++) {
      const base = slot * n;
      const reportedOf = (id: string): number => {
        const k = tier.items.findIndex((x) => x.id === id);
        return k < 0 ? NaN : store.values[base + k]!;
      };
      const r = rollValue(spec, byParent.get(store.ids[slot]!), reportedOf);
      const reported = store.values[base + i]!;
      store.values[base + i] = r.value;
      let figures = store.rollups.get(slot);
      if (!figures) store.rollups.set(slot, (figures = new Array(n).fill(null)));
      figures[i] = { numerator: r.numerator, denominator: r.denominator };
      if (!Number.isNaN(reported) && !Number.isNaN(r.value) && Math.abs(reported - r.value) > 0.01) {
        const w = where(slot);
        diagnostics.push(
          mk('rollup-differs', w.path, { item: it.id, tier: spec.tier, reported, computed: r.value, numerator: r.numerator, ...(r.denominator !== null ? { denominator: r.denominator } : {}) }, {
            sheet: w.sheet,
            cell: w.cell(i),
            unit: store.ids[slot]!,
            tier: tier.id,
          }),
        );
      }
    }
  });
}

/** The children of a ranked tier of this run, each with its resolved parent. */
export function* runChildren(t: TierResult, registered: ReadonlySet<string>, parentOf: (id: string) => string | undefined): Generator<Child> {
  const tier = t.tier;
  const index = new Map(tier.items.map((it, i) => [it.id, i]));
  for (const u of t.units) {
    const parent = u.parent || parentOf(u.id) || '';
    const scored = u.status === 'scored';
    yield {
      id: u.id,
      parent,
      status: u.status,
      registered: registered.has(u.id),
      classId: u.classId,
      awards: u.awards,
      total: u.total,
      item(id) {
        const i = index.get(id);
        if (i === undefined || !scored) return undefined;
        return { points: u.points[i]!, value: u.input?.values[i] ?? NaN };
      },
    };
  }
}

/** Whether a tier is a child of any tier of the run (its units need parents). */
export function isChildTier(tier: string, tiers: Iterable<PhaseTier>): boolean {
  for (const t of tiers) if (childTiers(t).includes(tier)) return true;
  return false;
}

/** An earlier run's results.json given with `--from`, parsed. */
export interface FromFile {
  path: string;
  data: unknown;
  /** Of the file's bytes, for the run's `inputs`. */
  sha256?: string;
}

interface JsonUnit {
  id: string;
  parent?: string;
  status: Child['status'];
  class: string | null;
  awards: string[];
  total: number | null;
  items?: Record<string, { value: number | boolean | null; points: number }>;
}

/**
 * Child units from earlier runs (`--from`): results of another movement or phase are a
 * `from-mismatch` error and give nothing; a child unit met twice is `duplicate-entry`, the
 * first one counting (files in the order given).
 */
export function fromFiles(files: readonly FromFile[], movement: string, phase: string, seen: Set<string>, diagnostics: Diagnostic[]): Map<string, Child[]> {
  const out = new Map<string, Child[]>();
  for (const f of files) {
    const r = f.data as { format?: unknown; movement?: unknown; phase?: unknown; tiers?: unknown } | null;
    const bad = (args: MessageArgs): void => void diagnostics.push(mk('from-mismatch', f.path, args, {}));
    if (!r || r.format !== 'thidua.results/v1' || !Array.isArray(r.tiers)) {
      bad({ reason: 'format' });
      continue;
    }
    if (r.movement !== movement) {
      bad({ reason: 'movement', found: String(r.movement), expected: movement });
      continue;
    }
    if (r.phase !== phase) {
      bad({ reason: 'phase', found: String(r.phase), expected: phase });
      continue;
    }
    for (const t of r.tiers as { id: string; stats?: { registered?: number | null }; units?: JsonUnit[] }[]) {
      const registered = t.stats?.registered !== null && t.stats?.registered !== undefined;
      let list = out.get(t.id);
      if (!list) out.set(t.id, (list = []));
      for (const u of t.units ?? []) {
        const key = `${t.id}\u0000${u.id}`;
        if (seen.has(key)) {
          diagnostics.push(mk('duplicate-entry', f.path, { item: '–', unit: u.id, other: t.id }, { unit: u.id, tier: t.id }));
          continue;
        }
        seen.add(key);
        const items = u.items ?? {};
        list.push({
          id: u.id,
          parent: u.parent ?? '',
          status: u.status,
          registered,
          classId: u.class,
          awards: u.awards ?? [],
          total: u.total === null ? null : Math.round(u.total * 100),
          item(id) {
            const x = items[id];
            if (!x) return undefined;
            const v = x.value;
            return { points: Math.round(x.points * 100), value: typeof v === 'boolean' ? (v ? 1 : 0) : v === null ? NaN : v };
          },
        });
      }
    }
  }
  return out;
}
