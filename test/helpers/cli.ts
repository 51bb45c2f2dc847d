import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json is). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built command: bin/thidua.js imports dist/cli/main.js. */
export const BIN = fileURLToPath(new URL('../../bin/thidua.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  /** Exit status; null when the process was killed (timeout, signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * Runs the BUILT binary (`node bin/thidua.js …`) with NO_COLOR=1, and returns its exit
 * code and output. Variables that could change the output (colour forcing, debug
 * stack traces, CI) are removed unless the caller sets them.
 */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['FORCE_COLOR', 'THIDUA_DEBUG', 'CI', 'NODE_OPTIONS'].includes(k)) env[k] = v;
  }
  env.NO_COLOR = '1';
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
