import type { Diagnostic } from '../diagnostics/types.js';
import type { TierResult } from '../scoring/types.js';
import { assess, type Assessment } from './assess.js';
import { assessOptions, type RunInput } from './run-input.js';

/**
 * `thidua check`, top to bottom: what a clerk looks at before scoring, with nothing written.
 *
 *   1. assess    every workbook read, merged, scored and ranked as `score` does (assess.ts)
 *   2. findings  the criteria and units files' warnings, then the run's
 *   3. summary   per tier: registered, received, with errors, and who sent nothing
 *
 * The CLI prints what comes back (the findings and the summary, or both as JSON) and exits 1
 * when a finding is an error.
 */

/** What `check --json` prints beside the findings. */
export interface CheckSummary {
  phase: string;
  /** How many files were read. */
  files: number;
  tiers: { id: string; registered: number | null; received: number; with_errors: number; not_submitted: { id: string; name: string }[] }[];
}

export interface CheckRun {
  diagnostics: Diagnostic[];
  /** The files read, as shown. */
  files: string[];
  tiers: TierResult[];
  summary: CheckSummary;
}

/** Reads and scores every workbook; returns what the CLI prints. */
export async function check(input: RunInput): Promise<CheckRun> {
  const a = await assess(assessOptions(input));
  const diagnostics = [...input.setup.warnings, ...a.diagnostics];
  return { diagnostics, files: a.inputs.map((i) => i.path), tiers: a.tiers, summary: summary(input.phase, a) };
}

function summary(phase: string, a: Assessment): CheckSummary {
  return {
    phase,
    files: a.inputs.length,
    tiers: a.tiers.map((t) => ({
      id: t.tier.id,
      registered: t.stats.registered,
      received: t.stats.submitted,
      with_errors: t.stats.rejected,
      not_submitted: t.units.filter((u) => u.status === 'not_submitted').map((u) => ({ id: u.id, name: u.name })),
    })),
  };
}
