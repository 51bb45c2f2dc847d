import type { ScoredUnit, TierResult } from '../../scoring/types.js';
import { type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { classTitle } from '../words.js';
import { awardStatus } from '../decision-words.js';
import { HEAD, TITLE, SUBTITLE, SECTION, NOTE, WRAPPED, txt, num, pts, headerHeight, fitRow, printSetup, SheetNames, type Words } from './common.js';
import { signatureRows } from './ranking-sheet.js';

/**
 * The "Khen thưởng – <tier> – <award>" sheets: the list of units proposed for each award.
 */

// ---------------------------------------------------------------- Danh sách đề nghị khen thưởng

/**
 * One sheet per award of a tier (issue 19): the units that hold it — proposed, or granted by
 * the council — and those the council withheld it from or that tie at the quota's edge, by
 * block, with STT, unit, block, points, class, rank, proposed / decided and the reason; then
 * the date and signature block.
 */
export function awardListSheets(m: ReportModel, w: Words, names: SheetNames, t: TierResult): SheetModel[] {
  const lang = m.meta.lang;
  const vi = lang === 'vi';
  const tier = t.tier;
  const L = WRAPPED;
  const byId = new Map<string, ScoredUnit>();
  for (const u of t.units) if (u.status === 'scored') byId.set(u.id, u);
  const head = [vi ? 'STT' : 'No.', w.unitId, w.unitName, w.block, w.total, w.class, w.rank, vi ? 'Đề nghị / Quyết định' : 'Proposed / decided', vi ? 'Lý do' : 'Reason'];
  const widths = [6, 12, 32, 20, 9, 20, 7, 22, 36];
  const out: SheetModel[] = [];
  for (const a of tier.awards) {
    const rows: RowModel[] = [
      { cells: [{ value: vi ? 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG' : 'LIST OF UNITS PROPOSED FOR AWARDS', style: TITLE }], height: 22 },
      [{ value: `${a.title} – ${tier.title} (${tier.id})`, style: SECTION }],
      [{ value: `${w.phase}: ${m.criteria.phases.find((p) => p.id === m.meta.phase)?.title ?? m.meta.phase}`, style: SUBTITLE }],
      { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) },
    ];
    let n = 0;
    for (const l of t.awardLists) {
      if (l.award !== a.id) continue;
      const decided = new Map((l.decided ?? []).map((d) => [d.unit, d]));
      const listed: [string, string, string][] = [];
      for (const id of l.units) {
        const d = decided.get(id);
        listed.push([id, awardStatus(d, lang), d?.reason ?? '']);
      }
      for (const d of l.decided ?? []) if (!d.grant) listed.push([d.unit, awardStatus(d, lang), d.reason]);
      for (const id of l.ties) listed.push([id, w.awardTies, vi ? 'Bằng điểm tại ranh giới chỉ tiêu' : 'Tied at the edge of the quota']);
      for (const [id, status, reason] of listed) {
        const u = byId.get(id);
        if (!u) continue;
        rows.push(fitRow([num(++n, L.center), txt(u.id, L.text), txt(u.name, L.text), txt(u.block || w.noBlock, L.text), pts(u.total, L.pts), txt(classTitle(tier, u.classId), L.text), num(u.rank, L.center), txt(status, L.text), txt(reason, L.text)], widths));
      }
    }
    if (n === 0) rows.push([{ value: vi ? 'Không có đơn vị nào.' : 'No unit.', style: NOTE }]);
    rows.push(...signatureRows(m, head.length));
    out.push({
      name: names.take(`${w.awardListSheet} – ${tier.id} – ${a.id}`),
      columns: widths.map((x) => ({ width: x })),
      rows,
      view: { showGridLines: false },
      print: { ...printSetup(m, `${a.title} – ${tier.id}`, 'landscape', [4, 4]), fitToWidth: 1, fitToHeight: 0 },
    });
  }
  return out;
}
