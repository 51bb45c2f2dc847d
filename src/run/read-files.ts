import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readSubmission, type ReadContext } from '../submissions/read.js';
import { openWorkbook } from '../workbook/read/index.js';
import { WorkbookError } from '../workbook/types.js';
import type { AssessOptions } from './assess.js';
import { mk } from './findings.js';
import { merge, rosterRowMerger, type Merged, type Touched } from './merge.js';
import { ReadPool, poolSize, poolThreads, workersAvailable } from './pool.js';
import { type FileReading, readInputFile } from './read-file.js';

/**
 * Reading every workbook of a run, in sorted order: many small workbooks on the read pool's
 * threads (pool.ts), big rosters streamed in this thread; each unit merged into its tier's
 * store as it comes (merge.ts), so the results do not depend on which thread finished first.
 */

/** Below this many files a thread pool costs more than it gives. */
const WORKER_MIN_FILES = 16;
/** Files above this are streamed in the main thread (a worker would send every unit in one message). */
const WORKER_MAX_BYTES = 8 * 1024 * 1024;

/** How this run reads: its options, what it knows before reading, and its threads. */
interface Reading {
  o: AssessOptions;
  ctx: ReadContext;
  m: Merged;
  /** Threads exist (the built tool) and are wanted. */
  threads: boolean;
  /** Threads whatever the sizes (THIDUA_WORKERS=always, tests). */
  always: boolean;
  total: number;
}

/** Every file read and merged; lock files and paths not read are findings first. */
export async function readFiles(o: AssessOptions, ctx: ReadContext): Promise<Merged> {
  const m: Merged = { stores: new Map(), layouts: [], inputs: [], diagnostics: [], fileLevel: new Set(), empties: new Map(), rowsRead: 0 };
  for (const p of o.lockFiles ?? []) m.diagnostics.push(mk('lock-file-skipped', p, {}));
  for (const sp of o.skipped ?? []) m.diagnostics.push(mk(sp.code, sp.path, sp.args));

  // sorted here too: the same inputs in any order give the same results
  const files = [...o.files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // many small workbooks: read them on every core; big rosters stream in this thread
  // threads exist only in the built tool; THIDUA_WORKERS=0 (o.workers false) keeps everything here
  const threads = o.workers !== false && workersAvailable();
  const always = threads && o.workers === 'always';
  const r: Reading = { o, ctx, m, threads, always, total: files.length };
  const { pool, pending } = startPool(r, files);
  try {
    for (let fi = 0; fi < files.length; fi++) {
      const path = files[fi]!;
      const job = pending.get(fi);
      if (job) takeReading(r, path, await job);
      else await readHere(r, path, fi);
      o.onProgress?.(fi + 1, files.length, m.rowsRead);
    }
  } finally {
    await pool?.close();
  }
  return m;
}

/**
 * The read pool, given every file it takes (each small one; every other one with `always`),
 * with as many threads as the files' bytes are worth (pool.ts, `poolThreads`): none for a
 * batch the main thread reads as fast alone.
 */
function startPool(r: Reading, files: string[]): { pool: ReadPool | null; pending: Map<number, Promise<FileReading>> } {
  const { o, ctx } = r;
  const pending = new Map<number, Promise<FileReading>>();
  if (!(r.threads && (r.always || files.length >= WORKER_MIN_FILES))) return { pool: null, pending };
  const sizes = files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
  const pooled = sizes.reduce((sum, n) => (n <= WORKER_MAX_BYTES ? sum + n : sum), 0);
  const threads = r.always ? poolSize() : poolThreads(pooled);
  if (threads === 0) return { pool: null, pending };
  const pool = new ReadPool({ criteria: ctx.criteria, phase: ctx.phase, ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}), units: o.units, digests: [...ctx.digests], ...(o.limits ? { limits: o.limits } : {}) }, threads);
  files.forEach((f, i) => sizes[i]! <= WORKER_MAX_BYTES && !(r.always && i % 2) && pending.set(i, pool.read(i, f)));
  return { pool, pending };
}

/** What a pool thread read of one file, merged here in file order. */
function takeReading(r: Reading, path: string, f: FileReading): void {
  const { m } = r;
  if (f.ioError) {
    m.diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: f.ioError }));
    return;
  }
  // a file refused before reading (a FIFO, too big) has no digest: it was not read
  if (f.sha256) m.inputs.push({ path, sha256: f.sha256 });
  const touched: Touched = new Map();
  for (const ev of f.events) {
    if ('layout' in ev) m.layouts.push(ev.layout);
    else merge(ev.unit, m, r.ctx.tiers, touched);
  }
  m.diagnostics.push(...f.diagnostics);
  m.rowsRead += f.rows;
  if (f.failure) fail(r, path, f.failure, touched);
}

/** Streams one workbook in this thread, merging units as they come. */
async function readHere(r: Reading, path: string, fi: number): Promise<void> {
  const { o, m } = r;
  let data: Buffer;
  try {
    data = readInputFile(path, o.limits, r.threads);
  } catch (e) {
    if (e instanceof WorkbookError) return fail(r, path, { code: e.code, reason: e.reason, detail: e.detail }, new Map());
    m.diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? '' }));
    return;
  }
  m.inputs.push({ path, sha256: createHash('sha256').update(data).digest('hex') });
  const touched: Touched = new Map();
  try {
    const wb = await openWorkbook(data, o.limits, { rowsThread: r.always ? 'always' : r.threads ? 'auto' : 'never' });
    await readSubmission(wb, path, r.ctx, {
      layout(l) {
        m.layouts.push(l);
      },
      unit(u) {
        merge(u, m, r.ctx.tiers, touched);
      },
      rosterRow: rosterRowMerger(m, r.ctx.tiers, touched),
      diag(d) {
        m.diagnostics.push(d);
      },
      rows(n) {
        m.rowsRead += n;
        o.onProgress?.(fi, r.total, m.rowsRead);
      },
    });
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    fail(r, path, { code: e.code, reason: e.reason, detail: e.detail }, touched);
  }
}

/** A file that broke halfway is not half-believed: the units it gave rows to are rejected. */
function fail(r: Reading, path: string, f: NonNullable<FileReading['failure']>, touched: Touched): void {
  const flag = f.code === 'too-large' ? r.o.limitFlags?.[f.reason] : undefined;
  const d = mk(f.code, path, { reason: f.reason, ...f.detail, ...(flag ? { flag } : {}) });
  r.m.diagnostics.push(d);
  // listed once as the file's finding; each unit carries it as its reason
  r.m.fileLevel.add(d);
  for (const [store, slots] of touched) for (const slot of new Set(slots)) store.addError(slot, d);
}
