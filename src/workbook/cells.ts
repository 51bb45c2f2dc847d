/**
 * A worksheet's bounds and A1 column letters: what the reader, the writer and anyone naming a
 * cell (findings, templates) share, on neither side of the xlsx boundary.
 */

/** Largest row number of a worksheet. */
export const MAX_ROWS = 1_048_576;
/** Largest column number of a worksheet (XFD). */
export const MAX_COLS = 16_384;
/** Longest text a cell can hold. */
export const MAX_CELL_TEXT = 32_767;

const COL_CACHE: string[] = [];

/**
 * Column letters of a 1-based column number: 1 → `A`, 26 → `Z`, 27 → `AA`, 16384 → `XFD`.
 * Throws a RangeError outside 1–16384.
 */
export function colName(n: number): string {
  const hit = COL_CACHE[n];
  if (hit !== undefined) return hit;
  if (!Number.isInteger(n) || n < 1 || n > MAX_COLS) throw new RangeError(`column out of range: ${n}`);
  let s = '';
  let x = n;
  while (x > 0) {
    const m = (x - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    x = (x - 1 - m) / 26;
  }
  COL_CACHE[n] = s;
  return s;
}

/** A1 reference of a 1-based row and column: `cellRef(2, 3)` → `'C2'`. Throws a RangeError out of bounds. */
export function cellRef(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) throw new RangeError(`row out of range: ${row}`);
  return colName(col) + row;
}
