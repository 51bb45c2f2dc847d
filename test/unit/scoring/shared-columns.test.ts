import { describe, expect, it } from 'vitest';
import { unitJson } from '../../../src/report/results.js';
import { packModel, unpackModel } from '../../../src/report/workbook-pack.js';
import type { ReportModel } from '../../../src/report/model.js';
import { rankTier } from '../../../src/scoring/score.js';
import { SHARED_MIN_UNITS, StoreUnit, TierStore } from '../../../src/scoring/store.js';
import { CRITERIA, tierOf } from './fixture.js';

/** A tier of `size` units with varied values, scored and ranked, then put in listing order. */
function ranked(size: number): { store: TierStore; before: string[]; units: StoreUnit[] } {
  const tier = tierOf();
  const store = new TierStore(tier, [{ path: 'ds.xlsx', sheet: 'Danh sách' }]);
  const n = store.n;
  for (let k = 0; k < size; k++) {
    const s = store.add(`HO-${String(k).padStart(6, '0')}`, `Hộ ${(k * 7919) % size}`, `Thôn ${k % 37}`, 1, k + 2, null);
    const v = [k % 3 ? 1 : 0, (k * 13) % 101, k % 6, (k * 7) % 11, (k * 17) % 100, k % 9, k % 3, k % 4];
    for (let i = 0; i < n; i++) store.values[s * n + i] = v[i]!;
  }
  store.score();
  const scored: StoreUnit[] = [];
  for (let s = 0; s < size; s++) scored.push(new StoreUnit(store, s));
  const result = rankTier({ tier, units: scored, registeredByBlock: null, blockOrder: [] });
  const listed = result.units as StoreUnit[];
  const before = listed.map((u) => JSON.stringify(unitJson(tier, u, 'vi')));
  store.reorder(listed);
  return { store, before, units: listed };
}

describe('a big tier in listing order', () => {
  it('keeps its columns in shared memory from SHARED_MIN_UNITS units, and every unit the same', () => {
    const { store, before, units } = ranked(SHARED_MIN_UNITS);
    // the units now sit in slots 0, 1, 2… in listing order, and read as before
    expect(units.map((u) => u.slot)).toEqual(units.map((_, k) => k));
    expect(store.order!.some((from, k) => from !== k)).toBe(true);
    expect(units.map((u) => JSON.stringify(unitJson(store.tier, u, 'vi')))).toEqual(before);
    expect(store.inSharedMemory()).toBe(true);
    for (const c of [store.values, store.points, store.groupPoints, store.total, store.bonus, store.penalty, store.selfTotal, store.status, store.cls, store.rank, store.srcRow]) {
      expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('keeps a smaller tier in memory of its own', () => {
    const { store, before, units } = ranked(SHARED_MIN_UNITS - 1);
    expect(units.map((u) => JSON.stringify(unitJson(store.tier, u, 'vi')))).toEqual(before);
    expect(store.points.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(store.inSharedMemory()).toBe(false);
  });

  it('crosses to the workbook thread without a copy of its columns', () => {
    const { store, units } = ranked(SHARED_MIN_UNITS);
    const meta = { movement: 'x', phase: 'p1', tool: { name: 'thidua', version: '0' }, date: null, criteria: { path: 'c', sha256: 's' }, units: null, inputs: [], lang: 'vi' as const };
    const m: ReportModel = {
      meta,
      criteria: CRITERIA,
      tiers: [{ tier: store.tier, units, blocks: [], stats: { registered: 0, submitted: 0, scored: 0, rejected: 0, not_submitted: 0, mean: null, classes: {}, awards: {} }, awardLists: [] }],
      diagnostics: [],
      layouts: [],
      rowsRead: 0,
      units: null,
      previous: null,
    };
    // what postMessage does to it
    const back = unpackModel(structuredClone(packModel(m)!));
    const u = back.tiers[0]!.units[5]! as StoreUnit;
    expect(u.total).toBe(units[5]!.total);
    // the same memory: a change on this side shows on the other
    store.total[5] = 123_456;
    expect(u.total).toBe(123_456);
    store.values[5 * store.n + 1] = 42.5;
    expect(u.store.values[5 * store.n + 1]).toBe(42.5);
  });
});
