import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'thidua.js');
export const SHARED = join(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED, 'docs', 'SPEC.md'));
export const HAS_BUILD = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));

/** Runs the built tool as a user would, without colour, in a given folder. */
export function thidua(args: string[], cwd = ROOT, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
