import { createHash } from 'node:crypto';
import type { Lang } from '../diagnostics/messages.js';
import { UsageError } from '../diagnostics/usage.js';
import type { FromFile } from './rollup.js';

/**
 * Earlier runs' results.json, as `score` and `check` take them: `--from` (a child tier's
 * results, SPEC §11) and `--previous` (an earlier phase, for comparison). The CLI reads the
 * bytes; this file says what they are.
 */

/** --from: an earlier run's results.json, read whole; one that is not JSON gives `from-mismatch` (in the run). */
export function fromFile(shownPath: string, bytes: Buffer): FromFile {
  let data: unknown = null;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    data = null;
  }
  return { path: shownPath, data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Far beyond any points table (a tier's max is at most thousands), far below where hundredths lose digits. */
const MAX_PREVIOUS_TOTAL = 1e9;
const MAX_PREVIOUS_RANK = 1e8;

/** --previous: an earlier results.json; a file that is not one is a usage error. */
export function previousResults(text: string, path: string, lang: Lang): unknown {
  let v: { format?: unknown; tiers?: unknown };
  try {
    v = JSON.parse(text) as { format?: unknown };
    if (v?.format !== 'thidua.results/v1') throw new Error('format');
  } catch {
    throw new UsageError(lang === 'vi' ? `${path} không phải tệp results.json của thidua` : `${path} is not a thidua results.json`);
  }
  // figures no points table gives (1e308, a rank of a billion) would reach the comparison
  // columns of results.xlsx: said here, naming the unit, rather than failing the writer
  for (const t of Array.isArray(v.tiers) ? (v.tiers as Record<string, unknown>[]) : []) {
    for (const u of Array.isArray(t?.units) ? (t.units as Record<string, unknown>[]) : []) {
      const bad = (x: unknown, max: number): boolean => typeof x === 'number' && !(Math.abs(x) <= max);
      const field = bad(u?.total, MAX_PREVIOUS_TOTAL) ? 'total' : bad(u?.rank, MAX_PREVIOUS_RANK) ? 'rank' : null;
      if (!field) continue;
      const shown = `${String(u[field])}`.slice(0, 40);
      throw new UsageError(
        lang === 'vi'
          ? `${path}: ${field === 'total' ? 'tổng điểm' : 'thứ hạng'} của đơn vị ${String(u.id)} (${String(t.id)}) là ${shown}, không phải con số của một lần chấm: tệp đã bị sửa hoặc không phải results.json của thidua`
          : `${path}: the ${field} of unit ${String(u.id)} (${String(t.id)}) is ${shown}, which no scoring gives: the file was altered or is not a thidua results.json`,
      );
    }
  }
  return v;
}
