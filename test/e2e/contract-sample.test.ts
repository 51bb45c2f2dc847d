import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_BUILD, HAS_SHARED, SHARED, thidua } from './run.js';

const CASE = join(SHARED, 'contract-sample');

interface Expected {
  command: string[];
  exit: number;
  units: Record<string, Record<string, Record<string, unknown>>>;
  stats: Record<string, Record<string, number>>;
  diagnostics: { code: string; severity?: string; file?: string; cell?: string }[];
}

describe.skipIf(!HAS_SHARED || !HAS_BUILD)(`contract sample (${HAS_SHARED ? 'shared/contract-sample' : 'skipped: ../shared is not beside this clone'})`, () => {
  it('gives the figures computed by hand in expected.json', () => {
    const exp = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as Expected;
    const work = mkdtempSync(join(tmpdir(), 'thidua-cs-'));
    for (const f of ['criteria.yaml', 'units.yaml', 'submissions']) cpSync(join(CASE, f), join(work, f), { recursive: true });
    const out = join(work, 'out');
    const r = thidua([...exp.command, '-o', out], work);
    expect(r.code).toBe(exp.exit);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const tiers = new Map<string, { units: Record<string, unknown>[]; stats: Record<string, unknown> }>(res.tiers.map((t: { id: string }) => [t.id, t]));
    for (const [tier, units] of Object.entries(exp.units)) {
      const got = new Map(tiers.get(tier)!.units.map((u) => [u.id as string, u]));
      for (const [id, e] of Object.entries(units)) {
        const u = got.get(id) as Record<string, unknown>;
        expect(u, `${tier}/${id}`).toBeDefined();
        for (const [k, v] of Object.entries(e)) {
          if (k === 'items') {
            for (const [item, pts] of Object.entries(v as Record<string, number>)) expect((u.items as Record<string, { points: number }>)[item]!.points, `${id} ${item}`).toBe(pts);
          } else if (k === 'groups') {
            for (const [g, pts] of Object.entries(v as Record<string, number>)) expect((u.groups as Record<string, number>)[g], `${id} group ${g}`).toBe(pts);
          } else if (Array.isArray(v)) expect([...(u[k] as string[])].sort(), `${id} ${k}`).toEqual([...v].sort());
          else expect(u[k], `${id} ${k}`).toEqual(v);
        }
      }
    }
    for (const [tier, st] of Object.entries(exp.stats)) for (const [k, v] of Object.entries(st)) expect(tiers.get(tier)!.stats[k]).toBe(v);
    for (const d of exp.diagnostics) {
      const hit = (res.diagnostics as Record<string, string | null>[]).some(
        (x) => x.code === d.code && (!d.file || String(x.path).endsWith(d.file)) && (!d.cell || x.cell === d.cell) && (!d.severity || x.severity === d.severity),
      );
      expect(hit, JSON.stringify(d)).toBe(true);
    }
  });
});
