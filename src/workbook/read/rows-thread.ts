/**
 * Reading one big sheet on two cores. A thread inflates the sheet and parses its XML into
 * compact row records (typed arrays, handed over without copying); the main thread parses
 * the shared strings meanwhile, then turns each record into the same cells, in the same
 * order, with the same errors as the one-thread path, and calls `onRow`.
 *
 * Why: on a million-row roster the XML layer is about half of reading, and the second core
 * was idle while it ran. The records carry no text
 * but what is rare in a big sheet (inline strings, errors, dates, formulas without a value):
 * a shared string crosses as its index and is looked up on the main thread, so the table,
 * the largest thing read, is held once.
 *
 * Semantics kept: rows arrive in order and only whole; an error met at some point of the
 * sheet (broken XML, a limit, a bad CRC after the last row) comes after every row before
 * it, exactly as on one thread; a shared-string index out of the table fails on the cell
 * that holds it; `onRow` returning false stops the thread. The thread runs at most
 * {@link AHEAD} batches ahead, so memory does not grow with the sheet.
 */
import { type Worker, isMainThread } from 'node:worker_threads';
import { startThread } from '../../util/shipped.js';
import type { Cell, CellFormat, CellValue, NumberLane, ReadLimits, ReadRowsOptions } from '../types.js';
import { WorkbookError } from '../types.js';
import { type SheetContext, T_N, T_S, makeCell, sharedStringIndexError } from './sheet-cell.js';
import { SheetHandler } from './sheet.js';
import { RICH, type SharedStrings } from './strings.js';
import { type CellStyles, FORMATS, LEGACY_FONTS } from './styles.js';
import type { XmlScanner } from './xml.js';
import { parseXmlNumber } from './xml-text.js';
import type { ZipEntry } from './zip.js';

const WORKER_FILE = new URL('./rows-worker.js', import.meta.url);

/** Below this size (uncompressed) a sheet is read on the calling thread: starting a thread costs more. */
export const THREAD_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Batches the thread may have posted and the main thread not yet taken in (the ring's
 * slots). Scoring a roster, the main thread takes rows in about as fast as the thread parses
 * them, so what the thread runs ahead while the shared strings are parsed is never made up:
 * more slots only hold more memory.
 */
const AHEAD = 16;
/** A batch is posted at the end of the first row that brings it to this many cells. */
const BATCH_CELLS = 32 * 1024;
/** Cells a slot holds: a batch plus a row of every column. A longer row (a hostile sheet) travels in arrays of its own. */
const SLOT_CELLS = BATCH_CELLS + 16 * 1024;

// What a record says of its cell's value (bits 16–20 of its first word, under the column);
// FORMULA is or-ed in when the cell held a formula.
const K_NUMBER = 0;
/** A shared string by its index (canonical digits). */
const K_SST = 1;
/** A shared string whose index was written otherwise ("007", " 7", "7.0", "x"): the text goes along for the error. */
const K_SST_TEXT = 2;
const K_STRING = 3;
const K_RICH = 4;
const K_TRUE = 5;
const K_FALSE = 6;
const K_ERROR = 7;
const K_DATE = 8;
const K_NO_VALUE = 9;
const KIND = 15;
const FORMULA = 16;
const KIND_SHIFT = 16;
const COL = 0xffff;

/** Control words shared by both threads: batches in flight, and the stop flag. */
const IN_FLIGHT = 0;
const STOP = 1;

/**
 * Where the batches are written: {@link AHEAD} slots in memory both threads see, allocated
 * once. (A fresh set of arrays per batch, handed over, leaves the freed ones scattered over
 * the allocator's arenas, resident for the rest of the run.)
 */
export interface Ring {
  /** Per slot: row number and cell count of each row. */
  rows: Int32Array;
  /** Per slot and cell: column | kind << 16, then style index. */
  meta: Int32Array;
  /** Per slot and cell: the number, or the shared-string index. */
  nums: Float64Array;
}

function newRing(): Ring {
  return {
    rows: new Int32Array(new SharedArrayBuffer(AHEAD * 2 * SLOT_CELLS * 4)),
    meta: new Int32Array(new SharedArrayBuffer(AHEAD * 2 * SLOT_CELLS * 4)),
    nums: new Float64Array(new SharedArrayBuffer(AHEAD * SLOT_CELLS * 8)),
  };
}

/** One batch's arrays: a slot of the ring, or arrays of its own. */
interface BatchArrays {
  rows: Int32Array;
  meta: Int32Array;
  nums: Float64Array;
}

function slotOf(ring: Ring, slot: number): BatchArrays {
  return {
    rows: ring.rows.subarray(slot * 2 * SLOT_CELLS, (slot + 1) * 2 * SLOT_CELLS),
    meta: ring.meta.subarray(slot * 2 * SLOT_CELLS, (slot + 1) * 2 * SLOT_CELLS),
    nums: ring.nums.subarray(slot * SLOT_CELLS, (slot + 1) * SLOT_CELLS),
  };
}

/** One batch of whole rows, as posted by the thread. */
export interface RowBatch {
  kind: 'rows';
  /** The ring slot holding it, or -1 when it brings its own arrays. */
  slot: number;
  own?: BatchArrays;
  rowCount: number;
  /** Texts, in the order of the cells that carry one. */
  strs: string[];
}

type ThreadMessage =
  | RowBatch
  | { kind: 'done'; complete: boolean; merges: string[] }
  | { kind: 'error'; code?: WorkbookError['code']; reason?: string; detail?: Record<string, string | number>; message: string };

/** What the thread is given. */
export interface ThreadInput {
  stored: Uint8Array;
  entry: ZipEntry;
  limits: ReadLimits;
  ctl: Int32Array;
  ring: Ring;
}

/** Builds the batches on the reading thread and posts them, waiting while the main thread is {@link AHEAD} behind. */
export class RowRecords {
  private slot = 0;
  private a: BatchArrays;
  /** The batch outgrew its slot. */
  private own = false;
  private rowCount = 0;
  private strs: string[] = [];
  private cells = 0;
  /** Cells and texts of the rows already whole; what follows belongs to the row being read. */
  private rowStart = 0;
  private strStart = 0;

  constructor(
    private readonly ctl: Int32Array,
    private readonly ring: Ring,
    private readonly post: (m: ThreadMessage, transfer: ArrayBuffer[]) => void,
  ) {
    this.a = slotOf(ring, 0);
  }

  cell(col: number, style: number, kind: number, num: number): void {
    const c = this.cells;
    if (c === this.a.nums.length) this.grow();
    const a = this.a;
    a.meta[2 * c] = col | (kind << KIND_SHIFT);
    a.meta[2 * c + 1] = style;
    a.nums[c] = num;
    this.cells = c + 1;
  }

  text(col: number, style: number, kind: number, num: number, text: string): void {
    this.cell(col, style, kind, num);
    this.strs.push(text);
  }

  value(col: number, style: number, formula: number, v: CellValue): void {
    switch (v.t) {
      case 'number':
        return this.cell(col, style, K_NUMBER | formula, v.v);
      case 'string':
        return this.text(col, style, (v.rich === true ? K_RICH : K_STRING) | formula, 0, v.v);
      case 'boolean':
        return this.cell(col, style, (v.v ? K_TRUE : K_FALSE) | formula, 0);
      case 'error':
        return this.text(col, style, K_ERROR | formula, 0, v.v);
      case 'date':
        return this.text(col, style, K_DATE | formula, 0, v.v);
      case 'formula-no-value':
        return this.text(col, style, K_NO_VALUE | formula, 0, v.formula);
    }
  }

  /** The row being read is whole: it joins the batch (when it has a value), which is posted once full. */
  endRow(row: number): void {
    if (this.cells === this.rowStart) return;
    // every row has a cell, so there is room for as many rows as cells
    this.a.rows[2 * this.rowCount] = row;
    this.a.rows[2 * this.rowCount + 1] = this.cells - this.rowStart;
    this.rowCount++;
    this.rowStart = this.cells;
    this.strStart = this.strs.length;
    if (this.cells >= BATCH_CELLS) this.flush();
  }

  /** Posts the whole rows gathered so far (the cells of a row not yet whole are dropped). */
  flush(): void {
    if (this.rowCount > 0) {
      const strs = this.strs.slice(0, this.strStart);
      if (this.own) {
        const own = this.a;
        this.post({ kind: 'rows', slot: -1, own, rowCount: this.rowCount, strs }, [own.rows.buffer as ArrayBuffer, own.meta.buffer as ArrayBuffer, own.nums.buffer as ArrayBuffer]);
      } else this.post({ kind: 'rows', slot: this.slot, rowCount: this.rowCount, strs }, []);
      Atomics.add(this.ctl, IN_FLIGHT, 1);
      // slots are taken in and freed in order: fewer than AHEAD in flight, the next one is free
      for (let n = Atomics.load(this.ctl, IN_FLIGHT); n >= AHEAD; n = Atomics.load(this.ctl, IN_FLIGHT)) {
        if (Atomics.load(this.ctl, STOP) !== 0) throw new StopReading();
        Atomics.wait(this.ctl, IN_FLIGHT, n, 200);
      }
      this.slot = (this.slot + 1) % AHEAD;
      this.a = slotOf(this.ring, this.slot);
      this.own = false;
    }
    this.rowCount = 0;
    this.cells = 0;
    this.rowStart = 0;
    this.strs = [];
    this.strStart = 0;
  }

  /** A row with more cells than a slot holds (a hostile sheet; the cell limit still applies). */
  private grow(): void {
    const n = 2 * this.a.nums.length;
    const a: BatchArrays = { rows: new Int32Array(2 * n), meta: new Int32Array(2 * n), nums: new Float64Array(n) };
    a.rows.set(this.a.rows);
    a.meta.set(this.a.meta);
    a.nums.set(this.a.nums);
    this.a = a;
    this.own = true;
  }
}

/** Thrown on the reading thread when the main thread wants no more rows. */
export class StopReading extends Error {}

/**
 * The sheet handler of the reading thread: the same parsing, positions, limits and errors as
 * {@link SheetHandler} (it is one), but each cell becomes a record instead of an object. A
 * number or a shared-string index written plainly (nearly every cell of a big sheet) is
 * recorded where it lies; anything else takes the one-thread path's own `cellValue`.
 */
export class RecordSheetHandler extends SheetHandler {
  constructor(
    ctx: SheetContext,
    scanner: XmlScanner,
    private readonly out: RowRecords,
  ) {
    super(ctx, scanner, () => undefined);
  }

  protected override closeCell(): void {
    this.countCell();
    const formula = this.fSeen ? FORMULA : 0;
    const raw = this.raw;
    if (this.type === T_N) {
      if (raw !== null && this.rawEnd > this.rawStart) {
        const n = parseXmlNumber(raw, this.rawStart, this.rawEnd);
        if (Number.isFinite(n)) return this.out.cell(this.col, this.style, K_NUMBER | formula, n);
      }
    } else if (this.type === T_S && this.vSeen && (this.v.len > 0 || (raw !== null && this.rawEnd > this.rawStart))) {
      const b = raw ?? this.v.bytes;
      const s = raw !== null ? this.rawStart : 0;
      const e = raw !== null ? this.rawEnd : this.v.len;
      const idx = canonicalIndex(b, s, e);
      if (idx >= 0) return this.out.cell(this.col, this.style, K_SST | formula, idx);
      const n = parseXmlNumber(b, s, e);
      return this.out.text(this.col, this.style, K_SST_TEXT | formula, n, this.vText());
    }
    const value = this.cellValue();
    if (value !== undefined) this.out.value(this.col, this.style, formula, value);
  }

  protected override closeRow(): void {
    super.closeRow();
    this.out.endRow(this.rowNum);
  }
}

/** 1 to 15 digits without a leading zero (String(n) gives them back); -1 for anything else. */
function canonicalIndex(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 1 || n > 15 || (b[s] === 0x30 && n > 1)) return -1;
  let x = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x39) return -1;
    x = x * 10 + (c - 0x30);
  }
  return x;
}

/**
 * The cells, values and row array of a transient reading ({@link ReadRowsOptions.transient}),
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

/** Whether a record of each kind carries a text in its batch's `strs` (any other kind is read as one without a value). */
const HAS_TEXT = [false, false, true, true, true, false, false, true, true, true, true, true, true, true, true, true];

/**
 * The cell of record `c`, at position `k` of its row (the pool's objects, or new ones);
 * `text` is the record's text when its kind has one. Throws the one-thread path's error for
 * a shared-string index out of the table.
 */
function recordCell(
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
 * Throws the one-thread path's error for a shared-string index out of the table. With a
 * pool, the cells of each row are the pool's (the caller keeps none of them). With a lane
 * (pool only), a row whose lane cells are all plain numbers goes to the lane first.
 */
export function deliverBatch(
  b: RowBatch,
  ring: Ring,
  part: string,
  styles: CellStyles,
  table: SharedStrings | undefined,
  onRow: (row: number, cells: Cell[]) => void | false,
  pool: CellPool | null = null,
  lane: LaneState | null = null,
): boolean {
  const { rows, meta, nums } = b.own ?? slotOf(ring, b.slot);
  const strs = b.strs;
  let c = 0;
  let t = 0;
  for (let r = 0; r < b.rowCount; r++) {
    const row = rows[2 * r]!;
    const n = rows[2 * r + 1]!;
    if (lane !== null && pool !== null) {
      const after = laneRow(lane, row, c, n, t, meta, nums, strs, part, styles, table, pool);
      if (after >= 0) {
        c += n;
        t = after;
        continue;
      }
    }
    const cells: Cell[] = pool === null ? [] : pool.row;
    if (pool !== null) cells.length = n;
    for (let end = c + n, k = 0; c < end; c++, k++) {
      const text = HAS_TEXT[(meta[2 * c]! >>> KIND_SHIFT) & KIND] ? strs[t++] : undefined;
      const cell = recordCell(c, k, row, meta, nums, text, part, styles, table, pool);
      if (pool === null) cells.push(cell);
      else cells[k] = cell;
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

/** Whether a sheet's rows are read on a thread: never, for a big sheet read from the main thread, or always. */
export type RowsThreadMode = 'auto' | 'never' | 'always';

/** Whether `readRows` of this sheet goes through a thread. */
export function useRowsThread(mode: RowsThreadMode | undefined, entry: ZipEntry): boolean {
  if (mode === undefined || mode === 'never') return false;
  if (mode === 'always') return true;
  // On a reading pool's thread the other cores are busy with other files already.
  return isMainThread && entry.uncompressedSize >= THREAD_MIN_BYTES;
}

/**
 * Reads a sheet's rows on a thread (see the file's comment). `stored` is the entry's stored
 * bytes, already checked against the limits; `strings` the shared strings, being read.
 * Resolves like the one-thread scan: complete when the whole sheet was read, with its merged
 * ranges; null when the thread could not be had and delivered nothing (read it here).
 */
export function readRowsOnThread(o: {
  stored: Uint8Array;
  entry: ZipEntry;
  limits: ReadLimits;
  styles: CellStyles;
  strings: Promise<SharedStrings | undefined>;
  onRow: (row: number, cells: Cell[]) => void | false;
  /** The caller keeps no cell past its row ({@link ReadRowsOptions.transient}). */
  transient?: boolean;
  /** {@link ReadRowsOptions.lane} (with `transient` only). */
  lane?: () => NumberLane | null;
}): Promise<{ complete: boolean; merges: string[] } | null> {
  const pool = o.transient === true ? new CellPool() : null;
  let lane: LaneState | null = null;
  // Bytes in memory both threads see cross as they are; others, as a copy of the entry only.
  const shared = o.stored.buffer instanceof SharedArrayBuffer;
  const stored = shared ? o.stored : new Uint8Array(o.stored);
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  const ring = newRing();
  const input: ThreadInput = { stored, entry: { ...o.entry }, limits: { ...o.limits }, ctl, ring };
  const transferList = shared ? [] : [stored.buffer as ArrayBuffer];
  let worker: Worker;
  try {
    worker = startThread(WORKER_FILE, { workerData: input, transferList });
  } catch {
    // no thread to be had: the caller reads here (and will wait for the strings itself)
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    let table: SharedStrings | undefined;
    let ready = false;
    let finished = false;
    /** Nothing came from the thread yet: if it fails now, no row has been delivered. */
    let silent = true;
    const waiting: ThreadMessage[] = [];
    const finish = (err: unknown, result?: { complete: boolean; merges: string[] } | null): void => {
      if (finished) return;
      finished = true;
      Atomics.store(ctl, STOP, 1);
      Atomics.notify(ctl, IN_FLIGHT);
      void worker.terminate().then(() => worker.removeAllListeners());
      if (err !== undefined) reject(err);
      else resolve(result!);
    };
    const take = (m: ThreadMessage): void => {
      if (m.kind === 'rows') {
        let more: boolean;
        try {
          if (lane === null && pool !== null && o.lane) {
            const l = o.lane();
            if (l) lane = new LaneState(l);
          }
          more = deliverBatch(m, ring, o.entry.name, o.styles, table, o.onRow, pool, lane);
        } catch (err) {
          finish(err);
          return;
        }
        Atomics.sub(ctl, IN_FLIGHT, 1);
        Atomics.notify(ctl, IN_FLIGHT);
        if (!more) finish(undefined, { complete: false, merges: [] });
      } else if (m.kind === 'done') finish(undefined, { complete: m.complete, merges: m.merges });
      else if (m.code !== undefined) finish(new WorkbookError(m.code, m.reason ?? '', m.detail));
      else finish(new Error(`sheet reading thread: ${m.message}`));
    };
    worker.on('message', (m: ThreadMessage) => {
      silent = false;
      if (finished) return;
      if (ready) take(m);
      else waiting.push(m);
    });
    // a thread that fails before saying anything (it could not start, or ran out of memory at
    // once) leaves the sheet to the caller's thread; after rows were delivered, it is an error
    worker.on('error', (err) => {
      if (silent) finish(undefined, null);
      else finish(err);
    });
    worker.on('exit', (code) => {
      // its last word may still wait for the shared strings
      if (silent) finish(undefined, null);
      else if (!waiting.some((m) => m.kind !== 'rows')) finish(new Error(`sheet reading thread stopped (exit code ${code})`));
    });
    o.strings.then(
      (t) => {
        table = t;
        ready = true;
        for (const m of waiting.splice(0)) {
          if (finished) break;
          take(m);
        }
      },
      (err: unknown) => finish(err),
    );
  });
}
