import { createHash } from 'node:crypto';
import { loadDecisions } from '../decisions/load.js';
import { existsIn } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { applyDecisions } from '../scoring/decide.js';
import type { Unit } from '../units/load.js';
import type { Assessment } from './assess.js';
import { sortDiagnostics } from './findings.js';
import { CriteriaError } from './setup.js';

/**
 * `score --decisions` (SPEC §12): the decisions file read and checked, then applied to the
 * ranked tiers. A file that cannot be read as decisions (YAML or schema errors) stops the
 * run like a broken units file; decisions naming unknown units or awards, or given twice,
 * are errors in the outputs, and the rest still apply. The file joins `inputs` with its sha256.
 */
export function decide(a: Assessment, file: { path: string; data: Uint8Array }, phase: string, units: readonly Unit[] | null): Assessment {
  const loaded = loadDecisions(file.data, file.path);
  if (loaded.phase === null) throw new CriteriaError(loaded.diagnostics);
  const scored = new Set(a.tiers.map((t) => t.tier.id));
  // units of tiers this run did not score (--tier): their decisions wait for that run
  const elsewhere = new Set((units ?? []).filter((u) => !scored.has(u.tier) && existsIn(u.phases, phase)).map((u) => u.id));
  const applied = applyDecisions(a.tiers, { path: file.path, phase: loaded.phase, phaseAt: loaded.phaseAt, decisions: loaded.decisions }, phase, elsewhere);
  const diagnostics: Diagnostic[] = sortDiagnostics([...a.diagnostics, ...loaded.diagnostics, ...applied.diagnostics]);
  return {
    ...a,
    tiers: applied.tiers,
    diagnostics,
    inputs: [...a.inputs, { path: file.path, sha256: createHash('sha256').update(file.data).digest('hex') }],
  };
}
