import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/types.js';
import { readSubmission, type FileLayout, type ReadContext, type UnitReport } from '../submissions/read.js';
import { DEFAULT_LIMITS, THREAD_MIN_BYTES, openWorkbook } from '../workbook/read/index.js';
import { WorkbookError, type ReadLimits } from '../workbook/types.js';

/** Everything one workbook gave, in the order it was read. */
export interface FileReading {
  path: string;
  sha256: string | null;
  /** Layouts and units interleaved: a unit belongs to the last layout before it. */
  events: ({ layout: FileLayout } | { unit: UnitReport })[];
  diagnostics: Diagnostic[];
  rows: number;
  /** Set when the file could not be read (to the end). */
  failure: { code: WorkbookError['code']; reason: string; detail: Record<string, string | number> } | null;
  /** The file itself could not be opened from disk. */
  ioError: string | null;
}

/**
 * Reads one workbook whole into a FileReading: used by worker threads, where units travel
 * back to the main thread in one message. Large rosters are streamed in the main thread instead.
 */
export async function readFileWhole(path: string, ctx: ReadContext, limits: Partial<ReadLimits> | undefined): Promise<FileReading> {
  const out: FileReading = { path, sha256: null, events: [], diagnostics: [], rows: 0, failure: null, ioError: null };
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    out.ioError = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return out;
  }
  out.sha256 = createHash('sha256').update(data).digest('hex');
  try {
    const wb = await openWorkbook(data, limits);
    await readSubmission(wb, path, ctx, {
      layout: (l) => out.events.push({ layout: l }),
      unit: (u) => out.events.push({ unit: u }),
      diag: (d) => out.diagnostics.push(d),
      rows: (n) => (out.rows += n),
    });
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    out.failure = { code: e.code, reason: e.reason, detail: e.detail };
  }
  return out;
}

/**
 * Reads a workbook file to be read on this thread. A file big enough for its sheet to be
 * read on a second thread (see src/workbook/read/rows-thread.ts) is read into memory both
 * threads see, so that thread reads the sheet where it lies instead of taking a copy of it
 * (70 MB at a million rows).
 */
export function readInputFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < THREAD_MIN_BYTES || size > DEFAULT_LIMITS.maxFileBytes) return readFileSync(fd);
    const data = Buffer.from(new SharedArrayBuffer(size));
    let got = 0;
    for (let n; got < size && (n = readSync(fd, data, got, size - got, got)) > 0; ) got += n;
    // a file that changed size while read: read it again the usual way
    if (got !== size || readSync(fd, Buffer.alloc(1), 0, 1, size) !== 0) return readFileSync(path);
    return data;
  } finally {
    closeSync(fd);
  }
}
