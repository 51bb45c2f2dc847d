import type { Diagnostic } from '../diagnostics/types.js';
import { SEVERITY } from '../diagnostics/codes.js';
import { fold } from '../submissions/text.js';
import { openWorkbook } from '../workbook/read/index.js';
import { WorkbookError, type Cell } from '../workbook/types.js';
import type { LoadedUnits, Unit } from './load.js';
import { inertText } from '../util/text.js';

const COLUMNS: Record<keyof Omit<Unit, 'line'>, string[]> = {
  id: ['id', 'ma don vi', 'ma'],
  name: ['name', 'ten don vi', 'ten'],
  tier: ['tier', 'doi tuong thi dua', 'doi tuong'],
  block: ['block', 'khoi', 'khoi thi dua', 'cum thi dua'],
  parent: ['parent', 'don vi cap tren', 'cap tren'],
  phases: ['phases', 'giai doan'],
  successor: ['successor', 'ke thua', 'don vi ke thua'],
};

const text = (c: Cell | undefined): string => {
  if (!c) return '';
  const v = c.value;
  return v.t === 'string' ? inertText(v.v.normalize('NFC')).trim() : v.t === 'number' ? String(v.v) : v.t === 'boolean' ? String(v.v) : '';
};

/** A units workbook with the columns of the YAML file (first sheet, header row near the top). */
export async function loadUnitsXlsx(data: Uint8Array, path: string): Promise<LoadedUnits> {
  const diag = (args: Record<string, string | number>, cell?: string, code: 'units-file' | 'duplicate-id' = 'units-file'): Diagnostic => ({
    severity: SEVERITY[code],
    code,
    args,
    path,
    sheet: sheetName,
    cell: cell ?? null,
  });
  let sheetName: string | null = null;
  const units: Unit[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const wb = await openWorkbook(data);
    const sheet = wb.sheets.find((s) => s.state === 'visible');
    if (!sheet) return { units, diagnostics: [diag({ reason: 'header' })] };
    sheetName = sheet.name;
    let cols: Partial<Record<keyof typeof COLUMNS, number>> | null = null;
    const seen = new Set<string>();
    await wb.readRows(sheet.name, (r, cells) => {
      if (!cols) {
        const found: Partial<Record<keyof typeof COLUMNS, number>> = {};
        for (const c of cells) {
          const f = fold(text(c));
          for (const k of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) if (found[k] === undefined && COLUMNS[k].includes(f)) found[k] = c.col;
        }
        if (found.id !== undefined && found.name !== undefined && found.tier !== undefined) cols = found;
        else if (r > 50) return false;
        return;
      }
      const by = new Map(cells.map((c) => [c.col, c]));
      const get = (k: keyof typeof COLUMNS): string => (cols![k] !== undefined ? text(by.get(cols![k]!)) : '');
      const id = get('id');
      if (!id && !get('name')) return;
      for (const k of ['id', 'name', 'tier'] as const) if (!get(k)) diagnostics.push(diag({ reason: 'missing-field', row: r, field: k }));
      if (!id || !get('name') || !get('tier')) return;
      if (seen.has(id)) {
        diagnostics.push(diag({ id, kind: 'unit' }, `A${r}`, 'duplicate-id'));
        return;
      }
      seen.add(id);
      const phases = get('phases')
        .split(/[,;\s]+/)
        .filter(Boolean);
      units.push({
        id,
        name: get('name'),
        tier: get('tier'),
        ...(get('block') ? { block: get('block') } : {}),
        ...(get('parent') ? { parent: get('parent') } : {}),
        ...(phases.length ? { phases } : {}),
        ...(get('successor') ? { successor: get('successor') } : {}),
        line: r,
      });
    });
    if (!cols) diagnostics.push(diag({ reason: 'header' }));
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    diagnostics.push({ severity: 'error', code: e.code, args: { reason: e.reason, ...e.detail }, path, sheet: null, cell: null });
  }
  return { units, diagnostics };
}
