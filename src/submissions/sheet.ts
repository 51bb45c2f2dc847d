/**
 * What form and roster reading share: a cell's text as shown, the label cells above a table
 * ("Mã đơn vị:", "Khối:", "Đợt:"…) and the tier and phase names they give, the criteria-digest
 * check, a cell too long to read, and the diagnostics built along the way.
 */
import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import { colName } from '../workbook/cells.js';
import { TOO_LONG_TEXT, type Cell } from '../workbook/types.js';
import type { ReadContext, ReadSink } from './read.js';
import { fold, LABELS, matchAny } from './text.js';
import { inertText } from '../util/text.js';

/** A finding about a file, at a sheet, cell, unit and tier when known. */
export function mk(code: Code, path: string, args: MessageArgs, where: { sheet?: string; cell?: string; unit?: string; tier?: string } = {}): Diagnostic {
  return {
    severity: SEVERITY[code],
    code,
    args,
    path,
    sheet: where.sheet ?? null,
    cell: where.cell || null,
    ...(where.unit ? { unit: where.unit } : {}),
    ...(where.tier ? { tier: where.tier } : {}),
  };
}

/** Text of a cell as shown: numbers in their shortest form (1.1 typed as a number is "1.1"). */
export function cellText(c: Cell | undefined): string {
  if (!c) return '';
  const v = c.value;
  switch (v.t) {
    case 'string':
      return inertText(latin1(v.v) ? v.v : v.v.normalize('NFC')).trim();
    case 'number':
      return String(v.v);
    case 'boolean':
      return v.v ? 'TRUE' : 'FALSE';
    case 'date':
    case 'error':
      return v.v;
    case 'formula-no-value':
      return '';
  }
}

/**
 * Whether text is all Latin-1, so already NFC (no character there composes with another): ids
 * and village names skip the normaliser, whose fixed cost per call, three calls a roster row,
 * adds up over a million rows.
 */
export function latin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** What the label cells above a table (or the hidden `_thidua` sheet) say. */
export interface Labels {
  unit?: string;
  /** Cell holding the unit id. */
  unitCell?: string;
  name?: string;
  tier?: string;
  phase?: string;
  digest?: string;
  movement?: string;
  parent?: string;
}

/** Cells of a row by column (an array: a Map per row of a million-row roster costs seconds). */
export function byRef(cells: Cell[]): { get(col: number): Cell | undefined } {
  const a: (Cell | undefined)[] = [];
  for (const c of cells) a[c.col] = c;
  return { get: (col: number) => a[col] };
}

/** Label cells: the value is the next non-empty cell to the right. */
export function readLabels(cells: Cell[], into: Labels): void {
  const sorted = [...cells].sort((a, b) => a.col - b.col);
  for (let i = 0; i < sorted.length; i++) {
    const t = cellText(sorted[i]);
    if (!t) continue;
    const key = (Object.keys(LABELS) as (keyof typeof LABELS)[]).find((k) => matchAny(t, LABELS[k]));
    if (!key || into[key] !== undefined) continue;
    const next = sorted.slice(i + 1).find((c) => cellText(c) !== '');
    if (next) {
      into[key] = cellText(next);
      if (key === 'unit') into.unitCell = `${colName(next.col)}${next.row}`;
    }
  }
}

/** The tier a label names, by id or title. */
export function matchTier(ctx: ReadContext, text: string): string | undefined {
  const f = fold(text);
  for (const t of ctx.criteria.tiers) if (fold(t.id) === f || fold(t.title) === f) return t.id;
  return undefined;
}

/** The phase a label names, by id or title. */
export function matchPhase(ctx: ReadContext, text: string): string | undefined {
  const f = fold(text);
  for (const p of ctx.criteria.phases) if (fold(p.id) === f || fold(p.title) === f) return p.id;
  return undefined;
}

/** `criteria-changed` when the template was made from another definition of the tier. */
export function checkDigest(ctx: ReadContext, tier: string, labels: Labels, path: string, sheet: string, sink: ReadSink, unit?: string): void {
  if (labels.digest && ctx.digests.get(tier) && labels.digest !== ctx.digests.get(tier)) {
    sink.diag(mk('criteria-changed', path, {}, { sheet, tier, ...(unit ? { unit } : {}) }));
  }
}

/** A cell whose text is longer than a cell may hold (the reader gave it as {@link TOO_LONG_TEXT}). */
export function tooLongCell(cells: Cell[]): Cell | undefined {
  for (const c of cells) if (c.value.t === 'string' && c.value.v === TOO_LONG_TEXT) return c;
  return undefined;
}
