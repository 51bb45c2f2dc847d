import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_BUILD, ROOT, thidua } from './run.js';

/** Two units tie across the edge of a one-flag quota; the council gives the flag to one of them. */
const CRITERIA = `format: thidua.criteria/v1
movement:
  id: thu-nghiem
  title: Phong trào thử nghiệm
  issuer: UBND tỉnh Thử Nghiệm
  place: Gia Lai
phases:
  - { id: gd1, title: Giai đoạn 1, from: 2024-01-01, to: 2025-12-31 }
  - { id: gd2, title: Giai đoạn 2, from: 2026-01-01, to: 2030-12-31 }
classes:
  - { id: xs, title: Xuất sắc, min: 80 }
  - { id: dat, title: Đạt, min: 0 }
tiers:
  - id: xa
    title: Xã
    layout: roster
    max: 100
    rank_by: block
    awards:
      - { id: co_thi_dua, title: Cờ thi đua của UBND tỉnh, per_block: 1, min_class: xs }
      - { id: bang_khen, title: Bằng khen, per_block: 1, min_class: xs, phases: [gd2] }
    criteria:
      - id: "1"
        title: Kết quả
        max: 100
        items:
          - { id: "1.1", title: Điểm đánh giá, input: points, max: 100 }
`;

const DECISIONS = `format: thidua.decisions/v1
phase: gd1
decisions:
  - { unit: XA-02, award: co_thi_dua, grant: true, reason: "Biên bản họp Hội đồng ngày 10/12/2025" }
`;

const UNITS: [string, string, number][] = [
  ['XA-01', 'UBND xã Alpha', 90],
  ['XA-02', 'UBND xã Beta', 90],
  ['XA-03', 'UBND xã Gamma', 70],
];

const REASON = 'Biên bản họp Hội đồng ngày 10/12/2025';

describe.skipIf(!HAS_BUILD)('the council decides a tie (SPEC §12)', () => {
  let dir = '';
  let out = '';
  let before = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-decide-'));
    writeFileSync(join(dir, 'criteria.yaml'), CRITERIA);
    writeFileSync(join(dir, 'decisions.yaml'), DECISIONS);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Mã đơn vị', 'Tên', 'Khối', '1.1']);
    for (const [id, name, pts] of UNITS) ws.addRow([id, name, 'Khối 1', pts]);
    await wb.xlsx.writeFile(join(dir, 'xa.xlsx'));
    before = join(dir, 'before');
    out = join(dir, 'out');
    const a = thidua(['score', 'criteria.yaml', 'xa.xlsx', '--phase', 'gd1', '--tier', 'xa', '--date', '2025-12-15', '-o', before, '--quiet'], dir);
    expect(a.code, a.stderr + a.stdout).toBe(0);
    const b = thidua(['score', 'criteria.yaml', 'xa.xlsx', '--phase', 'gd1', '--tier', 'xa', '--date', '2025-12-15', '--decisions', 'decisions.yaml', '-o', out, '--quiet'], dir);
    expect(b.code, b.stderr + b.stdout).toBe(0);
  }, 120_000);

  const json = (d: string): { inputs: { path: string; sha256: string }[]; tiers: { award_lists: Record<string, unknown>[]; units: Record<string, unknown>[] }[] } => JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));

  it('without decisions the two are tied and neither gets the flag', () => {
    const t = json(before).tiers[0]!;
    expect(t.award_lists.find((l) => l.award === 'co_thi_dua')).toMatchObject({ quota: 1, units: [], ties: ['XA-01', 'XA-02'] });
  });

  it('results.json: the granted unit holds the award, decided with the reason; the other not; no tie left', () => {
    const r = json(out);
    const t = r.tiers[0]!;
    const u = (id: string): Record<string, unknown> => t.units.find((x) => x.id === id)!;
    expect(u('XA-02')).toMatchObject({ awards: ['co_thi_dua'], award_ties: [], decisions: [{ award: 'co_thi_dua', grant: true, reason: REASON }] });
    expect(u('XA-01')).toMatchObject({ awards: [], award_ties: [] });
    expect(u('XA-01').decisions).toBeUndefined();
    // points, classes and ranks as scored
    expect([u('XA-01').total, u('XA-01').class, u('XA-01').rank, u('XA-02').rank]).toEqual([90, 'xs', 1, 1]);
    expect(t.award_lists.find((l) => l.award === 'co_thi_dua')).toEqual({ award: 'co_thi_dua', block: 'Khối 1', quota: 1, units: ['XA-02'], ties: [], decided: [{ unit: 'XA-02', award: 'co_thi_dua', grant: true, reason: REASON }] });
    // an award of other phases does not exist in this one
    expect(t.award_lists.map((l) => l.award)).not.toContain('bang_khen');
    // the decisions file is an input, hashed
    expect(r.inputs.find((i) => i.path === 'decisions.yaml')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const x of t.units) expect(JSON.stringify(x.why ?? [])).not.toContain('award-tie');
  });

  it('results.json with decisions is valid against schemas/results.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'results.schema.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
    const validate = ajv.compile(schema);
    validate(json(out));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('decisions: in thidua.yaml is read like --decisions', () => {
    writeFileSync(join(dir, 'thidua.yaml'), 'criteria: criteria.yaml\nsubmissions: xa.xlsx\nphase: gd1\ndecisions: decisions.yaml\n');
    const r = thidua(['score', '-o', join(dir, 'project'), '--date', '2025-12-15', '--quiet'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'project', 'results.json'), 'utf8')).toBe(readFileSync(join(out, 'results.json'), 'utf8'));
  });

  it('results.xlsx: ranking and award list show the unit as decided, with the reason; the other without', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'results.xlsx'));
    const rows = (name: string): string[][] => {
      const ws = wb.getWorksheet(name)!;
      expect(ws, name).toBeDefined();
      const all: string[][] = [];
      ws.eachRow((r) => all.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      return all;
    };
    const ranking = rows('Xếp hạng – xa');
    const r2 = ranking.find((r) => r[1] === 'XA-02')!.join(' | ');
    const r1 = ranking.find((r) => r[1] === 'XA-01')!.join(' | ');
    expect(r2).toContain('Cờ thi đua của UBND tỉnh (Hội đồng quyết định)');
    expect(r2).toContain(REASON);
    expect(r1).not.toContain('Cờ thi đua của UBND tỉnh (');
    expect(r1).not.toContain(REASON);
    expect(r1).not.toContain('Đồng hạng');
    const list = rows('Khen thưởng – xa – co_thi_dua');
    expect(list.some((r) => r.includes('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'))).toBe(true);
    const l2 = list.find((r) => r[1] === 'XA-02')!;
    expect(l2).toEqual(['1', 'XA-02', 'UBND xã Beta', 'Khối 1', '90', 'Xuất sắc', '1', 'Hội đồng quyết định khen thưởng', REASON]);
    expect(list.find((r) => r[1] === 'XA-01')).toBeUndefined();
  });

  it('summary.md: decided with the reason, no tie section', () => {
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    const line = (id: string): string => md.split('\n').find((l) => l.includes(`| ${id} |`))!;
    expect(line('XA-02')).toContain('Cờ thi đua của UBND tỉnh (Hội đồng quyết định)');
    expect(line('XA-02')).toContain(`Hội đồng quyết định khen thưởng Cờ thi đua của UBND tỉnh: ${REASON}`);
    expect(line('XA-01')).not.toContain('Hội đồng quyết định');
    expect(line('XA-01')).not.toContain('đồng hạng');
    expect(md).not.toContain('Đồng hạng ở ngưỡng khen thưởng');
    expect(md).toContain(`- UBND xã Beta (XA-02): Hội đồng quyết định khen thưởng Cờ thi đua của UBND tỉnh: ${REASON}`);
  });

  it('bao-cao.docx: the annex lists the unit as decided with the reason, the other not at all', () => {
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(out, 'bao-cao.docx'))))['word/document.xml']!);
    const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
    expect(text).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(text).toContain(`Hội đồng quyết định khen thưởng: ${REASON}`);
    expect(text).toContain(`UBND xã Beta (XA-02): Hội đồng quyết định khen thưởng Cờ thi đua của UBND tỉnh: ${REASON}`);
    const annex = text.slice(text.indexOf('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'));
    expect(annex).toContain('UBND xã Beta');
    expect(annex).not.toContain('UBND xã Alpha');
  });

  it('unknown units, awards and phases are decision-unknown; the same decision twice is duplicate-entry', () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      `format: thidua.decisions/v1
phase: gd1
decisions:
  - { unit: XA-99, award: co_thi_dua, grant: true, reason: "x" }
  - { unit: XA-01, award: bang_khen, grant: true, reason: "x" }
  - { unit: XA-01, award: co_thi_dua, grant: true, reason: "a" }
  - { unit: XA-01, award: co_thi_dua, grant: false, reason: "b" }
`,
    );
    const r = thidua(['score', 'criteria.yaml', 'xa.xlsx', '--phase', 'gd1', '--decisions', 'bad.yaml', '-o', join(dir, 'bad'), '--format', 'json', '--quiet'], dir);
    expect(r.code).toBe(1);
    const found = (JSON.parse(readFileSync(join(dir, 'bad', 'results.json'), 'utf8')) as { diagnostics: { code: string; line: number; path: string }[] }).diagnostics.filter((d) => d.path === 'bad.yaml').map((d) => [d.code, d.line]);
    expect(found).toEqual([
      ['decision-unknown', 4],
      ['decision-unknown', 5],
      ['duplicate-entry', 7],
    ]);
    writeFileSync(join(dir, 'phase.yaml'), DECISIONS.replace('phase: gd1', 'phase: gd9'));
    const p = thidua(['score', 'criteria.yaml', 'xa.xlsx', '--phase', 'gd1', '--decisions', 'phase.yaml', '-o', join(dir, 'phase'), '--quiet'], dir);
    expect(p.code).toBe(1);
    expect(p.stdout).toContain('decision-unknown');
  });

  it('lint recognises a decisions file and checks it against the schema with line:column', () => {
    writeFileSync(join(dir, 'typo.yaml'), DECISIONS.replace('grant: true', 'grnat: true'));
    const r = thidua(['lint', 'typo.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as { code: string; line: number }[] | { diagnostics: { code: string; line: number }[] };
    const list = Array.isArray(d) ? d : d.diagnostics;
    expect(list.map((x) => x.code)).toContain('schema');
    expect(list.every((x) => x.line === 4)).toBe(true);
    expect(thidua(['lint', 'decisions.yaml'], dir).code).toBe(0);
  });
});
