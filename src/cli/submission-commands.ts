import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';
import { toJson } from '../diagnostics/format.js';
import { assess, type Assessment, type AssessOptions } from '../run/assess.js';
import { expandInputs, type SkippedPath } from '../run/inputs.js';
import type { Setup } from '../run/setup.js';
import type { FromFile } from '../run/rollup.js';
import { loadSetup } from './setup.js';
import type { ResultsMeta } from '../report/results.js';
import { OUTPUT_NAMES, REPORT_DOCX, resultsJson, tierSummary, WorkbookThread, writeOutputs } from '../run/outputs.js';
import type { ReadLimits } from '../workbook/types.js';
import { commonOptions, report } from './common.js';
import { makeCtx, TOOL, type Ctx, type GlobalOptions } from './context.js';
import { UsageError } from '../diagnostics/usage.js';
import { assertNotInput, INPUT_LIMITS, makeDir, readInput } from './io.js';
import { OutputSet } from './output-set.js';
import { readProject } from './project.js';
import { NOTICES_DIR, writeNotices } from './notices.js';
import { Progress, notice } from './progress.js';
import { registerTemplateCommand } from './template-command.js';
import { withDecisions } from './decisions.js';

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
function inputOptions(cmd: Command, vi: boolean): Command {
  return cmd
      .argument('[criteria]', vi ? 'tệp tiêu chí .yaml' : 'criteria .yaml file')
      .argument('[inputs...]', vi ? 'tệp .xlsx hoặc thư mục' : '.xlsx files or folders')
      .option('--phase <id>', vi ? 'giai đoạn chấm (vd gd1)' : 'phase (e.g. gd1)')
      .option('--tier <id>', vi ? 'chỉ đối tượng này' : 'this tier only')
      .option('--units <file>', vi ? 'danh sách đơn vị (.yaml hoặc .xlsx)' : 'units file (.yaml or .xlsx)')
      .option('--from <results.json>', vi ? 'kết quả của đối tượng cấp dưới từ lần chấm trước (lặp lại được)' : 'a child tier\'s results from an earlier run (repeatable)', (v: string, prev: string[] = []) => [...prev, v]);
}

function limitOptions(cmd: Command, lang: Lang): Command {
  for (const f of LIMIT_FLAGS) cmd.option(f.flag, lang === 'vi' ? f.vi : f.en);
  return cmd;
}

interface RunOptions extends GlobalOptions {
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

interface Prepared {
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

/** Arguments, thidua.yaml, criteria and units: everything before reading workbooks. */
async function prepare(criteriaArg: string | undefined, inputsArg: string[], opts: RunOptions): Promise<Prepared | number> {
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
  const fromResults = (opts.from ?? project.from ?? []).map((f) => readFromFile(f, ctx.lang));
  return { fromResults, ctx, criteriaPath, ...(unitsPath ? { unitsPath } : {}), setup: s, files, lockFiles, skipped, phase: phase!, ...(tier ? { tier } : {}), limits };
}

async function run(p: Prepared, hooks: Pick<AssessOptions, 'beforeScoring' | 'beforeReorder'> = {}): Promise<Assessment> {
  const progress = new Progress(p.ctx, p.files.length);
  try {
    return await assess({
      criteria: p.setup.criteria,
      phase: p.phase,
      ...(p.tier ? { tierFilter: p.tier } : {}),
      units: p.setup.units,
      ...(p.unitsPath ? { unitsPath: displayPath(p.unitsPath) } : {}),
      files: p.files.map(displayPath),
      lockFiles: p.lockFiles.map(displayPath),
      skipped: p.skipped.map((sp) => ({ ...sp, path: displayPath(sp.path) })),
      limits: p.limits,
      limitFlags: LIMIT_FLAG_OF,
      fromResults: p.fromResults,
      // THIDUA_WORKERS=0 reads every file in one thread (for measuring, or a machine short of
      // memory); THIDUA_WORKERS=always starts every thread whatever the sizes (tests)
      workers: process.env.THIDUA_WORKERS === '0' ? false : process.env.THIDUA_WORKERS === 'always' ? 'always' : true,
      onProgress: (done, _total, rows) => progress.update(done, rows),
      ...hooks,
    });
  } finally {
    progress.stop();
  }
}


/** --from: an earlier run's results.json, read whole; one that is not JSON gives `from-mismatch` (in the run). */
function readFromFile(path: string, lang: Lang): FromFile {
  const bytes = readInput(path, lang);
  let data: unknown = null;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    data = null;
  }
  return { path: displayPath(path), data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** --previous: an earlier results.json; a file that is not one is a usage error. */
function readPrevious(path: string, lang: Lang): unknown {
  const text = readInput(path, lang, INPUT_LIMITS.previous).toString('utf8');
  let v: { format?: unknown; tiers?: unknown };
  try {
    v = JSON.parse(text) as { format?: unknown };
    if (v?.format !== 'thidua.results/v1') throw new Error('format');
  } catch {
    throw new UsageError(lang === 'vi' ? `${path} không phải tệp results.json của thidua` : `${path} is not a thidua results.json`);
  }
  // figures no points table gives (1e308, a rank of a billion) would reach the comparison
  // columns of results.xlsx: said here, naming the unit, rather than failing the writer
  for (const t of Array.isArray(v.tiers) ? (v.tiers as Record<string, unknown>[]) : []) {
    for (const u of Array.isArray(t?.units) ? (t.units as Record<string, unknown>[]) : []) {
      const bad = (x: unknown, max: number): boolean => typeof x === 'number' && !(Math.abs(x) <= max);
      const field = bad(u?.total, MAX_PREVIOUS_TOTAL) ? 'total' : bad(u?.rank, MAX_PREVIOUS_RANK) ? 'rank' : null;
      if (!field) continue;
      const shown = `${String(u[field])}`.slice(0, 40);
      throw new UsageError(
        lang === 'vi'
          ? `${path}: ${field === 'total' ? 'tổng điểm' : 'thứ hạng'} của đơn vị ${String(u.id)} (${String(t.id)}) là ${shown}, không phải con số của một lần chấm: tệp đã bị sửa hoặc không phải results.json của thidua`
          : `${path}: the ${field} of unit ${String(u.id)} (${String(t.id)}) is ${shown}, which no scoring gives: the file was altered or is not a thidua results.json`,
      );
    }
  }
  return v;
}

/** Far beyond any points table (a tier's max is at most thousands), far below where hundredths lose digits. */
const MAX_PREVIOUS_TOTAL = 1e9;
const MAX_PREVIOUS_RANK = 1e8;

export function registerSubmissionCommands(program: Command, lang: Lang): void {
  const vi = lang === 'vi';
  registerTemplateCommand(program, lang);

  commonOptions(
    limitOptions(inputOptions(program
      .command('check')
      .description(vi ? 'kiểm tra phiếu chấm điểm: đọc, soát lỗi, liệt kê đơn vị chưa nộp' : 'check submissions: read, find problems, list units that sent nothing'), vi)
, lang),
    lang,
  )
    .addHelpText(
      'after',
      vi
        ? '\nVí dụ:\n  thidua check criteria.yaml phieu/ --phase gd1 --units units.yaml\n\nMã thoát: 0 không có lỗi, 1 có phiếu lỗi, 2 không chạy được.'
        : '\nExample:\n  thidua check criteria.yaml submissions/ --phase gd1 --units units.yaml\n\nExit: 0 no errors, 1 some workbooks have errors, 2 could not run.',
    )
    .action(async (criteria: string | undefined, inputs: string[], opts: RunOptions) => {
      const p = await prepare(criteria, inputs, opts);
      if (typeof p === 'number') {
        process.exitCode = p;
        return;
      }
      const a = await run(p);
      const diags = [...p.setup.warnings, ...a.diagnostics];
      if (p.ctx.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              phase: p.phase,
              files: a.inputs.length,
              tiers: a.tiers.map((t) => ({
                id: t.tier.id,
                registered: t.stats.registered,
                received: t.stats.submitted,
                with_errors: t.stats.rejected,
                not_submitted: t.units.filter((u) => u.status === 'not_submitted').map((u) => ({ id: u.id, name: u.name })),
              })),
              diagnostics: diags.map((d) => toJson(d, p.ctx.lang)),
            },
            null,
            2,
          )}\n`,
        );
        process.exitCode = diags.some((d) => d.severity === 'error') ? 1 : 0;
        return;
      }
      const code = report(diags, p.ctx, a.inputs.map((i) => i.path), undefined, true);
      if (!p.ctx.quiet && p.ctx.format === 'stylish') process.stdout.write(`\n${tierSummary(a.tiers, p.ctx.lang, 0)}`);
      process.exitCode = code;
    });

  commonOptions(
    limitOptions(inputOptions(program
      .command('score')
      .description(vi ? 'chấm điểm, xếp loại, xếp hạng, đề nghị khen thưởng; ghi results.xlsx, summary.md, results.json' : 'score, class, rank and propose awards; write results.xlsx, summary.md, results.json'), vi)

      .option('-o, --output <dir>', vi ? 'thư mục kết quả' : 'output folder', undefined)
      .option('--date <YYYY-MM-DD>', vi ? 'ngày ghi trên báo cáo (hoặc SOURCE_DATE_EPOCH)' : 'report date (or SOURCE_DATE_EPOCH)')
      .option('--previous <results.json>', vi ? 'kết quả giai đoạn trước, để so sánh' : "an earlier phase's results, for comparison")
      .option('--notices', vi ? 'ghi thêm thông báo kết quả cho từng đơn vị (thư mục thong-bao/)' : 'also write a notice of results per unit (folder thong-bao/)')
      .option('--decisions <file>', vi ? 'quyết định của Hội đồng Thi đua – Khen thưởng (thidua.decisions/v1)' : "the emulation council's decisions (thidua.decisions/v1)"), lang),
    lang,
  )
    .addHelpText(
      'after',
      vi
        ? '\nVí dụ:\n  thidua score criteria.yaml phieu/ --phase gd1 --units units.yaml -o ket-qua\n  cd du-an && thidua score          # dùng thidua.yaml của thư mục\n\nMã thoát: 0 xong (có thể có cảnh báo), 1 có phiếu lỗi (kết quả vẫn được ghi), 2 không chạy được.'
        : '\nExamples:\n  thidua score criteria.yaml submissions/ --phase gd1 --units units.yaml -o results\n  cd project && thidua score        # uses the folder\'s thidua.yaml\n\nExit: 0 done (warnings allowed), 1 some inputs have errors (outputs still written), 2 could not run.',
    )
    .action(async (criteria: string | undefined, inputs: string[], opts: RunOptions) => {
      const p = await prepare(criteria, inputs, opts);
      if (typeof p === 'number') {
        process.exitCode = p;
        return;
      }
      const date = reportDate(opts.date, p.ctx.lang);
      const outDir = opts.output ?? readProject(p.ctx.lang).output ?? 'thidua-out';
      const outputs = OUTPUT_NAMES.map((f) => join(outDir, f));
      const decisionsPath = opts.decisions ?? readProject(p.ctx.lang).decisions;
      assertNotInput(outputs, [p.criteriaPath, ...(p.unitsPath ? [p.unitsPath] : []), ...(opts.previous ? [opts.previous] : []), ...(decisionsPath ? [decisionsPath] : []), ...p.files], p.ctx.lang);
      // before the long part: a bad --previous or output folder is said at once
      const previous = opts.previous ? readPrevious(opts.previous, p.ctx.lang) : null;
      makeDir(outDir, p.ctx.lang);
      const set = new OutputSet(outDir, ['results.xlsx', 'results.json', 'summary.md', REPORT_DOCX], p.ctx.lang);
      set.acquire();
      // Ctrl-C before the outputs are in place leaves the previous ones, no temporary file and
      // no lock; once they are in place it ends the run (the printing of findings, say) with the
      // exit code the run has. The handlers stay to the end of the process, so no moment is uncovered.
      let placed = false;
      const interrupted = (signal: NodeJS.Signals): void => {
        if (placed) process.exit();
        set.abandon();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.on('SIGINT', interrupted);
      process.on('SIGTERM', interrupted);
      process.on('exit', () => set.release());
      const started = process.hrtime.bigint();
      // a big run's workbook thread starts while the units are scored (WorkbookThread); one
      // that no job takes is stopped in the finally below
      const thread = new WorkbookThread();
      try {
        let a: Assessment | undefined = await run(p, { beforeScoring: (store, total) => thread.send(store, total), beforeReorder: (store, order) => thread.sendOrder(store, order) });
        // the council's decisions, after ranking (SPEC §12)
        if (decisionsPath) a = withDecisions(p.ctx, a, decisionsPath, displayPath(decisionsPath), p.phase, p.setup.units);
        if (!a) {
          process.exitCode = 2;
          return;
        }
        await writeScored(p, a, started, thread, set, outputs, date, previous, () => (placed = true), opts.notices === true || readProject(p.ctx.lang).notices === true);
      } finally {
        thread.close();
        if (!placed) set.abandon();
      }
    });
}

/** The outputs of `score` (whole or none), then the findings and the per-tier summary. */
async function writeScored(p: Prepared, a: Assessment, started: bigint, thread: WorkbookThread, set: OutputSet, outputs: string[], date: string | null, previous: unknown, onPlaced: () => void, wantNotices: boolean): Promise<void> {
  const outDir = dirname(outputs[0]!);
  const diagnostics = [...p.setup.warnings, ...a.diagnostics];
  const meta: ResultsMeta = {
    movement: p.setup.criteria.movement.id,
    phase: p.phase,
    tool: TOOL,
    date,
    criteria: { path: displayPath(p.criteriaPath), sha256: p.setup.criteriaSha },
    units: p.unitsPath ? { path: displayPath(p.unitsPath), sha256: p.setup.unitsSha! } : null,
    inputs: a.inputs,
    lang: p.ctx.lang,
  };
  const trace = (what: string): void => {
    if (process.env.THIDUA_TRACE) process.stderr.write(`${what}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`);
  };
  trace('read and scored');
  if (Number(process.hrtime.bigint() - started) > 2e9) notice(p.ctx, 'Đang ghi kết quả (results.json, summary.md, results.xlsx, bao-cao.docx)…', 'Writing the results (results.json, summary.md, results.xlsx, bao-cao.docx)…');
  const model = { meta, criteria: p.setup.criteria, tiers: a.tiers, diagnostics, layouts: a.layouts, rowsRead: a.rowsRead, units: p.setup.units, previous, statistics: a.statistics };
  // results.xlsx on the second core while this one writes the others (a big run); all are
  // written whole, then flushed and put in place together
  await writeOutputs(model, (name) => set.stage(name), thread, trace);
  set.commit();
  onPlaced();
  set.release();
  trace('flushed to disk');
  const noticeFiles = wantNotices ? writeNotices(model, outDir, p.ctx.lang) : [];
  const code = diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  process.exitCode = code;
  if (p.ctx.json) {
    for (const chunk of resultsJson(model)) process.stdout.write(Buffer.from(chunk));
  } else {
    report(
      diagnostics,
      p.ctx,
      a.inputs.map((i) => i.path),
      p.ctx.lang === 'vi' ? `Danh sách đầy đủ có trong ${outputs.slice(0, 2).map(displayPath).join(' và ')}.` : `The whole list is in ${outputs.slice(0, 2).map(displayPath).join(' and ')}.`,
      true,
    );
    if (!p.ctx.quiet) {
      process.stdout.write(`\n${tierSummary(a.tiers, p.ctx.lang, 3)}`);
      process.stdout.write(p.ctx.lang === 'vi' ? `\nĐã ghi: ${outputs.map(displayPath).join(', ')}\n` : `\nWritten: ${outputs.map(displayPath).join(', ')}\n`);
      if (noticeFiles.length) process.stdout.write(p.ctx.lang === 'vi' ? `Thông báo kết quả: ${noticeFiles.length} tệp trong ${displayPath(join(outDir, NOTICES_DIR))}\n` : `Notices: ${noticeFiles.length} files in ${displayPath(join(outDir, NOTICES_DIR))}\n`);
    }
    if (p.ctx.verbose) {
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      process.stderr.write(p.ctx.lang === 'vi' ? `${a.inputs.length} tệp, ${a.rowsRead} dòng trong ${secs.toFixed(1).replace('.', ',')} giây (${Math.round(a.rowsRead / Math.max(secs, 1e-3))} dòng/giây)\n` : `${a.inputs.length} files, ${a.rowsRead} rows in ${secs.toFixed(1)} s (${Math.round(a.rowsRead / Math.max(secs, 1e-3))} rows/s)\n`);
    }
  }
  process.exitCode = code;
}
