import { closeSync, fsync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { Lang } from '../diagnostics/messages.js';

/** Reads a file the user named; a missing or unreadable one is a usage error (exit 2). */
export function readInput(path: string, lang: Lang): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(lang === 'vi' ? `không tìm thấy tệp: ${path}` : `file not found: ${path}`);
    if (code === 'EISDIR') throw new UsageError(lang === 'vi' ? `đây là thư mục, không phải tệp: ${path}` : `a folder, not a file: ${path}`);
    throw new UsageError(lang === 'vi' ? `không đọc được tệp ${path}: ${code ?? (e as Error).message}` : `cannot read ${path}: ${code ?? (e as Error).message}`);
  }
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * A file written whole or not at all: a temporary file in the same folder, then, on
 * {@link StagedFile.commit}, flushed to disk and renamed over the target. Windows refuses the
 * rename while Excel holds the file open (EPERM/EBUSY): retry briefly, then say so plainly.
 *
 * Flushing at commit rather than after the last write lets a run write all its outputs
 * before waiting for the disk: by then most of a 1 GB results.json is already on it.
 */
export class StagedFile {
  readonly tmp: string;
  private fd_: number | null;

  constructor(
    readonly path: string,
    private readonly lang: Lang,
  ) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd_ = openSync(this.tmp, 'w');
    } catch (e) {
      throw this.cannot(e);
    }
  }

  write(part: string | Uint8Array): void {
    try {
      const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      let off = 0;
      while (off < buf.byteLength) off += writeSync(this.fd, buf, off, buf.byteLength - off);
    } catch (e) {
      this.discard();
      throw this.cannot(e);
    }
  }

  private flushing: Promise<void> | null = null;
  /** An error of the early flush: Linux reports a write-back error once, so it is kept for commit. */
  private flushError: unknown = null;

  /**
   * Starts flushing what is written so far on a background thread, so that the flush at
   * {@link commit} finds little left to do (a 1 GB results.json, while the workbook is made).
   */
  flushSoon(): void {
    const fd = this.fd;
    this.flushing ??= new Promise((resolve) =>
      fsync(fd, (e) => {
        if (e) this.flushError = e;
        resolve();
      }),
    );
  }

  /** Waits for a flush started by {@link flushSoon}. */
  async settle(): Promise<void> {
    await this.flushing;
  }

  commit(): void {
    try {
      if (this.flushError) throw this.flushError;
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd_ = null;
    } catch (e) {
      this.discard();
      throw this.cannot(e);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        renameSync(this.tmp, this.path);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && attempt < 5) {
          sleep(200 * (attempt + 1));
          continue;
        }
        this.discard();
        throw new UsageError(
          this.lang === 'vi'
            ? `không ghi được ${this.path} (${code}): tệp có đang mở trong Excel không? Hãy đóng tệp rồi chạy lại`
            : `cannot write ${this.path} (${code}): is it open in Excel? Close it and run again`,
        );
      }
    }
  }

  /** Leaves the target as it was. */
  discard(): void {
    if (this.fd_ !== null) {
      try {
        closeSync(this.fd_);
      } catch {
        /* already closed */
      }
      this.fd_ = null;
    }
    rmSync(this.tmp, { force: true });
  }

  /** The open temporary file, for a writer on another thread; valid until commit or discard. */
  get fd(): number {
    if (this.fd_ === null) throw new Error(`${this.tmp} is closed`);
    return this.fd_;
  }

  /** A failure to write this file, said plainly. */
  cannot(e: unknown): UsageError {
    if (e instanceof UsageError) return e;
    return new UsageError(this.lang === 'vi' ? `không ghi được ${this.path}: ${osReason(e, 'vi')}` : `cannot write ${this.path}: ${osReason(e, 'en')}`);
  }
}

const OS_REASONS: Record<string, [vi: string, en: string]> = {
  EEXIST: ['đã có một tệp cùng tên ở đó', 'a file of that name is already there'],
  ENOTDIR: ['một phần của đường dẫn là tệp, không phải thư mục', 'part of the path is a file, not a folder'],
  EISDIR: ['đó là một thư mục', 'that is a folder'],
  ENOENT: ['không có thư mục chứa nó', 'the folder it goes in does not exist'],
  EACCES: ['không có quyền ghi ở đó', 'no permission to write there'],
  EPERM: ['không có quyền ghi ở đó', 'no permission to write there'],
  ENOSPC: ['ổ đĩa đã đầy', 'the disk is full'],
  EDQUOT: ['đã hết hạn mức dung lượng', 'the disk quota is used up'],
  EROFS: ['ổ đĩa chỉ cho đọc', 'the disk is read-only'],
  EBUSY: ['tệp đang được chương trình khác dùng', 'another program is using the file'],
};

/** Why the system refused, in words a clerk can act on, with its code for whoever helps them. */
export function osReason(e: unknown, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const words = code ? OS_REASONS[code] : undefined;
  if (words) return `${lang === 'vi' ? words[0] : words[1]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** Writes a whole file or nothing (see {@link StagedFile}). */
export function writeAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, lang: Lang): void {
  const f = new StagedFile(path, lang);
  try {
    for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) f.write(part);
  } catch (e) {
    f.discard();
    throw e;
  }
  f.commit();
}

/** Refuses to write over any input (SPEC §8). */
export function assertNotInput(outputs: string[], inputs: string[], lang: Lang): void {
  const ids = new Set<string>();
  for (const p of inputs) {
    ids.add(resolve(p));
    try {
      const st = statSync(p);
      ids.add(`${st.dev}:${st.ino}`);
    } catch {
      /* inputs that do not exist are reported elsewhere */
    }
  }
  for (const o of outputs) {
    let same = ids.has(resolve(o));
    try {
      const st = statSync(o);
      same ||= ids.has(`${st.dev}:${st.ino}`);
    } catch {
      /* a new output */
    }
    if (same) throw new UsageError(lang === 'vi' ? `tệp kết quả ${o} trùng với một tệp đầu vào: chọn thư mục kết quả khác (-o)` : `output ${o} is one of the inputs: choose another output folder (-o)`);
  }
}
