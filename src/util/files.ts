import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * What a path names when it is not a regular file: a folder, or a special file that reading
 * would block on (a FIFO waits for a writer) or never finish (a device such as /dev/zero).
 */
export type SpecialKind = 'directory' | 'fifo' | 'device' | 'socket' | 'other';

/** A path that names no regular file: never read. */
export class NotRegularFile extends Error {
  constructor(readonly kind: SpecialKind) {
    super(`not a regular file (${kind})`);
    this.name = 'NotRegularFile';
  }
}

/** A file bigger than its limit, found before reading it (its size from fstat). */
export class FileTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file too large (${size} > ${limit} bytes)`);
    this.name = 'FileTooLarge';
  }
}

/** The kind of a non-regular file. */
export function specialKind(st: Stats): SpecialKind {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'other';
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, with the event
// loop (and so Ctrl-C) stuck behind it. On a regular file it changes nothing. Windows has
// neither flag (and no FIFOs in the file system).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads a regular file whole, refusing anything else and anything over `maxBytes` before a
 * byte is read: the size is checked on the open file (fstat), so a FIFO, a device, or a file
 * swapped for one after a directory listing is refused rather than read. A file that grows
 * while read is cut off at `maxBytes + 1` and refused, so memory stays bounded either way.
 *
 * @param sharedFrom from this size on, read into memory other threads can see (a SharedArrayBuffer)
 * @throws NotRegularFile, FileTooLarge, or the system's error (ENOENT, EACCES, …)
 */
export function readRegularFile(path: string, maxBytes: number, sharedFrom = Infinity): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    // a Unix socket cannot be opened at all
    if ((e as NodeJS.ErrnoException).code === 'ENXIO') throw new NotRegularFile('socket');
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFile(specialKind(st));
    if (st.size > maxBytes) throw new FileTooLarge(st.size, maxBytes);
    const size = st.size;
    const data = size >= sharedFrom ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
    let got = 0;
    for (let n; got < size && (n = readSync(fd, data, got, size - got, got)) > 0; ) got += n;
    if (got < size) return data.subarray(0, got);
    // grown since fstat: read on, never past the limit
    const more: Buffer[] = [];
    let total = size;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, total)) > 0; ) {
      total += n;
      if (total > maxBytes) throw new FileTooLarge(total, maxBytes);
      more.push(Buffer.from(chunk.subarray(0, n)));
    }
    return more.length ? Buffer.concat([data, ...more]) : data;
  } finally {
    closeSync(fd);
  }
}
