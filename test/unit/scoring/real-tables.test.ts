import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import { resolveTier, type PhaseTier } from '../../../src/criteria/model.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import type { CriteriaFile } from '../../../src/generated/criteria.js';
import { ruleText, valueText } from '../../../src/report/words.js';
import { whyMessage } from '../../../src/report/why-words.js';
import { unitJson } from '../../../src/report/results.js';
import { explain } from '../../../src/scoring/explain.js';
import { classify, rankTier, scoreUnit } from '../../../src/scoring/score.js';
import type { TierResult, UnitInput } from '../../../src/scoring/types.js';
import { parseCell } from '../../../src/submissions/values.js';
import type { Cell } from '../../../src/workbook/types.js';

import { YAML } from './real-tables-fixture.js';

const loaded = loadCriteria(YAML, 'doan.yaml');
const criteria = loaded.criteria as CriteriaFile;
const tier: PhaseTier = resolveTier(criteria, criteria.tiers[0]!, 'n2025');

/** A unit's input from values by item id: a choice by its id, yes/no as true/false. */
function unit(id: string, values: Record<string, number | string | boolean>): UnitInput {
  const a = new Float64Array(tier.items.length).fill(NaN);
  tier.items.forEach((it, i) => {
    const v = values[it.id];
    if (v === undefined) return;
    if (typeof v === 'string') a[i] = it.rule.kind === 'choice' ? it.rule.ids.indexOf(v) : NaN;
    else a[i] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
  return { id, name: id, block: '', values: a, assessed: null, self: null, selfTotal: null, errors: [], source: null };
}

const idx = (id: string): number => tier.items.findIndex((it) => it.id === id);
const ranked = (inputs: UnitInput[]): TierResult => rankTier({ tier, units: inputs.map((i) => scoreUnit(tier, i)), registeredByBlock: null, blockOrder: [] });
/** Every item at its best: 5 + 15 + 8 + 72 = 100, nothing deducted. */
const BEST = { '1.1': 'du', '1.2': 95, '2.a': 0, '2.b': 0, '3.1': 72, 'D.1': 0 } as const;

const str = (v: string): Cell => ({ row: 1, col: 4, value: { t: 'string', v }, fmt: 'general', formula: false });

describe('the table lints clean', () => {
  it('no diagnostics, and the forms resolve', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(tier.itemById.get('1.1')!.input).toBe('choice');
    expect(tier.itemById.get('2.1')!.input).toBe('cases');
    expect(tier.itemById.get('2.a')!.info).toBe(true);
    expect(tier.itemById.get('2.1')!.maxPoints).toBe(800);
    expect(tier.classes[0]!.requires).toHaveLength(2);
  });
});

describe('input: choice', () => {
  const it11 = tier.itemById.get('1.1')!;
  const choices = it11.rule.kind === 'choice' ? it11.rule : undefined;
  it.each([
    ['its title as written', 'Có chương trình năm, không tổ chức hội nghị', 1],
    ['its title in capitals without diacritics, spaces doubled', 'CO CHUONG TRINH NAM,  KHONG TO CHUC HOI NGHI', 1],
    ['its id', 'KHONG', 2],
    ['the first level by id', 'du', 0],
  ])('typed as %s', (_what, text, index) => {
    expect(parseCell(str(text), 'choice', choices)).toEqual({ ok: true, value: index });
  });

  it('anything else is bad-value, listing the choices', () => {
    const p = parseCell(str('Có làm'), 'choice', choices);
    expect(p).toMatchObject({ ok: false, blank: false, code: 'bad-value', shown: 'Có làm' });
    const msg = formatMessage({ code: 'bad-value', args: { item: '1.1', value: 'Có làm', expected: 'choice', choices: choices!.titles.join(' | ') } }, 'vi');
    expect(msg).toContain('Không xây dựng chương trình năm');
    expect(msg).toContain('Có chương trình năm, không tổ chức hội nghị');
  });

  it('scores the level picked; results.json gives the id, a person reads the title', () => {
    for (const [id, pts] of [['du', 500], ['ct', 300], ['khong', 0]] as const) {
      const u = scoreUnit(tier, unit('U', { ...BEST, '1.1': id }));
      expect(u.points[idx('1.1')]).toBe(pts);
    }
    const r = ranked([unit('U', { ...BEST, '1.1': 'ct' })]);
    const json = unitJson(tier, r.units[0]!, 'vi') as { items: Record<string, { value: unknown; points: number }> };
    expect(json.items['1.1']).toMatchObject({ value: 'ct', points: 3 });
    expect(valueText(tier.itemById.get('1.1')!, 1, 'vi')).toBe('Có chương trình năm, không tổ chức hội nghị');
    expect(ruleText(tier.itemById.get('1.1')!, 1, false, 'vi')).toBe('Có chương trình năm, không tổ chức hội nghị → 3');
  });
});

describe('cases over info items', () => {
  const pointsOf = (a: number | undefined, b: number | undefined): number => {
    const v: Record<string, number | string> = { ...BEST };
    delete v['2.a'];
    delete v['2.b'];
    if (a !== undefined) v['2.a'] = a;
    if (b !== undefined) v['2.b'] = b;
    return scoreUnit(tier, unit('U', v)).points[idx('2.1')]!;
  };
  it.each([
    // first row: both at 0
    [0, 0, 800],
    // second row: 1–2 monthly missing, no quarterly
    [1, 0, 600],
    [2, 0, 600],
    // third row: 3 monthly or 1 quarterly
    [3, 0, 400],
    [0, 1, 400],
    [3, 1, 400],
    // falls through to 0
    [4, 0, 0],
    [0, 2, 0],
    [4, 1, 0],
  ])('2.a = %d, 2.b = %d → %d hundredths', (a, b, pts) => {
    expect(pointsOf(a, b)).toBe(pts);
  });

  it('a value a case needs left blank gives 0', () => {
    expect(pointsOf(undefined, 0)).toBe(0);
    expect(pointsOf(0, undefined)).toBe(0);
  });

  it('info items score nothing and count in no group', () => {
    const u = scoreUnit(tier, unit('U', { ...BEST, '2.a': 7, '2.b': 9 }));
    expect(u.points[idx('2.a')]).toBe(0);
    expect(u.points[idx('2.b')]).toBe(0);
    expect(u.groups.get('2')).toBe(0);
  });

  it('the rule text names the case that held, or the fall-through', () => {
    const values = unit('U', { ...BEST, '2.a': 2 }).values;
    expect(ruleText(tier.itemById.get('2.1')!, NaN, false, 'vi', values)).toBe('2.a ≤ 2, 2.b ≤ 0 → 6');
    const none = unit('U', { ...BEST, '2.a': 9 }).values;
    expect(ruleText(tier.itemById.get('2.1')!, NaN, false, 'vi', none)).toBe('không trường hợp nào → 0');
    expect(ruleText(tier.itemById.get('2.1')!, NaN, false, 'en', none)).toBe('no case holds → 0');
  });

  it('equals on a choice names the level by its id, and so do the words', () => {
    const c = structuredClone(criteria);
    (c.tiers[0]!.criteria[0]!.items as unknown[]).push({ id: '1.9', title: 'Theo mức', cases: [{ when: { '1.1': { equals: 'ct' } }, points: 2 }, { when: { '1.1': { equals: 'du' }, '1.2': { min: 90 } }, points: 1 }] });
    const t = resolveTier(c, c.tiers[0]!, 'n2025');
    const at = t.items.findIndex((it) => it.id === '1.9');
    const input = (v: Record<string, string | number>): UnitInput => {
      const a = new Float64Array(t.items.length).fill(NaN);
      t.items.forEach((it, i) => {
        const x = v[it.id];
        if (x !== undefined) a[i] = typeof x === 'string' && it.rule.kind === 'choice' ? it.rule.ids.indexOf(x) : Number(x);
      });
      return { id: 'U', name: 'U', block: '', values: a, assessed: null, self: null, selfTotal: null, errors: [], source: null };
    };
    expect(scoreUnit(t, input({ '1.1': 'ct', '1.2': 50 })).points[at]).toBe(200);
    expect(scoreUnit(t, input({ '1.1': 'du', '1.2': 95 })).points[at]).toBe(100);
    expect(scoreUnit(t, input({ '1.1': 'du', '1.2': 50 })).points[at]).toBe(0);
    expect(scoreUnit(t, input({ '1.1': 'khong', '1.2': 95 })).points[at]).toBe(0);
    expect(ruleText(t.items[at]!, NaN, false, 'vi', input({ '1.1': 'ct' }).values)).toBe('1.1 = ct → 2');
    expect(ruleText(t.items[at]!, NaN, false, 'en', input({ '1.1': 'du', '1.2': 95 }).values)).toBe('1.1 = du, 1.2 ≥ 90 → 1');
    // a blank the case being tried needs ends the search: 1.2 blank on the second case
    expect(ruleText(t.items[at]!, NaN, false, 'vi', input({ '1.1': 'du' }).values)).toBe('1.2 bỏ trống → 0');
  });

  it('assessed points replace a computed item too', () => {
    const input = unit('U', { ...BEST, '2.a': 9 });
    input.assessed = new Float64Array(tier.items.length).fill(NaN);
    input.assessed[idx('2.1')] = 5;
    expect(scoreUnit(tier, input).points[idx('2.1')]).toBe(500);
  });
});

describe('requires on classes, with requirement-unmet', () => {
  const one = (values: Record<string, number | string>): { r: TierResult; cls: string | null } => {
    const r = ranked([unit('U', values)]);
    return { r, cls: r.units[0]!.classId };
  };
  const whyOf = (r: TierResult) => explain(r, r.units[0]!);

  it('all met: the class of the total', () => {
    const { r, cls } = one(BEST);
    expect(cls).toBe('vmxs');
    expect(whyOf(r)).toEqual([]);
  });

  it('a penalty group with max_points 0: one member disciplined drops vmxs, said with the points deducted', () => {
    // 100 − 5 = 95 still reaches vmxs by the total
    const { r, cls } = one({ ...BEST, 'D.1': 1 });
    expect(r.units[0]!.total).toBe(9500);
    expect(cls).toBe('vm');
    const why = whyOf(r);
    expect(why).toEqual([{ code: 'requirement-unmet', class: 'vmxs', group: 'D', rule: 'max_points', points: 5, need: 0 }]);
    expect(whyMessage(tier, why[0]!, 'vi')).toBe('Nhóm D (Điểm trừ): bị trừ 5 điểm, trong khi loại Vững mạnh xuất sắc chỉ cho phép trừ tối đa 0 điểm');
    expect(whyMessage(tier, why[0]!, 'en')).toBe('Group D (Điểm trừ): 5 points deducted, where Vững mạnh xuất sắc allows at most 0');
  });

  it('an item with min_points: 3 of the 5 needed', () => {
    const { r, cls } = one({ ...BEST, '1.1': 'ct' });
    expect(r.units[0]!.total).toBe(9800);
    expect(cls).toBe('vm');
    const why = whyOf(r);
    expect(why).toEqual([{ code: 'requirement-unmet', class: 'vmxs', item: '1.1', rule: 'min_points', points: 3, need: 5 }]);
    expect(whyMessage(tier, why[0]!, 'vi')).toContain('Tiêu chí 1.1 (Xây dựng chương trình công tác năm và tổ chức hội nghị triển khai) đạt 3 điểm, chưa đạt mức tối thiểu 5 điểm mà loại Vững mạnh xuất sắc yêu cầu');
  });

  it('a group with min_share: met at 80 % exactly, missed under it, falling two bands with both reasons', () => {
    // 3.1 = 57.6 of 72 is 80 % exactly; total 5 + 15 + 8 + 57.6 = 85.6
    expect(one({ ...BEST, '3.1': 57.6 }).cls).toBe('vm');
    // 3.1 = 57.59: under 80 %; 85.59 reaches vm by the total only
    const { r, cls } = one({ ...BEST, '3.1': 57.59 });
    expect(cls).toBe('kha');
    expect(whyOf(r)).toEqual([{ code: 'requirement-unmet', class: 'vm', group: '3', rule: 'min_share', points: 79.99, need: 80 }]);
    expect(whyMessage(tier, whyOf(r)[0]!, 'vi')).toBe('Nhóm 3 (Kết quả thực hiện nhiệm vụ) đạt 79,99 % điểm tối đa, chưa đạt mức 80 % mà loại Vững mạnh yêu cầu');
  });

  it('two requirements of one band missed: one entry each, in the order listed', () => {
    // 3 + 15 + 8 + 72 − 5 = 93: vmxs by the total, missing both its conditions
    const { r, cls } = one({ ...BEST, '1.1': 'ct', 'D.1': 1 });
    expect(cls).toBe('vm');
    expect(whyOf(r).map((w) => [w.code, (w as { item?: string; group?: string }).item ?? (w as { group?: string }).group])).toEqual([
      ['requirement-unmet', 'D'],
      ['requirement-unmet', '1.1'],
    ]);
  });

  it('below-share comes before requirement-unmet, and critical-cap after', () => {
    const c = structuredClone(criteria);
    c.classes[0]!.min_share_each = 0.9;
    c.tiers[0]!.critical_cap = 'kha';
    (c.tiers[0]!.criteria[1]!.items[2] as { critical?: boolean }).critical = true;
    const t = resolveTier(c, c.tiers[0]!, 'n2025');
    // 2.1 at 0 (critical fails): group 2 = 0 of 8, under vmxs's 90 %; 1.1 at 3 of the 5 needed
    const input = unit('U', { ...BEST, '1.1': 'ct', '2.a': 9 });
    const r = rankTier({ tier: t, units: [scoreUnit(t, input)], registeredByBlock: null, blockOrder: [] });
    expect(r.units[0]!.total).toBe(9000);
    expect(r.units[0]!.classId).toBe('kha');
    expect(explain(r, r.units[0]!).map((w) => w.code)).toEqual(['below-share', 'requirement-unmet', 'critical-cap']);
  });
});

describe('property: adding a requires never raises a class', () => {
  const value = fc.record({
    '1.1': fc.constantFrom('du', 'ct', 'khong'),
    '1.2': fc.integer({ min: 0, max: 100 }),
    '2.a': fc.integer({ min: 0, max: 5 }),
    '2.b': fc.integer({ min: 0, max: 3 }),
    '3.1': fc.integer({ min: 0, max: 7200 }).map((h) => h / 100),
    'D.1': fc.integer({ min: 0, max: 3 }),
  });
  const requirement = fc.oneof(
    fc.record({ item: fc.constantFrom('1.1', '1.2', '2.1', '3.1'), min_points: fc.integer({ min: 0, max: 500 }).map((h) => h / 100) }),
    fc.record({ item: fc.constantFrom('1.1', '1.2', '2.1', '3.1'), max_points: fc.integer({ min: 0, max: 7200 }).map((h) => h / 100) }),
    fc.record({ group: fc.constantFrom('1', '2', '3', 'D'), min_points: fc.integer({ min: 0, max: 800 }).map((h) => h / 100) }),
    fc.record({ group: fc.constantFrom('1', '2', '3', 'D'), max_points: fc.integer({ min: 0, max: 1000 }).map((h) => h / 100) }),
    fc.record({ group: fc.constantFrom('1', '2', '3'), min_share: fc.integer({ min: 0, max: 100 }).map((x) => x / 100) }),
  );
  it('holds for any unit, any class and any requirement', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 3 }), requirement, (v, k, req) => {
        const u = scoreUnit(tier, unit('U', v));
        const before = classify(tier, u);
        const c = structuredClone(criteria);
        const band = c.classes[k]!;
        band.requires = [...(band.requires ?? []), req];
        const t2 = resolveTier(c, c.tiers[0]!, 'n2025');
        const after = classify(t2, scoreUnit(t2, unit('U', v)));
        const order = tier.classes.map((x) => x.id);
        expect(order.indexOf(after!)).toBeGreaterThanOrEqual(order.indexOf(before!));
      }),
      { numRuns: 400 },
    );
  });
});
