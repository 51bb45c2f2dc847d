import type { PhaseTier } from '../criteria/model.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Why } from '../scoring/explain.js';
import { awardTitles, classTitle, numberText } from './words.js';

/** A percentage as a clerk reads it: `69,6 %` in Vietnamese, `69.6%` in English. */
function pct(v: number, lang: Lang): string {
  return lang === 'vi' ? `${numberText(v, lang)} %` : `${numberText(v, lang)}%`;
}

function groupName(tier: PhaseTier, id: string, lang: Lang): string {
  const g = tier.groupById.get(id);
  const word = lang === 'vi' ? 'Nhóm' : 'Group';
  return g && g.title ? `${word} ${id} (${g.title})` : `${word} ${id}`;
}

const list = (ids: readonly string[]): string => ids.join(', ');

function itemTitle(tier: PhaseTier, id: string): string {
  const it = tier.itemById.get(id);
  return it && it.title ? ` (${it.title})` : '';
}

/**
 * One reason of SPEC §9 in words, with class and award titles (never ids) and numbers
 * written the language's way: "Nhóm 3 đạt 17,4/25 điểm (69,6 %), dưới mức 70 % của loại
 * Hoàn thành nhiệm vụ".
 */
export function whyMessage(tier: PhaseTier, w: Why, lang: Lang): string {
  const vi = lang === 'vi';
  const n = (x: number): string => numberText(x, lang);
  const cls = (id: string): string => classTitle(tier, id);
  const award = (id: string): string => awardTitles(tier, [id]);
  switch (w.code) {
    case 'below-share':
      return vi
        ? `${groupName(tier, w.group, lang)} đạt ${n(w.points)}/${n(w.max)} điểm (${pct(w.share, lang)}), dưới mức ${pct(w.need, lang)} của loại ${cls(w.class)}`
        : `${groupName(tier, w.group, lang)} scored ${n(w.points)}/${n(w.max)} (${pct(w.share, lang)}), under the ${pct(w.need, lang)} floor of ${cls(w.class)}`;
    case 'requirement-unmet': {
      const what = w.item !== undefined ? (vi ? `Tiêu chí ${w.item}${itemTitle(tier, w.item)}` : `Item ${w.item}${itemTitle(tier, w.item)}`) : groupName(tier, w.group!, lang);
      const penalty = w.group !== undefined && tier.groupById.get(w.group)?.kind === 'penalty';
      if (w.rule === 'min_share') {
        return vi
          ? `${what} đạt ${pct(w.points, lang)} điểm tối đa, chưa đạt mức ${pct(w.need, lang)} mà loại ${cls(w.class)} yêu cầu`
          : `${what} scored ${pct(w.points, lang)} of its maximum, under the ${pct(w.need, lang)} that ${cls(w.class)} requires`;
      }
      if (w.rule === 'max_points') {
        if (penalty) {
          return vi
            ? `${what}: bị trừ ${n(w.points)} điểm, trong khi loại ${cls(w.class)} chỉ cho phép trừ tối đa ${n(w.need)} điểm`
            : `${what}: ${n(w.points)} points deducted, where ${cls(w.class)} allows at most ${n(w.need)}`;
        }
        return vi
          ? `${what} đạt ${n(w.points)} điểm, vượt mức tối đa ${n(w.need)} điểm mà loại ${cls(w.class)} yêu cầu`
          : `${what} scored ${n(w.points)}, above the ${n(w.need)} that ${cls(w.class)} allows`;
      }
      return vi
        ? `${what} đạt ${n(w.points)} điểm, chưa đạt mức tối thiểu ${n(w.need)} điểm mà loại ${cls(w.class)} yêu cầu`
        : `${what} scored ${n(w.points)}, under the ${n(w.need)} that ${cls(w.class)} requires`;
    }
    case 'critical-cap':
      return vi
        ? `Không đạt tiêu chí bắt buộc ${list(w.items)}: xếp loại không quá ${cls(w.cap)} (theo tổng điểm là ${cls(w.class)})`
        : `Failed critical item(s) ${list(w.items)}: classed no higher than ${cls(w.cap)} (the points alone give ${cls(w.class)})`;
    case 'award-class':
      return vi ? `Chưa được đề nghị ${award(w.award)}: cần xếp loại từ ${cls(w.need)} trở lên` : `Not proposed for ${award(w.award)}: needs ${cls(w.need)} or higher`;
    case 'award-critical':
      return vi ? `Chưa được đề nghị ${award(w.award)}: không đạt tiêu chí bắt buộc ${list(w.items)}` : `Not proposed for ${award(w.award)}: failed critical item(s) ${list(w.items)}`;
    case 'award-exclusive':
      return vi ? `Không đề nghị ${award(w.award)}: đã được đề nghị ${awardTitles(tier, w.holds)}` : `Not proposed for ${award(w.award)}: already proposed for ${awardTitles(tier, w.holds)}`;
    case 'award-quota':
      return vi
        ? `Chưa được đề nghị ${award(w.award)}: chỉ tiêu của khối là ${n(w.quota)}${w.quota === 0 ? ' (số đơn vị quá ít để có chỉ tiêu)' : ''}`
        : `Not proposed for ${award(w.award)}: the block's quota is ${n(w.quota)}${w.quota === 0 ? ' (too few units for a quota)' : ''}`;
    case 'award-tie':
      return vi
        ? `Bằng điểm với ${list(w.with)} tại ranh giới chỉ tiêu ${award(w.award)}: Hội đồng quyết định`
        : `Tied with ${list(w.with)} at the edge of the quota for ${award(w.award)}: for the board to decide`;
  }
}

/** Every reason of a unit in words, one sentence each, joined for a cell or a line. */
export function whyText(tier: PhaseTier, ws: readonly Why[], lang: Lang, sep = '; '): string {
  return ws.map((w) => whyMessage(tier, w, lang)).join(sep);
}

/** The entries of `why` in results.json: the arguments, then the message. */
export function whyJson(tier: PhaseTier, ws: readonly Why[], lang: Lang): Record<string, unknown>[] {
  return ws.map((w) => ({ ...w, message: whyMessage(tier, w, lang) }));
}
