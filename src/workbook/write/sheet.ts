/**
 * One worksheet part: the static pieces around sheetData are checked and rendered before any
 * byte is written, then rows are streamed into sheetData one at a time.
 */

import {
  WorkbookWriteError,
  type AutoFilterAuto,
  type CellObject,
  type CellStyle,
  type CellModel,
  type DataValidationModel,
  type PrintSetupModel,
  type RowModel,
  type SheetModel,
  type SheetProtectionModel,
  type ValidationMessage,
} from './model.js';
import type { ByteSink } from '../../util/bytes.js';
import type { StyleRegistry } from './styles.js';
import { normColor } from './styles.js';
import {
  MAX_CELL_TEXT,
  MAX_COLS,
  MAX_ROWS,
  absRectRef,
  colName,
  escAttr,
  escFormula,
  escText,
  needsPreserve,
  plainXmlText,
  parseRange,
  quoteSheet,
  rectRef,
  type Rect,
} from './xml.js';

/** A defined name the writer derives from a sheet's settings (print titles, filter, …). */
export interface BuiltinName {
  name: string;
  sheetIndex: number;
  refersTo: string;
  hidden: boolean;
}

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

/** A sheet checked and rendered except for its rows and autofilter. */
export interface PreparedSheet {
  model: SheetModel;
  index: number;
  /** Everything up to and including `<sheetData>`. */
  head: string;
  /** sheetProtection, which the schema puts before autoFilter. */
  beforeFilter: string;
  /** mergeCells … headerFooter and the closing tag. */
  afterFilter: string;
  /** Defined names known before the rows are written. */
  names: BuiltinName[];
  /** The freeze rows, for an automatic autofilter's header. */
  frozenRows: number;
  /** Columns (0-based) whose text goes to the shared strings table. */
  sharedCols: boolean[];
  /** Format of each column's bare numbers (0-based), when it has one. */
  numberStyles: (CellStyle | undefined)[];
  /** Columns (0-based) whose bare numbers are whole hundredths. */
  hundredthsCols: boolean[];
}

const EXCEL_FORMULA_MAX = 8192;
const DV_TITLE_MAX = 32;
const DV_MESSAGE_MAX = 255;
const DV_LIST_MAX = 255;
const HEADER_FOOTER_MAX = 255;

function bad(code: ConstructorParameters<typeof WorkbookWriteError>[0], sheet: string, message: string, detail: Record<string, string | number> = {}): never {
  throw new WorkbookWriteError(code, `sheet ${JSON.stringify(sheet)}: ${message}`, { sheet, ...detail });
}

function num(n: number): string {
  return String(n);
}

function checkNumber(sheet: string, what: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    bad('bad-model', sheet, `${what} must be ${integer ? 'an integer' : 'a number'} in ${min}–${max}, got ${String(v)}`);
  }
  return v;
}

function stripEq(f: string): string {
  return f.startsWith('=') ? f.slice(1) : f;
}

/** Rejects what Excel refuses as a sheet name; callers sanitise before. */
export function checkSheetName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31) {
    throw new WorkbookWriteError('bad-sheet-name', `sheet name must have 1–31 characters: ${JSON.stringify(name)}`, { name: String(name) });
  }
  if (/[[\]:*?/\\\u0000-\u001F\uFFFE\uFFFF]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new WorkbookWriteError('bad-sheet-name', `sheet name has a forbidden character: ${JSON.stringify(name)}`, { name });
  }
  if (name.toUpperCase() === 'HISTORY') {
    throw new WorkbookWriteError('bad-sheet-name', 'sheet name "History" is reserved by Excel', { name });
  }
  return name;
}

function renderRanges(sheet: string, ranges: string | readonly string[], what: string): string {
  const list = typeof ranges === 'string' ? [ranges] : ranges;
  if (list.length === 0) bad('bad-validation', sheet, `${what}: no range`);
  return list.map((r) => rectRef(parseRange(r, `sheet ${JSON.stringify(sheet)}: ${what}`))).join(' ');
}

function messageAttrs(sheet: string, m: ValidationMessage | undefined, titleAttr: string, textAttr: string): string {
  if (m === undefined) return '';
  if (m.title !== undefined && m.title.length > DV_TITLE_MAX) {
    bad('bad-validation', sheet, `validation title longer than ${DV_TITLE_MAX} characters: ${JSON.stringify(m.title)}`);
  }
  if (m.message.length > DV_MESSAGE_MAX) {
    bad('bad-validation', sheet, `validation message longer than ${DV_MESSAGE_MAX} characters`);
  }
  let x = '';
  if (m.title !== undefined) x += ` ${titleAttr}="${escAttr(m.title)}"`;
  return x + ` ${textAttr}="${escAttr(m.message)}"`;
}

function renderValidation(sheet: string, v: DataValidationModel): string {
  const sqref = renderRanges(sheet, v.ranges, 'data validation');
  let operator = '';
  let f1: string;
  let f2: string | undefined;
  let dropDown = '';
  switch (v.type) {
    case 'list': {
      if ((v.source === undefined) === (v.values === undefined)) {
        bad('bad-validation', sheet, 'a list validation needs exactly one of source and values');
      }
      if (v.source !== undefined) {
        f1 = stripEq(v.source);
        if (f1 === '') bad('bad-validation', sheet, 'empty list source');
      } else {
        const values = v.values ?? [];
        for (const x of values) {
          if (x.includes(',') || x.includes('"')) bad('bad-validation', sheet, `list value with a comma or quote: ${JSON.stringify(x)}`);
        }
        const joined = values.join(',');
        if (joined.length === 0 || joined.length > DV_LIST_MAX) {
          bad('bad-validation', sheet, `list values must join to 1–${DV_LIST_MAX} characters`);
        }
        f1 = `"${joined}"`;
      }
      // OOXML's showDropDown="1" means the arrow is hidden.
      if (v.hideDropDown) dropDown = ' showDropDown="1"';
      break;
    }
    case 'decimal':
    case 'whole':
    case 'textLength': {
      const bound = (b: number | string | undefined, what: string): string | undefined => {
        if (b === undefined) return undefined;
        if (typeof b === 'number') {
          if (!Number.isFinite(b)) bad('bad-validation', sheet, `${what} is not a finite number`);
          return num(b);
        }
        const f = stripEq(b);
        if (f === '') bad('bad-validation', sheet, `empty ${what}`);
        return f;
      };
      const lo = bound(v.min, 'min');
      const hi = bound(v.max, 'max');
      if (lo !== undefined && hi !== undefined) {
        operator = ' operator="between"';
        f1 = lo;
        f2 = hi;
      } else if (lo !== undefined) {
        operator = ' operator="greaterThanOrEqual"';
        f1 = lo;
      } else if (hi !== undefined) {
        operator = ' operator="lessThanOrEqual"';
        f1 = hi;
      } else {
        return bad('bad-validation', sheet, `a ${v.type} validation needs min or max`);
      }
      break;
    }
    case 'custom':
      f1 = stripEq(v.formula);
      if (f1 === '') bad('bad-validation', sheet, 'empty custom validation formula');
      break;
    default:
      return bad('bad-validation', sheet, `unknown validation type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
  const errorStyle = v.error?.style;
  if (errorStyle !== undefined && errorStyle !== 'stop' && errorStyle !== 'warning' && errorStyle !== 'information') {
    bad('bad-validation', sheet, `unknown error style ${JSON.stringify(errorStyle)}`);
  }
  let x = `<dataValidation type="${v.type}"`;
  if (errorStyle !== undefined && errorStyle !== 'stop') x += ` errorStyle="${errorStyle}"`;
  x += operator;
  if (v.allowBlank !== false) x += ' allowBlank="1"';
  x += dropDown;
  if (v.input !== undefined) x += ' showInputMessage="1"';
  x += ' showErrorMessage="1"';
  x += messageAttrs(sheet, v.error, 'errorTitle', 'error');
  x += messageAttrs(sheet, v.input, 'promptTitle', 'prompt');
  x += ` sqref="${sqref}"><formula1>${escFormula(f1)}</formula1>`;
  if (f2 !== undefined) x += `<formula2>${escFormula(f2)}</formula2>`;
  return x + '</dataValidation>';
}

function renderMerges(sheet: string, merges: readonly string[]): string {
  const rects = merges.map((m) => parseRange(m, `sheet ${JSON.stringify(sheet)}: merge`));
  for (const r of rects) {
    if (r.r1 === r.r2 && r.c1 === r.c2) bad('bad-merge', sheet, `merge of a single cell: ${rectRef(r)}`, { ref: rectRef(r) });
  }
  // Overlapping merges make Excel repair the file; a sweep by top row keeps the check cheap.
  const sorted = [...rects].sort((a, b) => a.r1 - b.r1);
  let active: Rect[] = [];
  for (const r of sorted) {
    active = active.filter((a) => a.r2 >= r.r1);
    for (const a of active) {
      if (a.c1 <= r.c2 && r.c1 <= a.c2) {
        bad('bad-merge', sheet, `merged ranges overlap: ${rectRef(a)} and ${rectRef(r)}`, { ref: rectRef(r) });
      }
    }
    active.push(r);
  }
  return `<mergeCells count="${rects.length}">${rects.map((r) => `<mergeCell ref="${rectRef(r)}"/>`).join('')}</mergeCells>`;
}

const PROTECT_ORDER = [
  'formatCells',
  'formatColumns',
  'formatRows',
  'insertColumns',
  'insertRows',
  'insertHyperlinks',
  'deleteColumns',
  'deleteRows',
  'selectLockedCells',
  'sort',
  'autoFilter',
  'pivotTables',
  'selectUnlockedCells',
] as const;

function renderProtection(p: SheetProtectionModel): string {
  const allow = p.allow ?? {};
  let x = '<sheetProtection sheet="1" objects="1" scenarios="1"';
  for (const k of PROTECT_ORDER) {
    // The attributes say what is protected: most default to protected, the two selection
    // flags default to allowed.
    if (k === 'selectLockedCells' || k === 'selectUnlockedCells') {
      if (allow[k] === false) x += ` ${k}="1"`;
    } else if (allow[k] === true) {
      x += ` ${k}="0"`;
    }
  }
  return x + '/>';
}

function renderPrint(sheet: string, p: PrintSetupModel | undefined): { xml: string; fitToPage: boolean } {
  let x = '';
  if (p?.horizontalCentered || p?.verticalCentered || p?.gridLines) {
    x += '<printOptions';
    if (p.horizontalCentered) x += ' horizontalCentered="1"';
    if (p.verticalCentered) x += ' verticalCentered="1"';
    if (p.gridLines) x += ' gridLines="1"';
    x += '/>';
  }
  const m = p?.margins ?? {};
  const margin = (v: number | undefined, d: number, what: string): string =>
    num(v === undefined ? d : checkNumber(sheet, `margin ${what}`, v, 0, 49));
  x +=
    `<pageMargins left="${margin(m.left, 0.7, 'left')}" right="${margin(m.right, 0.7, 'right')}"` +
    ` top="${margin(m.top, 0.75, 'top')}" bottom="${margin(m.bottom, 0.75, 'bottom')}"` +
    ` header="${margin(m.header, 0.3, 'header')}" footer="${margin(m.footer, 0.3, 'footer')}"/>`;
  const fitToPage = p?.fitToWidth !== undefined || p?.fitToHeight !== undefined;
  let setup = '';
  if (p?.paperSize !== undefined) setup += ` paperSize="${checkNumber(sheet, 'paperSize', p.paperSize, 1, 118, true)}"`;
  if (p?.scale !== undefined) setup += ` scale="${checkNumber(sheet, 'scale', p.scale, 10, 400, true)}"`;
  if (fitToPage) {
    setup += ` fitToWidth="${checkNumber(sheet, 'fitToWidth', p?.fitToWidth ?? 0, 0, 32767, true)}"`;
    setup += ` fitToHeight="${checkNumber(sheet, 'fitToHeight', p?.fitToHeight ?? 0, 0, 32767, true)}"`;
  }
  if (p?.orientation !== undefined) {
    if (p.orientation !== 'portrait' && p.orientation !== 'landscape') bad('bad-model', sheet, `unknown orientation ${JSON.stringify(p.orientation)}`);
    setup += ` orientation="${p.orientation}"`;
  }
  if (setup !== '') x += `<pageSetup${setup}/>`;
  if (p?.header !== undefined || p?.footer !== undefined) {
    for (const t of [p.header, p.footer]) {
      if (t !== undefined && t.length > HEADER_FOOTER_MAX) bad('bad-model', sheet, `page header/footer longer than ${HEADER_FOOTER_MAX} characters`);
    }
    x += '<headerFooter>';
    if (p.header !== undefined) x += `<oddHeader>${escText(p.header)}</oddHeader>`;
    if (p.footer !== undefined) x += `<oddFooter>${escText(p.footer)}</oddFooter>`;
    x += '</headerFooter>';
  }
  return { xml: x, fitToPage };
}

function printNames(sheet: SheetModel, index: number): BuiltinName[] {
  const p = sheet.print;
  const names: BuiltinName[] = [];
  if (p === undefined) return names;
  const q = quoteSheet(sheet.name);
  const span = (v: readonly [number, number], max: number, what: string): [number, number] => {
    const a = checkNumber(sheet.name, what, v[0], 1, max, true);
    const b = checkNumber(sheet.name, what, v[1], 1, max, true);
    if (b < a) bad('bad-model', sheet.name, `${what}: last before first`);
    return [a, b];
  };
  const titles: string[] = [];
  if (p.titleCols !== undefined) {
    const [a, b] = span(p.titleCols, MAX_COLS, 'titleCols');
    titles.push(`${q}!$${colName(a)}:$${colName(b)}`);
  }
  if (p.titleRows !== undefined) {
    const [a, b] = span(p.titleRows, MAX_ROWS, 'titleRows');
    titles.push(`${q}!$${a}:$${b}`);
  }
  if (titles.length > 0) names.push({ name: '_xlnm.Print_Titles', sheetIndex: index, refersTo: titles.join(','), hidden: false });
  if (p.area !== undefined) {
    const r = parseRange(p.area, `sheet ${JSON.stringify(sheet.name)}: print area`);
    names.push({ name: '_xlnm.Print_Area', sheetIndex: index, refersTo: `${q}!${absRectRef(r)}`, hidden: false });
  }
  return names;
}

/** The used range of rows given as an array, cheap enough to compute before writing them. */
function arrayDimension(rows: readonly RowModel[]): string {
  let next = 1;
  let last = 0;
  let maxCol = 0;
  for (const row of rows) {
    const cells = Array.isArray(row) ? (row as readonly CellModel[]) : (row as { cells: readonly CellModel[]; r?: number }).cells;
    const r = Array.isArray(row) ? next : ((row as { r?: number }).r ?? next);
    next = r + 1;
    for (let i = cells.length - 1; i >= 0; i--) {
      if (cells[i] !== null && cells[i] !== undefined) {
        if (i + 1 > maxCol) maxCol = i + 1;
        last = r;
        break;
      }
    }
  }
  if (last === 0 || maxCol === 0 || last > MAX_ROWS || maxCol > MAX_COLS) return 'A1';
  return maxCol === 1 && last === 1 ? 'A1' : `A1:${colName(maxCol)}${last}`;
}

/** Checks a sheet's settings and renders everything but its rows and autofilter. */
export function prepareSheet(sheet: SheetModel, index: number, tabSelected: boolean, styles: StyleRegistry): PreparedSheet {
  const name = sheet.name;
  const print = renderPrint(name, sheet.print);

  let head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

  if (sheet.tabColor !== undefined || print.fitToPage) {
    head += '<sheetPr>';
    if (sheet.tabColor !== undefined) head += `<tabColor rgb="${normColor(sheet.tabColor, 'tabColor')}"/>`;
    if (print.fitToPage) head += '<pageSetUpPr fitToPage="1"/>';
    head += '</sheetPr>';
  }

  if (Array.isArray(sheet.rows)) head += `<dimension ref="${arrayDimension(sheet.rows as readonly RowModel[])}"/>`;

  const view = sheet.view ?? {};
  let sv = '<sheetView';
  if (view.showGridLines === false) sv += ' showGridLines="0"';
  if (view.rightToLeft) sv += ' rightToLeft="1"';
  if (tabSelected) sv += ' tabSelected="1"';
  if (view.zoom !== undefined) {
    const z = checkNumber(name, 'zoom', view.zoom, 10, 400, true);
    sv += ` zoomScale="${z}" zoomScaleNormal="${z}"`;
  }
  sv += ' workbookViewId="0"';
  const fr = checkNumber(name, 'freeze.rows', sheet.freeze?.rows ?? 0, 0, MAX_ROWS - 1, true);
  const fc = checkNumber(name, 'freeze.cols', sheet.freeze?.cols ?? 0, 0, MAX_COLS - 1, true);
  if (fr > 0 || fc > 0) {
    const pane = fr > 0 && fc > 0 ? 'bottomRight' : fr > 0 ? 'bottomLeft' : 'topRight';
    const topLeft = colName(fc + 1) + (fr + 1);
    sv += '><pane';
    if (fc > 0) sv += ` xSplit="${fc}"`;
    if (fr > 0) sv += ` ySplit="${fr}"`;
    sv += ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>`;
    sv += `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView>`;
  } else {
    sv += '/>';
  }
  head += `<sheetViews>${sv}</sheetViews>`;

  const drh = checkNumber(name, 'defaultRowHeight', sheet.defaultRowHeight ?? 15, 0, 409);
  head += `<sheetFormatPr defaultRowHeight="${num(drh)}"${sheet.defaultRowHeight !== undefined ? ' customHeight="1"' : ''}/>`;

  const cols = sheet.columns ?? [];
  if (cols.length > MAX_COLS) bad('bad-model', name, `more than ${MAX_COLS} columns`);
  let colsXml = '';
  cols.forEach((c, i) => {
    if (c === null || c === undefined) return;
    let attrs = '';
    if (c.width !== undefined) attrs += ` width="${num(checkNumber(name, `width of column ${colName(i + 1)}`, c.width, 0, 255))}" customWidth="1"`;
    const s = c.style === undefined ? 0 : styles.id(c.style);
    if (s !== 0) attrs += ` style="${s}"`;
    if (c.hidden) attrs += ' hidden="1"';
    if (attrs !== '') colsXml += `<col min="${i + 1}" max="${i + 1}"${attrs}/>`;
  });
  if (colsXml !== '') head += `<cols>${colsXml}</cols>`;
  head += '<sheetData>';

  const beforeFilter = sheet.protection === undefined ? '' : renderProtection(sheet.protection);

  let afterFilter = '';
  if (sheet.merges !== undefined && sheet.merges.length > 0) afterFilter += renderMerges(name, sheet.merges);
  const dvs = sheet.validations ?? [];
  if (dvs.length > 0) {
    afterFilter += `<dataValidations count="${dvs.length}">${dvs.map((v) => renderValidation(name, v)).join('')}</dataValidations>`;
  }
  afterFilter += print.xml + '</worksheet>';

  if (sheet.autoFilter !== undefined && typeof sheet.autoFilter === 'string') parseRange(sheet.autoFilter, `sheet ${JSON.stringify(name)}: autoFilter`);

  const sharedCols = cols.map((c) => c?.shared === true);
  const numberStyles = cols.map((c) => c?.numberStyle);
  const hundredthsCols = cols.map((c) => c?.hundredths === true);
  return { model: sheet, index, head, beforeFilter, afterFilter, names: printNames(sheet, index), frozenRows: fr, sharedCols, numberStyles, hundredthsCols };
}

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
