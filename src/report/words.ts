import type { PhaseItem, PhaseTier } from '../criteria/model.js';
import type { Lang } from '../diagnostics/messages.js';
import type { UnitStatus } from '../scoring/types.js';
import { formatHundredths, toNumber, type Dec } from '../util/decimal.js';
import { caseHeld } from '../scoring/rules.js';

/**
 * Wording shared by results.xlsx and summary.md, in Vietnamese and English. One table per
 * language with the same keys, so a missing translation is a type error.
 */
const VI = {
  summarySheet: 'Tổng hợp',
  rankingSheet: 'Xếp hạng',
  groupSheet: 'Điểm nhóm',
  awardListSheet: 'Khen thưởng',
  detailsSheet: 'Chi tiết',
  problemsSheet: 'Lỗi và cảnh báo',
  auditSheet: 'Kiểm tra',
  phase: 'Giai đoạn',
  date: 'Ngày báo cáo',
  issuer: 'Cơ quan ban hành',
  tier: 'Đối tượng',
  tierId: 'Mã đối tượng',
  tierTitle: 'Tên đối tượng',
  block: 'Khối',
  noBlock: '(không thuộc khối)',
  wholeTier: 'Cả đối tượng',
  registered: 'Đăng ký',
  submitted: 'Đã nộp',
  scored: 'Chấm được',
  rejected: 'Bị loại',
  notSubmitted: 'Chưa nộp',
  mean: 'Điểm trung bình',
  awardTiesCount: 'Đồng hạng ở ngưỡng khen (chờ quyết định)',
  rank: 'Hạng',
  unitId: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  total: 'Tổng điểm',
  deltaTotal: 'Δ điểm',
  deltaRank: 'Δ hạng',
  class: 'Xếp loại',
  awards: 'Đề nghị khen thưởng',
  awardTies: 'Đồng hạng – Hội đồng quyết định',
  criticalFailed: 'Tiêu chí bắt buộc không đạt',
  selfTotal: 'Điểm tự chấm',
  selfDiff: 'Chênh lệch (chấm − tự chấm)',
  note: 'Ghi chú',
  why: 'Giải trình xếp loại, khen thưởng',
  evidence: 'Minh chứng, ghi chú',
  moreErrors: (n: string) => `và ${n} lỗi khác`,
  max: 'tối đa',
  itemId: 'Mã tiêu chí',
  itemTitle: 'Tiêu chí',
  value: 'Số liệu báo cáo',
  rule: 'Cách tính',
  points: 'Điểm',
  selfPoints: 'Điểm tự chấm',
  assessedPoints: 'Điểm thẩm định',
  file: 'Tệp',
  sheet: 'Trang tính',
  cell: 'Ô',
  cellOrLine: 'Ô / dòng:cột',
  severity: 'Mức độ',
  code: 'Mã',
  message: 'Nội dung',
  unit: 'Đơn vị',
  error: 'Lỗi',
  warning: 'Cảnh báo',
  yes: 'Có',
  no: 'Không',
  tool: 'Công cụ',
  movement: 'Phong trào',
  criteriaFile: 'Tệp tiêu chí',
  unitsFile: 'Tệp danh sách đơn vị',
  none: '(không có)',
  noDate: '(không ghi ngày)',
  language: 'Ngôn ngữ',
  rowsRead: 'Số dòng đã đọc (mọi tệp, sau dòng tiêu đề)',
  inputs: 'Tệp phiếu đã đọc',
  countsPerTier: 'Số đơn vị vào và ra theo đối tượng',
  received: 'Nhận được',
  duplicates: 'Mục khai trùng',
  unitUnknown: 'Dòng không rõ đơn vị',
  balance: 'Nhận được = chấm được + bị loại',
  diagnosticCounts: 'Số lỗi và cảnh báo theo mã',
  count: 'Số lần',
  ok: 'Khớp',
  mismatch: 'KHÔNG KHỚP',
  previous: 'Kết quả kỳ trước',
  comparedWith: 'So với kỳ trước',
  detailsCapped: (shown: string, all: string) => `Chỉ ghi ${shown} dòng đầu trong tổng số ${all} dòng (danh sách quá lớn); số liệu đầy đủ của từng đơn vị có trong results.json.`,
  rowsCapped: (shown: string, all: string) => `Chỉ ghi ${shown} dòng đầu trong tổng số ${all} dòng; danh sách đầy đủ có trong results.json.`,
  statusWord: { scored: 'Đã chấm', rejected: 'Bị loại', not_submitted: 'Chưa nộp' } as Record<UnitStatus, string>,
  rankByBlock: 'xếp hạng trong từng khối',
  rankByTier: 'xếp hạng toàn đối tượng',
  maxPoints: 'Điểm tối đa',
} as const;

type Words = { [K in keyof typeof VI]: (typeof VI)[K] extends (...a: infer A) => string ? (...a: A) => string : (typeof VI)[K] extends Record<UnitStatus, string> ? Record<UnitStatus, string> : string };

const EN: Words = {
  summarySheet: 'Summary',
  rankingSheet: 'Ranking',
  groupSheet: 'Group points',
  awardListSheet: 'Awards',
  detailsSheet: 'Details',
  problemsSheet: 'Problems',
  auditSheet: 'Audit',
  phase: 'Phase',
  date: 'Report date',
  issuer: 'Issued by',
  tier: 'Tier',
  tierId: 'Tier id',
  tierTitle: 'Tier',
  block: 'Block',
  noBlock: '(no block)',
  wholeTier: 'Whole tier',
  registered: 'Registered',
  submitted: 'Submitted',
  scored: 'Scored',
  rejected: 'Rejected',
  notSubmitted: 'Not submitted',
  mean: 'Mean total',
  awardTiesCount: 'Tied at an award edge (board decides)',
  rank: 'Rank',
  unitId: 'Unit id',
  unitName: 'Unit',
  total: 'Total',
  deltaTotal: 'Δ total',
  deltaRank: 'Δ rank',
  class: 'Class',
  awards: 'Awards proposed',
  awardTies: 'Tied – for the board',
  criticalFailed: 'Critical items failed',
  selfTotal: 'Self-assessed total',
  selfDiff: 'Difference (computed − self)',
  note: 'Note',
  why: 'Why this class and these awards',
  evidence: 'Evidence, notes',
  moreErrors: (n: string) => `and ${n} more errors`,
  max: 'max',
  itemId: 'Item id',
  itemTitle: 'Item',
  value: 'Value reported',
  rule: 'Rule applied',
  points: 'Points',
  selfPoints: 'Self points',
  assessedPoints: 'Assessed points',
  file: 'File',
  sheet: 'Sheet',
  cell: 'Cell',
  cellOrLine: 'Cell / line:column',
  severity: 'Severity',
  code: 'Code',
  message: 'Message',
  unit: 'Unit',
  error: 'Error',
  warning: 'Warning',
  yes: 'Yes',
  no: 'No',
  tool: 'Tool',
  movement: 'Movement',
  criteriaFile: 'Criteria file',
  unitsFile: 'Units file',
  none: '(none)',
  noDate: '(no date)',
  language: 'Language',
  rowsRead: 'Rows read (all files, below the header row)',
  inputs: 'Submission files read',
  countsPerTier: 'Units in and out per tier',
  received: 'Received',
  duplicates: 'Duplicate entries',
  unitUnknown: 'Rows with no unit id',
  balance: 'Received = scored + rejected',
  diagnosticCounts: 'Problems by code',
  count: 'Count',
  ok: 'OK',
  mismatch: 'MISMATCH',
  previous: 'Earlier results',
  comparedWith: 'Compared with',
  detailsCapped: (shown: string, all: string) => `Only the first ${shown} of ${all} rows are listed (too many); every unit's figures are in results.json.`,
  rowsCapped: (shown: string, all: string) => `Only the first ${shown} of ${all} rows are listed; the full list is in results.json.`,
  statusWord: { scored: 'Scored', rejected: 'Rejected', not_submitted: 'Not submitted' },
  rankByBlock: 'ranked within each block',
  rankByTier: 'ranked across the tier',
  maxPoints: 'Maximum',
};

/** The wording table of a language. */
export function words(lang: Lang): Words {
  return lang === 'vi' ? (VI as unknown as Words) : EN;
}

/** Points (integer hundredths) as a clerk reads them: `92,5` in Vietnamese, `92.5` in English. */
export function pointsText(h: number, lang: Lang): string {
  return formatHundredths(h, lang === 'vi' ? ',' : '.');
}

/** A change in points with its sign: `+1,5`, `-2`, `0`. */
export function deltaPointsText(h: number, lang: Lang): string {
  return h > 0 ? `+${pointsText(h, lang)}` : pointsText(h, lang);
}

/** A change in rank with its sign (positive: moved up). */
export function deltaRankText(d: number): string {
  return d > 0 ? `+${d}` : String(d);
}

/** A whole count with thousands grouped: `1.234.567` in Vietnamese, `1,234,567` in English. */
export function countText(n: number, lang: Lang): string {
  const s = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return n < 0 ? `-${s}` : s;
}

/** A plain number (a reported value) with the language's decimal separator. */
export function numberText(v: number, lang: Lang): string {
  const s = String(v);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** An exact decimal of a rule. */
export function decText(d: Dec, lang: Lang): string {
  return numberText(toNumber(d), lang);
}

/** A share as a percentage with one decimal: `85,3 %` / `85.3%`. `num/den` with den > 0. */
export function percentText(num: number, den: number, lang: Lang): string {
  const t = Math.floor((num * 1000) / den + 0.5);
  const body = `${Math.trunc(t / 10)}${t % 10 ? `${lang === 'vi' ? ',' : '.'}${t % 10}` : ''}`;
  return lang === 'vi' ? `${body} %` : `${body}%`;
}

/** Title of a class of a tier, or its id when unknown. */
export function classTitle(tier: PhaseTier, id: string | null): string {
  if (id === null) return '';
  return tier.classes.find((c) => c.id === id)?.title ?? id;
}

/** Titles of awards of a tier, joined. */
export function awardTitles(tier: PhaseTier, ids: readonly string[]): string {
  return ids.map((a) => tier.awards.find((x) => x.id === a)?.title ?? a).join('; ');
}

/** A reported value as shown: Có/Không for yes/no, the number otherwise; '' when blank. */
export function valueText(item: PhaseItem, v: number, lang: Lang): string {
  if (Number.isNaN(v)) return '';
  if (item.input === 'yes_no') return v ? words(lang).yes : words(lang).no;
  // a choice is stored as its index: a person reads its title
  if (item.rule.kind === 'choice') return item.rule.titles[v] ?? '';
  return numberText(v, lang);
}

/**
 * A `cases` rule applied to a unit's values, in words: the case that held (`2.a ≤ 2, 2.b ≤ 0
 * → 6`), `không trường hợp nào → 0`, or the blank it needed. `values[base + i]` is item i's.
 */
export function casesText(item: PhaseItem, values: ArrayLike<number>, base: number, lang: Lang): string {
  const vi = lang === 'vi';
  const r = item.rule;
  if (r.kind !== 'cases') return '';
  const d = (x: Dec): string => decText(x, lang);
  const n = (x: number): string => numberText(x, lang);
  const held = caseHeld(r, values, base);
  if (held.blank !== undefined) return vi ? `${held.blank} bỏ trống → 0` : `${held.blank} blank → 0`;
  const c = r.cases[held.index];
  if (c) {
    const conds = c.when.map((w) => {
      const parts: string[] = [];
      if (w.equals !== undefined) parts.push(`${w.item} = ${w.equalsText ?? (w.equalsYesNo ? (w.equals ? words(lang).yes : words(lang).no) : n(w.equals))}`);
      if (w.min !== undefined) parts.push(`${w.item} ≥ ${n(w.min)}`);
      if (w.max !== undefined) parts.push(`${w.item} ≤ ${n(w.max)}`);
      return parts.join(', ');
    });
    return `${conds.length ? conds.join(', ') : vi ? 'mọi trường hợp' : 'otherwise'} → ${d(c.points)}`;
  }
  return vi ? 'không trường hợp nào → 0' : 'no case holds → 0';
}

/**
 * The rule applied to one value, in words: `30 × 85,5 / 90` (linear), `bậc ≥ 60 → 15`
 * (steps), `4 × 5 (tối đa 25)` (per_item), `Có → 20` (yes/no), `thẩm định` when assessed
 * points replaced the computed ones.
 */
export function ruleText(item: PhaseItem, value: number, assessedUsed: boolean, lang: Lang, values?: ArrayLike<number>): string {
  const vi = lang === 'vi';
  const d = (x: Dec): string => decText(x, lang);
  const n = (x: number): string => numberText(x, lang);
  if (assessedUsed) return vi ? 'thẩm định' : 'assessed by the board';
  const r = item.rule;
  // a computed item has no value of its own: the case that held is its rule text
  if (r.kind === 'cases') return values ? casesText(item, values, 0, lang) : vi ? 'tính từ các tiêu chí khác' : 'computed from other items';
  if (r.kind === 'info') return vi ? 'chỉ ghi nhận, không tính điểm' : 'recorded, not scored';
  if (Number.isNaN(value)) return vi ? 'bỏ trống → 0' : 'blank → 0';
  switch (r.kind) {
    case 'points':
      return value ? `${words(lang).yes} → ${d(r.points)}` : `${words(lang).no} → 0`;
    case 'steps': {
      const s = r.steps.find((x) => value >= toNumber(x.bound));
      if (s) return `${vi ? 'bậc' : 'step'} ≥ ${d(s.bound)} → ${d(s.points)}`;
      const low = r.steps[r.steps.length - 1];
      return low ? `${vi ? 'dưới' : 'below'} ${d(low.bound)} → 0` : '0';
    }
    case 'steps_below': {
      const s = r.steps.find((x) => value <= toNumber(x.bound));
      if (s) return `${vi ? 'bậc' : 'step'} ≤ ${d(s.bound)} → ${d(s.points)}`;
      const high = r.steps[r.steps.length - 1];
      return high ? `${vi ? 'trên' : 'above'} ${d(high.bound)} → 0` : '0';
    }
    case 'linear': {
      if (r.zeroBelow && value < toNumber(r.zeroBelow)) return `${vi ? 'dưới' : 'below'} ${d(r.zeroBelow)} → 0`;
      if (value >= toNumber(r.target)) return `${vi ? 'đạt mục tiêu' : 'target'} ${d(r.target)}${vi ? '' : ' reached'} → ${d(r.points)}`;
      return `${d(r.points)} × ${n(Math.max(value, 0))} / ${d(r.target)}`;
    }
    case 'per_item':
      return `${n(Math.max(value, 0))} × ${d(r.points)}${r.max ? ` (${words(lang).max} ${d(r.max)})` : ''}`;
    case 'assessed':
      return vi ? `chấm trực tiếp (tối đa ${d(r.max)})` : `points given directly (max ${d(r.max)})`;
    case 'choice':
      return `${r.titles[value] ?? ''} → ${r.points[value] ? d(r.points[value]) : '0'}`;
  }
}
