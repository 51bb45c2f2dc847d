import { join } from 'node:path';
import type { Lang } from '../diagnostics/messages.js';
import type { ReportModel } from '../report/model.js';
import { noticeWorkbooks } from '../run/outputs.js';
import { uniqueFileNames } from '../template/file-names.js';
import { makeDir, writeAtomic } from './io.js';

/** The folder notices go in, under the output folder (SPEC §10). */
export const NOTICES_DIR = 'thong-bao';

/**
 * `score --notices`: one workbook per unit of every form tier under `<out>/thong-bao/<tier>/`,
 * named like the templates (unit id first; unique and safe on every system). Each file is
 * written whole or not at all. Returns the paths written.
 */
export function writeNotices(m: ReportModel, outDir: string, lang: Lang): string[] {
  const byTier = new Map<string, ReturnType<typeof noticeWorkbooks>>();
  for (const n of noticeWorkbooks(m)) {
    const list = byTier.get(n.tier);
    if (list) list.push(n);
    else byTier.set(n.tier, [n]);
  }
  const written: string[] = [];
  for (const [tier, list] of byTier) {
    const dir = join(outDir, NOTICES_DIR, uniqueFileNames([tier])[0]!.replace(/\.xlsx$/, ''));
    makeDir(dir, lang);
    const names = uniqueFileNames(list.map((n) => n.stem));
    list.forEach((n, i) => {
      const path = join(dir, names[i]!);
      writeAtomic(path, n.bytes(), lang);
      written.push(path);
    });
  }
  return written;
}
