import { existsIn } from '../../criteria/model.js';
import type { TierResult } from '../../scoring/types.js';
import { type CellModel, type ColumnModel, type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { pointsText } from '../words.js';
import { dateText } from '../decision-words.js';
import { HEAD, TITLE, SUBTITLE, SECTION, NOTE, WRAPPED, classStyle, txt, num, pts, headerHeight, fitRow, printSetup, type Words } from './common.js';

/**
 * The "Tổng hợp" sheet: per tier and block, registered, submitted, scored, classes and awards.
 */

// ---------------------------------------------------------------- Tổng hợp

interface BlockCount {
  block: string;
  registered: number | null;
  submitted: number;
  scored: number;
  rejected: number;
  notSubmitted: number;
  sum: number;
  classes: Map<string, number>;
  awards: Map<string, number>;
  ties: number;
}

function blockCounts(m: ReportModel, t: TierResult): BlockCount[] {
  const reg = new Map<string, number>();
  const listed = m.units?.filter((u) => u.tier === t.tier.id && existsIn(u.phases, m.meta.phase)) ?? [];
  for (const u of listed) reg.set(u.block ?? '', (reg.get(u.block ?? '') ?? 0) + 1);
  const by = new Map<string, BlockCount>();
  const get = (b: string): BlockCount => {
    let c = by.get(b);
    if (!c) by.set(b, (c = { block: b, registered: listed.length ? (reg.get(b) ?? 0) : null, submitted: 0, scored: 0, rejected: 0, notSubmitted: 0, sum: 0, classes: new Map(), awards: new Map(), ties: 0 }));
    return c;
  };
  for (const b of t.blocks) get(b);
  for (const b of reg.keys()) get(b);
  // units come block by block in listing order: a block's counter is looked up once per run
  // of its units, and classes are counted by slot before they go into the map
  let c: BlockCount | null = null;
  let block: string | null = null;
  const classIds = t.tier.classes.map((x) => x.id);
  const classSlot = new Map(classIds.map((id, i) => [id, i]));
  let classCounts = new Float64Array(classIds.length);
  const settle = (): void => {
    if (c) classIds.forEach((id, i) => classCounts[i] && c!.classes.set(id, (c!.classes.get(id) ?? 0) + classCounts[i]!));
    classCounts = new Float64Array(classIds.length);
  };
  for (const u of t.units) {
    const b = u.block;
    if (b !== block) {
      settle();
      block = b;
      c = get(b);
    }
    const status = u.status;
    if (status === 'not_submitted') c!.notSubmitted++;
    else c!.submitted++;
    if (status === 'rejected') c!.rejected++;
    if (status === 'scored') {
      c!.scored++;
      c!.sum += u.total ?? 0;
      const id = u.classId;
      if (id) {
        const k = classSlot.get(id);
        if (k === undefined) c!.classes.set(id, (c!.classes.get(id) ?? 0) + 1);
        else classCounts[k]!++;
      }
    }
    const awards = u.awards;
    for (const a of awards) c!.awards.set(a, (c!.awards.get(a) ?? 0) + 1);
    if (u.awardTies.length) c!.ties++;
  }
  settle();
  return [...by.values()];
}

export function summarySheet(m: ReportModel, w: Words, name: string): SheetModel {
  const lang = m.meta.lang;
  const L = WRAPPED;
  const fixed = [w.block, w.registered, w.submitted, w.scored, w.rejected, w.notSubmitted, w.mean];
  const widths = [30, 11, 11, 11, 11, 11, 12];
  let width = fixed.length;
  for (const t of m.tiers) width = Math.max(width, fixed.length + t.tier.classes.length + t.tier.awards.length + (t.tier.awards.length ? 1 : 0));
  const columns: ColumnModel[] = [];
  for (let i = 0; i < width; i++) columns.push({ width: widths[i] ?? 16 });
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  const rows: RowModel[] = [];
  const push = (...more: RowModel[]): void => {
    rows.push(...more);
  };
  push({ cells: [{ value: m.criteria.movement.title, style: TITLE }], height: 22 });
  push([{ value: `${w.phase}: ${phase?.title ?? m.meta.phase} (${m.meta.phase})${m.meta.date ? ` · ${w.date}: ${dateText(m.meta.date, m.meta.lang)}` : ''} · ${m.criteria.movement.issuer}`, style: SUBTITLE }]);
  push([
    {
      value:
        lang === 'vi'
          ? 'Khen thưởng trong bảng là đề nghị để Hội đồng Thi đua – Khen thưởng xem xét, quyết định. Chi tiết từng đơn vị ở các trang "Xếp hạng", từng tiêu chí ở trang "Chi tiết".'
          : 'Awards are proposals for the board to decide. Each unit is on the "Ranking" sheets, each item on the "Details" sheet.',
      style: SUBTITLE,
    },
  ]);
  for (const t of m.tiers) {
    push([]);
    const tier = t.tier;
    push({ cells: [{ value: `${tier.title} (${tier.id}) — ${w.maxPoints.toLowerCase()} ${pointsText(tier.max, lang)}; ${tier.rankBy === 'block' ? w.rankByBlock : w.rankByTier}`, style: SECTION }], height: 20 });
    const head = [...fixed, ...tier.classes.map((c) => c.title), ...tier.awards.map((a) => `${w.awards}: ${a.title}`), ...(tier.awards.length ? [w.awardTiesCount] : [])];
    const hw = head.map((_, i) => columns[i]?.width ?? 16);
    push({
      cells: head.map((h, i) => ({ value: h, style: i >= fixed.length && i < fixed.length + tier.classes.length ? classStyle(HEAD, i - fixed.length, tier.classes.length) : HEAD })),
      height: headerHeight(head, hw),
    });
    const counts = blockCounts(m, t);
    const hasBlocks = counts.some((c) => c.block !== '');
    const line = (c: BlockCount | null, label: string): RowModel => {
      const s = t.stats;
      const bold = c === null;
      const st = bold ? { t: L.bold, i: L.boldInt, p: L.boldPts } : { t: L.text, i: L.int, p: L.pts };
      const cells: CellModel[] = [
        txt(label, st.t),
        num(c ? c.registered : s.registered, st.i),
        num(c ? c.submitted : s.submitted, st.i),
        num(c ? c.scored : s.scored, st.i),
        num(c ? c.rejected : s.rejected, st.i),
        num(c ? c.notSubmitted : s.not_submitted, st.i),
        pts(c ? (c.scored ? Math.round(c.sum / c.scored) : null) : s.mean, st.p),
      ];
      for (const cl of tier.classes) cells.push(num(c ? (c.classes.get(cl.id) ?? 0) : (s.classes[cl.id] ?? 0), st.i));
      for (const a of tier.awards) cells.push(num(c ? (c.awards.get(a.id) ?? 0) : (s.awards[a.id] ?? 0), st.i));
      if (tier.awards.length) cells.push(num(c ? c.ties : t.units.reduce((n, u) => n + (u.awardTies.length ? 1 : 0), 0), st.i));
      return fitRow(cells, hw);
    };
    if (hasBlocks) for (const c of counts) push(line(c, c.block === '' ? w.noBlock : c.block));
    push(line(null, w.wholeTier));
  }
  if (!m.tiers.length) push([], [{ value: lang === 'vi' ? 'Không có đối tượng nào được chấm.' : 'No tier was scored.', style: NOTE }]);
  return {
    name,
    columns,
    rows,
    view: { showGridLines: false },
    print: printSetup(m, name, 'landscape'),
  };
}
