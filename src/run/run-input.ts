import type { ReadLimits } from '../workbook/types.js';
import type { AssessOptions } from './assess.js';
import type { SkippedPath } from './inputs.js';
import type { FromFile } from './rollup.js';
import type { Setup } from './setup.js';

/**
 * What `check` and `score` start from, as the CLI hands it over: the criteria and units files
 * checked (setup.ts), the workbooks found (inputs.ts), earlier runs' results (`--from`) and
 * how to read. Paths are as shown in findings and outputs.
 */
export interface RunInput {
  setup: Setup;
  phase: string;
  /** --tier: this tier only. */
  tier?: string;
  /** The units file as shown, the place of `not-submitted` findings; none without one. */
  unitsPath?: string;
  files: string[];
  lockFiles: string[];
  skipped: SkippedPath[];
  limits: Partial<ReadLimits>;
  /** The flag that raises each read limit, named in `too-large` findings. */
  limitFlags: Record<string, string>;
  from: FromFile[];
  /** Threads or not (see {@link AssessOptions.workers}). */
  workers: boolean | 'always';
  /** After each file: a progress bar. */
  onProgress?: (done: number, total: number, rows: number) => void;
}

/** What assess (the first stage of both commands) is given for a run. */
export function assessOptions(r: RunInput): AssessOptions {
  return {
    criteria: r.setup.criteria,
    phase: r.phase,
    ...(r.tier ? { tierFilter: r.tier } : {}),
    units: r.setup.units,
    ...(r.unitsPath ? { unitsPath: r.unitsPath } : {}),
    files: r.files,
    lockFiles: r.lockFiles,
    skipped: r.skipped,
    limits: r.limits,
    limitFlags: r.limitFlags,
    fromResults: r.from,
    workers: r.workers,
    ...(r.onProgress ? { onProgress: r.onProgress } : {}),
  };
}
