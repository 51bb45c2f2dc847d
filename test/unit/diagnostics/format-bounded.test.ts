import { describe, expect, it } from 'vitest';
import { FORMATS, FORMATTERS, MAX_PRINTED, type FormatOptions } from '../../../src/diagnostics/format.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

const opts = (o: Partial<FormatOptions> = {}): FormatOptions => ({ lang: 'vi', color: false, tool: { name: 'thidua', version: '0.0.0' }, files: [], ...o });

/** n bad values in one roster (the case that was quadratic: one file's list copied per finding). */
function findings(n: number, files = 1): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => ({
    severity: i % 10 ? 'error' : 'warning',
    code: i % 10 ? 'bad-value' : 'missing-value',
    args: { item: '1.2', value: 'sai', expected: 'percent' },
    path: `ds-${i % files}.xlsx`,
    sheet: 'DS',
    cell: `E${i + 4}`,
  }));
}

/** Issue 15, case 6: printing findings is linear, and a terminal gets a summary past a few hundred. */
describe('printing many findings', () => {
  it('200,000 findings in one file print in seconds (stylish); 30,000 in every format', () => {
    for (const [f, ds] of [['stylish', findings(200_000)], ...FORMATS.map((x) => [x, findings(30_000)] as const)] as const) {
      const t0 = performance.now();
      const out = FORMATTERS[f](ds, opts({ files: ['ds-0.xlsx'] }));
      const secs = (performance.now() - t0) / 1000;
      expect(out.length).toBeGreaterThan(ds.length);
      // the quadratic stylish took 7 s at 20,000 and 94 s at 60,000; linear is about 1 s at 200,000
      expect(secs, f).toBeLessThan(10);
    }
  }, 120_000);

  it('stylish with a cap prints that many, then counts by code and says where the rest are', () => {
    const ds = findings(5_000, 3);
    const out = FORMATTERS.stylish(ds, opts({ max: MAX_PRINTED, fullList: 'Danh sách đầy đủ có trong out/results.json.' }));
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => /bad-value|missing-value/.test(l) && /DS!E/.test(l))).toHaveLength(MAX_PRINTED);
    expect(out).toContain(`… và ${5_000 - MAX_PRINTED} phát hiện khác (không in ra). Theo mã, cả 5000:`);
    expect(out).toMatch(/^\s+4500 {2}bad-value$/m);
    expect(out).toMatch(/^\s+500 {2}missing-value$/m);
    expect(out).toContain('Danh sách đầy đủ có trong out/results.json.');
    expect(lines.at(-1)).toBe('✖ 4500 lỗi, 500 cảnh báo');
    expect(lines.length).toBeLessThan(MAX_PRINTED + 20);
  });

  it('under the cap, stylish prints every finding as before', () => {
    const ds = findings(MAX_PRINTED, 2);
    const out = FORMATTERS.stylish(ds, opts({ max: MAX_PRINTED }));
    expect(out).not.toContain('phát hiện khác');
  });
});
