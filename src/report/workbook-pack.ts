import { TierStore, type StoreUnit } from '../scoring/store.js';
import { unitCodes, unitsOf, type UnitCodes } from '../scoring/store-transfer.js';
import type { TierResult } from '../scoring/types.js';
import type { ReportModel } from './model.js';
import { detailsReach, type WorkbookLimits } from './workbook.js';
import { blockIndex, listNames, sameOrder, type StoreNames } from './workbook-names.js';

/**
 * The report model packed for the workbook thread and unpacked there: only what the workbook
 * reads crosses, a tier's units as its store's columns and a slot per unit.
 */

/**
 * A report model as it crosses to a worker thread. A tier's units travel as codes
 * (`UnitCodes`): its store's columns (what the workbook reads of them) and a slot per unit,
 * the others (kept in no store) as they are.
 */
export interface PackedModel extends Omit<ReportModel, 'tiers'> {
  tiers: (Omit<TierResult, 'units'> &
    UnitCodes & {
      /** The store's ids, names and blocks were sent ahead under this key (`WorkbookThread`). */
      ahead: number | null;
      blockOf: Int32Array | null;
      blockList: string[];
      /** The store's awards and award ties, the units that have some only. */
      awards: SparseLists | null;
      awardTies: SparseLists | null;
    })[];
}

/** Lists held by few of many slots: those slots and their lists. */
interface SparseLists {
  size: number;
  slots: Int32Array;
  lists: string[][];
}

/**
 * A column of award lists as it crosses: a million slots, nearly all empty, would each be
 * cloned on their own by the structured clone; only the slots that hold a list go.
 */
function sparse(a: readonly (string[] | undefined)[]): SparseLists {
  const slots: number[] = [];
  const lists: string[][] = [];
  for (let s = 0; s < a.length; s++) {
    const l = a[s];
    if (l !== undefined) slots.push(s), lists.push(l);
  }
  return { size: a.length, slots: Int32Array.from(slots), lists };
}

function dense(p: SparseLists, blank?: (string[] | undefined)[]): (string[] | undefined)[] {
  const a = blank?.length === p.size ? blank : new Array<string[] | undefined>(p.size).fill(undefined);
  for (let i = 0; i < p.slots.length; i++) a[p.slots[i]!] = p.lists[i]!;
  return a;
}

/**
 * The model ready to post, or null when its units are not the kind this packs (then the work
 * stays on this thread). Only what the workbook reads is copied: reported values of the units
 * the details sheet shows, and each block's name once.
 */
export function packModel(m: ReportModel, limits: Partial<WorkbookLimits> = {}, ahead: ReadonlyMap<TierStore, number> = new Map()): PackedModel | null {
  const reach = detailsReach(m, limits);
  const tiers: PackedModel['tiers'] = [];
  for (let ti = 0; ti < m.tiers.length; ti++) {
    const t = m.tiers[ti]!;
    const packed = unitCodes(t.units);
    if (!packed) return null;
    const { store, codes, others } = packed;
    // slots of the units the details sheet shows
    let needed = 0;
    const shown = Math.min(reach[ti]!, codes.length);
    for (let k = 0; k < shown; k++) needed = Math.max(needed, codes[k]! + 1);
    let sent: TierStore | null = null;
    let blockOf: Int32Array | null = null;
    let blockList: string[] = [];
    const key = store ? ahead.get(store) : undefined;
    if (store) {
      // names sent ahead are put in listing order over there (store.order)
      if (key === undefined) ({ blockOf, blockList } = blockIndex(store.blocks, store.size));
      // columns in shared memory (a big run's, see SHARED_MIN_UNITS) cross as they are; of
      // the others, a view would carry its whole buffer across: copies of just the slots needed
      const n = store.n;
      const first = <T extends Float64Array | Int32Array | Uint8Array>(a: T | null): T | null => (a && !(a.buffer instanceof SharedArrayBuffer) ? (a.slice(0, needed * n) as T) : a);
      sent = Object.assign(Object.create(null) as TierStore, store, {
        ...(key !== undefined ? { ids: [], names: [] } : {}),
        blocks: [],
        parents: [],
        awards: [],
        awardTies: [],
        byId: null,
        plan: null,
        values: first(store.values)!,
        self: first(store.self),
        assessed: first(store.assessed),
        assessedUsed: first(store.assessedUsed),
        // past the details sheet only failed critical items are read from points: they have a column
        points: store.critical ? first(store.points)! : store.points,
      });
    }
    tiers.push({
      tier: t.tier,
      blocks: t.blocks,
      stats: t.stats,
      awardLists: t.awardLists,
      ...(t.decisions ? { decisions: t.decisions } : {}),
      store: sent,
      ahead: key ?? null,
      blockOf,
      blockList,
      codes,
      others,
      awards: store ? sparse(store.awards) : null,
      awardTies: store ? sparse(store.awardTies) : null,
    });
  }
  return { ...m, tiers };
}

/** The model again, on the other side. */
export function unpackModel(p: PackedModel, ahead: ReadonlyMap<number, StoreNames> = new Map()): ReportModel {
  return {
    ...p,
    tiers: p.tiers.map(({ store, ahead: key, blockOf, blockList, codes, others, awards, awardTies, ...t }) => {
      let made: StoreUnit[] | null = null;
      if (store) {
        const early = key === null ? undefined : ahead.get(key);
        const listed = early?.listed && sameOrder(early.listed, store.order, store.size) ? early.listed : undefined;
        // names laid out for another order are of no use: not kept alongside the new ones
        if (early && !listed) delete early.listed;
        const ready = listed?.ahead;
        if (ready) {
          // the store made ahead becomes this one, and its units are ready (once: they are its)
          delete listed.ahead;
          store = Object.assign(ready.store, store);
          made = ready.units;
        }
        TierStore.revive(store);
        store.awards = dense(awards!, ready?.awards);
        store.awardTies = dense(awardTies!, ready?.awardTies);
        if (early) {
          const names = listed ?? listNames(early, store.order, store.size);
          store.ids = names.ids;
          store.names = names.names;
          store.blocks = names.blocks;
        } else if (key !== null) {
          throw new Error(`the names of tier ${t.tier.id} did not reach the workbook thread`);
        } else {
          const blocks = new Array<string>(blockOf!.length);
          for (let k = 0; k < blocks.length; k++) blocks[k] = blockList[blockOf![k]!]!;
          store.blocks = blocks;
        }
      }
      const units = unitsOf({ store, codes, others }, made);
      return { ...t, units };
    }),
  };
}
