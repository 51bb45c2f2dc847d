import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// root cannot be refused a folder by its mode: the refusal is staged on one path instead
const REFUSED = new Set<string>();
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    readdirSync: ((p: fs.PathLike, o?: unknown) => {
      if (REFUSED.has(String(p))) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES' });
      return (real.readdirSync as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
    }) as typeof fs.readdirSync,
  };
});
const { expandInputs } = await import('../../../src/run/inputs.js');

const unix = process.platform !== 'win32';

/** Issue 15, case 8: walking folders. */
describe.skipIf(!unix)('expandInputs', () => {
  it('dangling links, loops, folder links and unreadable subfolders are findings; the walk goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-walk-'));
    writeFileSync(join(dir, 'a.xlsx'), '');
    mkdirSync(join(dir, 'khoa'));
    writeFileSync(join(dir, 'khoa', 'b.xlsx'), '');
    mkdirSync(join(dir, 'locked'));
    REFUSED.add(join(dir, 'locked'));
    symlinkSync('/nowhere', join(dir, 'ghi-chu.txt'));
    symlinkSync('/nowhere', join(dir, 'gone.xlsx'));
    symlinkSync('self.xlsx', join(dir, 'self.xlsx'));
    symlinkSync('/etc', join(dir, 'etc'));
    symlinkSync('..', join(dir, 'khoa', 'up'));
    symlinkSync(dir, join(dir, 'loop'));
    const { files, skipped } = expandInputs([dir], 'vi');
    expect(files).toEqual([join(dir, 'a.xlsx'), join(dir, 'khoa', 'b.xlsx')]);
    const found = Object.fromEntries(skipped.map((s) => [s.path.slice(dir.length + 1), `${s.code}:${String(s.args.reason)}`]));
    expect(found).toEqual({
      'gone.xlsx': 'unreadable-file:broken-link',
      'self.xlsx': 'unreadable-file:link-loop',
      etc: 'path-skipped:dir-link',
      'khoa/up': 'path-skipped:dir-link',
      loop: 'path-skipped:dir-link',
      locked: 'unreadable-file:folder',
    });
    expect(skipped.find((s) => s.path.endsWith('locked'))!.args.detail).toBe('EACCES');
  });

  it('a path named on the command line that does not exist still stops the run', () => {
    expect(() => expandInputs([join(tmpdir(), 'no-such-thidua-folder')], 'vi')).toThrow(/không tìm thấy/);
  });
});
