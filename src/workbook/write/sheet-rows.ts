/**
 * The streaming half of a worksheet part: RowWriter writes rows into sheetData as bytes, one
 * at a time, then closes the part with the autofilter the rows decided. The shared strings
 * table and the context the rows report back to the workbook part live here too.
 */

import type { AutoFilterAuto, CellObject, CellStyle, CellModel, RowModel } from './model.js';
import type { ByteSink } from '../../util/bytes.js';
import type { BuiltinName, PreparedSheet } from './sheet.js';
import type { StyleRegistry } from './styles.js';
import { bad, checkNumber, num, stripEq } from './sheet-checks.js';
import {
  MAX_CELL_TEXT,
  MAX_COLS,
  MAX_ROWS,
  absRectRef,
  colName,
  escFormula,
  escText,
  needsPreserve,
  plainXmlText,
  parseRange,
  quoteSheet,
  rectRef,
  type Rect,
} from './xml.js';

/** What the rows of every sheet report back to the workbook part. */
export interface WriteContext {
  styles: StyleRegistry;
  /** A formula cell without a cached value was written. */
  uncachedFormula: boolean;
  /** The shared strings table, when a sheet has a shared column. */
  strings: SharedStrings | null;
}

/** Texts of shared columns, each once, in the order first written (xl/sharedStrings.xml). */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  /** Cells pointing into the table. */
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

const EXCEL_FORMULA_MAX = 8192;

/** Where a sheet's rows go: bytes into `sink`, then `wrote()`; other text through `write`. */
export interface PartOut {
  readonly sink: ByteSink;
  write(s: string): void;
  wrote(): void;
}

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const ROW_OPEN = ascii('<row r="');
const ROW_CLOSE = ascii('</row>');
const QUOTE = ascii('"');
const GT = ascii('>');
const NUM_OPEN = ascii('><v>');
const NUM_CLOSE = ascii('</v></c>');
const STR_OPEN = ascii(' t="inlineStr"><is><t>');
const STR_OPEN_PRESERVE = ascii(' t="inlineStr"><is><t xml:space="preserve">');
const STR_CLOSE = ascii('</t></is></c>');
const SST_OPEN = ascii(' t="s"><v>');
const EMPTY_CLOSE = ascii('/>');
const CELL_OPENS: Buffer[] = [];
/** `<c r="B` of a column. */
const cellOpen = (c: number): Buffer => (CELL_OPENS[c] ??= ascii(`<c r="${colName(c)}`));
const STYLE_ATTRS: Buffer[] = [];
/** ` s="12"` of a style id. */
const styleAttr = (id: number): Buffer => (STYLE_ATTRS[id] ??= ascii(` s="${id}"`));

/**
 * Streams rows into sheetData; {@link RowWriter.finish} closes the part.
 *
 * Text and numbers — nearly every cell — are written as bytes: a million-unit ranking sheet
 * is about 490 MB of XML, and a string built for each cell, then encoded, is work and garbage
 * twice over. Booleans and formulas, rare, keep the string path.
 */
export class RowWriter {
  private next = 1;
  private last = 0;
  private maxCol = 0;
  private readonly name: string;
  private readonly sink: ByteSink;
  private readonly shared: boolean[];
  private readonly numberStyles: (CellStyle | undefined)[];
  /** Style id of each column's bare numbers, once first used (-1: not yet). */
  private readonly numberStyleIds: Int32Array;
  private readonly hundredthsCols: boolean[];

  constructor(
    private readonly sheet: PreparedSheet,
    private readonly ctx: WriteContext,
    private readonly out: PartOut,
  ) {
    this.name = sheet.model.name;
    this.sink = out.sink;
    this.shared = sheet.sharedCols;
    this.numberStyles = sheet.numberStyles;
    this.numberStyleIds = new Int32Array(sheet.numberStyles.length).fill(-1);
    this.hundredthsCols = sheet.hundredthsCols;
    out.write(sheet.head);
  }

  /** Writes one row. */
  row(row: RowModel): void {
    let cells: readonly CellModel[];
    let r: number;
    let attrs = '';
    if (Array.isArray(row)) {
      cells = row as readonly CellModel[];
      r = this.next;
    } else {
      const o = row as Exclude<RowModel, readonly CellModel[]>;
      if (o === null || typeof o !== 'object' || !Array.isArray(o.cells)) bad('bad-model', this.name, `row ${this.next}: not an array nor { cells }`);
      cells = o.cells;
      r = o.r ?? this.next;
      if (o.height !== undefined) attrs += ` ht="${num(checkNumber(this.name, `height of row ${r}`, o.height, 0, 409))}" customHeight="1"`;
      if (o.hidden) attrs += ' hidden="1"';
    }
    if (!Number.isInteger(r) || r <= this.last || r > MAX_ROWS) {
      bad('bad-row-order', this.name, `row number ${r} after row ${this.last}: rows must increase and stay ≤ ${MAX_ROWS}`, { row: r });
    }
    this.next = r + 1;
    const n = cells.length;
    if (n > MAX_COLS) bad('too-large', this.name, `row ${r} has more than ${MAX_COLS} cells`, { row: r });
    const w = this.sink;
    const start = w.length;
    w.raw(ROW_OPEN);
    w.int(r);
    w.raw(QUOTE);
    if (attrs !== '') w.text(attrs);
    w.raw(GT);
    let used = 0;
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (c === null || c === undefined) continue;
      const before = w.length;
      switch (typeof c) {
        case 'string':
          if (this.shared[i]) this.sst(i + 1, r, 0, c);
          else this.str(i + 1, r, 0, c);
          break;
        case 'number': {
          // a column's format for bare numbers takes its id when first used, as a cell object would
          let style = 0;
          if (i < this.numberStyleIds.length) {
            style = this.numberStyleIds[i]!;
            if (style < 0) {
              const ns = this.numberStyles[i];
              this.numberStyleIds[i] = style = ns === undefined ? 0 : this.ctx.styles.id(ns);
            }
          }
          this.num(i + 1, r, style, c, this.hundredthsCols[i] === true);
          break;
        }
        case 'boolean':
          w.text(`<c r="${colName(i + 1)}${r}" t="b"><v>${c ? 1 : 0}</v></c>`);
          break;
        default:
          this.obj(i + 1, r, c);
      }
      if (w.length !== before) used = i + 1;
    }
    if (used === 0 && attrs === '') {
      w.rewind(start);
      return;
    }
    w.raw(ROW_CLOSE);
    this.last = r;
    if (used > this.maxCol) this.maxCol = used;
    this.out.wrote();
  }

  /** `<c r="B7"` and the style, if any. */
  private open(col: number, r: number, style: number): void {
    const w = this.sink;
    w.raw(cellOpen(col));
    if (r !== this.refRow) this.setRefRow(r);
    w.raw(this.refTail, this.refTailLen);
    if (style !== 0) w.raw(styleAttr(style));
  }

  /** The row number and closing quote of a cell reference, made once per row. */
  private readonly refTail = new Uint8Array(12);
  private refTailLen = 0;
  private refRow = -1;

  private setRefRow(r: number): void {
    const digits = String(r);
    for (let i = 0; i < digits.length; i++) this.refTail[i] = digits.charCodeAt(i);
    this.refTail[digits.length] = 0x22;
    this.refTailLen = digits.length + 1;
    this.refRow = r;
  }

  private str(col: number, r: number, style: number, v: string): void {
    if (v.length > MAX_CELL_TEXT) bad('bad-value', this.name, `text of ${colName(col)}${r} longer than ${MAX_CELL_TEXT} characters`, { cell: `${colName(col)}${r}` });
    this.open(col, r, style);
    const w = this.sink;
    if (plainXmlText(v)) {
      w.raw(STR_OPEN);
      w.text(v);
    } else {
      w.raw(needsPreserve(v) ? STR_OPEN_PRESERVE : STR_OPEN);
      w.text(escText(v));
    }
    w.raw(STR_CLOSE);
  }

  /** A text cell of a shared column: an index into the shared strings table. */
  private sst(col: number, r: number, style: number, v: string): void {
    if (v.length > MAX_CELL_TEXT) bad('bad-value', this.name, `text of ${colName(col)}${r} longer than ${MAX_CELL_TEXT} characters`, { cell: `${colName(col)}${r}` });
    this.open(col, r, style);
    const w = this.sink;
    w.raw(SST_OPEN);
    w.int(this.ctx.strings!.id(v));
    w.raw(NUM_CLOSE);
  }

  /** A number; in a hundredths column, `v` is whole hundredths (1234 is written 12.34, as the number 12.34 is). */
  private num(col: number, r: number, style: number, v: number, hundredths = false): void {
    if (!Number.isFinite(v)) bad('bad-value', this.name, `${colName(col)}${r} is not a finite number: ${v}`, { cell: `${colName(col)}${r}` });
    this.open(col, r, style);
    const w = this.sink;
    w.raw(NUM_OPEN);
    // as String(v) (or String(v / 100)): held to it by property tests of ByteSink
    if (hundredths) w.hundredths(v);
    else w.num(v);
    w.raw(NUM_CLOSE);
  }

  private obj(col: number, r: number, c: CellObject): void {
    const ref = (): string => `${colName(col)}${r}`;
    if (typeof c !== 'object') bad('bad-value', this.name, `${ref()}: unsupported cell value of type ${typeof c}`, { cell: ref() });
    const id = c.style === undefined ? 0 : this.ctx.styles.id(c.style);
    const v = c.value;
    if (c.formula !== undefined) {
      this.sink.text(this.formula(ref(), id === 0 ? '' : ` s="${id}"`, c.formula, v));
      return;
    }
    if (v !== undefined && v !== null) {
      switch (typeof v) {
        case 'string':
          return this.shared[col - 1] ? this.sst(col, r, id, v) : this.str(col, r, id, v);
        case 'number':
          return this.num(col, r, id, v);
        case 'boolean':
          this.sink.text(`<c r="${ref()}"${id === 0 ? '' : ` s="${id}"`} t="b"><v>${v ? 1 : 0}</v></c>`);
          return;
        default:
          return bad('bad-value', this.name, `${ref()}: unsupported value of type ${typeof v}`, { cell: ref() });
      }
    }
    if (id !== 0) {
      this.open(col, r, id);
      this.sink.raw(EMPTY_CLOSE);
    }
  }

  private formula(ref: string, s: string, formula: string, v: CellObject['value']): string {
    const f = stripEq(formula);
    if (f === '' || f.length > EXCEL_FORMULA_MAX) bad('bad-value', this.name, `${ref}: formula must have 1–${EXCEL_FORMULA_MAX} characters`, { cell: ref });
    const fx = `<f>${escFormula(f)}</f>`;
    if (v === undefined || v === null) {
      this.ctx.uncachedFormula = true;
      return `<c r="${ref}"${s}>${fx}</c>`;
    }
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) bad('bad-value', this.name, `${ref}: cached value is not a finite number`, { cell: ref });
        return `<c r="${ref}"${s}>${fx}<v>${v}</v></c>`;
      case 'boolean':
        return `<c r="${ref}"${s} t="b">${fx}<v>${v ? 1 : 0}</v></c>`;
      case 'string':
        if (v.length > MAX_CELL_TEXT) bad('bad-value', this.name, `cached text of ${ref} too long`, { cell: ref });
        return `<c r="${ref}"${s} t="str">${fx}<v>${escText(v)}</v></c>`;
      default:
        return bad('bad-value', this.name, `${ref}: unsupported cached value of type ${typeof v}`, { cell: ref });
    }
  }

  /** Closes sheetData, writes the rest of the part and returns the filter's defined name, if any. */
  finish(): BuiltinName | undefined {
    const p = this.sheet;
    let filter: Rect | undefined;
    const af = p.model.autoFilter;
    if (typeof af === 'string') {
      filter = parseRange(af, 'autoFilter');
    } else if (af !== undefined) {
      filter = this.autoRect(af);
    }
    this.out.write('</sheetData>' + p.beforeFilter);
    if (filter === undefined) {
      this.out.write(p.afterFilter);
      return undefined;
    }
    this.out.write(`<autoFilter ref="${rectRef(filter)}"/>` + p.afterFilter);
    return { name: '_xlnm._FilterDatabase', sheetIndex: p.index, refersTo: `${quoteSheet(this.name)}!${absRectRef(filter)}`, hidden: true };
  }

  private autoRect(a: AutoFilterAuto): Rect {
    const header = checkNumber(this.name, 'autoFilter.headerRow', a.headerRow ?? Math.max(this.sheet.frozenRows, 1), 1, MAX_ROWS, true);
    const c1 = checkNumber(this.name, 'autoFilter.firstCol', a.firstCol ?? 1, 1, MAX_COLS, true);
    const c2 = checkNumber(this.name, 'autoFilter.lastCol', a.lastCol ?? Math.max(this.maxCol, c1), c1, MAX_COLS, true);
    return { r1: header, c1, r2: Math.max(this.last, header), c2 };
  }
}
