import { MAX_COLUMNS, MAX_ROWS } from '../limits.js';
import type { Cell, CellValue, ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { RICH, type SharedStrings } from './strings.js';
import { type CellStyles, FORMATS, LEGACY_FONTS } from './styles.js';
import type { FastPath, XmlHandler, XmlScanner } from './xml.js';
import { type XmlTag, name } from './xml-tag.js';
import { TextBuffer, badXml, latin1, parseXmlNumber } from './xml-text.js';

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

/** Cell types of `t` (exported for the reading thread's handler). */
export const T_N = 0;
export const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

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
const SP = 0x20;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const AMP = 0x26;
const COLON = 0x3a;
const CR = 0x0d;

/**
 * A cell as the rest of thidua sees it, from what the sheet says of it: its value, its style
 * (by index; one past the table reads as the default style), whether it held a formula, and
 * the shared string's flags (a run font naming a legacy font wins over the style's font).
 */
export function makeCell(row: number, col: number, value: CellValue, style: number, formula: boolean, stringFlags: number, styles: CellStyles): Cell {
  const st = style < styles.format.length ? style : 0;
  const cell: Cell = { row, col, value, fmt: FORMATS[styles.format[st]!]!, formula };
  const fromRuns = value.t === 'string' ? stringFlags >> 1 : 0;
  const legacy = LEGACY_FONTS[fromRuns !== 0 ? fromRuns : styles.legacyFont[st]!];
  if (legacy !== undefined) cell.legacyFont = legacy;
  return cell;
}

/** A `t="s"` cell whose index is not in the shared-string table (or there is no table). */
export function sharedStringIndexError(part: string, index: string, table: SharedStrings | undefined): WorkbookError {
  return new WorkbookError('unreadable-file', 'shared-string-index', {
    part,
    index: index.slice(0, 20),
    strings: table?.values.length ?? 0,
  });
}

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
export class SheetHandler implements XmlHandler, FastPath {
  /** Merged ranges met so far (they follow sheetData in the file). */
  readonly merges: string[] = [];

  private state = S_TOP;
  private skip = 0;
  private cellCount = 0;
  protected rowNum = 0;
  private rowHasRef = false;
  private rowCells: Cell[] = [];
  protected col = 0;
  protected style = 0;
  protected type = T_N;
  protected vSeen = false;
  protected fSeen = false;
  private isSeen = false;
  private isRich = false;
  /** The `<v>` text still in the input buffer, when the fast path left it there. */
  protected raw: Buffer | null = null;
  protected rawStart = 0;
  protected rawEnd = 0;
  protected readonly v: TextBuffer;
  private readonly f: TextBuffer;
  private readonly is: TextBuffer;
  private readonly attrText: TextBuffer;

  constructor(
    protected readonly ctx: SheetContext,
    private readonly scanner: XmlScanner,
    /** Receives each row that has at least one value; undefined to skip cells (merges only). */
    private readonly onRow: ((row: number, cells: Cell[]) => void | false) | undefined,
    /** Off only in tests, which check that both paths give the same cells. */
    private readonly fast = true,
  ) {
    const max = ctx.limits.maxStringLength;
    this.v = new TextBuffer(max, ctx.part);
    this.f = new TextBuffer(max, ctx.part);
    this.is = new TextBuffer(max, ctx.part);
    this.v.lenient = true;
    this.is.lenient = true;
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
  private beginCell(b: Buffer, rs: number, re: number, ss: number, se: number, ts: number, te: number, col = 0): void {
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

  /**
   * Reads a whole cell written the way nearly every writer writes it —
   * `<c r="B2" s="3" t="s"><v>42</v></c>` or `<c r="B2" s="3"/>`, unprefixed, double quotes,
   * single spaces — straight from the bytes, with the same result as the token-by-token
   * path but a fraction of its cost. Returns the position after `</c>`, or -1 for anything
   * else (a formula, an inline string, a prefix, a cell cut by the end of the piece…), which
   * then takes the general path.
   */
  tryElement(b: Buffer, pos: number, len: number): number {
    if (this.state !== S_ROW || this.skip > 0 || !this.fast) return -1;
    let i = pos + 1;
    if (i + 2 >= len || b[i] !== CH_C) return -1;
    let c = b[++i]!;
    if (c !== SP && c !== GT && c !== SLASH) return -1;
    let fastCol = 0;
    let ss = -1;
    let se = -1;
    let ts = -1;
    let te = -1;
    let selfClosing = false;
    for (;;) {
      while (c === SP) {
        if (++i >= len) return -1;
        c = b[i]!;
      }
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len || b[i + 1] !== GT) return -1;
        selfClosing = true;
        i += 2;
        break;
      }
      const an = i;
      while (c !== EQ) {
        if (c <= SP || c === COLON || c === GT || c === SLASH || ++i >= len) return -1;
        c = b[i]!;
      }
      if (i + 1 >= len || b[i + 1] !== DQ) return -1;
      const vs = i + 2;
      let ve = vs;
      if (i - an === 1 && b[an] === CH_R) {
        // `r="B12"` read as it is scanned: capital letters, then the digits of this very row
        // (anything else, such as another row's number, takes the general path)
        let col = 0;
        while (ve < len && (c = b[ve]!) >= 0x41 && c <= 0x5a && col <= MAX_COLUMNS) {
          col = col * 26 + (c - 0x40);
          ve++;
        }
        const digits = ve;
        let row = 0;
        while (ve < len && (c = b[ve]!) >= 0x30 && c <= 0x39 && row <= MAX_ROWS) {
          row = row * 10 + (c - 0x30);
          ve++;
        }
        if (ve >= len || b[ve] !== DQ || col === 0 || col > MAX_COLUMNS || ve === digits || row !== this.rowNum) return -1;
        fastCol = col;
      } else {
        while (ve < len && (c = b[ve]!) !== DQ) {
          if (c === LT || c === AMP) return -1;
          ve++;
        }
        if (ve >= len) return -1;
        if (i - an === 1) {
          const n = b[an];
          if (n === CH_S) (ss = vs), (se = ve);
          else if (n === CH_T) (ts = vs), (te = ve);
        }
      }
      i = ve + 1;
      if (i >= len) return -1;
      c = b[i]!;
      if (c !== SP && c !== GT && c !== SLASH) return -1;
    }
    let vs = -1;
    let ve = -1;
    let plain = true;
    if (!selfClosing) {
      // Either `</c>` or `<v>…</v></c>`.
      if (i + 4 > len || b[i] !== LT) return -1;
      if (b[i + 1] === CH_V && b[i + 2] === GT) {
        vs = i + 3;
        ve = vs;
        while (ve < len && (c = b[ve]!) !== LT) {
          if (c === AMP || c === CR) plain = false;
          ve++;
        }
        if (ve + 8 > len || b[ve + 1] !== SLASH || b[ve + 2] !== CH_V || b[ve + 3] !== GT) return -1;
        i = ve + 4;
      }
      if (b[i] !== LT || b[i + 1] !== SLASH || b[i + 2] !== CH_C || b[i + 3] !== GT) return -1;
      i += 4;
    }
    this.beginCell(b, -1, -1, ss, se, ts, te, fastCol);
    if (vs >= 0) {
      // Numbers and string indexes are parsed where they lie; nothing to decode in them.
      if (plain && (this.type === T_N || this.type === T_S)) {
        this.raw = b;
        this.rawStart = vs;
        this.rawEnd = ve;
      } else this.v.append(b, vs, ve, false);
      this.vSeen = true;
    }
    this.closeCell();
    this.state = S_ROW;
    return i;
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

  private lastStringFlags = 0;

  protected cellValue(): CellValue | undefined {
    this.lastStringFlags = 0;
    const v = this.v;
    const raw = this.raw;
    const hasV = this.vSeen && (v.len > 0 || (raw !== null && this.rawEnd > this.rawStart) || this.type === T_STR || this.type === T_INLINE);
    switch (this.type) {
      case T_N:
        if (hasV) {
          const n = raw !== null ? parseXmlNumber(raw, this.rawStart, this.rawEnd) : parseXmlNumber(v.bytes, 0, v.len);
          if (Number.isFinite(n)) return { t: 'number', v: n };
          if (raw !== null) v.append(raw, this.rawStart, this.rawEnd, false);
          const text = v.toString().trim();
          if (text !== '') return { t: 'string', v: text };
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
    const raw = this.raw;
    const idx = raw !== null ? parseXmlNumber(raw, this.rawStart, this.rawEnd) : parseXmlNumber(v.bytes, 0, v.len);
    const table = this.ctx.strings;
    const s = Number.isInteger(idx) && table !== undefined ? table.values[idx] : undefined;
    if (s === undefined) throw sharedStringIndexError(this.ctx.part, this.vText(), table);
    const flags = table!.flags[idx]!;
    this.lastStringFlags = flags;
    return (flags & RICH) !== 0 ? { t: 'string', v: s, rich: true } : { t: 'string', v: s };
  }

  /** The `<v>` text of the cell being read, wherever it lies. */
  protected vText(): string {
    if (this.raw !== null) {
      this.v.append(this.raw, this.rawStart, this.rawEnd, false);
      this.raw = null;
    }
    return this.v.toString(false);
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
