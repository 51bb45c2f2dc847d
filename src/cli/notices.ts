import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../diagnostics/messages.js';
import type { ReportModel } from '../report/model.js';
import { notices } from '../report/notice.js';
import { safeFileName } from '../template/template.js';
import { writeWorkbook } from '../workbook/write/index.js';
import { UsageError } from './errors.js';
import { osReason, writeAtomic } from './io.js';

/** The folder notices go in, under the output folder (SPEC §10). */
export const NOTICES_DIR = 'thong-bao';

/**
 * `score --notices`: one workbook per unit of every form tier under `<out>/thong-bao/<tier>/`,
 * named like the templates (unit id first). Each file is written whole or not at all.
 * Returns the paths written.
 */
export function writeNotices(m: ReportModel, outDir: string, lang: Lang): string[] {
  const written: string[] = [];
  const made = new Set<string>();
  for (const n of notices(m)) {
    const dir = join(outDir, NOTICES_DIR, safeFileName(n.tier));
    if (!made.has(dir)) {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw new UsageError(lang === 'vi' ? `không tạo được thư mục ${dir}: ${osReason(e, 'vi')}` : `cannot create ${dir}: ${osReason(e, 'en')}`);
      }
      made.add(dir);
    }
    const path = join(dir, safeFileName(`${n.unit} - ${n.name}.xlsx`));
    writeAtomic(path, writeWorkbook(n.model), lang);
    written.push(path);
  }
  return written;
}
