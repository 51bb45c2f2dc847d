import type { Diagnostic } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { TierResult } from '../scoring/types.js';
import type { FileLayout } from '../submissions/read.js';
import type { ResultsMeta } from './results.js';

/** Everything a report shows; the same figures as results.json. */
export interface ReportModel {
  meta: ResultsMeta;
  criteria: CriteriaFile;
  tiers: TierResult[];
  diagnostics: Diagnostic[];
  layouts: FileLayout[];
  rowsRead: number;
}
