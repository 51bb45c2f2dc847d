/**
 * How many threads read a batch of workbooks (src/run/pool.ts): chosen from the work, so
 * that a small batch, or any batch on two cores, is never slower with threads than without.
 */
import { describe, expect, it } from 'vitest';
import { BYTES_PER_THREAD, poolThreads } from '../../../src/run/pool.js';

const MB = 1024 * 1024;

describe('poolThreads', () => {
  it('starts none on two cores, whatever the batch (the main thread merging needs the other core)', () => {
    for (const bytes of [0, 3 * MB, 10 * MB, 1000 * MB]) expect(poolThreads(bytes, 2)).toBe(0);
  });

  it('starts none for a batch worth fewer than two threads', () => {
    expect(poolThreads(20 * 10 * 1024, 8)).toBe(0); // 20 forms of 10 KB
    expect(poolThreads(2 * BYTES_PER_THREAD - 1, 8)).toBe(0);
  });

  it('starts one thread per share of the work, leaving a core to the main thread, at most 8', () => {
    expect(poolThreads(2 * BYTES_PER_THREAD, 8)).toBe(2);
    expect(poolThreads(5 * BYTES_PER_THREAD + 1, 8)).toBe(5);
    expect(poolThreads(100 * BYTES_PER_THREAD, 8)).toBe(7);
    expect(poolThreads(100 * BYTES_PER_THREAD, 4)).toBe(3);
    expect(poolThreads(100 * BYTES_PER_THREAD, 32)).toBe(8);
  });
});
