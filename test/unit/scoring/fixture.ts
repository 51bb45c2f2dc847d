import { resolveTier, type PhaseTier } from '../../../src/criteria/model.js';
import type { CriteriaFile } from '../../../src/generated/criteria.js';
import type { UnitInput } from '../../../src/scoring/types.js';

/** A small criteria file exercising every rule form, caps, bonus, penalty and classes. */
export const CRITERIA: CriteriaFile = {
  format: 'thidua.criteria/v1',
  movement: { id: 'test', title: 'Phong trào thử', issuer: 'UBND tỉnh' },
  phases: [
    { id: 'p1', title: 'Giai đoạn 1' },
    { id: 'p2', title: 'Giai đoạn 2' },
  ],
  tags: { nd: { title: 'Nội dung', values: [{ id: 'ND1', title: 'Một' }, { id: 'ND2', title: 'Hai' }] } },
  classes: [
    { id: 'xs', title: 'Xuất sắc', min: 90, min_share_each: 0.85 },
    { id: 'tot', title: 'Tốt', min: 80, min_share_each: 0.8 },
    { id: 'ht', title: 'Hoàn thành', min: 50 },
    { id: 'kht', title: 'Không hoàn thành', min: 0 },
  ],
  tiers: [
    {
      id: 't',
      title: 'Đơn vị',
      layout: 'form',
      max: 100,
      critical_cap: 'ht',
      rank_by: 'block',
      tie_break: ['group:B', 'fewer_penalty'],
      awards: [
        { id: 'co', title: 'Cờ', per_block: 1, min_class: 'xs' },
        { id: 'bk', title: 'Bằng khen', share: 0.5, min_class: 'tot', exclusive_of: ['co'] },
      ],
      criteria: [
        {
          id: 'A',
          title: 'Nhóm A',
          max: 50,
          tags: { nd: 'ND1' },
          items: [
            { id: 'A1', title: 'Kế hoạch', input: 'yes_no', points: 10, critical: true },
            { id: 'A2', title: 'Tỷ lệ', input: 'percent', linear: { target: { p1: 80, p2: 90 }, points: 20, zero_below: 30 } },
            { id: 'A3', title: 'Số lớp', input: 'count', per_item: { points: 2.5, max: 10 } },
            { id: 'A4', title: 'Chấm', input: 'points', max: 10 },
          ],
        },
        {
          id: 'B',
          title: 'Nhóm B',
          max: 50,
          tags: { nd: 'ND2' },
          items: [
            { id: 'B1', title: 'Bậc', input: 'percent', steps: [{ min: 90, points: 30 }, { min: 70, points: 20 }, { min: 50, points: 10 }] },
            { id: 'B2', title: 'Chậm', input: 'number', steps_below: [{ max: 0, points: 20 }, { max: 3, points: 10 }, { max: 7, points: 5 }] },
          ],
        },
        { id: 'T', title: 'Thưởng', kind: 'bonus', max: 5, items: [{ id: 'T1', title: 'Khen', input: 'count', per_item: { points: 3 } }] },
        { id: 'D', title: 'Trừ', kind: 'penalty', max: 10, items: [{ id: 'D1', title: 'Vi phạm', input: 'count', per_item: { points: 4 } }] },
      ],
    },
  ],
};

export const tierOf = (phase = 'p1'): PhaseTier => resolveTier(CRITERIA, CRITERIA.tiers[0]!, phase);

/** A unit's input from values by item id (yes/no as true/false). */
export function unit(tier: PhaseTier, id: string, values: Record<string, number | boolean>, opts: { name?: string; block?: string; assessed?: Record<string, number>; self?: Record<string, number> } = {}): UnitInput {
  const arr = (src: Record<string, number | boolean> | undefined): Float64Array | null => {
    if (!src) return null;
    const a = new Float64Array(tier.items.length).fill(NaN);
    tier.items.forEach((it, i) => {
      const v = src[it.id];
      if (v !== undefined) a[i] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    return a;
  };
  return {
    id,
    name: opts.name ?? id,
    block: opts.block ?? '',
    values: arr(values)!,
    assessed: arr(opts.assessed),
    self: arr(opts.self),
    selfTotal: null,
    errors: [],
    source: null,
  };
}
