import type { PhaseTier } from '../criteria/model.js';
import { explain, NO_WHY } from '../scoring/explain.js';
import { whyMessage } from './why-words.js';
import { statisticsMarkdown } from './statistics.js';
import { place } from '../diagnostics/format.js';
import { formatMessage, type Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { dec, mul } from '../util/decimal.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import type { ReportModel } from './model.js';
import { mdTable, mdText, row, sizedRule } from './markdown.js';
import { previousIndex, type PreviousEntry } from './previous.js';
import { awardsText, dateText, decisionsOf, decisionText } from './decision-words.js';
import { awardTitles, classTitle, countText, decText, deltaPointsText, deltaRankText, percentText, pointsText, words } from './words.js';

interface Ctx {
  m: ReportModel;
  lang: Lang;
  w: ReturnType<typeof words>;
  prev: Map<string, PreviousEntry> | null;
  errors: Map<string, Diagnostic>;
}

/** Tiers up to this many units list every unit; larger ones the first few per block. */
export const FULL_TABLE_MAX = 200;
/** Rows per block shown for a large tier. */
export const TOP_PER_BLOCK = 20;
/** Past this many blocks, a large tier's first units are one table with a block column. */
export const BLOCK_TABLES_MAX = 50;
/** Rows of a large tier's ranking tables, about, over all its blocks. */
export const SHOWN_MAX = 1000;
/** Longest list of names (not submitted, rejected, awards) written out in full. */
const LIST_MAX = 200;

/** First error of each rejected unit, by `tier \0 unit`. */
export function firstErrors(diagnostics: Diagnostic[]): Map<string, Diagnostic> {
  const out = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !d.unit || !d.tier) continue;
    const k = `${d.tier}\u0000${d.unit}`;
    if (!out.has(k)) out.set(k, d);
  }
  return out;
}

/** summary.md: a report a board can paste, print or convert with pandoc. */
export function summaryMarkdown(m: ReportModel): string {
  const lang = m.meta.lang;
  const vi = lang === 'vi';
  const w = words(lang);
  const prevAll = m.previous === null || m.previous === undefined ? null : previousIndex(m.previous, m.units);
  const errors = firstErrors(m.diagnostics);
  const out: string[] = [];
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);

  out.push(`# ${mdText(m.criteria.movement.title)}`, '');
  out.push(`${w.issuer}: ${mdText(m.criteria.movement.issuer)}${m.criteria.movement.decision ? ` · ${mdText(m.criteria.movement.decision)}` : ''}  `);
  out.push(`${w.phase}: **${mdText(phase?.title ?? m.meta.phase)}** (${mdText(m.meta.phase)})${m.meta.date ? ` · ${w.date}: ${dateText(m.meta.date, lang)}` : ''}`, '');
  out.push(
    vi
      ? '> Kết quả chấm điểm, xếp loại và xếp hạng; các hình thức khen thưởng là **đề nghị** để Hội đồng Thi đua – Khen thưởng xem xét, quyết định.'
      : '> Scores, classes and ranks; the awards listed are **proposals** for the emulation and commendation board to decide.',
    '',
  );

  out.push(`## ${vi ? 'Tổng quan' : 'Overview'}`, '');
  mdTable(
    [w.tier, w.registered, w.submitted, w.scored, w.rejected, w.notSubmitted, w.mean],
    m.tiers.map((t) => {
      const s = t.stats;
      return [
        `${mdText(t.tier.title)} (${mdText(t.tier.id)})`,
        s.registered === null ? '–' : countText(s.registered, lang),
        countText(s.submitted, lang),
        countText(s.scored, lang),
        countText(s.rejected, lang),
        countText(s.not_submitted, lang),
        s.mean === null ? '–' : pointsText(s.mean, lang),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    out,
  );
  out.push('');
  if (!m.tiers.length) out.push(vi ? 'Không có đối tượng nào được chấm.' : 'No tier was scored.', '');

  for (const t of m.tiers) {
    // Δ columns only for a tier the earlier results have
    const ctx: Ctx = { m, lang, w, prev: prevAll?.get(t.tier.id) ?? null, errors };
    tierSection(ctx, t, out);
  }

  out.push(...statisticsMarkdown(m.statistics, lang, mdText));
  howScored(m, lang, prevAll !== null, out);
  out.push(
    '---',
    '',
    vi
      ? `_Lập bằng ${mdText(m.meta.tool.name)} ${mdText(m.meta.tool.version)} từ ${mdText(m.meta.criteria.path)} (SHA-256 ${m.meta.criteria.sha256.slice(0, 12)}…), ${countText(m.meta.inputs.length, lang)} tệp phiếu; chi tiết từng tiêu chí trong results.xlsx._`
      : `_Made with ${mdText(m.meta.tool.name)} ${mdText(m.meta.tool.version)} from ${mdText(m.meta.criteria.path)} (SHA-256 ${m.meta.criteria.sha256.slice(0, 12)}…), ${countText(m.meta.inputs.length, lang)} submission files; item by item details in results.xlsx._`,
  );
  return `${out.join('\n').trimEnd()}\n`;
}

/** A list of units kept short, with the full count. */
interface Capped {
  list: ScoredUnit[];
  n: number;
}

function add(c: Capped, u: ScoredUnit, max: number): void {
  if (c.list.length < max) c.list.push(u);
  c.n++;
}

/** What the tier's sections need, gathered in one pass (a roster may hold a million units). */
interface Collected {
  full: boolean;
  byBlock: boolean;
  showBlock: boolean;
  groups: Map<string | null, { shown: ScoredUnit[]; scored: number }>;
  missing: Capped;
  rejected: Capped;
  awards: Map<string, Capped>;
  ties: Map<string, Capped>;
  /** Sum over scored units of each item's points (hundredths). */
  itemSums: number[];
  scored: number;
}

function collect(t: TierResult): Collected {
  const full = t.units.length <= FULL_TABLE_MAX;
  // a tier of many blocks (a million households in thousands of villages) shows fewer rows per
  // block, so that the summary stays a summary: about SHOWN_MAX rows in all, and at least the
  // first unit of each block
  const perBlock = Math.max(1, Math.min(TOP_PER_BLOCK, Math.floor(SHOWN_MAX / Math.max(1, t.blocks.length))));
  let anyBlock = false;
  for (const u of t.units) {
    if (u.block !== '') {
      anyBlock = true;
      break;
    }
  }
  const byBlock = t.tier.rankBy === 'block' && anyBlock;
  const c: Collected = {
    full,
    byBlock,
    showBlock: !byBlock && anyBlock,
    groups: new Map(),
    missing: { list: [], n: 0 },
    rejected: { list: [], n: 0 },
    awards: new Map(t.tier.awards.map((a) => [a.id, { list: [], n: 0 }])),
    ties: new Map(t.tier.awards.map((a) => [a.id, { list: [], n: 0 }])),
    itemSums: t.tier.items.map(() => 0),
    scored: 0,
  };
  const n = t.tier.items.length;
  for (const u of t.units) {
    const key = byBlock ? u.block : null;
    let g = c.groups.get(key);
    if (!g) c.groups.set(key, (g = { shown: [], scored: 0 }));
    const status = u.status;
    if (status === 'scored') {
      g.scored++;
      c.scored++;
      // straight from the tier's columns: `u.points` would make a new view for each unit,
      // a million of them for a roster
      const points = u.store.points;
      for (let i = 0, b = u.slot * n; i < n; i++) c.itemSums[i]! += points[b + i]!;
    } else if (status === 'rejected') add(c.rejected, u, LIST_MAX);
    else add(c.missing, u, LIST_MAX);
    if (full || (status === 'scored' && g.shown.length < perBlock)) g.shown.push(u);
    for (const a of u.awards) {
      const x = c.awards.get(a);
      if (x) add(x, u, LIST_MAX);
    }
    for (const a of u.awardTies) {
      const x = c.ties.get(a);
      if (x) add(x, u, LIST_MAX);
    }
  }
  return c;
}

function more(n: number, lang: Lang): string {
  return lang === 'vi' ? `… và ${countText(n, lang)} đơn vị khác` : `… and ${countText(n, lang)} more`;
}

function tierSection(c: Ctx, t: TierResult, out: string[]): void {
  const { lang, w } = c;
  const vi = lang === 'vi';
  const tier = t.tier;
  const s = t.stats;
  const all = collect(t);
  out.push(`## ${mdText(tier.title)} (${mdText(tier.id)})`, '');
  const counts = [
    `${w.registered.toLowerCase()} ${s.registered === null ? '–' : countText(s.registered, lang)}`,
    `${w.submitted.toLowerCase()} ${countText(s.submitted, lang)}`,
    `${w.scored.toLowerCase()} ${countText(s.scored, lang)}`,
    `${w.rejected.toLowerCase()} ${countText(s.rejected, lang)}`,
    `${w.notSubmitted.toLowerCase()} ${countText(s.not_submitted, lang)}`,
  ];
  const facts = [`${w.maxPoints}: ${pointsText(tier.max, lang)}`, tier.rankBy === 'block' ? w.rankByBlock : w.rankByTier, counts.join(', ')];
  if (s.mean !== null) facts.push(`${w.mean.toLowerCase()} ${pointsText(s.mean, lang)}`);
  out.push(`${facts.join(' · ')}.`, '');

  rankingTables(c, t, all, out);
  classSection(c, t, out);
  awardSection(c, t, all, out);

  const missing = all.missing;
  if (missing.n) {
    out.push(`### ${w.notSubmitted} (${countText(missing.n, lang)})`, '');
    for (const u of missing.list) out.push(`- ${mdText(u.id)} – ${mdText(u.name)}${u.block ? ` (${mdText(u.block)})` : ''}`);
    if (missing.n > missing.list.length) out.push(`- ${more(missing.n - missing.list.length, lang)} (${vi ? 'xem' : 'see'} results.xlsx)`);
    out.push('');
  }

  const rejected = all.rejected;
  if (rejected.n) {
    out.push(`### ${w.rejected} (${countText(rejected.n, lang)})`, '');
    out.push(row([w.unitId, w.unitName, vi ? 'Lỗi đầu tiên' : 'First error', vi ? 'Nơi' : 'Where']));
    out.push('| --- | --- | --- | --- |');
    for (const u of rejected.list) {
      const d = c.errors.get(`${tier.id}\u0000${u.id}`) ?? u.input?.errors[0];
      out.push(row([mdText(u.id), mdText(u.name), d ? mdText(formatMessage(d, lang)) : '', d ? mdText(place(d)) : '']));
    }
    out.push('');
    if (rejected.n > rejected.list.length) out.push(`${more(rejected.n - rejected.list.length, lang)} (${vi ? 'xem trang "Lỗi và cảnh báo" của results.xlsx' : 'see the Problems sheet of results.xlsx'}).`, '');
  }

  tagSection(c, t, all, out);
}

/** Ranking tables: every unit of a small tier; the first rows of each block of a large one. */
function rankingTables(c: Ctx, t: TierResult, all: Collected, out: string[]): void {
  const { lang, w } = c;
  const vi = lang === 'vi';
  out.push(`### ${vi ? 'Bảng xếp hạng' : 'Ranking'}`, '');
  if (!t.units.length) {
    out.push(vi ? 'Không có đơn vị nào.' : 'No units.', '');
    return;
  }
  const known = new Set<string | null>(t.blocks);
  const order = all.byBlock ? [...t.blocks.filter((b) => all.groups.has(b)), ...[...all.groups.keys()].filter((b) => !known.has(b))] : [null];
  if (!all.full && order.length > BLOCK_TABLES_MAX) {
    // thousands of villages: one table of the first units of every block, with a block column,
    // rather than thousands of one-row tables under their own headings
    const shown: ScoredUnit[] = [];
    for (const block of order) for (const u of all.groups.get(block)!.shown) shown.push(u);
    table(c, t, shown, true, out);
    out.push(
      vi
        ? `${countText(shown.length, lang)} đơn vị đứng đầu của ${countText(order.length, lang)} khối, trong số ${countText(t.stats.scored, lang)} đơn vị đã chấm; bảng đầy đủ ở trang "${w.rankingSheet} – ${mdText(t.tier.id)}" của results.xlsx.`
        : `The first units of each of ${countText(order.length, lang)} blocks (${countText(shown.length, lang)} of ${countText(t.stats.scored, lang)} scored units); the full table is on the "${w.rankingSheet} – ${mdText(t.tier.id)}" sheet of results.xlsx.`,
      '',
    );
    if (c.prev) out.push(vi ? '_Δ điểm: tổng điểm kỳ này trừ kỳ trước; Δ hạng: hạng kỳ trước trừ hạng kỳ này (dương là tăng bậc); – : không có kết quả kỳ trước._' : '_Δ total: this total minus the earlier one; Δ rank: earlier rank minus this rank (positive: moved up); –: no earlier result._', '');
    return;
  }
  for (const block of order) {
    const g = all.groups.get(block)!;
    if (block !== null) out.push(`#### ${w.block}: ${block === '' ? w.noBlock : mdText(block)}`, '');
    table(c, t, g.shown, all.showBlock, out);
    if (!all.full) {
      out.push(
        vi
          ? `${countText(g.shown.length, lang)} đơn vị đứng đầu trong số ${countText(g.scored, lang)} đơn vị đã chấm${block !== null ? ' của khối' : ''}; bảng đầy đủ ở trang "${w.rankingSheet} – ${mdText(t.tier.id)}" của results.xlsx.`
          : `The first ${countText(g.shown.length, lang)} of ${countText(g.scored, lang)} scored units${block !== null ? ' of the block' : ''}; the full table is on the "${w.rankingSheet} – ${mdText(t.tier.id)}" sheet of results.xlsx.`,
        '',
      );
    }
  }
  if (c.prev) out.push(vi ? '_Δ điểm: tổng điểm kỳ này trừ kỳ trước; Δ hạng: hạng kỳ trước trừ hạng kỳ này (dương là tăng bậc); – : không có kết quả kỳ trước._' : '_Δ total: this total minus the earlier one; Δ rank: earlier rank minus this rank (positive: moved up); –: no earlier result._', '');
}

function table(c: Ctx, t: TierResult, units: ScoredUnit[], showBlock: boolean, out: string[]): void {
  const { lang, w } = c;
  const vi = lang === 'vi';
  const head = [w.rank, w.unitId, w.unitName];
  const align: ('l' | 'r')[] = ['r', 'l', 'l'];
  if (showBlock) {
    head.push(w.block);
    align.push('l');
  }
  head.push(w.total);
  align.push('r');
  if (c.prev) {
    head.push(w.deltaTotal, w.deltaRank);
    align.push('r', 'r');
  }
  head.push(w.class, w.awards, w.note);
  align.push('l', 'l', 'l');
  const rows: string[][] = [];
  for (const u of units) {
    const scored = u.status === 'scored';
    const cells = [u.rank === null ? '–' : String(u.rank), mdText(u.id), mdText(u.name)];
    if (showBlock) cells.push(mdText(u.block));
    cells.push(u.total === null ? '–' : pointsText(u.total, lang));
    if (c.prev) {
      const p = scored ? c.prev.get(u.id) : undefined;
      cells.push(p && u.total !== null ? deltaPointsText(u.total - p.total, lang) : '–', p && p.rank !== null && u.rank !== null ? deltaRankText(p.rank - u.rank) : '–');
    }
    const notes: string[] = [];
    if (!scored) notes.push(w.statusWord[u.status]);
    if (u.criticalFailed.length) notes.push(`${vi ? 'không đạt tiêu chí bắt buộc' : 'failed critical'} ${u.criticalFailed.map(mdText).join(', ')}`);
    if (u.awardTies.length) notes.push(`${vi ? 'đồng hạng ở ngưỡng' : 'tied at the edge of'}: ${mdText(awardTitles(t.tier, u.awardTies))}`);
    for (const why of scored ? explain(t, u) : NO_WHY) if (why.code !== 'award-tie') notes.push(mdText(whyMessage(t.tier, why, lang)));
    const decided = decisionsOf(t, u);
    for (const d of decided) notes.push(mdText(decisionText(t.tier, d, lang)));
    const p = c.prev && scored ? c.prev.get(u.id) : undefined;
    if (p && (p.from !== u.id || p.sources.length > 1)) notes.push(`${w.comparedWith.toLowerCase()}: ${p.sources.map(mdText).join(', ')}`);
    cells.push(mdText(classTitle(t.tier, u.classId)), mdText(decided.length ? awardsText(t.tier, u.awards, decided, lang) : awardTitles(t.tier, u.awards)), notes.join('; '));
    rows.push(cells);
  }
  mdTable(head, rows, align, out);
  out.push('');
}

function classSection(c: Ctx, t: TierResult, out: string[]): void {
  const { lang, w } = c;
  const vi = lang === 'vi';
  const s = t.stats;
  out.push(`### ${vi ? 'Phân bố xếp loại' : 'Classes'}`, '');
  out.push(row([w.class, vi ? 'Số đơn vị' : 'Units', vi ? 'Tỷ lệ' : 'Share']), '| --- | ---: | ---: |');
  for (const cl of t.tier.classes) {
    const n = s.classes[cl.id] ?? 0;
    out.push(row([mdText(cl.title), countText(n, lang), s.scored ? percentText(n, s.scored, lang) : '–']));
  }
  out.push('');
  // no chart code: pandoc writes a ```mermaid block into docx and HTML as raw text (issue 19);
  // the table above is the distribution
}

function quotaText(c: Ctx, tier: PhaseTier, a: PhaseTier['awards'][number]): string {
  const { lang } = c;
  const vi = lang === 'vi';
  const where = tier.rankBy === 'block' ? (vi ? 'mỗi khối' : 'per block') : vi ? 'trong toàn đối tượng' : 'in the tier';
  const parts: string[] = [];
  if (a.perBlock !== undefined) parts.push(vi ? `${a.perBlock} đơn vị ${where}` : `${a.perBlock} ${where}`);
  if (a.share) {
    const pct = decText(mul(a.share, dec(100)), lang);
    const whose = tier.rankBy === 'block' ? (vi ? 'của khối' : 'of the block') : vi ? 'của đối tượng' : 'of the tier';
    parts.push(vi ? `${pct} % số đơn vị đăng ký ${whose}, làm tròn xuống` : `${pct}% of the units registered ${whose}, rounded down`);
  }
  if (a.minClass) parts.push(vi ? `xếp loại từ "${mdText(classTitle(tier, a.minClass))}"` : `class "${mdText(classTitle(tier, a.minClass))}" or better`);
  if (a.exclusiveOf.length) parts.push(vi ? `không cùng với ${mdText(awardTitles(tier, a.exclusiveOf))}` : `not with ${mdText(awardTitles(tier, a.exclusiveOf))}`);
  return parts.join(', ');
}

function awardSection(c: Ctx, t: TierResult, all: Collected, out: string[]): void {
  const { lang } = c;
  const vi = lang === 'vi';
  const tier = t.tier;
  if (!tier.awards.length) return;
  out.push(`### ${vi ? 'Đề nghị khen thưởng' : 'Awards proposed'}`, '');
  for (const a of tier.awards) {
    const got = all.awards.get(a.id)!;
    const names = got.list.map((u) => `${mdText(u.name)} (${mdText(u.id)})${decisionsOf(t, u).some((d) => d.award === a.id && d.grant) ? (vi ? ' — Hội đồng quyết định' : ' — decided by the council') : ''}`);
    if (got.n > got.list.length) names.push(more(got.n - got.list.length, lang));
    out.push(`- **${mdText(a.title)}** (${quotaText(c, tier, a)}): ${countText(got.n, lang)}${got.n ? ` — ${names.join('; ')}` : ''}`);
  }
  out.push('');
  const ties = tier.awards.map((a) => ({ a, tied: all.ties.get(a.id)! })).filter((x) => x.tied.n);
  if (ties.length) {
    out.push(`### ${vi ? 'Đồng hạng ở ngưỡng khen thưởng — Hội đồng quyết định' : 'Ties at the edge of an award — for the board to decide'}`, '');
    for (const { a, tied } of ties) {
      const names = tied.list.map((u) => `${mdText(u.name)} (${mdText(u.id)}${u.block ? `, ${mdText(u.block)}` : ''}, ${vi ? 'hạng' : 'rank'} ${u.rank ?? '–'}, ${u.total === null ? '–' : pointsText(u.total, lang)})`);
      if (tied.n > tied.list.length) names.push(more(tied.n - tied.list.length, lang));
      out.push(`- **${mdText(a.title)}**: ${names.join('; ')}`);
    }
    out.push('');
  }
  // the council's decisions, each with its reason (SPEC §12)
  const decided = t.awardLists.flatMap((l) => l.decided ?? []);
  if (decided.length) {
    const name = new Map<string, string>();
    for (const d of decided) name.set(d.unit, '');
    for (const u of t.units) if (name.has(u.id)) name.set(u.id, u.name);
    out.push(`### ${vi ? 'Quyết định của Hội đồng Thi đua – Khen thưởng' : "The emulation council's decisions"}`, '');
    for (const d of decided) out.push(`- ${mdText(name.get(d.unit) ?? '')} (${mdText(d.unit)}): ${mdText(decisionText(tier, d, lang))}`);
    out.push('');
  }
}

/** Per tag family, the average share of the tag's highest points that scored units reached. */
function tagSection(c: Ctx, t: TierResult, all: Collected, out: string[]): void {
  const { lang, m } = c;
  const vi = lang === 'vi';
  const families = m.criteria.tags ?? {};
  const tier = t.tier;
  const n = all.scored;
  const sections: string[] = [];
  for (const [fam, def] of Object.entries(families)) {
    const max = new Map<string, number>();
    const sum = new Map<string, number>();
    tier.items.forEach((it, i) => {
      // only capped regular items: an uncapped item has no share
      const v = it.tags[fam];
      if (v === undefined || it.kind !== 'regular' || it.maxPoints === null) return;
      max.set(v, (max.get(v) ?? 0) + it.maxPoints);
      sum.set(v, (sum.get(v) ?? 0) + all.itemSums[i]!);
    });
    if (!max.size) continue;
    const order = [...def.values.map((v) => v.id).filter((id) => max.has(id)), ...[...max.keys()].filter((k) => !def.values.some((v) => v.id === k)).sort()];
    sections.push(`**${mdText(def.title)}**`, '');
    sections.push(row([vi ? 'Nhãn' : 'Tag', c.w.maxPoints, c.w.mean, vi ? 'Tỷ lệ trung bình' : 'Average share']), '| --- | ---: | ---: | ---: |');
    for (const id of order) {
      const title = def.values.find((v) => v.id === id)?.title;
      const mx = max.get(id)!;
      const sm = sum.get(id) ?? 0;
      sections.push(
        row([
          `${mdText(id)}${title ? ` – ${mdText(title)}` : ''}`,
          pointsText(mx, lang),
          n ? pointsText(Math.round(sm / n), lang) : '–',
          n && mx > 0 ? percentText(sm, n * mx, lang) : '–',
        ]),
      );
    }
    sections.push('');
  }
  if (!sections.length) return;
  out.push(`### ${vi ? 'Tỷ lệ điểm đạt được theo nhãn' : 'Share of points by tag'}`, '', ...sections);
}

function howScored(m: ReportModel, lang: Lang, withPrevious: boolean, out: string[]): void {
  const vi = lang === 'vi';
  out.push(`## ${vi ? 'Cách chấm điểm' : 'How it was scored'}`, '');
  const general = vi
    ? [
        'Điểm là số thập phân chính xác: điểm của từng tiêu chí được làm tròn nửa lên (0,005 → 0,01) đến 2 chữ số thập phân, một lần; mọi phép cộng sau đó là chính xác.',
        'Điểm của nhóm là tổng điểm các tiêu chí con, không vượt điểm tối đa của nhóm. Tổng điểm = các nhóm chính + điểm thưởng (không vượt mức tối đa) − điểm trừ (không vượt mức tối đa), không dưới 0.',
        'Điểm thẩm định, khi được ghi, thay cho điểm tính được của tiêu chí đó; điểm tự chấm chỉ để đối chiếu.',
        'Ô bỏ trống tính 0 điểm (kèm cảnh báo); tiêu chí bắt buộc bỏ trống hoặc 0 điểm là không đạt.',
        'Xếp loại: mức cao nhất mà tổng điểm đạt ngưỡng và, nếu mức có yêu cầu, mỗi nhóm tiêu chí chính đạt tỷ lệ tối thiểu so với điểm tối đa của nhóm; đơn vị không đạt tiêu chí bắt buộc không được xếp cao hơn mức trần.',
        'Xếp hạng theo tổng điểm từ cao xuống, rồi lần lượt theo các tiêu chí phân định; bằng nhau hoàn toàn thì đồng hạng (1, 2, 2, 4) và được liệt kê theo thứ tự chữ cái tên đơn vị.',
        'Khen thưởng chỉ là đề nghị: xét theo thứ tự, chọn các đơn vị xếp hạng cao nhất đạt xếp loại tối thiểu và không vi phạm tiêu chí bắt buộc; đơn vị đồng hạng vắt qua chỉ tiêu không được đề nghị tự động mà được nêu để Hội đồng quyết định.',
      ]
    : [
        'Points are exact decimals: each item is rounded half-up (0.005 → 0.01) to 2 decimals, once; every sum after that is exact.',
        "A group scores the sum of its items, capped at its maximum. Total = regular groups + bonus (capped) − penalty (capped), never below 0.",
        'Assessed points, where given, replace the computed points of that item; self points are only compared.',
        'A blank cell scores 0 (with a warning); a critical item that is blank or scores 0 is failed.',
        'Class: the highest band whose minimum the total reaches and, where the band asks for it, every regular group reaches its share of the group maximum; a unit that failed a critical item is classed no higher than the cap.',
        'Rank: by total, highest first, then each tie-break key in turn; units still equal share a rank (1, 2, 2, 4) and are listed alphabetically by name.',
        'Awards are proposals: in the order listed, the best-ranked units that reach the minimum class and failed no critical item; units tied across the edge of a quota get no award automatically and are listed for the board to decide.',
      ];
  if (withPrevious) {
    general.push(
      vi
        ? 'So sánh với kỳ trước: Δ điểm = tổng điểm kỳ này − kỳ trước; Δ hạng = hạng kỳ trước − hạng kỳ này (dương là tăng bậc). Đơn vị đã sáp nhập được so sánh qua mã đơn vị kế thừa (successor trong danh sách đơn vị); khi nhiều đơn vị gộp vào một, lấy kết quả cao nhất của kỳ trước.'
        : 'Compared with the earlier phase: Δ total = this total − the earlier one; Δ rank = earlier rank − this rank (positive: moved up). Merged units are followed through their successor in the units file; when several merged into one, the best earlier result is used.',
    );
  }
  for (const g of general) out.push(`- ${g}`);
  out.push('');
  for (const t of m.tiers) {
    const tier = t.tier;
    out.push(`**${mdText(tier.title)}**`, '');
    const classes = tier.classes
      .map((cl) => {
        const floor = cl.minShareEach ? (vi ? `, mỗi nhóm chính ≥ ${decText(mul(cl.minShareEach, dec(100)), lang)} % điểm tối đa` : `, every regular group ≥ ${decText(mul(cl.minShareEach, dec(100)), lang)}% of its max`) : '';
        return `${mdText(cl.title)} (${vi ? 'từ' : 'from'} ${pointsText(cl.min, lang)} ${vi ? 'điểm' : 'points'}${floor})`;
      })
      .join('; ');
    out.push(`- ${vi ? 'Xếp loại' : 'Classes'}: ${classes}.`);
    const critical = tier.items.filter((it) => it.critical);
    if (critical.length) {
      const cap = tier.criticalCap ? classTitle(tier, tier.criticalCap) : null;
      const then: string[] = [];
      if (cap) then.push(vi ? `xếp loại không cao hơn "${mdText(cap)}"` : `is classed no higher than "${mdText(cap)}"`);
      if (tier.awards.length) then.push(vi ? 'không được đề nghị khen thưởng' : 'gets no award');
      const consequence = then.length ? (vi ? ` — đơn vị không đạt thì ${then.join(' và ')}` : ` — a unit that fails one ${then.join(' and ')}`) : '';
      out.push(`- ${vi ? 'Tiêu chí bắt buộc' : 'Critical items'}: ${critical.map((it) => `${mdText(it.id)} (${mdText(it.title)})`).join('; ')}${consequence}.`);
    }
    const keys = tier.tieBreak.map((k) => {
      if (k === 'fewer_penalty') return vi ? 'ít điểm trừ hơn' : 'fewer penalty points';
      if (k.startsWith('group:')) {
        const g = tier.groupById.get(k.slice(6));
        return `${vi ? 'điểm nhóm' : 'group'} ${mdText(k.slice(6))}${g ? ` (${mdText(g.title)})` : ''}`;
      }
      const it = tier.itemById.get(k.slice(5));
      return `${vi ? 'điểm tiêu chí' : 'item'} ${mdText(k.slice(5))}${it ? ` (${mdText(it.title)})` : ''}`;
    });
    out.push(`- ${vi ? 'Xếp hạng' : 'Ranks'}: ${tier.rankBy === 'block' ? (vi ? 'trong từng khối' : 'within each block') : vi ? 'toàn đối tượng' : 'across the tier'}${keys.length ? (vi ? `; khi bằng điểm xét ${keys.join(', rồi ')}` : `; equal totals are separated by ${keys.join(', then ')}`) : ''}.`);
    const c: Ctx = { m, lang, w: words(lang), prev: null, errors: new Map() };
    for (const a of tier.awards) out.push(`- ${mdText(a.title)}: ${quotaText(c, tier, a)}.`);
    out.push('');
  }
}
