import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/types.js';
import { readSubmission, type FileLayout, type ReadContext, type UnitReport } from '../submissions/read.js';
import { DEFAULT_LIMITS, THREAD_MIN_BYTES, openWorkbook } from '../workbook/read/index.js';
import { WorkbookError, type ReadLimits } from '../workbook/types.js';
import { FileTooLarge, NotRegularFile, readRegularFile } from '../util/files.js';

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
    data = readInputFile(path, limits, false);
  } catch (e) {
    if (e instanceof WorkbookError) out.failure = { code: e.code, reason: e.reason, detail: e.detail };
    else out.ioError = (e as NodeJS.ErrnoException).code ?? 'EIO';
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
 * Reads a workbook file. A file big enough for its sheet to be read on a second thread (see
 * src/workbook/read/rows-thread.ts) is read into memory both threads see, so that thread
 * reads the sheet where it lies instead of taking a copy of it (70 MB at a million rows).
 *
 * Only regular files are read, and only up to the size limit, checked before reading (SPEC §8:
 * bounded memory; a FIFO or /dev/zero named `x.xlsx` is a finding, never a read).
 *
 * @throws WorkbookError `unreadable-file` (special) or `too-large` (file-size); the system's error otherwise
 */
export function readInputFile(path: string, limits?: Partial<ReadLimits>, threads = true): Buffer {
  const max = limits?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  try {
    return readRegularFile(path, max, threads ? THREAD_MIN_BYTES : Infinity);
  } catch (e) {
    if (e instanceof NotRegularFile) throw new WorkbookError('unreadable-file', 'special', { detail: e.kind });
    if (e instanceof FileTooLarge) throw new WorkbookError('too-large', 'file-size', { limit: e.limit, actual: e.size });
    throw e;
  }
}
