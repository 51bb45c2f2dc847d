import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveTier, type PhaseTier } from '../../../src/criteria/model.js';
import { explain } from '../../../src/scoring/explain.js';
import { rankTier, scoreUnit } from '../../../src/scoring/score.js';
import type { TierResult, UnitInput } from '../../../src/scoring/types.js';
import { whyMessage } from '../../../src/report/why-words.js';
import { CRITERIA, tierOf, unit } from './fixture.js';

const tier = tierOf('p1');

/** Every item at its best: 100 points. */
const FULL = { A1: true, A2: 80, A3: 4, A4: 10, B1: 90, B2: 0 };

function ranked(t: PhaseTier, inputs: UnitInput[]): TierResult {
  return rankTier({ tier: t, units: inputs.map((i) => scoreUnit(t, i)), registeredByBlock: null, blockOrder: [] });
}

const whyOf = (r: TierResult, id: string) => explain(r, r.units.find((u) => u.id === id)!);

describe('why (SPEC §9): each code on a unit built to trigger it', () => {
  it('nothing to explain: the class of the total, the awards taken', () => {
    const r = ranked(tier, [unit(tier, 'U1', FULL, { block: 'K' })]);
    expect(r.units[0]!.classId).toBe('xs');
    expect(r.units[0]!.awards).toEqual(['co']);
    // bk: quota floor(0.5 × 1) = 0, and the unit holds co (exclusive): exclusive is the first reason
    expect(whyOf(r, 'U1')).toEqual([{ code: 'award-exclusive', award: 'bk', holds: ['co'] }]);
  });

  it('below-share: group, points, max, share and need, for each band the total reached above the class', () => {
    // A = 10 + 20 + 0 + 10 = 40 of 50 (80 %), B = 50: total 90 reaches xs (85 % floor) but not its floor
    const r = ranked(tier, [unit(tier, 'U1', { ...FULL, A3: 0 }, { block: 'K' })]);
    const u = r.units[0]!;
    expect(u.total).toBe(9000);
    expect(u.classId).toBe('tot');
    const why = explain(r, u);
    expect(why[0]).toEqual({ code: 'below-share', class: 'xs', group: 'A', points: 40, max: 50, share: 80, need: 85 });
    expect(whyMessage(tier, why[0]!, 'vi')).toBe('Nhóm A (Nhóm A) đạt 40/50 điểm (80 %), dưới mức 85 % của loại Xuất sắc');
    expect(whyMessage(tier, why[0]!, 'en')).toBe('Group A (Nhóm A) scored 40/50 (80%), under the 85% floor of Xuất sắc');
  });

  it('below-share: a share with decimals is rounded half up to 2 decimals, in Vietnamese style', () => {
    // A2 = 20 × 52.18 / 80 = 13.05; A = 10 + 13.05 + 10 + 10 = 43.05 of 50 = 86.1 %; B1 70 → 20, B = 40 of 50 = 80 %
    const r = ranked(tier, [unit(tier, 'U1', { ...FULL, A2: 52.18, B1: 70 }, { block: 'K' })]);
    const u = r.units[0]!;
    expect(u.total).toBe(8305);
    expect(u.classId).toBe('tot');
    expect(explain(r, u).filter((w) => w.code === 'below-share')).toEqual([]);
    // total 83.05: only the tot band is reached, and it is given
    const r2 = ranked(tier, [unit(tier, 'U2', { ...FULL, A2: 41.7, B1: 95 }, { block: 'K' })]);
    const w2 = explain(r2, r2.units[0]!).find((w) => w.code === 'below-share');
    // A2 = 20 × 41.7 / 80 = 10.425 → 10.43; A = 40.43 of 50 = 80.86 %
    expect(w2).toEqual({ code: 'below-share', class: 'xs', group: 'A', points: 40.43, max: 50, share: 80.86, need: 85 });
    expect(whyMessage(tier, w2!, 'vi')).toContain('40,43/50 điểm (80,86 %)');
  });

  it('critical-cap: the class the points give, the cap, the failed items', () => {
    // A1 no: A = 40 (80 %), B = 50, bonus T1 2 → 5: total 95; xs fails its floor, tot holds, the cap is ht
    const r = ranked(tier, [unit(tier, 'U1', { ...FULL, A1: false, T1: 2 }, { block: 'K' })]);
    const u = r.units[0]!;
    expect(u.total).toBe(9500);
    expect(u.classId).toBe('ht');
    const why = explain(r, u);
    expect(why.map((w) => w.code)).toEqual(['below-share', 'critical-cap', 'award-class', 'award-class']);
    expect(why[1]).toEqual({ code: 'critical-cap', class: 'tot', cap: 'ht', items: ['A1'] });
    expect(why[2]).toEqual({ code: 'award-class', award: 'co', need: 'xs' });
    expect(whyMessage(tier, why[1]!, 'vi')).toBe('Không đạt tiêu chí bắt buộc A1: xếp loại không quá Hoàn thành (theo tổng điểm là Tốt)');
  });

  it('award-critical: an award without a class floor, a unit that failed a critical item', () => {
    const t = resolveTier(CRITERIA, { ...CRITERIA.tiers[0]!, critical_cap: undefined, awards: [{ id: 'g', title: 'Giấy khen', per_block: 1 }] }, 'p1');
    const r = ranked(t, [unit(t, 'U1', { ...FULL, A1: false }, { block: 'K' }), unit(t, 'U2', { ...FULL, A3: 0, A1: true, A2: 60 }, { block: 'K' })]);
    expect(r.units.map((u) => [u.id, u.rank, u.awards])).toEqual([
      ['U1', 1, []],
      ['U2', 2, ['g']],
    ]);
    // A1 no: A = 40 of 50 (80 %), total 90 reaches xs but not its floor
    expect(whyOf(r, 'U1')).toEqual([
      { code: 'below-share', class: 'xs', group: 'A', points: 40, max: 50, share: 80, need: 85 },
      { code: 'award-critical', award: 'g', items: ['A1'] },
    ]);
    expect(whyOf(r, 'U2')).toEqual([{ code: 'below-share', class: 'tot', group: 'A', points: 35, max: 50, share: 70, need: 80 }]);
  });

  it('award-exclusive: holds an award that excludes this one; the next unit takes it', () => {
    const r = ranked(tier, [unit(tier, 'U1', FULL, { block: 'K' }), unit(tier, 'U2', { ...FULL, A4: 9 }, { block: 'K' })]);
    expect(r.units.map((u) => [u.id, u.rank, u.awards])).toEqual([
      ['U1', 1, ['co']],
      ['U2', 2, ['bk']],
    ]);
    expect(whyOf(r, 'U1')).toEqual([{ code: 'award-exclusive', award: 'bk', holds: ['co'] }]);
    // U2 is ranked 2, past co's quota of 1: nothing to say about co
    expect(whyOf(r, 'U2')).toEqual([]);
  });

  it('award-tie: units tied across the quota edge name each other', () => {
    const r = ranked(tier, [unit(tier, 'U1', FULL, { block: 'K' }), unit(tier, 'U2', FULL, { block: 'K' })]);
    expect(r.units.map((u) => [u.id, u.rank, u.awards, u.awardTies])).toEqual([
      ['U1', 1, [], ['co', 'bk']],
      ['U2', 1, [], ['co', 'bk']],
    ]);
    const co = r.awardLists.find((l) => l.award === 'co')!;
    expect(co).toEqual({ award: 'co', block: 'K', quota: 1, units: [], ties: ['U1', 'U2'] });
    expect(whyOf(r, 'U1')).toEqual([
      { code: 'award-tie', award: 'co', with: ['U2'] },
      { code: 'award-tie', award: 'bk', with: ['U2'] },
    ]);
    expect(whyOf(r, 'U2')[0]).toEqual({ code: 'award-tie', award: 'co', with: ['U1'] });
  });

  it('award-quota: a quota of 0 is said to the unit ranked first', () => {
    const t = resolveTier(CRITERIA, { ...CRITERIA.tiers[0]!, awards: [{ id: 'bk', title: 'Bằng khen', share: 0.2, min_class: 'tot' }] }, 'p1');
    const r = ranked(t, [unit(t, 'U1', FULL, { block: 'K' }), unit(t, 'U2', { ...FULL, A4: 9 }, { block: 'K' })]);
    expect(r.awardLists).toEqual([{ award: 'bk', block: 'K', quota: 0, units: [], ties: [] }]);
    expect(whyOf(r, 'U1')).toEqual([{ code: 'award-quota', award: 'bk', quota: 0 }]);
    expect(whyOf(r, 'U2')).toEqual([]);
  });
});

describe('award_lists (SPEC §9)', () => {
  it('one per award and block, in the awards order then the blocks, also when the quota is 0', () => {
    const r = ranked(tier, [unit(tier, 'U1', FULL, { block: 'K1' }), unit(tier, 'U2', FULL, { block: 'K2' }), unit(tier, 'U3', { ...FULL, A4: 9 }, { block: 'K2' })]);
    expect(r.awardLists).toEqual([
      { award: 'co', block: 'K1', quota: 1, units: ['U1'], ties: [] },
      { award: 'co', block: 'K2', quota: 1, units: ['U2'], ties: [] },
      { award: 'bk', block: 'K1', quota: 0, units: [], ties: [] },
      { award: 'bk', block: 'K2', quota: 1, units: ['U3'], ties: [] },
    ]);
  });
});

describe('why, as a property', () => {
  const value = fc.record({
    A1: fc.boolean(),
    A2: fc.integer({ min: 0, max: 100 }),
    A3: fc.integer({ min: 0, max: 5 }),
    A4: fc.integer({ min: 0, max: 20 }).map((x) => x / 2),
    B1: fc.integer({ min: 0, max: 100 }),
    B2: fc.integer({ min: 0, max: 8 }),
    T1: fc.integer({ min: 0, max: 2 }),
    D1: fc.integer({ min: 0, max: 1 }),
  });
  it('a unit with no class reason has the class its total alone gives; one with a lower class says why', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.constantFrom('K1', 'K2')), { minLength: 1, maxLength: 8 }), (rows) => {
        const r = ranked(
          tier,
          rows.map(([v, b], i) => unit(tier, `U${i}`, v, { block: b })),
        );
        for (const u of r.units) {
          const byTotal = tier.classes.find((c) => u.total! >= c.min)!.id;
          const classWhy = explain(r, u).filter((w) => w.code === 'below-share' || w.code === 'critical-cap');
          if (classWhy.length === 0) expect(u.classId).toBe(byTotal);
          else expect(u.classId).not.toBe(byTotal);
        }
      }),
      { numRuns: 300 },
    );
  });
});
