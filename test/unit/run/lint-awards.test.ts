import { describe, expect, it } from 'vitest';
import { resolveTier } from '../../../src/criteria/model.js';
import { loadCriteria } from '../../../src/criteria/load.js';
import { lintFiles } from '../../../src/run/lint.js';

const criteria = (awards: string): string => `format: thidua.criteria/v1
movement: { id: t, title: T, issuer: UBND, place: Gia Lai }
phases:
  - { id: gd1, title: Giai đoạn 1 }
  - { id: gd2, title: Giai đoạn 2 }
classes:
  - { id: a, title: A, min: 5 }
  - { id: b, title: B, min: 0 }
tiers:
  - id: dong_ho
    title: Dòng họ
    layout: roster
    max: 10
    rank_by: block
    awards:
${awards}
    criteria:
      - { id: "1", title: Nhóm, max: 10, items: [ { id: "1.1", title: Điểm, input: points, max: 10 } ] }
`;

const units = (perBlock: number[]): string =>
  `format: thidua.units/v1\nunits:\n${perBlock.flatMap((n, b) => Array.from({ length: n }, (_, i) => `  - { id: DH-${b}-${i}, name: Họ ${b} ${i}, tier: dong_ho, block: Thôn ${b} }`)).join('\n')}\n`;

const lint = (c: string, u?: string) => lintFiles([{ path: 'criteria.yaml', data: Buffer.from(c) }, ...(u ? [{ path: 'units.yaml', data: Buffer.from(u) }] : [])]);

describe('award rules a board needs (issue 19)', () => {
  it('quota-zero: a share that rounds to 0 in every block is a warning, with the block sizes', () => {
    const found = lint(criteria('      - { id: giay_khen, title: Giấy khen, share: 0.1 }'), units([3, 8, 5]));
    expect(found.map((d) => [d.code, d.severity, d.args.award, d.args.phase, d.args.blocks, d.args.largest])).toEqual([
      ['quota-zero', 'warning', 'giay_khen', 'gd1', 3, 8],
      ['quota-zero', 'warning', 'giay_khen', 'gd2', 3, 8],
    ]);
  });

  it('no warning once one block is big enough, for per_block, or without a units file (sizes unknown)', () => {
    expect(lint(criteria('      - { id: giay_khen, title: Giấy khen, share: 0.1 }'), units([3, 10]))).toEqual([]);
    expect(lint(criteria('      - { id: giay_khen, title: Giấy khen, per_block: 1 }'), units([3]))).toEqual([]);
    expect(lint(criteria('      - { id: giay_khen, title: Giấy khen, share: 0.1 }'))).toEqual([]);
  });

  it('an award limited to some phases is absent in the others and warned about only where it exists', () => {
    const c = criteria('      - { id: co, title: Cờ, per_block: 1, phases: [gd2] }\n      - { id: giay_khen, title: Giấy khen, share: 0.1, phases: [gd1] }');
    const found = lint(c, units([3]));
    expect(found.map((d) => [d.code, d.args.phase])).toEqual([['quota-zero', 'gd1']]);
    const file = loadCriteria(Buffer.from(c), 'criteria.yaml').criteria!;
    expect(resolveTier(file, file.tiers[0]!, 'gd1').awards.map((a) => a.id)).toEqual(['giay_khen']);
    expect(resolveTier(file, file.tiers[0]!, 'gd2').awards.map((a) => a.id)).toEqual(['co']);
  });

  it('an award naming an unknown phase is unknown-phase', () => {
    const found = lint(criteria('      - { id: co, title: Cờ, per_block: 1, phases: [gd9] }'));
    expect(found.map((d) => [d.code, d.line])).toEqual([['unknown-phase', 16]]);
  });
});
