import type { Command } from 'commander';
import { toJson } from '../diagnostics/format.js';
import type { Lang } from '../diagnostics/messages.js';
import { check } from '../run/check.js';
import { tierSummary } from '../run/outputs.js';
import { commonOptions, report } from './common.js';
import { inputOptions, limitOptions, prepare, withProgress, type RunOptions } from './run-options.js';

/**
 * `thidua check`: the command line of src/run/check.ts — the findings and the per-tier
 * summary printed (or both as JSON), and the exit code they imply.
 */
export function registerCheckCommand(program: Command, lang: Lang): void {
  const vi = lang === 'vi';
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
      const r = await withProgress(p, (input) => check(input));
      if (p.ctx.json) {
        process.stdout.write(`${JSON.stringify({ ...r.summary, diagnostics: r.diagnostics.map((d) => toJson(d, p.ctx.lang)) }, null, 2)}\n`);
        process.exitCode = r.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
        return;
      }
      const code = report(r.diagnostics, p.ctx, r.files, undefined, true);
      if (!p.ctx.quiet && p.ctx.format === 'stylish') process.stdout.write(`\n${tierSummary(r.tiers, p.ctx.lang, 0)}`);
      process.exitCode = code;
    });
}
