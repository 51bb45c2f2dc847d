import type { Diagnostic } from '../diagnostics/types.js';
import type { UnitsFile } from '../generated/units.js';
import { schemaDiagnostics } from '../criteria/load.js';
import { diag, locate, parseYaml, UNITS_LIMITS } from '../criteria/source.js';
import { inertText } from '../util/text.js';

/** Đơn vị đăng ký: a unit of the units file. */
export interface Unit {
  id: string;
  name: string;
  tier: string;
  block?: string;
  parent?: string;
  phases?: string[];
  successor?: string;
  /** Where it was declared, for messages. */
  line?: number;
}

export interface LoadedUnits {
  units: Unit[];
  diagnostics: Diagnostic[];
}

const text = (v: string | number | undefined): string | undefined => (v === undefined ? undefined : inertText(String(v).normalize('NFC')).trim());

/** YAML units file → units + diagnostics. */
export function loadUnits(data: Uint8Array | string, path: string): LoadedUnits {
  const parsed = parseYaml(data, path, UNITS_LIMITS);
  if (!parsed.source) return { units: [], diagnostics: parsed.diagnostics };
  const src = parsed.source;
  const diagnostics = schemaDiagnostics(src, 'units');
  if (diagnostics.length) return { units: [], diagnostics: [...parsed.diagnostics, ...diagnostics] };
  diagnostics.push(...parsed.diagnostics);
  const file = src.value as UnitsFile;
  const units: Unit[] = [];
  const seen = new Set<string>();
  file.units.forEach((u, i) => {
    const id = text(u.id)!;
    const pos = locate(src, ['units', i, 'id']);
    if (seen.has(id)) {
      diagnostics.push(diag('duplicate-id', path, { id, kind: 'unit' }, pos));
      return;
    }
    seen.add(id);
    units.push({
      id,
      name: text(u.name)!,
      tier: u.tier,
      ...(u.block ? { block: text(u.block)! } : {}),
      ...(u.parent !== undefined ? { parent: text(u.parent)! } : {}),
      ...(u.phases ? { phases: u.phases } : {}),
      ...(u.successor !== undefined ? { successor: text(u.successor)! } : {}),
      line: pos.line,
    });
  });
  return { units, diagnostics };
}
