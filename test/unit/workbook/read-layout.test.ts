/**
 * The reader's rooms keep to their seams: a big roster's fast paths (pooled cells, the number
 * lane: src/workbook/read/roster-rows.ts) sit behind their own entry, reached from
 * `openWorkbook`'s `readRows` alone; the general way of reading rows, on one thread or two,
 * takes no value from them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../../src/workbook/read/', import.meta.url);

/** The modules of the reader each file imports values from (type-only imports left out). */
function valueImports(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(new URL(f, DIR), 'utf8');
    const specs = [...text.matchAll(/^(import|export)\s+(type\s+)?\{([^}]*)\}\s*from '\.\/([^']+)\.js';/gm)]
      .filter((m) => m[2] === undefined && !m[3]!.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type ')))
      .map((m) => `${m[4]}.ts`);
    out.set(f, specs);
  }
  return out;
}

describe('the reader’s layout', () => {
  it('reaches the roster’s fast paths from index.ts alone', () => {
    const imports = valueImports();
    expect(imports.get('roster-rows.ts')).toBeDefined();
    const users = [...imports].filter(([, specs]) => specs.includes('roster-rows.ts')).map(([f]) => f);
    expect(users).toEqual(['index.ts']);
  });
});
