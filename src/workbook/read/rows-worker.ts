/**
 * The sheet-reading thread (see rows-thread.ts): inflates one sheet, parses it into row
 * records and posts them; then its merged ranges, or the error that ended the reading.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbookError } from '../types.js';
import { scanChunks } from './opc.js';
import type { ThreadInput } from './rows-records.js';
import { RecordSheetHandler, RowRecords, StopReading } from './rows-recorder.js';
import { NO_STYLES } from './styles.js';
import { inflateEntry } from './zip.js';

// (THIDUA_READ_FAIL=start makes the thread fail before a row, for tests of the way back)
if (process.env.THIDUA_READ_FAIL === 'start') throw new Error('THIDUA_READ_FAIL=start');
const { stored, entry, limits, ctl, ring } = workerData as ThreadInput;
const port = parentPort!;
const out = new RowRecords(ctl, ring, (m, transfer) => port.postMessage(m, transfer));
let handler: RecordSheetHandler | undefined;
try {
  const ctx = { part: entry.name, limits, styles: NO_STYLES, strings: undefined };
  const complete = await scanChunks(entry.name, inflateEntry(stored, entry), (scanner) => (handler = new RecordSheetHandler(ctx, scanner, out)), limits);
  out.flush();
  port.postMessage({ kind: 'done', complete, merges: handler?.merges ?? [] });
} catch (err) {
  if (!(err instanceof StopReading)) {
    // the rows before the error go first, as on one thread
    try {
      out.flush();
    } catch {
      // stopped meanwhile: the main thread takes nothing more
    }
    if (err instanceof WorkbookError) port.postMessage({ kind: 'error', code: err.code, reason: err.reason, detail: err.detail, message: err.message });
    else port.postMessage({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}
