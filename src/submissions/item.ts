/**
 * One item's value, self points and assessed points read from its cells (SPEC §3 inputs, §5),
 * with the findings they give: bad values, values out of range, uncalculated formulas, and a
 * percent typed as a fraction. Forms and rosters read an item alike.
 */
import type { PhaseItem } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Cell } from '../workbook/types.js';
import type { ItemReport, UnitReport } from './read.js';
import { cellText, mk } from './sheet.js';
import { parseCell, parsePoints, type ParsedValue } from './values.js';

function valueProblem(p: ParsedValue, item: PhaseItem, cell: string, path: string, sheet: string, unit: string, tier: string, column: { column?: string } = {}): Diagnostic | undefined {
  if (p.ok || p.blank) return undefined;
  if (p.code === 'formula-not-calculated') return mk('formula-not-calculated', path, { item: item.id, formula: p.formula ?? '', ...column }, { sheet, cell, unit, tier });
  const choices = item.rule.kind === 'choice' ? { choices: item.rule.titles.join(' | ') } : {};
  return mk('bad-value', path, { item: item.id, value: p.shown, expected: item.input, ...choices, ...column }, { sheet, cell, unit, tier });
}

/** Range of an item's value (SPEC §3 inputs), or undefined when it fits. */
export function rangeProblem(v: number, item: PhaseItem): { min: number; max?: number } | undefined {
  switch (item.input) {
    case 'percent':
      return v < 0 || v > 100 ? { min: 0, max: 100 } : undefined;
    case 'count':
      return v < 0 ? { min: 0 } : undefined;
    case 'yes_no':
    case 'choice':
    case 'cases':
      return undefined;
    case 'points': {
      const max = item.maxPoints === null ? undefined : item.maxPoints / 100;
      return v < 0 || (max !== undefined && v > max) ? { min: 0, ...(max !== undefined ? { max } : {}) } : undefined;
    }
    case 'number': {
      const min = item.valueMin ? Number(`${item.valueMin.n}e-${item.valueMin.s}`) : undefined;
      const max = item.valueMax ? Number(`${item.valueMax.n}e-${item.valueMax.s}`) : undefined;
      return (min !== undefined && v < min) || (max !== undefined && v > max) ? { min: min ?? -Infinity, ...(max !== undefined ? { max } : {}) } : undefined;
    }
  }
}

/** Value, self and assessed points of one item from its cells; problems go to the report. */
export function readItem(
  item: PhaseItem,
  row: number,
  valueCell: Cell | undefined,
  valueCol: string | undefined,
  selfCell: Cell | undefined,
  selfCol: string | undefined,
  assessedCell: Cell | undefined,
  assessedCol: string | undefined,
  report: UnitReport,
  path: string,
  sheet: string,
  form = false,
  noteCell?: Cell,
): ItemReport {
  const out: ItemReport = { value: NaN, self: NaN, assessed: NaN, row, note: null };
  // an item computed by cases has no value of its own: whatever its cell shows is not read
  const p: ParsedValue = item.input === 'cases' ? { ok: false, blank: true } : parseCell(valueCell, item.input, item.rule.kind === 'choice' ? item.rule : undefined);
  const cell = valueCol ? `${valueCol}${row}` : '';
  // a form names its columns in findings; a roster's item column is the item itself
  const column = form ? { column: 'value' } : {};
  // a roll-up item's value is computed (SPEC §11): the template's "tính từ kết quả …" is no error
  const bad = item.from && !p.ok ? undefined : valueProblem(p, item, cell, path, sheet, report.unit, report.tier, column);
  if (bad) report.errors.push(bad);
  else if (p.ok) {
    const r = rangeProblem(p.value, item);
    if (r) report.errors.push(mk('out-of-range', path, { item: item.id, value: p.value, min: r.min, ...(r.max !== undefined ? { max: r.max } : {}), ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    else if (item.input === 'count' && !Number.isInteger(p.value)) report.errors.push(mk('bad-value', path, { item: item.id, value: p.value, expected: 'count', ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    else {
      out.value = p.value;
      if (suspectPercent(item, p.value, valueCell)) report.warnings.push(mk('suspect-percent', path, { item: item.id, value: p.value, ...column }, { sheet, cell, unit: report.unit, tier: report.tier }));
    }
  }
  const points = (c: Cell | undefined, col: string | undefined, key: 'self' | 'assessed'): void => {
    if (!c || !col) return;
    const q = parsePoints(c);
    const at = `${col}${row}`;
    const max = item.maxPoints === null ? undefined : item.maxPoints / 100;
    // self points are a claim to compare with, never a reason to reject the unit (SPEC §5)
    if (key === 'self') {
      if (q.ok && q.value >= 0 && (max === undefined || q.value <= max)) out.self = q.value;
      else if (!q.ok && q.blank) return;
      else report.warnings.push(mk('self-score-invalid', path, { item: item.id, value: q.ok ? q.value : q.shown, ...(max !== undefined ? { max } : {}), column: 'self' }, { sheet, cell: at, unit: report.unit, tier: report.tier }));
      return;
    }
    const prob = valueProblem(q, { ...item, input: 'points' }, at, path, sheet, report.unit, report.tier, { column: key });
    if (prob) {
      report.errors.push(prob);
      return;
    }
    if (!q.ok) return;
    if (q.value < 0 || (max !== undefined && q.value > max)) {
      report.errors.push(mk('out-of-range', path, { item: item.id, value: q.value, min: 0, ...(max !== undefined ? { max } : {}), column: key }, { sheet, cell: at, unit: report.unit, tier: report.tier }));
      return;
    }
    out[key] = q.value;
  };
  points(selfCell, selfCol, 'self');
  points(assessedCell, assessedCol, 'assessed');
  const note = cellText(noteCell);
  if (note) out.note = note;
  return out;
}

/**
 * Whether the item's own rule gives points at rates of 1 % or less (a dropout rate under
 * 0,5 %, say), so that a small rate is a plausible answer rather than a slip.
 */
export function smallRatesCount(item: PhaseItem): boolean {
  const r = item.rule;
  const at1 = (d: { n: bigint; s: number }): boolean => d.n <= 10n ** BigInt(d.s);
  switch (r.kind) {
    case 'steps_below':
      return true;
    case 'steps':
      return r.steps.some((st) => at1(st.bound));
    case 'linear':
      return at1(r.target);
    default:
      return false;
  }
}

/**
 * A percent typed as a fraction (0,85 for 85 %): a plain number in (0, 1] in a cell that is
 * neither percent-formatted nor written with "%". Warned, never rescaled: 1 % is a real value.
 */
function suspectPercent(item: PhaseItem, v: number, c: Cell | undefined): boolean {
  if (item.input !== 'percent' || !(v > 0 && v <= 1) || !c || smallRatesCount(item)) return false;
  if (c.value.t === 'number') return c.fmt !== 'percent';
  return c.value.t === 'string' && !c.value.v.includes('%');
}
