/**
 * Dependencies point one way (docs: STYLE, "keep the house walkable"): no value import cycle
 * between the files of src/. Type-only imports are free: they vanish when compiled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Value imports of each file, as paths relative to src/ ('import type' and 'export type' left out). */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm)) {
      if (m[1]) continue;
      const target = resolve(dirname(f), m[2]!.replace(/\.js$/, '.ts'));
      deps.push(relative(SRC, target));
    }
    graph.set(relative(SRC, f), deps);
  }
  return graph;
}

/** Every cycle met by a depth-first walk, each as the files around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const out: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') out.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d) && graph.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return out;
}

describe('the import graph of src/', () => {
  it('has no cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });

  it('the CLI imports nothing from report/ or scoring/ but types (the pipeline lives in run/)', () => {
    const graph = importGraph();
    const reaching = [...graph].flatMap(([f, deps]) => (f.startsWith('cli/') ? deps.filter((d) => d.startsWith('report/') || d.startsWith('scoring/')).map((d) => `${f} -> ${d}`) : []));
    expect(reaching).toEqual([]);
  });

  // layers: what a lower floor may not reach (value or type), as [importer prefix, forbidden prefix]
  const FLOORS: [string, string, string][] = [
    ['criteria/', 'scoring/', 'reading the points table does not depend on computing (decimals live in util/)'],
    ['submissions/', 'scoring/', 'reading workbooks does not depend on computing'],
    ['submissions/', 'workbook/write/', 'reading names columns with workbook/cells.ts, not the writer'],
    ['run/', 'cli/', 'the pipeline does not reach up to the CLI (usage errors live in diagnostics/)'],
    ['util/', '', 'util/ is the ground floor: it imports only other util/ files'],
    ['workbook/', 'scoring/', 'the xlsx boundary knows nothing of scoring'],
  ];
  it.each(FLOORS)('no file under %s imports from %s (%s)', (from, to) => {
    const graph = importGraph();
    const text = (f: string): string => readFileSync(join(SRC, f), 'utf8');
    const reaching = [...graph.keys()].filter((f) => f.startsWith(from)).flatMap((f) =>
      [...text(f).matchAll(/from\s+'(\.[^']+)'/g)]
        .map((m) => relative(SRC, resolve(dirname(join(SRC, f)), m[1]!.replace(/\.js$/, '.ts'))))
        .filter((d) => (to === '' ? !d.startsWith('util/') : d.startsWith(to)))
        .map((d) => `${f} -> ${d}`),
    );
    expect(reaching).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
