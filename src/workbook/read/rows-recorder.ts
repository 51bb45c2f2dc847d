/**
 * The reading thread's side of rows-thread.ts: RecordSheetHandler parses the sheet as
 * SheetHandler does but makes each cell a record, and RowRecords gathers the records into
 * batches and posts them, waiting while the main thread is {@link AHEAD} batches behind.
 */
import type { CellValue } from '../types.js';
import {
  AHEAD,
  BATCH_CELLS,
  type BatchArrays,
  FORMULA,
  IN_FLIGHT,
  KIND_SHIFT,
  K_DATE,
  K_ERROR,
  K_FALSE,
  K_NO_VALUE,
  K_NUMBER,
  K_RICH,
  K_SST,
  K_SST_TEXT,
  K_STRING,
  K_TRUE,
  type Ring,
  STOP,
  type ThreadMessage,
  slotOf,
} from './rows-records.js';
import { type SheetContext, T_N, T_S } from './sheet-cell.js';
import { SheetHandler } from './sheet.js';
import type { XmlScanner } from './xml.js';
import { parseXmlNumber } from './xml-text.js';

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
