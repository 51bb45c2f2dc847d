import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import { resolveTier } from '../../../src/criteria/model.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import { YAML } from '../scoring/real-tables-fixture.js';

/** [code, line, args] of every diagnostic of the table with one text replaced. */
function lint(from: string, to: string): [string, number | null | undefined, Record<string, unknown>][] {
  expect(YAML).toContain(from);
  return loadCriteria(YAML.replace(from, to), 'doan.yaml').diagnostics.map((d) => [d.code, d.line, d.args]);
}
const lineOf = (text: string): number => YAML.slice(0, YAML.indexOf(text)).split('\n').length;

describe('lint of the forms of SPEC §14', () => {
  it('a case naming an unknown item', () => {
    expect(lint('"2.b": { max: 1 }', '"2.c": { max: 1 }')).toEqual([['schema', lineOf('"2.b": { max: 1 }'), { rule: 'unknown-ref', ref: '2.c', at: expect.any(String) }]].map(([c, l, a]) => [c, l, expect.objectContaining({ rule: (a as { rule: string }).rule, ref: (a as { ref: string }).ref })]));
  });

  it('a case naming a computed item, and an equals that is no choice of the item', () => {
    const ds = lint('{ when: { "2.a": { max: 3 }, "2.b": { max: 1 } }, points: 4 }', '{ when: { "2.1": { max: 3 }, "1.1": { equals: tot } }, points: 4 }');
    expect(ds.map(([c, , a]) => [c, a.rule, a.ref])).toEqual([
      ['schema', 'cases-ref', '2.1'],
      ['schema', 'unknown-ref', '1.1: tot'],
    ]);
  });

  it('a requires naming an unknown item or group, or of the wrong form', () => {
    expect(lint('{ item: "1.1", min_points: 5 }', '{ item: "1.9", min_points: 5 }').map(([c, , a]) => [c, a.rule, a.ref])).toEqual([['schema', 'unknown-ref', 'item: 1.9']]);
    expect(lint('{ group: "3", min_share: 0.8 }', '{ group: "9", min_share: 0.8 }').map(([c, , a]) => [c, a.rule, a.ref])).toEqual([['schema', 'unknown-ref', 'group: 9']]);
    expect(lint('{ group: "3", min_share: 0.8 }', '{ item: "3.1", min_share: 0.8 }').map(([c, , a]) => [c, a.rule])).toEqual([['schema', 'requirement-form']]);
    expect(lint('{ group: "3", min_share: 0.8 }', '{ group: "3", min_share: 0.8, min_points: 3 }').map(([c, , a]) => [c, a.rule])).toEqual([['schema', 'requirement-form']]);
  });

  it('a requires no unit could meet: more points than the item or group gives', () => {
    const ds = lint('{ item: "1.1", min_points: 5 }', '{ item: "1.1", min_points: 6 }');
    expect(ds).toEqual([['unreachable', lineOf('{ item: "1.1", min_points: 5 }'), { class: 'vmxs', phase: 'n2025', requirement: 'item 1.1', min: 6, max: 5 }]]);
    expect(formatMessage({ code: 'unreachable', args: ds[0]![2] as never }, 'vi')).toBe('xếp loại "vmxs" yêu cầu tiêu chí 1.1 đạt 6 điểm, vượt điểm tối đa 5 (giai đoạn n2025): không đơn vị nào đạt được');
    expect(lint('{ group: D, max_points: 0 }', '{ group: "2", min_points: 9 }').map(([c, , a]) => [c, a.requirement, a.max])).toEqual([['unreachable', 'group 2', 8]]);
  });

  it('choices with duplicate ids or titles (titles compared ignoring case and diacritics)', () => {
    expect(lint('{ id: ct, title:', '{ id: du, title:').map(([c, , a]) => [c, a.kind, a.id])).toEqual([['duplicate-id', 'choice', 'du']]);
    const ds = lint('"Không xây dựng chương trình năm"', '"CÓ CHƯƠNG TRÌNH NĂM, KHÔNG TỔ CHỨC HỘI NGHỊ"');
    expect(ds.map(([c, , a]) => [c, a.kind])).toEqual([['duplicate-id', 'choice-title']]);
  });

  it('a computed item with an input of its own, a choice without choices, an info item with a rule', () => {
    // (group 2 then cannot reach its max either: unreachable too)
    expect(lint('            title: Gửi báo cáo đầy đủ, đúng hạn\n', '            title: Gửi báo cáo đầy đủ, đúng hạn\n            input: count\n').filter(([c]) => c === 'rule-missing').map(([c, , a]) => [c, a.reason])).toEqual([['rule-missing', 'cases-input']]);
    expect(lint('            input: choice\n            choices:', '            input: choice\n            x_choices:').map(([c, , a]) => [c, a.rule ?? a.reason])).toEqual([['schema', 'additional']]);
    expect(lint('input: count, info: true }', 'input: count, info: true, per_item: { points: 1 } }').map(([c, , a]) => [c, a.reason])).toEqual([['rule-missing', 'info-rule']]);
    expect(lint('input: percent, steps: [ { min: 90, points: 15 }, { min: 70, points: 10 } ] }', 'input: percent, steps: [ { min: 90, points: 15 }, { min: 70, points: 10 } ], choices: [ { id: a, title: A, points: 1 } ] }').map(([c, , a]) => [c, a.reason])).toEqual([['rule-missing', 'choices-input']]);
  });

  it('an item without input and without cases still needs input', () => {
    const ds = lint('{ id: "3.1", title: Điểm thẩm định, input: points, max: 72 }', '{ id: "3.1", title: Điểm thẩm định, max: 72 }');
    expect(ds.map(([c, , a]) => [c, a.rule, a.key])).toEqual([['schema', 'required', 'input']]);
  });
});

describe('one table for two kinds of unit: YAML anchors (SPEC §14)', () => {
  const shared = YAML.replace('    criteria:\n      - id: "1"', '    criteria: &chung\n      - id: "1"').concat(`  - id: cap_tinh
    title: Đoàn trực thuộc tỉnh
    layout: form
    max: 100
    criteria: *chung
`);
  it('the second tier takes the first one\'s table, and both lint clean', () => {
    const r = loadCriteria(shared, 'doan.yaml');
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.criteria!.tiers.map((t) => resolveTier(r.criteria!, t, 'n2025'));
    expect(b!.items.map((it) => [it.id, it.input, it.maxPoints])).toEqual(a!.items.map((it) => [it.id, it.input, it.maxPoints]));
    expect(b!.id).toBe('cap_tinh');
  });

  it('an alias bomb past the limit is refused as yaml-syntax', () => {
    const refs = Array.from({ length: 260 }, (_, i) => `  - id: t${i}\n    title: T\n    layout: form\n    max: 100\n    criteria: *chung\n`).join('');
    const r = loadCriteria(YAML.replace('    criteria:\n      - id: "1"', '    criteria: &chung\n      - id: "1"').concat(refs), 'doan.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.args.reason])).toEqual([['yaml-syntax', 'aliases']]);
  });
});

describe('the wording of the new findings, in vi and en', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['schema', { rule: 'cases-ref', ref: '2.1', at: 'tiers.0' }],
    ['schema', { rule: 'requirement-form', at: 'classes.0.requires.0' }],
    ['duplicate-id', { id: 'du', kind: 'choice' }],
    ['duplicate-id', { id: 'Có chương trình', kind: 'choice-title' }],
    ['rule-missing', { item: '1.1', reason: 'choices' }],
    ['rule-missing', { item: '1.2', reason: 'choices-input', input: 'percent' }],
    ['rule-missing', { item: '2.1', reason: 'cases-input' }],
    ['rule-missing', { item: '2.a', reason: 'info-rule', rules: 'per_item' }],
    ['unreachable', { class: 'vmxs', phase: 'n2025', requirement: 'group 2', min: 9, max: 8 }],
    ['bad-value', { item: '1.1', value: 'Có làm', expected: 'choice', choices: 'A | B', column: 'value' }],
  ];
  it.each(cases)('%s %j', (code, args) => {
    const vi = formatMessage({ code: code as never, args: args as never }, 'vi');
    const en = formatMessage({ code: code as never, args: args as never }, 'en');
    for (const m of [vi, en]) {
      expect(m).not.toMatch(/undefined|\[object/);
      expect(m.length).toBeGreaterThan(20);
    }
    expect(vi).not.toBe(en);
    expect(vi).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
  });
});

describe("the README's worked example of SPEC §14", () => {
  it('lints clean, and its second tier shares the first one\'s table by anchor', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const at = readme.indexOf('### Quy định từ các bảng điểm thực tế');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
    const r = loadCriteria(block, 'README.md');
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.criteria!.tiers.map((t) => resolveTier(r.criteria!, t, 'n2024'));
    expect(b!.items.map((it) => it.id)).toEqual(a!.items.map((it) => it.id));
    expect(a!.itemById.get('1.1')!.input).toBe('choice');
    expect(a!.itemById.get('2.1')!.input).toBe('cases');
  });
});

describe('findings in a shared table', () => {
  it('a requirement of the default classes naming nothing is said once, not once per tier', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../examples/doan-thanh-nien/criteria.yaml', import.meta.url), 'utf8');
    const ds = loadCriteria(text.replace('{ item: "1.1", min_points: 3 }', '{ item: "1.9", min_points: 3 }'), 'criteria.yaml').diagnostics;
    expect(ds.map((d) => [d.code, d.args.ref])).toEqual([['schema', 'item: 1.9']]);
  });

  it('a mistake inside the anchored table is said at the table, and at the alias of the tier sharing it', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../examples/doan-thanh-nien/criteria.yaml', import.meta.url), 'utf8');
    const lines = text.split('\n');
    const ds = loadCriteria(text.replace('input: yes_no, points: 7 }', 'input: yes_no, points: 8 }'), 'criteria.yaml').diagnostics;
    expect(ds.map((d) => [d.code, lines[d.line! - 1]!.trim().split(':')[0]])).toEqual([
      ['items-exceed-group', 'max'],
      ['items-exceed-group', 'criteria'],
    ]);
  });
});
