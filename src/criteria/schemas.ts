/**
 * The validators of the files a user writes (schemas/*.schema.json). The validators are ajv's,
 * compiled ahead of time from schemas/ by `npm run gen:types` (src/generated/validate-*.ts;
 * a test fails when they are stale): compiling them at start-up cost every run about 100 ms.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import validateCriteria from '../generated/validate-criteria.js';
import validateUnits from '../generated/validate-units.js';
import validateDecisions from '../generated/validate-decisions.js';

/** A validator as ajv makes them: true, or false with the errors on the function. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const VALIDATORS: Record<'criteria' | 'units' | 'decisions', ValidateFunction> = {
  criteria: validateCriteria as ValidateFunction,
  units: validateUnits as ValidateFunction,
  decisions: validateDecisions as ValidateFunction,
};

/** The compiled validator of a schema (ajv, strict, all errors; no user-controlled patterns). */
export function validator(name: 'criteria' | 'units' | 'decisions'): ValidateFunction {
  return VALIDATORS[name];
}

export type { ErrorObject };
