import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../../src/scoring/store.js';

describe('IdIndex: slot by unit id', () => {
  it('answers as a Map would, through growth and colliding ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }), (keys) => {
        const ids: string[] = [];
        const index = new IdIndex(ids);
        const map = new Map<string, number>();
        for (const k of keys) {
          expect(index.get(k)).toBe(map.get(k));
          if (map.has(k)) continue;
          ids.push(k);
          index.set(k, ids.length - 1);
          map.set(k, ids.length - 1);
        }
        expect(index.size).toBe(map.size);
        for (const [k, v] of map) expect(index.get(k)).toBe(v);
        expect(index.has('\u0000absent\u0000')).toBe(map.has('\u0000absent\u0000'));
        index.clear();
        expect(index.size).toBe(0);
        if (keys.length) expect(index.has(keys[0]!)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('holds a hundred thousand household ids', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `HO-${String(i).padStart(7, '0')}`);
    const index = new IdIndex(ids);
    ids.forEach((id, i) => index.set(id, i));
    expect(index.get('HO-0012345')).toBe(12345);
    expect(index.get('HO-0100000')).toBeUndefined();
  });
});
