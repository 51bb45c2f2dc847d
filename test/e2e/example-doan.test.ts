import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { golden, projection } from './golden.js';

/** The second bundled example: a Huyện đoàn's yearly table with choices, cases and requires (SPEC §14). */
const EXAMPLE = join(ROOT, 'examples', 'doan-thanh-nien');
/** The command of the example's README.md. */
const COMMAND = ['score', 'criteria.yaml', 'submissions/n2024', '--phase', 'n2024', '--units', 'units.yaml'];

type Item = { value: unknown; points: number; self?: number | null };
type Unit = { id: string; total: number | null; class: string | null; awards: string[]; why: { code: string }[]; items: Record<string, Item>; groups: Record<string, number> };
type Results = { tiers: { id: string; units: Unit[] }[]; diagnostics: { code: string; unit?: string; cell: string | null }[] };

function score(extra: string[] = []): { code: number; stdout: string; results: string; summary: string; xlsx: string } {
  const out = mkdtempSync(join(tmpdir(), 'thidua-doan-'));
  const r = thidua([...COMMAND, '-o', out, ...extra], EXAMPLE);
  return { code: r.code, stdout: r.stdout.split(out).join('<out>'), results: readFileSync(join(out, 'results.json'), 'utf8'), summary: readFileSync(join(out, 'summary.md'), 'utf8'), xlsx: join(out, 'results.xlsx') };
}



describe.skipIf(!HAS_BUILD)('the second example (doan-thanh-nien), end to end', () => {
  it('scores with its README command as recorded, byte for byte, twice', async () => {
    const a = score(['--date', '2024-12-31']);
    expect(a.code).toBe(0);
    golden('doan-n2024.results.json', a.results);
    golden('doan-n2024.stdout.txt', `$ thidua ${COMMAND.join(' ')} -o <out>\n# exit ${a.code}\n${a.stdout}`);
    golden('doan-n2024.summary.md', a.summary);
    golden('doan-n2024.results.xlsx.txt', await projection(a.xlsx));
    const b = score(['--date', '2024-12-31']);
    expect(b.results).toBe(a.results);
    expect(b.summary).toBe(a.summary);
  });

  it('matches schemas/results.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'results.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
    validate(JSON.parse(score().results));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('gives the figures worked out by hand', () => {
    const res = JSON.parse(score().results) as Results;
    const get = (id: string): Unit => res.tiers.flatMap((t) => t.units).find((u) => u.id === id)!;
    // X02: 1.1 typed without diacritics → du, 5; 2.2 10 × 78 / 80 = 9.75; group 2 = 15 + 9.75 + 10 = 34.75;
    //   3.2 = 1 monthly report missing, 3.3 = 0 → the second case, 6; group 3 = 10 + 6 + 7 + 15 = 38;
    //   total 25 + 34.75 + 38 − 5 (D.1) = 92.75: vmxs by the total, but a member was disciplined → vm
    const x02 = get('X02');
    expect([x02.items['1.1']!.value, x02.items['1.1']!.points, x02.items['2.2']!.points, x02.items['3.4']!.points]).toEqual(['du', 5, 9.75, 6]);
    expect([x02.total, x02.class, x02.why.map((w) => w.code)]).toEqual([92.75, 'vm', ['requirement-unmet']]);
    // X04: 3 monthly, 1 quarterly missing → the third case, 4 (the unit claimed 8)
    expect(get('X04').items['3.4']).toMatchObject({ value: null, points: 4, self: 8 });
    expect(res.diagnostics.some((d) => d.code === 'self-score-differs' && d.unit === 'X04')).toBe(true);
    // X06: the quarterly figure blank → missing-value, and 3.4 scores 0; K03: 4 monthly missing → no case, 0
    expect(get('X06').items['3.4']!.points).toBe(0);
    expect(res.diagnostics.some((d) => d.code === 'missing-value' && d.unit === 'X06' && d.cell === 'D24')).toBe(true);
    expect(get('K03').items['3.4']!.points).toBe(0);
    // X05: group 2 = 5 + 8.75 + 6 = 19.75 of 35 (56.43 %) under vm's 70 %: 89.75 points, Khá
    expect([get('X05').total, get('X05').class]).toEqual([89.75, 'kha']);
    // X03: no yearly programme (1.1 at 0 of the 3 needed): 93 points, Vững mạnh
    expect([get('X03').items['1.1']!.value, get('X03').total, get('X03').class]).toEqual(['khong', 93, 'vm']);
    // the info items score nothing
    expect(get('X04').items['3.2']).toMatchObject({ value: 3, points: 0 });
  });

  it('a notice shows the level\'s title and the case that held, and the reason a class was withheld', async () => {
    const out = mkdtempSync(join(tmpdir(), 'thidua-doan-'));
    expect(thidua([...COMMAND, '-o', out, '--notices', '-q'], EXAMPLE).code).toBe(0);
    const text = async (name: string): Promise<string[]> => {
      const wb = await openWorkbook(new Uint8Array(readFileSync(join(out, 'thong-bao', 'doan_xa', name))));
      const seen: string[] = [];
      await wb.readRows(wb.sheets[0]!.name, (_r, cells) => {
        for (const c of cells) if (c.value.t === 'string') seen.push(c.value.v);
      });
      return seen;
    };
    const x04 = await text(readdirSync(join(out, 'thong-bao', 'doan_xa')).find((f) => f.startsWith('X04'))!);
    expect(x04).toContain('Có chương trình năm, không tổ chức hội nghị');
    expect(x04).toContain('3.2 ≤ 3, 3.3 ≤ 1 → 4');
    const x02 = await text(readdirSync(join(out, 'thong-bao', 'doan_xa')).find((f) => f.startsWith('X02'))!);
    expect(x02.some((s) => s.includes('bị trừ 5 điểm, trong khi loại Vững mạnh xuất sắc chỉ cho phép trừ tối đa 0 điểm'))).toBe(true);
  });

  it('init --example doan-thanh-nien copies it, and it scores with no arguments', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'thidua-init-')), 'doan');
    expect(thidua(['init', '--example', 'doan-thanh-nien', dir]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'criteria.yaml', 'schemas', 'submissions', 'thidua.yaml', 'units.yaml']);
    const s = thidua(['score', '-q'], dir);
    expect(s.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'thidua-out', 'results.json'), 'utf8')).tiers.map((t: { id: string }) => t.id)).toEqual(['doan_xa', 'doan_khoi']);
    const bad = thidua(['init', '--example', 'khong-co', join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/gia-lai-hoc-tap-suot-doi, doan-thanh-nien/);
  });
});
