import { describe, expect, it } from 'vitest';
import { parseCell, parseNumberText, parsePoints } from '../../../src/submissions/values.js';
import type { Cell, CellFormat, CellValue } from '../../../src/workbook/types.js';

function cell(value: CellValue, fmt: CellFormat = 'general'): Cell {
  return { row: 1, col: 1, value, fmt, formula: value.t === 'formula-no-value' };
}
const num = (v: number, fmt: CellFormat = 'general'): Cell => cell({ t: 'number', v }, fmt);
const str = (v: string, fmt: CellFormat = 'general'): Cell => cell({ t: 'string', v }, fmt);
const bool = (v: boolean): Cell => cell({ t: 'boolean', v });

describe('parseNumberText: numbers typed as text, the Vietnamese way', () => {
  it.each([
    ['12', '12'],
    ['12,5', '12.5'],
    ['1.234,5', '1234.5'],
    ['1.234.567,89', '1234567.89'],
    ['1.234', '1234'],
    ['1.234.567', '1234567'],
    ['1,234,567', '1234567'],
    ['1,234.5', '1234.5'],
    ['0,5', '0.5'],
    [',5', '0.5'],
    ['12,', '12'],
    ['1.5', '1.5'],
    ['-3', '-3'],
    ['-0,25', '-0.25'],
    ['+7', '7'],
    [' 12,5 ', '12.5'],
    ['1 234,5', '1234.5'],
    ['1\u00a0234,5', '1234.5'],
    ['1\u202f234,5', '1234.5'],
  ])('%j → %s', (raw, text) => {
    expect(parseNumberText(raw)).toEqual({ text, percent: false });
  });

  it.each([
    ['85%', '85'],
    ['85 %', '85'],
    ['12,5%', '12.5'],
    ['99.5%', '99.5'],
  ])('%j → %s percent', (raw, text) => {
    expect(parseNumberText(raw)).toEqual({ text, percent: true });
  });

  it.each([[''], ['   '], ['abc'], ['12a'], ['%'], ['.'], [','], ['1.2.3'], ['1,2,3'], ['12.34,56'], ['1.234,5,6'], ['--5'], ['5-'], ['1e5'], ['Có']])(
    '%j is not a number',
    (raw) => {
      expect(parseNumberText(raw)).toBeUndefined();
    },
  );

  // A dot followed by exactly three digits groups thousands — but no thousands-grouped
  // number starts with a lone 0 group, so "0.500" can only be the decimal 0.5.
  it('"0.500", "0.250", "-0.750" are decimals below 1, not thousands-grouped numbers', () => {
    for (const raw of ['0.500', '0.250', '-0.750']) {
      const p = parseNumberText(raw);
      expect(p?.percent, raw).toBe(false);
      expect(Number(p?.text), raw).toBe(Number(raw));
      expect(parseCell(str(raw), 'number'), raw).toEqual({ ok: true, value: Number(raw) });
    }
  });
});

describe('parseCell: a cell as the value of an item (SPEC §5)', () => {
  it('no cell, an empty string, spaces: blank (missing), for every input kind', () => {
    for (const input of ['yes_no', 'percent', 'count', 'number', 'points'] as const) {
      expect(parseCell(undefined, input)).toEqual({ ok: false, blank: true });
      expect(parseCell(str(''), input)).toEqual({ ok: false, blank: true });
      expect(parseCell(str('   '), input)).toEqual({ ok: false, blank: true });
    }
  });

  it('numbers stored as numbers are taken as they are', () => {
    expect(parseCell(num(85), 'percent')).toEqual({ ok: true, value: 85 });
    expect(parseCell(num(12.5), 'number')).toEqual({ ok: true, value: 12.5 });
    expect(parseCell(num(3), 'count')).toEqual({ ok: true, value: 3 });
    expect(parseCell(num(7.25), 'points')).toEqual({ ok: true, value: 7.25 });
  });

  it('a percent-formatted cell holding 0.85 is 85 for a percent item, exactly', () => {
    expect(parseCell(num(0.85, 'percent'), 'percent')).toEqual({ ok: true, value: 85 });
    expect(parseCell(num(0.07, 'percent'), 'percent')).toEqual({ ok: true, value: 7 });
    expect(parseCell(num(0.575, 'percent'), 'percent')).toEqual({ ok: true, value: 57.5 });
    expect(parseCell(num(0.1 + 0.2, 'percent'), 'percent').ok).toBe(true);
    expect(parseCell(num(1, 'percent'), 'percent')).toEqual({ ok: true, value: 100 });
  });

  it('text is parsed the Vietnamese way', () => {
    expect(parseCell(str('12,5'), 'number')).toEqual({ ok: true, value: 12.5 });
    expect(parseCell(str('1.234,5'), 'number')).toEqual({ ok: true, value: 1234.5 });
    expect(parseCell(str('85%'), 'percent')).toEqual({ ok: true, value: 85 });
    expect(parseCell(str('85'), 'percent')).toEqual({ ok: true, value: 85 });
    expect(parseCell(str('2'), 'count')).toEqual({ ok: true, value: 2 });
    expect(parseCell(str(' 7,5 '), 'points')).toEqual({ ok: true, value: 7.5 });
  });

  it('-0 reads as 0', () => {
    expect(Object.is((parseCell(num(-0), 'number') as { value: number }).value, 0)).toBe(true);
    expect(Object.is((parseCell(str('-0'), 'number') as { value: number }).value, 0)).toBe(true);
  });

  it('a percent sign outside a percent item is a bad value', () => {
    expect(parseCell(str('85%'), 'count')).toMatchObject({ ok: false, blank: false, code: 'bad-value', shown: '85%' });
    expect(parseCell(str('85%'), 'number')).toMatchObject({ ok: false, code: 'bad-value' });
  });

  it.each([
    ['abc', 'percent'],
    ['Có', 'count'],
    ['mười', 'number'],
    ['1.2.3', 'number'],
  ] as const)('text %j for %s is a bad value, shown as typed', (text, input) => {
    expect(parseCell(str(text), input)).toEqual({ ok: false, blank: false, code: 'bad-value', shown: text });
  });

  it('booleans, errors, ISO dates and date-formatted numbers are bad values for numeric items', () => {
    expect(parseCell(bool(true), 'percent')).toMatchObject({ ok: false, code: 'bad-value', shown: 'TRUE' });
    expect(parseCell(cell({ t: 'error', v: '#DIV/0!' }), 'number')).toMatchObject({ ok: false, code: 'bad-value', shown: '#DIV/0!' });
    expect(parseCell(cell({ t: 'date', v: '2024-05-01' }), 'count')).toMatchObject({ ok: false, code: 'bad-value' });
    expect(parseCell(num(45413, 'date'), 'count')).toMatchObject({ ok: false, code: 'bad-value' });
    expect(parseCell(num(Number.POSITIVE_INFINITY), 'number')).toMatchObject({ ok: false, code: 'bad-value' });
  });

  it('a formula with no cached result is formula-not-calculated, whatever the input kind', () => {
    for (const input of ['yes_no', 'percent', 'count', 'number', 'points'] as const) {
      expect(parseCell(cell({ t: 'formula-no-value', formula: 'SUM(A1:A3)' }), input)).toEqual({
        ok: false,
        blank: false,
        code: 'formula-not-calculated',
        shown: '=SUM(A1:A3)',
        formula: 'SUM(A1:A3)',
      });
    }
  });

  it("a formula's cached result is used", () => {
    const c: Cell = { row: 1, col: 1, value: { t: 'number', v: 42 }, fmt: 'general', formula: true };
    expect(parseCell(c, 'count')).toEqual({ ok: true, value: 42 });
  });

  describe('yes_no', () => {
    it.each([
      ['Có', 1],
      ['có', 1],
      ['CÓ', 1],
      ['Co', 1],
      ['Không', 0],
      ['không', 0],
      ['KHONG', 0],
      ['Đạt', 1],
      ['Không đạt', 0],
      ['x', 1],
      ['X', 1],
      ['Yes', 1],
      ['No', 0],
      ['TRUE', 1],
      ['FALSE', 0],
      ['true', 1],
      ['1', 1],
      ['0', 0],
      [' Có ', 1],
      ['Có.', 1],
      // decomposed (NFD) spelling, as some keyboards type it
      ['Co\u0301', 1],
      ['Kho\u0302ng', 0],
    ])('text %j → %d', (text, value) => {
      expect(parseCell(str(text), 'yes_no')).toEqual({ ok: true, value });
    });

    it('booleans and the numbers 1/0', () => {
      expect(parseCell(bool(true), 'yes_no')).toEqual({ ok: true, value: 1 });
      expect(parseCell(bool(false), 'yes_no')).toEqual({ ok: true, value: 0 });
      expect(parseCell(num(1), 'yes_no')).toEqual({ ok: true, value: 1 });
      expect(parseCell(num(0), 'yes_no')).toEqual({ ok: true, value: 0 });
    });

    it('a blank cell is missing, never "no"', () => {
      expect(parseCell(undefined, 'yes_no')).toEqual({ ok: false, blank: true });
      expect(parseCell(str(' '), 'yes_no')).toEqual({ ok: false, blank: true });
    });

    it.each([['Có lẽ'], ['abc'], ['2'], ['50%']])('text %j is a bad value', (text) => {
      expect(parseCell(str(text), 'yes_no')).toMatchObject({ ok: false, blank: false, code: 'bad-value', shown: text });
    });

    it('numbers other than 1 and 0 are bad values', () => {
      expect(parseCell(num(2), 'yes_no')).toMatchObject({ ok: false, code: 'bad-value', shown: '2' });
      expect(parseCell(num(0.5), 'yes_no')).toMatchObject({ ok: false, code: 'bad-value' });
    });
  });

  it('parsePoints reads self and assessed points as plain numbers', () => {
    expect(parsePoints(num(7.5))).toEqual({ ok: true, value: 7.5 });
    expect(parsePoints(str('7,5'))).toEqual({ ok: true, value: 7.5 });
    expect(parsePoints(undefined)).toEqual({ ok: false, blank: true });
    expect(parsePoints(str('tốt'))).toMatchObject({ ok: false, code: 'bad-value' });
  });
});
