/**
 * Text as the parts of a package hold it, from UTF-8 bytes: TextBuffer collects a text node
 * or an attribute value (references expanded, CR LF as LF, limited, UTF-8 checked, NFC);
 * `_xHHHH_` escapes; numbers parsed where they lie; Buffer's raw decoders; and `badXml`, the
 * error every layer of the XML reading gives for a part that is not well-formed.
 */
import { TextDecoder } from 'node:util';
import { TOO_LONG_TEXT, WorkbookError } from '../types.js';

const AMP = 0x26;
const SEMI = 0x3b;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const SP = 0x20;
const DASH = 0x2d;

/** Longest character reference accepted (`&#x0000010FFFF;` with a few leading zeros). */
export const MAX_REF = 32;

/** A part that is not well-formed XML; `why` says what was wrong, for the message. */
export function badXml(part: string, why: string, extra: Record<string, string | number> = {}): WorkbookError {
  return new WorkbookError('unreadable-file', 'bad-xml', { part, why, ...extra });
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Buffer's own decoders, without the argument checking of `toString` around them: that
 * wrapper costs more than the decoding for the short strings of a sheet. Present in every
 * Node release since 0.x; `toString` is the fallback should one ever lack them.
 */
interface RawSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const RAW = typeof (Buffer.prototype as Partial<RawSlices>).latin1Slice === 'function' && typeof (Buffer.prototype as Partial<RawSlices>).utf8Slice === 'function';

/** `b.toString('latin1', s, e)`, faster. */
export function latin1(b: Buffer, s: number, e: number): string {
  return RAW ? (b as Buffer & RawSlices).latin1Slice(s, e) : b.toString('latin1', s, e);
}

/** `b.toString('utf8', s, e)`, faster. */
export function utf8(b: Buffer, s: number, e: number): string {
  return RAW ? (b as Buffer & RawSlices).utf8Slice(s, e) : b.toString('utf8', s, e);
}

/**
 * Collects one text value from raw pieces: expands references, turns CR LF and lone CR into
 * LF as XML requires, and refuses a value longer than the limit as soon as that is certain
 * (each character takes at least one byte, and `_xHHHH_` at most seven).
 */
export class TextBuffer {
  bytes: Buffer = Buffer.allocUnsafe(256);
  len = 0;
  /** Largest byte written: below 0x80 the value is ASCII, below 0xCC nothing needs NFC. */
  max = 0;
  /** Output position right after a CR was turned into LF, so an LF that follows is dropped. */
  private crAt = -1;
  private readonly limitBytes: number;
  /**
   * Over the limit, the value becomes {@link TOO_LONG_TEXT} instead of failing the part: a cell's
   * text longer than Excel allows is that cell's problem, not the whole sheet's.
   */
  lenient = false;
  private overflow = false;

  constructor(
    private readonly maxChars: number,
    private part: string,
  ) {
    this.limitBytes = maxChars === Infinity ? Infinity : maxChars * 7 + 16;
  }

  setPart(part: string): void {
    this.part = part;
  }

  reset(): void {
    this.len = 0;
    this.max = 0;
    this.crAt = -1;
    this.overflow = false;
  }

  /** Appends raw character data; `attribute` also turns literal tab/LF/CR into spaces. */
  append(buf: Buffer, s: number, e: number, cdata: boolean, attribute = false): void {
    if (this.overflow) return;
    this.ensure(this.len + (e - s));
    const out = this.bytes;
    let len = this.len;
    let max = this.max;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (c > AMP) {
        out[len++] = c;
        if (c > max) max = c;
        continue;
      }
      if (c === AMP && !cdata) {
        this.len = len;
        this.max = max;
        i = this.reference(buf, i, e) - 1;
        len = this.len;
        max = this.max;
        continue;
      }
      if (c === CR) {
        out[len++] = attribute ? SP : LF;
        this.crAt = len;
        continue;
      }
      if (c === LF) {
        if (len === this.crAt) continue;
        out[len++] = attribute ? SP : LF;
        continue;
      }
      out[len++] = attribute && c === TAB ? SP : c;
    }
    this.len = len;
    this.max = max;
    if (len > this.limitBytes) {
      if (this.lenient) {
        this.overflow = true;
        this.len = 0;
        return;
      }
      throw new WorkbookError('too-large', 'string-length', { part: this.part, limit: this.maxChars });
    }
  }

  /** The value as a string: UTF-8 checked, `_xHHHH_` escapes decoded when asked, NFC. */
  toString(ooxmlEscapes = true): string {
    if (this.overflow) return TOO_LONG_TEXT;
    let s: string;
    if (this.max < 0x80) s = latin1(this.bytes, 0, this.len);
    else {
      s = utf8(this.bytes, 0, this.len);
      // Malformed UTF-8 decodes to U+FFFD; only then is the strict (slower) decoder run, to
      // tell a real U+FFFD in the text from bytes that were never UTF-8.
      if (s.includes('\uFFFD')) {
        try {
          utf8Fatal.decode(this.bytes.subarray(0, this.len));
        } catch {
          throw new WorkbookError('unreadable-file', 'encoding', { part: this.part, why: 'invalid UTF-8' });
        }
      }
    }
    if (ooxmlEscapes) s = unescapeOoxml(s);
    if (s.length > this.maxChars) {
      if (this.lenient) return TOO_LONG_TEXT;
      throw new WorkbookError('too-large', 'string-length', { part: this.part, limit: this.maxChars, actual: s.length });
    }
    return this.max >= 0xcc ? s.normalize('NFC') : s;
  }

  private ensure(n: number): void {
    if (n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(n, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.len);
    this.bytes = grown;
  }

  /** Expands the reference starting at `i` (the '&'); returns the index after its ';'. */
  private reference(buf: Buffer, i: number, e: number): number {
    let semi = -1;
    for (let j = i + 1; j < e && j <= i + MAX_REF; j++) {
      if (buf[j] === SEMI) {
        semi = j;
        break;
      }
    }
    if (semi < 0) throw badXml(this.part, 'bad-reference');
    let cp: number;
    if (buf[i + 1] === 0x23) {
      const hex = buf[i + 2] === 0x78;
      const from = hex ? i + 3 : i + 2;
      if (from >= semi) throw badXml(this.part, 'bad-reference');
      cp = 0;
      for (let j = from; j < semi; j++) {
        const c = buf[j]!;
        let d: number;
        if (c >= 0x30 && c <= 0x39) d = c - 0x30;
        else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
        else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
        else throw badXml(this.part, 'bad-reference');
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10ffff) throw badXml(this.part, 'bad-reference');
      }
      const legal =
        cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
      if (!legal) throw badXml(this.part, 'bad-reference');
    } else {
      const n = buf.toString('latin1', i + 1, semi);
      if (n === 'lt') cp = 0x3c;
      else if (n === 'gt') cp = 0x3e;
      else if (n === 'amp') cp = 0x26;
      else if (n === 'quot') cp = 0x22;
      else if (n === 'apos') cp = 0x27;
      // Without a DTD no other entity can exist; an undeclared one is a well-formedness error.
      else throw badXml(this.part, 'undeclared-entity', { entity: n.slice(0, 40) });
    }
    this.writeCodePoint(cp);
    return semi + 1;
  }

  private writeCodePoint(cp: number): void {
    this.ensure(this.len + 4);
    const o = this.bytes;
    let l = this.len;
    if (cp < 0x80) o[l++] = cp;
    else if (cp < 0x800) {
      o[l++] = 0xc0 | (cp >> 6);
      o[l++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      o[l++] = 0xe0 | (cp >> 12);
      o[l++] = 0x80 | ((cp >> 6) & 0x3f);
      o[l++] = 0x80 | (cp & 0x3f);
    } else {
      o[l++] = 0xf0 | (cp >> 18);
      o[l++] = 0x80 | ((cp >> 12) & 0x3f);
      o[l++] = 0x80 | ((cp >> 6) & 0x3f);
      o[l++] = 0x80 | (cp & 0x3f);
    }
    const lead = o[this.len]!;
    if (lead > this.max) this.max = lead;
    this.len = l;
  }
}

/** Decodes an attribute value; the fast path covers the plain ASCII values that dominate. */
export function decodeAttribute(buf: Buffer, s: number, e: number, text: TextBuffer): string {
  let plain = true;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c <= AMP || c >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return latin1(buf, s, e);
  text.reset();
  text.append(buf, s, e, false, true);
  return text.toString(false);
}

/**
 * Decodes the `_xHHHH_` escapes of OOXML strings (ECMA-376 Part 1, §22.9.2.19): characters
 * XML cannot carry, like `_x000D_` for CR. `_x005F_` is an escaped underscore, which is how
 * a literal "_x000D_" is written (`_x005F_x000D_`); a left-to-right scan handles it.
 */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Parses a decimal number as SpreadsheetML stores it. Short plain decimals are computed
 * from their digits (exact: an integer below 2^53 divided by an exact power of ten rounds
 * once, as `Number()` would); anything else goes through `Number()` after a syntax check.
 * NaN when the text is not a number.
 */
export function parseXmlNumber(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === SP || b[s] === LF || b[s] === TAB || b[s] === CR)) s++;
  while (e > s && (b[e - 1] === SP || b[e - 1] === LF || b[e - 1] === TAB || b[e - 1] === CR)) e--;
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  if (b[i] === DASH) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (dot) scale++;
    } else if (c === 0x2e && !dot) dot = true;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15) {
    const v = scale === 0 ? m : m / POW10[scale]!;
    return neg ? -v : v;
  }
  const str = Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');
  return NUMBER_SYNTAX.test(str) ? Number(str) : NaN;
}

const POW10 = Array.from({ length: 23 }, (_v, k) => 10 ** k);
const NUMBER_SYNTAX = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
