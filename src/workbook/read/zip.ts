import * as zlib from 'node:zlib';
import { RATIO_CHECK_MIN_BYTES } from '../limits.js';
import { type ReadLimits, WorkbookError } from '../types.js';

/** One file of the package, as the central directory describes it. */
export interface ZipEntry {
  /** Normalised part name: '/'-separated, no leading '/', no '.' or '..' segments. */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** Size of the pieces handed to the XML scanner: large enough that per-chunk costs vanish. */
const CHUNK = 256 * 1024;

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const corrupt = (why: string, detail: Record<string, string | number> = {}): WorkbookError =>
  new WorkbookError('unreadable-file', 'zip-corrupt', { why, ...detail });

/**
 * A zip archive held in memory, read from its central directory. Entries are only ever
 * inflated into memory, never written anywhere; a name that would climb out of the package
 * ('../x', '/x', 'a/../../x') is dropped, so no lookup can ever reach it.
 */
export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  /** Entry names refused because they point outside the package. */
  readonly unsafeNames: string[] = [];

  private constructor(
    private readonly data: Buffer,
    private readonly limits: ReadLimits,
    /** Bytes prepended before the archive (self-extractors); added to every stored offset. */
    private readonly shift: number,
    entries: ZipEntry[],
  ) {
    for (const e of entries) {
      const key = e.name.toLowerCase();
      // OPC part names are case-insensitive; two entries for one name would let the central
      // directory and a reader disagree about which one is "the" part.
      if (this.byName.has(key)) throw corrupt('duplicate-entry', { part: e.name });
      this.byName.set(key, e);
    }
  }

  /** Parses the central directory; checks the entry count before looking at any entry. */
  static open(input: Uint8Array, limits: ReadLimits): ZipArchive {
    try {
      return ZipArchive.parse(input, limits);
    } catch (err) {
      // A Buffer read past the end: an offset in the directory points outside the file.
      if (err instanceof RangeError) throw corrupt('bounds');
      throw err;
    }
  }

  private static parse(input: Uint8Array, limits: ReadLimits): ZipArchive {
    const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const eocd = findEocd(data);
    if (eocd < 0) throw corrupt('no-central-directory');
    if (data.readUInt16LE(eocd + 4) !== 0 || data.readUInt16LE(eocd + 6) !== 0) throw corrupt('multi-disk');
    let count = data.readUInt16LE(eocd + 10);
    let cdSize = data.readUInt32LE(eocd + 12);
    let cdOffset = data.readUInt32LE(eocd + 16);
    let cdEnd = eocd;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc >= 0 && data.readUInt32LE(loc) === SIG_EOCD64_LOCATOR) {
        const rec = readU64(data, loc + 8);
        if (rec + 56 > data.length || data.readUInt32LE(rec) !== SIG_EOCD64) throw corrupt('zip64');
        count = readU64(data, rec + 32);
        cdSize = readU64(data, rec + 40);
        cdOffset = readU64(data, rec + 48);
        cdEnd = rec;
      }
    }
    if (count > limits.maxEntries) {
      throw new WorkbookError('too-large', 'entries', { limit: limits.maxEntries, actual: count });
    }
    // The directory normally ends where the EOCD record starts; when it does not, data was
    // prepended to the archive and every offset is off by that much.
    let shift = 0;
    if (cdOffset + cdSize <= cdEnd && cdOffset + 4 <= data.length && data.readUInt32LE(cdOffset) === SIG_CENTRAL) shift = 0;
    else if (cdEnd - cdSize >= 0 && cdEnd - cdSize + 4 <= data.length && data.readUInt32LE(cdEnd - cdSize) === SIG_CENTRAL) {
      shift = cdEnd - cdSize - cdOffset;
    } else if (count > 0) throw corrupt('central-directory-offset');

    const entries: ZipEntry[] = [];
    const unsafe: string[] = [];
    let p = cdOffset + shift;
    for (let i = 0; i < count; i++) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt('central-directory-entry', { index: i });
      const flags = data.readUInt16LE(p + 8);
      const method = data.readUInt16LE(p + 10);
      const crc = data.readUInt32LE(p + 16);
      let csize = data.readUInt32LE(p + 20);
      let usize = data.readUInt32LE(p + 24);
      const nameLen = data.readUInt16LE(p + 28);
      const extraLen = data.readUInt16LE(p + 30);
      const commentLen = data.readUInt16LE(p + 32);
      let offset = data.readUInt32LE(p + 42);
      const nameEnd = p + 46 + nameLen;
      if (nameEnd + extraLen + commentLen > data.length) throw corrupt('central-directory-entry', { index: i });
      const rawName = data.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', p + 46, nameEnd);
      if (usize === 0xffffffff || csize === 0xffffffff || offset === 0xffffffff) {
        // ZIP64 extended information: only the fields whose 32-bit slot is saturated, in order.
        for (let x = nameEnd; x + 4 <= nameEnd + extraLen; ) {
          const id = data.readUInt16LE(x);
          const len = data.readUInt16LE(x + 2);
          if (id === 0x0001) {
            let q = x + 4;
            if (usize === 0xffffffff && q + 8 <= x + 4 + len) (usize = readU64(data, q)), (q += 8);
            if (csize === 0xffffffff && q + 8 <= x + 4 + len) (csize = readU64(data, q)), (q += 8);
            if (offset === 0xffffffff && q + 8 <= x + 4 + len) offset = readU64(data, q);
            break;
          }
          x += 4 + len;
        }
      }
      p = nameEnd + extraLen + commentLen;
      if (rawName.endsWith('/') || rawName.endsWith('\\')) continue;
      const name = normaliseEntryName(rawName);
      if (name === undefined) {
        unsafe.push(rawName);
        continue;
      }
      entries.push({ name, method, flags, crc32: crc, compressedSize: csize, uncompressedSize: usize, localHeaderOffset: offset });
    }
    const zip = new ZipArchive(data, limits, shift, entries);
    zip.unsafeNames.push(...unsafe);
    return zip;
  }

  /** Entry by part name (case-insensitive, as OPC wants). */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every safe entry. */
  entries(): IterableIterator<ZipEntry> {
    return this.byName.values();
  }

  /**
   * Refuses an entry whose declared size or compression ratio is beyond the limits, before a
   * single byte is inflated. The declared size is then enforced while inflating, so a header
   * that lies cannot buy more.
   */
  checkEntry(e: ZipEntry): void {
    if (e.uncompressedSize > this.limits.maxUncompressedBytes) {
      throw new WorkbookError('too-large', 'uncompressed', {
        part: e.name,
        limit: this.limits.maxUncompressedBytes,
        actual: e.uncompressedSize,
      });
    }
    if (e.uncompressedSize > RATIO_CHECK_MIN_BYTES) {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (ratio > this.limits.maxCompressionRatio) {
        throw new WorkbookError('too-large', 'ratio', {
          part: e.name,
          limit: this.limits.maxCompressionRatio,
          actual: Math.round(ratio),
        });
      }
    }
    if ((e.flags & 1) !== 0) throw new WorkbookError('encrypted', 'zip-encryption', { part: e.name });
    if (e.method !== 0 && e.method !== 8) {
      throw new WorkbookError('unreadable-file', 'zip-method', { part: e.name, method: e.method });
    }
  }

  /**
   * The entry's bytes, inflated piece by piece (at most {@link CHUNK} bytes at a time, with
   * backpressure, so memory does not grow with the entry). Verifies the size and the CRC-32
   * once the last piece has been produced: a consumer that stops early gets no CRC check,
   * and one that reads to the end gets a `zip-corrupt` error after the last piece if the
   * data was damaged.
   */
  async *chunks(e: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
    this.checkEntry(e);
    yield* inflateEntry(this.rawData(e), e);
  }

  /**
   * The entry's bytes as stored (compressed), checked against the limits: what a reading
   * thread takes to inflate the entry itself with {@link inflateEntry}.
   */
  stored(e: ZipEntry): Buffer {
    this.checkEntry(e);
    return this.rawData(e);
  }

  /** The whole entry in memory; for small parts only (the caller checks the size). */
  async read(e: ZipEntry): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of this.chunks(e)) parts.push(c);
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  private rawData(e: ZipEntry): Buffer {
    const at = e.localHeaderOffset + this.shift;
    if (at < 0 || at + 30 > this.data.length || this.data.readUInt32LE(at) !== SIG_LOCAL) {
      throw corrupt('local-header', { part: e.name });
    }
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    const end = start + e.compressedSize;
    if (end > this.data.length) throw corrupt('truncated', { part: e.name });
    return this.data.subarray(start, end);
  }
}

/**
 * Inflates an entry's stored bytes piece by piece (at most {@link CHUNK} bytes at a time,
 * with backpressure), then checks the size and the CRC-32 against the directory's: see
 * {@link ZipArchive.chunks}. The caller has checked the entry ({@link ZipArchive.checkEntry}).
 */
export async function* inflateEntry(raw: Uint8Array, e: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
  let crc = 0;
  let total = 0;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw corrupt('stored-size', { part: e.name });
    const data = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let off = 0; off < data.length; off += CHUNK) {
      const piece = data.subarray(off, Math.min(data.length, off + CHUNK));
      crc = zlib.crc32(piece, crc);
      total += piece.length;
      yield piece;
    }
  } else if (e.uncompressedSize <= CHUNK) {
    // a small part (every part of a form, a roster's styles) inflated at once: the streaming
    // inflater hands each piece through the thread pool and back, which for a thousand forms
    // cost more waiting than inflating; the declared size bounds the output as it bounds a piece
    let out: Buffer;
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw corrupt('size-mismatch', { part: e.name, declared: e.uncompressedSize });
      throw corrupt('inflate', { part: e.name, error: err instanceof Error ? err.message : String(err) });
    }
    total = out.length;
    crc = zlib.crc32(out, crc);
    if (total > 0) yield out;
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK });
    inflater.end(raw);
    try {
      for await (const piece of inflater as AsyncIterable<Buffer>) {
        total += piece.length;
        if (total > e.uncompressedSize) throw corrupt('size-mismatch', { part: e.name, declared: e.uncompressedSize });
        crc = zlib.crc32(piece, crc);
        yield piece;
      }
    } catch (err) {
      if (err instanceof WorkbookError) throw err;
      throw corrupt('inflate', { part: e.name, error: err instanceof Error ? err.message : String(err) });
    } finally {
      inflater.destroy();
    }
  }
  if (total !== e.uncompressedSize) throw corrupt('size-mismatch', { part: e.name, declared: e.uncompressedSize, actual: total });
  if (crc >>> 0 !== e.crc32 >>> 0) throw corrupt('crc', { part: e.name });
}

/**
 * Turns a stored name into a part name: backslashes (written by some Windows tools) become
 * '/', '.' segments vanish, '..' pops a segment. Undefined when the name is absolute or
 * climbs above the package root: such an entry is never looked up.
 */
export function normaliseEntryName(raw: string): string | undefined {
  const s = raw.replace(/\\/g, '/');
  if (s.startsWith('/') || /^[A-Za-z]:/.test(s) || s.includes('\0')) return undefined;
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.length > 0 ? out.join('/') : undefined;
}

function findEocd(data: Buffer): number {
  const min = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= min; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

function readU64(b: Buffer, at: number): number {
  if (at + 8 > b.length) throw corrupt('zip64');
  const v = b.readUInt32LE(at) + b.readUInt32LE(at + 4) * 0x1_0000_0000;
  if (!Number.isSafeInteger(v)) throw corrupt('zip64');
  return v;
}
