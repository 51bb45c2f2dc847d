import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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
 * Writes a whole file or nothing: a temporary file in the same folder, flushed, then
 * renamed over the target. Windows refuses the rename while Excel holds the file open
 * (EPERM/EBUSY): retry briefly, then say so plainly.
 */
export function writeAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, lang: Lang): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const parts: Iterable<string | Uint8Array> = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
      for (const part of parts) {
        const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
        let off = 0;
        while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        renameSync(tmp, path);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && attempt < 5) {
          sleep(200 * (attempt + 1));
          continue;
        }
        throw new UsageError(
          lang === 'vi'
            ? `không ghi được ${path} (${code}): tệp có đang mở trong Excel không? Hãy đóng tệp rồi chạy lại`
            : `cannot write ${path} (${code}): is it open in Excel? Close it and run again`,
        );
      }
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(lang === 'vi' ? `không ghi được ${path}: ${code ?? (e as Error).message}` : `cannot write ${path}: ${code ?? (e as Error).message}`);
  }
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
