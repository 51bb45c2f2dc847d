import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HAS_BUILD, ROOT, thidua } from './run.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const SOFFICE = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0);

/** Re-saves a workbook as LibreOffice Calc does when a clerk opens and saves it. */
function resave(file: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, file], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`LibreOffice failed: ${r.stderr}`);
  return join(outDir, file.split('/').pop()!);
}

/** Values a unit types, by input kind, chosen to hit text, decimals and edge cases. */
const TYPED: Record<string, { typed: ExcelJS.CellValue; read: number | boolean }> = {
  yes_no: { typed: 'Có', read: true },
  percent: { typed: '52,18', read: 52.18 },
  count: { typed: 3, read: 3 },
  number: { typed: 1234.5, read: 1234.5 },
  points: { typed: 2.5, read: 2.5 },
};

function kindOf(title: string): string {
  if (title.includes('(Có/Không')) return 'yes_no';
  if (title.includes('(%')) return 'percent';
  if (title.includes('(số lượng')) return 'count';
  if (title.includes('(điểm')) return 'points';
  return 'number';
}

describe.skipIf(!HAS_BUILD || !SOFFICE)(`template → filled by another library → re-saved by LibreOffice → read back${SOFFICE ? '' : ' (skipped: LibreOffice is not installed; .ci/run installs libreoffice-calc-nogui)'}`, () => {
  it('reads back exactly the values filled in (form tier)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-rt-'));
    const t = thidua(['template', join(EXAMPLE, 'criteria.yaml'), '--tier', 'so_nganh', '--phase', 'gd2', '--units', join(EXAMPLE, 'units.yaml'), '-o', join(work, 'tpl')], work);
    expect(t.code).toBe(0);
    const file = readdirSync(join(work, 'tpl')).sort()[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, 'tpl', file));
    const ws = wb.worksheets.find((w) => w.state === 'visible')!;
    const filled = new Map<string, number | boolean>();
    ws.eachRow((row) => {
      const code = row.getCell(1).value;
      const title = String(row.getCell(2).value ?? '');
      // item rows only: merged letterhead and signature cells repeat their text across the merge
      if (typeof code !== 'string' || !/^[\w.]+$/.test(code) || !title.includes('(')) return;
      const v = TYPED[kindOf(title)]!;
      row.getCell(4).value = v.typed;
      filled.set(code, v.read);
    });
    expect(filled.size).toBeGreaterThan(10);
    mkdirSync(join(work, 'filled'));
    mkdirSync(join(work, 'saved'));
    await wb.xlsx.writeFile(join(work, 'filled', 'unit.xlsx'));
    resave(join(work, 'filled', 'unit.xlsx'), join(work, 'saved'));
    const s = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(work, 'saved'), '--phase', 'gd2', '--tier', 'so_nganh', '-o', join(work, 'out')], work);
    expect(s.code, s.stdout + s.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(work, 'out', 'results.json'), 'utf8'));
    const unit = res.tiers[0].units.find((u: { status: string }) => u.status === 'scored');
    expect(unit.id).toBe(file.split(' - ')[0]);
    for (const [id, v] of filled) expect(unit.items[id].value, id).toBe(v);
    // gd2-only items are in the workbook; no item of another phase is
    expect(Object.keys(unit.items).sort()).toEqual([...filled.keys()].sort());
  }, 240_000);

  it('reads back a roster typed into the template', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-rt-'));
    expect(thidua(['template', join(EXAMPLE, 'criteria.yaml'), '--tier', 'ca_nhan', '--phase', 'gd1', '-o', join(work, 'tpl')], work).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, 'tpl', 'ca_nhan-gd1.xlsx'));
    const ws = wb.worksheets.find((w) => w.state === 'visible')!;
    const header = ws.getRow(11);
    const cols: { col: number; id: string; kind: string }[] = [];
    header.eachCell((c, col) => {
      const text = String(c.value);
      // the example's communes roll citizens up (SPEC §11): column 4 is Cấp trên, each row's commune
      if (col === 4) expect(text).toBe('Cấp trên');
      else if (col > 3) cols.push({ col, id: text.split(' – ')[0]!, kind: kindOf(text) });
    });
    const people = [
      ['CN-1', 'Nguyễn Thị Mai', 'Thôn 1', 'XA-019'],
      ['CN-2', 'Ksor H\'Hen', 'Thôn 2', 'XA-019'],
    ];
    people.forEach((p, i) => {
      const row = ws.getRow(12 + i);
      p.forEach((v, j) => (row.getCell(j + 1).value = v));
      for (const c of cols) row.getCell(c.col).value = TYPED[c.kind]!.typed;
    });
    mkdirSync(join(work, 'filled'));
    mkdirSync(join(work, 'saved'));
    await wb.xlsx.writeFile(join(work, 'filled', 'roster.xlsx'));
    resave(join(work, 'filled', 'roster.xlsx'), join(work, 'saved'));
    const s = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(work, 'saved'), '--phase', 'gd1', '-o', join(work, 'out')], work);
    expect(s.code, s.stdout + s.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(work, 'out', 'results.json'), 'utf8'));
    const units = res.tiers.find((t: { id: string }) => t.id === 'ca_nhan').units;
    expect(units.map((u: { id: string }) => u.id).sort()).toEqual(['CN-1', 'CN-2']);
    const u = units.find((x: { id: string }) => x.id === 'CN-2');
    expect(u.name).toBe("Ksor H'Hen");
    expect(u.block).toBe('Thôn 2');
    expect(u.parent).toBe('XA-019');
    for (const c of cols) expect(u.items[c.id].value, c.id).toBe(TYPED[c.kind]!.read);
  }, 240_000);
});
