import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import type { Lang } from '../diagnostics/messages.js';

/** Every .xlsx/.xlsm under the arguments, sorted; Excel's lock files (~$…) set aside. */
export function expandInputs(args: string[], lang: Lang): { files: string[]; lockFiles: string[] } {
  const files: string[] = [];
  const lockFiles: string[] = [];
  const visit = (p: string, top: boolean): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(lang === 'vi' ? `không tìm thấy tệp hoặc thư mục: ${p}` : `no such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.')) continue;
        visit(join(p, name), false);
      }
      return;
    }
    const base = p.split(/[\\/]/).pop() ?? p;
    if (base.startsWith('~$')) lockFiles.push(p);
    else if (top || /\.(xlsx|xlsm)$/i.test(base)) files.push(p);
  };
  for (const a of args) visit(a, true);
  const sorted = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: sorted, lockFiles: lockFiles.sort() };
}
