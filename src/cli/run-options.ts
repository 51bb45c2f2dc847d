import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';
import { UsageError } from '../diagnostics/usage.js';
import { fromFile } from '../run/earlier.js';
import { expandInputs, type SkippedPath } from '../run/inputs.js';
import type { FromFile } from '../run/rollup.js';
import type { RunInput } from '../run/run-input.js';
import type { Setup } from '../run/setup.js';
import type { ReadLimits } from '../workbook/types.js';
import { makeCtx, type Ctx, type GlobalOptions } from './context.js';
import { readInput } from './io.js';
import { Progress } from './progress.js';
import { readProject } from './project.js';
import { loadSetup } from './setup.js';

/**
 * What `check` and `score` share on the command line: their arguments and options, the
 * project's thidua.yaml, the criteria and units files read and checked, the workbooks found,
 * and the progress bar while they are read. The commands' work is in src/run/ (check.ts, score.ts).
 */

/** Read limits a clerk can raise (issue: hostile files), in the units people think in. */
const LIMIT_FLAGS = [
  { flag: '--max-file-mb <n>', key: 'maxFileMb', limit: 'maxFileBytes', scale: 1024 * 1024, reason: 'file-size', vi: 'dung lượng tối đa của một tệp, MB', en: 'largest workbook file, MB' },
  { flag: '--max-unzipped-mb <n>', key: 'maxUnzippedMb', limit: 'maxUncompressedBytes', scale: 1024 * 1024, reason: 'uncompressed', vi: 'dung lượng tối đa sau giải nén, MB', en: 'largest uncompressed size, MB' },
  { flag: '--max-ratio <n>', key: 'maxRatio', limit: 'maxCompressionRatio', scale: 1, reason: 'ratio', vi: 'tỷ lệ nén tối đa', en: 'highest compression ratio' },
  { flag: '--max-cells <n>', key: 'maxCells', limit: 'maxCells', scale: 1, reason: 'cells', vi: 'số ô tối đa của một trang tính', en: 'most cells in one sheet' },
] as const;

/** The flag that raises the limit a `too-large` finding names. */
export const LIMIT_FLAG_OF: Record<string, string> = Object.fromEntries(LIMIT_FLAGS.map((f) => [f.reason, f.flag.split(' ')[0]!]));

function readLimits(opts: Record<string, unknown>, lang: Lang): Partial<ReadLimits> {
  const out: Partial<Record<keyof ReadLimits, number>> = {};
  for (const f of LIMIT_FLAGS) {
    const v = opts[f.key];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(lang === 'vi' ? `${f.flag.split(' ')[0]} phải là số dương (${String(v)})` : `${f.flag.split(' ')[0]} must be a positive number (${String(v)})`);
    out[f.limit] = Math.round(n * f.scale);
  }
  return out;
}

/** The arguments and options check and score share. */
export function inputOptions(cmd: Command, vi: boolean): Command {
  return cmd
      .argument('[criteria]', vi ? 'tệp tiêu chí .yaml' : 'criteria .yaml file')
      .argument('[inputs...]', vi ? 'tệp .xlsx hoặc thư mục' : '.xlsx files or folders')
      .option('--phase <id>', vi ? 'giai đoạn chấm (vd gd1)' : 'phase (e.g. gd1)')
      .option('--tier <id>', vi ? 'chỉ đối tượng này' : 'this tier only')
      .option('--units <file>', vi ? 'danh sách đơn vị (.yaml hoặc .xlsx)' : 'units file (.yaml or .xlsx)')
      .option('--from <results.json>', vi ? 'kết quả của đối tượng cấp dưới từ lần chấm trước (lặp lại được)' : 'a child tier\'s results from an earlier run (repeatable)', (v: string, prev: string[] = []) => [...prev, v]);
}

export function limitOptions(cmd: Command, lang: Lang): Command {
  for (const f of LIMIT_FLAGS) cmd.option(f.flag, lang === 'vi' ? f.vi : f.en);
  return cmd;
}

export interface RunOptions extends GlobalOptions {
  phase?: string;
  tier?: string;
  units?: string;
  output?: string;
  date?: string;
  previous?: string;
  notices?: boolean;
  from?: string[];
  decisions?: string;
}

/** Paths in outputs: relative to the working folder when inside it, with forward slashes. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  const shown = rel && !rel.startsWith('..') ? rel : resolve(p);
  return shown.split(sep).join('/');
}

/** The report date: --date, else SOURCE_DATE_EPOCH, else none (no clock time in outputs). */
export function reportDate(opt: string | undefined, lang: Lang): string | null {
  if (opt) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opt) || Number.isNaN(Date.parse(`${opt}T00:00:00Z`))) throw new UsageError(lang === 'vi' ? `--date phải có dạng YYYY-MM-DD (${opt})` : `--date must be YYYY-MM-DD (${opt})`);
    return opt;
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return null;
}

export interface Prepared {
  ctx: Ctx;
  criteriaPath: string;
  unitsPath?: string;
  setup: Setup;
  files: string[];
  lockFiles: string[];
  skipped: SkippedPath[];
  phase: string;
  tier?: string;
  limits: Partial<ReadLimits>;
  fromResults: FromFile[];
}

/** Arguments, thidua.yaml, criteria and units: everything before reading workbooks. A number is the exit code of a run that cannot start. */
export async function prepare(criteriaArg: string | undefined, inputsArg: string[], opts: RunOptions): Promise<Prepared | number> {
  const ctx = makeCtx(opts);
  const project = readProject(ctx.lang);
  const criteriaPath = criteriaArg ?? project.criteria;
  if (!criteriaPath) throw new UsageError(ctx.lang === 'vi' ? 'thiếu tệp tiêu chí (hoặc chạy trong thư mục có thidua.yaml)' : 'no criteria file given (or run inside a folder with thidua.yaml)');
  const inputs = inputsArg.length ? inputsArg : project.submissions ? ([] as string[]).concat(project.submissions) : [];
  if (!inputs.length) throw new UsageError(ctx.lang === 'vi' ? 'thiếu tệp hoặc thư mục phiếu chấm điểm' : 'no submission files or folders given');
  const unitsPath = opts.units ?? project.units;
  const phase = opts.phase ?? project.phase;
  const tier = opts.tier ?? project.tier;
  const s = await loadSetup(ctx, criteriaPath, unitsPath, phase, tier);
  if (!s) return 2;
  const { files, lockFiles, skipped } = expandInputs(inputs, ctx.lang);
  const limits = readLimits(opts as Record<string, unknown>, ctx.lang);
  // --from: an earlier run's results.json, read whole
  const fromResults = (opts.from ?? project.from ?? []).map((f) => fromFile(displayPath(f), readInput(f, ctx.lang)));
  return { fromResults, ctx, criteriaPath, ...(unitsPath ? { unitsPath } : {}), setup: s, files, lockFiles, skipped, phase: phase!, ...(tier ? { tier } : {}), limits };
}

/**
 * Runs a command's work (src/run/) on what `prepare` found, paths as shown, with a progress bar
 * while the files are read; `stop` takes the bar away before the run ends (score's writing).
 */
export async function withProgress<T>(p: Prepared, run: (input: RunInput, stop: () => void) => Promise<T>): Promise<T> {
  const progress = new Progress(p.ctx, p.files.length);
  try {
    return await run(
      {
        setup: p.setup,
        phase: p.phase,
        ...(p.tier ? { tier: p.tier } : {}),
        ...(p.unitsPath ? { unitsPath: displayPath(p.unitsPath) } : {}),
        files: p.files.map(displayPath),
        lockFiles: p.lockFiles.map(displayPath),
        skipped: p.skipped.map((sp) => ({ ...sp, path: displayPath(sp.path) })),
        limits: p.limits,
        limitFlags: LIMIT_FLAG_OF,
        from: p.fromResults,
        // THIDUA_WORKERS=0 reads every file in one thread (for measuring, or a machine short of
        // memory); THIDUA_WORKERS=always starts every thread whatever the sizes (tests)
        workers: process.env.THIDUA_WORKERS === '0' ? false : process.env.THIDUA_WORKERS === 'always' ? 'always' : true,
        onProgress: (done, _total, rows) => progress.update(done, rows),
      },
      () => progress.stop(),
    );
  } finally {
    progress.stop();
  }
}
