/**
 * What the xlsx writer accepts: a workbook described as plain data. Rows are pulled lazily
 * from iterables so a sheet of a million rows never sits in memory as objects.
 *
 * Coordinates are 1-based everywhere (row 1, column 1 = A1). Ranges are A1-style strings
 * such as `'A1:T1'` or `'$B$5'`.
 */

/** A value that a cell can hold. Strings are always written as text, never parsed as formulas or numbers. */
export type CellValue = string | number | boolean;

/** Horizontal alignment inside a cell. */
export type HorizontalAlign = 'general' | 'left' | 'center' | 'right' | 'fill' | 'justify' | 'centerContinuous' | 'distributed';

/** Vertical alignment inside a cell. */
export type VerticalAlign = 'top' | 'center' | 'bottom' | 'justify' | 'distributed';

/** Line style of a cell border (the same on all four sides). */
export type BorderStyle = 'thin' | 'medium' | 'thick' | 'dashed' | 'dotted' | 'double' | 'hair';

/**
 * The formatting of one cell. Styles are compared by content: two objects with the same
 * fields share one entry in styles.xml. Style objects are cached by identity too, so treat
 * them as immutable once handed to the writer and reuse one object for many cells.
 */
export interface CellStyle {
  /** Bold font. */
  bold?: boolean;
  /** Italic font. */
  italic?: boolean;
  /** Single underline. */
  underline?: boolean;
  /** Font name; the workbook's default font when absent. */
  fontName?: string;
  /** Font size in points (1–409); the workbook's default size when absent. */
  fontSize?: number;
  /** Font colour as `'RRGGBB'` or `'AARRGGBB'` hex, with or without a leading `#`. */
  fontColor?: string;
  /** Solid background fill colour, same notation as {@link CellStyle.fontColor}. */
  fill?: string;
  /**
   * Number format code such as `'0.00'`, `'#,##0'`, `'0%'`, `'dd/mm/yyyy'` or `'@'` (text).
   * `'General'` or absent means the default format.
   */
  numFmt?: string;
  /** Horizontal alignment. */
  hAlign?: HorizontalAlign;
  /** Vertical alignment. */
  vAlign?: VerticalAlign;
  /** Wrap text onto several lines. */
  wrap?: boolean;
  /** Indent level (0–250), for left/right/distributed alignment. */
  indent?: number;
  /** Border on all four sides. */
  border?: BorderStyle;
  /** Border colour, same notation as {@link CellStyle.fontColor}; black when absent. */
  borderColor?: string;
  /**
   * Whether the cell is locked when its sheet is protected. Excel's default is `true`;
   * set `false` for the cells a user must fill in on a protected template.
   */
  locked?: boolean;
  /** Hide the cell's formula in the formula bar when the sheet is protected. */
  hideFormula?: boolean;
}

/**
 * One cell given as an object, for when it needs a style or a formula.
 *
 * - `formula` present: a formula cell; `value`, when given, is the cached result shown before
 *   the workbook is recalculated.
 * - otherwise `value` present (not null): a value cell.
 * - otherwise `style` present: an empty cell that carries only formatting (e.g. an unlocked
 *   input cell of a template).
 */
export interface CellObject {
  /** The value, or for a formula cell its cached result. */
  value?: CellValue | null;
  /** Formula text without the leading `=` (one is stripped if present), e.g. `'SUM(E5:E20)'`. */
  formula?: string;
  /** The cell's format. */
  style?: CellStyle;
}

/** A cell in a row: a bare value, an object, or `null`/`undefined` for no cell at that column. */
export type CellModel = CellValue | CellObject | null | undefined;

/** A row given as an object, for when it needs a number, a height or visibility. */
export interface RowObject {
  /**
   * The row number. Rows must come in strictly increasing order; when absent, the row follows
   * the previous one (the first row is 1).
   */
  r?: number;
  /** Cells by position: index 0 is column A. */
  cells: readonly CellModel[];
  /** Row height in points. */
  height?: number;
  /** Hide the row. */
  hidden?: boolean;
}

/** A row: its cells by position (index 0 is column A), or a {@link RowObject}. */
export type RowModel = readonly CellModel[] | RowObject;

/**
 * Where a sheet's rows come from. A function (typically a generator function such as
 * `function* () { … }`) is called once per write, so the same model can be written again; a
 * plain iterable that can be iterated only once (a generator object) allows only one write.
 * Async sources are accepted only by `writeWorkbookTo`. Each row is written before the next is
 * asked for, and none is kept: a source may hand the same array back, refilled, every time.
 */
export type RowSource =
  | Iterable<RowModel>
  | AsyncIterable<RowModel>
  | (() => Iterable<RowModel> | AsyncIterable<RowModel>);

/** Width, visibility and default format of one column. */
export interface ColumnModel {
  /** Width in characters of the default font's digit, as Excel shows it. */
  width?: number;
  /** Hide the column. */
  hidden?: boolean;
  /** Format for the column's cells that have no cell element of their own. */
  style?: CellStyle;
  /**
   * Text in this column repeats (block names, classes): each distinct text is written once in
   * the workbook's shared strings table and cells point to it, instead of each cell carrying
   * its text. Leave it off for text that rarely repeats (ids, names): the table is held in memory.
   */
  shared?: boolean;
  /**
   * Format of the column's numbers given bare (a number, not a cell object), so that a huge
   * sheet need not make a `{ value, style }` object for every number.
   */
  numberStyle?: CellStyle;
  /**
   * The column's bare numbers are whole hundredths (1234 is 12.34), written as decimals
   * straight from the integer: the points of a million units need no division and no float
   * formatting. The text is that of the number h / 100 (a bare number that is not whole is
   * written as such).
   */
  hundredths?: boolean;
}

/** Frozen panes: the top `rows` rows and the left `cols` columns stay in view while scrolling. */
export interface FreezeModel {
  /** Number of frozen rows at the top (e.g. 1 for a one-row header). */
  rows?: number;
  /** Number of frozen columns at the left. */
  cols?: number;
}

/** How the sheet is shown. */
export interface SheetViewModel {
  /** Show grid lines (default true). */
  showGridLines?: boolean;
  /** Zoom in percent (10–400). */
  zoom?: number;
  /** Right-to-left layout. */
  rightToLeft?: boolean;
}

/**
 * An autofilter whose last row is the last row written, for when the row count is unknown
 * before the rows are pulled.
 */
export interface AutoFilterAuto {
  /** The header row holding the filter buttons; the last frozen row when absent, else 1. */
  headerRow?: number;
  /** First filtered column (default 1). */
  firstCol?: number;
  /** Last filtered column; the widest row's last column when absent. */
  lastCol?: number;
}

/** Texts shown by a data validation. Excel caps titles at 32 characters and messages at 255. */
export interface ValidationMessage {
  /** Title of the box (≤ 32 characters). */
  title?: string;
  /** The message (≤ 255 characters). */
  message: string;
}

/** What a data validation shows when a rule is broken. */
export interface ValidationError extends ValidationMessage {
  /** `'stop'` refuses the entry (default); `'warning'` and `'information'` let the user keep it. */
  style?: 'stop' | 'warning' | 'information';
}

/** What every kind of data validation has. */
export interface ValidationBase {
  /**
   * The cells it applies to: one bounded range or several, e.g. `'E5:E20'`. Whole columns or
   * rows (`'E:E'`, `'5:5'`) are refused: they make files slow to open.
   */
  ranges: string | readonly string[];
  /** Accept an empty cell (default true). */
  allowBlank?: boolean;
  /** Message shown when a cell of the range is selected. */
  input?: ValidationMessage;
  /** Message shown when an entry breaks the rule. */
  error?: ValidationError;
}

/** A drop-down list. Give exactly one of `source` and `values`. */
export interface ListValidation extends ValidationBase {
  type: 'list';
  /** A formula naming the allowed values, e.g. `"'_lists'!$A$1:$A$2"` or a defined name. */
  source?: string;
  /**
   * The allowed values written into the rule itself. Values may not contain commas or double
   * quotes, and the joined list must stay within 255 characters (Excel's limit).
   */
  values?: readonly string[];
  /** Hide the drop-down arrow (the list still applies). */
  hideDropDown?: boolean;
}

/**
 * A numeric rule. With both `min` and `max` the value must lie between them (inclusive); with
 * one of them it must be at least `min` or at most `max`. A bound may be a number or a formula
 * (e.g. a cell reference `'$B$1'`).
 */
export interface RangeValidation extends ValidationBase {
  /** `'decimal'`: any number; `'whole'`: integers; `'textLength'`: the length of the text. */
  type: 'decimal' | 'whole' | 'textLength';
  /** Smallest allowed value. */
  min?: number | string;
  /** Largest allowed value. */
  max?: number | string;
}

/** A rule given as a formula that must be TRUE for the entry, relative to the range's top-left cell. */
export interface CustomValidation extends ValidationBase {
  type: 'custom';
  /** The formula, without a leading `=`. */
  formula: string;
}

/** A data validation on a sheet. */
export type DataValidationModel = ListValidation | RangeValidation | CustomValidation;

/**
 * What a user may still do on a protected sheet, beyond editing unlocked cells. Everything
 * absent or false is forbidden, except selecting cells, which is allowed unless set to false.
 */
export interface ProtectionAllow {
  formatCells?: boolean;
  formatColumns?: boolean;
  formatRows?: boolean;
  insertColumns?: boolean;
  insertRows?: boolean;
  insertHyperlinks?: boolean;
  deleteColumns?: boolean;
  deleteRows?: boolean;
  sort?: boolean;
  autoFilter?: boolean;
  pivotTables?: boolean;
  /** Default true. */
  selectLockedCells?: boolean;
  /** Default true. */
  selectUnlockedCells?: boolean;
}

/** Sheet protection without a password: locked cells can't be edited until it is lifted. */
export interface SheetProtectionModel {
  /** Actions left allowed. */
  allow?: ProtectionAllow;
}

/** Page margins in inches. Absent sides take Excel's "Normal" margins. */
export interface MarginsModel {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
  header?: number;
  footer?: number;
}

/** How a sheet prints. */
export interface PrintSetupModel {
  /** Paper size code: 9 = A4, 8 = A3, 1 = Letter. */
  paperSize?: number;
  /** Page orientation. */
  orientation?: 'portrait' | 'landscape';
  /**
   * Fit the print to this many pages wide. When only one of `fitToWidth` and `fitToHeight` is
   * given, the other is 0 (as many pages as needed), so `fitToWidth: 1` means "one page wide".
   */
  fitToWidth?: number;
  /** Fit the print to this many pages tall; see {@link PrintSetupModel.fitToWidth}. */
  fitToHeight?: number;
  /** Print scale in percent (10–400); ignored by Excel when fitting to pages. */
  scale?: number;
  /** Rows repeated at the top of every page, `[first, last]`, e.g. `[1, 1]`. */
  titleRows?: readonly [number, number];
  /** Columns repeated at the left of every page, `[first, last]`. */
  titleCols?: readonly [number, number];
  /** The printed area, e.g. `'A1:T200'`. */
  area?: string;
  /** Page margins. */
  margins?: MarginsModel;
  /** Centre the print horizontally on the page. */
  horizontalCentered?: boolean;
  /** Centre the print vertically on the page. */
  verticalCentered?: boolean;
  /** Print grid lines. */
  gridLines?: boolean;
  /**
   * Page header in Excel's header/footer code, e.g. `'&CBÁO CÁO THI ĐUA'` or
   * `'&LĐơn vị&RTrang &P/&N'`. Written as given (only XML-escaped).
   */
  header?: string;
  /** Page footer, same codes as {@link PrintSetupModel.header}. */
  footer?: string;
}

/** One worksheet. */
export interface SheetModel {
  /** Up to 31 characters, none of `[]:*?/\`, not starting or ending with `'`, unique ignoring case. */
  name: string;
  /** Visibility; `'veryHidden'` can only be shown again with VBA. Default `'visible'`. */
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Colour of the sheet's tab, `'RRGGBB'` or `'AARRGGBB'`. */
  tabColor?: string;
  /** Columns by position: index 0 is column A. */
  columns?: readonly (ColumnModel | null | undefined)[];
  /** Default row height in points (default 15). */
  defaultRowHeight?: number;
  /** Frozen header rows and columns. */
  freeze?: FreezeModel;
  /** Grid lines, zoom, direction. */
  view?: SheetViewModel;
  /** The rows, pulled once and in order while writing. */
  rows?: RowSource;
  /** Merged ranges such as `'A1:T1'`. They may not overlap. */
  merges?: readonly string[];
  /** An autofilter over a fixed range (`'A1:T500'`), or one reaching down to the last row written. */
  autoFilter?: string | AutoFilterAuto;
  /** Data validations, in order. */
  validations?: readonly DataValidationModel[];
  /** Protect the sheet (no password). */
  protection?: SheetProtectionModel;
  /** Page setup, print titles and header/footer. */
  print?: PrintSetupModel;
}

/** A defined name (named range or constant). */
export interface DefinedNameModel {
  /** The name, e.g. `'DanhSachDonVi'`. Must not look like a cell reference. */
  name: string;
  /** What it refers to, as a formula without `=`, e.g. `"'_lists'!$A$1:$A$20"`. */
  refersTo: string;
  /** Scope it to this sheet (by name); workbook-wide when absent. */
  sheet?: string;
  /** Hide the name from Excel's Name Manager. */
  hidden?: boolean;
  /** A comment shown in the Name Manager. */
  comment?: string;
}

/** Document properties (docProps/core.xml and app.xml). */
export interface DocumentProperties {
  /**
   * Creation time. Required and never taken from the clock, so the same model always gives the
   * same bytes. Also stamps the zip entries (its UTC calendar date).
   */
  created: Date;
  /** Last modification time; `created` when absent. */
  modified?: Date;
  title?: string;
  subject?: string;
  creator?: string;
  lastModifiedBy?: string;
  keywords?: string;
  description?: string;
  category?: string;
  /** Company, in app.xml. */
  company?: string;
  /** Name of the application written to app.xml (default `'thidua'`). */
  application?: string;
}

/** The workbook's default font, used by every cell style that names no font. */
export interface DefaultFont {
  /** Default `'Calibri'`. */
  name?: string;
  /** Points; default 11. */
  size?: number;
}

/** A whole workbook. */
export interface WorkbookModel {
  /** At least one sheet, and at least one of them visible. */
  sheets: readonly SheetModel[];
  /** Document properties; `created` is required. */
  properties: DocumentProperties;
  /** Defined names besides the ones the writer derives (print titles, print area, filters). */
  definedNames?: readonly DefinedNameModel[];
  /** Default font. */
  defaultFont?: DefaultFont;
  /** The sheet shown on opening, by name or 0-based index; the first visible sheet when absent. */
  activeSheet?: string | number;
  /**
   * Ask the application to recalculate every formula on opening. Default: true when some
   * formula cell has no cached value, so such cells never show as empty.
   */
  recalcOnOpen?: boolean;
}

/** Options of a write: they change the bytes, never what the workbook contains. */
export interface WriteOptions {
  /** Deflate level 0–9 for the parts, 0 meaning stored (default 1, see `DEFAULT_LEVEL`). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Which deflater compresses the parts.
   *
   * - `'zlib'` (default): node:zlib, two to five times faster (level 6 to level 1), and
   *   `writeWorkbookTo` runs it on the thread pool alongside the XML building. Its bytes are
   *   stable for a given Node release on a given CPU family, but may change when Node updates
   *   its zlib.
   * - `'fflate'`: pure JavaScript, slower; its bytes depend only on the fflate version pinned
   *   in the lockfile, so they match on every machine (for golden files shared across
   *   machines).
   */
  engine?: 'zlib' | 'fflate';
}

/** Why a model cannot be written. */
export type WorkbookWriteErrorCode =
  | 'bad-sheet-name'
  | 'duplicate-sheet-name'
  | 'bad-ref'
  | 'bad-style'
  | 'bad-value'
  | 'bad-row-order'
  | 'bad-merge'
  | 'bad-validation'
  | 'bad-defined-name'
  | 'bad-model'
  | 'too-large';

/** Thrown when a model cannot be written; nothing written so far is a valid file. */
export class WorkbookWriteError extends Error {
  constructor(
    readonly code: WorkbookWriteErrorCode,
    message: string,
    /** Where: sheet name, cell reference, … */
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'WorkbookWriteError';
  }
}
