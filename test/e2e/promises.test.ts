import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { osReason, writeAtomic } from '../../src/cli/io.js';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { BIN, HAS_BUILD, ROOT, thidua } from './run.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out.set(p, sha(p));
    }
  };
  walk(dir);
  return out;
}

/** Every cell value of every sheet, for "cell for cell" comparison of two workbooks. */
async function cells(path: string): Promise<string> {
  const wb = await openWorkbook(new Uint8Array(readFileSync(path)));
  const out: string[] = [];
  for (const s of wb.sheets) {
    await wb.readRows(s.name, (r, cs) => {
      out.push(`${s.name}!${r}:${JSON.stringify(cs.map((c) => [c.col, c.value, c.fmt]))}`);
    });
  }
  return out.join('\n');
}

/** A roster of n households written by another library, with hostile names in it. */
async function roster(path: string, n: number, names: string[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['Đối tượng thi đua:', 'ho_gia_dinh']);
  ws.addRow(['Giai đoạn:', 'gd1']);
  ws.addRow(['Mã đơn vị', 'Tên', 'Khối', '1.1', '1.2', '2.1', '2.2', '3.1', '3.2', 'T.1', 'D.1']);
  for (let i = 0; i < n; i++) {
    ws.addRow([`HO-${i}`, names[i] ?? `Hộ ông Nguyễn Văn ${i}`, `Thôn ${i % 7}`, 'Có', 40 + (i % 60), i % 2 ? 'Có' : 'Không', i % 5, 'Có', i % 6, 'Không', 'Không']);
  }
  await wb.xlsx.writeFile(path);
}

describe.skipIf(!HAS_BUILD)('the promises (built binary)', () => {
  it('never writes to its inputs', () => {
    const before = hashTree(EXAMPLE);
    const out = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    // exit 1: phase gd1 of the example holds a deliberate error (its README.md); the outputs are written all the same
    expect(thidua(['score', 'criteria.yaml', 'submissions/gd1', '--phase', 'gd1', '--units', 'units.yaml', '-o', out], EXAMPLE).code).toBe(1);
    expect(hashTree(EXAMPLE)).toEqual(before);
  });

  it('refuses an output path that is one of the inputs', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    await roster(join(work, 'results.xlsx'), 3);
    const r = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(work, 'results.xlsx'), '--phase', 'gd1', '-o', work], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trùng với một tệp đầu vào/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('gives byte-identical JSON and Markdown and cell-identical Excel on a re-run', async () => {
    const a = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    const b = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    // exit 1: the example's deliberate error in phase gd1 (its README.md); a rejected unit is part of what must repeat
    for (const out of [a, b]) expect(thidua(['score', '-o', out, '-q'], EXAMPLE).code).toBe(1);
    expect(readFileSync(join(a, 'results.json'))).toEqual(readFileSync(join(b, 'results.json')));
    expect(readFileSync(join(a, 'summary.md'))).toEqual(readFileSync(join(b, 'summary.md')));
    expect(await cells(join(a, 'results.xlsx'))).toBe(await cells(join(b, 'results.xlsx')));
  });

  it('keeps input text as text: no formula in Excel, no markup in Markdown', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    mkdirSync(join(work, 'in'));
    const evil = ['=1+1', 'A | B', '<b>x</b>', '=HYPERLINK("http://x","y")', '[a](javascript:alert(1))'];
    await roster(join(work, 'in', 'ds.xlsx'), evil.length, evil);
    const r = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(work, 'in'), '--phase', 'gd1', '-o', join(work, 'out')], work);
    expect(r.code).toBe(0);
    const md = readFileSync(join(work, 'out', 'summary.md'), 'utf8');
    expect(md).not.toContain('<b>x</b>');
    expect(md).not.toMatch(/\| A \| B \|/);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, 'out', 'results.xlsx'));
    let seen = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string' && evil.includes(c.value)) seen++;
          expect(c.formula ?? null, `${ws.name}!${c.address}`).toBeNull();
        }),
      ),
    );
    expect(seen).toBeGreaterThanOrEqual(evil.length);
  });

  it('accounts for every row read: scored + rejected, duplicates reported', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    mkdirSync(join(work, 'in'));
    await roster(join(work, 'in', 'a.xlsx'), 20);
    // b.xlsx repeats HO-3 (a duplicate entry) and has a bad value for HO-100
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Mã đơn vị', 'Tên', 'Khối', '1.1', '1.2']);
    ws.addRow(['HO-3', 'Hộ 3', 'Thôn 3', 'Có', 50]);
    ws.addRow(['HO-100', 'Hộ 100', 'Thôn 1', 'Có', 'nhiều']);
    await wb.xlsx.writeFile(join(work, 'in', 'b.xlsx'));
    const r = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(work, 'in'), '--phase', 'gd1', '-o', join(work, 'out')], work);
    expect(r.code).toBe(1);
    const res = JSON.parse(readFileSync(join(work, 'out', 'results.json'), 'utf8'));
    const t = res.tiers.find((x: { id: string }) => x.id === 'ho_gia_dinh');
    // 22 rows read for 21 distinct units: 19 scored, HO-3 rejected (duplicate), HO-100 rejected (bad value)
    expect(t.units).toHaveLength(21);
    expect(t.stats).toMatchObject({ submitted: 21, scored: 19, rejected: 2 });
    const codes = (res.diagnostics as { code: string; unit?: string }[]).map((d) => `${d.code}:${d.unit}`);
    expect(codes).toContain('duplicate-entry:HO-3');
    expect(codes).toContain('bad-value:HO-100');
  });

  it('leaves the previous outputs whole when killed mid-run', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-p-'));
    mkdirSync(join(work, 'small'));
    mkdirSync(join(work, 'big'));
    await roster(join(work, 'small', 'ds.xlsx'), 10);
    await roster(join(work, 'big', 'ds.xlsx'), 20000);
    const out = join(work, 'out');
    const crit = join(EXAMPLE, 'criteria.yaml');
    expect(thidua(['score', crit, join(work, 'small'), '--phase', 'gd1', '-o', out, '-q'], work).code).toBe(0);
    const old = new Map(['results.json', 'summary.md', 'results.xlsx'].map((f) => [f, sha(join(out, f))]));
    const newOut = join(work, 'new');
    const t0 = Date.now();
    expect(thidua(['score', crit, join(work, 'big'), '--phase', 'gd1', '-o', newOut, '-q'], work).code).toBe(0);
    const full = Date.now() - t0;
    const fresh = new Map([...old.keys()].map((f) => [f, sha(join(newOut, f))]));
    for (const frac of [0.5, 0.8, 0.95]) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'score', crit, join(work, 'big'), '--phase', 'gd1', '-o', out, '-q'], { cwd: work, stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), Math.round(full * frac));
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      for (const [f, h] of old) {
        const now = sha(join(out, f));
        expect([h, fresh.get(f)], `${f} after a kill at ${frac}`).toContain(now);
      }
    }
  }, 300_000);
});

describe.skipIf(!HAS_BUILD)('outputs that cannot be put in place', () => {
  it('names the reason a clerk can act on, with the system code for whoever helps', () => {
    expect(osReason(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'vi')).toBe('ổ đĩa đã đầy (ENOSPC)');
    expect(osReason(Object.assign(new Error('x'), { code: 'EROFS' }), 'en')).toBe('the disk is read-only (EROFS)');
    expect(osReason(Object.assign(new Error('x'), { code: 'EWHATEVER' }), 'vi')).toBe('EWHATEVER');
    expect(osReason(new Error('no code'), 'vi')).toBe('no code');
    const dir = mkdtempSync(join(tmpdir(), 'thidua-w-'));
    // a file where the output folder should be
    writeFileSync(join(dir, 'out'), '');
    const r = thidua(['score', join(EXAMPLE, 'criteria.yaml'), join(EXAMPLE, 'submissions', 'gd1'), '--phase', 'gd1', '-o', join(dir, 'out', 'sub'), '-q'], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`không tạo được thư mục ${join(dir, 'out', 'sub')}: một phần của đường dẫn là tệp, không phải thư mục (ENOTDIR)`);
  });

  it('leave the previous outputs and no temporary file, when one of them cannot be written', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-c-'));
    mkdirSync(join(work, 'in'));
    await roster(join(work, 'in', 'ds.xlsx'), 10);
    const out = join(work, 'out');
    const crit = join(EXAMPLE, 'criteria.yaml');
    expect(thidua(['score', crit, join(work, 'in'), '--phase', 'gd1', '-o', out, '-q'], work).code).toBe(0);
    // a folder where results.xlsx goes: it cannot be renamed over (as a file Excel holds open)
    const before = sha(join(out, 'results.json'));
    rmSync(join(out, 'results.xlsx'));
    mkdirSync(join(out, 'results.xlsx'));
    const r = thidua(['score', crit, join(work, 'in'), '--phase', 'gd1', '-o', out, '-q'], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/results\.xlsx/);
    expect(readdirSync(out).sort()).toEqual(['bao-cao.docx', 'results.json', 'results.xlsx', 'summary.md']);
    expect(sha(join(out, 'results.json'))).toBe(before);
  });

  it('leave no temporary file when the run is interrupted while writing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'thidua-i-'));
    mkdirSync(join(work, 'big'));
    await roster(join(work, 'big', 'ds.xlsx'), 20000);
    const out = join(work, 'out');
    const crit = join(EXAMPLE, 'criteria.yaml');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'score', crit, join(work, 'big'), '--phase', 'gd1', '-o', out, '-q'], { cwd: work, env: { ...process.env, THIDUA_TRACE: '1', CI: '1' } });
      child.stderr.on('data', (d: Buffer) => {
        // the outputs are being written: interrupt, as Ctrl-C would
        if (d.toString().includes('read and scored')) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    // interrupted (130), or done just before the signal came: either way nothing half-written
    expect([0, 130]).toContain(code);
    const left = readdirSync(out);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (code === 130) expect(left).toEqual([]);
    else expect(left.sort()).toEqual(['bao-cao.docx', 'results.json', 'results.xlsx', 'summary.md']);
  }, 120_000);
});

describe('atomic writes', () => {
  it('writes whole files and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-w-'));
    const p = join(dir, 'a.json');
    writeAtomic(p, ['{"a":', '1}'], 'vi');
    expect(readFileSync(p, 'utf8')).toBe('{"a":1}');
    writeAtomic(p, 'x', 'vi');
    expect(readFileSync(p, 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('says plainly when it cannot write, and leaves the old file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-w-'));
    const p = join(dir, 'results.xlsx');
    writeFileSync(p, 'old');
    // a folder where the file should go cannot be renamed over
    const blocked = join(dir, 'blocked.json');
    mkdirSync(blocked);
    expect(() => writeAtomic(blocked, 'new', 'vi')).toThrow(/không ghi được/);
    expect(readFileSync(p, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocked.json', 'results.xlsx']);
  });
});
