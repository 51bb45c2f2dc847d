import { join } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';
import type { ReportModel } from '../report/model.js';
import { previousResults } from '../run/earlier.js';
import { OUTPUT_NAMES, REPORT_DOCX, resultsJson, tierSummary } from '../run/outputs.js';
import { score } from '../run/score.js';
import { CriteriaError } from '../run/setup.js';
import { commonOptions, report } from './common.js';
import { TOOL, type Ctx } from './context.js';
import { assertNotInput, INPUT_LIMITS, makeDir, readInput } from './io.js';
import { NOTICES_DIR, writeNotices } from './notices.js';
import { OutputSet } from './output-set.js';
import { notice } from './progress.js';
import { readProject } from './project.js';
import { displayPath, inputOptions, limitOptions, prepare, reportDate, withProgress, type RunOptions } from './run-options.js';

/**
 * `thidua score`: the command line of src/run/score.ts — the output folder (never an input,
 * locked, its files staged and put in place together), Ctrl-C, --notices, and what is printed
 * and the exit code once the outputs are in place.
 */
export function registerScoreCommand(program: Command, lang: Lang): void {
  const vi = lang === 'vi';
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
      const { ctx } = p;
      const project = readProject(ctx.lang);
      const date = reportDate(opts.date, ctx.lang);
      const outDir = opts.output ?? project.output ?? 'thidua-out';
      const outputs = OUTPUT_NAMES.map((f) => join(outDir, f));
      const decisionsPath = opts.decisions ?? project.decisions;
      assertNotInput(outputs, [p.criteriaPath, ...(p.unitsPath ? [p.unitsPath] : []), ...(opts.previous ? [opts.previous] : []), ...(decisionsPath ? [decisionsPath] : []), ...p.files], ctx.lang);
      // before the long part: a bad --previous or output folder is said at once
      const previous = opts.previous ? readPrevious(opts.previous, ctx.lang) : null;
      makeDir(outDir, ctx.lang);
      const out = lockOutputs(outDir, ctx.lang);
      const started = process.hrtime.bigint();
      try {
        const { model } = await withProgress(p, (input, stopProgress) =>
          score({
            ...input,
            criteriaPath: displayPath(p.criteriaPath),
            tool: TOOL,
            lang: ctx.lang,
            date,
            previous,
            // the council's decisions, after ranking (SPEC §12)
            ...(decisionsPath ? { decisions: { path: displayPath(decisionsPath), read: () => readInput(decisionsPath, ctx.lang) } } : {}),
            outputs: { stage: (name) => out.set.stage(name), place: out.place },
            onWriting: (seconds) => {
              stopProgress();
              if (seconds > 2) notice(ctx, 'Đang ghi kết quả (results.json, summary.md, results.xlsx, bao-cao.docx)…', 'Writing the results (results.json, summary.md, results.xlsx, bao-cao.docx)…');
            },
          }),
        );
        const noticeFiles = opts.notices === true || project.notices === true ? writeNotices(model, outDir, ctx.lang) : [];
        const code = model.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
        process.exitCode = code;
        printScored(ctx, model, outDir, outputs, noticeFiles, started);
        process.exitCode = code;
      } catch (e) {
        if (!(e instanceof CriteriaError) || !decisionsPath) throw e;
        report(e.diagnostics, ctx, [displayPath(decisionsPath)]);
        process.stderr.write(ctx.lang === 'vi' ? 'thidua: tệp quyết định có lỗi, không thể chạy (xem trên)\n' : 'thidua: the decisions file has errors; nothing was done (see above)\n');
        process.exitCode = 2;
      } finally {
        if (!out.placed()) out.set.abandon();
      }
    });
}

/** --previous: an earlier results.json (earlier.ts says whether it is one). */
function readPrevious(path: string, lang: Lang): unknown {
  return previousResults(readInput(path, lang, INPUT_LIMITS.previous).toString('utf8'), path, lang);
}

/**
 * The output folder's set of files, locked. Ctrl-C before the outputs are in place leaves the
 * previous ones, no temporary file and no lock; once they are in place it ends the run (the
 * printing of findings, say) with the exit code the run has. The handlers stay to the end of
 * the process, so no moment is uncovered.
 */
function lockOutputs(outDir: string, lang: Lang): { set: OutputSet; place: () => void; placed: () => boolean } {
  const set = new OutputSet(outDir, ['results.xlsx', 'results.json', 'summary.md', REPORT_DOCX], lang);
  set.acquire();
  let placed = false;
  const interrupted = (signal: NodeJS.Signals): void => {
    if (placed) process.exit();
    set.abandon();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  process.on('exit', () => set.release());
  return {
    set,
    place: () => {
      set.commit();
      placed = true;
      set.release();
    },
    placed: () => placed,
  };
}

/** The findings, the per-tier summary and what was written; with --json, results.json alone. */
function printScored(ctx: Ctx, model: ReportModel, outDir: string, outputs: string[], noticeFiles: string[], started: bigint): void {
  if (ctx.json) {
    for (const chunk of resultsJson(model)) process.stdout.write(Buffer.from(chunk));
    return;
  }
  const vi = ctx.lang === 'vi';
  const files = model.meta.inputs.map((i) => i.path);
  report(model.diagnostics, ctx, files, vi ? `Danh sách đầy đủ có trong ${outputs.slice(0, 2).map(displayPath).join(' và ')}.` : `The whole list is in ${outputs.slice(0, 2).map(displayPath).join(' and ')}.`, true);
  if (!ctx.quiet) {
    process.stdout.write(`\n${tierSummary(model.tiers, ctx.lang, 3)}`);
    process.stdout.write(vi ? `\nĐã ghi: ${outputs.map(displayPath).join(', ')}\n` : `\nWritten: ${outputs.map(displayPath).join(', ')}\n`);
    const dir = displayPath(join(outDir, NOTICES_DIR));
    if (noticeFiles.length) process.stdout.write(vi ? `Thông báo kết quả: ${noticeFiles.length} tệp trong ${dir}\n` : `Notices: ${noticeFiles.length} files in ${dir}\n`);
  }
  if (ctx.verbose) {
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(vi ? `${files.length} tệp, ${model.rowsRead} dòng trong ${secs.toFixed(1).replace('.', ',')} giây (${Math.round(model.rowsRead / Math.max(secs, 1e-3))} dòng/giây)\n` : `${files.length} files, ${model.rowsRead} rows in ${secs.toFixed(1)} s (${Math.round(model.rowsRead / Math.max(secs, 1e-3))} rows/s)\n`);
  }
}
