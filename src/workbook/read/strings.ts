import type { ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { scanPart } from './opc.js';
import { LEGACY_FONTS, legacyFontOf } from './styles.js';
import { TextBuffer, name } from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** The shared-string table (sharedStrings.xml). */
export interface SharedStrings {
  values: string[];
  /** Per string: bit 0 rich text; bits 1–2 index into LEGACY_FONTS of a run font. */
  flags: Uint8Array;
}

export const RICH = 1;

const N_SI = name('si');
const N_T = name('t');
const N_R = name('r');
const N_RPR = name('rPr');
const N_RFONT = name('rFont');
const N_VAL = name('val');

/**
 * Reads the table. A rich string's runs are concatenated; phonetic runs (`rPh`, the
 * furigana of Japanese text) are not part of the value and are left out. Whitespace is kept
 * as written: `xml:space` only tells other tools what Excel does anyway.
 */
export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, limits: ReadLimits): Promise<SharedStrings> {
  const values: string[] = [];
  let flags = new Uint8Array(1024);
  const text = new TextBuffer(limits.maxStringLength, entry.name);
  const attr = new TextBuffer(limits.maxStringLength, entry.name);
  const budget = limits.maxSharedStringChars ?? Infinity;
  let used = 0;
  let depth = 0;
  /** Depth of the `t` being collected, or 0. */
  let collecting = 0;
  let inRun = false;
  let inRunProps = false;
  let inItem = false;
  let rich = false;
  let legacy = 0;

  await scanPart(
    zip,
    entry,
    () => ({
      open(t) {
        depth++;
        if (depth === 2) {
          inItem = t.is(N_SI);
          if (inItem) {
            text.reset();
            rich = false;
            legacy = 0;
          }
        } else if (depth === 3 && inItem) {
          if (t.is(N_T)) collecting = depth;
          else if (t.is(N_R)) {
            inRun = true;
            rich = true;
          }
        } else if (depth === 4 && inRun) {
          if (t.is(N_T)) collecting = depth;
          else if (t.is(N_RPR)) inRunProps = true;
        } else if (depth === 5 && inRunProps && t.is(N_RFONT)) {
          const font = legacyFontOf(t.get(N_VAL, attr) ?? '');
          if (font !== undefined) legacy = LEGACY_FONTS.indexOf(font);
        }
      },
      close() {
        if (depth === collecting) collecting = 0;
        if (depth === 4) inRunProps = false;
        else if (depth === 3) inRun = false;
        else if (depth === 2 && inItem) {
          inItem = false;
          const s = text.toString();
          used += Math.max(8, s.length);
          if (used > budget) {
            throw new WorkbookError('too-large', 'shared-strings', { part: entry.name, limit: budget });
          }
          if (values.length === flags.length) {
            const grown = new Uint8Array(flags.length * 2);
            grown.set(flags);
            flags = grown;
          }
          flags[values.length] = (rich ? RICH : 0) | (legacy << 1);
          values.push(s);
        }
        depth--;
      },
      text(buf, s, e, cdata) {
        if (collecting !== 0) text.append(buf, s, e, cdata);
      },
    }),
    limits,
  );
  return { values, flags: flags.subarray(0, values.length) };
}
