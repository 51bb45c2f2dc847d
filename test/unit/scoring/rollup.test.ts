/**
 * Tiers that feed each other (SPEC §11): a commune's share of households recognised, from its
 * household roster, in one run and from an earlier run's results.json.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import type { CriteriaFile } from '../../../src/generated/criteria.js';
import { buildResults, type ResultsMeta } from '../../../src/report/results.js';
import { assess, type Assessment } from '../../../src/run/assess.js';
import { makeTemplates } from '../../../src/template/template.js';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { writeWorkbook, type RowModel } from '../../../src/workbook/write/index.js';
import { CREATED, tempDir } from '../../helpers/workbooks.js';

const tmp = tempDir('thidua-rollup-');
afterAll(() => tmp.cleanup());

const YAML = `
format: thidua.criteria/v1
movement: { id: thu-cap, title: Thử cấp trên cấp dưới, issuer: UBND tỉnh }
phases: [ { id: gd1, title: Giai đoạn 1 } ]
classes:
  - { id: tot, title: Tốt, min: 80 }
  - { id: ht, title: Hoàn thành, min: 0 }
tiers:
  - id: xa
    title: Xã
    layout: form
    max: 10
    classes: [ { id: tot, title: Tốt, min: 8 }, { id: ht, title: Hoàn thành, min: 0 } ]
    criteria:
      - id: "2"
        title: Gia đình học tập
        max: 10
        items:
          - { id: "2.0", title: Tổng số hộ của xã, input: count, per_item: { points: 0 } }
          - id: "2.1"
            title: Tỷ lệ hộ được công nhận
            input: percent
            from: { tier: ho, measure: share, classes: [gdht], of: "item:2.0" }
            linear: { target: 70, points: 10 }
          - id: "2.2"
            title: Số hộ được công nhận
            input: count
            from: { tier: ho, measure: count, classes: [gdht] }
            per_item: { points: 0 }
  - id: ho
    title: Hộ gia đình
    layout: roster
    max: 100
    classes:
      - { id: gdht, title: Gia đình học tập, min: 80 }
      - { id: chua_dat, title: Chưa đạt, min: 0 }
    criteria:
      - id: H
        title: Tiêu chí hộ
        max: 100
        items:
          - { id: H1, title: Điểm tự đánh giá, input: points, max: 100 }
`;

function criteria(text = YAML): CriteriaFile {
  const l = loadCriteria(text, 'criteria.yaml');
  const errors = l.diagnostics.filter((d) => d.severity === 'error');
  if (!l.criteria || errors.length) throw new Error(JSON.stringify(errors));
  return l.criteria;
}

/** A commune's household roster: "Đơn vị cấp trên" above the table, one row per household. */
function roster(parent: string, points: number[], name = 'ho.xlsx'): string {
  const rows: RowModel[] = [['DANH SÁCH HỘ GIA ĐÌNH'], ['Đơn vị cấp trên:', null, parent], [], ['Mã đơn vị', 'Tên', 'H1 – Điểm tự đánh giá']];
  points.forEach((p, i) => rows.push([`${parent}-H${String(i + 1).padStart(2, '0')}`, `Hộ ${i + 1}`, p]));
  return tmp.write(name, writeWorkbook({ sheets: [{ name: 'Danh sách', rows }], properties: { created: CREATED } }));
}

/** A commune's form: its number of households and the share it worked out by hand. */
function form(unit: string, households: number, reported: number | null, name = `${unit}.xlsx`): string {
  const rows: RowModel[] = [
    ['PHIẾU TỰ CHẤM'],
    ['Mã đơn vị:', null, unit],
    [],
    ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số liệu báo cáo'],
    ['2.0', 'Tổng số hộ của xã', null, households],
    ['2.1', 'Tỷ lệ hộ được công nhận', 10, reported],
    ['2.2', 'Số hộ được công nhận', null, null],
  ];
  return tmp.write(name, writeWorkbook({ sheets: [{ name: 'Tự chấm', rows }], properties: { created: CREATED } }));
}

/** 20 households, `good` of them at 85 points (gdht), the rest at 50. */
const households = (good: number): number[] => Array.from({ length: 20 }, (_, i) => (i < good ? 85 : 50));

const META: ResultsMeta = { movement: 'thu-cap', phase: 'gd1', tool: { name: 'thidua', version: 'test' }, date: null, criteria: { path: 'c', sha256: '' }, units: null, inputs: [], lang: 'vi' };
type Json = { tiers: { id: string; units: { id: string; parent?: string; total: number; items: Record<string, { value: unknown; points: number; from?: unknown }> }[] }[] };
const json = (a: Assessment): Json => JSON.parse(JSON.stringify(buildResults(META, a.tiers, a.diagnostics))) as Json;
const commune = (a: Assessment, id = 'XA-01') => json(a).tiers.find((t) => t.id === 'xa')!.units.find((u) => u.id === id)!;

describe('roll-up in one run (SPEC §11)', () => {
  it('20 households, 7 recognised, 25 reported: 28 % from 7/25, the count 7, rollup-differs against the hand-typed 72,54', async () => {
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 25, 72.54), roster('XA-01', households(7))], workers: false });
    const xa = commune(a);
    expect(xa.items['2.1']).toEqual({ value: 28, points: 4, from: { numerator: 7, denominator: 25 } });
    expect(xa.items['2.2']!.value).toBe(7);
    expect(xa.items['2.2']!.from).toEqual({ numerator: 7, denominator: null });
    const differs = a.diagnostics.filter((d) => d.code === 'rollup-differs');
    expect(differs).toHaveLength(1);
    expect(differs[0]).toMatchObject({ unit: 'XA-01', cell: 'D6', args: { item: '2.1', reported: 72.54, computed: 28, numerator: 7, denominator: 25 } });
    // the households carry their parent in results.json
    expect(json(a).tiers.find((t) => t.id === 'ho')!.units[0]!.parent).toBe('XA-01');
  });

  it("changing one household's class changes the commune's points", async () => {
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 25, null, 'b.xlsx'), roster('XA-01', households(8), 'ho8.xlsx')], workers: false });
    // 8/25 = 32 %; 10 × 32 / 70 = 4.571… → 4.57
    expect(commune(a).items['2.1']).toMatchObject({ value: 32, points: 4.57, from: { numerator: 8, denominator: 25 } });
  });

  it('a commune with no scored household gets missing-value for the item and 0 points', async () => {
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-02', 25, 40, 'c.xlsx'), roster('XA-01', households(7), 'ho-other.xlsx')], workers: false });
    const xa = commune(a, 'XA-02');
    expect(xa.items['2.1']!.value).toBeNull();
    expect(xa.items['2.1']!.points).toBe(0);
    expect(a.diagnostics.filter((d) => d.unit === 'XA-02').map((d) => [d.code, d.args.item])).toContainEqual(['missing-value', '2.1']);
  });

  it('a household without a parent is a no-parent warning', async () => {
    const rows: RowModel[] = [['Mã đơn vị', 'Tên', 'H1'], ['H-1', 'Hộ 1', 90]];
    const p = tmp.write('mo-coi.xlsx', writeWorkbook({ sheets: [{ name: 'DS', rows }], properties: { created: CREATED } }));
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 25, null, 'd.xlsx'), p], workers: false });
    expect(a.diagnostics.filter((d) => d.code === 'no-parent').map((d) => [d.unit, d.cell])).toEqual([['H-1', 'A2']]);
  });

  it('a Cấp trên column names each row its own parent', async () => {
    const rows: RowModel[] = [['Mã đơn vị', 'Tên', 'Cấp trên', 'H1'], ['A-1', 'Hộ 1', 'XA-01', 90], ['A-2', 'Hộ 2', 'XA-02', 90], ['A-3', 'Hộ 3', 'XA-02', 10]];
    const p = tmp.write('cot.xlsx', writeWorkbook({ sheets: [{ name: 'DS', rows }], properties: { created: CREATED } }));
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 4, null, 'e1.xlsx'), form('XA-02', 4, null, 'e2.xlsx'), p], workers: false });
    expect(commune(a, 'XA-01').items['2.2']!.value).toBe(1);
    expect(commune(a, 'XA-02').items['2.2']!.value).toBe(1);
    expect(commune(a, 'XA-02').items['2.1']!.from).toEqual({ numerator: 1, denominator: 4 });
  });
});

describe('roll-up across runs (--from)', () => {
  it("the same commune scored in one run and from a results file gives the same unit entry", async () => {
    const c = criteria();
    const ho = roster('XA-01', households(7), 'ho-run.xlsx');
    const one = await assess({ criteria: c, phase: 'gd1', units: null, files: [form('XA-01', 25, null, 'f.xlsx'), ho], workers: false });
    const children = await assess({ criteria: c, phase: 'gd1', units: null, files: [ho], workers: false });
    const data = JSON.parse(JSON.stringify(buildResults(META, children.tiers, children.diagnostics)));
    const two = await assess({ criteria: c, phase: 'gd1', units: null, files: [form('XA-01', 25, null, 'f2.xlsx')], workers: false, fromResults: [{ path: 'ho/results.json', data }] });
    const strip = (u: ReturnType<typeof commune>) => JSON.stringify({ ...u, source: null });
    expect(strip(commune(two))).toBe(strip(commune(one)));
  });

  it('a results file that writes null self and assessed points, or leaves them out, gives the same (SPEC §6: readers accept both)', async () => {
    const c = criteria();
    const ho = roster('XA-01', households(7), 'ho-run.xlsx');
    const children = await assess({ criteria: c, phase: 'gd1', units: null, files: [ho], workers: false });
    const lean = JSON.parse(JSON.stringify(buildResults(META, children.tiers, children.diagnostics))) as { tiers: { units: { items: Record<string, Record<string, unknown>> }[] }[] };
    const items = lean.tiers.flatMap((t) => t.units).flatMap((u) => Object.values(u.items));
    // this run's file leaves the nulls out …
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((it) => 'self' in it || 'assessed' in it)).toEqual([]);
    // … an older writer's kept them
    const full = structuredClone(lean);
    for (const t of full.tiers) for (const u of t.units) for (const it of Object.values(u.items)) Object.assign(it, { self: null, assessed: null });
    const run = (data: unknown) => assess({ criteria: c, phase: 'gd1', units: null, files: [form('XA-01', 25, null, 'f2.xlsx')], workers: false, fromResults: [{ path: 'ho/results.json', data }] });
    const [a, b] = [await run(lean), await run(full)];
    expect(commune(a).items['2.1']!.from).toEqual({ numerator: 7, denominator: 25 });
    expect(JSON.stringify(commune(b))).toBe(JSON.stringify(commune(a)));
  });

  it('results of another phase are from-mismatch, and give nothing', async () => {
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 25, 30, 'g.xlsx')], workers: false, fromResults: [{ path: 'old.json', data: { format: 'thidua.results/v1', movement: 'thu-cap', phase: 'gd2', tiers: [] } }] });
    expect(a.diagnostics.filter((d) => d.code === 'from-mismatch').map((d) => [d.path, d.args.reason])).toEqual([['old.json', 'phase']]);
  });
});

describe('templates (SPEC §11)', () => {
  /** The roster template's header row (row 11 of its first sheet). */
  const header = async (path: string): Promise<unknown[]> => {
    const wb = await openWorkbook(new Uint8Array(readFileSync(path)));
    const head: unknown[] = [];
    await wb.readRows('Danh sách', (r, cells) => {
      if (r === 11) for (const cell of cells) head.push(cell.value.t === 'string' ? cell.value.v : null);
    });
    return head;
  };
  const fill = (parent: string, n: number, good: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `${parent}-H${i + 1}`, name: `Hộ ${i + 1}`, block: 'Thôn 1', parent, values: [i < good ? 85 : 50] }));

  it("a rolled-up tier's roster has a Cấp trên column that names each row's parent; the form's computed item keeps its self points and their place", async () => {
    const c = criteria();
    const [ho] = makeTemplates({ criteria: c, tier: 'ho', phase: 'gd1', units: null, lang: 'vi', date: CREATED, fill: { roster: [...fill('XA-01', 10, 7), ...fill('XA-02', 5, 1)] } });
    const hoPath = tmp.write('tpl-ho.xlsx', writeWorkbook(ho!.model));
    expect((await header(hoPath)).slice(0, 5)).toEqual(['Mã đơn vị', 'Tên', 'Khối', 'Cấp trên', 'H1 – Điểm tự đánh giá (điểm)']);
    // the commune claims the full 10 points on 2.1 (self points) and reports its 20 households
    const xaUnits = [{ id: 'XA-01', name: 'Xã Một', tier: 'xa' }, { id: 'XA-02', name: 'Xã Hai', tier: 'xa' }];
    const forms = makeTemplates({
      criteria: c, tier: 'xa', phase: 'gd1', units: xaUnits, lang: 'vi', date: CREATED,
      fill: { form: (unit, item) => (item.id === '2.0' ? { value: unit === 'XA-01' ? 20 : 5 } : item.id === '2.1' ? { self: 10 } : undefined) },
    });
    const formPaths = forms.map((f, i) => tmp.write(`tpl-xa-${i}.xlsx`, writeWorkbook(f.model)));
    const a = await assess({ criteria: c, phase: 'gd1', units: null, files: [...formPaths, hoPath], workers: false });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.diagnostics.filter((d) => d.code === 'no-parent')).toEqual([]);
    expect(commune(a, 'XA-01').items['2.1']).toMatchObject({ value: 35, self: 10, from: { numerator: 7, denominator: 20 } });
    expect(commune(a, 'XA-02').items['2.1']).toMatchObject({ value: 20, from: { numerator: 1, denominator: 5 } });
    // 10 claimed, 5 computed (35 % of a 70 % target): the warning names the form's self cell
    const differs = a.diagnostics.find((d) => d.code === 'self-score-differs' && d.unit === 'XA-01' && d.args.item === '2.1')!;
    expect(differs.path).toBe(formPaths[0]);
    expect(differs.cell).toMatch(/^E\d+$/);
  });

  it('a roster no tier rolls up has no Cấp trên column', async () => {
    // (two items: a one-item roster is too narrow for the letterhead's merges)
    const twoItems = YAML.replace('          - { id: H1, title: Điểm tự đánh giá, input: points, max: 100 }', '          - { id: H1, title: Điểm tự đánh giá, input: points, max: 50 }\n          - { id: H2, title: Góc học tập, input: yes_no, points: 50 }');
    const plain = criteria(twoItems.replace(/^\s+from: .*\n/gm, '').replace(/from: \{[^}]*\}, /g, ''));
    const [ho] = makeTemplates({ criteria: plain, tier: 'ho', phase: 'gd1', units: null, lang: 'vi', date: CREATED, rosterRows: 2 });
    expect(await header(tmp.write('tpl-ho-plain.xlsx', writeWorkbook(ho!.model)))).toEqual(['Mã đơn vị', 'Tên', 'Khối', 'H1 – Điểm tự đánh giá (điểm)', 'H2 – Góc học tập (Có/Không)']);
  });
});

describe('lint (SPEC §11)', () => {
  it('a loop between two tiers is rollup-cycle at the from of the item that closes it', () => {
    const looped = YAML.replace('          - { id: H1, title: Điểm tự đánh giá, input: points, max: 100 }', '          - { id: H1, title: Điểm tự đánh giá, input: points, max: 100 }\n          - { id: H2, title: Vòng, input: percent, from: { tier: xa, measure: share, classes: [tot] }, linear: { target: 1, points: 0 } }');
    const l = loadCriteria(looped, 'criteria.yaml');
    const cyc = l.diagnostics.filter((d) => d.code === 'rollup-cycle');
    expect(cyc).toHaveLength(1);
    // the loop is closed by ho's item H2 rolling up from xa, which already rolls up from ho
    const line = looped.split('\n').findIndex((x) => x.includes('from: { tier: xa')) + 1;
    expect([cyc[0]!.line, cyc[0]!.args.cycle]).toEqual([line, 'xa → ho → xa']);
  });

  it('an unknown tier is unknown-tier; unknown classes are unknown-class', () => {
    const l = loadCriteria(YAML.replace('from: { tier: ho, measure: count, classes: [gdht] }', 'from: { tier: hoo, measure: count, classes: [gdht] }').replace('classes: [gdht], of:', 'classes: [gdhtt], of:'), 'criteria.yaml');
    expect(l.diagnostics.map((d) => [d.code, d.args.tier ?? d.args.class])).toEqual(expect.arrayContaining([['unknown-tier', 'hoo'], ['unknown-class', 'gdhtt']]));
  });
});

describe('statistics (SPEC §11, Thống kê)', () => {
  it('per parent: submitted, scored, classes, the target reached; the total row is the sum of the rows', async () => {
    const a = await assess({ criteria: criteria(), phase: 'gd1', units: null, files: [form('XA-01', 10, null, 's1.xlsx'), form('XA-02', 20, null, 's2.xlsx'), roster('XA-01', households(7), 's-ho1.xlsx'), roster('XA-02', [85, 85, 50], 's-ho2.xlsx')], workers: false });
    const st = a.statistics.find((s) => s.tier === 'ho')!;
    expect(st.targets).toEqual([{ tier: 'xa', item: '2.1', title: 'Tỷ lệ hộ được công nhận', target: 70 }]);
    const byParent = Object.fromEntries(st.rows.map((r) => [r.parent, r]));
    expect(byParent['XA-01']).toMatchObject({ submitted: 20, scored: 20, classes: [7, 13], reached: [{ value: 70, met: true }] });
    expect(byParent['XA-02']).toMatchObject({ submitted: 3, scored: 3, classes: [2, 1], reached: [{ value: 10, met: false }] });
    const sum = (k: 'submitted' | 'scored') => st.rows.reduce((n, r) => n + r[k], 0);
    expect([st.total.submitted, st.total.scored]).toEqual([sum('submitted'), sum('scored')]);
    // no units file lists the households: nothing is "registered", and the sheet says so with a dash
    expect([st.total.registered, ...st.rows.map((r) => r.registered)]).toEqual([null, null, null]);
    expect(st.total.classes).toEqual(st.rows.reduce((acc, r) => acc.map((n, i) => n + r.classes[i]!), [0, 0]));
  });
});
