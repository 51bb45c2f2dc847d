import { type Lang } from '../../diagnostics/messages.js';
import { type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { countText } from '../words.js';
import { dateText } from '../decision-words.js';
import { HEAD, TITLE, SUBTITLE, SECTION, LABEL, WRAPPED, SEV_STYLE, txt, num, headerHeight, fitRow, printSetup, type Words } from './common.js';

/**
 * The "Kiểm tra" sheet: every row read is accounted for, per tier.
 */

// ---------------------------------------------------------------- Kiểm tra

export function auditSheet(m: ReportModel, w: Words, name: string): SheetModel {
  const lang: Lang = m.meta.lang;
  const vi = lang === 'vi';
  const L = WRAPPED;
  const widths = [36, 68, 12, 12, 12, 12, 12, 12, 12, 16];
  const rows: RowModel[] = [];
  const kv = (k: string, v: string | number): void => {
    rows.push(fitRow([txt(k, LABEL), typeof v === 'number' ? num(v, L.int) : txt(v, L.text)], widths));
  };
  rows.push({ cells: [{ value: w.auditSheet, style: TITLE }], height: 22 });
  kv(w.tool, `${m.meta.tool.name} ${m.meta.tool.version}`);
  kv(w.movement, `${m.criteria.movement.title} (${m.meta.movement})`);
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  kv(w.phase, `${phase?.title ?? m.meta.phase} (${m.meta.phase})`);
  kv(w.date, dateText(m.meta.date, m.meta.lang) ?? w.noDate);
  kv(w.language, m.meta.lang);
  kv(w.criteriaFile, m.meta.criteria.path);
  kv('SHA-256', m.meta.criteria.sha256);
  kv(w.unitsFile, m.meta.units?.path ?? w.none);
  if (m.meta.units) kv('SHA-256', m.meta.units.sha256);
  if (m.previous !== null && m.previous !== undefined) {
    const p = m.previous as { phase?: unknown; inputs?: unknown };
    kv(w.previous, typeof p.phase === 'string' ? p.phase : '?');
  }
  kv(w.rowsRead, m.rowsRead);
  rows.push([]);
  rows.push([{ value: `${w.inputs} (${countText(m.meta.inputs.length, lang)})`, style: SECTION }]);
  rows.push([
    { value: w.file, style: HEAD },
    { value: 'SHA-256', style: HEAD },
  ]);
  for (const i of m.meta.inputs) rows.push(fitRow([txt(i.path, L.text), txt(i.sha256, L.text)], widths));
  rows.push([]);
  rows.push([{ value: w.countsPerTier, style: SECTION }]);
  const head = [w.tierId, w.tierTitle, w.registered, w.received, w.scored, w.rejected, w.notSubmitted, w.duplicates, w.unitUnknown, w.balance];
  rows.push({ cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head.slice(2), widths.slice(2)) });
  const dup = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const d of m.diagnostics) {
    if (d.code === 'duplicate-entry') dup.set(d.tier ?? '', (dup.get(d.tier ?? '') ?? 0) + 1);
    if (d.code === 'unit-unknown') unknown.set(d.tier ?? '', (unknown.get(d.tier ?? '') ?? 0) + 1);
  }
  for (const t of m.tiers) {
    const s = t.stats;
    const ok = s.submitted === s.scored + s.rejected;
    rows.push(fitRow([
      txt(t.tier.id, L.text),
      txt(t.tier.title, L.text),
      num(s.registered, L.int),
      num(s.submitted, L.int),
      num(s.scored, L.int),
      num(s.rejected, L.int),
      num(s.not_submitted, L.int),
      num(dup.get(t.tier.id) ?? 0, L.int),
      num(unknown.get(t.tier.id) ?? 0, L.int),
      { value: ok ? w.ok : w.mismatch, style: ok ? L.center : SEV_STYLE.framed.error },
    ], widths));
  }
  rows.push([]);
  rows.push([{ value: w.diagnosticCounts, style: SECTION }]);
  rows.push([
    { value: w.code, style: HEAD },
    { value: w.severity, style: HEAD },
    { value: w.count, style: HEAD },
  ]);
  const byCode = new Map<string, { sev: 'error' | 'warning'; n: number }>();
  for (const d of m.diagnostics) {
    const c = byCode.get(d.code);
    if (c) c.n++;
    else byCode.set(d.code, { sev: d.severity, n: 1 });
  }
  for (const [code, c] of [...byCode].sort((a, b) => (a[1].sev === b[1].sev ? (a[0] < b[0] ? -1 : 1) : a[1].sev === 'error' ? -1 : 1))) {
    rows.push([txt(code, L.text), { value: c.sev === 'error' ? w.error : w.warning, style: SEV_STYLE.framed[c.sev] }, num(c.n, L.int)]);
  }
  if (!byCode.size) rows.push([{ value: vi ? 'Không có lỗi hay cảnh báo nào.' : 'No problems found.', style: SUBTITLE }]);
  return {
    name,
    columns: widths.map((x) => ({ width: x })),
    rows,
    view: { showGridLines: false },
    print: printSetup(m, name, 'landscape'),
  };
}
