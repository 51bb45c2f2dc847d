import type { Class, CriteriaFile, Group, Item, PhaseNumber, Tier } from '../generated/criteria.js';
import { dec, hundredths, type Dec } from '../scoring/decimal.js';

export type { Class, CriteriaFile, Group, Item, Tier };

/** Input kinds of SPEC §3. */
export type InputKind = Item['input'];

/** A rule with every per-phase number resolved to an exact decimal. */
export type Rule =
  | { kind: 'points'; points: Dec }
  | { kind: 'steps'; steps: { bound: Dec; points: Dec }[] }
  | { kind: 'steps_below'; steps: { bound: Dec; points: Dec }[] }
  | { kind: 'linear'; target: Dec; points: Dec; zeroBelow?: Dec }
  | { kind: 'per_item'; points: Dec; max?: Dec }
  | { kind: 'assessed'; max: Dec };

/** Tiêu chí: one criterion as it stands in one phase. */
export interface PhaseItem {
  id: string;
  title: string;
  input: InputKind;
  unit?: string;
  critical: boolean;
  rule: Rule;
  /** Highest points, in hundredths; null when uncapped (per_item without max). */
  maxPoints: number | null;
  /** Bounds of the value (number input). */
  valueMin?: Dec;
  valueMax?: Dec;
  /** Tag family → value, inherited from the groups above unless set on the item. */
  tags: Record<string, string>;
  /** Id of the top-level group it belongs to. */
  topGroup: string;
  kind: 'regular' | 'bonus' | 'penalty';
}

/** Nhóm tiêu chí as it stands in one phase. */
export interface PhaseGroup {
  id: string;
  title: string;
  kind: 'regular' | 'bonus' | 'penalty';
  /** Hundredths. */
  max: number;
  tags: Record<string, string>;
  children: (PhaseGroup | PhaseItem)[];
  depth: number;
}

export interface PhaseClass {
  id: string;
  title: string;
  /** Hundredths. */
  min: number;
  minShareEach?: Dec;
}

export interface PhaseAward {
  id: string;
  title: string;
  perBlock?: number;
  share?: Dec;
  minClass?: string;
  exclusiveOf: string[];
}

/** Đối tượng thi đua: one tier's points table resolved for one phase. */
export interface PhaseTier {
  id: string;
  title: string;
  layout: 'form' | 'roster';
  /** Hundredths. */
  max: number;
  classes: PhaseClass[];
  criticalCap?: string;
  rankBy: 'block' | 'tier';
  tieBreak: string[];
  awards: PhaseAward[];
  groups: PhaseGroup[];
  /** Every item of the phase in table order. */
  items: PhaseItem[];
  itemById: Map<string, PhaseItem>;
  groupById: Map<string, PhaseGroup>;
}

export function isGroup(x: Item | Group): x is Group {
  return Array.isArray((x as Group).items);
}

export function isPhaseGroup(x: PhaseGroup | PhaseItem): x is PhaseGroup {
  return Array.isArray((x as PhaseGroup).children);
}

export function existsIn(phases: string[] | undefined, phase: string): boolean {
  return !phases || phases.includes(phase);
}

/** The number of a phase: a plain number, or the phase's entry of a map (undefined when it has none). */
export function phaseValue(v: PhaseNumber | undefined, phase: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  return v[phase];
}

function pd(v: PhaseNumber | undefined, phase: string): Dec | undefined {
  const x = phaseValue(v, phase);
  return x === undefined ? undefined : dec(x);
}

/** The rule of an item in a phase, or undefined when it has none (a `rule-missing`). */
export function ruleOf(item: Item, phase: string): Rule | undefined {
  const rules: Rule[] = [];
  const points = pd(item.points, phase);
  if (item.input === 'points') {
    const max = pd(item.max, phase);
    return max ? { kind: 'assessed', max } : undefined;
  }
  if (item.points !== undefined && points) rules.push({ kind: 'points', points });
  if (item.steps) {
    const steps = item.steps.map((s) => ({ bound: pd(s.min, phase), points: pd(s.points, phase) }));
    if (steps.every((s) => s.bound && s.points)) rules.push({ kind: 'steps', steps: steps as { bound: Dec; points: Dec }[] });
  }
  if (item.steps_below) {
    const steps = item.steps_below.map((s) => ({ bound: pd(s.max, phase), points: pd(s.points, phase) }));
    if (steps.every((s) => s.bound && s.points)) rules.push({ kind: 'steps_below', steps: steps as { bound: Dec; points: Dec }[] });
  }
  if (item.linear) {
    const target = pd(item.linear.target, phase);
    const lp = pd(item.linear.points, phase);
    const zeroBelow = pd(item.linear.zero_below, phase);
    if (target && lp) rules.push({ kind: 'linear', target, points: lp, ...(zeroBelow ? { zeroBelow } : {}) });
  }
  if (item.per_item) {
    const pp = pd(item.per_item.points, phase);
    const max = pd(item.per_item.max, phase);
    if (pp) rules.push({ kind: 'per_item', points: pp, ...(max ? { max } : {}) });
  }
  return rules.length === 1 ? rules[0] : undefined;
}

/** Highest points of a rule in hundredths; null when uncapped. */
export function ruleMax(rule: Rule): number | null {
  switch (rule.kind) {
    case 'points':
      return hundredths(rule.points);
    case 'steps':
    case 'steps_below':
      return Math.max(0, ...rule.steps.map((s) => hundredths(s.points)));
    case 'linear':
      return hundredths(rule.points);
    case 'per_item':
      return rule.max ? hundredths(rule.max) : null;
    case 'assessed':
      return hundredths(rule.max);
  }
}

/** Whether the tier exists in a phase. */
export function tierInPhase(tier: Tier, phase: string): boolean {
  return existsIn(tier.phases, phase);
}

/**
 * Resolves one tier for one phase: drops items and groups of other phases, resolves
 * per-phase numbers, inherits tags. Assumes the file passed `lint` without errors.
 */
export function resolveTier(criteria: CriteriaFile, tier: Tier, phase: string): PhaseTier {
  const items: PhaseItem[] = [];
  const itemById = new Map<string, PhaseItem>();
  const groupById = new Map<string, PhaseGroup>();
  const build = (g: Group, depth: number, tags: Record<string, string>, top: string, kind: PhaseGroup['kind']): PhaseGroup => {
    const gtags = { ...tags, ...(g.tags ?? {}) };
    const out: PhaseGroup = {
      id: g.id,
      title: g.title,
      kind,
      max: hundredths(pd(g.max, phase) ?? dec(0)),
      tags: gtags,
      children: [],
      depth,
    };
    groupById.set(g.id, out);
    for (const child of g.items) {
      if (!existsIn(child.phases, phase)) continue;
      if (isGroup(child)) {
        out.children.push(build(child, depth + 1, gtags, top, kind));
        continue;
      }
      const rule = ruleOf(child, phase);
      if (!rule) continue;
      const vmin = child.input === 'number' ? pd(child.min, phase) : undefined;
      const vmax = child.input === 'number' ? pd(child.max, phase) : undefined;
      const it: PhaseItem = {
        id: child.id,
        title: child.title,
        input: child.input,
        ...(child.unit ? { unit: child.unit } : {}),
        critical: child.critical === true,
        rule,
        maxPoints: ruleMax(rule),
        ...(vmin ? { valueMin: vmin } : {}),
        ...(vmax ? { valueMax: vmax } : {}),
        tags: { ...gtags, ...(child.tags ?? {}) },
        topGroup: top,
        kind,
      };
      out.children.push(it);
      items.push(it);
      itemById.set(it.id, it);
    }
    return out;
  };
  const groups = tier.criteria
    .filter((g) => existsIn(g.phases, phase))
    .map((g) => build(g, 0, {}, g.id, g.kind ?? 'regular'));
  const classes = (tier.classes ?? criteria.classes).map((c) => ({
    id: c.id,
    title: c.title,
    min: hundredths(dec(c.min)),
    ...(c.min_share_each !== undefined ? { minShareEach: dec(c.min_share_each) } : {}),
  }));
  return {
    id: tier.id,
    title: tier.title,
    layout: tier.layout,
    max: hundredths(pd(tier.max, phase) ?? dec(0)),
    classes,
    ...(tier.critical_cap ? { criticalCap: tier.critical_cap } : {}),
    rankBy: tier.rank_by ?? 'tier',
    tieBreak: tier.tie_break ?? [],
    // an award limited to some phases does not exist in the others (issue 19), like an item
    awards: (tier.awards ?? []).filter((a) => existsIn(a.phases, phase)).map((a) => ({
      id: a.id,
      title: a.title,
      ...(a.per_block !== undefined ? { perBlock: a.per_block } : {}),
      ...(a.share !== undefined ? { share: dec(a.share) } : {}),
      ...(a.min_class ? { minClass: a.min_class } : {}),
      exclusiveOf: a.exclusive_of ?? [],
    })),
    groups,
    items,
    itemById,
    groupById,
  };
}
