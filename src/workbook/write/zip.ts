/**
 * The zip container of the xlsx writer. fflate lays out the archive (headers, data
 * descriptors, central directory); the parts are deflated either by node:zlib or by fflate.
 *
 * With node:zlib, a part is cut into segments of about 256 KiB that are deflated separately,
 * each ended by a sync flush (the last one by a final block), so their concatenation is one
 * valid deflate stream. Priming each segment with the previous 32 KiB as a dictionary would
 * recover the 2% of size they lose, but zlib primes the dictionary on the calling thread, the
 * one that builds the XML. Segments being independent, `writeWorkbookTo` deflates
 * them on libuv's thread pool while the next rows are turned into XML; `writeWorkbook`
 * deflates them inline. Both give the same bytes because the cuts depend only on the text.
 */

import { crc32 as zlibCrc32, constants as zc, deflateRaw, deflateRawSync } from 'node:zlib';
import { Zip, ZipDeflate, ZipPassThrough, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import { WorkbookWriteError, type WriteOptions } from './model.js';
import { ByteSink } from '../../util/bytes.js';

/** A deflate level, 0 meaning stored. */
export type Level = NonNullable<WriteOptions['level']>;

/** Which deflater compresses the parts. */
export type Engine = NonNullable<WriteOptions['engine']>;

/** Chunks deflating on the thread pool at once before the writer waits for the oldest. */
const MAX_IN_FLIGHT = 4;

/**
 * Bytes encoded before they go to the deflater; with node:zlib, each is deflated as one
 * independent segment. Segments share no history, which costs about 2% of size against one
 * long stream at this length (measured on report XML), and buys segments that can be
 * deflated in parallel with nothing copied between them.
 */
const SEGMENT_BYTES = 256 * 1024;

// fflate writes no ZIP64 records: sizes and offsets must fit in 32 bits.
const ZIP32_MAX = 0xffff_ffff;

/**
 * The DOS timestamp of the zip entries. fflate derives it from the Date's local-time fields,
 * so the UTC calendar date of `created` is rebuilt as a local date, at noon because noon is
 * never inside a daylight-saving gap: the bytes then don't depend on the machine's time zone.
 */
export function zipTime(created: Date): Date {
  const t = created.getTime();
  if (!Number.isFinite(t)) throw new WorkbookWriteError('bad-model', 'properties.created is not a valid date');
  const y = Math.min(Math.max(created.getUTCFullYear(), 1980), 2099);
  const clamped = y !== created.getUTCFullYear();
  return clamped
    ? new Date(y, y === 1980 ? 0 : 11, y === 1980 ? 1 : 31, 12, 0, 0)
    : new Date(y, created.getUTCMonth(), created.getUTCDate(), 12, 0, 0);
}

let CRC_TABLE: Int32Array | undefined;

/** Plain CRC-32 for Node 20 releases older than 20.15, which lack zlib.crc32. */
function crc32Js(data: Uint8Array, prev: number): number {
  if (CRC_TABLE === undefined) {
    CRC_TABLE = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c;
    }
  }
  const t = CRC_TABLE;
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

const crc32: (data: Uint8Array, prev: number) => number = typeof zlibCrc32 === 'function' ? (d, p) => zlibCrc32(d, p) : crc32Js;

function deflateRawAsync(data: Uint8Array, opts: Parameters<typeof deflateRawSync>[1]): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    deflateRaw(data, opts ?? {}, (err, out) => (err ? reject(err) : resolve(out as Uint8Array<ArrayBuffer>)));
  });
}

/**
 * zlib hands back a view into its output buffer, several times larger than the deflated
 * segment; a caller keeping every chunk (writeWorkbook does) would hold all those buffers.
 */
function compact(c: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return c.byteLength * 2 < c.buffer.byteLength ? Uint8Array.prototype.slice.call(c) : c;
}

/** A zip entry deflated by node:zlib in independent segments (see the module notes). */
class NativeDeflateFile implements ZipInputFile {
  crc = 0;
  size = 0;
  readonly compression = 8;
  readonly flag: 0 | 1 | 2 | 3;
  mtime: Date | undefined;
  ondata: AsyncFlateStreamHandler = () => undefined;

  constructor(
    readonly filename: string,
    private readonly level: Level,
    private readonly out: ZipOut,
  ) {
    // General-purpose bits 1–2 announce the level class, as other zip writers do.
    this.flag = level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0;
  }

  push(data: Uint8Array, final: boolean): void {
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    // One output buffer large enough for the whole deflated segment saves thread-pool round
    // trips, each of which costs main-thread time.
    const opts = { level: this.level, chunkSize: SEGMENT_BYTES / 2, finishFlush: final ? zc.Z_FINISH : zc.Z_SYNC_FLUSH };
    if (this.out.async) {
      this.out.enqueue(deflateRawAsync(data, opts), (c) => this.ondata(null, compact(c), final));
    } else {
      this.ondata(null, compact(deflateRawSync(data, opts) as Uint8Array<ArrayBuffer>), final);
    }
  }
}

/**
 * One part being written. Text is encoded straight into a segment buffer as it comes, rather
 * than concatenated into one long string and encoded then, which makes V8 flatten a rope of
 * thousands of pieces first. Rows of a sheet go further and are written as bytes into {@link ZipEntry.sink}
 * (see `RowWriter`), then {@link ZipEntry.wrote} hands a full segment to the deflater.
 */
export class ZipEntry {
  /** The segment being filled; a little room over a segment keeps the last row from regrowing it. */
  readonly sink = new ByteSink(SEGMENT_BYTES + (SEGMENT_BYTES >> 2));
  private size = 0;
  private ended = false;

  constructor(
    private readonly file: { push(data: Uint8Array, final: boolean): void },
    private readonly name: string,
  ) {}

  /** Appends text to the part. */
  write(s: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    if (s.length * 3 > SEGMENT_BYTES) {
      if (this.sink.length > 0) this.flush(false);
      this.emit(Buffer.from(s, 'utf8'), false);
      return;
    }
    this.sink.text(s);
    this.wrote();
  }

  /** Says that bytes were written into {@link ZipEntry.sink}: a full segment goes to the deflater. */
  wrote(): void {
    if (this.sink.length >= SEGMENT_BYTES) this.flush(false);
  }

  /** Finishes the part. */
  end(): void {
    if (this.ended) return;
    this.flush(true);
    this.ended = true;
  }

  private flush(final: boolean): void {
    // The pushed bytes may still be deflating on another thread: take() never reuses them.
    this.emit(this.sink.take(), final);
  }

  private emit(data: Uint8Array, final: boolean): void {
    this.size += data.length;
    if (this.size > ZIP32_MAX) {
      throw new WorkbookWriteError('too-large', `part ${this.name} exceeds 4 GiB uncompressed`, { part: this.name });
    }
    this.file.push(data, final);
  }
}

/**
 * A zip archive written part after part, in the order the parts are opened. In async mode
 * deflated chunks arrive later; {@link ZipOut.backlog} and {@link ZipOut.settled} tell the
 * driver what to await.
 */
export class ZipOut {
  /** Compressed output not yet taken by the caller. */
  out: Uint8Array[] = [];
  private total = 0;
  private failure: unknown;
  private readonly zip: Zip;
  /** Emissions of deflated chunks, oldest first; each never rejects. */
  private readonly pending: Promise<void>[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly level: Level,
    private readonly mtime: Date,
    private readonly engine: Engine,
    /** Deflate on the thread pool (node:zlib engine only). */
    readonly async: boolean,
  ) {
    this.zip = new Zip((err, chunk) => {
      if (err) {
        this.failure ??= err;
        return;
      }
      this.total += chunk.length;
      this.out.push(chunk);
    });
  }

  /** Starts a part; the previous one must have been ended and settled. */
  entry(name: string): ZipEntry {
    let file: ZipInputFile & { push(data: Uint8Array, final: boolean): void };
    if (this.level === 0) file = new ZipPassThrough(name);
    else if (this.engine === 'fflate') file = new ZipDeflate(name, { level: this.level });
    else file = new NativeDeflateFile(name, this.level, this);
    file.mtime = this.mtime;
    this.zip.add(file);
    return new ZipEntry(file, name);
  }

  /** Writes a whole small part. */
  part(name: string, text: string): void {
    const e = this.entry(name);
    e.write(text);
    e.end();
  }

  /** Queues a chunk being deflated; its result is emitted after all earlier ones. */
  enqueue(work: Promise<Uint8Array<ArrayBuffer>>, emit: (c: Uint8Array<ArrayBuffer>) => void): void {
    const done = this.chain.then(() => work).then(
      (c) => {
        if (this.failure === undefined) emit(c);
      },
      (e: unknown) => {
        this.failure ??= e;
      },
    );
    // The previous emission must finish before this one starts; keep the queue length known.
    this.chain = done;
    this.pending.push(done);
    void done.then(() => {
      this.pending.shift();
    });
  }

  /** Something to await when too many chunks are still deflating, else undefined. */
  backlog(): Promise<void> | undefined {
    return this.pending.length >= MAX_IN_FLIGHT ? this.pending[0] : undefined;
  }

  /** Something to await until every queued chunk is emitted, else undefined. */
  settled(): Promise<void> | undefined {
    return this.pending.length > 0 ? this.chain : undefined;
  }

  /** Writes the central directory. */
  end(): void {
    this.zip.end();
    this.check();
  }

  /** Takes the compressed bytes produced so far. */
  take(): Uint8Array[] {
    this.check();
    const o = this.out;
    this.out = [];
    return o;
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.total > ZIP32_MAX) throw new WorkbookWriteError('too-large', 'the workbook exceeds 4 GiB compressed');
  }
}
