import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../src/util/gc.js';

describe('collectGarbage', () => {
  it('frees memory nothing refers to any more, at once', () => {
    let big: Uint8Array | null = new Uint8Array(64 * 2 ** 20).fill(7);
    const held = process.memoryUsage().arrayBuffers;
    expect(big[12345]).toBe(7);
    big = null;
    collectGarbage();
    expect(held - process.memoryUsage().arrayBuffers).toBeGreaterThan(60 * 2 ** 20);
    // and again: the function is found once and kept
    collectGarbage();
  });
});
