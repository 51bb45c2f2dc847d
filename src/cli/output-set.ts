import { closeSync, constants, linkSync, lstatSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import type { Lang } from '../diagnostics/messages.js';
import { UsageError } from '../diagnostics/usage.js';
import { osReason, StagedFile, tempName } from './io.js';

const LOCK = '.thidua.lock';
const JOURNAL = '.thidua.commit';

/** Names only (no folder): the next run may name the folder another way. */
interface JournalEntry {
  target: string;
  /** The previous file, kept under another name until the set is in place. */
  backup: string | null;
  /** Whether a file was there before. */
  had: boolean;
}

/**
 * The outputs of one run as one set (SPEC §8; docs/decisions.md, "The three outputs are one
 * set"). A lock file in the output folder keeps a second run out while one writes; every output
 * is written whole to a temporary file first; only when all are written are they put in place,
 * the one Excel may hold open first, each previous file kept under another name until the last
 * is in place, so that a failure puts the previous set back. A journal written just before the
 * renames lets the next run put the previous set back after a run killed among them (a window
 * of a few system calls). Temporary files a killed run left are removed by the next one.
 */
export class OutputSet {
  private readonly lockPath: string;
  private locked = false;
  private readonly staged: StagedFile[] = [];

  constructor(
    readonly dir: string,
    /** File names of the set, in the order they are put in place. */
    private readonly names: readonly string[],
    private readonly lang: Lang,
  ) {
    this.lockPath = join(dir, LOCK);
  }

  /** Takes the folder's lock, undoes a half-placed set, removes stale temporary files. */
  acquire(): void {
    this.lock();
    this.recover();
    this.clean();
  }

  /** A temporary file for one output (by name), written whole before {@link commit}. */
  stage(name: string): StagedFile {
    const f = new StagedFile(join(this.dir, name), this.lang);
    this.staged.push(f);
    return f;
  }

  /** Puts every staged output in place, or none (the previous set stays). */
  commit(): void {
    for (const f of this.staged) f.seal();
    const order = [...this.staged].sort((a, b) => this.names.indexOf(basename(a.path)) - this.names.indexOf(basename(b.path)));
    // a folder (or anything a rename cannot replace) where an output goes: said before anything moves
    for (const f of order) {
      const st = lstatSync(f.path, { throwIfNoEntry: false });
      if (st?.isDirectory()) throw f.cannot(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
    }
    const journal: JournalEntry[] = order.map((f) => {
      const target = basename(f.path);
      const st = lstatSync(f.path, { throwIfNoEntry: false });
      if (!st) return { target, backup: null, had: false };
      const backup = basename(tempName(f.path).replace(/\.tmp$/, '.old'));
      try {
        linkSync(f.path, join(this.dir, backup));
        return { target, backup, had: true };
      } catch {
        return { target, backup: null, had: true };
      }
    });
    const journalPath = join(this.dir, JOURNAL);
    writeWhole(journalPath, JSON.stringify(journal));
    let placed = 0;
    try {
      for (const f of order) {
        f.place();
        placed++;
      }
    } catch (e) {
      undo(this.dir, journal.slice(0, placed));
      for (const j of journal) if (j.backup) rmSync(join(this.dir, j.backup), { force: true });
      rmSync(journalPath, { force: true });
      throw e;
    }
    // the set is in place: from here a kill leaves only backups, removed by the next run
    rmSync(journalPath, { force: true });
    for (const j of journal) if (j.backup) rmSync(join(this.dir, j.backup), { force: true });
  }

  /** Removes what this run wrote and lets the folder go (Ctrl-C, a failure). */
  abandon(): void {
    for (const f of this.staged) f.discard();
    this.release();
  }

  /** Lets the folder go. */
  release(): void {
    if (!this.locked) return;
    this.locked = false;
    try {
      if (readFileSync(this.lockPath, 'utf8') === this.lockText()) rmSync(this.lockPath, { force: true });
    } catch {
      /* already gone */
    }
  }

  private lockText(): string {
    return `${process.pid} ${hostname()}\n`;
  }

  private lock(): void {
    const vi = this.lang === 'vi';
    for (let attempt = 0; attempt < 5; attempt++) {
      const tmp = tempName(this.lockPath);
      try {
        writeWhole(tmp, this.lockText());
        try {
          linkSync(tmp, this.lockPath);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') throw e;
          // no links here (FAT): an exclusive create is the lock
          writeWhole(this.lockPath, this.lockText());
        }
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new UsageError(vi ? `không ghi được vào thư mục ${this.dir}: ${osReason(e, 'vi')}` : `cannot write into ${this.dir}: ${osReason(e, 'en')}`);
        }
      } finally {
        rmSync(tmp, { force: true });
      }
      const held = readHolder(this.lockPath);
      if (held === undefined) continue;
      if (held && alive(held)) {
        throw new UsageError(
          vi
            ? `thư mục ${this.dir} đang được một lần chạy thidua khác ghi (tiến trình ${held.pid}); chờ nó xong rồi chạy lại, hoặc chọn thư mục khác (-o)`
            : `another thidua run (process ${held.pid}) is writing into ${this.dir}; wait for it to finish, or choose another folder (-o)`,
        );
      }
      // left by a run that was killed: take it over, unless another run just did
      const stale = tempName(this.lockPath).replace(/\.tmp$/, '.old');
      try {
        renameSync(this.lockPath, stale);
        const now = readHolder(stale);
        if (now && held && now.pid !== held.pid) linkSync(stale, this.lockPath);
      } catch {
        /* another run moved it first: try again */
      }
      rmSync(stale, { force: true });
    }
    throw new UsageError(vi ? `không giữ được thư mục ${this.dir} (tệp ${LOCK})` : `cannot take ${this.dir} (file ${LOCK})`);
  }

  /** A run killed while putting its set in place: put the previous set back. */
  private recover(): void {
    const journalPath = join(this.dir, JOURNAL);
    let journal: JournalEntry[];
    try {
      journal = JSON.parse(readFileSync(journalPath, 'utf8')) as JournalEntry[];
    } catch {
      rmSync(journalPath, { force: true });
      return;
    }
    // only our own names, in this folder: the journal is read back, not trusted
    const ours = (n: unknown): boolean => typeof n === 'string' && basename(n) === n && (this.names.includes(n) || /^\.[^/\\]+\.[0-9a-f]{12}\.old$/.test(n));
    if (Array.isArray(journal)) undo(this.dir, journal.filter((j) => j && ours(j.target) && (j.backup === null || ours(j.backup))));
    rmSync(journalPath, { force: true });
  }

  /** Temporary files and backups of runs that were killed (only ours: their names say so). */
  private clean(): void {
    const ours = new RegExp(`^\\.(${[...this.names, LOCK.slice(1)].map((n) => n.replace(/\./g, '\\.')).join('|')})\\.([0-9a-f]{12}|\\d+)\\.(tmp|old)$`);
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const n of names) if (ours.test(n)) rmSync(join(this.dir, n), { force: true });
  }
}

/** Puts each previous file back (or removes an output that had none before). */
function undo(dir: string, entries: JournalEntry[]): void {
  for (const j of entries) {
    try {
      if (j.backup && lstatSync(join(dir, j.backup), { throwIfNoEntry: false })) renameSync(join(dir, j.backup), join(dir, j.target));
      else if (!j.had) rmSync(join(dir, j.target), { force: true });
    } catch {
      /* best effort: the error that led here is the one to report */
    }
  }
}

/** A small file created exclusively, never through a link. */
function writeWhole(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    const b = Buffer.from(text);
    writeSync(fd, b, 0, b.length);
  } finally {
    closeSync(fd);
  }
}

/** Who holds a lock: null when unreadable or garbled (stale), undefined when it just went away. */
function readHolder(path: string): { pid: number; host: string } | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  const m = /^(\d+) (.*)\n$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2]! } : null;
}

/** A holder on this machine whose process still runs; one on another machine is taken as alive. */
function alive(h: { pid: number; host: string }): boolean {
  if (h.host !== hostname()) return true;
  if (h.pid === process.pid) return false;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
