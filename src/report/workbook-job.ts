import { existsSync, ftruncateSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreUnit, TierStore } from '../scoring/store.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import { writeWorkbookTo } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { detailsReach, resultsWorkbook, type WorkbookLimits } from './workbook.js';

const WORKER_FILE = new URL('./workbook-worker.js', import.meta.url);

/**
 * A report model as it crosses to a worker thread. Units kept in a tier's columns travel as
 * the columns and a slot per unit (structured clone keeps no classes); the others as they are.
 */
export interface PackedModel extends Omit<ReportModel, 'tiers'> {
  tiers: (Omit<TierResult, 'units'> & {
    store: TierStore | null;
    blockOf: Int32Array | null;
    blockList: string[];
    codes: Int32Array;
    others: ScoredUnit[];
  })[];
}

/**
 * The model ready to post, or null when its units are not the kind this packs (then the work
 * stays on this thread). Only what the workbook reads is copied: reported values of the units
 * the details sheet shows, and each block's name once.
 */
export function packModel(m: ReportModel, limits: Partial<WorkbookLimits> = {}): PackedModel | null {
  const reach = detailsReach(m, limits);
  const tiers: PackedModel['tiers'] = [];
  for (let ti = 0; ti < m.tiers.length; ti++) {
    const t = m.tiers[ti]!;
    let store: TierStore | null = null;
    const codes = new Int32Array(t.units.length);
    const others: ScoredUnit[] = [];
    let needed = 0;
    for (let k = 0; k < t.units.length; k++) {
      const u = t.units[k]!;
      if (u instanceof StoreUnit) {
        if (store && u.store !== store) return null;
        store = u.store;
        codes[k] = u.slot;
        if (k < reach[ti]!) needed = Math.max(needed, u.slot + 1);
      } else {
        codes[k] = -others.length - 1;
        others.push(u);
      }
    }
    let sent: TierStore | null = null;
    let blockOf: Int32Array | null = null;
    const blockList: string[] = [];
    if (store) {
      const index = new Map<string, number>();
      blockOf = new Int32Array(store.size);
      for (let k = 0; k < store.size; k++) {
        const b = store.blocks[k]!;
        let i = index.get(b);
        if (i === undefined) index.set(b, (i = blockList.length)), blockList.push(b);
        blockOf[k] = i;
      }
      // a view would carry its whole buffer across: copies of just the slots needed
      const n = store.n;
      const first = <T extends Float64Array | Int32Array | Uint8Array>(a: T | null): T | null => (a ? (a.slice(0, needed * n) as T) : null);
      sent = Object.assign(Object.create(null) as TierStore, store, {
        blocks: [],
        byId: null,
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
      store: sent,
      blockOf,
      blockList,
      codes,
      others,
    });
  }
  return { ...m, tiers };
}

/** The model again, on the other side. */
export function unpackModel(p: PackedModel): ReportModel {
  return {
    ...p,
    tiers: p.tiers.map(({ store, blockOf, blockList, codes, others, ...t }) => {
      if (store) {
        Object.setPrototypeOf(store, TierStore.prototype);
        store.blocks = Array.from(blockOf!, (i) => blockList[i]!);
      }
      const units: ScoredUnit[] = new Array(codes.length);
      for (let k = 0; k < codes.length; k++) {
        const c = codes[k]!;
        units[k] = c >= 0 ? new StoreUnit(store!, c) : others[-c - 1]!;
      }
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

/**
 * results.xlsx written into an open file — on a worker thread for a big run, so that a
 * million-unit ranking sheet takes the second core while this thread writes results.json and
 * summary.md. THIDUA_WORKERS=0 keeps it on this thread.
 */
export function startWorkbookJob(model: ReportModel, fd: number): WorkbookJob {
  const units = model.tiers.reduce((n, t) => n + t.units.length, 0);
  const threaded = units >= WORKER_MIN_UNITS && process.env.THIDUA_WORKERS !== '0' && existsSync(fileURLToPath(WORKER_FILE));
  const packed = threaded ? packModel(model) : null;
  let worker: Worker | null = null;
  if (packed) {
    try {
      // a heap in proportion to the model (about 200 bytes a unit live, twice that as room):
      // left unbounded it grew to three times its live size before collecting. A thread that
      // runs out anyway leaves the work to this one (below).
      // (THIDUA_XLSX_HEAP_MB sets it, for tests of that way out)
      const heapMb = Number(process.env.THIDUA_XLSX_HEAP_MB) || Math.ceil(128 + (400 * units) / 2 ** 20);
      worker = new Worker(WORKER_FILE, { workerData: { model: packed, fd }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    } catch {
      // something in the model that cannot cross (or no thread to be had): write it here
      worker = null;
    }
  }
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
