/**
 * A store's columns in a new order (`TierStore.reorder`): gathered slot by slot, into shared
 * memory for a big run so that the workbook thread reads the same bytes.
 */

/**
 * From this many units, columns put in listing order live in shared memory: the workbook
 * thread then reads the same bytes instead of a copy, so it has the model sooner, and making
 * the new columns no longer sets off collections of the old ones (see `collectGarbage`).
 */
export const SHARED_MIN_UNITS = 20_000;

/**
 * Rows of a column (w values a slot) in a new order: slot `to[s]` of the result is slot s. Read
 * in order and written scattered: the other way round (read scattered) makes every read a
 * cache miss the loop waits for, where writes are buffered. The bytes move as 32-bit words
 * where a slot's bytes allow, else one by one, so each loop only ever sees one kind of array.
 */
export function gather<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, w: number, to: Int32Array): T {
  const Column = a.constructor as { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = to.length >= SHARED_MIN_UNITS ? new Column(new SharedArrayBuffer(a.length * Column.BYTES_PER_ELEMENT)) : new Column(a.length);
  const bytes = w * a.BYTES_PER_ELEMENT;
  if (bytes % 4 === 0 && a.byteOffset % 4 === 0 && a.byteLength % 4 === 0) {
    scatter32(new Int32Array(a.buffer, a.byteOffset, a.byteLength / 4), new Int32Array(out.buffer, out.byteOffset, out.byteLength / 4), bytes / 4, to);
  } else {
    scatter8(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(out.buffer, out.byteOffset, out.byteLength), bytes, to);
  }
  return out;
}

function scatter32(a: Int32Array, out: Int32Array, w: number, to: Int32Array): void {
  for (let s = 0; s < to.length; s++) {
    const at = to[s]! * w;
    const from = s * w;
    for (let j = 0; j < w; j++) out[at + j] = a[from + j]!;
  }
}

function scatter8(a: Uint8Array, out: Uint8Array, w: number, to: Int32Array): void {
  for (let s = 0; s < to.length; s++) {
    const at = to[s]! * w;
    const from = s * w;
    for (let j = 0; j < w; j++) out[at + j] = a[from + j]!;
  }
}
