import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../src/util/bytes.js';
import { formatHundredths } from '../../../src/util/decimal.js';

/** What one call writes, as text. */
function written(write: (w: ByteSink) => void): string {
  const w = new ByteSink(16);
  write(w);
  return w.take().toString('utf8');
}

describe('ByteSink: JSON text written as bytes', () => {
  it('writes numbers as String(v) does, for any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(written((w) => w.num(v))).toBe(String(v));
      }),
      { numRuns: 20_000 },
    );
    for (const v of [0, -0, 1, -1, 6.5, 0.24, 52.18, 1e-7, 0.0001, 123456.7891, 2 ** 53, -(2 ** 53) + 1, 1e21, 99999999999.9999]) {
      expect(written((w) => w.num(v)), String(v)).toBe(String(v));
    }
  });

  it('writes values with up to four decimals as String(v) does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 4 }), (n, s) => {
        const v = n / 10 ** s;
        expect(written((w) => w.num(v))).toBe(String(v));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes hundredths as formatHundredths does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (h) => {
        expect(written((w) => w.hundredths(h))).toBe(formatHundredths(h));
      }),
      { numRuns: 20_000 },
    );
    expect(written((w) => w.hundredths(1305))).toBe('13.05');
    expect(written((w) => w.hundredths(320))).toBe('3.2');
    expect(written((w) => w.hundredths(-5))).toBe('-0.05');
    // up to the largest safe integers, and past them: always the text of h / 100
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map((h) => h), fc.double({ noNaN: true, noDefaultInfinity: true })), (h) => {
        expect(written((w) => w.hundredths(h))).toBe(formatHundredths(h));
      }),
      { numRuns: 20_000 },
    );
    expect(written((w) => w.hundredths(8727176982069937))).toBe(String(8727176982069937 / 100));
  });

  it('writes strings as JSON.stringify does: quotes, controls, lone surrogates, Vietnamese, emoji', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(written((w) => w.str(s))).toBe(JSON.stringify(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['XA-0032000', 'Hộ Nguyễn Ngọc Linh', 'a"b', 'a\\b', 'line\nbreak', '\u0000', '\ud800', 'x\udfffy', '😀 Thôn 1', '']) {
      expect(written((w) => w.str(s)), s).toBe(JSON.stringify(s));
    }
  });

  it('grows past its first buffer and hands back every byte, drained or taken', () => {
    const w = new ByteSink(8);
    let expected = '';
    let got = '';
    for (let i = 0; i < 1000; i++) {
      w.str(`Hộ ${i}`);
      w.int(i);
      expected += `${JSON.stringify(`Hộ ${i}`)}${i}`;
      if (i % 97 === 0) got += w.drain().toString('utf8');
    }
    got += w.take().toString('utf8');
    expect(got).toBe(expected);
  });
});
