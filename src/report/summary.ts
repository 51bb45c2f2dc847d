import { formatMessage } from '../diagnostics/messages.js';
import { formatHundredths } from '../scoring/decimal.js';
import type { ReportModel } from './model.js';

/** Text from inputs, made inert in a Markdown table cell. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** summary.md: ready to paste into a board's report. */
export function summaryMarkdown(m: ReportModel): string {
  const vi = m.meta.lang === 'vi';
  const sep = vi ? ',' : '.';
  const f = (h: number | null): string => (h === null ? '–' : formatHundredths(h, sep));
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  const out: string[] = [];
  out.push(`# ${mdText(m.criteria.movement.title)}`, '');
  out.push(`${vi ? 'Giai đoạn' : 'Phase'}: ${mdText(phase?.title ?? m.meta.phase)}${m.meta.date ? ` · ${vi ? 'Ngày' : 'Date'}: ${m.meta.date}` : ''}`, '');
  for (const t of m.tiers) {
    out.push(`## ${mdText(t.tier.title)}`, '');
    out.push(`| ${vi ? 'Hạng' : 'Rank'} | ${vi ? 'Đơn vị' : 'Unit'} | ${vi ? 'Khối' : 'Block'} | ${vi ? 'Tổng điểm' : 'Total'} | ${vi ? 'Xếp loại' : 'Class'} | ${vi ? 'Đề nghị khen thưởng' : 'Awards proposed'} |`);
    out.push('| ---: | --- | --- | ---: | --- | --- |');
    for (const u of t.units.filter((x) => x.status === 'scored')) {
      const cls = t.tier.classes.find((c) => c.id === u.classId)?.title ?? '';
      const aw = u.awards.map((a) => t.tier.awards.find((x) => x.id === a)?.title ?? a).join('; ');
      out.push(`| ${u.rank ?? ''} | ${mdText(u.name)} | ${mdText(u.block)} | ${f(u.total)} | ${mdText(cls)} | ${mdText(aw)} |`);
    }
    out.push('');
    const missing = t.units.filter((u) => u.status === 'not_submitted');
    if (missing.length) out.push(`${vi ? 'Chưa nộp' : 'Not submitted'}: ${missing.map((u) => mdText(u.name)).join('; ')}`, '');
    const rejected = t.units.filter((u) => u.status === 'rejected');
    for (const u of rejected) {
      const first = m.diagnostics.find((d) => d.unit === u.id && d.tier === t.tier.id && d.severity === 'error');
      out.push(`- ${vi ? 'Bị loại' : 'Rejected'}: ${mdText(u.name)} — ${first ? mdText(formatMessage(first, m.meta.lang)) : ''}`);
    }
    if (rejected.length) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
