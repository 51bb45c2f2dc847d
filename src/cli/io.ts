import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../diagnostics/usage.js';
import type { Lang } from '../diagnostics/messages.js';
import { FileTooLarge, NotRegularFile, readRegularFile } from '../util/files.js';

const MiB = 1024 * 1024;

/**
 * The most thidua reads of each file a user names, checked (fstat) before reading. These are
 * ceilings on memory, not the files' own rules: a criteria file over 1 MiB (a units file over
 * 64 MiB) is refused later, as a finding at 1:1, by the YAML reader (src/criteria/source.ts);
 * past these ceilings it is refused unread, as a usage error.
 */
export const INPUT_LIMITS = {
  criteria: 64 * MiB,
  /** 1,000,000 units of a province's every tier, as YAML or a workbook. */
  units: 256 * MiB,
  /** A string V8 can hold: a results.json is parsed whole. */
  previous: 512 * MiB,
} as const;

const SPECIAL_VI: Record<string, string> = { fifo: 'một đường ống (FIFO)', device: 'một thiết bị', socket: 'một socket', other: 'một tệp đặc biệt' };
const SPECIAL_EN: Record<string, string> = { fifo: 'a pipe (FIFO)', device: 'a device', socket: 'a socket', other: 'a special file' };
const mb = (n: number): string => (n / MiB).toFixed(1);

/**
 * Reads a file the user named; a missing, special (FIFO, device), too large or unreadable one
 * is a usage error (exit 2). Never blocks on a FIFO, never reads past `maxBytes`.
 */
export function readInput(path: string, lang: Lang, maxBytes: number = INPUT_LIMITS.criteria): Buffer {
  const vi = lang === 'vi';
  try {
    return readRegularFile(path, maxBytes);
  } catch (e) {
    if (e instanceof NotRegularFile) {
      if (e.kind === 'directory') throw new UsageError(vi ? `đây là thư mục, không phải tệp: ${path}` : `a folder, not a file: ${path}`);
      throw new UsageError(vi ? `không đọc ${path}: đây không phải tệp thường mà là ${SPECIAL_VI[e.kind] ?? SPECIAL_VI.other}` : `not reading ${path}: it is no regular file but ${SPECIAL_EN[e.kind] ?? SPECIAL_EN.other}`);
    }
    if (e instanceof FileTooLarge) {
      throw new UsageError(vi ? `tệp ${path} quá lớn (${mb(e.size).replace('.', ',')} MB; tối đa ${mb(e.limit).replace('.', ',')} MB)` : `${path} is too large (${mb(e.size)} MB; at most ${mb(e.limit)} MB)`);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(vi ? `không tìm thấy tệp: ${path}` : `file not found: ${path}`);
    if (code === 'EISDIR') throw new UsageError(vi ? `đây là thư mục, không phải tệp: ${path}` : `a folder, not a file: ${path}`);
    if (code === 'ELOOP') throw new UsageError(vi ? `không đọc được ${path}: liên kết tượng trưng lặp vòng (ELOOP)` : `cannot read ${path}: a symbolic link loop (ELOOP)`);
    throw new UsageError(vi ? `không đọc được tệp ${path}: ${osReason(e, 'vi')}` : `cannot read ${path}: ${osReason(e, 'en')}`);
  }
}

/**
 * Makes a folder and the folders it goes in, one level at a time. Node's own recursive mkdir
 * never returns where the system refuses a folder with ENOENT (`-o /proc/nope`).
 */
export function makeDir(dir: string, lang: Lang): void {
  const vi = lang === 'vi';
  const fail = (e: unknown, why?: [string, string]): never => {
    throw new UsageError(vi ? `không tạo được thư mục ${dir}: ${why ? why[0] : osReason(e, 'vi')}` : `cannot create ${dir}: ${why ? why[1] : osReason(e, 'en')}`);
  };
  const missing: string[] = [];
  for (let p = resolve(dir); ; ) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') fail(e);
      missing.push(p);
      const up = dirname(p);
      if (up === p) break;
      p = up;
      continue;
    }
    if (!st.isDirectory()) {
      if (p === resolve(dir)) fail(null, ['đó là một tệp, không phải thư mục (chọn thư mục khác với -o)', 'that is a file, not a folder (choose another folder with -o)']);
      fail(Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' }));
    }
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(m, { throwIfNoEntry: false })?.isDirectory()) continue;
      // the folder it goes in exists, yet the system says ENOENT: /proc, /sys and the like
      if (code === 'ENOENT') fail(e, [`hệ thống tệp ở đó không cho tạo thư mục (${code})`, `the file system there does not allow folders to be made (${code})`]);
      fail(e);
    }
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
  tmp: string = '';
  private fd_: number | null;

  constructor(
    readonly path: string,
    private readonly lang: Lang,
  ) {
    // a name no one can guess, created only if nothing is there, never through a link: a
    // planted symlink cannot turn a write of results.json into a write of an input
    for (let attempt = 0; ; attempt++) {
      this.tmp = tempName(path);
      try {
        this.fd_ = openSync(this.tmp, EXCLUSIVE, 0o666);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 10) continue;
        throw this.cannot(e);
      }
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
    this.seal();
    this.place();
  }

  /** Flushes the temporary file to disk and closes it; {@link place} then puts it in place. */
  seal(): void {
    if (this.fd_ === null) return;
    try {
      if (this.flushError) throw this.flushError;
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd_ = null;
    } catch (e) {
      this.discard();
      throw this.cannot(e);
    }
  }

  /** Renames the sealed temporary file over the target (which, if a link, is replaced, never followed). */
  place(): void {
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
        // only a file held open (Windows: EPERM, EBUSY, EACCES) is Excel's doing
        if (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') throw this.cannot(e);
        throw new UsageError(
          this.lang === 'vi'
            ? `không ghi được ${this.path} (${code}): tệp có đang mở trong Excel không? Hãy đóng tệp rồi chạy lại`
            : `cannot write ${this.path} (${code}): is it open in Excel? Close it and run again`,
        );
      }
    }
  }

  /**
   * Puts the file in place only if nothing is there yet (a link, which never replaces): a
   * template must never land on a workbook a unit filled in. Where the file system has no
   * links (FAT on a USB stick), a check then a rename.
   *
   * @returns false when a file of that name is already there (the temporary file is removed)
   */
  commitNew(): boolean {
    this.seal();
    try {
      try {
        linkSync(this.tmp, this.path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
        if (lstatSync(this.path, { throwIfNoEntry: false })) return false;
        renameSync(this.tmp, this.path);
      }
      return true;
    } catch (e) {
      throw this.cannot(e);
    } finally {
      this.discard();
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

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** `.results.json.<12 random hex digits>.tmp` beside the target. */
export function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
  ENAMETOOLONG: ['tên tệp hoặc đường dẫn quá dài', 'the file name or path is too long'],
  ELOOP: ['liên kết tượng trưng lặp vòng', 'a symbolic link loop'],
  EMFILE: ['mở quá nhiều tệp cùng lúc', 'too many open files'],
  EXDEV: ['không chuyển được tệp giữa hai ổ đĩa', 'cannot move a file across disks'],
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
