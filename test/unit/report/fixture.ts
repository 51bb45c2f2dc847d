import { resolveTier, type CriteriaFile } from '../../../src/criteria/model.js';
import type { Lang } from '../../../src/diagnostics/messages.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import type { ReportModel } from '../../../src/report/model.js';
import { rankTier, scoreUnit, unscored } from '../../../src/scoring/score.js';
import type { ScoredUnit, TierResult, UnitInput } from '../../../src/scoring/types.js';
import type { FileLayout } from '../../../src/submissions/read.js';
import type { Unit } from '../../../src/units/load.js';

/** A small criteria file: a form tier with bonus and penalty, and a roster tier ranked by block. */
export const CRITERIA: CriteriaFile = {
  format: 'thidua.criteria/v1',
  movement: { id: 'thu-nghiem', title: 'Phong trào thử nghiệm "Đơn vị học tập"', issuer: 'Hội Khuyến học' },
  phases: [
    { id: 'p0', title: 'Giai đoạn 0' },
    { id: 'p1', title: 'Giai đoạn 1 (2024–2025)' },
  ],
  tags: {
    noi_dung: {
      title: 'Nội dung trọng tâm',
      values: [
        { id: 'ND1', title: 'Tuyên truyền' },
        { id: 'ND5', title: 'Học tập suốt đời' },
      ],
    },
  },
  classes: [
    { id: 'htxs', title: 'Hoàn thành xuất sắc nhiệm vụ', min: 90, min_share_each: 0.85 },
    { id: 'ht_tot', title: 'Hoàn thành tốt nhiệm vụ', min: 80, min_share_each: 0.8 },
    { id: 'ht', title: 'Hoàn thành nhiệm vụ', min: 70, min_share_each: 0.7 },
    { id: 'kht', title: 'Không hoàn thành nhiệm vụ', min: 0 },
  ],
  tiers: [
    {
      id: 'don_vi',
      title: 'Cơ quan, đơn vị',
      layout: 'form',
      max: 100,
      critical_cap: 'ht',
      rank_by: 'tier',
      tie_break: ['group:B'],
      awards: [{ id: 'bk', title: 'Bằng khen', per_block: 1, min_class: 'htxs' }],
      criteria: [
        {
          id: 'A',
          title: 'Tổ chức thực hiện',
          tags: { noi_dung: 'ND1' },
          max: 50,
          items: [
            { id: 'A1', title: 'Có kế hoạch', input: 'yes_no', points: 20, critical: true },
            { id: 'A2', title: 'Tỷ lệ cán bộ đăng ký', input: 'percent', linear: { target: 80, points: 30 } },
          ],
        },
        {
          id: 'B',
          title: 'Kết quả',
          tags: { noi_dung: 'ND5' },
          max: 50,
          items: [
            { id: 'B1', title: 'Số lớp bồi dưỡng', input: 'count', per_item: { points: 5, max: 25 } },
            {
              id: 'B2',
              title: 'Tỷ lệ được công nhận',
              input: 'percent',
              steps: [
                { min: 90, points: 25 },
                { min: 60, points: 15 },
              ],
            },
          ],
        },
        { id: 'T', title: 'Điểm thưởng', kind: 'bonus', max: 5, items: [{ id: 'T1', title: 'Được khen cấp tỉnh', input: 'yes_no', points: 5 }] },
        { id: 'P', title: 'Điểm trừ', kind: 'penalty', max: 5, items: [{ id: 'P1', title: 'Số lần nộp chậm', input: 'count', per_item: { points: 1 } }] },
      ],
    },
    {
      id: 'ca_nhan',
      title: 'Cá nhân',
      layout: 'roster',
      max: 10,
      classes: [
        { id: 'cdht', title: 'Công dân học tập', min: 7 },
        { id: 'chua_dat', title: 'Chưa đạt', min: 0 },
      ],
      rank_by: 'block',
      criteria: [
        {
          id: 'C',
          title: 'Tiêu chí',
          max: 10,
          items: [
            { id: 'C1', title: 'Tham gia học tập', input: 'yes_no', points: 5, critical: true },
            { id: 'C2', title: 'Số khóa học', input: 'count', per_item: { points: 1, max: 5 } },
          ],
        },
      ],
    },
  ],
};

export const UNITS: Unit[] = [
  { id: 'U1', name: 'A | B', tier: 'don_vi' },
  { id: 'U2', name: '<b>x</b>', tier: 'don_vi' },
  { id: 'U3', name: '=1+1', tier: 'don_vi' },
  { id: 'U4', name: 'Sở Tài chính', tier: 'don_vi' },
  { id: 'U5', name: 'Sở Y tế', tier: 'don_vi' },
  // merged in 2025: OLD continues as U1, OLD2 as U3
  { id: 'OLD', name: 'Phòng cũ', tier: 'don_vi', phases: ['p0'], successor: 'U1' },
  { id: 'OLD2', name: 'Ban cũ', tier: 'don_vi', phases: ['p0'], successor: 'U3' },
];

/** The earlier phase's results.json: OLD (now U1) 80, rank 2; U3 itself 90 and OLD2 70. */
export const PREVIOUS = {
  format: 'thidua.results/v1',
  phase: 'p0',
  tiers: [
    {
      id: 'don_vi',
      units: [
        { id: 'U3', status: 'scored', total: 90, rank: 1 },
        { id: 'OLD', status: 'scored', total: 80, rank: 2 },
        { id: 'OLD2', status: 'scored', total: 70, rank: 3 },
        { id: 'U2', status: 'rejected', total: null, rank: null },
      ],
    },
  ],
};

function input(id: string, name: string, values: number[], source: UnitInput['source'], block = '', extra: Partial<UnitInput> = {}): UnitInput {
  return {
    id,
    name,
    block,
    values: Float64Array.from(values),
    assessed: null,
    self: null,
    selfTotal: null,
    errors: [],
    source,
    ...extra,
  };
}

export const BAD_VALUE: Diagnostic = {
  severity: 'error',
  code: 'bad-value',
  args: { item: 'A2', value: 'abc', expected: 'percent' },
  path: 'phieu/U5.xlsx',
  sheet: 'Tự chấm',
  cell: 'D8',
  unit: 'U5',
  tier: 'don_vi',
};

export const NOT_SUBMITTED: Diagnostic = {
  severity: 'warning',
  code: 'not-submitted',
  args: { unit: 'U4', name: 'Sở Tài chính', tier: 'don_vi' },
  path: 'units.yaml',
  line: 6,
  column: 1,
  unit: 'U4',
  tier: 'don_vi',
};

export interface Options {
  lang?: Lang;
  previous?: unknown;
  /** Extra scored units for the roster tier (to make it large). */
  rosterSize?: number;
  /** Spread the roster's extra units over this many blocks (default: Phòng A and Phòng B). */
  rosterBlocks?: number;
}

/**
 * The report model of a small run:
 * - U1 "A | B": 20 + 30 + 20 + 25 + 5 − 1 = 99, htxs, rank 1, Bằng khen; self total 100.
 * - U3 "=1+1": A1 "no" fails a critical item; 0 + 30 + 25 + 25 + 5 = 85, kht, rank 2.
 * - U2 "<b>x</b>": 20 + 30 × 52.18 / 80 (19.57) + 10 + 15 = 64.57, kht, rank 3; B1 assessed.
 * - U4 sent nothing; U5 rejected (bad value).
 * - ca_nhan: a roster ranked by block.
 */
export function model(o: Options = {}): ReportModel {
  const phase = 'p1';
  const donVi = resolveTier(CRITERIA, CRITERIA.tiers[0]!, phase);
  const caNhan = resolveTier(CRITERIA, CRITERIA.tiers[1]!, phase);
  const form = (id: string): UnitInput['source'] => ({ path: `phieu/${id}.xlsx`, sheet: 'Tự chấm' });
  const u1 = input('U1', 'A | B', [1, 80, 4, 95, 1, 1], form('U1'), '', { selfTotal: 100, self: Float64Array.from([20, 30, 20, 25, 5, 0]) });
  const u2 = input('U2', '<b>x</b>', [1, 52.18, 1, 70, 0, 0], form('U2'), '', { assessed: Float64Array.from([NaN, NaN, 10, NaN, NaN, NaN]), self: Float64Array.from([20, 20, NaN, NaN, NaN, NaN]) });
  const u3 = input('U3', '=1+1', [0, 90, 5, 100, 1, NaN], form('U3'));
  const u5 = input('U5', 'Sở Y tế', [1, NaN, 1, 1, 0, 0], form('U5'), '', { errors: [BAD_VALUE] });
  const units: ScoredUnit[] = [
    scoreUnit(donVi, u1),
    scoreUnit(donVi, u2),
    scoreUnit(donVi, u3),
    unscored(u5, { id: 'U5', name: 'Sở Y tế', block: '' }, 'rejected'),
    unscored(null, { id: 'U4', name: 'Sở Tài chính', block: '' }, 'not_submitted'),
  ];
  const t1: TierResult = rankTier({ tier: donVi, units, registeredByBlock: new Map([['', 5]]), blockOrder: [''] });

  const roster = { path: 'ca-nhan.xlsx', sheet: 'Danh sách' };
  const people: ScoredUnit[] = [
    scoreUnit(caNhan, input('CN01', 'Nguyễn Thị Mai', [1, 3], { ...roster, row: 5 }, 'Phòng A')),
    scoreUnit(caNhan, input('CN02', 'Trần Văn Nam', [1, 2], { ...roster, row: 6 }, 'Phòng A')),
    scoreUnit(caNhan, input('CN04', 'Phạm Văn Tuấn', [0, 5], { ...roster, row: 8 }, 'Phòng B')),
    scoreUnit(caNhan, input('CN05', 'Hoàng Thị Lan', [1, 2], { ...roster, row: 9 }, 'Phòng B')),
  ];
  for (let i = 0; i < (o.rosterSize ?? 0); i++) {
    const id = `HH${String(i).padStart(6, '0')}`;
    people.push(scoreUnit(caNhan, input(id, `Hộ ${i}`, [1, i % 6], { ...roster, row: 100 + i }, o.rosterBlocks ? `Thôn ${i % o.rosterBlocks}` : i % 2 ? 'Phòng A' : 'Phòng B')));
  }
  const t2 = rankTier({ tier: caNhan, units: people, registeredByBlock: null, blockOrder: [] });

  const layouts: FileLayout[] = [
    ...['U1', 'U2', 'U3', 'U5'].map((id): FileLayout => ({ path: `phieu/${id}.xlsx`, sheet: 'Tự chấm', tier: 'don_vi', layout: 'form', valueCol: donVi.items.map(() => 'D'), selfCol: 'E', assessedCol: 'F' })),
    { path: 'ca-nhan.xlsx', sheet: 'Danh sách', tier: 'ca_nhan', layout: 'roster', valueCol: ['D', 'E'] },
  ];
  return {
    meta: {
      movement: CRITERIA.movement.id,
      phase,
      tool: { name: 'thidua', version: '0.0.0-test' },
      date: '2025-06-30',
      criteria: { path: 'criteria.yaml', sha256: 'ab'.repeat(32) },
      units: { path: 'units.yaml', sha256: 'cd'.repeat(32) },
      inputs: [
        { path: 'ca-nhan.xlsx', sha256: '01'.repeat(32) },
        { path: 'phieu/U1.xlsx', sha256: '02'.repeat(32) },
      ],
      lang: o.lang ?? 'vi',
    },
    criteria: CRITERIA,
    tiers: [t1, t2],
    diagnostics: [BAD_VALUE, NOT_SUBMITTED],
    layouts,
    rowsRead: 30,
    units: UNITS,
    previous: o.previous ?? null,
  };
}
