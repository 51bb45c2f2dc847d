import { utf8Write } from './utf8.js';

/**
 * UTF-8 text written straight into buffers, for outputs of a million units.
 *
 * results.json of a 1M-household roster is about 1.1 GB. Built as JavaScript strings (a
 * template per unit, then encoded), every character is made twice and the collector pays for
 * each string; written as bytes here — fixed keys encoded once, integers and hundredths as
 * digits, strings encoded in place — the time left is mostly the disk's (`npm run bench`;
 * THIDUA_TRACE=1 prints each output's time; figures in bench/HISTORY.md). No JSON
 * library streams a fixed-shape record this way; JSON.stringify is still the reference: a test
 * holds every unit of the example to its bytes.
 */
export class ByteSink {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly chunkBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  get length(): number {
    return this.pos;
  }

  /**
   * The bytes written so far, as a view valid until the next write: the sink starts afresh
   * in the same memory. A million units pass through one buffer; a new megabyte per chunk
   * made the garbage collector walk the whole heap again every few chunks.
   */
  drain(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Forgets what was written after `length` was `at` (a row that turned out empty). */
  rewind(at: number): void {
    if (at < 0 || at > this.pos) throw new RangeError(`cannot rewind to ${at} of ${this.pos}`);
    this.pos = at;
  }

  /** The bytes written so far, as a buffer of their own; the sink starts afresh. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkBytes);
    this.pos = 0;
    return out;
  }

  private room(k: number): void {
    if (this.pos + k <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + k));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Bytes encoded beforehand (keys, punctuation); the first `n` of them when given. */
  raw(b: Uint8Array, n = b.length): void {
    this.room(n);
    // short keys, written millions of times, are copied byte by byte: TypedArray#set has a
    // fixed cost per call, which only from about 16 bytes costs less than the loop
    if (n < 16) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) buf[p++] = b[i]!;
      this.pos = p;
    } else {
      this.buf.set(n === b.length ? b : b.subarray(0, n), this.pos);
      this.pos += n;
    }
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    // at most 3 bytes per UTF-16 unit
    this.room(s.length * 3);
    this.pos += utf8Write(this.buf, s, this.pos);
  }

  /** A JSON string. */
  str(s: string): void {
    const n = s.length;
    this.room(n * 3 + 2);
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    buf[p++] = QUOTE;
    // plain ASCII (ids, codes) byte by byte; anything else through the encoder
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c < 0x20 || c === QUOTE || c === BACKSLASH) {
        if (NEEDS_ESCAPE.test(s)) {
          this.pos = start;
          this.text(JSON.stringify(s));
          return;
        }
        p = start + 1;
        p += utf8Write(buf, s, p);
        break;
      }
      buf[p++] = c;
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** A non-negative or negative safe integer. */
  int(v: number): void {
    this.room(24);
    let x = v;
    if (x < 0) {
      this.buf[this.pos++] = MINUS;
      x = -x;
    }
    if (x < 10) {
      this.buf[this.pos++] = 48 + x;
      return;
    }
    let digits = 1;
    for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    while (x >= 10) {
      const q = Math.floor(x / 10);
      this.buf[--p] = 48 + (x - q * 10);
      x = q;
    }
    this.buf[--p] = 48 + x;
  }

  /** A number as JavaScript (and JSON.stringify) writes it. */
  num(v: number): void {
    if (Number.isSafeInteger(v)) {
      this.int(v === 0 ? 0 : v);
      return;
    }
    // up to four decimals (nearly every value typed in a roster) as digits: when x / 10^4 is
    // v, the decimal x·10^-4 is the shortest text that reads back as v, i.e. String(v)
    const x = Math.round(v * 1e4);
    if (Math.abs(v) < 1e11 && x / 1e4 === v) {
      let a = x;
      this.room(1);
      if (a < 0) {
        this.buf[this.pos++] = MINUS;
        a = -a;
      }
      const int = Math.floor(a / 1e4);
      let frac = a - int * 1e4;
      this.int(int);
      this.room(5);
      this.buf[this.pos++] = DOT;
      let div = 1000;
      while (frac > 0) {
        const d = Math.floor(frac / div);
        this.buf[this.pos++] = 48 + d;
        frac -= d * div;
        div /= 10;
      }
      return;
    }
    this.text(String(v));
  }

  /**
   * Integer hundredths as a decimal: 1305 → 13.05, 1300 → 13, 320 → 3.2 (as formatHundredths),
   * the text of `String(h / 100)`. From 10^15 on, where a decimal of two places may not be the
   * shortest text of `h / 100`, and for anything not a whole number, it is that text.
   */
  hundredths(h: number): void {
    if (!Number.isSafeInteger(h) || h >= 1e15 || h <= -1e15) {
      this.text(String(h / 100));
      return;
    }
    let x = h;
    if (x < 0) {
      this.room(1);
      this.buf[this.pos++] = MINUS;
      x = -x;
    }
    const int = Math.floor(x / 100);
    const frac = x - int * 100;
    this.int(int);
    if (frac === 0) return;
    this.room(3);
    this.buf[this.pos++] = DOT;
    const tens = Math.floor(frac / 10);
    const ones = frac - tens * 10;
    this.buf[this.pos++] = 48 + tens;
    if (ones) this.buf[this.pos++] = 48 + ones;
  }
}

/** Characters JSON.stringify escapes (control characters, quote, backslash, lone surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;

/** Text encoded once. */
export const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
