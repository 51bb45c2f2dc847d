import type { PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';

/**
 * What one unit reported for one tier, merged from every file that mentioned it.
 * Arrays are aligned with `PhaseTier.items`; NaN means "not given". yes_no values are 1/0.
 * Kept compact on purpose: a household roster holds a million of these.
 */
export interface UnitInput {
  id: string;
  name: string;
  /** Khối/cụm thi đua, or '' when none. */
  block: string;
  values: Float64Array;
  /** Điểm thẩm định (assessed points), NaN where not filled. */
  assessed: Float64Array | null;
  /** Điểm tự chấm (self points), NaN where not filled. */
  self: Float64Array | null;
  /** Total the unit wrote itself, when its workbook had one. */
  selfTotal: number | null;
  /** Errors that keep the unit from being scored (SPEC §5: rejected with its reasons). */
  errors: Diagnostic[];
  /** First source, for the report. */
  source: { path: string; sheet: string; row?: number } | null;
  /**
   * Where each item was read: 1-based index into the run's file layouts (negative: a blank
   * cell seen there; 0: nowhere) and the row. Aligned with `PhaseTier.items`.
   */
  at?: { layout: Int32Array; row: Int32Array } | null;
}

export type UnitStatus = 'scored' | 'rejected' | 'not_submitted';

/** Đơn vị đã chấm: a unit's figures. Points are integer hundredths. */
export interface ScoredUnit {
  id: string;
  name: string;
  block: string;
  status: UnitStatus;
  /** Hundredths per item (aligned with tier.items); empty unless scored. */
  points: Int32Array;
  /** Which items' points came from Điểm thẩm định. */
  assessedUsed: Uint8Array;
  /** Hundredths per group id (every group, nested too; penalty as the deduction). */
  groups: Map<string, number>;
  bonus: number;
  penalty: number;
  total: number | null;
  selfTotal: number | null;
  classId: string | null;
  rank: number | null;
  criticalFailed: string[];
  awards: string[];
  awardTies: string[];
  input: UnitInput | null;
}

/** Registered units of a tier (from the units file), with their blocks. */
export interface Registration {
  id: string;
  name: string;
  block: string;
}

export interface TierResult {
  tier: PhaseTier;
  /** Ordered as SPEC §6: by block, then rank, then name; unranked last. */
  units: ScoredUnit[];
  /** Block order used for listing. */
  blocks: string[];
  stats: TierStats;
}

export interface TierStats {
  registered: number | null;
  submitted: number;
  scored: number;
  rejected: number;
  not_submitted: number;
  /** Hundredths, over scored units; null when none. */
  mean: number | null;
  classes: Record<string, number>;
  awards: Record<string, number>;
}
