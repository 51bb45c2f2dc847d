import { loadCriteria } from '../criteria/load.js';
import { loadUnits } from '../units/load.js';
import type { Diagnostic } from '../diagnostics/types.js';

export interface LintInput {
  path: string;
  data: Uint8Array;
}

/**
 * Lints criteria files (and units files, told apart by their `format:` line).
 * Returns every diagnostic in file order.
 */
export function lintFiles(files: LintInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) {
    const head = Buffer.from(f.data.subarray(0, 4096)).toString('utf8');
    if (/^\s*format:\s*["']?thidua\.units\/v1/m.test(head)) out.push(...loadUnits(f.data, f.path).diagnostics);
    else out.push(...loadCriteria(f.data, f.path).diagnostics);
  }
  return out;
}
