import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/types.js';
import { readSubmission, type FileLayout, type ReadContext, type UnitReport } from '../submissions/read.js';
import { openWorkbook } from '../workbook/read/index.js';
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
