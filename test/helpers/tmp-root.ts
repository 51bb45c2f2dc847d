import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: every test's temporary folders (`mkdtemp` under `os.tmpdir()`) go in
 * one folder made for the run, removed when it ends — a failed test, or one that keeps its
 * folder to be looked at, leaves nothing behind in the machine's temporary folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'thidua-tests-'));
  // os.tmpdir() reads TMPDIR on POSIX, TEMP and TMP on Windows; the test processes inherit them
  process.env.TMPDIR = root;
  process.env.TEMP = root;
  process.env.TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
