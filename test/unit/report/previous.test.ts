import { describe, expect, it } from 'vitest';
import { previousIndex } from '../../../src/report/previous.js';
import type { Unit } from '../../../src/units/load.js';
import { PREVIOUS, UNITS } from './fixture.js';

const results = (units: unknown[], tier = 't'): unknown => ({ format: 'thidua.results/v1', tiers: [{ id: tier, units }] });
const unit = (id: string, successor?: string): Unit => ({ id, name: id, tier: 't', ...(successor ? { successor } : {}) });

describe('previousIndex', () => {
  it('maps each unit to its earlier total (hundredths) and rank', () => {
    const idx = previousIndex(results([{ id: 'A', status: 'scored', total: 87.5, rank: 2 }]), null);
    expect(idx.get('t')?.get('A')).toEqual({ total: 8750, rank: 2, from: 'A', sources: ['A'] });
  });

  it('follows successor ids, through chains', () => {
    const idx = previousIndex(results([{ id: 'X', status: 'scored', total: 70, rank: 4 }]), [unit('X', 'Y'), unit('Y', 'Z'), unit('Z')]);
    expect(idx.get('t')?.get('Z')).toEqual({ total: 7000, rank: 4, from: 'X', sources: ['X'] });
    expect(idx.get('t')?.has('X')).toBe(false);
  });

  it('takes the best earlier record when several units merged into one', () => {
    const idx = previousIndex(PREVIOUS, UNITS).get('don_vi')!;
    expect(idx.get('U1')).toEqual({ total: 8000, rank: 2, from: 'OLD', sources: ['OLD'] });
    expect(idx.get('U3')).toEqual({ total: 9000, rank: 1, from: 'U3', sources: ['OLD2', 'U3'] });
    expect(idx.has('U2')).toBe(false);
  });

  it('breaks equal earlier totals by rank, then id', () => {
    const idx = previousIndex(
      results([
        { id: 'B', status: 'scored', total: 50, rank: 3 },
        { id: 'A', status: 'scored', total: 50, rank: 1 },
        { id: 'C', status: 'scored', total: 50, rank: 1 },
      ]),
      [unit('A', 'N'), unit('B', 'N'), unit('C', 'N')],
    );
    expect(idx.get('t')?.get('N')).toMatchObject({ from: 'A', rank: 1, sources: ['A', 'B', 'C'] });
  });

  it('survives a cycle of successors', () => {
    const idx = previousIndex(results([{ id: 'A', status: 'scored', total: 1, rank: 1 }]), [unit('A', 'B'), unit('B', 'A')]);
    expect(idx.get('t')?.size).toBe(1);
  });

  it('gives nothing for what is not a results file', () => {
    expect(previousIndex(null, null).size).toBe(0);
    expect(previousIndex({ format: 'other' }, null).size).toBe(0);
    expect(previousIndex({ format: 'thidua.results/v1', tiers: [{ id: 't', units: [{ id: 1 }, null, { id: 'x', total: 'a' }] }] }, null).get('t')?.size).toBe(0);
  });
});
