/**
 * Exact decimals for points and reported values. A value is n × 10^-s with a bigint n,
 * made from the shortest decimal text of a JS number (52.18 stays 52.18, never
 * 52.17999…), so that rules compute exactly and each item rounds half-up once.
 * Points are then kept as integer hundredths (plain numbers: exact far beyond any total).
 */
export interface Dec {
  readonly n: bigint;
  readonly s: number;
}

const TEN = 10n;
const pow10 = (k: number): bigint => TEN ** BigInt(k);

/** Exact decimal of a finite number, from its shortest round-trip text. */
export function dec(x: number | string): Dec {
  const text = typeof x === 'number' ? numberText(x) : x.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  let s = frac.length - Number(m[4] ?? 0);
  if (s < 0) {
    n *= pow10(-s);
    s = 0;
  }
  return norm({ n: m[1] === '-' ? -n : n, s });
}

function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
  return String(x);
}

function norm(d: Dec): Dec {
  let { n, s } = d;
  while (s > 0 && n % TEN === 0n) {
    n /= TEN;
    s--;
  }
  return { n, s };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.n * pow10(s - a.s), b.n * pow10(s - b.s), s];
}

export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function mul(a: Dec, b: Dec): Dec {
  return norm({ n: a.n * b.n, s: a.s + b.s });
}

/** a × 100, exactly (a percent-formatted cell 0.8518 is 85.18). */
export function times100(a: Dec): Dec {
  return a.s >= 2 ? norm({ n: a.n, s: a.s - 2 }) : { n: a.n * pow10(2 - a.s), s: 0 };
}

export function toNumber(a: Dec): number {
  return Number(a.s === 0 ? a.n.toString() : `${a.n}e-${a.s}`);
}

/** Rounds num/den (den > 0) to the nearest integer, halves away from zero. */
function roundDiv(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** Hundredths of a decimal, rounded half-up (13.045 → 1305). */
export function hundredths(a: Dec): number {
  return Number(roundDiv(a.n * 100n, pow10(a.s)));
}

/** Hundredths of a × b / c (c > 0), rounded half-up once at the end. */
export function hundredthsOf(a: Dec, b: Dec, c: Dec): number {
  // a×b/c = (an×bn×10^cs) / (cn × 10^(as+bs))
  const num = a.n * b.n * pow10(c.s) * 100n;
  const den = c.n * pow10(a.s + b.s);
  if (den <= 0n) throw new RangeError('division by a non-positive decimal');
  return Number(roundDiv(num, den));
}

/**
 * Text of integer hundredths: 1305 → "13.05", 1300 → "13". Division is correctly rounded, so
 * h / 100 is the double nearest the two-decimal value, and its shortest text is that value.
 */
export function formatHundredths(h: number, decimalSep = '.'): string {
  const text = String(h / 100);
  return decimalSep === '.' ? text : text.replace('.', decimalSep);
}

/** JSON number of integer hundredths (at most 2 decimals, no float noise). */
export function hundredthsToNumber(h: number): number {
  return h / 100;
}

/**
 * hundredthsOf(a, dec(x), c) without bigints or text when that is exact: x with at most 4
 * decimals and every product below 2^53. A million households × 12 items go through here,
 * and the exact path makes a text and bigints for each. A property test holds the two paths
 * to the same answers.
 */
export function hundredthsOfNumber(a: Dec, x: number, c: Dec): number {
  const xi = Math.round(x * 1e4);
  if (xi / 1e4 === x && Math.abs(xi) < 2 ** 40 && a.s <= 6 && c.s <= 6) {
    const an = Number(a.n);
    const cn = Number(c.n);
    // a×x/c ×100 = (an × xi × 100 × 10^cs) / (cn × 10^(as+4))
    const num = an * xi * 100 * 10 ** c.s;
    const den = cn * 10 ** (a.s + 4);
    if (cn > 0 && Number.isSafeInteger(2 * Math.abs(num) + den) && Number.isSafeInteger(2 * den)) {
      const neg = num < 0;
      const n2 = 2 * Math.abs(num) + den;
      const d2 = 2 * den;
      let q = Math.floor(n2 / d2);
      const r = n2 - q * d2;
      if (r < 0) q--;
      else if (r >= d2) q++;
      return neg ? -q : q;
    }
  }
  return hundredthsOf(a, dec(x), c);
}

/** x × 100 for a percent-formatted cell, exactly: 0.57 → 57, 0.8518 → 85.18. */
export function percentOf(x: number): number {
  if (Math.abs(x) < 1e6) {
    // when k / 10^8 reads back as x, x's shortest decimal is k·10^-8 (at most 14 significant
    // digits: no shorter decimal names the same double), and k / 10^6 is the double of that
    // decimal × 100 (k is exact, division correctly rounded)
    const k = Math.round(x * 1e8);
    if (k / 1e8 === x) return k === 0 ? 0 : k / 1e6;
  }
  return toNumber(times100(dec(x)));
}
