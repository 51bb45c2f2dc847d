import { ftruncateSync, writeSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { TierStore, type StoreUnit } from '../scoring/store.js';
import { blankStore, unitCodes, unitsOf, type UnitCodes } from '../scoring/store-transfer.js';
import type { TierResult } from '../scoring/types.js';
import { startThread, threadAvailable } from '../util/shipped.js';
import { writeWorkbookTo } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { detailsReach, resultsWorkbook, type WorkbookLimits } from './workbook.js';

const WORKER_FILE = new URL('./workbook-worker.js', import.meta.url);

/**
 * A report model as it crosses to a worker thread. A tier's units travel as codes
 * (`UnitCodes`): its store's columns (what the workbook reads of them) and a slot per unit,
 * the others (kept in no store) as they are.
 */
export interface PackedModel extends Omit<ReportModel, 'tiers'> {
  tiers: (Omit<TierResult, 'units'> &
    UnitCodes & {
      /** The store's ids, names and blocks were sent ahead under this key ({@link WorkbookThread}). */
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
function sameOrder(listed: ListedNames, order: Int32Array | null, size: number): boolean {
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
  // counting sort of the slots by block
  const start = new Int32Array(p.blockList.length + 1);
  for (let s = 0; s < size; s++) start[p.blockOf[s]! + 1]!++;
  for (let b = 0; b < p.blockList.length; b++) start[b + 1]! += start[b]!;
  const slots = new Int32Array(size);
  for (let s = 0; s < size; s++) slots[start[p.blockOf[s]!]!++] = s;
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

/** Each block's name once, and the block of each slot as an index into that list. */
function blockIndex(blocks: readonly string[], size: number): { blockOf: Int32Array; blockList: string[] } {
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

/** Writes a chunk whole at a position of an open file; returns the position after it. */
function writeAllAt(fd: number, chunk: Uint8Array, position: number): number {
  let off = 0;
  while (off < chunk.byteLength) off += writeSync(fd, chunk, off, chunk.byteLength - off, position + off);
  return position + chunk.byteLength;
}

/** results.xlsx from the start of an open file. */
export function writeWorkbookFile(model: ReportModel, fd: number): Promise<void> {
  let at = 0;
  return writeWorkbookTo(resultsWorkbook(model), (c) => {
    at = writeAllAt(fd, c, at);
  });
}

/** What a worker says when it is done. */
export type WorkbookJobResult = { ok: true } | { ok: false; message: string; code?: string };

export interface WorkbookJob {
  /** Settles when the workbook is written whole; rejects with the worker's error. */
  done: Promise<void>;
  /** Stops the work (after another output failed). */
  cancel(): Promise<void>;
}

/** Below this many units the workbook is written on this thread: a thread costs more than it saves. */
const WORKER_MIN_UNITS = 20_000;

/** Whether this many units are written on a thread (THIDUA_WORKERS=always: any number, for tests). */
function threadFor(units: number): boolean {
  const mode = process.env.THIDUA_WORKERS;
  return mode !== '0' && (units >= WORKER_MIN_UNITS || mode === 'always') && threadAvailable(WORKER_FILE);
}

/**
 * A heap in proportion to the units (about 200 bytes a unit live, twice that as room): left
 * unbounded it grew to three times its live size before collecting. A thread that runs out
 * anyway leaves the work to this one. (THIDUA_XLSX_HEAP_MB sets it, for tests of that way out.)
 */
function heapMb(units: number): number {
  return Number(process.env.THIDUA_XLSX_HEAP_MB) || Math.ceil(128 + (400 * units) / 2 ** 20);
}

/**
 * The workbook thread of a big run, started before the units are scored. Each big tier's ids,
 * names and blocks — the bulk of what crosses, and the slow part of the copy — are sent as soon
 * as they are final, so the thread takes them in on the second core while this one scores and
 * ranks; the rest of the model follows with {@link startWorkbookJob}. Unused, it stops with
 * {@link WorkbookThread.close} and never keeps the process alive.
 */
export class WorkbookThread {
  private worker: Worker | null = null;
  private readonly sent = new Map<TierStore, number>();
  private failed = false;

  /** Sends a store's ids, names and blocks ahead; the first big one starts the thread. */
  send(store: TierStore, totalUnits: number): void {
    if (this.failed || (this.worker === null && !threadFor(store.size))) return;
    try {
      if (!this.worker) {
        const w = startThread(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: heapMb(totalUnits) } });
        w.unref();
        w.on('error', () => (this.failed = true));
        w.on('exit', () => (this.failed = true));
        this.worker = w;
      }
      const { names, transfer } = postedNames(store, this.sent.size);
      this.worker.postMessage({ kind: 'names', names }, transfer);
      this.sent.set(store, names.key);
    } catch {
      // something that cannot cross: the model goes whole later, or stays here
      this.close();
      this.failed = true;
    }
  }

  /** Sends the listing order of a store whose names went ahead, for the thread to lay them out in it. */
  sendOrder(store: TierStore, order: Int32Array): void {
    const key = this.sent.get(store);
    if (this.failed || !this.worker || key === undefined) return;
    try {
      this.worker.postMessage({ kind: 'order', key, order });
    } catch {
      // the names are laid out with the model instead
    }
  }

  /** The live thread and what it holds, for the job; null when there is none. */
  take(): { worker: Worker; sent: ReadonlyMap<TierStore, number> } | null {
    const w = this.worker;
    if (!w || this.failed) {
      this.close();
      return null;
    }
    this.worker = null;
    return { worker: w, sent: this.sent };
  }

  /** Stops a thread no job took. */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * results.xlsx written into an open file — on a worker thread for a big run, so that a
 * million-unit ranking sheet takes the second core while this thread writes results.json and
 * summary.md. THIDUA_WORKERS=0 keeps it on this thread.
 */
export function startWorkbookJob(model: ReportModel, fd: number, thread?: WorkbookThread): WorkbookJob {
  const units = model.tiers.reduce((n, t) => n + t.units.length, 0);
  const early = thread?.take() ?? null;
  const threaded = threadFor(units);
  const packed = threaded ? packModel(model, {}, early?.sent) : null;
  let worker: Worker | null = null;
  if (packed) {
    try {
      if (early) {
        early.worker.ref();
        early.worker.postMessage({ kind: 'model', model: packed, fd });
        worker = early.worker;
      } else {
        worker = startThread(WORKER_FILE, { workerData: { model: packed, fd }, resourceLimits: { maxOldGenerationSizeMb: heapMb(units) } });
      }
    } catch {
      // something in the model that cannot cross (or no thread to be had): write it here
      worker = null;
    }
  }
  if (early && worker !== early.worker) void early.worker.terminate();
  if (!worker) {
    const done = writeWorkbookFile(model, fd);
    done.catch(() => undefined);
    return { done, cancel: () => done.then(() => undefined, () => undefined) };
  }
  const w = worker;
  let cancelled = false;
  const done = new Promise<void>((resolve, reject) => {
    w.once('message', (r: WorkbookJobResult) => {
      if (r.ok) resolve();
      else reject(Object.assign(new Error(r.message), r.code ? { code: r.code } : {}));
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the workbook thread stopped (${code})`)));
  })
    .finally(() => w.terminate())
    .catch(async (e: unknown) => {
      // a disk that refuses the bytes refuses them here too; a thread that failed otherwise
      // (out of memory with its copy of the model, stopped) leaves the work to this one
      if (cancelled || isSystemError(e)) throw e;
      if (process.env.THIDUA_TRACE) process.stderr.write(`workbook thread failed (${e instanceof Error ? e.message : String(e)}): written on the main thread\n`);
      ftruncateSync(fd, 0);
      await writeWorkbookFile(model, fd);
    });
  done.catch(() => undefined);
  return {
    done,
    cancel: async () => {
      cancelled = true;
      await w.terminate();
      await done.catch(() => undefined);
    },
  };
}

/** An error of the operating system (ENOSPC, EIO…), as opposed to one of the thread. */
function isSystemError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}
