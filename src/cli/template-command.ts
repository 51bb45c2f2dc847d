import { lstatSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';
import { makeTemplates } from '../template/template.js';
import { writeWorkbook } from '../workbook/write/index.js';
import { commonOptions, report } from './common.js';
import { loadSetup } from './setup.js';
import { makeCtx, type GlobalOptions } from './context.js';
import { UsageError } from '../diagnostics/usage.js';
import { assertNotInput, makeDir, StagedFile } from './io.js';
import type { WorkbookModel } from '../workbook/write/index.js';
import { readProject } from './project.js';

interface TemplateOpts extends GlobalOptions {
  tier?: string;
  phase?: string;
  units?: string;
  output?: string;
}

/** `thidua template`: the workbooks units fill in and send back. */
export function registerTemplateCommand(program: Command, lang: Lang): void {
  const vi = lang === 'vi';
  commonOptions(
    program
      .command('template')
      .description(vi ? 'tạo phiếu tự chấm điểm Excel cho một đối tượng và giai đoạn' : 'make the fill-in Excel workbooks of a tier and phase')
      .argument('[criteria]', vi ? 'tệp tiêu chí .yaml' : 'criteria .yaml file')
      .requiredOption('--tier <id>', vi ? 'đối tượng thi đua (vd xa)' : 'tier (e.g. xa)')
      .option('--phase <id>', vi ? 'giai đoạn (vd gd1)' : 'phase (e.g. gd1)')
      .option('--units <file>', vi ? 'danh sách đơn vị: mỗi đơn vị một phiếu điền sẵn' : 'units file: one pre-filled workbook per unit')
      .option('-o, --output <dir>', vi ? 'thư mục ghi phiếu' : 'output folder', 'thidua-mau'),
    lang,
  )
    .addHelpText(
      'after',
      vi
        ? '\nVí dụ:\n  thidua template criteria.yaml --tier xa --phase gd1 --units units.yaml -o phieu-gui-di\n  thidua template criteria.yaml --tier ho_gia_dinh --phase gd1     # danh sách hộ gia đình'
        : '\nExamples:\n  thidua template criteria.yaml --tier xa --phase gd1 --units units.yaml -o to-send\n  thidua template criteria.yaml --tier ho_gia_dinh --phase gd1     # household roster',
    )
    .action(async (criteriaArg: string | undefined, opts: TemplateOpts) => {
      const ctx = makeCtx(opts);
      const project = readProject(ctx.lang);
      const criteriaPath = criteriaArg ?? project.criteria;
      if (!criteriaPath) throw new UsageError(ctx.lang === 'vi' ? 'thiếu tệp tiêu chí' : 'no criteria file given');
      const unitsPath = opts.units ?? (criteriaArg ? undefined : project.units);
      const phase = opts.phase ?? project.phase;
      const s = await loadSetup(ctx, criteriaPath, unitsPath, phase, opts.tier);
      if (!s) {
        process.exitCode = 2;
        return;
      }
      const tierDef = s.criteria.tiers.find((t) => t.id === opts.tier)!;
      if (tierDef.phases && !tierDef.phases.includes(phase!)) {
        throw new UsageError(ctx.lang === 'vi' ? `đối tượng "${opts.tier}" không có trong giai đoạn "${phase}"` : `tier "${opts.tier}" does not exist in phase "${phase}"`);
      }
      // the phase's first day: a fixed creation date, so the same inputs give the same bytes
      const date = s.criteria.phases.find((p) => p.id === phase)?.from ?? '2000-01-01';
      const files = makeTemplates({ criteria: s.criteria, tier: opts.tier!, phase: phase!, units: s.units, lang: ctx.lang, date: new Date(`${date}T00:00:00Z`) });
      const outDir = opts.output ?? 'thidua-mau';
      makeDir(outDir, ctx.lang);
      const paths = files.map((f) => join(outDir, f.name));
      assertNotInput(paths, [criteriaPath, ...(unitsPath ? [unitsPath] : [])], ctx.lang);
      writeTemplateSet(outDir, paths, files.map((f) => f.model), ctx.lang);
      if (ctx.json) process.stdout.write(`${JSON.stringify({ files: paths }, null, 2)}\n`);
      else if (!ctx.quiet) {
        report(s.warnings, ctx, [criteriaPath]);
        process.stdout.write(ctx.lang === 'vi' ? `Đã tạo ${paths.length} phiếu trong ${outDir}\n` : `Made ${paths.length} workbook(s) in ${outDir}\n`);
      }
    });
}

/**
 * Writes every template or none, and never over a file that is already there: template names
 * are the names units send their filled-in workbooks back under, so a file of that name may
 * hold a unit's data (docs/decisions.md, "template never overwrites"). All are written to
 * temporary files first; then each is linked into place, which fails rather than replace.
 */
function writeTemplateSet(outDir: string, paths: string[], models: WorkbookModel[], lang: Lang): void {
  const vi = lang === 'vi';
  const there = paths.filter((p) => lstatSync(p, { throwIfNoEntry: false }));
  const refuse = (found: string[]): never => {
    const shown = found.slice(0, 3).map((p) => basename(p)).join('; ');
    const more = found.length > 3 ? (vi ? ` và ${found.length - 3} tệp khác` : ` and ${found.length - 3} more`) : '';
    throw new UsageError(
      vi
        ? `thư mục ${outDir} đã có ${found.length} tệp trùng tên phiếu sẽ tạo (${shown}${more}); không ghi đè vì đó có thể là phiếu đơn vị đã điền. Không tạo phiếu nào: hãy chọn thư mục khác (-o) hoặc chuyển các tệp đó đi`
        : `${outDir} already holds ${found.length} file(s) named like the templates (${shown}${more}); they are not overwritten, as they may be workbooks units filled in. No template was made: choose another folder (-o) or move those files away`,
    );
  };
  if (there.length) refuse(there);
  const staged: StagedFile[] = [];
  const placed: string[] = [];
  try {
    for (let i = 0; i < paths.length; i++) {
      const f = new StagedFile(paths[i]!, lang);
      staged.push(f);
      f.write(writeWorkbook(models[i]!));
      // closed at once: a units file of 15,000 units makes 15,000 templates
      f.seal();
    }
    for (const f of staged) {
      if (!f.commitNew()) refuse([f.path]);
      placed.push(f.path);
    }
  } catch (e) {
    for (const f of staged) f.discard();
    // whole set or none: what this run placed goes too (only files it made)
    for (const p of placed) rmSync(p, { force: true });
    throw e;
  }
}
