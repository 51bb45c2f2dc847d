import type { InputKind } from '../criteria/model.js';
import type { Cell, CellValue } from '../workbook/types.js';
import { dec, percentOf, toNumber } from '../util/decimal.js';
import { fold } from './text.js';

/** A reported value read from a cell: a number (yes_no as 1/0), blank, or why it is not usable. */
export type ParsedValue =
  | { ok: true; value: number }
  | { ok: false; blank: true }
  | { ok: false; blank: false; code: 'bad-value' | 'formula-not-calculated'; shown: string; formula?: string };

const YES = new Set(['co', 'dat', 'x', 'yes', 'y', 'true', '1', 'v', '✓', '✔', 'ok', 'roi', 'da thuc hien', 'hoan thanh']);
const NO = new Set(['khong', 'khong dat', 'no', 'n', 'false', '0', 'chua', 'chua dat', 'chua thuc hien', '-']);

/**
 * A number typed as text, the Vietnamese way: `12,5` = 12.5, `1.234,5` = 1234.5,
 * `1.234` = 1234 (a dot before exactly three digits groups thousands), `85%` = 85.
 * Returns the exact decimal text, or undefined.
 */
export function parseNumberText(raw: string): { text: string; percent: boolean } | undefined {
  let t = raw.normalize('NFC').replace(/[\s\u00a0]/g, '');
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1);
  }
  if (!/^[+-]?[\d.,]+$/.test(t) || !/\d/.test(t)) return undefined;
  const sign = t.startsWith('-') ? '-' : '';
  t = t.replace(/^[+-]/, '');
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  let out: string;
  if (dots && commas) {
    // the later separator is the decimal one
    const decSep = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const grp = decSep === ',' ? '.' : ',';
    const [int, frac, extra] = t.split(decSep);
    if (extra !== undefined || !int || !/^(0|[1-9]\d{0,2}([.,]\d{3})*)$/.test(int) || int.includes(decSep)) return undefined;
    out = `${int.split(grp).join('')}.${frac ?? ''}`;
  } else if (commas) {
    if (commas === 1) out = t.replace(',', '.');
    else if (/^[1-9]\d{0,2}(,\d{3})+$/.test(t)) out = t.replace(/,/g, '');
    else return undefined;
  } else if (dots) {
    // a leading 0 never starts a thousands group: "0.500" is a half
    if (/^[1-9]\d{0,2}(\.\d{3})+$/.test(t)) out = t.replace(/\./g, '');
    else if (dots === 1) out = t;
    else return undefined;
  } else out = t;
  if (out.endsWith('.')) out = out.slice(0, -1);
  if (out.startsWith('.')) out = `0${out}`;
  return { text: sign + out, percent };
}

function shown(v: CellValue): string {
  switch (v.t) {
    case 'number':
      return String(v.v);
    case 'string':
      return v.v;
    case 'boolean':
      return v.v ? 'TRUE' : 'FALSE';
    case 'error':
      return v.v;
    case 'date':
      return v.v;
    case 'formula-no-value':
      return `=${v.formula}`;
  }
}

/** The levels of a `choice` item, as its rule lists them. */
export interface Choices {
  ids: readonly string[];
  titles: readonly string[];
}

const choiceKeys = new WeakMap<Choices, Map<string, number>>();

/**
 * A choice typed as its title or its id, ignoring case, diacritics and extra spaces (SPEC
 * §14): folded text → index. An id wins over a title that folds the same.
 */
function choiceIndex(choices: Choices): Map<string, number> {
  let m = choiceKeys.get(choices);
  if (m) return m;
  m = new Map();
  const key = (s: string): string => fold(s).replace(/[.;]+$/, '');
  choices.titles.forEach((t, i) => m!.set(key(t), i));
  choices.ids.forEach((id, i) => m!.set(key(id), i));
  choiceKeys.set(choices, m);
  return m;
}

/** Reads a cell as the value of an item of the given input kind (SPEC §5); a choice as its index. */
export function parseCell(cell: Cell | undefined, input: InputKind, choices?: Choices): ParsedValue {
  if (!cell) return { ok: false, blank: true };
  const v = cell.value;
  if (v.t === 'formula-no-value') return { ok: false, blank: false, code: 'formula-not-calculated', shown: shown(v), formula: v.formula };
  if (v.t === 'string' && v.v.trim() === '') return { ok: false, blank: true };
  const bad = (): ParsedValue => ({ ok: false, blank: false, code: 'bad-value', shown: shown(v) });
  if (input === 'choice') {
    if (!choices || (v.t !== 'string' && v.t !== 'number')) return bad();
    const i = choiceIndex(choices).get(fold(String(v.v)).replace(/[.;]+$/, ''));
    return i === undefined ? bad() : { ok: true, value: i };
  }
  if (input === 'yes_no') {
    if (v.t === 'boolean') return { ok: true, value: v.v ? 1 : 0 };
    if (v.t === 'number') return v.v === 1 || v.v === 0 ? { ok: true, value: v.v } : bad();
    if (v.t === 'string') {
      const f = fold(v.v).replace(/[.!]+$/, '');
      if (YES.has(f)) return { ok: true, value: 1 };
      if (NO.has(f)) return { ok: true, value: 0 };
    }
    return bad();
  }
  let value: number;
  if (v.t === 'number') {
    if (!Number.isFinite(v.v)) return bad();
    // a cell shown as "85%" holds 0.85: the clerk typed 85
    value = (input === 'percent' || input === 'number') && cell.fmt === 'percent' ? percentOf(v.v) : v.v;
    if (cell.fmt === 'date') return bad();
  } else if (v.t === 'string') {
    const p = parseNumberText(v.v);
    if (!p) return bad();
    if (p.percent && input !== 'percent') return bad();
    value = toNumber(dec(p.text));
  } else return bad();
  if (Object.is(value, -0)) value = 0;
  return { ok: true, value };
}

/** Points typed by a person (Điểm tự chấm, Điểm thẩm định): a number, or blank. */
export function parsePoints(cell: Cell | undefined): ParsedValue {
  return parseCell(cell, 'points');
}
