/**
 * A streaming XML tokenizer for the parts of an xlsx package, working on UTF-8 bytes.
 *
 * Why not a DOM or a library: a sheet can be hundreds of megabytes, so the parser has to see
 * the part piece by piece and keep nothing but what the caller keeps; and the xlsx dialect is
 * small enough that a tokenizer which hands out byte offsets, never strings, until the caller
 * asks for a value, is several times faster than a general parser building events with
 * strings. Document type declarations are refused outright, so there are no entities beyond
 * the five predefined ones and nothing is ever fetched.
 */
import { TextDecoder } from 'node:util';
import { TOO_LONG_TEXT, WorkbookError } from '../types.js';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const COLON = 0x3a;
const AMP = 0x26;
const SEMI = 0x3b;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const SP = 0x20;
const DASH = 0x2d;
const LBRACKET = 0x5b;

/** Longest character reference accepted (`&#x0000010FFFF;` with a few leading zeros). */
const MAX_REF = 32;

/** Bytes of an ASCII name, to compare against names in a tag without making strings. */
export function name(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** A part that is not well-formed XML; `why` says what was wrong, for the message. */
export function badXml(part: string, why: string, extra: Record<string, string | number> = {}): WorkbookError {
  return new WorkbookError('unreadable-file', 'bad-xml', { part, why, ...extra });
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

/** What the scanner reports. A self-closing tag is reported as `open` then `close`. */
export interface XmlHandler {
  open(tag: XmlTag): void;
  close(tag: XmlTag): void;
  /**
   * Character data inside the root element, as raw bytes: references not yet expanded
   * (`cdata` false) or CDATA content (`cdata` true). One text node may arrive in several
   * pieces, but never split inside a reference.
   */
  text(buf: Buffer, start: number, end: number, cdata: boolean): void;
}

const IGNORE: XmlHandler = { open() {}, close() {}, text() {} };

/**
 * A handler's shortcut for one frequent element: given the buffer at a '<', it consumes a
 * complete, balanced element (reporting it itself) and returns the position after it, or
 * returns -1 to let the scanner tokenize it as usual. It must leave the nesting unchanged.
 */
export interface FastPath {
  tryElement(buf: Buffer, pos: number, len: number): number;
}

/**
 * Tokenizes UTF-8 XML fed in arbitrary pieces. A token cut by the end of a piece is kept
 * and completed with the next one; only text is ever handed over in parts, so the carry
 * never exceeds one tag, comment or CDATA section (bounded by `maxTokenBytes`).
 */
export class XmlScanner {
  private carry: Buffer | null = null;
  private depth = 0;
  /** Hash of the qualified name open at each depth, to check that end tags match. */
  private readonly stack: Int32Array;
  private rootSeen = false;
  private rootClosed = false;
  private stopped = false;
  private readonly tag = new XmlTag();
  /** Receives the tokens; set before the first `feed`. */
  handler: XmlHandler = IGNORE;
  /** Tried first at each '<' while set (see {@link FastPath}). */
  fastPath: FastPath | null = null;

  constructor(
    private readonly part: string,
    private readonly maxDepth: number,
    private readonly maxToken: number,
  ) {
    this.stack = new Int32Array(Math.min(maxDepth, 1 << 20) + 2);
  }

  /** Makes `feed` return at the next token boundary and ignore the rest. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  feed(chunk: Buffer): void {
    if (this.stopped) return;
    let buf = chunk;
    if (this.carry !== null) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const len = buf.length;
    let pos = 0;
    while (pos < len && !this.stopped) {
      if (buf[pos] !== LT) {
        // A plain loop beats Buffer#indexOf here: text nodes are mostly a few bytes long
        // and the native call costs more than scanning them.
        let lt = pos + 1;
        while (lt < len && buf[lt] !== LT) lt++;
        let end = lt;
        if (lt === len) {
          // Keep a reference cut by the end of the piece for the next piece.
          for (let j = len - 1; j >= pos && j >= len - MAX_REF; j--) {
            const c = buf[j]!;
            if (c === SEMI) break;
            if (c === AMP) {
              end = j;
              break;
            }
          }
        }
        if (end > pos) this.emitText(buf, pos, end, false);
        if (lt === len) {
          if (end < len) this.keep(buf, end);
          return;
        }
        pos = lt;
        continue;
      }
      if (this.fastPath !== null && this.depth + 2 <= this.maxDepth) {
        const done = this.fastPath.tryElement(buf, pos, len);
        if (done > 0) {
          pos = done;
          continue;
        }
      }
      const next = pos + 1 < len ? buf[pos + 1]! : -1;
      let after: number;
      if (next === SLASH) after = this.endTag(buf, pos, len);
      else if (next === QMARK) {
        const e = buf.indexOf('?>', pos + 2, 'latin1');
        after = e < 0 ? -1 : e + 2;
      } else if (next === BANG) after = this.markup(buf, pos, len);
      else if (next === -1) after = -1;
      else after = this.startTag(buf, pos, len);
      if (after < 0) {
        this.keep(buf, pos);
        return;
      }
      pos = after;
    }
  }

  /** Call after the last piece: checks that the document was complete. */
  end(): void {
    if (this.stopped) return;
    if (this.carry !== null && this.carry.length > 0) throw badXml(this.part, 'truncated');
    if (!this.rootSeen) throw badXml(this.part, 'no-root-element');
    if (this.depth !== 0) throw badXml(this.part, 'unclosed-element');
  }

  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > this.maxToken) {
      throw new WorkbookError('too-large', 'string-length', { part: this.part, limit: this.maxToken, token: 'markup' });
    }
    this.carry = Buffer.from(buf.subarray(from));
  }

  private emitText(buf: Buffer, s: number, e: number, cdata: boolean): void {
    if (this.depth === 0) {
      if (cdata) throw badXml(this.part, 'cdata-outside-root');
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c !== SP && c !== LF && c !== CR && c !== TAB) throw badXml(this.part, 'text-outside-root');
      }
      return;
    }
    this.handler.text(buf, s, e, cdata);
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; any other `<!` is a DTD declaration and refused. */
  private markup(buf: Buffer, pos: number, len: number): number {
    if (pos + 3 >= len) return -1;
    const c2 = buf[pos + 2]!;
    if (c2 === DASH) {
      if (buf[pos + 3] !== DASH) throw badXml(this.part, 'bad-comment');
      const e = buf.indexOf('-->', pos + 4, 'latin1');
      return e < 0 ? -1 : e + 3;
    }
    if (c2 === LBRACKET) {
      if (pos + 9 > len) return -1;
      if (buf.toString('latin1', pos, pos + 9) !== '<![CDATA[') throw badXml(this.part, 'bad-markup');
      const e = buf.indexOf(']]>', pos + 9, 'latin1');
      if (e < 0) return -1;
      this.emitText(buf, pos + 9, e, true);
      return e + 3;
    }
    throw new WorkbookError('unreadable-file', 'doctype', { part: this.part });
  }

  private endTag(buf: Buffer, pos: number, len: number): number {
    const s = pos + 2;
    let i = s;
    let h = 0;
    let colon = -1;
    // Name, then optional whitespace, then '>'. Bytes up to 0x20 count as whitespace: the
    // other control characters cannot appear in well-formed XML at all.
    for (; i < len; i++) {
      const c = buf[i]!;
      if (c <= SP || c === GT) break;
      if (c === COLON) colon = i;
      h = (Math.imul(h, 31) + c) | 0;
    }
    const nameEnd = i;
    while (i < len && buf[i]! <= SP) i++;
    if (i >= len) return -1;
    if (buf[i] !== GT || nameEnd === s) throw badXml(this.part, 'bad-end-tag');
    if (this.depth === 0 || this.stack[this.depth - 1] !== (h ^ (nameEnd - s))) {
      throw badXml(this.part, 'mismatched-end-tag', { tag: buf.toString('utf8', s, nameEnd) });
    }
    if (--this.depth === 0) this.rootClosed = true;
    const t = this.tag;
    t.buf = buf;
    t.nameStart = s;
    t.nameEnd = nameEnd;
    t.localStart = colon >= 0 ? colon + 1 : s;
    t.attrCount = 0;
    t.selfClosing = false;
    this.handler.close(t);
    return i + 1;
  }

  private startTag(buf: Buffer, pos: number, len: number): number {
    const t = this.tag;
    const s = pos + 1;
    let i = s;
    let h = 0;
    let colon = -1;
    let c = 0;
    for (; i < len; i++) {
      c = buf[i]!;
      if (c <= SP || c === GT || c === SLASH) break;
      if (c === COLON) colon = i;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (i >= len) return -1;
    if (i === s) throw badXml(this.part, 'bad-start-tag');
    const nameEnd = i;
    let attrs = t.attrs;
    let na = 0;
    let selfClosing = false;
    for (;;) {
      while (c <= SP) {
        if (++i >= len) return -1;
        c = buf[i]!;
      }
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (buf[i + 1] !== GT) throw badXml(this.part, 'bad-start-tag');
        selfClosing = true;
        i += 2;
        break;
      }
      const an = i;
      let acolon = -1;
      for (; i < len; i++) {
        c = buf[i]!;
        if (c === EQ || c <= SP || c === GT || c === SLASH) break;
        if (c === COLON) acolon = i;
      }
      if (i >= len) return -1;
      const ane = i;
      if (ane === an) throw badXml(this.part, 'bad-attribute');
      while (c <= SP) {
        if (++i >= len) return -1;
        c = buf[i]!;
      }
      if (c !== EQ) throw badXml(this.part, 'bad-attribute');
      if (++i >= len) return -1;
      c = buf[i]!;
      while (c <= SP) {
        if (++i >= len) return -1;
        c = buf[i]!;
      }
      if (c !== DQ && c !== SQ) throw badXml(this.part, 'bad-attribute');
      let ve = i + 1;
      while (ve < len && buf[ve] !== c) ve++;
      if (ve >= len) return -1;
      if (na + 5 > attrs.length) {
        const grown = new Int32Array(attrs.length * 2);
        grown.set(attrs);
        attrs = t.attrs = grown;
      }
      attrs[na] = an;
      attrs[na + 1] = acolon >= 0 ? acolon + 1 : an;
      attrs[na + 2] = ane;
      attrs[na + 3] = i + 1;
      attrs[na + 4] = ve;
      na += 5;
      i = ve + 1;
      if (i >= len) return -1;
      c = buf[i]!;
      if (c > SP && c !== GT && c !== SLASH) throw badXml(this.part, 'bad-attribute');
    }
    if (this.depth === 0) {
      if (this.rootClosed) throw badXml(this.part, 'second-root-element');
      this.rootSeen = true;
    }
    t.buf = buf;
    t.nameStart = s;
    t.nameEnd = nameEnd;
    t.localStart = colon >= 0 ? colon + 1 : s;
    t.selfClosing = selfClosing;
    t.attrCount = na / 5;
    if (!selfClosing) {
      if (this.depth >= this.maxDepth) {
        throw new WorkbookError('too-large', 'nesting', { part: this.part, limit: this.maxDepth });
      }
      this.stack[this.depth++] = h ^ (nameEnd - s);
      this.handler.open(t);
    } else {
      if (this.depth === 0) this.rootClosed = true;
      this.handler.open(t);
      this.handler.close(t);
    }
    return i;
  }
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

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * Turns the raw bytes of a part into UTF-8 for the scanner. The encoding comes from the
 * byte-order mark or the first bytes and the XML declaration (XML 1.0 Appendix F). UTF-8
 * and UTF-16 are what Excel and every other writer use; anything else (UTF-7, UTF-32,
 * EBCDIC, legacy code pages) is refused rather than guessed, since a wrong guess would turn
 * Vietnamese text into mojibake without anyone noticing.
 */
export class XmlTranscoder {
  private head: Buffer | null = Buffer.alloc(0);
  private enc: Encoding = 'utf8';
  private decoder: TextDecoder | null = null;
  private odd = -1;

  constructor(
    private readonly part: string,
    private readonly sink: (b: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.head !== null) {
      const head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      const skip = this.detect(head, false);
      if (skip < 0) {
        this.head = head;
        return;
      }
      this.head = null;
      chunk = head.subarray(skip);
    }
    this.emit(chunk);
  }

  end(): void {
    if (this.head !== null) {
      const head = this.head;
      const skip = this.detect(head, true);
      this.head = null;
      this.emit(head.subarray(Math.max(0, skip)));
    }
    if (this.decoder !== null) {
      if (this.odd >= 0) throw badXml(this.part, 'odd-utf16-length');
      const rest = this.decoder.decode();
      if (rest.length > 0) this.sink(Buffer.from(rest, 'utf8'));
    }
  }

  private emit(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.enc === 'utf8') {
      this.sink(chunk);
      return;
    }
    let bytes = chunk;
    if (this.enc === 'utf16be') {
      // Swap into little-endian, carrying an odd trailing byte over to the next piece.
      let data = chunk;
      if (this.odd >= 0) {
        data = Buffer.concat([Buffer.from([this.odd]), chunk]);
        this.odd = -1;
      }
      const even = data.length & ~1;
      if (even < data.length) this.odd = data[data.length - 1]!;
      bytes = Buffer.from(data.subarray(0, even)).swap16();
    }
    const s = this.decoder!.decode(bytes, { stream: true });
    if (s.length > 0) this.sink(Buffer.from(s, 'utf8'));
  }

  /** Bytes to skip (the BOM), or -1 when more bytes are needed to decide. */
  private detect(h: Buffer, final: boolean): number {
    const refuse = (enc: string): WorkbookError => new WorkbookError('unreadable-file', 'encoding', { part: this.part, encoding: enc });
    if (h.length < 4 && !final) return -1;
    const b0 = h[0] ?? -1;
    const b1 = h[1] ?? -1;
    const b2 = h[2] ?? -1;
    const b3 = h[3] ?? -1;
    if ((b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) || (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)) throw refuse('UTF-32');
    if ((b0 === 0 && b1 === 0 && (b2 === 0 || b3 === 0)) || (b0 === LT && b1 === 0 && b2 === 0)) throw refuse('UTF-32');
    if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) throw refuse('EBCDIC');
    if (b0 === 0x2b && b1 === 0x2f && b2 === 0x76) throw refuse('UTF-7');
    if (b0 === 0xfe && b1 === 0xff) return this.use('utf16be', 2);
    if (b0 === 0xff && b1 === 0xfe) return this.use('utf16le', 2);
    if (b0 === 0 && b1 !== 0) return this.use('utf16be', 0);
    if (b0 !== 0 && b1 === 0) return this.use('utf16le', 0);
    const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
    // ASCII-compatible: the declaration, if any, must name UTF-8 (or its subset ASCII).
    if (h.toString('latin1', bom, bom + 5) === '<?xml') {
      const end = h.indexOf('?>', bom);
      if (end < 0) {
        if (!final && h.length < 1024) return -1;
        throw badXml(this.part, 'bad-declaration');
      }
      const decl = h.toString('latin1', bom, end);
      const m = /encoding\s*=\s*["']([^"']*)["']/.exec(decl);
      const enc = m?.[1]?.trim().toLowerCase();
      if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8' && enc !== 'us-ascii' && enc !== 'ascii') {
        throw refuse(m?.[1] ?? enc);
      }
    }
    return this.use('utf8', bom);
  }

  private use(enc: Encoding, skip: number): number {
    this.enc = enc;
    if (enc !== 'utf8') this.decoder = new TextDecoder('utf-16le');
    return skip;
  }
}
