import { describe, expect, it } from 'vitest';
import { cmp, dec, formatHundredths, hundredths, hundredthsOf, times100 } from '../../../src/util/decimal.js';

describe('exact decimals', () => {
  it('rounds half up once, where binary floats round down', () => {
    // 20 × 52.18 / 80 = 13.045 exactly; Math.round(13.045 * 100) / 100 gives 13.04
    expect(Math.round(((20 * 52.18) / 80) * 100) / 100).toBe(13.04);
    expect(hundredthsOf(dec(20), dec(52.18), dec(80))).toBe(1305);
    expect(hundredths(dec('13.045'))).toBe(1305);
    expect(hundredths(dec('13.044999'))).toBe(1304);
  });

  it('keeps the shortest decimal of a double', () => {
    expect(dec(0.1)).toEqual({ n: 1n, s: 1 });
    expect(dec(52.18)).toEqual({ n: 5218n, s: 2 });
    expect(dec(1e21)).toEqual({ n: 10n ** 21n, s: 0 });
    expect(dec('1.5e-3')).toEqual({ n: 15n, s: 4 });
  });

  it('adds hundredths without float noise', () => {
    expect(hundredths(dec(0.1)) + hundredths(dec(0.2))).toBe(hundredths(dec(0.3)));
  });

  it('turns a percent-formatted fraction into a percentage exactly', () => {
    expect(times100(dec(0.8518))).toEqual(dec(85.18));
    expect(times100(dec(0.8))).toEqual(dec(80));
  });

  it('compares exactly', () => {
    expect(cmp(dec(79.99), dec(80))).toBe(-1);
    expect(cmp(dec('80.00'), dec(80))).toBe(0);
  });

  it('formats hundredths with either separator', () => {
    expect(formatHundredths(1305)).toBe('13.05');
    expect(formatHundredths(1310, ',')).toBe('13,1');
    expect(formatHundredths(1300)).toBe('13');
    expect(formatHundredths(-250)).toBe('-2.5');
  });
});

describe('fast paths agree with the exact ones', () => {
  it('hundredthsOfNumber = hundredthsOf(a, dec(x), c)', async () => {
    const fc = (await import('fast-check')).default;
    const { hundredthsOfNumber } = await import('../../../src/util/decimal.js');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 10 ** 5 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 10 ** 5 }), (xs, as, cs, an, xn, cn) => {
        const a = dec(an / 10 ** as);
        const x = xn / 10 ** xs;
        const c = dec(cn / 10 ** cs);
        expect(hundredthsOfNumber(a, x, c)).toBe(hundredthsOf(a, dec(x), c));
      }),
      { numRuns: 5000 },
    );
    expect(hundredthsOfNumber(dec(20), 52.18, dec(80))).toBe(1305);
    expect(hundredthsOfNumber(dec(7), 59.3, dec(80))).toBe(519);
    expect(hundredthsOfNumber(dec(1), 0.123456789, dec(1))).toBe(12); // beyond 4 decimals: the exact path
  });

  it('percentOf = times100 exactly', async () => {
    const fc = (await import('fast-check')).default;
    const { percentOf, toNumber } = await import('../../../src/util/decimal.js');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 6 }), (n, s) => {
        const x = n / 10 ** s;
        expect(percentOf(x)).toBe(toNumber(times100(dec(x))));
      }),
      { numRuns: 5000 },
    );
    // any double, including ones with more decimals than the fast path takes
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (x) => {
        expect(percentOf(x)).toBe(toNumber(times100(dec(x))));
      }),
      { numRuns: 5000 },
    );
    expect(percentOf(0.57)).toBe(57);
    expect(percentOf(0.8518)).toBe(85.18);
    expect(percentOf(0.123456789)).toBe(12.3456789);
  });
});

describe('hundredths as text', () => {
  it('is the two-decimal value for every hundredth up to a billion points', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 11), max: 10 ** 11 }), (h) => {
        const sign = h < 0 ? '-' : '';
        const a = Math.abs(h);
        const frac = String(a % 100).padStart(2, '0').replace(/0+$/, '');
        expect(formatHundredths(h)).toBe(`${sign}${Math.trunc(a / 100)}${frac ? `.${frac}` : ''}`);
      }),
      { numRuns: 20000 },
    );
  });
});
