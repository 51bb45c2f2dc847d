/**
 * The encoding of a part: UTF-8 passed through, UTF-16 transcoded to UTF-8 for the scanner,
 * anything else refused.
 */
import { TextDecoder } from 'node:util';
import { WorkbookError } from '../types.js';
import { badXml } from './xml-text.js';

const LT = 0x3c;

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
