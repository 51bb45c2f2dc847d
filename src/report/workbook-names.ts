import { blankStore } from '../scoring/store-transfer.js';
import type { StoreUnit, TierStore } from '../scoring/store.js';

/**
 * A big store's ids, names and blocks on their way to the workbook thread, sent ahead of the
 * model (see `WorkbookThread`): packed into one text on this side, made block by block on the
 * thread's, and laid out there in listing order once the order comes.
 */

/**
 * A store's ids, names and blocks as the thread holds them once they are sent before scoring:
 * by slot, in reading order.
 */
export interface StoreNames {
  key: number;
  ids: string[];
  names: string[];
  /** The block of each slot, as an index into `blockList`. */
  blockOf: Int32Array;
  blockList: string[];
  /** The same in listing order, once the order came (see {@link listNames}). */
  listed?: ListedNames;
}

/** A store's ids, names and blocks in listing order: slot k holds what slot `order[k]` held. */
export interface ListedNames {
  order: Int32Array;
  ids: string[];
  names: string[];
  blocks: string[];
  /**
   * Made ahead as well, when the order came before the model: the store the model's copy is
   * put into, a unit over each of its slots, and its award columns, blank.
   */
  ahead?: { store: TierStore; units: StoreUnit[]; awards: undefined[]; awardTies: undefined[] };
}

/**
 * The names of a store in its listing order. The order is sent as soon as the units are
 * ranked, so the thread lays them out while this one puts the columns in the same order;
 * done once the model had arrived, it held the thread back from its first row
 * (`THIDUA_TRACE=1` shows when that row comes).
 */
export function listNames(early: StoreNames, order: Int32Array | null, size: number, withUnits = false): ListedNames {
  // plain loops: Array.from calls a function per element
  const ids = new Array<string>(size);
  const names = new Array<string>(size);
  const blocks = new Array<string>(size);
  const { blockOf, blockList } = early;
  for (let k = 0; k < size; k++) {
    const from = order ? order[k]! : k;
    ids[k] = early.ids[from]!;
    names[k] = early.names[from]!;
    blocks[k] = blockList[blockOf[from]!]!;
  }
  const listed: ListedNames = { order: order ?? new Int32Array(0), ids, names, blocks };
  if (withUnits) {
    // a million units and two million-slot columns, made here rather than on the way to the first row
    const { store, units } = blankStore(size);
    listed.ahead = { store, units, awards: new Array<undefined>(size).fill(undefined), awardTies: new Array<undefined>(size).fill(undefined) };
  }
  return listed;
}

/** Whether names laid out for one order serve a store put in another (or left as read). */
export function sameOrder(listed: ListedNames, order: Int32Array | null, size: number): boolean {
  if (order === null || listed.order.length !== size || order.length !== size) return false;
  const bytes = (a: Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return bytes(listed.order).equals(bytes(order));
}

/**
 * Many strings as one text and their lengths. Posted as arrays, a million ids and a million
 * names are serialised one string at a time on the main thread while it scores; as one text,
 * in one copy.
 */
export interface PackedStrings {
  text: string;
  lengths: Int32Array;
}

/** Strings joined a thousand at a time: one join over a million strings makes the engine build a deep rope first. */
const PACK_RUN = 1024;

export function packStrings(a: readonly string[]): PackedStrings {
  const lengths = new Int32Array(a.length);
  const text = joinRuns(a.length, (i) => {
    const s = a[i]!;
    lengths[i] = s.length;
    return s;
  });
  return { text, lengths };
}

/** The strings `at(0)`, `at(1)`… `at(count - 1)`, joined in runs of {@link PACK_RUN}. */
function joinRuns(count: number, at: (i: number) => string): string {
  const parts: string[] = [];
  const run = new Array<string>(Math.min(PACK_RUN, count));
  for (let i = 0; i < count; i += PACK_RUN) {
    const end = Math.min(count, i + PACK_RUN);
    if (end - i < run.length) run.length = end - i;
    for (let j = i; j < end; j++) run[j - i] = at(j);
    parts.push(run.join(''));
  }
  return parts.join('');
}

/** A store's names as posted: ids and names packed, in reading order. */
export interface PostedNames {
  key: number;
  ids: PackedStrings;
  names: PackedStrings;
  blockOf: Int32Array;
  blockList: string[];
}

/**
 * A store's ids, names and blocks ready to post. They go in reading order, the order the
 * strings were made in: taken block by block instead, each string is a cache miss, and this
 * runs on the main thread on the path from reading to scoring. The thread puts them block by
 * block ({@link receivedNames}).
 */
export function postedNames(store: TierStore, key: number): { names: PostedNames; transfer: ArrayBuffer[] } {
  const { blockOf, blockList } = blockIndex(store.blocks, store.size);
  const names: PostedNames = { key, ids: packStrings(store.ids), names: packStrings(store.names), blockOf, blockList };
  const transfer = [blockOf.buffer, names.ids.lengths.buffer, names.names.lengths.buffer] as ArrayBuffer[];
  return { names, transfer };
}

/**
 * The names on the thread's side, by slot. The strings are made block by block, so the thread,
 * which writes the units in listing order, then reads them from a few kilobytes of memory at a
 * time rather than from all over its heap, where fetching each unit's id and name would cost
 * a cache miss per string.
 */
export function receivedNames(p: PostedNames): StoreNames {
  const size = p.blockOf.length;
  const { slots } = slotsByBlock(p.blockOf, p.blockList.length);
  const strings = (packed: PackedStrings): string[] => {
    const at = new Float64Array(size + 1);
    for (let s = 0; s < size; s++) at[s + 1] = at[s]! + packed.lengths[s]!;
    // the text again, block by block: a string cut from it is a view into its text, and in
    // reading order the listing's every name was a read somewhere else in 20 MB
    const text = joinRuns(size, (i) => packed.text.slice(at[slots[i]!]!, at[slots[i]! + 1]!));
    const out = new Array<string>(size);
    for (let i = 0, from = 0; i < size; i++) {
      const s = slots[i]!;
      const to = from + packed.lengths[s]!;
      out[s] = text.slice(from, to);
      from = to;
    }
    return out;
  };
  return { key: p.key, ids: strings(p.ids), names: strings(p.names), blockOf: p.blockOf, blockList: p.blockList };
}

/**
 * The slots block by block (a counting sort, each block's slots in slot order): block `b`'s
 * are `slots[start[b]]` to `slots[start[b + 1] - 1]`.
 */
export function slotsByBlock(blockOf: Int32Array, blocks: number): { start: Int32Array; slots: Int32Array } {
  const size = blockOf.length;
  const start = new Int32Array(blocks + 1);
  for (let s = 0; s < size; s++) start[blockOf[s]! + 1]!++;
  for (let b = 0; b < blocks; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, blocks);
  const slots = new Int32Array(size);
  for (let s = 0; s < size; s++) slots[next[blockOf[s]!]!++] = s;
  return { start, slots };
}

/** Each block's name once, and the block of each slot as an index into that list. */
export function blockIndex(blocks: readonly string[], size: number): { blockOf: Int32Array; blockList: string[] } {
  const index = new Map<string, number>();
  const blockList: string[] = [];
  const blockOf = new Int32Array(size);
  for (let k = 0; k < size; k++) {
    const b = blocks[k]!;
    let i = index.get(b);
    if (i === undefined) index.set(b, (i = blockList.length)), blockList.push(b);
    blockOf[k] = i;
  }
  return { blockOf, blockList };
}
