import type { PhaseGroup, PhaseTier } from '../criteria/model.js';
import { requirementMet, requirementPoints } from './score.js';
import type { AwardList, ScoredUnit, TierResult } from './types.js';

/**
 * Giải trình: why a unit got its class and not an award (SPEC §9). Codes and arguments only;
 * the wording of each entry lives in report/why-words.ts. Figures are plain numbers as
 * results.json writes them (points with 2 decimals, shares in percent with 2 decimals).
 */
export type Why =
  | { code: 'below-share'; class: string; group: string; points: number; max: number; share: number; need: number }
  | { code: 'requirement-unmet'; class: string; item?: string; group?: string; rule: 'min_points' | 'max_points' | 'min_share'; points: number; need: number }
  | { code: 'critical-cap'; class: string; cap: string; items: string[] }
  | { code: 'award-class'; award: string; need: string }
  | { code: 'award-critical'; award: string; items: string[] }
  | { code: 'award-exclusive'; award: string; holds: string[] }
  | { code: 'award-quota'; award: string; quota: number }
  | { code: 'award-tie'; award: string; with: string[] };

export type WhyCode = Why['code'];

/** Shared by every unit with nothing to explain (nearly all of a roster): frozen. */
export const NO_WHY: readonly Why[] = Object.freeze([]);

/** What explaining needs of a ranked tier, worked out once per tier. */
interface Context {
  regular: PhaseGroup[];
  /** Award lists by award id, then by rank group ('' when the tier is ranked as a whole). */
  lists: Map<string, Map<string, AwardList>>;
  /** Per rank group, the highest rank an award reason can concern (max of max(quota, 1)). */
  reach: Map<string, number>;
  classIndex: Map<string, number>;
}

const contexts = new WeakMap<TierResult, Context>();

function contextOf(t: TierResult): Context {
  let c = contexts.get(t);
  if (c) return c;
  const lists = new Map<string, Map<string, AwardList>>();
  const reach = new Map<string, number>();
  for (const l of t.awardLists) {
    const key = l.block ?? '';
    let m = lists.get(l.award);
    if (!m) lists.set(l.award, (m = new Map()));
    m.set(key, l);
    reach.set(key, Math.max(reach.get(key) ?? 0, Math.max(l.quota, 1)));
  }
  c = { regular: t.tier.groups.filter((g) => g.kind === 'regular'), lists, reach, classIndex: new Map(t.tier.classes.map((x, i) => [x.id, i])) };
  contexts.set(t, c);
  return c;
}

/** A decimal share as a number in percent (0.85 → 85), exactly. */
function percentOfShare(share: { n: bigint; s: number }): number {
  return share.s <= 2 ? Number(share.n * 10n ** BigInt(2 - share.s)) : Number(`${share.n}e-${share.s - 2}`);
}

/** points / max in percent, rounded half-up to 2 decimals, from integer hundredths. */
function sharePercent(points: number, max: number): number {
  if (max <= 0) return 0;
  const h = Math.floor((2 * points * 10000 + max) / (2 * max));
  return h / 100;
}

/** A regular group under a band's floor: points × 10^s < n × max, exactly. */
function underFloor(points: number, max: number, share: { n: bigint; s: number }): boolean {
  return BigInt(points) * 10n ** BigInt(share.s) < share.n * BigInt(max);
}

/**
 * Every reason of SPEC §9 for one scored unit of a ranked tier, in a fixed order: the class
 * (below-share, highest band first; critical-cap), then each award in the tier's order.
 * Empty when the unit's class is the one its total alone gives and no award needs a word.
 */
export function explain(t: TierResult, u: ScoredUnit): readonly Why[] {
  if (u.status !== 'scored' || u.total === null) return NO_WHY;
  const tier = t.tier;
  const c = contextOf(t);
  const total = u.total;
  const given = c.classIndex.get(u.classId ?? '') ?? tier.classes.length - 1;
  let byTotal = 0;
  while (byTotal < tier.classes.length - 1 && total < tier.classes[byTotal]!.min) byTotal++;
  const key = tier.rankBy === 'block' ? u.block : '';
  const rank = u.rank ?? Infinity;
  const awardsToTell = rank <= (c.reach.get(key) ?? 0);
  if (byTotal >= given && !awardsToTell) return NO_WHY;
  const out: Why[] = [];
  const unmet: Why[] = [];
  // the class: each band the total reached above the one given, and why it was not given
  let uncapped = tier.classes.length - 1;
  for (let i = byTotal; i < tier.classes.length; i++) {
    const band = tier.classes[i]!;
    const share = band.minShareEach;
    const failing = share ? c.regular.filter((g) => underFloor(u.groupPoints(g.id) ?? 0, g.max, share)) : [];
    const missed = band.requires ? band.requires.filter((r) => !requirementMet(tier, u, r)) : [];
    if (failing.length === 0 && missed.length === 0) {
      uncapped = i;
      break;
    }
    if (i >= given) continue;
    for (const g of failing) {
      const points = u.groupPoints(g.id) ?? 0;
      out.push({ code: 'below-share', class: band.id, group: g.id, points: points / 100, max: g.max / 100, share: sharePercent(points, g.max), need: percentOfShare(share!) });
    }
    for (const r of missed) {
      const points = requirementPoints(tier, u, r);
      const ref = r.item !== undefined ? { item: r.item } : { group: r.group! };
      const figures =
        r.rule === 'min_share'
          ? { points: sharePercent(points, tier.groupById.get(r.group!)?.max ?? 0), need: percentOfShare(r.share!) }
          : { points: points / 100, need: r.points! / 100 };
      unmet.push({ code: 'requirement-unmet', class: band.id, ...ref, rule: r.rule, ...figures });
    }
  }
  // SPEC §9's order: every below-share, then every requirement-unmet, then critical-cap
  for (const w of unmet) out.push(w);
  if (given > uncapped && u.criticalFailed.length) {
    out.push({ code: 'critical-cap', class: tier.classes[uncapped]!.id, cap: tier.classes[given]!.id, items: [...u.criticalFailed] });
  }
  if (awardsToTell) {
    const decided = t.decisions?.get(u.id);
    for (const award of tier.awards) {
      if (u.awards.includes(award.id)) continue;
      // the council's decision is the reason (SPEC §12), shown beside it
      if (decided?.some((d) => d.award === award.id)) continue;
      const list = c.lists.get(award.id)?.get(key);
      if (!list || rank > Math.max(list.quota, 1)) continue;
      if (list.ties.includes(u.id)) {
        out.push({ code: 'award-tie', award: award.id, with: list.ties.filter((id) => id !== u.id) });
        continue;
      }
      const minIdx = award.minClass === undefined ? undefined : c.classIndex.get(award.minClass);
      if (minIdx !== undefined && given > minIdx) out.push({ code: 'award-class', award: award.id, need: award.minClass! });
      else if (u.criticalFailed.length) out.push({ code: 'award-critical', award: award.id, items: [...u.criticalFailed] });
      else if (u.awards.some((a) => award.exclusiveOf.includes(a))) out.push({ code: 'award-exclusive', award: award.id, holds: u.awards.filter((a) => award.exclusiveOf.includes(a)) });
      else out.push({ code: 'award-quota', award: award.id, quota: list.quota });
    }
  }
  return out.length ? out : NO_WHY;
}
