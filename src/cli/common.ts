import { Option, type Command } from 'commander';
import { FORMATTERS, MAX_PRINTED } from '../diagnostics/format.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { TOOL, type Ctx } from './context.js';

/**
 * What every command shares: its common options and how it prints findings. Apart from the
 * commands themselves, so that each command's file imports this one and none imports another.
 */

/** Options every command takes (SPEC §2). */
export function commonOptions(cmd: Command, lang: Lang): Command {
  const vi = lang === 'vi';
  return cmd
    .addOption(new Option('--lang <lang>', vi ? 'ngôn ngữ thông báo và báo cáo' : 'language of messages and reports').choices(['vi', 'en']).default('vi'))
    .addOption(new Option('--format <format>', vi ? 'định dạng danh sách lỗi' : 'format of the findings').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('--json', vi ? 'in kết quả dạng JSON ra stdout (không in gì khác)' : 'print the result as JSON on stdout, nothing else')
    .option('-q, --quiet', vi ? 'chỉ in lỗi' : 'print errors only')
    .option('--no-color', vi ? 'không tô màu (cũng: biến NO_COLOR)' : 'no colour (also: NO_COLOR)')
    .option('--verbose', vi ? 'in thêm thông tin (tốc độ xử lý)' : 'say more (throughput)');
}

/** Warnings of one code printed before the rest of that code are only counted (check, score; not --verbose). */
const WARNINGS_PER_CODE = 3;

/**
 * Prints findings in the chosen format; returns the exit code they imply. The stylish format
 * prints the first {@link MAX_PRINTED} and counts the rest; `fullList` says where they all are.
 */
export function report(diags: Diagnostic[], ctx: Ctx, files: string[], fullList?: string, summariseWarnings = false): number {
  const shown = ctx.quiet ? diags.filter((d) => d.severity === 'error') : diags;
  const hint = fullList ?? (ctx.lang === 'vi' ? 'Xem đầy đủ: thêm --format json.' : 'For all of them: add --format json.');
  const text = ctx.json
    ? FORMATTERS.json(shown, { lang: ctx.lang, color: false, tool: TOOL, files })
    : FORMATTERS[ctx.format](shown, {
        lang: ctx.lang,
        color: ctx.color,
        tool: TOOL,
        files,
        max: MAX_PRINTED,
        fullList: hint,
        ...(summariseWarnings && !ctx.verbose ? { warningsPerCode: WARNINGS_PER_CODE, allWarnings: ctx.lang === 'vi' ? `Thêm --verbose để in tất cả; ${fullList ? fullList.charAt(0).toLowerCase() + fullList.slice(1) : 'hoặc --format json.'}` : `Add --verbose to print them all; ${fullList ? fullList.charAt(0).toLowerCase() + fullList.slice(1) : 'or --format json.'}` } : {}),
      });
  if (text) process.stdout.write(text);
  return diags.some((d) => d.severity === 'error') ? 1 : 0;
}

