import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUnitsXlsx } from '../../src/units/xlsx.js';
import { loadUnits } from '../../src/units/load.js';
import { assess } from '../../src/run/assess.js';
import { loadCriteria } from '../../src/criteria/load.js';
import { buildResults } from '../../src/report/results.js';
import { writeWorkbook } from '../../src/workbook/write/index.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const CREATED = new Date('2024-01-01T00:00:00Z');

describe.skipIf(!HAS_BUILD)('thidua init (built binary)', () => {
  it('copies a project that scores with no arguments, and refuses to overwrite it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'thidua-init-')), 'du-an');
    const r = thidua(['init', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'criteria.yaml', 'schemas', 'submissions', 'thidua.yaml', 'units.yaml']);
    // the editor finds the schema in the project's own copy, which moves with the folder
    expect(readFileSync(join(dir, 'criteria.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/criteria.schema.json');
    expect(readFileSync(join(dir, 'units.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/units.schema.json');
    expect(readFileSync(join(dir, 'schemas', 'criteria.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas', 'criteria.schema.json'), 'utf8'));
    const s = thidua(['score', '-q'], dir);
    expect(s.code).toBe(1); // the example's deliberate error in phase gd1 (README.md); every tier is still written
    expect(JSON.parse(readFileSync(join(dir, 'thidua-out', 'results.json'), 'utf8')).tiers.length).toBe(8);
    const again = thidua(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/chọn thư mục trống/);
  });
});

describe('units file as a workbook', () => {
  it('reads the same units as the YAML file, by its Vietnamese or English headers', async () => {
    const yaml = loadUnits(readFileSync(join(EXAMPLE, 'units.yaml')), 'units.yaml').units;
    const rows = [
      ['Danh sách đơn vị đăng ký thi đua'],
      [],
      ['Mã đơn vị', 'Tên đơn vị', 'Đối tượng thi đua', 'Khối', 'Đơn vị cấp trên', 'Giai đoạn', 'Kế thừa'],
      ...yaml.map((u) => [u.id, u.name, u.tier, u.block ?? null, u.parent ?? null, u.phases?.join(', ') ?? null, u.successor ?? null]),
    ];
    const bytes = writeWorkbook({ sheets: [{ name: 'Đơn vị', rows }], properties: { created: CREATED } });
    const got = await loadUnitsXlsx(bytes, 'units.xlsx');
    expect(got.diagnostics).toEqual([]);
    expect(got.units.map(({ line: _l, ...u }) => u)).toEqual(yaml.map(({ line: _l, ...u }) => u));
  });

  it('names a duplicate id by its cell', async () => {
    const bytes = writeWorkbook({ sheets: [{ name: 'DS', rows: [['id', 'name', 'tier'], ['A', 'Một', 'xa'], ['A', 'Hai', 'xa']] }], properties: { created: CREATED } });
    const got = await loadUnitsXlsx(bytes, 'u.xlsx');
    expect(got.diagnostics.map((d) => [d.code, d.cell])).toEqual([['duplicate-id', 'A3']]);
  });
});

describe('order of rows', () => {
  it('shuffling a roster\'s rows gives the same results', async () => {
    const { criteria } = loadCriteria(readFileSync(join(EXAMPLE, 'criteria.yaml')), 'criteria.yaml');
    // the example's communes roll households up (SPEC §11): each row names its commune, so no row is a no-parent warning at its cell
    const head = ['Mã đơn vị', 'Tên', 'Khối', 'Cấp trên', '1.1', '1.2', '2.1', '2.2', '3.1', '3.2', 'T.1', 'D.1'];
    const body = Array.from({ length: 30 }, (_, i) => [`HO-${i}`, `Hộ ${['An', 'Bình', 'Đào', 'Dung'][i % 4]}`, `Thôn ${i % 3}`, `XA-00${1 + (i % 3)}`, 'Có', 40 + (i % 7) * 5, i % 2 ? 'Có' : 'Không', i % 4, 'Có', i % 5, 'Không', 'Không']);
    const shuffled = [...body].sort((a, b) => (String(a[1]) + a[0] < String(b[1]) + b[0] ? 1 : -1));
    const outs: string[] = [];
    for (const rows of [body, shuffled]) {
      const dir = mkdtempSync(join(tmpdir(), 'thidua-rows-'));
      const p = join(dir, 'ds.xlsx');
      writeFileSync(p, writeWorkbook({ sheets: [{ name: 'DS', rows: [['Đối tượng thi đua:', 'ho_gia_dinh'], head, ...rows] }], properties: { created: CREATED } }));
      const a = await assess({ criteria: criteria!, phase: 'gd1', units: null, files: [p], workers: false });
      const meta = { movement: 'm', phase: 'gd1', tool: { name: 'thidua', version: '0' }, date: null, criteria: { path: 'c', sha256: '0'.repeat(64) }, units: null, inputs: [], lang: 'vi' as const };
      // the file's own path and each unit's row move with the shuffle; nothing else may
      const res = buildResults(meta, a.tiers, a.diagnostics) as { tiers: { units: { source: { row?: number } | null }[] }[] };
      for (const t of res.tiers) for (const u of t.units) if (u.source) delete u.source.row;
      outs.push(JSON.stringify(res).split(dir).join('<dir>'));
    }
    expect(outs[1]).toBe(outs[0]);
  });
});
