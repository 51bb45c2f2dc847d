/**
 * The main thread's side of rows-thread.ts, the general way: each record back into a cell
 * (recordCell, which the roster's way in roster-rows.ts shares), each batch into rows of new
 * cells handed to `onRow` (cellBatches).
 */
import type { Cell, CellValue } from '../types.js';
import type { CellPool } from './roster-rows.js';
import {
  COL,
  FORMULA,
  HAS_TEXT,
  KIND,
  KIND_SHIFT,
  K_DATE,
  K_ERROR,
  K_FALSE,
  K_NUMBER,
  K_RICH,
  K_SST,
  K_SST_TEXT,
  K_STRING,
  K_TRUE,
  type Ring,
  type RowBatch,
  slotOf,
} from './rows-records.js';
import { makeCell, sharedStringIndexError } from './sheet-cell.js';
import { RICH, type SharedStrings } from './strings.js';
import type { CellStyles } from './styles.js';

/**
 * Takes one batch in on the main thread, its rows to the caller; false when the caller asked
 * to stop. Throws the one-thread path's error for a shared-string index out of the table.
 */
export type BatchSink = (b: RowBatch, ring: Ring, table: SharedStrings | undefined) => boolean;

/** The general way: each row's cells made afresh and handed to `onRow` (see {@link deliverBatch}). */
export function cellBatches(part: string, styles: CellStyles, onRow: (row: number, cells: Cell[]) => void | false): BatchSink {
  return (b, ring, table) => deliverBatch(b, ring, part, styles, table, onRow);
}

/**
 * The cell of record `c`, at position `k` of its row (the pool's objects, or new ones);
 * `text` is the record's text when its kind has one. Throws the one-thread path's error for
 * a shared-string index out of the table.
 */
export function recordCell(
  c: number,
  k: number,
  row: number,
  meta: Int32Array,
  nums: Float64Array,
  text: string | undefined,
  part: string,
  styles: CellStyles,
  table: SharedStrings | undefined,
  pool: CellPool | null,
): Cell {
  const word = meta[2 * c]!;
  const kind = word >>> KIND_SHIFT;
  let value: CellValue;
  let flags = 0;
  switch (kind & KIND) {
    case K_NUMBER:
      value = pool === null ? { t: 'number', v: nums[c]! } : pool.number(k, nums[c]!);
      break;
    case K_SST:
    case K_SST_TEXT: {
      const idx = nums[c]!;
      const s = Number.isInteger(idx) && table !== undefined ? table.values[idx] : undefined;
      if (s === undefined) throw sharedStringIndexError(part, text ?? String(idx), table);
      flags = table!.flags[idx]!;
      if (pool !== null) value = pool.string(k, s, (flags & RICH) !== 0);
      else value = (flags & RICH) !== 0 ? { t: 'string', v: s, rich: true } : { t: 'string', v: s };
      break;
    }
    case K_STRING:
      value = pool === null ? { t: 'string', v: text! } : pool.string(k, text!, false);
      break;
    case K_RICH:
      value = pool === null ? { t: 'string', v: text!, rich: true } : pool.string(k, text!, true);
      break;
    case K_TRUE:
      value = { t: 'boolean', v: true };
      break;
    case K_FALSE:
      value = { t: 'boolean', v: false };
      break;
    case K_ERROR:
      value = { t: 'error', v: text! };
      break;
    case K_DATE:
      value = { t: 'date', v: text! };
      break;
    default:
      value = { t: 'formula-no-value', formula: text! };
  }
  if (pool === null) return makeCell(row, word & COL, value, meta[2 * c + 1]!, (kind & FORMULA) !== 0, flags, styles);
  return pool.cell(k, row, word & COL, value, meta[2 * c + 1]!, (kind & FORMULA) !== 0, flags, styles);
}

/**
 * Turns a batch into cells and hands each row to `onRow`; false when it asked to stop.
 * Throws the one-thread path's error for a shared-string index out of the table.
 */
export function deliverBatch(
  b: RowBatch,
  ring: Ring,
  part: string,
  styles: CellStyles,
  table: SharedStrings | undefined,
  onRow: (row: number, cells: Cell[]) => void | false,
): boolean {
  const { rows, meta, nums } = b.own ?? slotOf(ring, b.slot);
  const strs = b.strs;
  let c = 0;
  let t = 0;
  for (let r = 0; r < b.rowCount; r++) {
    const row = rows[2 * r]!;
    const n = rows[2 * r + 1]!;
    const cells: Cell[] = [];
    for (let end = c + n, k = 0; c < end; c++, k++) {
      const text = HAS_TEXT[(meta[2 * c]! >>> KIND_SHIFT) & KIND] ? strs[t++] : undefined;
      cells.push(recordCell(c, k, row, meta, nums, text, part, styles, table, null));
    }
    if (onRow(row, cells) === false) return false;
  }
  return true;
}
