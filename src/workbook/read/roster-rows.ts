/**
 * The fast paths for reading a big roster, behind their own entry (rosterBatches): the
 * main thread's side of rows-thread.ts when the caller keeps no cell past its row
 * ({@link OpenedWorkbook.readRoster}: the same cell objects filled again row after row) and,
 * once it gives one, through its number lane (its `lane`: a row whose lane
 * cells are all plain numbers handed over as numbers, without a cell object each). The
 * general way (rows-cells.ts) knows nothing of either. `readRows` comes here when given
 * `transient` (index.ts); reading a roster in submissions/read.ts is what asks for it, and
 * test/unit/submissions/plain-lane.test.ts holds the lane to the cells.
 */
import type { Cell, CellFormat, CellValue, NumberLane, OpenedWorkbook } from '../types.js';
import { type BatchSink, recordCell } from './rows-cells.js';
import { COL, HAS_TEXT, KIND, KIND_SHIFT, K_NUMBER, type Ring, type RowBatch, slotOf } from './rows-records.js';
import type { SharedStrings } from './strings.js';
import { type CellStyles, FORMATS, LEGACY_FONTS } from './styles.js';

/**
 * The roster's way: rows in the pool's cells ({@link CellPool}), and from the first batch
 * after `lane` gives a lane, its rows through the lane first ({@link deliverRosterBatch}).
 * `lane` is asked before each batch until it gives one.
 */
export function rosterBatches(
  part: string,
  styles: CellStyles,
  onRow: (row: number, cells: Cell[]) => void | false,
  lane?: () => NumberLane | null,
): BatchSink {
  const pool = new CellPool();
  let state: LaneState | null = null;
  return (b, ring, table) => {
    if (state === null && lane) {
      const l = lane();
      if (l) state = new LaneState(l);
    }
    return deliverRosterBatch(b, ring, part, styles, table, onRow, pool, state);
  };
}

/**
 * The cells, values and row array of a transient reading ({@link OpenedWorkbook.readRoster}),
 * filled again for each row: by position in the row, one cell object of each shape (with and
 * without a legacy font) and one value object of each common kind.
 */
export class CellPool {
  readonly row: Cell[] = [];
  private readonly plain: Cell[] = [];
  private readonly legacy: Cell[] = [];
  private readonly numbers: { t: 'number'; v: number }[] = [];
  private readonly strings: { t: 'string'; v: string }[] = [];
  private readonly riches: { t: 'string'; v: string; rich: true }[] = [];

  number(k: number, v: number): CellValue {
    const o = (this.numbers[k] ??= { t: 'number', v });
    o.v = v;
    return o;
  }

  string(k: number, v: string, rich: boolean): CellValue {
    if (rich) {
      const o = (this.riches[k] ??= { t: 'string', v, rich: true });
      o.v = v;
      return o;
    }
    const o = (this.strings[k] ??= { t: 'string', v });
    o.v = v;
    return o;
  }

  /** {@link makeCell}, into the objects of position `k`. */
  cell(k: number, row: number, col: number, value: CellValue, style: number, formula: boolean, stringFlags: number, styles: CellStyles): Cell {
    const st = style < styles.format.length ? style : 0;
    const fmt = FORMATS[styles.format[st]!]!;
    const fromRuns = value.t === 'string' ? stringFlags >> 1 : 0;
    const legacy = LEGACY_FONTS[fromRuns !== 0 ? fromRuns : styles.legacyFont[st]!];
    let cell: Cell;
    if (legacy === undefined) cell = this.plain[k] ??= { row, col, value, fmt, formula };
    else {
      cell = this.legacy[k] ??= { row, col, value, fmt, formula, legacyFont: legacy };
      cell.legacyFont = legacy;
    }
    cell.row = row;
    cell.col = col;
    cell.value = value;
    cell.fmt = fmt;
    cell.formula = formula;
    return cell;
  }
}

/** A lane ({@link NumberLane}) ready for batches: where each column goes, and a row's numbers. */
export class LaneState {
  /** Lane position of each column (index: 1-based column), -1 outside the lane. */
  private readonly at: Int32Array;
  readonly nums: Float64Array;
  readonly fmts: CellFormat[];

  constructor(readonly lane: NumberLane) {
    const max = Math.max(0, ...lane.cols);
    this.at = new Int32Array(max + 1).fill(-1);
    lane.cols.forEach((col, i) => (this.at[col] = i));
    this.nums = new Float64Array(lane.cols.length);
    this.fmts = lane.cols.map(() => 'general');
  }

  /** The lane position of a column, or -1. */
  of(col: number): number {
    return col < this.at.length ? this.at[col]! : -1;
  }
}

/**
 * Turns a batch into rows of the pool's cells and hands each to `onRow` (the caller keeps
 * none of them); false when it asked to stop. With a lane, a row whose lane cells are all
 * plain numbers goes to the lane first. Throws the one-thread path's error for a
 * shared-string index out of the table.
 */
function deliverRosterBatch(
  b: RowBatch,
  ring: Ring,
  part: string,
  styles: CellStyles,
  table: SharedStrings | undefined,
  onRow: (row: number, cells: Cell[]) => void | false,
  pool: CellPool,
  lane: LaneState | null,
): boolean {
  const { rows, meta, nums } = b.own ?? slotOf(ring, b.slot);
  const strs = b.strs;
  let c = 0;
  let t = 0;
  for (let r = 0; r < b.rowCount; r++) {
    const row = rows[2 * r]!;
    const n = rows[2 * r + 1]!;
    if (lane !== null) {
      const after = laneRow(lane, row, c, n, t, meta, nums, strs, part, styles, table, pool);
      if (after >= 0) {
        c += n;
        t = after;
        continue;
      }
    }
    const cells = pool.row;
    cells.length = n;
    for (let end = c + n, k = 0; c < end; c++, k++) {
      const text = HAS_TEXT[(meta[2 * c]! >>> KIND_SHIFT) & KIND] ? strs[t++] : undefined;
      cells[k] = recordCell(c, k, row, meta, nums, text, part, styles, table, pool);
    }
    if (onRow(row, cells) === false) return false;
  }
  return true;
}

/**
 * One row to a lane: the numbers of its lane columns, the cells of the others. Returns the
 * batch's text index after the row when the lane took it, -1 when the row goes to `onRow`
 * (a lane cell that is not a plain number, or the lane said no).
 */
function laneRow(
  lane: LaneState,
  row: number,
  from: number,
  n: number,
  t0: number,
  meta: Int32Array,
  nums: Float64Array,
  strs: string[],
  part: string,
  styles: CellStyles,
  table: SharedStrings | undefined,
  pool: CellPool,
): number {
  const ln = lane.nums;
  ln.fill(NaN);
  for (let c = from; c < from + n; c++) {
    const word = meta[2 * c]!;
    const li = lane.of(word & COL);
    if (li < 0) continue;
    const v = nums[c]!;
    if (((word >>> KIND_SHIFT) & KIND) !== K_NUMBER || !Number.isFinite(v)) return -1;
    ln[li] = v;
    const style = meta[2 * c + 1]!;
    lane.fmts[li] = FORMATS[styles.format[style < styles.format.length ? style : 0]!]!;
  }
  const cells = pool.row;
  let k = 0;
  let t = t0;
  for (let c = from; c < from + n; c++) {
    const word = meta[2 * c]!;
    if (lane.of(word & COL) >= 0) continue;
    const text = HAS_TEXT[(word >>> KIND_SHIFT) & KIND] ? strs[t++] : undefined;
    cells[k] = recordCell(c, k, row, meta, nums, text, part, styles, table, pool);
    k++;
  }
  cells.length = k;
  return lane.lane.onRow(row, cells, ln, lane.fmts) ? t : -1;
}
