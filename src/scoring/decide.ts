import type { Diagnostic } from '../diagnostics/types.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { AwardList, DecidedAward, Decision, ScoredUnit, TierResult } from './types.js';

export interface DecisionsInput {
  /** The decisions file as given (for diagnostics). */
  path: string;
  /** The phase the file says it is for. */
  phase: string;
  phaseAt: { line: number; column: number };
  decisions: readonly Decision[];
}

/**
 * The council's decisions (SPEC §12) applied to ranked tiers, after ranking and never in it:
 * points, classes and ranks stay as scored. A grant gives the award to its unit (settling a
 * tie, or beyond the quota); a withholding takes a proposed one away. Every decided award
 * is recorded on the tier (`decisions`, by unit) and on its award list (`decided`); a tie a
 * grant settles is no longer a tie for any unit of that list; a withheld tied unit leaves the
 * tie, the others stay for the council. The award counts of the tier follow.
 *
 * Returns new tier results (the units are the same objects: their award fields are updated)
 * and the findings: `decision-unknown` for an unknown phase, unit or award, or a unit that
 * was not scored. `registeredElsewhere` names units of tiers this run did not score (`--tier`):
 * decisions on them are left alone, not reported.
 */
export function applyDecisions(tiers: readonly TierResult[], input: DecisionsInput, phase: string, registeredElsewhere: ReadonlySet<string> = new Set()): { tiers: TierResult[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const finding = (d: Decision | null, args: Diagnostic['args'], tier?: string): void => {
    const at = d ?? input.phaseAt;
    diagnostics.push({ severity: SEVERITY['decision-unknown'], code: 'decision-unknown', args, path: input.path, line: at.line, column: at.column, unit: d?.unit ?? null, tier: tier ?? null });
  };
  if (input.phase !== phase) {
    finding(null, { what: 'phase', phase: input.phase, expected: phase });
    return { tiers: [...tiers], diagnostics };
  }
  // where each unit is: its tier and the unit itself (ids are unique within a tier; a unit
  // listed in two tiers is found in the first that has the award)
  const where = new Map<string, { t: TierResult; u: ScoredUnit }[]>();
  for (const t of tiers) {
    for (const u of t.units) {
      const list = where.get(u.id);
      if (list) list.push({ t, u });
      else where.set(u.id, [{ t, u }]);
    }
  }
  const byTier = new Map<TierResult, { u: ScoredUnit; d: Decision }[]>();
  for (const d of input.decisions) {
    const found = where.get(d.unit);
    if (!found) {
      if (!registeredElsewhere.has(d.unit)) finding(d, { what: 'unit', unit: d.unit, award: d.award });
      continue;
    }
    const hit = found.find((x) => x.t.tier.awards.some((a) => a.id === d.award));
    if (!hit) {
      const t = found[0]!.t;
      finding(d, { what: 'award', unit: d.unit, award: d.award, tier: t.tier.id, phase, known: t.tier.awards.map((a) => a.id).join(', ') }, t.tier.id);
      continue;
    }
    if (hit.u.status !== 'scored') {
      finding(d, { what: 'not-scored', unit: d.unit, award: d.award }, hit.t.tier.id);
      continue;
    }
    const list = byTier.get(hit.t);
    if (list) list.push({ u: hit.u, d });
    else byTier.set(hit.t, [{ u: hit.u, d }]);
  }
  const out = tiers.map((t) => {
    const decided = byTier.get(t);
    return decided ? decideTier(t, decided) : t;
  });
  return { tiers: out, diagnostics };
}

function decideTier(t: TierResult, decided: { u: ScoredUnit; d: Decision }[]): TierResult {
  const key = (award: string, block: string | null): string => `${award}\u0000${block ?? ''}`;
  const lists = new Map<string, AwardList>();
  const awardLists = t.awardLists.map((l) => {
    const copy: AwardList = { ...l, units: [...l.units], ties: [...l.ties] };
    lists.set(key(l.award, l.block), copy);
    return copy;
  });
  const decisions = new Map<string, DecidedAward[]>();
  const units = new Map<string, ScoredUnit>();
  for (const { u, d } of decided) {
    const entry: DecidedAward = { unit: u.id, award: d.award, grant: d.grant, reason: d.reason };
    const mine = decisions.get(u.id);
    if (mine) mine.push(entry);
    else decisions.set(u.id, [entry]);
    units.set(u.id, u);
    const list = lists.get(key(d.award, t.tier.rankBy === 'block' ? u.block : null)) ?? lists.get(key(d.award, null));
    const holds = u.awards.includes(d.award);
    if (d.grant && !holds) u.awards = orderedAwards(t, [...u.awards, d.award]);
    if (!d.grant && holds) u.awards = u.awards.filter((a) => a !== d.award);
    if (u.awardTies.includes(d.award)) u.awardTies = u.awardTies.filter((a) => a !== d.award);
    if (!list) continue;
    (list.decided ??= []).push(entry);
    if (d.grant && !list.units.includes(u.id)) list.units.push(u.id);
    if (!d.grant) list.units = list.units.filter((id) => id !== u.id);
    if (list.ties.includes(u.id)) {
      // a grant settles the whole tie; a withholding takes only this unit out of it
      const settled = d.grant ? list.ties : [u.id];
      for (const id of settled) {
        const other = id === u.id ? u : t.units.find((x) => x.id === id);
        if (other && other.awardTies.includes(d.award)) other.awardTies = other.awardTies.filter((a) => a !== d.award);
      }
      list.ties = d.grant ? [] : list.ties.filter((id) => id !== u.id);
    }
  }
  // each list in rank order, then by the listing order of the tier (units of equal rank)
  const place = new Map<string, number>();
  t.units.forEach((u, i) => place.set(u.id, i));
  for (const l of awardLists) {
    if (!l.decided) continue;
    l.units.sort((a, b) => (place.get(a) ?? 0) - (place.get(b) ?? 0));
    l.decided.sort((a, b) => (place.get(a.unit) ?? 0) - (place.get(b.unit) ?? 0));
  }
  const awards: Record<string, number> = {};
  for (const a of t.tier.awards) awards[a.id] = 0;
  for (const u of t.units) for (const a of u.awards) if (a in awards) awards[a]!++;
  return { ...t, awardLists, decisions, stats: { ...t.stats, awards } };
}

/** A unit's awards in the tier's order of awards. */
function orderedAwards(t: TierResult, ids: string[]): string[] {
  return t.tier.awards.map((a) => a.id).filter((id) => ids.includes(id));
}
