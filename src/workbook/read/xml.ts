/**
 * A streaming XML tokenizer for the parts of an xlsx package, working on UTF-8 bytes.
 *
 * Why not a DOM or a library: a sheet can be hundreds of megabytes, so the parser has to see
 * the part piece by piece and keep nothing but what the caller keeps; and the xlsx dialect is
 * small enough that a tokenizer which hands out byte offsets, never strings, until the caller
 * asks for a value, is several times faster than a general parser building events with
 * strings. Document type declarations are refused outright, so there are no entities beyond
 * the five predefined ones and nothing is ever fetched.
 *
 * Here: the scanner (XmlScanner) and what it calls (XmlHandler, FastPath). The tag it hands
 * out is in xml-tag.ts, text and numbers in xml-text.ts, encodings other than UTF-8 in
 * xml-encoding.ts.
 */
import { WorkbookError } from '../types.js';
import { XmlTag } from './xml-tag.js';
import { MAX_REF, badXml } from './xml-text.js';

// (unescapeOoxml lives in xml-text.ts; test/hostile/differential.test.ts takes it from here)
export { unescapeOoxml } from './xml-text.js';

// The bytes this scanner tests for, named in this file rather than imported from a shared
// module: in the hottest loops imported bindings read 1–2 % slower over a million rows.
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
