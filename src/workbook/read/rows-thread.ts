/**
 * Reading one big sheet on two cores. A thread inflates the sheet and parses its XML into
 * compact row records (typed arrays, handed over without copying); the main thread parses
 * the shared strings meanwhile, then turns each record into the same cells, in the same
 * order, with the same errors as the one-thread path, and calls `onRow`.
 *
 * Why: on a million-row roster the XML layer is about half of reading, and the second core
 * was idle while it ran. The records carry no text
 * but what is rare in a big sheet (inline strings, errors, dates, formulas without a value):
 * a shared string crosses as its index and is looked up on the main thread, so the table,
 * the largest thing read, is held once.
 *
 * Semantics kept: rows arrive in order and only whole; an error met at some point of the
 * sheet (broken XML, a limit, a bad CRC after the last row) comes after every row before
 * it, exactly as on one thread; a shared-string index out of the table fails on the cell
 * that holds it; `onRow` returning false stops the thread. The thread runs at most
 * {@link AHEAD} batches ahead, so memory does not grow with the sheet.
 *
 * Here: when a sheet goes to a thread, starting it, and taking in what it posts. The records
 * are rows-records.ts; the thread (rows-worker.ts) writes them with rows-recorder.ts; the main
 * thread reads them back through a BatchSink: rows-cells.ts the general way, roster-rows.ts a
 * big roster's.
 */
import { type Worker, isMainThread } from 'node:worker_threads';
import { startThread } from '../../util/shipped.js';
import type { ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import type { BatchSink } from './rows-cells.js';
import { IN_FLIGHT, type Ring, STOP, type ThreadInput, type ThreadMessage, newRing } from './rows-records.js';
import type { SharedStrings } from './strings.js';
import type { ZipEntry } from './zip.js';

const WORKER_FILE = new URL('./rows-worker.js', import.meta.url);

/** Below this size (uncompressed) a sheet is read on the calling thread: starting a thread costs more. */
export const THREAD_MIN_BYTES = 16 * 1024 * 1024;

/** Whether a sheet's rows are read on a thread: never, for a big sheet read from the main thread, or always. */
export type RowsThreadMode = 'auto' | 'never' | 'always';

/** Whether `readRows` of this sheet goes through a thread. */
export function useRowsThread(mode: RowsThreadMode | undefined, entry: ZipEntry): boolean {
  if (mode === undefined || mode === 'never') return false;
  if (mode === 'always') return true;
  // On a reading pool's thread the other cores are busy with other files already.
  return isMainThread && entry.uncompressedSize >= THREAD_MIN_BYTES;
}

/** What a sheet read on a thread resolves to: complete when the whole sheet was read, with its merged ranges. */
type ThreadReading = { complete: boolean; merges: string[] };

/**
 * Reads a sheet's rows on a thread (see the file's comment). `stored` is the entry's stored
 * bytes, already checked against the limits; `strings` the shared strings, being read; `sink`
 * takes each batch in, once they are.
 * Resolves like the one-thread scan: complete when the whole sheet was read, with its merged
 * ranges; null when the thread could not be had and delivered nothing (read it here).
 */
export function readRowsOnThread(o: {
  stored: Uint8Array;
  entry: ZipEntry;
  limits: ReadLimits;
  strings: Promise<SharedStrings | undefined>;
  sink: BatchSink;
}): Promise<ThreadReading | null> {
  const thread = startReading(o.stored, o.entry, o.limits);
  // no thread to be had: the caller reads here (and will wait for the strings itself)
  if (thread === null) return Promise.resolve(null);
  return takeRows(thread, o.strings, o.sink);
}

/** Starts the thread on the sheet's stored bytes; null when there is no thread to be had. */
function startReading(bytes: Uint8Array, entry: ZipEntry, limits: ReadLimits): { worker: Worker; ctl: Int32Array; ring: Ring } | null {
  // Bytes in memory both threads see cross as they are; others, as a copy of the entry only.
  const shared = bytes.buffer instanceof SharedArrayBuffer;
  const stored = shared ? bytes : new Uint8Array(bytes);
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  const ring = newRing();
  const input: ThreadInput = { stored, entry: { ...entry }, limits: { ...limits }, ctl, ring };
  const transferList = shared ? [] : [stored.buffer as ArrayBuffer];
  try {
    return { worker: startThread(WORKER_FILE, { workerData: input, transferList }), ctl, ring };
  } catch {
    return null;
  }
}

/** Takes in what the thread posts, each batch once the shared strings are read, until its last word. */
function takeRows(
  { worker, ctl, ring }: { worker: Worker; ctl: Int32Array; ring: Ring },
  strings: Promise<SharedStrings | undefined>,
  sink: BatchSink,
): Promise<ThreadReading | null> {
  return new Promise((resolve, reject) => {
    let table: SharedStrings | undefined;
    let ready = false;
    let finished = false;
    /** Nothing came from the thread yet: if it fails now, no row has been delivered. */
    let silent = true;
    const waiting: ThreadMessage[] = [];
    const finish = (err: unknown, result?: ThreadReading | null): void => {
      if (finished) return;
      finished = true;
      Atomics.store(ctl, STOP, 1);
      Atomics.notify(ctl, IN_FLIGHT);
      void worker.terminate().then(() => worker.removeAllListeners());
      if (err !== undefined) reject(err);
      else resolve(result!);
    };
    const take = (m: ThreadMessage): void => {
      if (m.kind === 'rows') {
        let more: boolean;
        try {
          more = sink(m, ring, table);
        } catch (err) {
          finish(err);
          return;
        }
        Atomics.sub(ctl, IN_FLIGHT, 1);
        Atomics.notify(ctl, IN_FLIGHT);
        if (!more) finish(undefined, { complete: false, merges: [] });
      } else if (m.kind === 'done') finish(undefined, { complete: m.complete, merges: m.merges });
      else if (m.code !== undefined) finish(new WorkbookError(m.code, m.reason ?? '', m.detail));
      else finish(new Error(`sheet reading thread: ${m.message}`));
    };
    worker.on('message', (m: ThreadMessage) => {
      silent = false;
      if (finished) return;
      if (ready) take(m);
      else waiting.push(m);
    });
    // a thread that fails before saying anything (it could not start, or ran out of memory at
    // once) leaves the sheet to the caller's thread; after rows were delivered, it is an error
    worker.on('error', (err) => {
      if (silent) finish(undefined, null);
      else finish(err);
    });
    worker.on('exit', (code) => {
      // its last word may still wait for the shared strings
      if (silent) finish(undefined, null);
      else if (!waiting.some((m) => m.kind !== 'rows')) finish(new Error(`sheet reading thread stopped (exit code ${code})`));
    });
    strings.then(
      (t) => {
        table = t;
        ready = true;
        for (const m of waiting.splice(0)) {
          if (finished) break;
          take(m);
        }
      },
      (err: unknown) => finish(err),
    );
  });
}
