import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, THREAD_MIN_BYTES } from '../../src/workbook/read/index.js';
import { ZipArchive } from '../../src/workbook/read/zip.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';

// A roster big enough for results.xlsx to be written on its own thread (20,000 units and up),
// and for its sheet to be read on one (16 MiB and up).
describe.skipIf(!HAS_BUILD)('results.xlsx written, and the roster read, on a second thread', () => {
  it('is the same file, byte for byte, as written and read on the main thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-xlsx-thread-'));
    const roster = join(dir, 'roster.xlsx');
    const gen = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-roster.mjs'), '--rows', '32000', '--items', '12', '--blocks', '30', '--out', roster], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const sheet = ZipArchive.open(readFileSync(roster), DEFAULT_LIMITS).get('xl/worksheets/sheet1.xml');
    expect(sheet!.uncompressedSize).toBeGreaterThanOrEqual(THREAD_MIN_BYTES);
    const criteria = join(ROOT, 'bench', 'criteria.yaml');
    const run = (out: string, env: Record<string, string>, threadWrites: boolean): void => {
      const r = thidua(['score', criteria, roster, '--phase', 'gd1', '-o', join(dir, out), '-q'], ROOT, { ...env, THIDUA_TRACE: '1' });
      expect(r.code, r.stderr).toBe(0);
      // the trace says which thread wrote it, and that the names went ahead while scoring
      expect(r.stderr.includes('workbook thread: written'), r.stderr).toBe(threadWrites);
      if (threadWrites) {
        expect(r.stderr.includes('workbook thread: names received'), r.stderr).toBe(true);
        // every one of the 30 blocks asked the thread for its units in name order (the ones it
        // had sorted by then are ranked from its places; the files below are the same either way)
        expect(r.stderr).toMatch(/blocks in name order from the workbook thread: \d+ of 30\n/);
      }
    };
    run('threaded', {}, true);
    run('inline', { THIDUA_WORKERS: '0' }, false);
    // a thread that runs out of memory (here: while taking the names in) leaves the workbook to
    // the main thread; so does one that fails once the job has handed it the model
    run('fallback', { THIDUA_XLSX_HEAP_MB: '4' }, false);
    const failed = thidua(['score', criteria, roster, '--phase', 'gd1', '-o', join(dir, 'failed'), '-q'], ROOT, { THIDUA_TRACE: '1', THIDUA_XLSX_FAIL: 'model' });
    expect(failed.code, failed.stderr).toBe(0);
    expect(failed.stderr).toContain('workbook thread failed (THIDUA_XLSX_FAIL=model): written on the main thread');
    for (const f of ['results.xlsx', 'results.json', 'summary.md']) {
      expect(readFileSync(join(dir, 'threaded', f)).equals(readFileSync(join(dir, 'inline', f))), f).toBe(true);
      expect(readFileSync(join(dir, 'fallback', f)).equals(readFileSync(join(dir, 'inline', f))), f).toBe(true);
      expect(readFileSync(join(dir, 'failed', f)).equals(readFileSync(join(dir, 'inline', f))), f).toBe(true);
    }
    // a run whose output folder is a file ends at once with its own message and exit code
    // (the folder is made, and taken, before anything is read: issue 15)
    writeFileSync(join(dir, 'taken'), '');
    const stopped = thidua(['score', criteria, roster, '--phase', 'gd1', '-o', join(dir, 'taken'), '-q'], ROOT, { THIDUA_TRACE: '1' });
    expect(stopped.code, stopped.stderr).toBe(2);
    expect(stopped.stderr).toContain(`không tạo được thư mục ${join(dir, 'taken')}: đó là một tệp, không phải thư mục`);
  }, 120_000);
});
