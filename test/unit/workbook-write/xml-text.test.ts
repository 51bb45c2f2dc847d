import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escText, needsPreserve, plainXmlText } from '../../../src/workbook/write/xml.js';

describe('text that goes into <t> as it is', () => {
  it('is text escText leaves alone and that needs no xml:space, for any string', () => {
    // characters that matter, mixed with ordinary Vietnamese text
    const special = fc.constantFrom(' ', '\t', '\n', '\r', '&', '<', '>', '"', '_', '_x0041_', '\u0000', '\u001f', '\ufffe', '\uffff', '\ud800', 'Hộ', 'Nguyễn', 'XA-0001', '7');
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(special, { maxLength: 8 }).map((a) => a.join('')));
    let plain = 0;
    fc.assert(
      fc.property(text, (s) => {
        if (!plainXmlText(s)) return;
        plain++;
        expect(escText(s)).toBe(s);
        expect(needsPreserve(s)).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect(plain).toBeGreaterThan(100);
  });

  it('takes ids and names as they are, and anything with something to escape or keep the long way', () => {
    for (const s of ['', 'XA-0764040', 'Hộ Nguyễn Kim Hùng 764040', 'Thôn 1, xã Ia Grai (41)']) expect(plainXmlText(s)).toBe(true);
    for (const s of [' lead', 'trail ', 'a\nb', 'a\tb', 'A & B', '<b>', 'x>y', 'ma_x0041_', 'a_b', 'end\ufffe', '\u0007']) expect(plainXmlText(s)).toBe(false);
  });
});
