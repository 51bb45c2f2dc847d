import { isPhaseGroup, type PhaseGroup, type PhaseTier } from '../criteria/model.js';
import { dec, hundredths } from '../util/decimal.js';
import { casePoints, pointsOf, type PointsFn } from './rules.js';
import type { TierStore } from './store.js';

/**
 * Scoring a store's slots (SPEC §3): each tier's plan — its groups as flat index lists and
 * each item's rule as a function of the value — made once, then a slot's points, groups and
 * total read from and written to the store's columns.
 */

/** `TierStore.status` of a slot whose errors reject its unit (0: scored). */
export const REJECTED = 1;

/** Groups in an order where children come before their parent, as flat index lists. */
export interface ScorePlan {
  groupCount: number;
  steps: { gi: number; items: number[]; subs: number[]; max: number; top: 'regular' | 'bonus' | 'penalty' | null }[];
  /** Group id → position (the tier's group order). */
  index: Map<string, number>;
  critical: number[];
  /** Each item's rule as a function of the value. */
  points: PointsFn[];
  /** Items whose points come from other items' values (`cases`). */
  cases: number[];
}

const plans = new WeakMap<PhaseTier, ScorePlan>();

export function plan(tier: PhaseTier): ScorePlan {
  let p = plans.get(tier);
  if (p) return p;
  const index = new Map([...tier.groupById.keys()].map((id, i) => [id, i]));
  const itemIndex = new Map(tier.items.map((it, i) => [it, i]));
  const steps: ScorePlan['steps'] = [];
  const walk = (g: PhaseGroup, top: boolean): void => {
    const items: number[] = [];
    const subs: number[] = [];
    for (const ch of g.children) {
      if (isPhaseGroup(ch)) {
        walk(ch, false);
        subs.push(index.get(ch.id)!);
      } else items.push(itemIndex.get(ch)!);
    }
    steps.push({ gi: index.get(g.id)!, items, subs, max: g.max, top: top ? g.kind : null });
  };
  for (const g of tier.groups) walk(g, true);
  const critical = tier.items.flatMap((it, i) => (it.critical ? [i] : []));
  const cases = tier.items.flatMap((it, i) => (it.rule.kind === 'cases' ? [i] : []));
  p = { groupCount: index.size, steps, index, critical, points: tier.items.map((it) => pointsOf(it.rule)), cases };
  plans.set(tier, p);
  return p;
}

/** Sums (capped) every group of one unit into `out`; the top-level sums by kind. */
function sumGroups(p: ScorePlan, points: Int32Array, base: number, out: Int32Array, outBase: number): { regular: number; bonus: number; penalty: number } {
  let regular = 0;
  let bonus = 0;
  let penalty = 0;
  for (const st of p.steps) {
    let s = 0;
    for (const i of st.items) s += points[base + i]!;
    for (const gi of st.subs) s += out[outBase + gi]!;
    const capped = Math.min(s, st.max);
    out[outBase + st.gi] = capped;
    if (st.top === 'regular') regular += capped;
    else if (st.top === 'bonus') bonus += capped;
    else if (st.top === 'penalty') penalty += capped;
  }
  return { regular, bonus, penalty };
}

/** Scores one slot of a store: its items' points, its groups (capped), total, bonus and penalty. */
export function scoreSlot(st: TierStore, p: ScorePlan, s: number): void {
  const n = st.n;
  const base = s * n;
  const items = st.tier.items;
  const values = st.values;
  const assessed = st.assessed;
  const points = st.points;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const a = assessed ? assessed[base + i]! : NaN;
    const v = values[base + i]!;
    let pt: number;
    if (!Number.isNaN(a)) {
      pt = Math.max(0, hundredths(dec(a)));
      if (item.maxPoints !== null) pt = Math.min(pt, item.maxPoints);
      st.assessedUsed![base + i] = 1;
    } else if (Number.isNaN(v)) pt = 0;
    else pt = p.points[i]!(v);
    points[base + i] = pt;
  }
  // a case reads the other items' values of the unit, all in by now (SPEC §14)
  for (const i of p.cases) {
    if (assessed && !Number.isNaN(assessed[base + i]!)) continue;
    points[base + i] = casePoints(items[i]!.rule as Extract<PhaseTier['items'][number]['rule'], { kind: 'cases' }>, values, base);
  }
  if (st.critical) {
    let mask = 0;
    for (let b = 0; b < p.critical.length; b++) if (points[base + p.critical[b]!] === 0) mask |= 1 << b;
    st.critical[s] = mask;
  }
  const sums = sumGroups(p, points, base, st.groupPoints, s * st.g);
  st.total[s] = Math.max(0, sums.regular + sums.bonus - sums.penalty);
  st.bonus[s] = sums.bonus;
  st.penalty[s] = sums.penalty;
  st.selfTotal[s] = selfTotalOf(st, p, s);
}

/** Self points run through the same caps as computed ones, so the totals compare. */
function selfTotalOf(st: TierStore, p: ScorePlan, s: number): number {
  const self = st.self;
  const n = st.n;
  const base = s * n;
  // a total row whose formula adds up nothing the unit filled in says nothing
  if (!self) return NaN;
  let any = false;
  for (let i = 0; i < n; i++) if (!Number.isNaN(self[base + i]!)) any = true;
  if (!any) return NaN;
  const written = st.selfTotalIn[s]!;
  if (!Number.isNaN(written)) return hundredths(dec(written));
  const pts = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = self[base + i]!;
    pts[i] = Number.isNaN(v) ? 0 : hundredths(dec(v));
  }
  const sums = sumGroups(p, pts, 0, new Int32Array(st.g), 0);
  return Math.max(0, sums.regular + sums.bonus - sums.penalty);
}
