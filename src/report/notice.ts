import { isPhaseGroup, type PhaseGroup, type PhaseItem, type PhaseTier } from '../criteria/model.js';
import { place } from '../diagnostics/format.js';
import { formatMessage, type Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { explain } from '../scoring/explain.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import type { CellModel, CellObject, CellStyle, RowModel, WorkbookModel } from '../workbook/write/index.js';
import type { ReportModel } from './model.js';
import { whyMessage } from './why-words.js';
import { awardsText, decisionsOf, decisionText } from './decision-words.js';
import { awardTitles, classTitle, ruleText, valueText } from './words.js';

/**
 * Thông báo kết quả (SPEC §10): one printable workbook per unit of every form tier, scored or
 * rejected, that a clerk sends back as it is — the unit's figures item by item, its class with
 * the reasons, its rank in its block, the awards proposed, and every finding; a rejected
 * unit's notice says what to correct, cell by cell.
 */
export interface NoticeFile {
  tier: string;
  unit: string;
  /** The unit's name, for the file name (unit id first, like the templates). */
  name: string;
  model: WorkbookModel;
}

const W = {
  vi: {
    sheet: 'Thông báo',
    title: 'THÔNG BÁO KẾT QUẢ CHẤM ĐIỂM THI ĐUA',
    unitId: 'Mã đơn vị',
    unitName: 'Tên đơn vị',
    tier: 'Đối tượng thi đua',
    phase: 'Giai đoạn',
    total: 'Tổng điểm',
    cls: 'Xếp loại',
    rank: 'Xếp hạng',
    awards: 'Đề nghị khen thưởng',
    head: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số liệu báo cáo', 'Cách tính', 'Điểm tự chấm', 'Điểm thẩm định', 'Điểm', 'Minh chứng, ghi chú', 'Nhận xét'],
    why: 'Giải trình xếp loại, khen thưởng',
    findings: 'Các nội dung cần lưu ý',
    fix: 'Phiếu chưa được chấm vì còn lỗi. Đề nghị đơn vị sửa các ô sau rồi gửi lại:',
    notScored: 'Chưa chấm (phiếu có lỗi)',
    none: 'Không',
    tie: (a: string) => `đồng hạng ở ngưỡng ${a} — Hội đồng quyết định`,
    nothing: 'Không có.',
    bonus: 'điểm thưởng',
    penalty: 'điểm trừ',
    proposals: 'Khen thưởng là đề nghị để Hội đồng Thi đua – Khen thưởng xem xét, quyết định.',
    of: 'trên',
  },
  en: {
    sheet: 'Notice',
    title: 'NOTICE OF EMULATION RESULTS',
    unitId: 'Unit id',
    unitName: 'Unit name',
    tier: 'Tier',
    phase: 'Phase',
    total: 'Total points',
    cls: 'Class',
    rank: 'Rank',
    awards: 'Awards proposed',
    head: ['Code', 'Criterion', 'Max points', 'Reported value', 'How computed', 'Self points', 'Assessed points', 'Points', 'Evidence, notes', 'Findings'],
    why: 'Why this class and these awards',
    findings: 'Findings',
    fix: 'The form was not scored because of errors. Please correct these cells and send it again:',
    notScored: 'Not scored (the form has errors)',
    none: 'None',
    tie: (a: string) => `tied at the edge of ${a} — for the board to decide`,
    nothing: 'None.',
    bonus: 'bonus',
    penalty: 'deduction',
    proposals: 'Awards are proposals for the emulation and commendation board to decide.',
    of: 'of',
  },
};

const S = {
  title: { bold: true, fontSize: 14, hAlign: 'center' } satisfies CellStyle,
  sub: { italic: true, hAlign: 'center', wrap: true } satisfies CellStyle,
  label: { bold: true } satisfies CellStyle,
  value: { wrap: true } satisfies CellStyle,
  strong: { bold: true, wrap: true } satisfies CellStyle,
  head: { bold: true, fill: 'D9E2F3', hAlign: 'center', vAlign: 'center', wrap: true, border: 'thin' } satisfies CellStyle,
  group: { bold: true, fill: 'F2F2F2', border: 'thin', wrap: true, vAlign: 'center' } satisfies CellStyle,
  groupNum: { bold: true, fill: 'F2F2F2', border: 'thin', numFmt: '0.##', hAlign: 'center', vAlign: 'center' } satisfies CellStyle,
  cell: { border: 'thin', wrap: true, vAlign: 'center' } satisfies CellStyle,
  num: { border: 'thin', numFmt: '0.##', hAlign: 'center', vAlign: 'center' } satisfies CellStyle,
  section: { bold: true, fontSize: 12 } satisfies CellStyle,
  line: { wrap: true, vAlign: 'top' } satisfies CellStyle,
  warn: { wrap: true, vAlign: 'top', fontColor: '9C0006' } satisfies CellStyle,
};

const WIDTHS = [8, 42, 9, 12, 22, 9, 10, 9, 30, 34];

/** The findings of each unit of a tier, by id: its own errors, then every diagnostic naming it. */
function findingsByUnit(t: TierResult, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.tier !== t.tier.id || !d.unit) continue;
    const list = out.get(d.unit);
    if (list) list.push(d);
    else out.set(d.unit, [d]);
  }
  return out;
}

/** Scored units per rank group (block, or the whole tier): the "of 6" of "2/6". */
function rankGroupSizes(t: TierResult): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const u of t.units) {
    if (u.status !== 'scored') continue;
    const key = t.tier.rankBy === 'block' ? u.block : '';
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** Every notice of a run: form tiers only, scored and rejected units, in the listing order. */
export function notices(m: ReportModel): NoticeFile[] {
  const out: NoticeFile[] = [];
  for (const t of m.tiers) {
    if (t.tier.layout !== 'form') continue;
    const findings = findingsByUnit(t, m.diagnostics);
    const sizes = rankGroupSizes(t);
    for (const u of t.units) {
      if (u.status === 'not_submitted') continue;
      const own = u.input?.errors ?? [];
      const mine = [...own, ...(findings.get(u.id) ?? []).filter((d) => !own.includes(d))];
      out.push({ tier: t.tier.id, unit: u.id, name: u.name, model: noticeWorkbook(m, t, u, mine, sizes.get(t.tier.rankBy === 'block' ? u.block : '') ?? 0) });
    }
  }
  return out;
}

/** One unit's notice. */
export function noticeWorkbook(m: ReportModel, t: TierResult, u: ScoredUnit, findings: readonly Diagnostic[], rankOf: number): WorkbookModel {
  const lang = m.meta.lang;
  const w = W[lang];
  const tier = t.tier;
  const scored = u.status === 'scored';
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  const rows: RowModel[] = [];
  const merges: string[] = [];
  const wide = (text: string, style: CellStyle, height?: number): void => {
    const r = rows.length + 1;
    rows.push({ cells: [{ value: text, style }], ...(height ? { height } : {}) });
    merges.push(`A${r}:J${r}`);
  };
  const label = (name: string, value: CellModel, style: CellStyle = S.value): void => {
    const r = rows.length + 1;
    rows.push([{ value: name, style: S.label }, null, value === null || value === undefined || value === '' ? null : typeof value === 'object' ? value : { value, style }]);
    merges.push(`A${r}:B${r}`, `C${r}:J${r}`);
  };
  wide(m.criteria.movement.issuer.toUpperCase(), { bold: true, hAlign: 'center' });
  wide(w.title, S.title, 22);
  wide(`${m.criteria.movement.title} — ${phase?.title ?? m.meta.phase}${m.meta.date ? ` — ${dateText(m.meta.date, lang)}` : ''}`, S.sub, 32);
  rows.push([]);
  label(w.unitId, u.id);
  label(w.unitName, u.name);
  label(w.tier, `${tier.title} (${tier.id})`);
  label(w.phase, `${phase?.title ?? m.meta.phase} (${m.meta.phase})`);
  label(w.total, scored && u.total !== null ? { value: u.total / 100, style: { bold: true, numFmt: '0.##', hAlign: 'left' } } : w.notScored, S.strong);
  label(w.cls, scored ? classTitle(tier, u.classId) : '', S.strong);
  // "2/6 – <block>": the rank among the units ranked together (a block, or the whole tier)
  const among = tier.rankBy === 'block' ? u.block : tier.title;
  label(w.rank, scored && u.rank !== null ? `${u.rank}/${rankOf}${among ? ` – ${among}` : ''}` : '');
  const decided = decisionsOf(t, u);
  const proposed = [u.awards.length ? (decided.length ? awardsText(tier, u.awards, decided, lang) : awardTitles(tier, u.awards)) : '', ...u.awardTies.map((a) => w.tie(awardTitles(tier, [a])))].filter(Boolean).join('; ');
  label(w.awards, scored ? proposed || w.none : '');
  rows.push([]);

  // the table, item by item under their groups
  const headRow = rows.length + 1;
  rows.push({ cells: w.head.map((h) => ({ value: h, style: S.head })), height: 32 });
  const byItem = new Map<string, Diagnostic[]>();
  for (const d of findings) {
    const item = d.args.item;
    if (typeof item !== 'string') continue;
    const list = byItem.get(item);
    if (list) list.push(d);
    else byItem.set(item, [d]);
  }
  const index = new Map(tier.items.map((it, i) => [it, i]));
  const input = u.input;
  const notes = input?.notes ?? null;
  const groupRow = (g: PhaseGroup): void => {
    const kind = g.kind === 'bonus' ? ` (${w.bonus})` : g.kind === 'penalty' ? ` (${w.penalty})` : '';
    const gp = scored ? u.groups.get(g.id) : undefined;
    rows.push(fitted([
      { value: g.id, style: S.group },
      { value: `${g.title}${kind}`, style: S.group },
      { value: g.max / 100, style: S.groupNum },
      { value: null, style: S.group },
      { value: null, style: S.group },
      { value: null, style: S.group },
      { value: null, style: S.group },
      gp === undefined ? { value: null, style: S.group } : { value: gp / 100, style: S.groupNum },
      { value: null, style: S.group },
      { value: null, style: S.group },
    ]));
  };
  const itemRow = (it: PhaseItem): void => {
    const i = index.get(it)!;
    const v = input ? input.values[i]! : NaN;
    const self = input?.self?.[i];
    const assessed = input?.assessed?.[i];
    const assessedUsed = scored && u.assessedUsed[i] === 1;
    const said = (byItem.get(it.id) ?? []).map((d) => formatMessage(d, lang)).join('\n');
    rows.push(fitted([
      { value: it.id, style: S.cell },
      { value: it.title, style: S.cell },
      it.maxPoints === null || it.info ? { value: null, style: S.num } : { value: it.maxPoints / 100, style: S.num },
      { value: valueText(it, v, lang) || null, style: S.num },
      { value: scored ? ruleText(it, v, assessedUsed, lang, input?.values) : null, style: S.cell },
      self === undefined || Number.isNaN(self) ? { value: null, style: S.num } : { value: self, style: S.num },
      assessed === undefined || Number.isNaN(assessed) ? { value: null, style: S.num } : { value: assessed, style: S.num },
      scored ? { value: u.points[i]! / 100, style: S.num } : { value: null, style: S.num },
      { value: notes?.[i] ?? null, style: S.cell },
      { value: said || null, style: said ? { ...S.cell, fontColor: '9C0006' } : S.cell },
    ]));
  };
  const walk = (g: PhaseGroup): void => {
    groupRow(g);
    for (const c of g.children) {
      if (isPhaseGroup(c)) walk(c);
      else itemRow(c);
    }
  };
  for (const g of tier.groups) walk(g);
  if (scored && u.total !== null) {
    rows.push([
      { value: null, style: S.group },
      { value: w.total, style: S.group },
      { value: tier.max / 100, style: S.groupNum },
      ...Array.from({ length: 4 }, () => ({ value: null, style: S.group })),
      { value: u.total / 100, style: S.groupNum },
      { value: null, style: S.group },
      { value: null, style: S.group },
    ]);
  }
  rows.push([]);

  // the reasons, then every finding (what to correct, for a rejected unit)
  if (scored) {
    wide(w.why, S.section);
    const why = explain(t, u);
    if (why.length === 0 && decided.length === 0) wide(w.nothing, S.line);
    for (const x of why) wide(`– ${whyMessage(tier, x, lang)}`, S.line, lineHeight(whyMessage(tier, x, lang)));
    // the council's decisions on the unit, each with its reason (SPEC §12)
    for (const d of decided) wide(`– ${decisionText(tier, d, lang)}`, S.line, lineHeight(decisionText(tier, d, lang)));
    rows.push([]);
  }
  wide(scored ? w.findings : w.fix, S.section, scored ? undefined : 30);
  if (findings.length === 0) wide(w.nothing, S.line);
  for (const d of findings) {
    const where = place(d);
    const text = `– ${where ? `${where}: ` : ''}${formatMessage(d, lang)}`;
    wide(text, d.severity === 'error' ? S.warn : S.line, lineHeight(text));
  }
  rows.push([]);
  wide(w.proposals, { italic: true, wrap: true });

  return {
    sheets: [
      {
        name: w.sheet,
        columns: WIDTHS.map((width) => ({ width })),
        rows,
        merges,
        view: { showGridLines: false },
        print: {
          paperSize: 9,
          orientation: 'landscape',
          fitToWidth: 1,
          fitToHeight: 0,
          titleRows: [headRow, headRow],
          margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
          horizontalCentered: true,
          footer: `&L${u.id}&C${lang === 'vi' ? 'Trang' : 'Page'} &P/&N`,
        },
      },
    ],
    properties: {
      created: new Date(`${m.meta.date ?? '2000-01-01'}T00:00:00Z`),
      title: `${w.title} — ${u.id}`,
      creator: m.meta.tool.name,
      company: m.criteria.movement.issuer,
    },
    defaultFont: { name: 'Times New Roman', size: 11 },
    activeSheet: 0,
  };
}

/**
 * A table row tall enough for its wrapped text: office suites do not grow a row for wrapped
 * text on their own when the file is opened, so the text would print over the next row.
 */
function fitted(cells: CellObject[]): RowModel {
  let lines = 1;
  cells.forEach((c, i) => {
    if (typeof c.value !== 'string') return;
    const per = Math.max(4, Math.floor(WIDTHS[i]! * 1.15));
    const n = c.value.split('\n').reduce((k, part) => k + Math.max(1, Math.ceil(part.length / per)), 0);
    if (n > lines) lines = n;
  });
  return lines > 1 ? { cells, height: lines * 14 + 2 } : cells;
}

/** Height of a merged line of text across the sheet (about 190 characters a line). */
function lineHeight(text: string): number | undefined {
  const lines = Math.ceil(text.length / 190);
  return lines > 1 ? lines * 15 : undefined;
}

/** A date as a person reads it: dd/mm/yyyy in Vietnamese (SPEC §13), as given otherwise. */
function dateText(iso: string, lang: Lang): string {
  if (lang !== 'vi') return iso;
  const [y, mo, d] = iso.split('-');
  return `${d}/${mo}/${y}`;
}
