// Makes the submissions of the second bundled example (examples/doan-thanh-nien/submissions/n2024/)
// from its criteria and units through `thidua template`'s own code. Run after `npm run build`:
// `node scripts/make-example-doan.mjs`.
//
// Each unit is written by hand to show one thing a Huyện đoàn's secretariat checks (see the
// example's README.md): a level picked in the drop-down, typed by its id, or typed without
// diacritics; reports missing that cost points by the table's cases; a class withheld by one of
// its conditions (a member disciplined, no yearly programme, too few points in criterion 2);
// a blank figure that a case needs. Self points are what the rules give, except where noted.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCriteria } from '../dist/criteria/load.js';
import { resolveTier } from '../dist/criteria/model.js';
import { scoreUnit } from '../dist/scoring/score.js';
import { loadUnits } from '../dist/units/load.js';
import { makeTemplates } from '../dist/template/template.js';
import { writeWorkbook } from '../dist/workbook/write/index.js';

const DIR = 'examples/doan-thanh-nien';
const PHASE = 'n2024';
const { criteria } = loadCriteria(readFileSync(join(DIR, 'criteria.yaml')), 'criteria.yaml');
const { units } = loadUnits(readFileSync(join(DIR, 'units.yaml')), 'units.yaml');

/**
 * What each unit writes in its form, item by item: a choice as the text typed in the cell
 * (`{ id, typed }`: the level's id for scoring here, the text the clerk typed), numbers as
 * numbers, yes/no as Có/Không, undefined for a blank cell.
 */
const FORMS = {
  // every condition met: Vững mạnh xuất sắc, with a bonus on top of 100
  X01: { '1.1': { id: 'du', typed: 'Có chương trình năm và hội nghị triển khai cho 100% chi đoàn' }, '1.2': 96, '1.3': 6, '2.1': 3, '2.2': 85, '2.3': { id: 'mo_hinh', typed: 'mo_hinh' }, '3.1': 97, '3.2': 0, '3.3': 0, '3.5': 'Có', '3.6': 14, 'T.1': 1, 'D.1': 0 },
  // 92,75 points, but one member disciplined: Vững mạnh (requires: no deduction); typed without diacritics
  X02: { '1.1': { id: 'du', typed: 'CO CHUONG TRINH NAM VA HOI NGHI TRIEN KHAI CHO 100% CHI DOAN' }, '1.2': 92, '1.3': 5, '2.1': 3, '2.2': 78, '2.3': { id: 'mo_hinh', typed: 'Có mô hình được Huyện đoàn công nhận' }, '3.1': 96, '3.2': 1, '3.3': 0, '3.5': 'Có', '3.6': 15, 'T.1': 0, 'D.1': 1 },
  // 93 points without a yearly programme (1.1 at 0): Vững mạnh
  X03: { '1.1': { id: 'khong', typed: 'Không xây dựng chương trình năm' }, '1.2': 95, '1.3': 5, '2.1': 4, '2.2': 90, '2.3': { id: 'mo_hinh', typed: 'Có mô hình được Huyện đoàn công nhận' }, '3.1': 98, '3.2': 0, '3.3': 0, '3.5': 'Có', '3.6': 13, 'T.1': 0, 'D.1': 0 },
  // 3 monthly and 1 quarterly report missing: 4 points for 3.4, where the unit claimed 8
  X04: { '1.1': { id: 'ct', typed: 'co chuong trinh nam, khong to chuc hoi nghi' }, '1.2': 80, '1.3': 3, '2.1': 2, '2.2': 60, '2.3': { id: 'co', typed: 'Có hoạt động, chưa có mô hình' }, '3.1': 90, '3.2': 3, '3.3': 1, '3.5': 'Có', '3.6': 12, 'T.1': 0, 'D.1': 0 },
  // 89,75 points, but criterion 2 at 56 % of its maximum: Khá (Vững mạnh asks 70 %)
  X05: { '1.1': { id: 'du', typed: 'du' }, '1.2': 95, '1.3': 5, '2.1': 1, '2.2': 70, '2.3': { id: 'co', typed: 'Có hoạt động, chưa có mô hình' }, '3.1': 96, '3.2': 0, '3.3': 0, '3.5': 'Có', '3.6': 15, 'T.1': 2, 'D.1': 0 },
  // the quarterly reports left blank: missing-value, and 3.4 scores 0
  X06: { '1.1': { id: 'du', typed: 'Có chương trình năm và hội nghị triển khai cho 100% chi đoàn' }, '1.2': 88, '1.3': 4, '2.1': 2, '2.2': 75, '2.3': { id: 'co', typed: 'Có hoạt động, chưa có mô hình' }, '3.1': 92, '3.2': 1, '3.3': undefined, '3.5': 'Có', '3.6': 12, 'T.1': 0, 'D.1': 0 },
  K01: { '1.1': { id: 'du', typed: 'du' }, '1.2': 100, '1.3': 7, '2.1': 2, '2.2': 95, '2.3': { id: 'mo_hinh', typed: 'Có mô hình được Huyện đoàn công nhận' }, '3.1': 100, '3.2': 0, '3.3': 0, '3.5': 'Có', '3.6': 14, 'T.1': 0, 'D.1': 0 },
  K02: { '1.1': { id: 'ct', typed: 'Có chương trình năm, không tổ chức hội nghị' }, '1.2': 85, '1.3': 2, '2.1': 1, '2.2': 50, '2.3': { id: 'chua', typed: 'CHUA TRIEN KHAI' }, '3.1': 88, '3.2': 2, '3.3': 0, '3.5': 'Không', '3.6': 10, 'T.1': 0, 'D.1': 0 },
  // 4 monthly reports missing: no case holds, 3.4 scores 0; still Vững mạnh at 80
  K03: { '1.1': { id: 'du', typed: 'Có chương trình năm và hội nghị triển khai cho 100% chi đoàn' }, '1.2': 97, '1.3': 4, '2.1': 2, '2.2': 80, '2.3': { id: 'co', typed: 'co' }, '3.1': 95, '3.2': 4, '3.3': 0, '3.5': 'Có', '3.6': 14, 'T.1': 0, 'D.1': 0 },
};
/** Self points that differ from the rules' (a unit claiming more than it gets). */
const CLAIMS = { X04: { '3.4': 8 } };
/** Evidence notes (Minh chứng, ghi chú). */
const NOTES = { X04: { '3.2': 'Thiếu báo cáo tháng 3, 7 và 11' }, X02: { 'D.1': 'Đoàn viên Nguyễn Văn A bị khiển trách (QĐ số 12-QĐ/ĐTN)' } };

/** The points the rules give each item, to fill in the self points the way a careful unit does. */
function computed(tier, form) {
  const values = new Float64Array(tier.items.length).fill(NaN);
  tier.items.forEach((it, i) => {
    const v = form[it.id];
    if (v === undefined) return;
    if (typeof v === 'object') values[i] = it.rule.ids.indexOf(v.id);
    else if (v === 'Có' || v === 'Không') values[i] = v === 'Có' ? 1 : 0;
    else values[i] = v;
  });
  const u = scoreUnit(tier, { id: 'u', name: 'u', block: '', values, assessed: null, self: null, selfTotal: null, errors: [], source: null });
  return new Map(tier.items.map((it, i) => [it.id, u.points[i] / 100]));
}

rmSync(join(DIR, 'submissions'), { recursive: true, force: true });
for (const def of criteria.tiers) {
  const tier = resolveTier(criteria, def, PHASE);
  const out = join(DIR, 'submissions', PHASE, def.id);
  mkdirSync(out, { recursive: true });
  const regs = units.filter((u) => u.tier === def.id);
  const files = makeTemplates({
    criteria, tier: def.id, phase: PHASE, units: regs, lang: 'vi', date: new Date('2024-12-01T00:00:00Z'),
    fill: {
      form: (unit, item) => {
        const form = FORMS[unit];
        const v = form?.[item.id];
        // info items ask no self points; a computed item's self points are the unit's claim like any other
        const self = item.info ? null : (CLAIMS[unit]?.[item.id] ?? computed(tier, form).get(item.id));
        return { value: v === undefined ? null : typeof v === 'object' ? v.typed : v, self };
      },
    },
  });
  for (const f of files) {
    const unit = f.name.split(' - ')[0];
    const notes = NOTES[unit] ?? {};
    for (const row of f.model.sheets[0].rows) {
      const id = row.cells?.[0]?.value;
      if (typeof id === 'string' && notes[id]) row.cells[6] = { ...row.cells[6], value: notes[id] };
    }
    writeFileSync(join(out, f.name), writeWorkbook(f.model));
  }
}
console.log('example submissions written');
