import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1, neverLegacy } from '../../../src/submissions/read.js';

/** The two regular expressions `neverLegacy` stands for. */
const byRegex = (t: string): boolean => /^[\x20-\x7e]*$/.test(t) || /[\u0100-\uffff]/.test(t);

describe('text that can never be TCVN3 or VNI', () => {
  it('is printable ASCII, or holds a letter past U+00FF, for any string', () => {
    const chars = fc.constantFrom('a', ' ', '~', '\u007f', '\u001f', '\t', 'ô', 'ã', 'Ð', 'ÿ', 'Ā', 'ộ', 'Đ', '\ud800', '\uffff', '1');
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(chars, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (t) => {
        expect(neverLegacy(t)).toBe(byRegex(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves Latin-1 text such as TCVN3 names to be looked at', () => {
    expect([neverLegacy('XA-0001'), neverLegacy(''), neverLegacy('Hộ Nguyễn Văn An'), neverLegacy('Thôn 1, xã Ia Grai'), neverLegacy('NguyÔn V¨n An')]).toEqual([true, true, true, false, false]);
  });
});

describe('Latin-1 text', () => {
  it('is already NFC, whatever its characters', () => {
    const text = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 20 });
    fc.assert(
      fc.property(text, (t) => {
        expect(latin1(t)).toBe(true);
        expect(t.normalize('NFC')).toBe(t);
      }),
      { numRuns: 3000 },
    );
    // every pair of Latin-1 characters, too
    for (let a = 0; a <= 0xff; a++) for (let b = 0; b <= 0xff; b++) {
      const t = String.fromCharCode(a, b);
      if (t.normalize('NFC') !== t) throw new Error(`U+${a.toString(16)} U+${b.toString(16)} is not NFC`);
    }
    expect([latin1('XA-0001'), latin1('Thôn 1, xã Ia Grai'), latin1('Hộ'), latin1('o\u0302')]).toEqual([true, true, false, false]);
  });
});
