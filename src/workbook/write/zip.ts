/**
 * The zip container of the xlsx writer: parts are deflated as they are written and the
 * compressed bytes wait in {@link ZipOut.out} until the caller takes them.
 */

import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { WorkbookWriteError, type WriteOptions } from './model.js';

/** A deflate level, 0 meaning stored. */
export type Level = NonNullable<WriteOptions['level']>;

/** Text accumulated before it is encoded and handed to the deflater. */
const CHUNK_CHARS = 64 * 1024;

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

/** One part being written. Text is batched and encoded to UTF-8 in chunks of about 64 KiB. */
export class ZipEntry {
  private buf = '';
  private size = 0;
  private ended = false;

  constructor(
    private readonly file: ZipDeflate | ZipPassThrough,
    private readonly name: string,
  ) {}

  /** Appends text to the part. */
  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= CHUNK_CHARS) this.flush(false);
  }

  /** Finishes the part. */
  end(): void {
    if (this.ended) return;
    this.flush(true);
    this.ended = true;
  }

  private flush(final: boolean): void {
    const bytes = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    this.size += bytes.length;
    if (this.size > ZIP32_MAX) {
      throw new WorkbookWriteError('too-large', `part ${this.name} exceeds 4 GiB uncompressed`, { part: this.name });
    }
    this.file.push(bytes, final);
  }
}

/** A zip archive written part after part, in the order the parts are opened. */
export class ZipOut {
  /** Compressed output not yet taken by the caller. */
  out: Uint8Array[] = [];
  private total = 0;
  private failure: unknown;
  private readonly zip: Zip;

  constructor(
    private readonly level: Level,
    private readonly mtime: Date,
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

  /** Starts a part; the previous one must have been ended. */
  entry(name: string): ZipEntry {
    const file = this.level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level: this.level });
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
