import { createHash } from 'node:crypto';
import type { Tier } from '../generated/criteria.js';

/** JSON with keys sorted at every level: the same table always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** SHA-256 of the canonical tier definition, written into templates to spot a changed table. */
export function tierDigest(tier: Tier): string {
  return createHash('sha256').update(canonicalJson(tier)).digest('hex');
}
