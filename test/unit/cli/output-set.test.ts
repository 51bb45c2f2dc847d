import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/diagnostics/usage.js';
import { StagedFile } from '../../../src/cli/io.js';
import { OutputSet } from '../../../src/cli/output-set.js';

const NAMES = ['results.xlsx', 'results.json', 'summary.md'];

function folder(withSet: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-set-'));
  if (withSet !== null) for (const n of NAMES) writeFileSync(join(dir, n), `${withSet} ${n}`);
  return dir;
}

function writeSet(dir: string, tag: string): OutputSet {
  const set = new OutputSet(dir, NAMES, 'vi');
  set.acquire();
  for (const n of NAMES) set.stage(n).write(`${tag} ${n}`);
  return set;
}

const contents = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));

/** Issue 15, cases 3 and 7: the outputs are one set, written exclusively, under a lock. */
describe('OutputSet', () => {
  it('puts a whole set in place and leaves nothing else', () => {
    const dir = folder('old');
    const set = writeSet(dir, 'new');
    set.commit();
    set.release();
    expect(contents(dir)).toEqual(Object.fromEntries(NAMES.map((n) => [n, `new ${n}`]).sort()));
  });

  it('a folder where one output goes: refused before anything moves, the previous set stays', () => {
    const dir = folder(null);
    writeFileSync(join(dir, 'results.xlsx'), 'old results.xlsx');
    writeFileSync(join(dir, 'results.json'), 'old results.json');
    mkdirSync(join(dir, 'summary.md'));
    const set = writeSet(dir, 'new');
    expect(() => set.commit()).toThrow(/summary\.md: đó là một thư mục \(EISDIR\)/);
    set.abandon();
    expect(readdirSync(dir).sort()).toEqual(NAMES.slice().sort());
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe('old results.json');
  });

  it('a second run into a folder another run holds is refused; a lock left by a dead run is taken over', () => {
    const dir = folder('old');
    // a lock naming a live process of this machine, then the same process killed
    return new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
      writeFileSync(join(dir, '.thidua.lock'), `${child.pid} ${hostname()}\n`);
      try {
        expect(() => new OutputSet(dir, NAMES, 'en').acquire()).toThrow(UsageError);
        expect(() => new OutputSet(dir, NAMES, 'en').acquire()).toThrow(/another thidua run \(process \d+\)/);
      } finally {
        child.kill('SIGKILL');
      }
      child.on('exit', () => {
        const c = new OutputSet(dir, NAMES, 'en');
        expect(() => c.acquire()).not.toThrow();
        c.release();
        expect(existsSync(join(dir, '.thidua.lock'))).toBe(false);
        resolve();
      });
    });
  });

  it('removes temporaries a killed run left, and puts back a set it left half placed', () => {
    const dir = folder('old');
    // a run killed while writing: its temporaries, one of them a planted link
    writeFileSync(join(dir, '.results.json.0123456789ab.tmp'), 'x');
    writeFileSync(join(dir, '.summary.md.4242.tmp'), 'x');
    symlinkSync('/etc/passwd', join(dir, '.results.xlsx.99.tmp'));
    // a run killed among its renames: results.xlsx already new, its old one kept aside
    linkSync(join(dir, 'results.xlsx'), join(dir, '.results.xlsx.aaaaaaaaaaaa.old'));
    writeFileSync(join(dir, 'new.tmp'), 'half results.xlsx');
    renameSync(join(dir, 'new.tmp'), join(dir, 'results.xlsx'));
    writeFileSync(join(dir, '.thidua.commit'), JSON.stringify([{ target: 'results.xlsx', backup: '.results.xlsx.aaaaaaaaaaaa.old', had: true }, { target: 'results.json', backup: null, had: true }]));
    writeFileSync(join(dir, 'notes.txt'), 'the clerk’s own file');
    const set = new OutputSet(dir, NAMES, 'vi');
    set.acquire();
    set.release();
    expect(contents(dir)).toEqual({ 'notes.txt': 'the clerk’s own file', ...Object.fromEntries(NAMES.map((n) => [n, `old ${n}`])) });
  });

  it('temporary files: random names, created exclusively, never through a link', () => {
    const dir = folder(null);
    const a = new StagedFile(join(dir, 'results.json'), 'vi');
    const b = new StagedFile(join(dir, 'results.json'), 'vi');
    expect(a.tmp).not.toBe(b.tmp);
    expect(a.tmp).toMatch(/\.results\.json\.[0-9a-f]{12}\.tmp$/);
    a.discard();
    b.discard();
  });
});
