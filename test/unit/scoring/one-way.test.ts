/**
 * Reports read every unit one way: through `ScoredUnit`, a scored unit's figures at its slot of
 * `u.store`. Only the store's own files know which class a unit is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreUnit, unscored } from '../../../src/scoring/score.js';
import { tierOf, unit } from './fixture.js';

const SRC = join(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('a unit', () => {
  it('is told apart by its class only in the store (src/scoring/store*.ts)', () => {
    const outside = files(SRC)
      .filter((f) => !/^scoring\/store[^/]*\.ts$/.test(relative(SRC, f)))
      .filter((f) => /instanceof (StoreUnit|UnscoredUnit|TierStore)\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(outside).toEqual([]);
  });

  it('answers group points and its columns, scored in a store or kept in none', () => {
    const tier = tierOf('p1');
    const u = scoreUnit(tier, unit(tier, 'U1', { A1: true, A2: 52.18, A3: 3, A4: 8, B1: 75, B2: 2, T1: 2, D1: 1 }));
    expect([u.groupPoints('A'), u.groupPoints('B'), u.groupPoints('Z')]).toEqual([3855, 3000, undefined]);
    expect(u.store.groupPoints[u.slot * u.store.g + u.store.groupIndex.get('A')!]).toBe(3855);
    expect(Array.from(u.store.points.subarray(u.slot * u.store.n, u.slot * u.store.n + u.store.n))).toEqual(Array.from(u.points));
    const silent = unscored(null, { id: 'U2', name: 'Hai', block: 'K', parent: 'P' }, 'not_submitted');
    expect(silent).toMatchObject({ id: 'U2', name: 'Hai', block: 'K', parent: 'P', status: 'not_submitted', total: null, awards: [] });
    expect(silent.groupPoints('A')).toBeUndefined();
    expect([silent.store.n, silent.store.ids.length, silent.store.inSharedMemory()]).toEqual([0, 0, false]);
    expect('parent' in unscored(null, { id: 'U3', name: 'Ba', block: '' }, 'not_submitted')).toBe(false);
  });
});
