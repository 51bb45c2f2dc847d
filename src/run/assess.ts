import { resolveTier, tierInPhase, type PhaseTier } from '../criteria/model.js';
import { tierDigest } from '../criteria/digest.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { NamePlaces } from '../scoring/score.js';
import type { TierStore } from '../scoring/store.js';
import type { TierResult } from '../scoring/types.js';
import { statistics, type ChildStatistics } from '../scoring/statistics.js';
import type { FileLayout, ReadContext } from '../submissions/read.js';
import type { Unit } from '../units/load.js';
import type { ReadLimits } from '../workbook/types.js';
import { sortDiagnostics } from './findings.js';
import type { SkippedPath } from './inputs.js';
import { readFiles } from './read-files.js';
import { childrenFirst, fromFiles, type FromFile } from './rollup.js';
import { scoreTier } from './tier.js';

/**
 * What `check` and `score` share: every workbook read, units merged across files, scored,
 * classed, ranked and proposed for awards (SPEC §3–§11). The stages, in order:
 *
 *   1. the phase    its tiers, resolved, and what reading needs to know (the units file, digests)
 *   2. read, merge  every file, on the read pool or streamed here, each unit merged into its
 *                   tier's store as it comes (read-files.ts, merge.ts)
 *   3. --from       child units from earlier runs' results.json (rollup.ts)
 *   4. tiers        children first, each one's parents, roll-ups, checks against the units
 *                   file, scores and ranking (tier.ts)
 *   5. findings     in one stable order (findings.ts); child tiers counted per parent
 */

export interface AssessOptions {
  criteria: CriteriaFile;
  phase: string;
  tierFilter?: string;
  units: Unit[] | null;
  /** Shown as the place of not-submitted findings. */
  unitsPath?: string;
  /** Sorted input paths (as the user gave them). */
  files: string[];
  lockFiles?: string[];
  /** Paths met in folders and not read (links, special files, unlistable folders), with their findings. */
  skipped?: SkippedPath[];
  limits?: Partial<ReadLimits>;
  /** CLI flag that raises each limit, named in `too-large` findings. */
  limitFlags?: Record<string, string>;
  /**
   * false: read every file, and every sheet, on this thread (tests, debugging). 'always':
   * threads whatever the sizes — the pool reads every other file, a second thread every sheet
   * of the rest (tests of the built executables).
   */
  workers?: boolean | 'always';
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number, rows: number) => void;
  /** Called with each tier's store once its units, names and blocks are final, before scoring. */
  beforeScoring?: (store: TierStore, totalUnits: number) => void;
  /** A store's units of one rank group (a block, or '' for the tier) in name order, if another thread put them in it while this one scored. */
  namePlaces?: (store: TierStore, group: string, units: number) => NamePlaces | null;
  /** Called with a ranked store's listing order (`TierStore.listingOrder`), just before its columns are put in it. */
  beforeReorder?: (store: TierStore, order: Int32Array) => void;
  /** Earlier runs' results (`--from`), whose units are children of roll-up items (SPEC §11). */
  fromResults?: FromFile[];
}

export interface Assessment {
  tiers: TierResult[];
  diagnostics: Diagnostic[];
  inputs: { path: string; sha256: string }[];
  layouts: FileLayout[];
  rowsRead: number;
  /** Thống kê: child tiers counted per parent (SPEC §11). */
  statistics: ChildStatistics[];
}

/** Reads every workbook, merges units across files, scores, classes, ranks and proposes awards. */
export async function assess(o: AssessOptions): Promise<Assessment> {
  const ctx = readContext(o);
  const m = await readFiles(o, ctx);

  // children from earlier runs: a unit met in a file and again in this run counts once
  const external = fromFiles(o.fromResults ?? [], o.criteria.movement.id, o.phase, new Set<string>(), m.diagnostics);
  for (const f of o.fromResults ?? []) if (f.sha256) m.inputs.push({ path: f.path, sha256: f.sha256 });

  const inRun = [...ctx.tiers.values()].filter((t) => !o.tierFilter || t.id === o.tierFilter);
  const ranked = new Map<string, TierResult>();
  for (const tier of childrenFirst(inRun)) {
    const result = scoreTier(tier, { o, m, unitById: ctx.units, inRun, ranked, external });
    if (result) ranked.set(tier.id, result);
  }

  // listed in the criteria's order, whatever order they were scored in
  const results = inRun.flatMap((t) => ranked.get(t.id) ?? []);
  return { tiers: results, diagnostics: sortDiagnostics(m.diagnostics), inputs: m.inputs, layouts: m.layouts, rowsRead: m.rowsRead, statistics: statistics(results, o.units) };
}

/** The phase's tiers, resolved, with their digests (`criteria-changed`) and the units file by id. */
function readContext(o: AssessOptions): ReadContext {
  const tiers = new Map<string, PhaseTier>();
  const digests = new Map<string, string>();
  for (const t of o.criteria.tiers) {
    if (!tierInPhase(t, o.phase)) continue;
    tiers.set(t.id, resolveTier(o.criteria, t, o.phase));
    digests.set(t.id, tierDigest(t));
  }
  const units = o.units ? new Map(o.units.map((u) => [u.id, u])) : null;
  return { criteria: o.criteria, phase: o.phase, tiers, ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}), units, digests };
}
