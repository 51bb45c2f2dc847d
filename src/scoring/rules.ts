import type { Rule } from '../criteria/model.js';
import { dec, hundredths, hundredthsOfNumber, toNumber } from '../util/decimal.js';

/**
 * Rules (SPEC §3, §14): an item's points as a function of its value, compiled once per rule.
 * Apart from the store and the ranking, which both use them, so that neither imports the other.
 */

/**
 * Points of one item for a value, in hundredths, rounded half-up once (SPEC §3).
 * Comparisons use the doubles directly: a cell value is a double, and the order of
 * doubles is the order of their shortest decimals, so no comparison is ever off.
 * Only `linear` divides, and does so exactly with bigints.
 */
export function itemPoints(rule: Rule, value: number): number {
  return pointsOf(rule)(value);
}

/** A rule's points as a function of the value. */
export type PointsFn = (value: number) => number;

const compiled = new WeakMap<Rule, PointsFn>();

/**
 * {@link itemPoints} of one rule, with the rule's own decimals worked out once, rather than
 * looked up in a cache on every call of a million households × 12 items.
 */
export function pointsOf(rule: Rule): PointsFn {
  let f = compiled.get(rule);
  if (!f) compiled.set(rule, (f = compile(rule)));
  return f;
}

function compile(rule: Rule): PointsFn {
  switch (rule.kind) {
    case 'points': {
      const pts = hundredths(rule.points);
      return (value) => (value ? pts : 0);
    }
    case 'steps': {
      const bounds = rule.steps.map((st) => toNumber(st.bound));
      const pts = rule.steps.map((st) => hundredths(st.points));
      return (value) => {
        for (let i = 0; i < bounds.length; i++) if (value >= bounds[i]!) return pts[i]!;
        return 0;
      };
    }
    case 'steps_below': {
      const bounds = rule.steps.map((st) => toNumber(st.bound));
      const pts = rule.steps.map((st) => hundredths(st.points));
      return (value) => {
        for (let i = 0; i < bounds.length; i++) if (value <= bounds[i]!) return pts[i]!;
        return 0;
      };
    }
    case 'linear': {
      const zeroBelow = rule.zeroBelow ? toNumber(rule.zeroBelow) : undefined;
      const target = toNumber(rule.target);
      const full = hundredths(rule.points);
      const { points, target: t } = rule;
      // the exact division is remembered for the values met: a roster's values repeat, and
      // a bigint division for each of a million households is dear
      const known = new Map<number, number>();
      return (value) => {
        if (zeroBelow !== undefined && value < zeroBelow) return 0;
        if (value <= 0) return 0;
        if (value >= target) return full;
        let p = known.get(value);
        if (p === undefined) {
          p = hundredthsOfNumber(points, value, t);
          if (known.size < KNOWN_MAX) known.set(value, p);
        }
        return p;
      };
    }
    case 'per_item': {
      const cap = rule.max ? hundredths(rule.max) : undefined;
      const { points } = rule;
      // points with at most 2 decimals times a whole count: exactly hundredths × count
      const each = points.s <= 2 ? hundredths(points) : undefined;
      return (value) => {
        if (value <= 0) return 0;
        const whole = each !== undefined && Number.isSafeInteger(value) ? each * value : NaN;
        const p = Number.isSafeInteger(whole) ? whole : hundredthsOfNumber(points, value, ONE);
        return cap !== undefined ? Math.min(p, cap) : p;
      };
    }
    case 'assessed': {
      const max = hundredths(rule.max);
      return (value) => Math.min(Math.max(hundredths(dec(value)), 0), max);
    }
    case 'choice': {
      // the value is the index of the choice the unit picked
      const pts = rule.points.map(hundredths);
      return (value) => pts[value] ?? 0;
    }
    case 'cases':
    case 'info':
      // a case reads other items' values (see casePoints); a figure recorded scores nothing
      return () => 0;
  }
}

/**
 * Which case of a `cases` rule (SPEC §14) holds for one unit, `values[base + i]` being item i's
 * value: the first whose every condition holds (its index), `NO_CASE` when none does, or
 * `BLANK_CASE` when the case being tried needs a value the unit left blank — that ends the search,
 * so that a later, looser case never scores a unit that did not report.
 */
export function caseHeld(rule: Extract<Rule, { kind: 'cases' }>, values: ArrayLike<number>, base: number): { index: number; blank?: string } {
  for (let k = 0; k < rule.cases.length; k++) {
    let holds = true;
    for (const w of rule.cases[k]!.when) {
      const v = w.index < 0 ? NaN : values[base + w.index]!;
      if (Number.isNaN(v)) return { index: BLANK_CASE, blank: w.item };
      if ((w.min !== undefined && v < w.min) || (w.max !== undefined && v > w.max) || (w.equals !== undefined && v !== w.equals)) holds = false;
    }
    if (holds) return { index: k };
  }
  return { index: NO_CASE };
}

export const NO_CASE = -1;
export const BLANK_CASE = -2;

/** Points of a `cases` rule for one unit (see {@link caseHeld}): the case's, else 0. The blank is already a `missing-value` of its own item. */
export function casePoints(rule: Extract<Rule, { kind: 'cases' }>, values: ArrayLike<number>, base: number): number {
  const c = rule.cases[caseHeld(rule, values, base).index];
  return c ? hundredths(c.points) : 0;
}

const ONE = dec(1);
/** Values remembered per linear rule, at most. */
const KNOWN_MAX = 4096;

