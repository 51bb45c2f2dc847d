import type { Diagnostic } from '../diagnostics/types.js';
import type { DecisionsFile } from '../generated/decisions.js';
import { schemaDiagnostics } from '../criteria/load.js';
import { diag, locate, parseYaml } from '../criteria/source.js';

import type { Decision } from '../scoring/types.js';

export type { Decision };

export interface LoadedDecisions {
  /** The phase the file is for; null when it could not be read. */
  phase: string | null;
  decisions: Decision[];
  /** Where `phase:` stands, for a `decision-unknown` about it. */
  phaseAt: { line: number; column: number };
  diagnostics: Diagnostic[];
}

const text = (v: string | number): string => String(v).normalize('NFC').trim();

/**
 * decisions.yaml (`thidua.decisions/v1`) → decisions + diagnostics: schema errors with
 * line:column as for the criteria, and a second decision on the same unit and award as
 * `duplicate-entry` naming the first one's line. Whether units and awards exist is for
 * {@link applyDecisions}, which knows the results.
 */
export function loadDecisions(data: Uint8Array | string, path: string): LoadedDecisions {
  const none = { phase: null, decisions: [], phaseAt: { line: 1, column: 1 } };
  const parsed = parseYaml(data, path);
  if (!parsed.source) return { ...none, diagnostics: parsed.diagnostics };
  const src = parsed.source;
  const diagnostics = schemaDiagnostics(src, 'decisions');
  if (diagnostics.length) return { ...none, diagnostics: [...parsed.diagnostics, ...diagnostics] };
  diagnostics.push(...parsed.diagnostics);
  const file = src.value as DecisionsFile;
  const all: Decision[] = [];
  const seen = new Map<string, number>();
  const twice = new Set<string>();
  file.decisions.forEach((d, i) => {
    const unit = text(d.unit);
    const pos = locate(src, ['decisions', i, 'unit']);
    const key = `${unit}\u0000${d.award}`;
    const first = seen.get(key);
    if (first !== undefined) {
      diagnostics.push({ ...diag('duplicate-entry', path, { unit, award: d.award, other: `${path}:${first}` }, pos), unit });
      twice.add(key);
      return;
    }
    seen.set(key, pos.line);
    all.push({ unit, award: d.award, grant: d.grant, reason: d.reason.normalize('NFC').trim(), line: pos.line, column: pos.column });
  });
  // neither of two decisions on the same award is applied: which one the council meant is for the clerk to say
  const decisions = all.filter((d) => !twice.has(`${d.unit}\u0000${d.award}`));
  return { phase: file.phase, decisions, phaseAt: locate(src, ['phase']), diagnostics };
}
