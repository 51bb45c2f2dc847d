/**
 * The shared corpus of real-world and hostile workbooks (../shared/corpus beside the project,
 * or THIDUA_CORPUS): where it is, whether it is there, and its files.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../e2e/run.js';

export const CORPUS = process.env.THIDUA_CORPUS ?? join(SHARED, 'corpus');
export const PRESENT = existsSync(join(CORPUS, 'xlsx')) && existsSync(join(CORPUS, 'hostile'));

/** Every .xlsx of the corpus as 'xlsx/…' or 'hostile/…', sorted; none when it is absent. */
export function corpusFiles(): string[] {
  if (!PRESENT) return [];
  return ['xlsx', 'hostile'].flatMap((d) =>
    readdirSync(join(CORPUS, d))
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
      .map((f) => `${d}/${f}`),
  );
}
