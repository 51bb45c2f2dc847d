/**
 * Issue 18, "Done when": the same province scored in one run and scored from per-commune
 * `--from` files gives the communes the same unit entries in results.json, byte for byte —
 * at a tiny scale, with the benchmark's own pieces (scripts/gen-roster.mjs --parents,
 * bench/criteria-rollup.yaml, bench/rollup.mjs). Also checks the stand-in `npm run bench` uses
 * for a thousand per-commune runs: one households-alone run split by parent gives each
 * commune the entries its own run gives (all but `source`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { communeForms, sameUnits, splitByParent } from '../../bench/rollup.mjs';
import { ROOT, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'thidua-rollup-bench-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CRITERIA = join(ROOT, 'bench', 'criteria-rollup.yaml');
const ROWS = 240;
const COMMUNES = 4;

/** A generated roster over the communes (all of them, or one commune's households only). */
function roster(name: string, only?: number): { path: string; parentRows: number[] } {
  const path = join(work, name);
  const args = ['--rows', String(ROWS), '--blocks', '24', '--parents', String(COMMUNES), '--out', path, ...(only ? ['--only-parent', String(only)] : [])];
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-roster.mjs'), ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { path, parentRows: (JSON.parse(r.stdout) as { parentRows: number[] }).parentRows };
}

/** `thidua score` of the roll-up criteria; its results.json. */
function score(out: string, inputs: string[], extra: string[] = []): string {
  const r = runCli(['score', CRITERIA, ...inputs, '--phase', 'gd1', '-o', join(work, out), '-q', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return join(work, out, 'results.json');
}

describe('roll-up: one run against per-commune --from files (bench pieces, tiny scale)', () => {
  it('gives the communes the same unit entries byte for byte, and the split stands in for per-commune runs', async () => {
    const province = roster('province.xlsx');
    expect(province.parentRows.reduce((a, b) => a + b, 0)).toBe(ROWS);
    const forms = join(work, 'xa');
    expect(await communeForms(ROOT, forms, CRITERIA, province.parentRows)).toBe(COMMUNES);
    const one = score('one', [province.path, forms]);

    // each commune scores its own households alone; the province rolls the communes up from those files
    const own = Array.from({ length: COMMUNES }, (_, k) => score(`own-${k + 1}`, [roster(`xa-${k + 1}.xlsx`, k + 1).path]));
    const fromOwn = score('from-own', [forms], own.flatMap((f) => ['--from', f]));
    expect(await sameUnits(one, fromOwn, 'xa')).toEqual({ units: COMMUNES, identical: true, sourceOnly: 0, differ: [] });

    // the bench's stand-in: the households-alone run split by parent
    const split = await splitByParent(score('alone', [province.path]), 'ho', join(work, 'split'));
    expect(split.units).toBe(ROWS);
    expect(split.files).toHaveLength(COMMUNES);
    for (let k = 0; k < COMMUNES; k++) {
      const c = await sameUnits(own[k]!, split.files[k]!, 'ho');
      expect([c.units, c.differ]).toEqual([province.parentRows[k], []]);
    }
    const fromSplit = score('from-split', [forms], split.files.flatMap((f) => ['--from', f]));
    expect(await sameUnits(one, fromSplit, 'xa')).toEqual({ units: COMMUNES, identical: true, sourceOnly: 0, differ: [] });

    // and the comparison does see a difference, or one only in source
    const changed = join(work, 'changed.json');
    const text = readFileSync(one, 'utf8');
    writeFileSync(changed, text.replace(/(\{"id":"XA-0002",.*?"total":)[\d.]+/, '$1 0').replace(/(\{"id":"XA-0003",.*"source":\{"path":")/, '$1moved/'));
    expect(await sameUnits(one, changed, 'xa')).toEqual({ units: COMMUNES, identical: false, sourceOnly: 1, differ: ['XA-0002'] });
    copyFileSync(one, changed);
    expect((await sameUnits(one, changed, 'xa')).identical).toBe(true);
  }, 240_000);
});
