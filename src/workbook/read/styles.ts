import type { CellFormat, ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { scanPart } from './opc.js';
import { type XmlTag, name } from './xml-tag.js';
import { TextBuffer } from './xml-text.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** Codes stored per cell style; index into {@link FORMATS}. */
export const FORMATS: readonly CellFormat[] = ['general', 'percent', 'date', 'text'];

export type LegacyFont = 'tcvn3' | 'vni';
/** Index into this by the stored code; 0 means "not a legacy font". */
export const LEGACY_FONTS: readonly (LegacyFont | undefined)[] = [undefined, 'tcvn3', 'vni'];

/** What the reader needs from styles.xml, per cell style (`cellXfs` index, a cell's `s`). */
export interface CellStyles {
  /** Per style: index into {@link FORMATS}. */
  format: Uint8Array;
  /** Per style: index into {@link LEGACY_FONTS}. */
  legacyFont: Uint8Array;
}

/** A workbook without styles.xml: every cell is General in the default font. */
export const NO_STYLES: CellStyles = { format: new Uint8Array(1), legacyFont: new Uint8Array(1) };

/** More cell styles than Excel allows (64,000) by a wide margin; beyond it, a hostile file. */
const MAX_STYLES = 1_000_000;

/**
 * Built-in number formats by id (ECMA-376 Part 1 §18.8.30). 27–36 and 50–58 are the
 * East Asian date formats that Excel uses in Chinese, Japanese and Korean locales.
 */
export function builtInFormat(id: number): CellFormat {
  if (id === 9 || id === 10) return 'percent';
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'date';
  if (id === 49) return 'text';
  return 'general';
}

/**
 * What a custom format code makes of a number: '%' outside quotes scales by 100
 * ('percent'); d, m, y, h or s outside quotes and brackets, or an elapsed-time bracket like
 * [h], shows a date or time ('date'); a lone '@' is the Text format ('text'). Only the
 * first section (positive numbers) is considered, as it is the one a value is shown with.
 */
export function classifyFormatCode(code: string): CellFormat {
  let percent = false;
  let date = false;
  let text = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === ';') break;
    if (c === '"') {
      const e = code.indexOf('"', i + 1);
      if (e < 0) break;
      i = e;
    } else if (c === '\\' || c === '_' || c === '*') i++;
    else if (c === '[') {
      const e = code.indexOf(']', i + 1);
      if (e < 0) break;
      if (/^(h+|m+|s+)$/i.test(code.slice(i + 1, e))) date = true;
      i = e;
    } else if (c === '%') percent = true;
    else if (c === '@') text = true;
    else if ((c === 'G' || c === 'g') && code.slice(i, i + 7).toLowerCase() === 'general') i += 6;
    else if ((c === 'E' || c === 'e') && (code[i + 1] === '+' || code[i + 1] === '-')) i++;
    else if ('dmyhsDMYHS'.includes(c)) date = true;
  }
  if (percent) return 'percent';
  if (date) return 'date';
  if (text) return 'text';
  return 'general';
}

/** TCVN3 (ABC) fonts are named .VnTime, .VnArial…; VNI fonts VNI-Times, VNI-Helve…. */
export function legacyFontOf(fontName: string): LegacyFont | undefined {
  const n = fontName.trim().toLowerCase();
  if (n.startsWith('.vn')) return 'tcvn3';
  if (n.startsWith('vni-')) return 'vni';
  return undefined;
}

const N_NUMFMTS = name('numFmts');
const N_NUMFMT = name('numFmt');
const N_FONTS = name('fonts');
const N_FONT = name('font');
const N_NAME = name('name');
const N_CELLXFS = name('cellXfs');
const N_XF = name('xf');
const N_NUMFMTID = name('numFmtId');
const N_FORMATCODE = name('formatCode');
const N_FONTID = name('fontId');
const N_VAL = name('val');

/** Reads the cell styles of styles.xml. */
export async function readStyles(zip: ZipArchive, entry: ZipEntry, limits: ReadLimits): Promise<CellStyles> {
  const customFormats = new Map<number, CellFormat>();
  const fontLegacy: number[] = [];
  const xfNumFmt: number[] = [];
  const xfFont: number[] = [];
  const text = new TextBuffer(limits.maxStringLength, entry.name);
  let depth = 0;
  let section: 'numFmts' | 'fonts' | 'cellXfs' | '' = '';
  const tooMany = (): WorkbookError => new WorkbookError('too-large', 'styles', { part: entry.name, limit: MAX_STYLES });
  const intAttr = (t: XmlTag, n: Uint8Array): number => {
    const v = t.get(n, text);
    const x = v === undefined ? 0 : Number.parseInt(v, 10);
    return Number.isFinite(x) && x >= 0 ? x : 0;
  };
  await scanPart(
    zip,
    entry,
    () => ({
      open(t) {
        depth++;
        if (depth === 2) {
          section = t.is(N_NUMFMTS) ? 'numFmts' : t.is(N_FONTS) ? 'fonts' : t.is(N_CELLXFS) ? 'cellXfs' : '';
        } else if (depth === 3) {
          if (section === 'numFmts' && t.is(N_NUMFMT)) {
            if (customFormats.size >= MAX_STYLES) throw tooMany();
            const code = t.get(N_FORMATCODE, text);
            if (code !== undefined) customFormats.set(intAttr(t, N_NUMFMTID), classifyFormatCode(code));
          } else if (section === 'fonts' && t.is(N_FONT)) {
            if (fontLegacy.length >= MAX_STYLES) throw tooMany();
            fontLegacy.push(0);
          } else if (section === 'cellXfs' && t.is(N_XF)) {
            if (xfNumFmt.length >= MAX_STYLES) throw tooMany();
            xfNumFmt.push(intAttr(t, N_NUMFMTID));
            xfFont.push(intAttr(t, N_FONTID));
          }
        } else if (depth === 4 && section === 'fonts' && t.is(N_NAME) && fontLegacy.length > 0) {
          const legacy = legacyFontOf(t.get(N_VAL, text) ?? '');
          fontLegacy[fontLegacy.length - 1] = legacy === undefined ? 0 : LEGACY_FONTS.indexOf(legacy);
        }
      },
      close() {
        if (depth === 2) section = '';
        depth--;
      },
      text() {},
    }),
    limits,
  );
  if (xfNumFmt.length === 0) return NO_STYLES;
  // Resolved at the end: the schema puts numFmts first, but not every writer follows it.
  const format = Uint8Array.from(xfNumFmt, (id) => FORMATS.indexOf(customFormats.get(id) ?? builtInFormat(id)));
  const legacyFont = Uint8Array.from(xfFont, (f) => fontLegacy[f] ?? 0);
  return { format, legacyFont };
}
