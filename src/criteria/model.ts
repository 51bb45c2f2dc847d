import type { Class, CriteriaFile, Group, Item, PhaseNumber, Tier } from '../generated/criteria.js';
import { dec, hundredths, type Dec } from '../util/decimal.js';

export type { Class, CriteriaFile, Group, Item, Tier };

/** Input kinds of SPEC §3 and §14 (`choice`). */
export type InputKind = NonNullable<Item['input']>;

/** What a unit gives for an item: an input kind, or nothing for an item computed by `cases` (SPEC §14). */
export type ItemInput = InputKind | 'cases';

/** One condition of a case on another item's value; `equals` of a yes/no is 1/0, of a choice its index. */
export interface CaseCondition {
  item: string;
  /** Index of the item in {@link PhaseTier.items}; -1 when it does not exist in the phase (its value is missing). */
  index: number;
  min?: number;
  max?: number;
  equals?: number;
  /** How `equals` was written, for words: a choice's id, or a yes/no. */
  equalsText?: string;
  equalsYesNo?: boolean;
}

/** One condition of a class (SPEC §14 `requires`), resolved for a phase. */
export interface PhaseRequirement {
  /** The item or group it names (one of the two). */
  item?: string;
  group?: string;
  rule: 'min_points' | 'max_points' | 'min_share';
  /** Points in hundredths (min_points, max_points). */
  points?: number;
  /** The share (min_share). */
  share?: Dec;
}

/** A rule with every per-phase number resolved to an exact decimal. */
export type Rule =
  | { kind: 'points'; points: Dec }
  | { kind: 'steps'; steps: { bound: Dec; points: Dec }[] }
  | { kind: 'steps_below'; steps: { bound: Dec; points: Dec }[] }
  | { kind: 'linear'; target: Dec; points: Dec; zeroBelow?: Dec }
  | { kind: 'per_item'; points: Dec; max?: Dec }
  | { kind: 'assessed'; max: Dec }
  /** A level described in words: the value is the index of the choice. */
  | { kind: 'choice'; points: Dec[]; ids: string[]; titles: string[] }
  /** Points from other items' values: the first case whose every condition holds, else 0. */
  | { kind: 'cases'; cases: { when: CaseCondition[]; points: Dec }[] }
  /** A figure recorded, never scored (SPEC §11 `info: true`). */
  | { kind: 'info' };

/** Tiêu chí: one criterion as it stands in one phase. */
export interface PhaseItem {
  id: string;
  title: string;
  input: ItemInput;
  unit?: string;
  critical: boolean;
  /** Records a figure and scores nothing (`info: true`). */
  info: boolean;
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
  /** The value comes from a child tier's results (SPEC §11), not the unit's workbook. */
  from?: FromSpec;
}

/** Where a roll-up item's value comes from: a measure over the units of a child tier. */
export interface FromSpec {
  tier: string;
  measure: 'share' | 'count' | 'mean' | 'sum';
  classes?: string[];
  awards?: string[];
  item?: string;
  /** share's denominator; `{ item }` a count the parent reported itself. */
  of: 'submitted' | 'scored' | 'registered' | { item: string };
}

/** The roll-up of an item as the criteria file writes it, resolved. */
export function fromSpec(f: NonNullable<Item['from']>): FromSpec {
  const of = f.of ?? 'submitted';
  return {
    tier: f.tier,
    measure: f.measure,
    ...(f.classes ? { classes: f.classes } : {}),
    ...(f.awards ? { awards: f.awards } : {}),
    ...(f.item ? { item: f.item } : {}),
    of: of.startsWith('item:') ? { item: of.slice(5) } : (of as 'submitted' | 'scored' | 'registered'),
  };
}

/** The child tiers a tier's items roll up from, in the phase. */
export function childTiers(tier: PhaseTier): string[] {
  return [...new Set(tier.items.flatMap((it) => (it.from ? [it.from.tier] : [])))];
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
  /** Further conditions (SPEC §14), those naming nothing of the phase left out. */
  requires?: PhaseRequirement[];
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
  if (item.cases) {
    if (item.input !== undefined || RULE_KEYS.some((k) => item[k] !== undefined)) return undefined;
    const cases = item.cases.map((c) => ({ points: pd(c.points, phase), when: Object.entries(c.when).map(([id, cond]) => ({ item: id, index: -1, ...(cond.min !== undefined ? { min: cond.min } : {}), ...(cond.max !== undefined ? { max: cond.max } : {}), ...(cond.equals !== undefined ? { equals: cond.equals } : {}) })) }));
    if (!cases.every((c) => c.points)) return undefined;
    // `equals` keeps what the file wrote until resolveTier knows the item it names
    return { kind: 'cases', cases: cases as unknown as { when: CaseCondition[]; points: Dec }[] };
  }
  if (item.input === 'choice') {
    if (!item.choices || RULE_KEYS.some((k) => item[k] !== undefined)) return undefined;
    const points = item.choices.map((c) => pd(c.points, phase));
    if (!points.every((x) => x)) return undefined;
    return { kind: 'choice', points: points as Dec[], ids: item.choices.map((c) => c.id), titles: item.choices.map((c) => c.title) };
  }
  if (item.info) return RULE_KEYS.some((k) => item[k] !== undefined) || item.choices ? undefined : { kind: 'info' };
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

/** The keys of an item that each make a rule of SPEC §3. */
export const RULE_KEYS = ['points', 'steps', 'steps_below', 'linear', 'per_item'] as const;

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
    case 'choice':
      return Math.max(0, ...rule.points.map(hundredths));
    case 'cases':
      return Math.max(0, ...rule.cases.map((c) => hundredths(c.points)));
    case 'info':
      return 0;
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
        input: child.input ?? 'cases',
        ...(child.unit ? { unit: child.unit } : {}),
        critical: child.critical === true,
        info: rule.kind === 'info',
        rule,
        maxPoints: ruleMax(rule),
        ...(vmin ? { valueMin: vmin } : {}),
        ...(vmax ? { valueMax: vmax } : {}),
        tags: { ...gtags, ...(child.tags ?? {}) },
        topGroup: top,
        kind,
        ...(child.from ? { from: fromSpec(child.from) } : {}),
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
  for (const it of items) if (it.rule.kind === 'cases') resolveCases(it.rule, items);
  const classes = (tier.classes ?? criteria.classes).map((c) => {
    const requires = (c.requires ?? []).flatMap((r): PhaseRequirement[] => {
      // a condition on an item or group the phase does not have is not asked in that phase
      if (r.item !== undefined ? !itemById.has(r.item) : !groupById.has(r.group ?? '')) return [];
      const ref = r.item !== undefined ? { item: r.item } : { group: r.group! };
      if (r.min_share !== undefined) return [{ ...ref, rule: 'min_share', share: dec(r.min_share) }];
      if (r.min_points !== undefined) return [{ ...ref, rule: 'min_points', points: hundredths(dec(r.min_points)) }];
      if (r.max_points !== undefined) return [{ ...ref, rule: 'max_points', points: hundredths(dec(r.max_points)) }];
      return [];
    });
    return {
      id: c.id,
      title: c.title,
      min: hundredths(dec(c.min)),
      ...(c.min_share_each !== undefined ? { minShareEach: dec(c.min_share_each) } : {}),
      ...(requires.length ? { requires } : {}),
    };
  });
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

/**
 * The items a case names, by place among the phase's items, and each `equals` as a stored
 * value: a yes/no's true/false as 1/0, a choice's id as its index.
 */
function resolveCases(rule: Extract<Rule, { kind: 'cases' }>, items: PhaseItem[]): void {
  for (const c of rule.cases) {
    for (const w of c.when) {
      w.index = items.findIndex((it) => it.id === w.item);
      const eq = w.equals as unknown;
      if (eq === undefined) continue;
      const target = items[w.index];
      if (typeof eq === 'boolean') {
        w.equals = eq ? 1 : 0;
        w.equalsYesNo = true;
      } else if (typeof eq === 'string') {
        w.equalsText = eq;
        const r = target?.rule;
        // lint makes sure the id is a choice of the item; otherwise no value equals it
        w.equals = r?.kind === 'choice' ? r.ids.indexOf(eq) : NaN;
      }
    }
  }
}
