import type { PhaseTier } from '../criteria/model.js';
import type { Lang } from '../diagnostics/messages.js';
import type { DecidedAward, ScoredUnit, TierResult } from '../scoring/types.js';
import { awardTitles } from './words.js';

/** The council's decisions on a unit, or none. */
export function decisionsOf(t: TierResult, u: ScoredUnit): readonly DecidedAward[] {
  return t.decisions?.get(u.id) ?? NONE;
}
const NONE: readonly DecidedAward[] = Object.freeze([]);

/** One decision in words: "Hội đồng quyết định khen thưởng Cờ thi đua …: <reason>". */
export function decisionText(tier: PhaseTier, d: DecidedAward, lang: Lang): string {
  const award = awardTitles(tier, [d.award]);
  if (lang === 'vi') return `Hội đồng quyết định ${d.grant ? 'khen thưởng' : 'không khen thưởng'} ${award}: ${d.reason}`;
  return `The council decided ${d.grant ? 'to grant' : 'not to grant'} ${award}: ${d.reason}`;
}

/** Every decision of a unit in words, joined. */
export function decisionsText(tier: PhaseTier, ds: readonly DecidedAward[], lang: Lang, sep = '; '): string {
  return ds.map((d) => decisionText(tier, d, lang)).join(sep);
}

/**
 * A unit's awards as a person reads them: each title, marked "(Hội đồng quyết định)" where
 * the council granted it, the others being proposals.
 */
export function awardsText(tier: PhaseTier, awards: readonly string[], decided: readonly DecidedAward[], lang: Lang): string {
  const mark = lang === 'vi' ? ' (Hội đồng quyết định)' : ' (decided by the council)';
  return awards.map((a) => `${awardTitles(tier, [a])}${decided.some((d) => d.award === a && d.grant) ? mark : ''}`).join(', ');
}

/** Proposed or decided, for one unit and award: the status column of an award list. */
export function awardStatus(d: DecidedAward | undefined, lang: Lang): string {
  if (!d) return lang === 'vi' ? 'Đề nghị' : 'Proposed';
  if (lang === 'vi') return d.grant ? 'Hội đồng quyết định khen thưởng' : 'Hội đồng quyết định không khen thưởng';
  return d.grant ? 'Granted by the council' : 'Withheld by the council';
}

/** YYYY-MM-DD as a person reads it: dd/mm/yyyy in Vietnamese (SPEC §13), as given in English. */
export function dateText(iso: string | null, lang: Lang): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * The place-and-date line of a document (Decree 30/2020): "Gia Lai, ngày 05 tháng 01 năm
 * 2026" (day under 10 and months 1–2 with a leading zero), or dotted blanks to fill by hand.
 */
export function placeDateLine(place: string | undefined, iso: string | null, lang: Lang): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (lang === 'vi') {
    const where = place ?? '…………';
    if (!m) return `${where}, ngày …… tháng …… năm ……`;
    const month = Number(m[2]);
    return `${where}, ngày ${m[3]} tháng ${month <= 2 ? m[2] : String(month)} năm ${m[1]}`;
  }
  if (!m) return `${place ?? '…………'}, …… / …… / ……`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${place ? `${place}, ` : ''}${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}
