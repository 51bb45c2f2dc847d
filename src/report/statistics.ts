import type { Lang } from '../diagnostics/messages.js';
import type { ChildStatistics, StatisticsRow } from '../scoring/statistics.js';
import type { CellModel, CellStyle, RowModel, SheetModel } from '../workbook/write/index.js';
import { numberText } from './words.js';

/**
 * The "Thống kê" sheet of results.xlsx (SPEC §11): per child tier, its units per parent —
 * registered, submitted, scored, each class's count and share — a total row that is the sum
 * of the rows, and `đạt`/`chưa đạt` against each roll-up item's target.
 */
const S = {
  title: { bold: true, fontSize: 13, fontColor: '1F3864' } satisfies CellStyle,
  head: { bold: true, fill: 'D9E1F2', wrap: true, hAlign: 'center', vAlign: 'center', border: 'thin' } satisfies CellStyle,
  text: { border: 'thin', vAlign: 'top', wrap: true } satisfies CellStyle,
  int: { border: 'thin', numFmt: '#,##0' } satisfies CellStyle,
  pct: { border: 'thin', numFmt: '0.0"%"' } satisfies CellStyle,
  bold: { border: 'thin', bold: true } satisfies CellStyle,
  boldInt: { border: 'thin', bold: true, numFmt: '#,##0' } satisfies CellStyle,
  boldPct: { border: 'thin', bold: true, numFmt: '0.0"%"' } satisfies CellStyle,
};

const WORDS = {
  vi: { sheet: 'Thống kê', parent: 'Đơn vị cấp trên', name: 'Tên', registered: 'Đăng ký', submitted: 'Đã nộp', scored: 'Chấm được', share: 'tỷ lệ', total: 'Tổng cộng', met: 'đạt', unmet: 'chưa đạt', target: 'chỉ tiêu' },
  en: { sheet: 'Statistics', parent: 'Parent unit', name: 'Name', registered: 'Registered', submitted: 'Submitted', scored: 'Scored', share: 'share', total: 'Total', met: 'reached', unmet: 'not reached', target: 'target' },
};

/** The sheet's name in a language. */
export function statisticsSheetName(lang: Lang): string {
  return WORDS[lang].sheet;
}

/** Share of scored units in percent, one decimal; null when none scored. */
export function classShare(n: number, scored: number): number | null {
  return scored ? Math.round((n * 1000) / scored) / 10 : null;
}

/** The sheet, or null when no tier has parents. */
export function statisticsSheet(stats: readonly ChildStatistics[] | undefined, lang: Lang, name: string): SheetModel | null {
  if (!stats?.length) return null;
  const w = WORDS[lang];
  const rows: RowModel[] = [];
  let widest = 6;
  for (const st of stats) {
    rows.push({ cells: [{ value: `${st.title} (${st.tier})`, style: S.title }], height: 20 });
    const head = [w.parent, w.name, w.registered, w.submitted, w.scored, ...st.classes.flatMap((c) => [c.title, `${c.title} – ${w.share}`]), ...st.targets.map((tg) => `${tg.item}. ${tg.title} (${w.target} ${numberText(tg.target, lang)})`)];
    widest = Math.max(widest, head.length);
    rows.push({ cells: head.map((h) => ({ value: h, style: S.head })), height: 45 });
    const line = (r: StatisticsRow, total: boolean): CellModel[] => {
      const [t, i, p] = total ? [S.bold, S.boldInt, S.boldPct] : [S.text, S.int, S.pct];
      return [
        { value: total ? w.total : r.parent, style: t },
        // the total row's name cell is styled and empty, not an empty text (readers drop those)
        total ? { style: t } : { value: r.name, style: t },
        r.registered === null ? { value: '–', style: t } : { value: r.registered, style: i },
        { value: r.submitted, style: i },
        { value: r.scored, style: i },
        ...r.classes.flatMap((n) => {
          const share = classShare(n, r.scored);
          return [{ value: n, style: i }, share === null ? { style: p } : { value: share, style: p }];
        }),
        ...r.reached.map((x) => (x === null ? { style: t } : { value: `${numberText(x.value, lang)} – ${x.met ? w.met : w.unmet}`, style: t })),
      ];
    };
    for (const r of st.rows) rows.push(line(r, false));
    rows.push(line(st.total, true));
    rows.push([]);
  }
  return {
    name,
    columns: Array.from({ length: widest }, (_, i) => ({ width: i === 0 ? 14 : i === 1 ? 28 : 12 })),
    rows,
    view: { showGridLines: false },
    print: { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 },
  };
}

/**
 * The same figures as a section of summary.md. A million households fall under a thousand
 * communes or so: one row per parent stays a summary. `md` escapes input text.
 */
export function statisticsMarkdown(stats: readonly ChildStatistics[] | undefined, lang: Lang, md: (s: string) => string): string[] {
  if (!stats?.length) return [];
  const w = WORDS[lang];
  const out: string[] = [`## ${w.sheet}`, ''];
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  for (const st of stats) {
    out.push(`### ${md(st.title)} (${md(st.tier)})`, '');
    const head = [w.parent, w.name, w.registered, w.submitted, w.scored, ...st.classes.map((c) => md(c.title)), ...st.targets.map((tg) => `${md(tg.item)} (${w.target} ${numberText(tg.target, lang)})`)];
    out.push(`| ${head.map(cell).join(' | ')} |`, `| --- | --- | ${head.slice(2).map(() => '---:').join(' | ')} |`);
    const line = (r: StatisticsRow, total: boolean): string => {
      const classes = r.classes.map((n) => {
        const share = classShare(n, r.scored);
        return share === null ? String(n) : `${n} (${numberText(share, lang)}${lang === 'vi' ? ' %' : '%'})`;
      });
      const reached = r.reached.map((x) => (x === null ? '–' : `${numberText(x.value, lang)} – ${x.met ? w.met : w.unmet}`));
      const cells = [total ? `**${w.total}**` : md(r.parent), total ? '' : md(r.name), r.registered === null ? '–' : String(r.registered), String(r.submitted), String(r.scored), ...classes, ...reached];
      return `| ${cells.join(' | ')} |`;
    };
    for (const r of st.rows) out.push(line(r, false));
    out.push(line(st.total, true), '');
  }
  return out;
}
