import { ftruncateSync, writeSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { TierStore } from '../scoring/store.js';
import { startThread, threadAvailable } from '../util/shipped.js';
import { writeWorkbookTo } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { resultsWorkbook } from './workbook.js';
import { packModel } from './workbook-pack.js';
import { NameOrders, sharedNameOrder } from './workbook-name-order.js';
import { postedNames } from './workbook-names.js';

/**
 * results.xlsx written into an open file: on this thread, or for a big run on a worker thread
 * (workbook-worker.ts) started before scoring ({@link WorkbookThread}), which falls back to this
 * one when it fails. What crosses: workbook-names.ts (sent ahead), workbook-pack.ts (the model).
 */

const WORKER_FILE = new URL('./workbook-worker.js', import.meta.url);

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
  /** Blocks the thread puts in name order while this one scores (workbook-name-order.ts). */
  readonly named = new NameOrders();

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
      const order = sharedNameOrder(store, names.blockList.length);
      this.worker.postMessage({ kind: 'names', names, order }, transfer);
      this.sent.set(store, names.key);
      if (order) this.named.add(store, order, names.blockList);
    } catch {
      // something that cannot cross: the model goes whole later, or stays here
      this.close();
      this.failed = true;
    }
  }

  /** Sends the listing order of a store whose names went ahead, for the thread to lay them out in it. */
  sendOrder(store: TierStore, order: Int32Array): void {
    if (process.env.THIDUA_TRACE && this.named.asked) process.stderr.write(`blocks in name order from the workbook thread: ${this.named.hits} of ${this.named.asked}\n`);
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
