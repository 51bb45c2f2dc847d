/**
 * The single executables (npm run build:exe) against `node bin/thidua.js`: every command on
 * the example project, byte for byte, once as it comes and once with every worker thread
 * forced on (THIDUA_WORKERS=always) — dist-exe/thidua natively, dist-exe/thidua.exe under
 * wine. Folder and file names are Vietnamese with spaces; under wine, paths are also given
 * with backslashes.
 *
 * Skipped when the executables are not built, unless THIDUA_TEST_EXE=1 (CI: .ci/run), which
 * also makes a missing wine a failure.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, HAS_BUILD, ROOT } from '../e2e/run.js';

const EXE = join(ROOT, 'dist-exe', 'thidua');
const EXE_WIN = join(ROOT, 'dist-exe', 'thidua.exe');
const REQUIRED = process.env.THIDUA_TEST_EXE === '1';
const BUILT = existsSync(EXE) && existsSync(EXE_WIN);
const HAS_WINE = spawnSync('wine', ['--version'], { stdio: 'ignore' }).status === 0;
const CACHE = process.env.THIDUA_EXE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'thidua-exe');
const WINE_ENV = { WINEPREFIX: join(CACHE, 'wine'), WINEDEBUG: '-all', LC_ALL: 'C.UTF-8' };
const DATE = '2024-05-01';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
type Tool = (args: string[], cwd: string, env?: Record<string, string>, stdin?: string) => Run;

const BASE_ENV = { NO_COLOR: '1', CI: '1' };

/** Runs a program with its output sent to files: under wine a pipe breaks Node's stdout. */
function spawnToFiles(cmd: string, args: string[], cwd: string, env: Record<string, string>, stdin?: string): Run {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-exe-io-'));
  const files = ['in', 'out', 'err'].map((n) => join(dir, n));
  writeFileSync(files[0]!, stdin ?? '');
  const fds = [openSync(files[0]!, 'r'), openSync(files[1]!, 'w'), openSync(files[2]!, 'w')];
  try {
    const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...BASE_ENV, ...env }, stdio: fds, timeout: 300_000 });
    return { code: r.status ?? -1, stdout: readFileSync(files[1]!, 'utf8'), stderr: readFileSync(files[2]!, 'utf8') };
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

const node: Tool = (args, cwd, env = {}, stdin) => spawnToFiles(process.execPath, [BIN, ...args], cwd, env, stdin);
const linux: Tool = (args, cwd, env = {}, stdin) => spawnToFiles(EXE, args, cwd, env, stdin);
const wine: Tool = (args, cwd, env = {}, stdin) => spawnToFiles('wine', [EXE_WIN, ...args], cwd, { ...WINE_ENV, ...env }, stdin);
/** Under wine, paths given on the command line are written the Windows way. */
const winPath = (p: string): string => p.split('/').join('\\');

/** The wine prefix, made once (about 10 s) and kept with the cached Node binaries. */
function winePrefix(): void {
  if (existsSync(join(WINE_ENV.WINEPREFIX, 'system.reg'))) return;
  mkdirSync(WINE_ENV.WINEPREFIX, { recursive: true });
  const env = { ...process.env, ...WINE_ENV };
  spawnSync('wineboot', ['-i'], { env, stdio: 'ignore', timeout: 300_000 });
  // Node refuses older Windows; a new prefix may report Windows 7
  spawnSync('wine', ['winecfg', '/v', 'win10'], { env, stdio: 'ignore', timeout: 300_000 });
  spawnSync('wineserver', ['-w'], { env, stdio: 'ignore', timeout: 300_000 });
}

/** One wineserver for the whole test rather than one per run (about a second each). */
function wineServer(): void {
  spawnSync('wineserver', ['-p', '60'], { env: { ...process.env, ...WINE_ENV }, stdio: 'ignore' });
}

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function sameTree(got: string, want: string): void {
  const a = tree(got);
  const b = tree(want);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [k, v] of b) expect(a.get(k)!.equals(v), k).toBe(true);
}

/**
 * What one tool gives for every command, in a project it made itself with `init`; `threads`
 * only for the commands that start threads (check and score: the reading pool, the rows
 * thread, the workbook thread).
 */
function session(tool: Tool, root: string, env: Record<string, string>, path: (p: string) => string, threads = false): { runs: Record<string, Run>; project: string } {
  const project = join(root, 'Dự án thi đua');
  const runs: Record<string, Run> = {};
  runs.init = tool(['init', 'Dự án thi đua'], root, env);
  runs.check = tool(['check'], project, env);
  runs.score = tool(['score', 'criteria.yaml', path('submissions/gd1'), '--phase', 'gd1', '--units', 'units.yaml', '--date', DATE, '-o', path('kết quả/đợt 1')], project, env);
  if (threads) return { runs, project };
  runs.version = tool(['--version'], root, env);
  runs.lint = tool(['lint', 'criteria.yaml', 'units.yaml'], project, env);
  runs.lintMissing = tool(['lint', 'không có.yaml'], project, env);
  runs.template = tool(['template', 'criteria.yaml', '--tier', 'xa', '--phase', 'gd1', '--units', 'units.yaml', '--date', DATE, '-o', path('mẫu phiếu/xã')], project, env);
  runs.scoreEn = tool(['score', '--lang', 'en', '--format', 'json', '--date', DATE, '-o', path('kết quả/en')], project, env);
  // gd2's forms, with one broken: errors are listed and the outputs written, exit 1
  mkdirSync(join(project, 'nộp lỗi'), { recursive: true });
  cpSync(join(project, 'submissions', 'gd2'), join(project, 'nộp lỗi'), { recursive: true });
  writeFileSync(join(project, 'nộp lỗi', 'XA-999 - hỏng.xlsx'), 'not a workbook');
  runs.scoreErrors = tool(['score', 'criteria.yaml', path('nộp lỗi'), '--phase', 'gd2', '--units', 'units.yaml', '--date', DATE, '-o', path('kết quả/lỗi')], project, env);
  runs.badPhase = tool(['score', '--phase', 'gd9'], project, env);
  return { runs, project };
}

describe.skipIf(!REQUIRED && !(BUILT && HAS_BUILD))('the single executables', () => {
  it('are built', () => {
    expect(BUILT, 'npm run build:exe').toBe(true);
    expect(HAS_BUILD, 'npm run build').toBe(true);
  });

  const base = mkdtempSync(join(tmpdir(), 'thidua exe '));
  let reference: { runs: Record<string, Run>; project: string } | undefined;
  const want = (): { runs: Record<string, Run>; project: string } => (reference ??= session(node, mkdirIn(base, 'node'), {}, (p) => p));

  const tools: [string, Tool, (p: string) => string][] = [['linux-x64', linux, (p) => p]];
  if (REQUIRED || HAS_WINE) tools.push(['win-x64 under wine', wine, winPath]);

  for (const [name, tool, path] of tools) {
    for (const [mode, env, threads] of [
      ['', {}, false],
      [', every worker thread forced on', { THIDUA_WORKERS: 'always' }, true],
    ] as const) {
      it(`${name}${mode}: the same output as node bin/thidua.js, byte for byte`, () => {
        if (tool === wine) {
          expect(HAS_WINE, 'wine (apt-get install wine64 wine)').toBe(true);
          winePrefix();
          wineServer();
        }
        const { runs: w, project: wp } = want();
        const { runs: g, project: gp } = session(tool, mkdirIn(base, `${name}${mode}`), env, path, threads);
        for (const k of Object.keys(g)) {
          expect({ code: g[k]!.code, stdout: g[k]!.stdout, stderr: g[k]!.stderr }, k).toEqual({ code: w[k]!.code, stdout: w[k]!.stdout, stderr: w[k]!.stderr });
        }
        expect([w.lint!.code, w.lintMissing!.code, w.score!.code, w.scoreErrors!.code, w.badPhase!.code]).toEqual([0, 2, 1, 1, 2]); // the example's phase 1 holds one deliberate error (its README)
        // everything written: the project init made, templates, and three outputs per score
        if (threads) sameTree(join(gp, 'kết quả', 'đợt 1'), join(wp, 'kết quả', 'đợt 1'));
        else sameTree(gp, wp);
      }, 600_000);
    }

    it(`${name}: a double-click scores the folder's project and waits for a key; without one it shows the guide`, () => {
      if (tool === wine) {
        winePrefix();
        wineServer();
      }
      const dir = mkdirIn(base, `${name} nhấp đúp`);
      const env = { THIDUA_DOUBLE_CLICK: '1' };
      const guide = tool([], dir, env, '\n');
      expect(guide.code).toBe(0);
      expect(guide.stdout).toContain('thidua init du-an');
      expect(guide.stdout).toContain('Nhấn phím bất kỳ để đóng cửa sổ');
      expect(tool(['init', 'dự án'], dir).code).toBe(0);
      // the folder dropped on the program
      const dropped = tool([path(join(dir, 'dự án'))], dir, env, '\n');
      // the example's phase 1 holds one deliberate error (its README): exit 1, everything written
      expect(dropped.code, dropped.stderr).toBe(1);
      expect(dropped.stdout).toContain('Đã ghi: thidua-out/results.json');
      expect(dropped.stdout).toContain('Nhấn phím bất kỳ để đóng cửa sổ');
      expect(existsSync(join(dir, 'dự án', 'thidua-out', 'results.xlsx'))).toBe(true);
      // not on a console and not asked for: the usual help, and no waiting
      const plain = tool([], join(dir, 'dự án'));
      expect(plain.stdout + plain.stderr).toContain('Cách dùng: thidua');
      expect(plain.stdout + plain.stderr).not.toContain('Nhấn phím');
    }, 300_000);
  }
});

function mkdirIn(base: string, name: string): string {
  const d = join(base, name);
  mkdirSync(d, { recursive: true });
  return d;
}
