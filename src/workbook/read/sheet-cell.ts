/**
 * The cell a worksheet's handler is reading (SheetCell, which SheetHandler extends): what its
 * `<v>`, `<f>` and `<is>` held, and the value they make; and the cell objects made from it
 * (`makeCell`), shared with the reading thread's handler.
 */
import type { Cell, CellValue, ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { RICH, type SharedStrings } from './strings.js';
import { type CellStyles, FORMATS, LEGACY_FONTS } from './styles.js';
import { TextBuffer, parseXmlNumber } from './xml-text.js';

/** Cell types of `t`. */
export const T_N = 0;
export const T_S = 1;
export const T_STR = 2;
export const T_INLINE = 3;
export const T_B = 4;
export const T_E = 5;
export const T_D = 6;

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
 * The cell being read: its style and type (from its attributes), and its texts. The `<v>`
 * text of a plain number or string index may stay where it lies in the input (`raw`), read
 * without a copy.
 */
export class SheetCell {
  protected style = 0;
  protected type = T_N;
  protected vSeen = false;
  protected fSeen = false;
  protected isSeen = false;
  protected isRich = false;
  /** The `<v>` text still in the input buffer, when the fast path left it there. */
  protected raw: Buffer | null = null;
  protected rawStart = 0;
  protected rawEnd = 0;
  protected readonly v: TextBuffer;
  protected readonly f: TextBuffer;
  protected readonly is: TextBuffer;
  /** The shared-string flags of the last value made (RICH, a legacy run font). */
  protected lastStringFlags = 0;

  constructor(protected readonly ctx: SheetContext) {
    const max = ctx.limits.maxStringLength;
    this.v = new TextBuffer(max, ctx.part);
    this.f = new TextBuffer(max, ctx.part);
    this.is = new TextBuffer(max, ctx.part);
    this.v.lenient = true;
    this.is.lenient = true;
  }

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
}
