import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, hundredths, hundredthsOf } from '../../../src/util/decimal.js';
import { keyedRanking, packedRanking, rankTier, scoreUnit } from '../../../src/scoring/score.js';
import { itemPoints } from '../../../src/scoring/rules.js';
import { tierOf, unit } from './fixture.js';

const tier = tierOf('p1');
const regularMax = tier.groups.filter((g) => g.kind === 'regular').reduce((s, g) => s + g.max, 0);
const bonusMax = tier.groups.filter((g) => g.kind === 'bonus').reduce((s, g) => s + g.max, 0);

/** Any report a unit could send: blanks, edge values, decimals with up to 2 places. */
const value = (input: string): fc.Arbitrary<number | boolean | undefined> => {
  switch (input) {
    case 'yes_no':
      return fc.option(fc.boolean(), { nil: undefined });
    case 'percent':
      return fc.option(fc.integer({ min: 0, max: 10000 }).map((h) => h / 100), { nil: undefined });
    case 'count':
      return fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined });
    case 'points':
      return fc.option(fc.integer({ min: 0, max: 1000 }).map((h) => h / 100), { nil: undefined });
    default:
      return fc.option(fc.integer({ min: 0, max: 100000 }).map((h) => h / 100), { nil: undefined });
  }
};
const report = fc.record(Object.fromEntries(tier.items.map((it) => [it.id, value(it.input)]))).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, number | boolean>);

describe('scoring properties', () => {
  it('a total never exceeds max + bonus max and never falls below 0', () => {
    fc.assert(
      fc.property(report, (r) => {
        const u = scoreUnit(tier, unit(tier, 'U', r));
        expect(u.total).toBeGreaterThanOrEqual(0);
        expect(u.total).toBeLessThanOrEqual(regularMax + bonusMax);
        expect(Number.isInteger(u.total)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('raising the value of an item with a monotone rule never lowers its points', () => {
    const monotone = tier.items.filter((it) => ['linear', 'per_item', 'steps', 'points', 'assessed'].includes(it.rule.kind));
    fc.assert(
      fc.property(fc.constantFrom(...monotone), fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 20000 }), (it, a, b) => {
        const [lo, hi] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
        const x = it.input === 'yes_no' ? (lo >= 1 ? 1 : 0) : lo;
        const y = it.input === 'yes_no' ? (hi >= 1 ? 1 : 0) : hi;
        expect(itemPoints(it.rule, y)).toBeGreaterThanOrEqual(itemPoints(it.rule, x));
      }),
      { numRuns: 1000 },
    );
  });

  it('per_item gives the exact product, rounded once, for any points and count or value', () => {
    const decimal = fc.record({ n: fc.bigInt({ min: 0n, max: 10n ** 7n }), s: fc.integer({ min: 0, max: 4 }) });
    const amount = fc.oneof(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 8 }).map((h) => h / 100), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(decimal, fc.option(decimal, { nil: undefined }), amount, (points, max, v) => {
        const rule = { kind: 'per_item' as const, points, ...(max ? { max } : {}) };
        const exact = v <= 0 ? 0 : hundredthsOf(points, dec(v), dec(1));
        expect(itemPoints(rule, v)).toBe(max ? Math.min(exact, hundredths(max)) : exact);
      }),
      { numRuns: 5000 },
    );
  });

  it('lower is better for steps_below', () => {
    const it = tier.itemById.get('B2')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
        expect(itemPoints(it.rule, lo)).toBeGreaterThanOrEqual(itemPoints(it.rule, hi));
      }),
    );
  });

  const blockUnits = fc.array(fc.tuple(report, fc.constantFrom('K1', 'K2', 'K3'), fc.constantFrom('An', 'Bình', 'Đào', 'Dung', 'Ánh')), { minLength: 1, maxLength: 25 });

  it('awards in a block never exceed the quota; a failed critical item never gets one', () => {
    fc.assert(
      fc.property(blockUnits, (list) => {
        const units = list.map(([r, block, name], i) => scoreUnit(tier, unit(tier, `U${i}`, r, { block, name })));
        const res = rankTier({ tier, units, registeredByBlock: null, blockOrder: [] });
        for (const block of ['K1', 'K2', 'K3']) {
          const inBlock = res.units.filter((u) => u.block === block);
          expect(inBlock.filter((u) => u.awards.includes('co')).length).toBeLessThanOrEqual(1);
          expect(inBlock.filter((u) => u.awards.includes('bk')).length).toBeLessThanOrEqual(Math.floor(0.5 * inBlock.length));
        }
        for (const u of res.units) {
          if (u.criticalFailed.length) expect(u.awards).toEqual([]);
          expect(u.awards.includes('co') && u.awards.includes('bk')).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks the same with packed keys as through the comparator, for no tie_break key and for one', () => {
    const variants = [[], ['group:B'], ['fewer_penalty'], [`item:${tier.items[0]!.id}`]].map((tieBreak) => ({ ...tier, tieBreak }));
    let tiesByName = 0;
    let decidedByKey = 0;
    // reports with the same total (20 points) and different groups, items and penalties, sent
    // by many units: totals are often equal, and so are all keys
    const same: Record<string, number | boolean>[] = [{ A2: 80 }, { B1: 70 }, { A1: true, A3: 4 }, { B2: 0 }, { A1: true, B1: 50 }, { A2: 80, T1: 2, D1: 2 }];
    const units = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...same), report), fc.constantFrom('An', 'Bình', 'Đào', 'Dung', 'Ánh')), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(units, fc.constantFrom(...variants), (list, t) => {
        const make = () => list.map(([r, name], i) => scoreUnit(t, unit(t, `U${i}`, r, { name })));
        const view = (us: ReturnType<typeof make>) => us.map((u) => [u.id, u.rank]);
        const packed = packedRanking(t, make());
        expect(packed).not.toBeNull();
        expect(view(packed!)).toEqual(view(keyedRanking(t, make())));
        packed!.forEach((u, i) => {
          const prev = packed![i - 1];
          if (prev && u.rank === prev.rank) tiesByName++;
          else if (prev && u.total === prev.total) decidedByKey++;
        });
      }),
      { numRuns: 300 },
    );
    // equal totals happen, some told apart by the tie_break key and some by names and ids
    expect(decidedByKey).toBeGreaterThan(10);
    expect(tiesByName).toBeGreaterThan(10);
    // a key too large to pack (or two tie_break keys) goes through the comparator
    const big = { ...scoreUnit(tier, unit(tier, 'U1', {})), total: 2 ** 21 };
    expect(packedRanking(variants[0]!, [big])).toBeNull();
    expect(packedRanking(tier, [scoreUnit(tier, unit(tier, 'U1', {}))])).toBeNull();
    expect(keyedRanking(variants[0]!, [big]).map((u) => u.rank)).toEqual([1]);
  });

  it('shuffling the units gives the same ranks, order and awards', () => {
    fc.assert(
      fc.property(blockUnits, fc.integer(), (list, seed) => {
        const make = () => list.map(([r, block, name], i) => scoreUnit(tier, unit(tier, `U${i}`, r, { block, name })));
        const a = rankTier({ tier, units: make(), registeredByBlock: null, blockOrder: [] });
        const shuffled = make();
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const b = rankTier({ tier, units: shuffled, registeredByBlock: null, blockOrder: [] });
        const view = (r: typeof a) => r.units.map((u) => [u.id, u.rank, u.total, u.classId, u.awards.join(), u.awardTies.join()]);
        expect(view(b)).toEqual(view(a));
      }),
      { numRuns: 200 },
    );
  });
});
