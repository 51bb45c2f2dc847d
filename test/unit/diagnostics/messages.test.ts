import { describe, expect, it } from 'vitest';
import { ADVICE_CODES, ALL_CODES, CRITERIA_CODES, SEVERITY, SUBMISSION_CODES, type Code } from '../../../src/diagnostics/codes.js';
import { CODES_WITH_WORDING } from '../../../src/diagnostics/format.js';
import { formatMessage, MESSAGES } from '../../../src/diagnostics/messages.js';
import type { MessageArgs } from '../../../src/diagnostics/types.js';

/** Vietnamese letters that carry a diacritic (lower case; messages are compared lower-cased). */
const VI_DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/;

/** Plausible arguments for each code, as the loaders and readers pass them. */
const ARGS: Record<Code, MessageArgs> = {
  'yaml-syntax': { detail: 'Unexpected scalar at node end' },
  schema: { rule: 'required', key: 'issuer', at: 'movement' },
  'duplicate-id': { id: '1.1', kind: 'criterion' },
  'unknown-tag': { tag: 'nd: ND9' },
  'unknown-phase': { phase: 'gd9' },
  'unknown-class': { class: 'xyz' },
  'max-mismatch': { tier: 'xa', phase: 'gd1', max: 100, sum: 95.5 },
  'steps-order': { item: '1.2', phase: 'gd1', kind: 'steps' },
  'rule-missing': { item: '1.1', reason: 'none' },
  unreachable: { group: '1', phase: 'gd1', max: 20, fill: 15 },
  'unreadable-file': { reason: 'xls' },
  encrypted: {},
  'too-large': { reason: 'file-size', actual: 300_000_000, limit: 200_000_000, flag: '--max-file-size' },
  'header-not-found': {},
  'unit-unknown': {},
  'unit-not-registered': { unit: 'XA-999', tier: 'xa' },
  'tier-mismatch': { found: 'ho', expected: 'xa' },
  'phase-mismatch': { found: 'gd2', expected: 'gd1' },
  'duplicate-entry': { item: '1.1', unit: 'XA-001', other: 'a.xlsx [Phiếu]!D14' },
  'unknown-item': { item: '9.9', tier: 'xa', phase: 'gd1' },
  'missing-value': { item: '1.1', critical: 1 },
  'bad-value': { item: '1.2', value: 'nhiều', expected: 'percent' },
  'out-of-range': { item: '1.2', value: 120, min: 0, max: 100 },
  'formula-not-calculated': { formula: 'SUM(D5:D9)' },
  'criteria-changed': {},
  'self-score-differs': { item: '1.2', self: 10, computed: 8.5 },
  'not-submitted': { unit: 'XA-002', name: 'UBND phường Quy Nhơn Nam', tier: 'xa' },
  'items-exceed-group': { group: '1', phase: 'gd1', max: 20, fill: 25 },
  'unquoted-comma': { text: 'Tuyên truyền, vận động' },
  'legacy-encoding': { encoding: 'tcvn3', font: '.VnTime', text: 'Tuyên truyền' },
  'lock-file-skipped': {},
  'path-skipped': { reason: 'dir-link', target: '/etc' },
  'units-file': { reason: 'unknown-tier', unit: 'XA-001', tier: 'zz' },
  'suspect-percent': { item: '1.2', value: 0.85, column: 'value' },
  'self-score-invalid': { item: '1.2', value: 8, max: 5, column: 'self' },
  'empty-form': { unit: 'XA-002' },
  'unknown-tier': { item: '2.1', tier: 'ho_gia_dinhh' },
  'rollup-cycle': { cycle: 'xa → ho → xa' },
  'rollup-differs': { item: '2.1', tier: 'ho', reported: 72.54, computed: 30, numerator: 3, denominator: 10 },
  'no-parent': { unit: 'HO-0001', tier: 'ho' },
  'from-mismatch': { reason: 'phase', found: 'gd2', expected: 'gd1' },
  'decision-unknown': { what: 'award', unit: 'XA-010', award: 'co_thi_dua', tier: 'xa', phase: 'gd1', known: 'bang_khen' },
  'quota-zero': { award: 'bang_khen', tier: 'dong_ho', phase: 'gd1', share: 0.1, blocks: 4, largest: 8 },
};

describe('the code list', () => {
  it('ALL_CODES is the criteria, submission and advice codes, each once', () => {
    expect([...ALL_CODES]).toEqual([...CRITERIA_CODES, ...SUBMISSION_CODES, ...ADVICE_CODES]);
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
  });

  it('the criteria codes are those of SPEC §7', () => {
    expect([...CRITERIA_CODES]).toEqual([
      'yaml-syntax', 'schema', 'duplicate-id', 'unknown-tag', 'unknown-phase',
      'unknown-class', 'max-mismatch', 'steps-order', 'rule-missing', 'unreachable',
      'unknown-tier', 'rollup-cycle', // SPEC §11
    ]);
  });

  it('SPEC §7 warnings are warnings; every other criteria and submission code is an error', () => {
    const warnings = ['missing-value', 'criteria-changed', 'self-score-differs', 'not-submitted', 'rollup-differs', 'no-parent'];
    for (const c of [...CRITERIA_CODES, ...SUBMISSION_CODES]) expect([c, SEVERITY[c]]).toEqual([c, warnings.includes(c) ? 'warning' : 'error']);
    expect(SEVERITY['items-exceed-group']).toBe('warning');
    expect(SEVERITY['unquoted-comma']).toBe('warning');
    for (const c of ['suspect-percent', 'self-score-invalid', 'empty-form'] as const) expect(SEVERITY[c]).toBe('warning');
  });

  it('every code has wording, and nothing else has', () => {
    expect([...CODES_WITH_WORDING].sort()).toEqual([...ALL_CODES].sort());
    expect(Object.keys(ARGS).sort()).toEqual([...ALL_CODES].sort());
  });
});

describe('every code has a message in vi and en', () => {
  for (const code of ALL_CODES) {
    it(code, () => {
      const d = { code, args: ARGS[code] };
      const vi = formatMessage(d, 'vi');
      const en = formatMessage(d, 'en');
      expect(vi.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect(vi).not.toBe(en);
      expect(vi.toLowerCase()).toMatch(VI_DIACRITIC);
      expect(vi).not.toMatch(/undefined|null|\[object Object\]/);
      expect(en).not.toMatch(/undefined|null|\[object Object\]/);
      expect(MESSAGES[code].vi(ARGS[code], 'vi')).toBe(vi);
    });
  }
});

describe('variants of a code are worded in both languages', () => {
  const variants: [Code, MessageArgs][] = [
    ...['too-big', 'binary', 'encoding', 'too-deep', 'aliases', 'duplicate-key', 'tab'].map(
      (reason): [Code, MessageArgs] => ['yaml-syntax', { reason, detail: 'Map keys must be unique', size: 52_428_800, limit: 5_242_880 }],
    ),
    ...[
      ['required', { key: 'issuer' }],
      ['additional', { key: 'bogus' }],
      ['type', { expected: 'number' }],
      ['enum', { allowed: 'form, roster' }],
      ['const', { allowed: 'thidua.criteria/v1' }],
      ['phase-number', {}],
      ['pattern', {}],
      ['minimum', { limit: 0 }],
      ['exclusiveMinimum', { limit: 0 }],
      ['maximum', { limit: 1 }],
      ['exclusiveMaximum', { limit: 1 }],
      ['empty', {}],
      ['too-long', { limit: 500 }],
      ['unique', {}],
      ['award-quota', {}],
      ['unknown-ref', { ref: 'group:9' }],
      ['class-order', { class: 'dat' }],
    ].map(([rule, a]): [Code, MessageArgs] => ['schema', { rule: rule as string, at: 'tiers.0.max', ...(a as MessageArgs) }]),
    ...['none', 'several', 'input', 'points-max', 'points-rule'].map(
      (reason): [Code, MessageArgs] => ['rule-missing', { item: '1.1', reason, rules: 'points, per_item', input: 'count' }],
    ),
    ['unknown-phase', { phase: 'gd2', reason: 'no-value' }],
    ['unreachable', { class: 'htxs', phase: 'gd1', min: 120, max: 100 }],
    ['steps-order', { item: '1.2', phase: 'gd1', kind: 'steps_below' }],
    ...['phase', 'tag', 'class', 'tier', 'award', 'criterion', 'unit'].map((kind): [Code, MessageArgs] => ['duplicate-id', { id: 'x', kind }]),
    ...['xls', 'ods', 'png', 'pdf', 'empty', 'not-zip', 'zip-corrupt', 'doctype', 'missing'].map(
      (reason): [Code, MessageArgs] => ['unreadable-file', { reason }],
    ),
    ...['file-size', 'uncompressed', 'ratio', 'entries', 'cells', 'rows'].map(
      (reason): [Code, MessageArgs] => ['too-large', { reason, actual: 2, limit: 1 }],
    ),
    ...['yes_no', 'percent', 'count', 'number', 'points'].map((expected): [Code, MessageArgs] => ['bad-value', { item: '1', value: 'x', expected }]),
    ['tier-mismatch', { found: 'zz' }],
    ['self-score-differs', { self: 90, computed: 88.5 }],
    ['units-file', { reason: 'header' }],
    ['units-file', { reason: 'missing-field', row: 7, field: 'tier' }],
  ];
  for (const [code, args] of variants) {
    it(`${code} ${JSON.stringify(args)}`, () => {
      const vi = formatMessage({ code, args }, 'vi');
      const en = formatMessage({ code, args }, 'en');
      expect(vi.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect(vi).not.toBe(en);
      expect(vi.toLowerCase()).toMatch(VI_DIACRITIC);
    });
  }
});

describe('figures', () => {
  it('Vietnamese uses a decimal comma, English a decimal point', () => {
    const d = { code: 'max-mismatch' as const, args: { tier: 'xa', phase: 'gd1', max: 100, sum: 95.5 } };
    expect(formatMessage(d, 'vi')).toContain('95,5');
    expect(formatMessage(d, 'en')).toContain('95.5');
  });

  it('a schema finding at the root names the root in words', () => {
    // The loader passes the JSON path of the finding; at the root that path is empty.
    const vi = formatMessage({ code: 'schema', args: { rule: 'required', key: 'classes', at: '' } }, 'vi');
    const en = formatMessage({ code: 'schema', args: { rule: 'required', key: 'classes', at: '' } }, 'en');
    expect(vi).toContain('(tại gốc)');
    expect(en).toContain('(at root)');
  });
});
