import type { Lang } from '../diagnostics/messages.js';
import { REPORT_DOCX, reportDocx } from '../report/docx.js';
import type { ReportModel } from '../report/model.js';
import { notices } from '../report/notice.js';
import { resultsJsonChunks } from '../report/results.js';
import { summaryMarkdown } from '../report/summary.js';
import { startWorkbookJob, WorkbookThread, type WorkbookJob } from '../report/workbook-job.js';
import { awardTitles, classTitle } from '../report/words.js';
import { formatHundredths } from '../util/decimal.js';
import type { TierResult } from '../scoring/types.js';
import { collectGarbage } from '../util/gc.js';
import { writeWorkbook } from '../workbook/write/index.js';

/**
 * The outputs of `score` (SPEC §2, §10, §13), made from the report model: results.xlsx on the
 * workbook thread while this one writes results.json, summary.md and bao-cao.docx. Where each
 * goes is the caller's (the CLI stages files); this file decides what is written, and in what
 * order.
 */

export { REPORT_DOCX, WorkbookThread };

/** The outputs in the order they are written and listed. */
export const OUTPUT_NAMES = ['results.json', 'summary.md', 'results.xlsx', REPORT_DOCX] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** A file being written, as the CLI stages it: whole or not at all. */
export interface OutputTarget {
  readonly fd: number;
  write(part: string | Uint8Array): void;
  flushSoon(): void;
  settle(): Promise<void>;
  cannot(e: unknown): Error;
}

/** Writes every output into its target; `stage` opens one; `trace` marks each done. */
export async function writeOutputs(model: ReportModel, stage: (name: OutputName) => OutputTarget, thread: WorkbookThread, trace: (what: string) => void): Promise<void> {
  let job: WorkbookJob | null = null;
  const staged: OutputTarget[] = [];
  const open = (name: OutputName): OutputTarget => {
    const f = stage(name);
    staged.push(f);
    return f;
  };
  try {
    const xlsx = open('results.xlsx');
    job = startWorkbookJob(model, xlsx.fd, thread);
    // the columns a big tier left behind when put in listing order, freed once the workbook
    // thread has the model, not before: this thread has time to spare while the outputs are made
    if (model.tiers.some((t) => t.units.some((u) => u.store.inSharedMemory()))) collectGarbage();
    const json = open('results.json');
    for (const chunk of resultsJsonChunks(model.meta, model.tiers, model.diagnostics)) json.write(chunk);
    json.flushSoon();
    trace('results.json');
    open('summary.md').write(summaryMarkdown(model));
    trace('summary.md');
    open(REPORT_DOCX).write(await reportDocx(model));
    trace(REPORT_DOCX);
    try {
      await job.done;
    } catch (e) {
      throw xlsx.cannot(e);
    }
    job = null;
    trace('results.xlsx');
    await Promise.all(staged.map((f) => f.settle()));
  } catch (e) {
    await job?.cancel();
    await Promise.all(staged.map((f) => f.settle()));
    throw e;
  }
}

/** results.json as chunks of bytes (`--json` prints it). */
export function resultsJson(model: ReportModel): Generator<Uint8Array> {
  return resultsJsonChunks(model.meta, model.tiers, model.diagnostics);
}

/** Each notice (SPEC §10) as a workbook's bytes, by tier, with the stem of its file name. */
export function noticeWorkbooks(model: ReportModel): { tier: string; stem: string; bytes: () => Uint8Array }[] {
  return notices(model).map((n) => ({ tier: n.tier, stem: `${n.unit} - ${n.name}`, bytes: () => writeWorkbook(n.model) }));
}

/** Lines of leading units printed per tier, at most. */
const TOP_LINES_MAX = 6;

/** Per tier: registered, received, with errors, not submitted (the urging list), and the first few of each block. */
export function tierSummary(tiers: TierResult[], lang: Lang, top: number): string {
  const vi = lang === 'vi';
  const lines: string[] = [];
  for (const t of tiers) {
    const s = t.stats;
    lines.push(
      vi
        ? `${t.tier.title} (${t.tier.id}): đăng ký ${s.registered ?? '–'}, đã nộp ${s.submitted}, chấm được ${s.scored}, bị loại ${s.rejected}, chưa nộp ${s.not_submitted}${s.mean !== null ? `, điểm TB ${formatHundredths(s.mean, ',')}` : ''}`
        : `${t.tier.title} (${t.tier.id}): registered ${s.registered ?? '–'}, received ${s.submitted}, scored ${s.scored}, rejected ${s.rejected}, not submitted ${s.not_submitted}${s.mean !== null ? `, mean ${formatHundredths(s.mean)}` : ''}`,
    );
    const missing = t.units.filter((u) => u.status === 'not_submitted');
    if (missing.length) lines.push(`  ${vi ? 'Chưa nộp' : 'Not submitted'}: ${missing.slice(0, 50).map((u) => `${u.name} (${u.id})`).join('; ')}${missing.length > 50 ? ' …' : ''}`);
    const rejected = t.units.filter((u) => u.status === 'rejected');
    if (rejected.length) lines.push(`  ${vi ? 'Có lỗi' : 'With errors'}: ${rejected.slice(0, 50).map((u) => `${u.name} (${u.id})`).join('; ')}${rejected.length > 50 ? ' …' : ''}`);
    if (top > 0) {
      const best = t.units.filter((u) => u.status === 'scored' && u.rank !== null && u.rank <= top);
      // a screen, not a list: a tier of many blocks (a roster's villages) shows its first lines
      // and says where the rest are
      const shown = best.slice(0, Math.min(top * Math.max(1, t.blocks.length), TOP_LINES_MAX));
      if (best.length > shown.length) lines.push(vi ? `  Đứng đầu (${shown.length}/${best.length}; đủ trong summary.md):` : `  Leading (${shown.length} of ${best.length}; all in summary.md):`);
      for (const u of shown) {
        lines.push(`  ${String(u.rank).padStart(3)}. ${u.name} (${u.id})${u.block ? ` [${u.block}]` : ''} — ${formatHundredths(u.total ?? 0, vi ? ',' : '.')}${u.classId ? ` · ${classTitle(t.tier, u.classId)}` : ''}${u.awards.length ? ` · ${awardTitles(t.tier, u.awards)}` : ''}`);
      }
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
