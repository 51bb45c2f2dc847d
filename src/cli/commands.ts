import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { lintFiles } from '../run/lint.js';
import { listShipped, readShipped } from '../util/shipped.js';
import { makeCtx, TOOL, type Ctx, type GlobalOptions } from './context.js';
import { UsageError } from '../diagnostics/usage.js';
import { makeDir, readInput } from './io.js';
import { registerCheckCommand } from './check-command.js';
import { registerScoreCommand } from './score-command.js';
import { registerTemplateCommand } from './template-command.js';
import { commonOptions, report } from './common.js';

/** The bundled examples `init --example` copies, as folders of the package; the first is the default. */
export const EXAMPLES = ['gia-lai-hoc-tap-suot-doi', 'doan-thanh-nien'] as const;
/** The default example project, as a folder of the package. */
export const EXAMPLE_DIR = `examples/${EXAMPLES[0]}/`;
/** Where `thidua init` puts the schemas the YAML files name for editors. */
const PROJECT_SCHEMAS = 'schemas';

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

  registerTemplateCommand(program, lang);
  registerCheckCommand(program, lang);
  registerScoreCommand(program, lang);
}

/**
 * Copies an example; refuses to overwrite a file that is already there. The schemas its YAML
 * files name (for editor completion) are copied too, into the project's own schemas/ folder, so
 * that the reference keeps working when the folder moves or the tool is installed elsewhere.
 */
export function initProject(dir: string, lang: Lang, name: string = EXAMPLES[0]): string[] {
  if (!(EXAMPLES as readonly string[]).includes(name)) {
    throw new UsageError(lang === 'vi' ? `không có dự án mẫu "${name}"; chọn một trong: ${EXAMPLES.join(', ')}` : `no example "${name}"; choose one of: ${EXAMPLES.join(', ')}`);
  }
  const from = `examples/${name}/`;
  const example = listShipped(from).filter((f) => !f.startsWith('expected'));
  const texts = new Map<string, string>();
  const schemas = new Set<string>();
  for (const f of example.filter((f) => f.endsWith('.yaml'))) {
    // the example names the package's schemas/ folder; the project names its own copy
    const text = readShipped(from + f).toString('utf8').replace(/(\$schema=)\.\.\/\.\.\/schemas\/([\w.-]+)/, (_m, key: string, file: string) => {
      schemas.add(file);
      const rel = relative(dirname(join(dir, f)), join(dir, PROJECT_SCHEMAS)).split('\\').join('/');
      return `${key}${rel.startsWith('.') ? rel : `./${rel}`}/${file}`;
    });
    texts.set(f, text);
  }
  const files = [...example, ...[...schemas].sort().map((s) => `${PROJECT_SCHEMAS}/${s}`)];
  makeDir(dir, lang);
  const clash = files.filter((f) => existsSync(join(dir, f)));
  if (clash.length) {
    throw new UsageError(lang === 'vi' ? `thư mục ${dir} đã có ${clash[0]}: chọn thư mục trống` : `${dir} already has ${clash[0]}: choose an empty folder`);
  }
  for (const f of files) {
    const to = join(dir, f);
    mkdirSync(dirname(to), { recursive: true });
    const text = texts.get(f);
    writeFileSync(to, text ?? readShipped(f.startsWith(`${PROJECT_SCHEMAS}/`) ? f : from + f));
  }
  return files;
}
