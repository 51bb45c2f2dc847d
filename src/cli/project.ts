import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Lang } from '../diagnostics/messages.js';
import { UsageError } from '../diagnostics/usage.js';

/** thidua.yaml: what `thidua init` writes so that check and score need no arguments. */
export interface ProjectFile {
  criteria?: string;
  units?: string;
  submissions?: string | string[];
  phase?: string;
  output?: string;
  tier?: string;
  /** The council's decisions file (SPEC §12), as `score --decisions`. */
  decisions?: string;
  /** Write a notice of results per unit (SPEC §10), as `score --notices`. */
  notices?: boolean;
  /** Earlier runs' results.json of child tiers (SPEC §11), as `--from`. */
  from?: string[];
}

export const PROJECT_FILE = 'thidua.yaml';

/** The project file of the current folder, or an empty one. */
export function readProject(lang: Lang): ProjectFile {
  if (!existsSync(PROJECT_FILE)) return {};
  let v: unknown;
  try {
    v = parse(readFileSync(PROJECT_FILE, 'utf8'), { maxAliasCount: 10 });
  } catch (e) {
    throw new UsageError(lang === 'vi' ? `${PROJECT_FILE}: lỗi cú pháp YAML: ${(e as Error).message.split('\n')[0]}` : `${PROJECT_FILE}: YAML syntax error: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const subs = o.submissions;
  return {
    ...(str('criteria') ? { criteria: str('criteria')! } : {}),
    ...(str('units') ? { units: str('units')! } : {}),
    ...(typeof subs === 'string' || Array.isArray(subs) ? { submissions: subs as string | string[] } : {}),
    ...(str('phase') ? { phase: str('phase')! } : {}),
    ...(str('output') ? { output: str('output')! } : {}),
    ...(str('tier') ? { tier: str('tier')! } : {}),
    ...(str('decisions') ? { decisions: str('decisions')! } : {}),
    ...(o.notices === true ? { notices: true } : {}),
    ...(typeof o.from === 'string' ? { from: [o.from] } : Array.isArray(o.from) ? { from: o.from.filter((x): x is string => typeof x === 'string') } : {}),
  };
}
