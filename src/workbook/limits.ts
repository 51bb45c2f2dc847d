import type { ReadLimits } from './types.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Limits applied when reading a workbook unless the caller overrides them.
 *
 * They are set so that the largest honest file a province sends passes with a wide margin,
 * while a hostile file is stopped before it costs more than about 1 GB of RAM; the time it
 * can cost is bounded by the uncompressed size and the cell count:
 *
 * - `maxFileBytes` 200 MiB: a roster of 1,000,000 units × 15 columns written the way Excel
 *   writes it (scripts/gen-roster.mjs) is 68 MB on disk; forms with pictures pasted in as
 *   evidence are a few MB.
 * - `maxUncompressedBytes` 2 GiB: that roster inflates to 575 MB of sheet XML plus 70 MB of
 *   shared strings. Sheets are streamed, so this bounds time rather than memory.
 * - `maxCompressionRatio` 200: real sheets compress 5–15:1 (the worst in the test corpus,
 *   a grid of styled empty cells, is 15:1), deflate cannot exceed about 1,030:1, and the zip
 *   bombs in the corpus sit at 480:1 and 980:1. Only checked on entries over 1 MiB, where
 *   a bomb would matter.
 * - `maxEntries` 10,000: an Excel package has one part per sheet, drawing, picture and
 *   comment list — tens to a few hundred.
 * - `maxStringLength` 32,767: Excel's own limit for a cell, so nothing Excel wrote is refused.
 * - `maxXmlDepth` 256: SpreadsheetML nests about 12 deep (20 with extension lists).
 * - `maxCells` 30,000,000: two million rows of 15 columns, in one sheet, counted whether or
 *   not the cell holds a value (styled empty cells cost parsing time too).
 * - `maxSharedStringChars` 256 Mi: a million distinct unit names of 60 characters are 60 M;
 *   the table lives in memory (1–2 bytes per character) for as long as sheets are read.
 */
export const DEFAULT_LIMITS: Readonly<Required<ReadLimits>> = Object.freeze({
  maxFileBytes: 200 * MiB,
  maxUncompressedBytes: 2 * GiB,
  maxCompressionRatio: 200,
  maxEntries: 10_000,
  maxStringLength: 32_767,
  maxXmlDepth: 256,
  maxCells: 30_000_000,
  maxSharedStringChars: 256 * MiB,
});

/** Entries smaller than this are never refused for their compression ratio. */
export const RATIO_CHECK_MIN_BYTES = MiB;

/** Excel's grid: columns A..XFD, rows 1..1,048,576. */
export { MAX_COLS as MAX_COLUMNS, MAX_ROWS } from './cells.js';

/**
 * `readSheet` keeps every value cell in memory; it is meant for form sheets of a few hundred
 * rows. Above this many value cells the caller should stream with `readRows` instead.
 */
export const READ_SHEET_MAX_CELLS = 2_000_000;

/**
 * Longest single XML token (a start tag with its attributes, a comment, a CDATA section) kept
 * whole while parsing. Text content is streamed in pieces and limited by `maxStringLength`.
 */
export function maxTokenBytes(limits: ReadLimits): number {
  return Math.max(4 * MiB, limits.maxStringLength * 16);
}

/**
 * Fills in defaults and refuses nonsense (a limit must be a positive number; `Infinity`
 * switches a check off).
 */
export function resolveLimits(partial: Partial<ReadLimits> = {}): Required<ReadLimits> {
  const out: Required<ReadLimits> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const v = partial[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) {
      throw new RangeError(`read limit ${key} must be a positive number, got ${String(v)}`);
    }
    out[key] = v;
  }
  return out;
}
