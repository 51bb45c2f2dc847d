import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { readShipped } from '../util/shipped.js';

export function loadSchema(name: 'criteria' | 'units' | 'results' | 'decisions'): Record<string, unknown> {
  return JSON.parse(readShipped(`schemas/${name}.schema.json`).toString('utf8')) as Record<string, unknown>;
}

const cache = new Map<string, ValidateFunction>();

/** A compiled validator; ajv in strict mode, no user-controlled patterns (the schemas are ours). */
export function validator(name: 'criteria' | 'units' | 'results' | 'decisions'): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    // json-schema-to-typescript's type hint; no meaning for validation
    ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
    v = ajv.compile(loadSchema(name));
    cache.set(name, v);
  }
  return v;
}

export type { ErrorObject };
