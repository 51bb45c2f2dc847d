import { describe, expect, it } from 'vitest';
import { builtInFormat, classifyFormatCode, legacyFontOf } from '../../../src/workbook/read/styles.js';

describe('number format kinds', () => {
  it.each([
    ['General', 'general'],
    ['0', 'general'],
    ['#,##0.00', 'general'],
    ['0.00E+00', 'general'],
    ['##0.0e-0', 'general'],
    ['#,##0 "điểm"', 'general'],
    ['[$-42A]#,##0', 'general'],
    ['[Red][<0]0.0;0.0', 'general'],
    ['0%', 'percent'],
    ['0.00%', 'percent'],
    ['[Blue]0.0%;[Red]-0.0%', 'percent'],
    ['#,##0 "%"', 'general'],
    ['0\\%', 'general'],
    ['0;0%', 'general'],
    ['dd/mm/yyyy', 'date'],
    ['d/m/yy h:mm', 'date'],
    ['[$-42A]dd/mm/yyyy', 'date'],
    ['[h]:mm:ss', 'date'],
    ['[mm]:ss', 'date'],
    ['mmm-yy', 'date'],
    ['yyyy"年"m"月"d"日"', 'date'],
    ['h:mm AM/PM', 'date'],
    ['"Ngày "dd', 'date'],
    ['"dd/mm/yyyy"', 'general'],
    ['@', 'text'],
    ['General;General;General;@', 'general'],
    ['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', 'general'],
  ])('%s → %s', (code, kind) => {
    expect(classifyFormatCode(code)).toBe(kind);
  });

  it('knows the built-in ids', () => {
    const kinds = Array.from({ length: 60 }, (_v, id) => builtInFormat(id));
    expect(kinds[0]).toBe('general');
    expect([kinds[9], kinds[10]]).toEqual(['percent', 'percent']);
    expect(kinds.slice(14, 23).every((k) => k === 'date')).toBe(true);
    expect(kinds.slice(45, 48).every((k) => k === 'date')).toBe(true);
    expect(kinds[49]).toBe('text');
    expect([kinds[1], kinds[2], kinds[3], kinds[4], kinds[11], kinds[37], kinds[44], kinds[48]]).toEqual(Array(8).fill('general'));
  });
});

describe('legacy Vietnamese fonts', () => {
  it.each([
    ['.VnTime', 'tcvn3'],
    ['.VnTimeH', 'tcvn3'],
    ['.VnArial Narrow', 'tcvn3'],
    ['.vnarial', 'tcvn3'],
    ['VNI-Times', 'vni'],
    ['VNI-Helve-Condense', 'vni'],
    ['Times New Roman', undefined],
    ['Arial', undefined],
    ['VNtimes new roman', undefined],
  ])('%s → %s', (font, kind) => {
    expect(legacyFontOf(font)).toBe(kind);
  });
});
