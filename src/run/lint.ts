import { loadCriteria } from '../criteria/load.js';
import { existsIn, resolveTier } from '../criteria/model.js';
import { loadDecisions } from '../decisions/load.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import { loadUnits, type Unit } from '../units/load.js';

export interface LintInput {
  path: string;
  data: Uint8Array;
}

/**
 * Lints criteria files, units files and decisions files, told apart by their `format:` line.
 * A units file linted with a criteria file also gives `quota-zero` (see {@link quotaZero}).
 * Returns every diagnostic in file order.
 */
export function lintFiles(files: LintInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const criteria: { path: string; file: CriteriaFile }[] = [];
  const units: Unit[] = [];
  let unitsPath: string | null = null;
  for (const f of files) {
    const head = Buffer.from(f.data.subarray(0, 4096)).toString('utf8');
    if (/^\s*format:\s*["']?thidua\.units\/v1/m.test(head)) {
      const lu = loadUnits(f.data, f.path);
      out.push(...lu.diagnostics);
      units.push(...lu.units);
      unitsPath ??= f.path;
    } else if (/^\s*format:\s*["']?thidua\.decisions\/v1/m.test(head)) out.push(...loadDecisions(f.data, f.path).diagnostics);
    else {
      const lc = loadCriteria(f.data, f.path);
      out.push(...lc.diagnostics);
      if (lc.criteria && !lc.diagnostics.some((d) => d.severity === 'error')) criteria.push({ path: f.path, file: lc.criteria });
    }
  }
  if (unitsPath !== null) for (const c of criteria) out.push(...quotaZero(c.file, c.path, units));
  return out;
}

/**
 * `quota-zero` (issue 19): an award given as a share whose `share × units` rounds down to 0 in
 * every block of its tier (or in the whole tier when ranked as a whole), in a phase it exists
 * in, can never be proposed. Block sizes come from the units file; without one nothing is said
 * (the sizes are unknown), and `score` shows the quota of 0 in award_lists and `award-quota`.
 */
export function quotaZero(c: CriteriaFile, path: string, units: readonly Unit[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of c.phases) {
    for (const tier of c.tiers) {
      if (!existsIn(tier.phases, phase.id)) continue;
      const mine = units.filter((u) => u.tier === tier.id && existsIn(u.phases, phase.id));
      if (!mine.length) continue;
      const sizes = new Map<string, number>();
      for (const u of mine) {
        const key = (tier.rank_by ?? 'tier') === 'block' ? (u.block ?? '') : '';
        sizes.set(key, (sizes.get(key) ?? 0) + 1);
      }
      const largest = Math.max(...sizes.values());
      const resolved = resolveTier(c, tier, phase.id);
      for (const a of resolved.awards) {
        if (!a.share) continue;
        if (Number((a.share.n * BigInt(largest)) / 10n ** BigInt(a.share.s)) > 0) continue;
        out.push({
          severity: SEVERITY['quota-zero'],
          code: 'quota-zero',
          args: { award: a.id, tier: tier.id, phase: phase.id, share: Number(`${a.share.n}e-${a.share.s}`), ...((tier.rank_by ?? 'tier') === 'block' ? { blocks: sizes.size } : {}), largest },
          path,
          line: null,
          column: null,
          tier: tier.id,
        });
      }
    }
  }
  return out;
}
