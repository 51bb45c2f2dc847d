import { describe, expect, it } from 'vitest';
import { classify, rankTier, scoreUnit } from '../../../src/scoring/score.js';
import { itemPoints } from '../../../src/scoring/rules.js';
import { dec, hundredthsOf } from '../../../src/util/decimal.js';
import type { ScoredUnit } from '../../../src/scoring/types.js';
import { tierOf, unit } from './fixture.js';

const tier = tierOf('p1');
const pts = (u: ScoredUnit, id: string): number => u.points[tier.items.findIndex((it) => it.id === id)]!;

describe('item rules (SPEC §3), in hundredths', () => {
  const rule = (id: string) => tier.itemById.get(id)!.rule;
  it('yes/no gives its points or nothing', () => {
    expect(itemPoints(rule('A1'), 1)).toBe(1000);
    expect(itemPoints(rule('A1'), 0)).toBe(0);
  });
  it('linear: points × min(value / target, 1), 0 under zero_below', () => {
    expect(itemPoints(rule('A2'), 52.18)).toBe(1305); // 20 × 52.18 / 80 = 13.045 → 13.05
    expect(itemPoints(rule('A2'), 80)).toBe(2000);
    expect(itemPoints(rule('A2'), 100)).toBe(2000);
    expect(itemPoints(rule('A2'), 30)).toBe(750); // at zero_below: 20 × 30 / 80
    expect(itemPoints(rule('A2'), 29.99)).toBe(0);
  });
  it('linear: the same value gives the same points every time, past the values it remembers', () => {
    // 20 × v / 80 for v = 30.00 … 79.99 (5,000 values), each asked twice, in two orders
    const values = Array.from({ length: 5000 }, (_, i) => (3000 + i) / 100);
    const exact = new Map(values.map((v) => [v, hundredthsOf(dec(20), dec(v), dec(80))]));
    for (const order of [values, [...values].reverse()]) {
      for (const v of order) expect(itemPoints(rule('A2'), v)).toBe(exact.get(v));
    }
    expect(itemPoints(rule('A2'), 52.18)).toBe(1305);
  });
  it('per-phase numbers: the p2 target is 90', () => {
    const t2 = tierOf('p2');
    expect(itemPoints(t2.itemById.get('A2')!.rule, 52.18)).toBe(1160); // 20 × 52.18 / 90 = 11.5955… → 11.60
  });
  it('per_item: points × value, capped', () => {
    expect(itemPoints(rule('A3'), 3)).toBe(750);
    expect(itemPoints(rule('A3'), 5)).toBe(1000);
    expect(itemPoints(rule('T1'), 7)).toBe(2100); // uncapped item; the bonus group caps it
  });
  it('steps: the highest min reached', () => {
    expect(itemPoints(rule('B1'), 95)).toBe(3000);
    expect(itemPoints(rule('B1'), 90)).toBe(3000);
    expect(itemPoints(rule('B1'), 89.99)).toBe(2000);
    expect(itemPoints(rule('B1'), 49.99)).toBe(0);
  });
  it('steps_below: the lowest max not exceeded', () => {
    expect(itemPoints(rule('B2'), 0)).toBe(2000);
    expect(itemPoints(rule('B2'), 3)).toBe(1000);
    expect(itemPoints(rule('B2'), 3.5)).toBe(500);
    expect(itemPoints(rule('B2'), 8)).toBe(0);
  });
  it('assessed points are the value itself, within 0..max', () => {
    expect(itemPoints(rule('A4'), 7.25)).toBe(725);
    expect(itemPoints(rule('A4'), 12)).toBe(1000);
  });
});

describe('a unit, by hand', () => {
  // A1 yes 10; A2 52.18 % → 13.05; A3 3 classes → 7.5; A4 8 → A = 38.55
  // B1 75 % → 20; B2 2 days → 10 → B = 30; T1 2 → 6, bonus capped at 5; D1 1 → 4
  // total = 38.55 + 30 + 5 − 4 = 69.55 → class ht (no floors below 80)
  const u = scoreUnit(tier, unit(tier, 'U1', { A1: true, A2: 52.18, A3: 3, A4: 8, B1: 75, B2: 2, T1: 2, D1: 1 }));
  it('computes items, groups and total exactly', () => {
    expect(pts(u, 'A2')).toBe(1305);
    expect(u.groups.get('A')).toBe(3855);
    expect(u.groups.get('B')).toBe(3000);
    expect(u.groups.get('T')).toBe(500);
    expect(u.groups.get('D')).toBe(400);
    expect(u.total).toBe(6955);
    expect(classify(tier, u)).toBe('ht');
  });
  it('never goes below 0', () => {
    const low = scoreUnit(tier, unit(tier, 'U0', { A1: true, D1: 5 }));
    expect(low.total).toBe(0); // 10 − min(20, 10) = 0
  });
  it('a missing value scores 0 and a missing critical item fails', () => {
    const m = scoreUnit(tier, unit(tier, 'M', { A2: 80 }));
    expect(m.criticalFailed).toEqual(['A1']);
    expect(m.total).toBe(2000);
  });
  it('assessed points replace computed ones and are marked', () => {
    const a = scoreUnit(tier, unit(tier, 'U1', { A1: true, A2: 52.18 }, { assessed: { A2: 15 } }));
    expect(pts(a, 'A2')).toBe(1500);
    expect(a.assessedUsed[tier.items.findIndex((it) => it.id === 'A2')]).toBe(1);
  });
});

describe('classes', () => {
  it('a floor met exactly passes: 42.5 of 50 is 0.85', () => {
    // A: 10 + 20 + 7.5 + 5 = 42.5; B: 30 + 20 = 50; total 92.5
    const u = scoreUnit(tier, unit(tier, 'X', { A1: true, A2: 90, A3: 3, A4: 5, B1: 95, B2: 0 }));
    expect(u.total).toBe(9250);
    expect(classify(tier, u)).toBe('xs');
  });
  it('a floor missed drops the band; a failed critical item caps it', () => {
    // A1 no (critical): A = 0 + 20 + 10 + 10 = 40 (0.80); B = 50; T1 1 → 3; total 93
    const u = scoreUnit(tier, unit(tier, 'C', { A1: false, A2: 80, A3: 4, A4: 10, B1: 90, B2: 0, T1: 1 }));
    expect(u.total).toBe(9300);
    expect(u.criticalFailed).toEqual(['A1']);
    expect(classify(tier, u)).toBe('ht'); // 'tot' by points and floors, capped at 'ht'
  });
});

describe('ranks and awards', () => {
  const full = { A1: true, A2: 85, A3: 5, A4: 10, B1: 95, B2: 0 } as const;
  it('ranks by total then tie_break, shares equal ranks, lists equals in Vietnamese order', () => {
    const units = [
      scoreUnit(tier, unit(tier, 'U1', { A1: true, A2: 52.18, A3: 3, A4: 8, B1: 75, B2: 2, T1: 2, D1: 1 }, { name: 'Đào' })),
      scoreUnit(tier, unit(tier, 'U2', { ...full }, { name: 'Dung' })),
      scoreUnit(tier, unit(tier, 'U3', { ...full }, { name: 'Đào' })),
      scoreUnit(tier, unit(tier, 'U4', { ...full, B2: 3, T1: 4 }, { name: 'An' })), // B 40, T 5 → 95
    ];
    const r = rankTier({ tier, units, registeredByBlock: null, blockOrder: [] });
    const order = r.units.map((u) => `${u.id}:${u.rank}`);
    // U2 and U3 tie on 100, B 50, no penalty: rank 1 each, "Dung" before "Đào" (d < đ)
    expect(order).toEqual(['U2:1', 'U3:1', 'U4:3', 'U1:4']);
  });

  it('proposes awards in order, skips exclusive ones, and leaves ties at the edge to the board', () => {
    const units = [
      scoreUnit(tier, unit(tier, 'P', { ...full }, { name: 'P' })), // 100
      scoreUnit(tier, unit(tier, 'Q', { ...full, B2: 3, T1: 1 }, { name: 'Q' })), // 100 − 10 + 3 = 93
      scoreUnit(tier, unit(tier, 'R', { ...full, B2: 3, T1: 1 }, { name: 'R' })), // 93
    ];
    // 'co': 1 per block → P. 'bk': floor(0.5 × 3) = 1, not with 'co': Q and R tie across the edge
    const r = rankTier({ tier, units, registeredByBlock: null, blockOrder: [] });
    const by = new Map(r.units.map((u) => [u.id, u]));
    expect(by.get('P')!.awards).toEqual(['co']);
    expect(by.get('Q')!.awards).toEqual([]);
    expect(by.get('Q')!.awardTies).toEqual(['bk']);
    expect(by.get('R')!.awardTies).toEqual(['bk']);
    expect(r.stats.awards).toEqual({ co: 1, bk: 0 });
  });

  it('takes the share of registered units per block when a units file lists them', () => {
    const units = ['A', 'B', 'C'].map((id) => scoreUnit(tier, unit(tier, id, { ...full, T1: id === 'A' ? 1 : 0 }, { block: 'K1' })));
    // registered 4 in K1: floor(0.5 × 4) = 2 'bk' after 'co' goes to A (the only one at 100 + bonus)
    const r = rankTier({ tier, units, registeredByBlock: new Map([['K1', 4]]), blockOrder: ['K1'] });
    const by = new Map(r.units.map((u) => [u.id, u]));
    expect(by.get('A')!.awards).toEqual(['co']);
    expect(by.get('B')!.awards).toEqual(['bk']);
    expect(by.get('C')!.awards).toEqual(['bk']);
    expect(r.stats.registered).toBe(4);
  });

  it('never awards a unit that failed a critical item', () => {
    const units = [scoreUnit(tier, unit(tier, 'F', { ...full, A1: false }))];
    const r = rankTier({ tier, units, registeredByBlock: null, blockOrder: [] });
    expect(r.units[0]!.awards).toEqual([]);
    expect(r.units[0]!.classId).toBe('ht');
  });
});
