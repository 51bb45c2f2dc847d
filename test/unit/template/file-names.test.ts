import { describe, expect, it } from 'vitest';
import { fileKey, MAX_NAME_BYTES, safeFileName, uniqueFileNames } from '../../../src/template/file-names.js';

/** No lone surrogate (String.prototype.isWellFormed, ES2024). */
const wellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const WINDOWS_BAD = /[\\/:*?"<>|\u0000-\u001f]/;
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** Issue 15, case 2: template names are unique, valid on Windows and Linux, bounded, .xlsx. */
describe('template file names', () => {
  const hostile = [
    'a/b - X',
    'a:b - X',
    'a*b - X',
    `L1 - ${'x'.repeat(200)}`,
    `E1 - ${'😀'.repeat(60)}`,
    `V1 - ${'Ệ'.repeat(119)}`,
    `${'Ệ'.repeat(119)} - id`,
    'R1 - abc\u202edef',
    'D1 - del\u007f c1\u0085 nul\u0000',
    'C1 - Nguyễn',
    'c1 - NGUYỄN',
    'CON',
    'nul.txt',
    '~$lock',
    '.hidden',
    'trailing. . ',
    '',
    '\ud83d half',
  ];

  it('are valid everywhere, keep .xlsx and fit in MAX_NAME_BYTES', () => {
    for (const stem of hostile) {
      const n = safeFileName(stem);
      expect(n, stem).toMatch(/\.xlsx$/);
      expect(n, stem).not.toMatch(WINDOWS_BAD);
      expect(n, stem).not.toMatch(INVISIBLE);
      expect(wellFormed(n), stem).toBe(true);
      expect(Buffer.byteLength(n), stem).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(n, stem).not.toMatch(/^[.~]|[. ]\.xlsx$/);
      expect(n.slice(0, -5).split('.')[0]!.trim(), stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    }
  });

  it('cut between whole characters: no half emoji, no lone surrogate', () => {
    const n = safeFileName(`E1 - ${'😀'.repeat(60)}`);
    expect(wellFormed(n)).toBe(true);
    expect(n.slice(0, -5)).toMatch(/^E1 - (😀)+$/u);
  });

  it('are distinct, even where case is ignored', () => {
    const names = uniqueFileNames(hostile);
    expect(new Set(names.map(fileKey)).size).toBe(hostile.length);
    expect(names.slice(0, 3)).toEqual(['a-b - X.xlsx', 'a-b - X (2).xlsx', 'a-b - X (3).xlsx']);
    expect(names[10]).toBe('c1 - NGUYỄN (2).xlsx');
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });

  it('keep the suffix whole when a long name is cut', () => {
    const long = `L1 - ${'Ệ'.repeat(119)}`;
    const [a, b] = uniqueFileNames([long, long]);
    expect(b).toMatch(/ \(2\)\.xlsx$/);
    expect(Buffer.byteLength(b!)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(a).not.toBe(b);
  });
});
