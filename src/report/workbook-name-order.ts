import { compareNames, type NamePlaces } from '../scoring/score.js';
import type { TierStore } from '../scoring/store.js';
import { slotsByBlock, type StoreNames } from './workbook-names.js';

/**
 * Units put in name order on the workbook thread while the main thread scores them.
 *
 * Ranking a big block-ranked tier spends most of its time ordering units of equal points by
 * name (SPEC §3), the Vietnamese collator called millions of times. The names are final before
 * scoring and reach the workbook thread then (workbook-names.ts), which has nothing else to do
 * until the model comes; so it sorts each block's units by name there, block after block,
 * writing each slot's place into memory both threads see. The main thread ranks its blocks from
 * last to first: a block whose places are written from them (`packedRanking`), any other as
 * before, so the two threads meet in the middle. The ranking is the same either way; only
 * where the comparisons run changes.
 */

/** What both threads see of one store: places by slot, and a state per block (see {@link NameOrders.places}). */
export interface SharedNameOrder {
  places: Int32Array;
  state: Int32Array;
}

/** A block's state: nobody took it yet, the thread is sorting it, its places are written, the main thread took it. */
const OPEN = 0;
const SORTING = 1;
const DONE = 2;
const MAIN = 3;

/** The shared memory for a store whose names go ahead, or null when it is not ranked by block. */
export function sharedNameOrder(store: TierStore, blocks: number): SharedNameOrder | null {
  if (store.tier.rankBy !== 'block' || blocks === 0) return null;
  return {
    places: new Int32Array(new SharedArrayBuffer(4 * store.size)),
    state: new Int32Array(new SharedArrayBuffer(4 * blocks)),
  };
}

/** The main thread's view: a block's places once the thread has written them. */
export class NameOrders {
  private readonly byStore = new Map<TierStore, { order: SharedNameOrder; blocks: Map<string, number> }>();
  /** Blocks ranked from places made ahead, and blocks asked for. */
  hits = 0;
  asked = 0;
  /** What sorting names cost this thread so far, per unit (ms), measured on the blocks it ranked itself. */
  private perUnit = 0.001;
  private mine: { store: TierStore; at: number; units: number } | null = null;

  add(store: TierStore, order: SharedNameOrder, blockList: readonly string[]): void {
    this.byStore.set(store, { order, blocks: new Map(blockList.map((b, i) => [b, i])) });
  }

  /**
   * A block's places, if the thread wrote them; null when this thread ranks it itself. A block
   * nobody took is taken here (the thread then skips it). One the thread is sorting is waited
   * for, but no longer than ranking it here would take, as measured on earlier blocks.
   */
  places(store: TierStore, group: string, units: number): NamePlaces | null {
    this.measured(store);
    const entry = this.byStore.get(store);
    const b = entry?.blocks.get(group);
    if (!entry || b === undefined) return null;
    this.asked++;
    const state = entry.order.state;
    const was = Atomics.compareExchange(state, b, OPEN, MAIN);
    if (was === SORTING) Atomics.wait(state, b, SORTING, Math.max(1, units * this.perUnit));
    // the state turns DONE after the places are written: once it reads so, they are all there
    if (Atomics.load(state, b) === DONE) {
      this.hits++;
      return { store, places: entry.order.places };
    }
    this.mine = { store, at: performance.now(), units };
    return null;
  }

  /** The time of the block of the same store this thread ranked last, taken into the cost per unit. */
  private measured(store: TierStore): void {
    if (!this.mine || this.mine.store !== store || this.mine.units === 0) {
      this.mine = null;
      return;
    }
    this.perUnit = (performance.now() - this.mine.at) / this.mine.units;
    this.mine = null;
  }
}

/** Time the thread sorts before it looks at its messages again. */
const SLICE_MS = 8;

/**
 * The thread's side: each block nobody took, in turn, its slots sorted by name and id and
 * their places written; a few milliseconds at a time, until every block is done or `stop()`
 * says the ranking is over (then the rest would be of no use).
 */
export function orderNames(names: StoreNames, shared: SharedNameOrder, stop: () => boolean): Promise<void> {
  const { blockList, ids } = names;
  const { start, slots } = slotsByBlock(names.blockOf, blockList.length);
  const byName = (x: number, y: number): number => compareNames(names.names[x]!, ids[x]!, names.names[y]!, ids[y]!);
  let b = 0;
  return new Promise((resolve) => {
    const slice = (): void => {
      const until = performance.now() + SLICE_MS;
      for (; b < blockList.length && !stop(); b++) {
        // a block the main thread took is its own
        if (Atomics.compareExchange(shared.state, b, OPEN, SORTING) !== OPEN) continue;
        const block = Array.from(slots.subarray(start[b]!, start[b + 1]!)).sort(byName);
        for (let k = 0; k < block.length; k++) shared.places[block[k]!] = k;
        Atomics.store(shared.state, b, DONE);
        Atomics.notify(shared.state, b);
        if (performance.now() >= until) {
          b++;
          setImmediate(slice);
          return;
        }
      }
      resolve();
    };
    slice();
  });
}
