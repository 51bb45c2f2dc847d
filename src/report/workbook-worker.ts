import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { writeWorkbookFile, type WorkbookJobResult } from './workbook-job.js';
import { listNames, receivedNames, type PostedNames, type StoreNames } from './workbook-names.js';
import { orderNames, type SharedNameOrder } from './workbook-name-order.js';
import { unpackModel, type PackedModel } from './workbook-pack.js';

/**
 * The workbook thread's side: it takes in the names sent ahead, lays them out in listing order,
 * then writes results.xlsx from the model (see `WorkbookThread` and `startWorkbookJob`).
 */

function trace(what: string): void {
  if (!process.env.THIDUA_TRACE) return;
  const h = getHeapStatistics();
  process.stderr.write(`${what}: ${(performance.now() / 1000).toFixed(1)} s into the run, heap ${Math.round(h.used_heap_size / 2 ** 20)} MB of ${Math.round(h.total_heap_size / 2 ** 20)} MB\n`);
}

/** results.xlsx on its own thread (see startWorkbookJob and WorkbookThread). */
async function write(model: PackedModel, fd: number, ahead: ReadonlyMap<number, StoreNames>): Promise<void> {
  let result: WorkbookJobResult;
  try {
    // (THIDUA_XLSX_FAIL=model makes the thread fail here, for tests of the main thread's way out)
    if (process.env.THIDUA_XLSX_FAIL === 'model') throw new Error('THIDUA_XLSX_FAIL=model');
    trace('workbook thread: model arrived');
    const m = unpackModel(model, ahead);
    trace('workbook thread: model received');
    await writeWorkbookFile(m, fd);
    trace('workbook thread: written');
    result = { ok: true };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    result = { ok: false, message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
  }
  parentPort!.postMessage(result);
  parentPort!.close();
}

type Message = { kind: 'names'; names: PostedNames; order: SharedNameOrder | null } | { kind: 'order'; key: number; order: Int32Array } | { kind: 'model'; model: PackedModel; fd: number };

const started = workerData as { model: PackedModel; fd: number } | undefined;
if (started?.model) await write(started.model, started.fd, new Map());
else {
  // started early: names first, while the units are scored, then the model
  const ahead = new Map<number, StoreNames>();
  // a store's order or the model means its ranking is over: no more names put in order for it
  const ranked = new Set<number>();
  let modelCame = false;
  parentPort!.on('message', (msg: Message) => {
    if (msg.kind === 'names') {
      const names = receivedNames(msg.names);
      ahead.set(msg.names.key, names);
      trace('workbook thread: names received');
      const key = msg.names.key;
      if (msg.order) void orderNames(names, msg.order, () => modelCame || ranked.has(key)).then(() => trace('workbook thread: names sorted'));
    } else if (msg.kind === 'order') {
      ranked.add(msg.key);
      const early = ahead.get(msg.key);
      if (early) early.listed = listNames(early, msg.order, msg.order.length, true);
      trace('workbook thread: names put in order');
    } else {
      modelCame = true;
      void write(msg.model, msg.fd, ahead);
    }
  });
}
