import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { unpackModel, writeWorkbookFile, type PackedModel, type WorkbookJobResult } from './workbook-job.js';

function trace(what: string): void {
  if (!process.env.THIDUA_TRACE) return;
  const h = getHeapStatistics();
  process.stderr.write(`${what}: ${(performance.now() / 1000).toFixed(1)} s into the run, heap ${Math.round(h.used_heap_size / 2 ** 20)} MB of ${Math.round(h.total_heap_size / 2 ** 20)} MB\n`);
}

/** results.xlsx on its own thread (see startWorkbookJob). */
const { model, fd } = workerData as { model: PackedModel; fd: number };
let result: WorkbookJobResult;
try {
  const m = unpackModel(model);
  trace('workbook thread: model received');
  await writeWorkbookFile(m, fd);
  trace('workbook thread: written');
  result = { ok: true };
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  result = { ok: false, message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
}
parentPort!.postMessage(result);
