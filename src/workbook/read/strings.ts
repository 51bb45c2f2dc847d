import type { ReadLimits } from '../types.js';
import { WorkbookError } from '../types.js';
import { scanPart } from './opc.js';
import { LEGACY_FONTS, legacyFontOf } from './styles.js';
import type { FastPath } from './xml.js';
import { name } from './xml-tag.js';
import { TextBuffer } from './xml-text.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** The shared-string table (sharedStrings.xml). */
export interface SharedStrings {
  values: string[];
  /** Per string: bit 0 rich text; bits 1–2 index into LEGACY_FONTS of a run font. */
  flags: Uint8Array;
}

/** Flag bit: the item was rich text (runs). */
export const RICH = 1;

const LT = 0x3c;
const GT = 0x3e;
const SP = 0x20;
const CH_S = 0x73;
const CH_I = 0x69;
const CH_T = 0x74;
const PRESERVE = name(' xml:space="preserve"');
const END_ITEM = name('</t></si>');

function bytesAt(b: Buffer, at: number, len: number, n: Uint8Array): boolean {
  if (at + n.length > len) return false;
  for (let k = 0; k < n.length; k++) if (b[at + k] !== n[k]) return false;
  return true;
}

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
  text.lenient = true;
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

  const finishItem = (): void => {
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
  };

  /**
   * `<si><t>plain text</t></si>` (optionally `<t xml:space="preserve">`) is how nearly every
   * item is written: read it in one go; anything else goes token by token.
   */
  const fast: FastPath = {
    tryElement(b, pos, len) {
      if (depth !== 1) return -1;
      let i = pos;
      if (i + 7 > len || b[i + 1] !== CH_S || b[i + 2] !== CH_I || b[i + 3] !== GT || b[i + 4] !== LT || b[i + 5] !== CH_T) return -1;
      i += 6;
      if (b[i] === SP) {
        if (!bytesAt(b, i, len, PRESERVE)) return -1;
        i += PRESERVE.length;
      }
      if (b[i] !== GT) return -1;
      const ts = ++i;
      while (i < len && b[i] !== LT) i++;
      const te = i;
      if (!bytesAt(b, i, len, END_ITEM)) return -1;
      text.reset();
      rich = false;
      legacy = 0;
      text.append(b, ts, te, false);
      finishItem();
      return i + END_ITEM.length;
    },
  };

  await scanPart(
    zip,
    entry,
    (scanner) => {
      scanner.fastPath = fast;
      return {
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
            finishItem();
          }
          depth--;
        },
        text(buf, s, e, cdata) {
          if (collecting !== 0) text.append(buf, s, e, cdata);
        },
      };
    },
    limits,
  );
  return { values, flags: flags.subarray(0, values.length) };
}
