import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection, now. `score` asks for one once a big tier's columns have moved
 * to shared memory (see `SHARED_MIN_UNITS` in scoring/store.ts) and the workbook thread has
 * them, while the main thread has time to spare: the old columns, a quarter of a gigabyte for a
 * million units, are garbage the collector has no reason to look at, because memory outside
 * the heap that is shared does not count towards its next collection. Left to it, they stay
 * to the end of the run and raise its peak memory by their whole size; one collection at
 * this quiet moment costs far less than that (figures in bench/HISTORY.md).
 *
 * Node has no other way to ask for one: the flag is set at run time, and a fresh context
 * hands over the function. Where that fails, nothing is done.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc;
      if (exposed) gc = exposed;
      else {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc') as () => void;
      }
    } catch {
      gc = null;
    }
  }
  gc?.();
}
