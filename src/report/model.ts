import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { TierResult } from '../scoring/types.js';
import type { FileLayout } from '../submissions/read.js';
import type { ResultsMeta } from './results.js';
import type { Unit } from '../units/load.js';
import type { ChildStatistics } from '../scoring/statistics.js';

/** Everything a report shows; the same figures as results.json. */
export interface ReportModel {
  meta: ResultsMeta;
  criteria: CriteriaFile;
  tiers: TierResult[];
  diagnostics: Diagnostic[];
  layouts: FileLayout[];
  rowsRead: number;
  /** Units file, when given (successor ids for phase-over-phase). */
  units: Unit[] | null;
  /** An earlier phase's results.json (--previous), parsed; null without one. */
  previous: unknown | null;
  /** Thống kê: child tiers counted per parent (SPEC §11); absent or empty when no tier has parents. */
  statistics?: ChildStatistics[];
}
