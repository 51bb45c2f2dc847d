import { readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../diagnostics/usage.js';
import type { Code } from '../diagnostics/codes.js';
import type { MessageArgs } from '../diagnostics/types.js';
import type { Lang } from '../diagnostics/messages.js';
import { specialKind } from '../util/files.js';

/** A path met while walking folders that is not read, with the finding that says why. */
export interface SkippedPath {
  path: string;
  code: Extract<Code, 'unreadable-file' | 'path-skipped'>;
  args: MessageArgs;
}

export interface ExpandedInputs {
  files: string[];
  lockFiles: string[];
  skipped: SkippedPath[];
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;

/**
 * Every .xlsx/.xlsm under the arguments, sorted; Excel's lock files (~$…) set aside.
 *
 * Inside a folder only what really lies in it is read (docs/decisions.md, "Walking folders"):
 * a symbolic link to a folder is not followed (a warning names it), so the walk never leaves
 * the tree nor loops; a workbook-named link to nothing, a link loop, a FIFO, device or socket,
 * and a subfolder that cannot be listed are per-file findings, and the run goes on. Anything
 * not named like a workbook is passed over in silence, as plain files are. A path given on the
 * command line is taken as named, links and all; one that does not exist stops the run.
 */
export function expandInputs(args: string[], lang: Lang): ExpandedInputs {
  const files: string[] = [];
  const lockFiles: string[] = [];
  const skipped: SkippedPath[] = [];
  const seenDirs = new Set<string>();

  const walk = (dir: string): void => {
    let st;
    try {
      st = statSync(dir);
    } catch {
      st = null;
    }
    // a folder reached twice (a bind mount, the same folder named twice): once is enough
    const id = st ? `${st.dev}:${st.ino}` : dir;
    if (seenDirs.has(id)) return;
    seenDirs.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: dir, code: 'unreadable-file', args: { reason: 'folder', detail: (e as NodeJS.ErrnoException).code ?? '' } });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const name = ent.name;
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const named = WORKBOOK.test(name);
      if (name.startsWith('~$')) {
        lockFiles.push(p);
        continue;
      }
      if (ent.isDirectory()) {
        walk(p);
        continue;
      }
      if (ent.isSymbolicLink()) {
        let target: ReturnType<typeof statSync>;
        try {
          target = statSync(p);
        } catch (e) {
          const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
          if (named) skipped.push({ path: p, code: 'unreadable-file', args: { reason: loop ? 'link-loop' : 'broken-link', ...linkTarget(p) } });
          continue;
        }
        if (target.isDirectory()) skipped.push({ path: p, code: 'path-skipped', args: { reason: 'dir-link', ...linkTarget(p) } });
        else if (named && !target.isFile()) skipped.push({ path: p, code: 'unreadable-file', args: { reason: 'special', detail: specialKind(target) } });
        else if (named) files.push(p);
        continue;
      }
      if (!named) continue;
      if (ent.isFile()) files.push(p);
      else if (ent.isFIFO()) skipped.push({ path: p, code: 'unreadable-file', args: { reason: 'special', detail: 'fifo' } });
      else if (ent.isSocket()) skipped.push({ path: p, code: 'unreadable-file', args: { reason: 'special', detail: 'socket' } });
      else if (ent.isCharacterDevice() || ent.isBlockDevice()) skipped.push({ path: p, code: 'unreadable-file', args: { reason: 'special', detail: 'device' } });
      // a type the listing does not know (some network file systems): the reader decides
      else files.push(p);
    }
  };

  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? (lang === 'vi' ? ' (liên kết tượng trưng lặp vòng)' : ' (a symbolic link loop)') : code === 'ENOENT' || !code ? '' : ` (${code})`;
      throw new UsageError(lang === 'vi' ? `không tìm thấy tệp hoặc thư mục: ${a}${why}` : `no such file or folder: ${a}${why}`);
    }
    if (st.isDirectory()) walk(a);
    else {
      const base = a.split(/[\\/]/).pop() ?? a;
      // named on the command line: read whatever it is called (the reader refuses a FIFO or device)
      if (base.startsWith('~$')) lockFiles.push(a);
      else files.push(a);
    }
  }
  const sorted = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: sorted, lockFiles: lockFiles.sort(), skipped };
}

function linkTarget(p: string): { target?: string } {
  try {
    return { target: readlinkSync(p) };
  } catch {
    return {};
  }
}
