/**
 * The xlsx format seen from the rest of thidua. Only src/workbook/ knows SpreadsheetML;
 * everything else sees sheets of typed cells.
 */

/** Why a workbook cannot be read at all. Maps 1:1 onto diagnostic codes. */
export type WorkbookErrorCode = 'unreadable-file' | 'encrypted' | 'too-large';

export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    /** Machine-readable reason, e.g. 'xls', 'ods', 'xlsb', 'png', 'not-zip', 'zip-corrupt', 'bad-xml', 'doctype', 'no-sheets', 'ratio', 'uncompressed', 'file-size', 'entries', 'string-length', 'nesting', 'cells', 'rows'. */
    readonly reason: string,
    /** Extra figures for the message: the limit and the actual value, the part name, ... */
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code}: ${reason}`);
    this.name = 'WorkbookError';
  }
}

/** Limits checked before and while parsing (SPEC §8, issue 7). */
export interface ReadLimits {
  /** Largest file accepted, bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of the parts read, bytes. */
  maxUncompressedBytes: number;
  /** Largest ratio uncompressed/compressed of one entry (only checked on entries over 1 MiB uncompressed). */
  maxCompressionRatio: number;
  /** Most zip entries. */
  maxEntries: number;
  /** Longest cell string, characters. */
  maxStringLength: number;
  /** Deepest XML element nesting. */
  maxXmlDepth: number;
  /** Most cells (with or without a value) in one sheet. */
  maxCells: number;
  /**
   * Most characters held by the shared-string table (each entry counts at least 8, for its
   * own overhead). The table has to stay in memory while sheets are read, so this bounds RAM.
   */
  maxSharedStringChars?: number;
}

/**
 * The text a cell is read as when it holds more than `maxStringLength` characters (Excel's own
 * limit): the reader of submissions names that cell `too-large` and rejects its row's unit
 * only, instead of the whole file failing. Noncharacters that no XML text can hold.
 */
export const TOO_LONG_TEXT = '\uFFFF\uFFFEthidua:too-long';

export type CellFormat = 'general' | 'percent' | 'date' | 'text';

/** A cell as stored, after shared strings and styles are resolved. */
export type CellValue =
  | { t: 'number'; v: number }
  | { t: 'string'; v: string; rich?: boolean }
  | { t: 'boolean'; v: boolean }
  | { t: 'error'; v: string }
  /** ISO 8601 date cell (t="d"). Numeric dates stay numbers with fmt 'date'. */
  | { t: 'date'; v: string }
  /** A formula with no cached result (never calculated). */
  | { t: 'formula-no-value'; formula: string };

export interface Cell {
  /** 1-based row. */
  row: number;
  /** 1-based column. */
  col: number;
  value: CellValue;
  /** From the cell's number format: '0%' → 'percent', date formats → 'date', '@' → 'text'. */
  fmt: CellFormat;
  /** The cell held a formula (its cached value is `value`). */
  formula: boolean;
  /** Font name of the cell style, when it names a legacy Vietnamese font (.VnTime, VNI-Times…). */
  legacyFont?: 'tcvn3' | 'vni';
}

export interface SheetInfo {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** 0-based position in the workbook. */
  index: number;
}

/**
 * A faster way for the rows of a big table: the numbers of some columns handed over as they
 * are, without a cell object each (a million-row roster: twelve million cells).
 */
export interface NumberLane {
  /** The lane's columns (1-based). */
  cols: readonly number[];
  /**
   * One row: its cells outside the lane's columns (transient, as `onRow`'s), and per lane
   * column its number (NaN: no cell) and its cell's format. Returns false to have the row
   * given to `onRow` whole instead, having done nothing with it.
   */
  onRow(row: number, cells: Cell[], nums: Float64Array, fmts: CellFormat[]): boolean;
}

export interface OpenedWorkbook {
  sheets: SheetInfo[];
  date1904: boolean;
  /** Name of the application that wrote it, from docProps/app.xml, when known. */
  application?: string;
  /**
   * Streams a sheet's rows in order. Rows with no cell holding a value may be skipped.
   * `onRow` returning `false` stops early. Throws WorkbookError on a limit or broken XML.
   */
  readRows(sheet: string, onRow: (row: number, cells: Cell[]) => void | false): Promise<void>;
  /**
   * A big roster's way through a sheet (roster-rows.ts): `readRows`, but the caller keeps
   * neither a row's array nor its cells (nor their values) past its call of `onRow`, so the
   * reader may fill the same objects again for the next row (a million-row roster then makes
   * no garbage per cell); and `lane`, asked before each batch of rows read on a second
   * thread, may give a {@link NumberLane}: rows whose cells in the lane's columns are all
   * plain numbers (or absent) then go to it instead of `onRow`. Rows read on the calling
   * thread always go to `onRow`.
   */
  readRoster(sheet: string, onRow: (row: number, cells: Cell[]) => void | false, lane: () => NumberLane | null): Promise<void>;
  /** Whole sheet into memory (for small form sheets): row → cells. */
  readSheet(sheet: string): Promise<Map<number, Cell[]>>;
  /** Merged ranges of a sheet as 'A1:C3'. */
  mergedRanges(sheet: string): Promise<string[]>;
}
