import type { Code, Severity } from './codes.js';

/** Arguments of a message; the wording lives in messages.ts. */
export type MessageArgs = Record<string, string | number | undefined>;

/**
 * One finding. Criteria and units files carry line/column (1-based);
 * workbooks carry sheet/cell (`D14`). `path` is as the user gave it.
 */
export interface Diagnostic {
  severity: Severity;
  code: Code;
  args: MessageArgs;
  path: string;
  line?: number | null;
  column?: number | null;
  sheet?: string | null;
  cell?: string | null;
  /** Unit the finding concerns, where known. */
  unit?: string | null;
  tier?: string | null;
}
