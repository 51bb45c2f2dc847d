import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PhaseTier } from '../../../src/criteria/model.js';
import { NameOrders, orderNames, sharedNameOrder } from '../../../src/report/workbook-name-order.js';
import { blockIndex, type StoreNames } from '../../../src/report/workbook-names.js';
import { rankTier } from '../../../src/scoring/score.js';
import { StoreUnit, TierStore } from '../../../src/scoring/store.js';
import type { ScoredUnit, UnitInput } from '../../../src/scoring/types.js';
import { tierOf, unit } from '../scoring/fixture.js';

// one tie_break key: the ranking packs its keys, where places in name order come in
const tier: PhaseTier = { ...tierOf('p1'), tieBreak: ['group:B'] };

/** Units in one store, as a run keeps them; `rejected` of them with an error. */
function storeOf(inputs: UnitInput[], rejected: Set<number>): { store: TierStore; units: ScoredUnit[] } {
  const store = new TierStore(tier, []);
  const n = store.n;
  inputs.forEach((input, i) => {
    const s = store.add(input.id, input.name, input.block, 0, 0, null);
    store.values.set(input.values.subarray(0, n), s * n);
    if (rejected.has(i)) store.addError(s, { severity: 'error', code: 'bad-value', args: {}, path: 'f.xlsx' });
  });
  store.score();
  return { store, units: inputs.map((_, s) => new StoreUnit(store, s)) };
}

function namesOf(store: TierStore): StoreNames {
  const { blockOf, blockList } = blockIndex(store.blocks, store.size);
  return { key: 0, ids: store.ids.slice(0, store.size), names: store.names.slice(0, store.size), blockOf, blockList };
}

const view = (us: readonly ScoredUnit[]): unknown[] => us.map((u) => [u.id, u.rank, u.classId, [...u.awards], [...u.awardTies]]);

// few totals and few names: long runs of equal points, told apart by name, then by id
const reports: Record<string, number | boolean>[] = [{ A2: 80 }, { B1: 70 }, { A1: true, A3: 4 }, { B2: 0 }, { A1: true, B1: 95, A2: 90, B2: 0 }];
const names = ['An', 'Bình', 'Đào', 'Dung', 'Ánh', 'ánh', 'Anh', 'Thôn 10', 'Thôn 9'];
const roster = fc.array(fc.tuple(fc.constantFrom(...reports), fc.constantFrom('K1', 'K2', 'K3', 'K4'), fc.constantFrom(...names), fc.boolean()), { minLength: 1, maxLength: 60 });

describe('units put in name order on the workbook thread', () => {
  it('rank the same as names sorted on the main thread, whichever thread took each block', async () => {
    let hits = 0;
    let mine = 0;
    let rejectedSeen = 0;
    await fc.assert(
      fc.asyncProperty(roster, fc.array(fc.nat(3), { maxLength: 2 }), async (list, claimed) => {
        const inputs = list.map(([r, block, name], i) => unit(tier, `U${String(i).padStart(2, '0')}`, r, { block, name }));
        const rejected = new Set(list.flatMap(([, , , bad], i) => (bad && i % 3 === 0 ? [i] : [])));
        const plain = storeOf(inputs, rejected);
        const expected = view(rankTier({ tier, units: plain.units, registeredByBlock: null, blockOrder: [] }).units);

        const { store, units } = storeOf(inputs, rejected);
        const early = namesOf(store);
        const shared = sharedNameOrder(store, early.blockList.length)!;
        const orders = new NameOrders();
        orders.add(store, shared, early.blockList);
        // the main thread takes some blocks before the thread starts: the thread leaves them
        for (const b of claimed) if (early.blockList[b] !== undefined) expect(orders.places(store, early.blockList[b]!, 1)).toBeNull();
        await orderNames(early, shared, () => false);
        const before = orders.hits;
        const result = rankTier({ tier, units, registeredByBlock: null, blockOrder: [], namePlaces: (g, n) => orders.places(store, g, n) });
        hits += orders.hits - before;
        mine += orders.asked - orders.hits;
        expect(view(result.units)).toEqual(expected);
        rejectedSeen += result.units.filter((u) => u.status === 'rejected').length;
      }),
      { numRuns: 200 },
    );
    // both ways were taken: blocks ranked from the thread's places, and blocks the main thread kept
    expect(hits).toBeGreaterThan(100);
    expect(mine).toBeGreaterThan(20);
    // rejected units hold places in name order too, never ranked
    expect(rejectedSeen).toBeGreaterThan(20);
  });

  it('stops between blocks once the ranking is over, and leaves a tier ranked as a whole alone', async () => {
    const inputs = ['K1', 'K2', 'K3'].flatMap((block, b) => [0, 1, 2].map((i) => unit(tier, `U${b}${i}`, reports[i]!, { block, name: names[i]! })));
    const { store } = storeOf(inputs, new Set());
    const early = namesOf(store);
    const shared = sharedNameOrder(store, early.blockList.length)!;
    let asked = 0;
    await orderNames(early, shared, () => ++asked > 1);
    // one block sorted, then the stop
    expect([...shared.state]).toEqual([2, 0, 0]);
    expect(sharedNameOrder(new TierStore({ ...tier, rankBy: 'tier' }, []), 3)).toBeNull();
  });
});
