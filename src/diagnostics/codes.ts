/** The closed list of diagnostic codes (SPEC §7). */
export const CRITERIA_CODES = [
  'yaml-syntax',
  'schema',
  'duplicate-id',
  'unknown-tag',
  'unknown-phase',
  'unknown-class',
  'max-mismatch',
  'steps-order',
  'rule-missing',
  'unreachable',
  // SPEC §11
  'unknown-tier',
  'rollup-cycle',
] as const;

export const SUBMISSION_CODES = [
  'unreadable-file',
  'encrypted',
  'too-large',
  'header-not-found',
  'unit-unknown',
  'unit-not-registered',
  'tier-mismatch',
  'phase-mismatch',
  'duplicate-entry',
  'unknown-item',
  'missing-value',
  'bad-value',
  'out-of-range',
  'formula-not-calculated',
  'criteria-changed',
  'self-score-differs',
  'not-submitted',
  // SPEC §11
  'rollup-differs',
  'no-parent',
  'from-mismatch',
] as const;

/**
 * Beyond SPEC §7: advice from `lint` that a careful author wants, and the checks of a round
 * trip with units (a percent typed as a fraction, bad self points, a form sent back empty).
 * Then the council's decisions file (SPEC §12: `decision-unknown`) and the award advice of
 * issue 19 (`quota-zero`: a share that gives no unit anything). All but `units-file` and
 * `decision-unknown` are warnings: they never change the exit code.
 */
export const ADVICE_CODES = ['items-exceed-group', 'unquoted-comma', 'legacy-encoding', 'lock-file-skipped', 'path-skipped', 'units-file', 'suspect-percent', 'self-score-invalid', 'empty-form', 'decision-unknown', 'quota-zero'] as const;

export type CriteriaCode = (typeof CRITERIA_CODES)[number];
export type SubmissionCode = (typeof SUBMISSION_CODES)[number];
export type AdviceCode = (typeof ADVICE_CODES)[number];
export type Code = CriteriaCode | SubmissionCode | AdviceCode;

export const ALL_CODES: readonly Code[] = [...CRITERIA_CODES, ...SUBMISSION_CODES, ...ADVICE_CODES];

export type Severity = 'error' | 'warning';

/** Severity is fixed by the code: SPEC §7 names the warnings. */
export const SEVERITY = {
  'yaml-syntax': 'error',
  schema: 'error',
  'duplicate-id': 'error',
  'unknown-tag': 'error',
  'unknown-phase': 'error',
  'unknown-class': 'error',
  'max-mismatch': 'error',
  'steps-order': 'error',
  'rule-missing': 'error',
  unreachable: 'error',
  'unknown-tier': 'error',
  'rollup-cycle': 'error',
  'rollup-differs': 'warning',
  'no-parent': 'warning',
  'from-mismatch': 'error',
  'unreadable-file': 'error',
  encrypted: 'error',
  'too-large': 'error',
  'header-not-found': 'error',
  'unit-unknown': 'error',
  'unit-not-registered': 'error',
  'tier-mismatch': 'error',
  'phase-mismatch': 'error',
  'duplicate-entry': 'error',
  'unknown-item': 'error',
  'missing-value': 'warning',
  'bad-value': 'error',
  'out-of-range': 'error',
  'formula-not-calculated': 'error',
  'criteria-changed': 'warning',
  'self-score-differs': 'warning',
  'not-submitted': 'warning',
  'suspect-percent': 'warning',
  'self-score-invalid': 'warning',
  'empty-form': 'warning',
  'items-exceed-group': 'warning',
  'unquoted-comma': 'warning',
  'legacy-encoding': 'warning',
  'lock-file-skipped': 'warning',
  'path-skipped': 'warning',
  'units-file': 'error',
  'decision-unknown': 'error',
  'quota-zero': 'warning',
} as const satisfies Record<Code, Severity>;
