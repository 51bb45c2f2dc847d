import { MAX_COLUMNS, MAX_ROWS } from '../limits.js';
import type { Cell, CellValue, ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { RICH, type SharedStrings } from './strings.js';
import { type CellStyles, FORMATS, LEGACY_FONTS } from './styles.js';
import { TextBuffer, type XmlHandler, type XmlScanner, type XmlTag, badXml, name, parseXmlNumber } from './xml.js';

const S_TOP = 0;
const S_DATA = 1;
const S_ROW = 2;
const S_CELL = 3;
const S_V = 4;
const S_F = 5;
const S_IS = 6;
const S_IS_T = 7;
const S_IS_R = 8;
const S_IS_R_T = 9;

const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

const N_SHEETDATA = name('sheetData');
const N_ROW = name('row');
const N_MERGECELL = name('mergeCell');
const N_IS = name('is');
const N_RPH = name('rPh');
const N_REF = name('ref');
const N_R = name('r');

const CH_C = 0x63;
const CH_V = 0x76;
const CH_F = 0x66;
const CH_T = 0x74;
const CH_R = 0x72;
const CH_S = 0x73;

/** Everything a sheet needs from the rest of the package. */
export interface SheetContext {
  part: string;
  limits: ReadLimits;
  styles: CellStyles;
  strings: SharedStrings | undefined;
}

/**
 * Turns the tokens of a worksheet into rows of cells, keeping only the row being built:
 * memory does not depend on the length of the sheet.
 *
 * Positions come from `r` attributes when present and are counted otherwise (a `<row>` with
 * no `r` follows the previous row, a `<c>` with no `r` the previous cell), as some writers
 * leave them out. References beyond Excel's grid are refused rather than skipped, so that
 * no value silently goes missing and a row number like 999,999,999 costs nothing.
 */
export class SheetHandler implements XmlHandler {
  /** Merged ranges met so far (they follow sheetData in the file). */
  readonly merges: string[] = [];

  private state = S_TOP;
  private skip = 0;
  private cellCount = 0;
  private rowNum = 0;
  private rowHasRef = false;
  private rowCells: Cell[] = [];
  private col = 0;
  private style = 0;
  private type = T_N;
  private vSeen = false;
  private fSeen = false;
  private isSeen = false;
  private isRich = false;
  private readonly v: TextBuffer;
  private readonly f: TextBuffer;
  private readonly is: TextBuffer;
  private readonly attrText: TextBuffer;

  constructor(
    private readonly ctx: SheetContext,
    private readonly scanner: XmlScanner,
    /** Receives each row that has at least one value; undefined to skip cells (merges only). */
    private readonly onRow: ((row: number, cells: Cell[]) => void | false) | undefined,
  ) {
    const max = ctx.limits.maxStringLength;
    this.v = new TextBuffer(max, ctx.part);
    this.f = new TextBuffer(max, ctx.part);
    this.is = new TextBuffer(max, ctx.part);
    this.attrText = new TextBuffer(max, ctx.part);
  }

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

  private closeRow(): void {
    if (this.rowCells.length === 0) return;
    const cells = this.rowCells;
    this.rowCells = [];
    if (this.onRow?.(this.rowNum, cells) === false) this.scanner.stop();
  }

  private openCell(t: XmlTag): void {
    this.state = S_CELL;
    this.vSeen = false;
    this.fSeen = false;
    this.isSeen = false;
    this.v.reset();
    this.f.reset();

    // One pass over the attributes: this runs for every cell of the sheet.
    const b = t.buf;
    const a = t.attrs;
    let ref = -1;
    let style = -1;
    let type = -1;
    for (let k = 0, o = 0; k < t.attrCount; k++, o += 5) {
      const ls = a[o + 1]!;
      if (a[o] !== ls || a[o + 2]! - ls !== 1) continue;
      const c = b[ls];
      if (c === CH_R) ref = o;
      else if (c === CH_S) style = o;
      else if (c === CH_T) type = o;
    }
    if (ref >= 0) this.parseRef(b, a[ref + 3]!, a[ref + 4]!);
    else {
      this.col++;
      if (this.col > MAX_COLUMNS) throw this.outOfGrid('cells', `column ${this.col}`);
    }

    this.style = 0;
    if (style >= 0) {
      let n = 0;
      for (let i = a[style + 3]!, e = a[style + 4]!; i < e; i++) {
        const c = b[i]!;
        if (c < 0x30 || c > 0x39 || n > 0xffffff) break;
        n = n * 10 + (c - 0x30);
      }
      this.style = n;
    }

    this.type = T_N;
    if (type >= 0) {
      const s = a[type + 3]!;
      const len = a[type + 4]! - s;
      const c0 = b[s];
      if (len === 1) {
        if (c0 === 0x73) this.type = T_S;
        else if (c0 === 0x62) this.type = T_B;
        else if (c0 === 0x65) this.type = T_E;
        else if (c0 === 0x64) this.type = T_D;
      } else if (len === 3 && c0 === 0x73 && b[s + 1] === 0x74 && b[s + 2] === 0x72) this.type = T_STR;
      else if (len === 9 && b.toString('latin1', s, s + 9) === 'inlineStr') this.type = T_INLINE;
    }
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

  private closeCell(): void {
    if (++this.cellCount > this.ctx.limits.maxCells) {
      throw new WorkbookError('too-large', 'cells', { part: this.ctx.part, limit: this.ctx.limits.maxCells });
    }
    const value = this.cellValue();
    if (value === undefined) return;
    const styles = this.ctx.styles;
    const st = this.style < styles.format.length ? this.style : 0;
    const cell: Cell = {
      row: this.rowNum,
      col: this.col,
      value,
      fmt: FORMATS[styles.format[st]!]!,
      formula: this.fSeen,
    };
    const legacy = LEGACY_FONTS[this.legacyOf(value, st)];
    if (legacy !== undefined) cell.legacyFont = legacy;
    this.rowCells.push(cell);
  }

  private lastStringFlags = 0;

  private legacyOf(value: CellValue, style: number): number {
    const fromRuns = value.t === 'string' ? this.lastStringFlags >> 1 : 0;
    return fromRuns !== 0 ? fromRuns : this.ctx.styles.legacyFont[style]!;
  }

  private cellValue(): CellValue | undefined {
    this.lastStringFlags = 0;
    const v = this.v;
    const hasV = this.vSeen && (v.len > 0 || this.type === T_STR || this.type === T_INLINE);
    switch (this.type) {
      case T_N:
        if (hasV) {
          const n = parseXmlNumber(v.bytes, 0, v.len);
          if (!Number.isNaN(n) && Number.isFinite(n)) return { t: 'number', v: n };
          const raw = v.toString().trim();
          if (raw !== '') return { t: 'string', v: raw };
        }
        break;
      case T_S:
        if (hasV) return this.sharedString();
        break;
      case T_STR:
        if (hasV) return { t: 'string', v: v.toString() };
        break;
      case T_INLINE:
        if (this.isSeen) {
          const s = this.is.toString();
          return this.isRich ? { t: 'string', v: s, rich: true } : { t: 'string', v: s };
        }
        if (hasV) return { t: 'string', v: v.toString() };
        break;
      case T_B:
        if (hasV) {
          const s = v.toString(false).trim().toLowerCase();
          if (s === '1' || s === 'true') return { t: 'boolean', v: true };
          if (s === '0' || s === 'false') return { t: 'boolean', v: false };
          return { t: 'string', v: v.toString() };
        }
        break;
      case T_E:
        if (hasV) return { t: 'error', v: v.toString(false).trim() };
        break;
      case T_D:
        if (hasV) return { t: 'date', v: v.toString(false).trim() };
        break;
      default:
    }
    if (this.fSeen) return { t: 'formula-no-value', formula: this.f.toString(false) };
    return undefined;
  }

  private sharedString(): CellValue {
    const v = this.v;
    const idx = parseXmlNumber(v.bytes, 0, v.len);
    const table = this.ctx.strings;
    const s = Number.isInteger(idx) && table !== undefined ? table.values[idx] : undefined;
    if (s === undefined) {
      throw new WorkbookError('unreadable-file', 'shared-string-index', {
        part: this.ctx.part,
        index: v.toString(false).slice(0, 20),
        strings: table?.values.length ?? 0,
      });
    }
    const flags = table!.flags[idx]!;
    this.lastStringFlags = flags;
    return (flags & RICH) !== 0 ? { t: 'string', v: s, rich: true } : { t: 'string', v: s };
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
