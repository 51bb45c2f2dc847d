import { createHash } from 'node:crypto';
import { UsageError } from '../diagnostics/usage.js';
import { loadCriteria } from '../criteria/load.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import { loadUnits, type Unit } from '../units/load.js';
import { loadUnitsXlsx } from '../units/xlsx.js';

/** A criteria file that cannot be used stops the command (exit 2), with its findings. */
export class CriteriaError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('criteria');
  }
}

export interface Setup {
  criteria: CriteriaFile;
  criteriaSha: string;
  units: Unit[] | null;
  unitsSha: string | null;
  /** Findings about the criteria and units files that do not stop the run. */
  warnings: Diagnostic[];
}

/** Loads and checks the criteria and units files, the phase and the tier. */
export async function setup(opts: {
  criteriaPath: string;
  criteriaData: Uint8Array;
  unitsPath?: string;
  unitsData?: Uint8Array;
  phase?: string;
  tier?: string;
  lang: Lang;
  needPhase: boolean;
}): Promise<Setup> {
  const vi = opts.lang === 'vi';
  const loaded = loadCriteria(opts.criteriaData, opts.criteriaPath);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.criteria || errors.length) throw new CriteriaError(loaded.diagnostics);
  const criteria = loaded.criteria;
  const warnings = [...loaded.diagnostics];
  if (opts.needPhase) {
    if (!opts.phase) throw new UsageError(vi ? `cần --phase (một trong: ${criteria.phases.map((p) => p.id).join(', ')})` : `--phase is required (one of: ${criteria.phases.map((p) => p.id).join(', ')})`);
    if (!criteria.phases.some((p) => p.id === opts.phase)) {
      throw new UsageError(vi ? `giai đoạn "${opts.phase}" không có trong ${opts.criteriaPath} (có: ${criteria.phases.map((p) => p.id).join(', ')})` : `phase "${opts.phase}" is not in ${opts.criteriaPath} (it has: ${criteria.phases.map((p) => p.id).join(', ')})`);
    }
  }
  if (opts.tier && !criteria.tiers.some((t) => t.id === opts.tier)) {
    throw new UsageError(vi ? `đối tượng "${opts.tier}" không có trong ${opts.criteriaPath} (có: ${criteria.tiers.map((t) => t.id).join(', ')})` : `tier "${opts.tier}" is not in ${opts.criteriaPath} (it has: ${criteria.tiers.map((t) => t.id).join(', ')})`);
  }
  let units: Unit[] | null = null;
  let unitsSha: string | null = null;
  if (opts.unitsPath && opts.unitsData) {
    const lu = /\.(xlsx|xlsm)$/i.test(opts.unitsPath) ? await loadUnitsXlsx(opts.unitsData, opts.unitsPath) : loadUnits(opts.unitsData, opts.unitsPath);
    const tierIds = new Set(criteria.tiers.map((t) => t.id));
    for (const u of lu.units) {
      if (!tierIds.has(u.tier)) lu.diagnostics.push({ severity: 'error', code: 'units-file', args: { reason: 'unknown-tier', unit: u.id, tier: u.tier }, path: opts.unitsPath, line: u.line ?? null, column: null });
    }
    if (lu.diagnostics.some((d) => d.severity === 'error')) throw new CriteriaError(lu.diagnostics);
    warnings.push(...lu.diagnostics);
    units = lu.units;
    unitsSha = createHash('sha256').update(opts.unitsData).digest('hex');
  }
  return { criteria, criteriaSha: createHash('sha256').update(opts.criteriaData).digest('hex'), units, unitsSha, warnings };
}
