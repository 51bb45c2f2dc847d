/**
 * The tag the XML scanner is looking at (xml.ts), and names to match in it: element and
 * attribute names are byte ranges compared against bytes, never made into strings, and an
 * attribute value is decoded only when a handler asks for it.
 */
import { type TextBuffer, decodeAttribute } from './xml-text.js';

/** Bytes of an ASCII name, to compare against names in a tag without making strings. */
export function name(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/**
 * The tag the scanner is looking at, valid only during the handler call. Names are byte
 * ranges of `buf`; `local*` is the name without its namespace prefix, which is how every
 * element and attribute is matched (files use `x:`, `s:`, `ns:` or no prefix at all).
 */
export class XmlTag {
  buf: Buffer = Buffer.alloc(0);
  nameStart = 0;
  nameEnd = 0;
  localStart = 0;
  selfClosing = false;
  attrCount = 0;
  /** Per attribute: name start, local-name start, name end, value start, value end. */
  attrs = new Int32Array(5 * 16);

  /** Length of the local name. */
  get localLen(): number {
    return this.nameEnd - this.localStart;
  }

  /** True when the local name is `n`. */
  is(n: Uint8Array): boolean {
    const len = this.nameEnd - this.localStart;
    if (len !== n.length) return false;
    const b = this.buf;
    const s = this.localStart;
    for (let i = 0; i < len; i++) if (b[s + i] !== n[i]) return false;
    return true;
  }

  localName(): string {
    return this.buf.toString('latin1', this.localStart, this.nameEnd);
  }

  /** Index of the unprefixed attribute `n` (SpreadsheetML's own attributes have no prefix), or -1. */
  attr(n: Uint8Array): number {
    const a = this.attrs;
    for (let k = 0; k < this.attrCount; k++) {
      const o = k * 5;
      if (a[o] === a[o + 1] && this.same(a[o + 1]!, a[o + 2]!, n)) return k;
    }
    return -1;
  }

  /** Index of a prefixed attribute with local name `n` (`r:id`, whatever the prefix), or -1. */
  attrPrefixed(n: Uint8Array): number {
    const a = this.attrs;
    for (let k = 0; k < this.attrCount; k++) {
      const o = k * 5;
      if (a[o] !== a[o + 1] && this.same(a[o + 1]!, a[o + 2]!, n)) {
        // xmlns:id would be a namespace declaration, not an attribute.
        const prefixLen = a[o + 1]! - 1 - a[o]!;
        if (prefixLen === 5 && this.buf.toString('latin1', a[o]!, a[o]! + 5) === 'xmlns') continue;
        return k;
      }
    }
    return -1;
  }

  valueStart(k: number): number {
    return this.attrs[k * 5 + 3]!;
  }

  valueEnd(k: number): number {
    return this.attrs[k * 5 + 4]!;
  }

  /** Decoded value of attribute `k` (entities expanded, whitespace normalised, NFC). */
  value(k: number, text: TextBuffer): string {
    return decodeAttribute(this.buf, this.valueStart(k), this.valueEnd(k), text);
  }

  /** Decoded value of the unprefixed attribute `n`, or undefined. */
  get(n: Uint8Array, text: TextBuffer): string | undefined {
    const k = this.attr(n);
    return k < 0 ? undefined : this.value(k, text);
  }

  private same(s: number, e: number, n: Uint8Array): boolean {
    if (e - s !== n.length) return false;
    for (let i = 0; i < n.length; i++) if (this.buf[s + i] !== n[i]) return false;
    return true;
  }
}
