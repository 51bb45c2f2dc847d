/**
 * A worksheet's tokens into rows of cells, token by token (SheetRows): the elements of
 * sheetData, rows and cell positions, merged ranges. SheetHandler (sheet.ts) adds the fast
 * path for a plain cell; the cell being read and its value are sheet-cell.ts's.
 */
import { MAX_COLUMNS, MAX_ROWS } from '../limits.js';
import type { Cell } from '../types.js';
import { WorkbookError } from '../types.js';
import { SheetCell, type SheetContext, T_B, T_D, T_E, T_INLINE, T_N, T_S, T_STR, makeCell } from './sheet-cell.js';
import type { FastPath, XmlHandler, XmlScanner } from './xml.js';
import { type XmlTag, name } from './xml-tag.js';
import { TextBuffer, badXml, latin1 } from './xml-text.js';

const S_TOP = 0;
const S_DATA = 1;
/** In a row, between cells: where the fast path may read a cell (sheet.ts). */
export const S_ROW = 2;
const S_CELL = 3;
const S_V = 4;
const S_F = 5;
const S_IS = 6;
const S_IS_T = 7;
const S_IS_R = 8;
const S_IS_R_T = 9;

const N_SHEETDATA = name('sheetData');
const N_ROW = name('row');
const N_MERGECELL = name('mergeCell');
const N_IS = name('is');
const N_REF = name('ref');
const N_R = name('r');

const CH_C = 0x63;
const CH_V = 0x76;
const CH_F = 0x66;
const CH_T = 0x74;
const CH_R = 0x72;
const CH_S = 0x73;

/**
 * Turns the tokens of a worksheet into rows of cells, keeping only the row being built:
 * memory does not depend on the length of the sheet.
 *
 * Positions come from `r` attributes when present and are counted otherwise (a `<row>` with
 * no `r` follows the previous row, a `<c>` with no `r` the previous cell), as some writers
 * leave them out. References beyond Excel's grid are refused rather than skipped, so that
 * no value silently goes missing and a row number like 999,999,999 costs nothing.
 */
export abstract class SheetRows extends SheetCell implements XmlHandler, FastPath {
  /** Merged ranges met so far (they follow sheetData in the file). */
  readonly merges: string[] = [];

  protected state = S_TOP;
  protected skip = 0;
  private cellCount = 0;
  protected rowNum = 0;
  private rowHasRef = false;
  private rowCells: Cell[] = [];
  protected col = 0;
  private readonly attrText: TextBuffer;

  constructor(
    ctx: SheetContext,
    private readonly scanner: XmlScanner,
    /** Receives each row that has at least one value; undefined to skip cells (merges only). */
    private readonly onRow: ((row: number, cells: Cell[]) => void | false) | undefined,
  ) {
    super(ctx);
    this.attrText = new TextBuffer(ctx.limits.maxStringLength, ctx.part);
  }

  /** The fast path for a plain cell, tried at each '<' inside a row (sheet.ts). */
  abstract tryElement(b: Buffer, pos: number, len: number): number;

  open(t: XmlTag): void {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    const localLen = t.nameEnd - t.localStart;
    const first = t.buf[t.localStart];
    switch (this.state) {
      case S_ROW:
        if (localLen === 1 && first === CH_C) this.openCell(t);
        else this.skip = 1;
        return;
      case S_CELL:
        if (localLen === 1 && first === CH_V) {
          this.state = S_V;
          this.v.reset();
        } else if (localLen === 1 && first === CH_F) {
          this.state = S_F;
          this.f.reset();
        } else if (t.is(N_IS)) {
          this.state = S_IS;
          this.is.reset();
          this.isRich = false;
        } else this.skip = 1;
        return;
      case S_DATA:
        if (this.onRow !== undefined && t.is(N_ROW)) this.openRow(t);
        else this.skip = 1;
        return;
      case S_TOP:
        if (t.is(N_SHEETDATA)) this.state = S_DATA;
        else if (t.is(N_MERGECELL)) this.addMerge(t);
        return;
      case S_IS:
        if (localLen === 1 && first === CH_T) this.state = S_IS_T;
        else if (localLen === 1 && first === CH_R) {
          this.state = S_IS_R;
          this.isRich = true;
        } else this.skip = 1; // rPh (phonetic run), phoneticPr: not part of the value
        return;
      case S_IS_R:
        if (localLen === 1 && first === CH_T) this.state = S_IS_R_T;
        else this.skip = 1;
        return;
      default:
        this.skip = 1;
    }
  }

  close(_t: XmlTag): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    switch (this.state) {
      case S_V:
        this.vSeen = true;
        this.state = S_CELL;
        return;
      case S_CELL:
        this.closeCell();
        this.state = S_ROW;
        return;
      case S_ROW:
        this.closeRow();
        this.state = S_DATA;
        return;
      case S_F:
        this.fSeen = true;
        this.state = S_CELL;
        return;
      case S_IS:
        this.isSeen = true;
        this.state = S_CELL;
        return;
      case S_IS_T:
      case S_IS_R:
        this.state = S_IS;
        return;
      case S_IS_R_T:
        this.state = S_IS_R;
        return;
      case S_DATA:
        this.state = S_TOP;
        return;
      default:
    }
  }

  text(buf: Buffer, s: number, e: number, cdata: boolean): void {
    if (this.skip > 0) return;
    switch (this.state) {
      case S_V:
        this.v.append(buf, s, e, cdata);
        return;
      case S_F:
        this.f.append(buf, s, e, cdata);
        return;
      case S_IS_T:
      case S_IS_R_T:
        this.is.append(buf, s, e, cdata);
        return;
      default:
    }
  }

  private openRow(t: XmlTag): void {
    this.state = S_ROW;
    this.scanner.fastPath = this;
    this.rowCells = [];
    this.col = 0;
    const k = t.attr(N_R);
    this.rowHasRef = k >= 0;
    if (k < 0) {
      this.rowNum++;
      if (this.rowNum > MAX_ROWS) throw this.outOfGrid('rows', String(this.rowNum));
      return;
    }
    const b = t.buf;
    const s = t.valueStart(k);
    const e = t.valueEnd(k);
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c < 0x30 || c > 0x39) throw badXml(this.ctx.part, 'bad-row-number', { row: b.toString('latin1', s, Math.min(e, s + 20)) });
      n = n * 10 + (c - 0x30);
      if (n > MAX_ROWS) throw this.outOfGrid('rows', b.toString('latin1', s, Math.min(e, s + 20)));
    }
    if (n === 0) throw badXml(this.ctx.part, 'bad-row-number', { row: b.toString('latin1', s, e) });
    this.rowNum = n;
  }

  protected closeRow(): void {
    this.scanner.fastPath = null;
    if (this.rowCells.length === 0) return;
    const cells = this.rowCells;
    this.rowCells = [];
    if (this.onRow?.(this.rowNum, cells) === false) this.scanner.stop();
  }

  private openCell(t: XmlTag): void {
    const a = t.attrs;
    let rs = -1;
    let re = -1;
    let ss = -1;
    let se = -1;
    let ts = -1;
    let te = -1;
    // One pass over the attributes: this runs for every cell of the sheet.
    for (let k = 0, o = 0; k < t.attrCount; k++, o += 5) {
      const ls = a[o + 1]!;
      if (a[o] !== ls || a[o + 2]! - ls !== 1) continue;
      const c = t.buf[ls];
      if (c === CH_R) (rs = a[o + 3]!), (re = a[o + 4]!);
      else if (c === CH_S) (ss = a[o + 3]!), (se = a[o + 4]!);
      else if (c === CH_T) (ts = a[o + 3]!), (te = a[o + 4]!);
    }
    this.beginCell(t.buf, rs, re, ss, se, ts, te);
  }

  /** Starts a cell from the byte ranges of its r, s and t attributes (-1 when absent). */
  protected beginCell(b: Buffer, rs: number, re: number, ss: number, se: number, ts: number, te: number, col = 0): void {
    this.state = S_CELL;
    this.raw = null;
    this.vSeen = false;
    this.fSeen = false;
    this.isSeen = false;
    this.v.reset();
    this.f.reset();

    // col: a reference already read (and agreeing with the row) by the fast path
    if (col > 0) this.col = col;
    else if (rs >= 0) this.parseRef(b, rs, re);
    else {
      this.col++;
      if (this.col > MAX_COLUMNS) throw this.outOfGrid('cells', `column ${this.col}`);
    }

    let style = 0;
    for (let i = ss; i < se; i++) {
      const c = b[i]!;
      if (c < 0x30 || c > 0x39 || style > 0xffffff) break;
      style = style * 10 + (c - 0x30);
    }
    this.style = style;

    let type = T_N;
    if (ts >= 0) {
      const len = te - ts;
      const c0 = b[ts];
      if (len === 1) {
        if (c0 === 0x73) type = T_S;
        else if (c0 === 0x62) type = T_B;
        else if (c0 === 0x65) type = T_E;
        else if (c0 === 0x64) type = T_D;
      } else if (len === 3 && c0 === 0x73 && b[ts + 1] === 0x74 && b[ts + 2] === 0x72) type = T_STR;
      else if (len === 9 && latin1(b, ts, te) === 'inlineStr') type = T_INLINE;
    }
    this.type = type;
  }

  /** Reads 'B12' into `col`; the row part must agree with the row being read. */
  private parseRef(b: Buffer, s: number, e: number): void {
    let i = s;
    let col = 0;
    for (; i < e; i++) {
      let c = b[i]!;
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      if (c < 0x41 || c > 0x5a) break;
      col = col * 26 + (c - 0x40);
      if (col > MAX_COLUMNS) throw this.outOfGrid('cells', b.toString('latin1', s, Math.min(e, s + 20)));
    }
    let row = 0;
    const digits = i;
    for (; i < e; i++) {
      const c = b[i]!;
      if (c < 0x30 || c > 0x39) break;
      row = row * 10 + (c - 0x30);
      if (row > MAX_ROWS) throw this.outOfGrid('rows', b.toString('latin1', s, Math.min(e, s + 20)));
    }
    if (col === 0 || i !== e || (digits === e) !== (row === 0)) {
      throw badXml(this.ctx.part, 'bad-cell-reference', { ref: b.toString('latin1', s, Math.min(e, s + 20)) });
    }
    if (row !== 0 && row !== this.rowNum) {
      // A row without r takes its number from its first cell; otherwise the two must agree.
      if (!this.rowHasRef && this.rowCells.length === 0 && this.col === 0 && row > this.rowNum - 1) this.rowNum = row;
      else throw badXml(this.ctx.part, 'cell-outside-row', { ref: b.toString('latin1', s, e), row: this.rowNum });
    }
    this.col = col;
  }

  /** Counts a cell against the limit; every cell, with or without a value, counts. */
  protected countCell(): void {
    if (++this.cellCount > this.ctx.limits.maxCells) {
      throw new WorkbookError('too-large', 'cells', { part: this.ctx.part, limit: this.ctx.limits.maxCells });
    }
  }

  protected closeCell(): void {
    this.countCell();
    const value = this.cellValue();
    if (value === undefined) return;
    this.rowCells.push(makeCell(this.rowNum, this.col, value, this.style, this.fSeen, this.lastStringFlags, this.ctx.styles));
  }

  private addMerge(t: XmlTag): void {
    const ref = t.get(N_REF, this.attrText);
    if (ref === undefined) return;
    const r = ref.trim().toUpperCase().replace(/\$/g, '');
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/.test(r)) return;
    if (this.merges.length >= this.ctx.limits.maxCells) {
      throw new WorkbookError('too-large', 'cells', { part: this.ctx.part, limit: this.ctx.limits.maxCells, what: 'merged ranges' });
    }
    this.merges.push(r);
  }

  private outOfGrid(reason: 'rows' | 'cells', ref: string): WorkbookError {
    return new WorkbookError('too-large', reason, {
      part: this.ctx.part,
      ref,
      limit: reason === 'rows' ? MAX_ROWS : MAX_COLUMNS,
    });
  }
}
