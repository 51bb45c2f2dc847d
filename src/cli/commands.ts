import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { FORMATTERS } from '../diagnostics/format.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { lintFiles } from '../run/lint.js';
import { makeCtx, TOOL, type Ctx, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { readInput } from './io.js';
import { registerSubmissionCommands } from './submission-commands.js';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/gia-lai-hoc-tap-suot-doi/', import.meta.url));
/** The bundled examples `init --example` copies; the first is the default. */
export const EXAMPLES = ['gia-lai-hoc-tap-suot-doi', 'doan-thanh-nien'] as const;

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

/** Prints findings in the chosen format; returns the exit code they imply. */
export function report(diags: Diagnostic[], ctx: Ctx, files: string[]): number {
  const shown = ctx.quiet ? diags.filter((d) => d.severity === 'error') : diags;
  const text = ctx.json
    ? FORMATTERS.json(shown, { lang: ctx.lang, color: false, tool: TOOL, files })
    : FORMATTERS[ctx.format](shown, { lang: ctx.lang, color: ctx.color, tool: TOOL, files });
  if (text) process.stdout.write(text);
  return diags.some((d) => d.severity === 'error') ? 1 : 0;
}

export function registerCommands(program: Command, lang: Lang): void {
  const vi = lang === 'vi';

  commonOptions(
    program
      .command('lint')
      .description(vi ? 'kiểm tra tệp tiêu chí (và tệp đơn vị): lược đồ và ý nghĩa' : 'check criteria files (and units files): schema and meaning')
      .argument('<files...>', vi ? 'tệp tiêu chí .yaml' : 'criteria .yaml files'),
    lang,
  )
    .addHelpText(
      'after',
      vi
        ? '\nVí dụ:\n  thidua lint criteria.yaml\n  thidua lint --format github criteria/*.yaml   # chú thích trên GitHub Actions\n\nMã thoát: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi, 2 không chạy được.'
        : '\nExamples:\n  thidua lint criteria.yaml\n  thidua lint --format github criteria/*.yaml   # GitHub Actions annotations\n\nExit: 0 no errors (warnings allowed), 1 errors, 2 could not run.',
    )
    .action((files: string[], opts: GlobalOptions) => {
      const ctx = makeCtx(opts);
      const inputs = files.map((path) => ({ path, data: readInput(path, ctx.lang) }));
      const diags = lintFiles(inputs);
      const code = report(diags, ctx, files);
      if (!diags.length && !ctx.quiet && !ctx.json && ctx.format === 'stylish') {
        process.stdout.write(ctx.lang === 'vi' ? `✔ ${files.length} tệp không có lỗi\n` : `✔ ${files.length} file(s), no problems\n`);
      }
      process.exitCode = code;
    });

  commonOptions(
    program
      .command('init')
      .description(vi ? 'chép một dự án mẫu vào thư mục (mặc định: Gia Lai, học tập suốt đời)' : 'copy a bundled example project into a folder (default: Gia Lai, lifelong learning)')
      .argument('[dir]', vi ? 'thư mục đích' : 'target folder', '.')
      .option('--example <name>', vi ? `dự án mẫu: ${EXAMPLES.join(', ')}` : `which example: ${EXAMPLES.join(', ')}`, EXAMPLES[0]),
    lang,
  )
    .addHelpText(
      'after',
      vi
        ? '\nVí dụ:\n  thidua init du-an-thi-dua\n  cd du-an-thi-dua && thidua score\n  thidua init --example doan-thanh-nien bang-diem-doan'
        : '\nExample:\n  thidua init my-movement\n  cd my-movement && thidua score\n  thidua init --example doan-thanh-nien youth-union',
    )
    .action((dir: string, opts: GlobalOptions & { example?: string }) => {
      const ctx = makeCtx(opts);
      const written = initProject(dir, ctx.lang, opts.example);
      if (ctx.json) process.stdout.write(`${JSON.stringify({ dir: resolve(dir), files: written }, null, 2)}\n`);
      else if (!ctx.quiet) {
        process.stdout.write(
          ctx.lang === 'vi'
            ? `Đã tạo dự án mẫu trong ${dir} (${written.length} tệp).\nChạy tiếp:\n  cd ${dir}\n  thidua score\n`
            : `Created the example project in ${dir} (${written.length} files).\nNext:\n  cd ${dir}\n  thidua score\n`,
        );
      }
    });

  registerSubmissionCommands(program, lang);
}

/** Copies the example; refuses to overwrite a file that is already there. */
export function initProject(dir: string, lang: Lang, example: string = EXAMPLES[0]): string[] {
  if (!(EXAMPLES as readonly string[]).includes(example)) {
    throw new UsageError(lang === 'vi' ? `không có dự án mẫu "${example}"; chọn một trong: ${EXAMPLES.join(', ')}` : `no example "${example}"; choose one of: ${EXAMPLES.join(', ')}`);
  }
  const from = fileURLToPath(new URL(`../../examples/${example}/`, import.meta.url));
  const files = listFiles(from).filter((f) => !f.startsWith('expected'));
  mkdirSync(dir, { recursive: true });
  const clash = files.filter((f) => existsSync(join(dir, f)));
  if (clash.length) {
    throw new UsageError(lang === 'vi' ? `thư mục ${dir} đã có ${clash[0]}: chọn thư mục trống` : `${dir} already has ${clash[0]}: choose an empty folder`);
  }
  for (const f of files) {
    const to = join(dir, f);
    mkdirSync(join(to, '..'), { recursive: true });
    if (f.endsWith('.yaml')) {
      // editors find the schema where the package is installed
      const schemaDir = relative(resolve(to, '..'), fileURLToPath(new URL('../../schemas/', import.meta.url))).split('\\').join('/');
      const text = readFileSync(join(from, f), 'utf8').replace(/(\$schema=)\.\.\/\.\.\/schemas\//, `$1${schemaDir}/`);
      writeFileSync(to, text);
    } else cpSync(join(from, f), to);
  }
  return files;
}

function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, sub)).sort()) {
    const rel = sub ? `${sub}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}
