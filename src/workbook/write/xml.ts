/**
 * XML text, cell references and ranges for the xlsx writer.
 */

import { WorkbookWriteError } from './model.js';
import { MAX_COLS, MAX_ROWS, colName } from '../cells.js';

export { MAX_CELL_TEXT, MAX_COLS, MAX_ROWS, cellRef, colName } from '../cells.js';

// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF), characters
// needing escapes, and `_xHHHH_` sequences, which Excel and LibreOffice decode as escaped
// characters: a literal one must have its underscore escaped to survive.
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const TEXT_SPECIAL_G = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g;
const ATTR_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ATTR_SPECIAL_G = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g;

function replaceSpecial(m: string): string {
  switch (m) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    // Parsers normalise a literal CR (and tab/LF inside attributes) away; character
    // references survive.
    case '\r':
      return '&#13;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    default:
      return m.length > 1 ? '_x005F' + m : '';
  }
}

/**
 * Escapes text for element content and drops characters XML 1.0 cannot carry. Lone UTF-16
 * surrogates are left in: UTF-8 encoding turns them into U+FFFD, which is legal.
 */
export function escText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL_G, replaceSpecial) : s;
}

/** Like {@link escText} for attribute values, where tab/LF/CR and `"` need references too. */
export function escAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL_G, replaceSpecial) : s;
}

/** Escapes a formula: formulas are not ST_Xstring, so `_xHHHH_` stays as it is. */
export function escFormula(s: string): string {
  return s.replace(/[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (m) =>
    m === '&' ? '&amp;' : m === '<' ? '&lt;' : m === '>' ? '&gt;' : '',
  );
}

/**
 * Whether text goes into `<t>` as it is: nothing to escape or drop, no `_x…_` look-alike, no
 * whitespace to keep at its ends — nearly every id and name of a roster. One pass over its
 * characters, where {@link escText} and {@link needsPreserve} run a regular expression each on
 * every text of a million-unit ranking sheet. When true, `escText(s)` is `s` and
 * `needsPreserve(s)` is false (a property test holds them to it).
 */
export function plainXmlText(s: string): boolean {
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x5f || c >= 0xfffe) return false;
  }
  return true;
}

/**
 * Whether `<t>` text needs `xml:space="preserve"`: Excel trims leading and trailing
 * whitespace otherwise, and line breaks are safer kept explicitly too.
 */
export function needsPreserve(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a === 32 || a === 9 || a === 10 || a === 13 || b === 32 || b === 9 || b === 10 || b === 13 || s.includes('\n');
}

/** A parsed, bounded rectangular range (1-based, inclusive). */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n;
}

function parseCell(s: string): { r: number; c: number } | undefined {
  const m = CELL_RE.exec(s);
  if (!m) return undefined;
  const c = colNumber(m[1] as string);
  const r = Number(m[2]);
  if (r < 1 || r > MAX_ROWS || c < 1 || c > MAX_COLS) return undefined;
  return { r, c };
}

/**
 * Parses `'B2'` or `'B2:D9'` (with or without `$`) into a normalised rectangle. Whole columns,
 * whole rows and sheet-qualified refs are refused.
 */
export function parseRange(ref: string, what: string): Rect {
  const parts = ref.split(':');
  const a = parts.length <= 2 ? parseCell(parts[0] ?? '') : undefined;
  const b = parts.length === 2 ? parseCell(parts[1] ?? '') : a;
  if (!a || !b) {
    throw new WorkbookWriteError('bad-ref', `${what}: not a bounded cell range: ${JSON.stringify(ref)}`, { ref });
  }
  return {
    r1: Math.min(a.r, b.r),
    c1: Math.min(a.c, b.c),
    r2: Math.max(a.r, b.r),
    c2: Math.max(a.c, b.c),
  };
}

/** `'A1:C3'`, or `'A1'` for a single cell. */
export function rectRef(x: Rect): string {
  const a = colName(x.c1) + x.r1;
  return x.r1 === x.r2 && x.c1 === x.c2 ? a : `${a}:${colName(x.c2)}${x.r2}`;
}

/** `$A$1:$C$3`. */
export function absRectRef(x: Rect): string {
  return `$${colName(x.c1)}$${x.r1}:$${colName(x.c2)}$${x.r2}`;
}

/** A sheet name as it appears in a formula: always quoted, inner quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
