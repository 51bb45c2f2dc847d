/**
 * Issue 15: SPEC §8's promises against a hostile or clumsy world. Each test is a reproduction
 * from the issue, run on the built binary from a fresh folder holding a copy of the bundled
 * example (criteria.yaml, units.yaml and submissions/gd1/xa as sub/). Every run is bounded by a
 * timeout: a hang fails the test instead of stalling the suite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { BIN, HAS_BUILD, ROOT } from './run.js';

// each test takes a few seconds; several runs of the binary on a loaded machine take longer
vi.setConfig({ testTimeout: 300_000 });

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const CAN_FIFO = process.platform !== 'win32' && spawnSync('mkfifo', ['--help']).status === 0;
/** No lone surrogate (String.prototype.isWellFormed, ES2024). */
const wellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A fresh folder like the issue's: criteria.yaml, units.yaml, sub/ (the 23 received workbooks). */
function fresh(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-i15-'));
  cpSync(join(EXAMPLE, 'criteria.yaml'), join(dir, 'criteria.yaml'));
  cpSync(join(EXAMPLE, 'units.yaml'), join(dir, 'units.yaml'));
  cpSync(join(EXAMPLE, 'submissions', 'gd1', 'xa'), join(dir, 'sub'), { recursive: true });
  return dir;
}

/** The built tool in `cwd`, killed after `timeoutMs` (a hang shows as code null; generous, for a loaded machine). */
function t(cwd: string, args: string[], timeoutMs = 120_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const XA = ['criteria.yaml', '--tier', 'xa', '--phase', 'gd1'];
const SCORE = ['score', 'criteria.yaml', 'sub', '--phase', 'gd1', '--units', 'units.yaml'];

function units(list: { id: string; name: string }[]): string {
  return `format: thidua.units/v1\nunits:\n${list.map((u) => `  - { id: ${JSON.stringify(u.id)}, name: ${JSON.stringify(u.name)}, tier: xa }`).join('\n')}\n`;
}

describe.skipIf(!HAS_BUILD)('issue 15, case 1: template never overwrites a filled-in workbook', () => {
  it('refuses, names the files, and leaves every received workbook as it was', () => {
    const dir = fresh();
    const before = new Map(readdirSync(join(dir, 'sub')).map((f) => [f, sha(join(dir, 'sub', f))]));
    const r = t(dir, ['template', ...XA, '--units', 'units.yaml', '-o', 'sub']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/đã có 23 tệp trùng tên phiếu.*không ghi đè/);
    expect(r.stderr).not.toMatch(/lỗi nội bộ/);
    expect(new Map(readdirSync(join(dir, 'sub')).map((f) => [f, sha(join(dir, 'sub', f))]))).toEqual(before);
  });

  it('says plainly that -o names a file', () => {
    const dir = fresh();
    const r = t(dir, ['template', ...XA, '-o', 'units.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/units\.yaml: đó là một tệp, không phải thư mục/);
    expect(r.stderr).not.toMatch(/EEXIST|lỗi nội bộ/);
  });
});

describe.skipIf(!HAS_BUILD)('issue 15, case 2: template names are unique, valid and bounded; the set is whole', () => {
  it('one file per unit, whatever the ids and names, all read back by score', () => {
    const dir = fresh();
    const list = [
      { id: 'a/b', name: 'X' },
      { id: 'a:b', name: 'X' },
      { id: 'a*b', name: 'X' },
      { id: 'L1', name: 'x'.repeat(200) },
      { id: 'E1', name: '😀'.repeat(60) },
      { id: 'V1', name: 'Ệ'.repeat(119) },
      { id: 'Ệ'.repeat(119), name: 'id dài' },
      { id: 'R1', name: 'abc\u202edef' },
      { id: 'D1', name: 'del\u007f c1\u0085' },
      { id: 'C1', name: 'Nguyễn' },
      { id: 'c1', name: 'NGUYỄN' },
    ];
    writeFileSync(join(dir, 'hostile.yaml'), units(list));
    const r = t(dir, ['template', ...XA, '--units', 'hostile.yaml', '-o', 'tpl', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout) as { files: string[] }).files;
    const names = readdirSync(join(dir, 'tpl'));
    expect(listed).toHaveLength(list.length);
    expect(names.sort()).toEqual(listed.map((p) => p.slice('tpl/'.length)).sort());
    // distinct even where case is ignored
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(list.length);
    for (const n of names) {
      expect(n).toMatch(/\.xlsx$/);
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(150);
      expect(n).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(wellFormed(n)).toBe(true);
    }
    // score reads every one of them back (none lost its .xlsx)
    const s = t(dir, ['check', 'criteria.yaml', 'tpl', '--phase', 'gd1', '--units', 'hostile.yaml', '--json']);
    expect((JSON.parse(s.stdout) as { files: number }).files).toBe(list.length);
  });
});

describe.skipIf(!HAS_BUILD)('issue 15, case 3: outputs never go through a planted symlink', () => {
  it('leaves the criteria file alone and writes regular files', () => {
    const dir = fresh();
    const before = sha(join(dir, 'criteria.yaml'));
    mkdirSync(join(dir, 'out'));
    // the old temporary names (pid-based) and a few guesses
    for (const n of ['results.json', 'summary.md', 'results.xlsx']) {
      for (let pid = 1; pid <= 20; pid++) symlinkSync('../criteria.yaml', join(dir, 'out', `.${n}.${pid}.tmp`));
    }
    const r = t(dir, [...SCORE, '-o', 'out', '-q']);
    expect(r.code).toBe(0);
    expect(sha(join(dir, 'criteria.yaml'))).toBe(before);
    for (const n of ['results.json', 'summary.md', 'results.xlsx', 'bao-cao.docx']) expect(lstatSync(join(dir, 'out', n)).isFile()).toBe(true);
    // the planted links were the run's stale temporaries by name: removed, not followed
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['bao-cao.docx', 'results.json', 'results.xlsx', 'summary.md']);
  });
});

describe.skipIf(!HAS_BUILD || !CAN_FIFO)('issue 15, case 4: FIFOs are findings, not reads; signals still end the run', () => {
  it('a FIFO in the folder, as an argument, as --previous, as units or criteria: no hang', () => {
    const dir = fresh();
    spawnSync('mkfifo', [join(dir, 'sub', 'y.xlsx'), join(dir, 'p.json')]);
    for (const input of ['sub', join(dir, 'sub', 'y.xlsx')]) {
      const r = t(dir, ['check', 'criteria.yaml', input, '--phase', 'gd1', '--units', 'units.yaml', '--format', 'json'], 20_000);
      expect(r.code).toBe(1);
      const found = (JSON.parse(r.stdout) as { code: string; path: string; message: string }[]).filter((d) => d.path.endsWith('y.xlsx'));
      expect(found.map((d) => d.code)).toEqual(['unreadable-file']);
      expect(found[0]!.message).toMatch(/FIFO/);
    }
    for (const args of [[...SCORE, '--previous', 'p.json', '-o', 'out'], ['check', 'criteria.yaml', 'sub', '--phase', 'gd1', '--units', 'p.json'], ['check', 'p.json', 'sub', '--phase', 'gd1']]) {
      const x = t(dir, args, 20_000);
      expect(x.code, args.join(' ')).toBe(2);
      expect(x.stderr).toMatch(/p\.json: đây không phải tệp thường mà là một đường ống \(FIFO\)/);
    }
  });

  it('-o /proc/nope fails at once with a clear message', () => {
    const dir = fresh();
    const r = t(dir, [...SCORE, '-o', '/proc/nope/x'], 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/không tạo được thư mục \/proc\/nope\/x/);
  });

  it('a run given a FIFO as --previous ends by itself, or at SIGTERM: never hangs', async () => {
    const dir = fresh();
    spawnSync('mkfifo', [join(dir, 'p.json')]);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...SCORE, '--previous', 'p.json', '-o', 'out', '-q'], { cwd: dir, stdio: 'ignore' });
      const term = setTimeout(() => child.kill('SIGTERM'), 10_000);
      const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (c, sig) => {
        clearTimeout(term);
        clearTimeout(guard);
        resolve(sig === 'SIGKILL' ? -1 : sig === 'SIGTERM' ? 143 : c);
      });
    });
    // refused at once (2), or, on a machine slow enough, ended by SIGTERM: never needs SIGKILL
    expect([2, 143]).toContain(code);
  }, 60_000);
});

describe.skipIf(!HAS_BUILD || process.platform === 'win32')('issue 15, case 5: sizes are checked before reading', () => {
  it('/dev/zero, a 1000 MB sparse file and a 3 GB one: too-large or special, each naming its file', () => {
    const dir = fresh();
    symlinkSync('/dev/zero', join(dir, 'sub', 'z.xlsx'));
    spawnSync('truncate', ['-s', '1000M', join(dir, 'sub', 'sparse.xlsx')]);
    spawnSync('truncate', ['-s', '3G', join(dir, 'sub', 'big.xlsx')]);
    const started = Date.now();
    // GNU time, where there is one, for the peak memory
    const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M'] : [];
    const args = [process.execPath, BIN, 'check', 'criteria.yaml', 'sub', '--phase', 'gd1', '--format', 'json'];
    const r = spawnSync([...timed, ...args][0]!, [...timed, ...args].slice(1), { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    const ds = JSON.parse(r.stdout) as { code: string; path: string; message: string }[];
    const of = (f: string): string[] => ds.filter((d) => d.path.endsWith(f)).map((d) => d.code);
    expect(of('z.xlsx')).toEqual(['unreadable-file']);
    expect(of('sparse.xlsx')).toEqual(['too-large']);
    expect(of('big.xlsx')).toEqual(['too-large']);
    expect(ds.find((d) => d.path.endsWith('big.xlsx'))!.message).toMatch(/3221225472 > 209715200/);
    const maxRssKb = Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN);
    // nothing of the 4 GB was read: far below even one of the files
    if (Number.isFinite(maxRssKb)) expect(maxRssKb).toBeLessThan(400 * 1024);
  });
});

describe.skipIf(!HAS_BUILD)('issue 15, case 7: the three outputs are one set', () => {
  it('a run that cannot place one output leaves the previous set, and blames no Excel for EISDIR', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'out', 'summary.md'));
    const r = t(dir, [...SCORE, '-o', 'out', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summary\.md: đó là một thư mục \(EISDIR\)/);
    expect(r.stderr).not.toMatch(/Excel/);
    // nothing placed: no results.json or results.xlsx of this run beside the folder
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['summary.md']);
  });

  it('a folder another run is writing into is left alone, and the run says so', async () => {
    const dir = fresh();
    expect(t(dir, [...SCORE, '-o', 'out', '-q']).code).toBe(0);
    const before = new Map(readdirSync(join(dir, 'out')).map((f) => [f, sha(join(dir, 'out', f))]));
    // a live process of this machine holds the folder
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(dir, 'out', '.thidua.lock'), `${holder.pid} ${hostname()}\n`);
      const r = t(dir, [...SCORE, '-o', 'out', '-q']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`thư mục out đang được một lần chạy thidua khác ghi \\(tiến trình ${holder.pid}\\)`));
      expect(new Map([...before.keys()].map((f) => [f, sha(join(dir, 'out', f))]))).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('two runs into one folder at once: one writes, the other says so', async () => {
    const dir = fresh();
    const run = (lang: string): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, ...SCORE, '-o', 'out', '-q', '--lang', lang], { cwd: dir });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([run('vi'), run('en')]);
    const codes = [a.code, b.code].sort();
    // both may finish one after the other (each set whole); never both writing at once
    if (codes[1] === 2) expect(a.stderr + b.stderr).toMatch(/đang được một lần chạy thidua khác ghi|another thidua run/);
    else expect(codes).toEqual([0, 0]);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as { diagnostics: { message: string }[] };
    const md = readFileSync(join(dir, 'out', 'summary.md'), 'utf8');
    // one run's set: the language of results.json's messages is the language of summary.md
    const vi = /^Giai đoạn: /m.test(md);
    expect(vi || /^Phase: /m.test(md)).toBe(true);
    expect(json.diagnostics.some((d) => /chưa nộp/.test(d.message))).toBe(vi);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['bao-cao.docx', 'results.json', 'results.xlsx', 'summary.md']);
  });
});

describe.skipIf(!HAS_BUILD || process.platform === 'win32')('issue 15, case 8: walking folders', () => {
  it('dangling links, loops and links out of the tree are per-file findings; the run goes on', () => {
    const dir = fresh();
    symlinkSync('/nowhere', join(dir, 'sub', 'ghi-chu.txt'));
    symlinkSync('/nowhere', join(dir, 'sub', 'gone.xlsx'));
    symlinkSync('loop-b.xlsx', join(dir, 'sub', 'loop-a.xlsx'));
    symlinkSync('loop-a.xlsx', join(dir, 'sub', 'loop-b.xlsx'));
    symlinkSync('/etc', join(dir, 'sub', 'etc'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    const r = t(dir, ['check', 'criteria.yaml', 'sub', '--phase', 'gd1', '--units', 'units.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as { code: string; path: string; message: string }[];
    const at = (f: string): string[] => ds.filter((d) => d.path === `sub/${f}`).map((d) => d.code);
    expect(at('ghi-chu.txt')).toEqual([]);
    expect(at('gone.xlsx')).toEqual(['unreadable-file']);
    expect(at('loop-a.xlsx')).toEqual(['unreadable-file']);
    expect(at('etc')).toEqual(['path-skipped']);
    expect(at('up')).toEqual(['path-skipped']);
    expect(ds.some((d) => d.path.startsWith('sub/etc/') || d.path.startsWith('sub/up/'))).toBe(false);
    // the 23 workbooks were still read
    expect(ds.filter((d) => d.code === 'not-submitted' && /XA-0(0|1)/.test(d.message))).toHaveLength(0);
  });
});

/** A 40-row household roster; row `long` has a 40,000-character name. */
async function roster(path: string, long: number, names: (i: number) => string = (i) => `Hộ ${i}`): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['Đối tượng thi đua:', 'ho_gia_dinh']);
  ws.addRow(['Giai đoạn:', 'gd1']);
  ws.addRow(['Mã đơn vị', 'Tên', 'Khối', '1.1', '1.2', '2.1', '2.2', '3.1', '3.2', 'T.1', 'D.1']);
  for (let i = 0; i < 40; i++) ws.addRow([`HO-${i}`, i === long ? 'x'.repeat(40_000) : names(i), `Thôn ${i % 7}`, 'Có', 50, 'Có', 3, 'Có', 2, 'Không', 'Không']);
  await wb.xlsx.writeFile(path);
}

describe.skipIf(!HAS_BUILD)('issue 15, case 9: clear messages', () => {
  it('a 40,000-character cell: too-large at its sheet and cell; the other 39 households count', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'ho'));
    await roster(join(dir, 'ho', 'ds.xlsx'), 7);
    const r = t(dir, ['score', 'criteria.yaml', 'ho', '--phase', 'gd1', '-o', 'out', '--format', 'json']);
    expect(r.code).toBe(1);
    const res = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    const big = (res.diagnostics as { code: string; sheet: string; cell: string; unit?: string }[]).filter((d) => d.code === 'too-large');
    expect(big).toMatchObject([{ sheet: 'DS', cell: 'B11', unit: 'HO-7' }]);
    expect(res.tiers[0].stats).toMatchObject({ submitted: 40, scored: 39, rejected: 1 });
  });

  it('a units file over 1 MiB is read; --previous with a total of 1e308 is refused by name', () => {
    const dir = fresh();
    const many = Array.from({ length: 15_000 }, (_, i) => ({ id: `XA-${String(i + 100).padStart(5, '0')}`, name: `Đơn vị thử nghiệm có tên khá dài số ${i}` }));
    writeFileSync(join(dir, 'units-big.yaml'), units([...many]));
    expect(readFileSync(join(dir, 'units-big.yaml')).byteLength).toBeGreaterThan(1024 * 1024);
    const r = t(dir, ['check', 'criteria.yaml', 'sub', '--phase', 'gd1', '--units', 'units-big.yaml', '-q']);
    expect(r.stderr).not.toMatch(/tiêu chí/);
    expect(r.code).toBe(1);
    expect(t(dir, [...SCORE, '-o', 'prev', '-q']).code).toBe(0);
    const prev = JSON.parse(readFileSync(join(dir, 'prev', 'results.json'), 'utf8'));
    prev.tiers[0].units[0].total = 1e308;
    writeFileSync(join(dir, 'prev.json'), JSON.stringify(prev));
    const p = t(dir, [...SCORE, '-o', 'out', '--previous', 'prev.json', '-q']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(new RegExp(`prev\\.json: tổng điểm của đơn vị ${prev.tiers[0].units[0].id} .* là 1e\\+308`));
    expect(p.stderr).not.toMatch(/bad-value|results\.xlsx/);
  });

  it('points: 1,5 unquoted', () => {
    const dir = fresh();
    const text = readFileSync(join(dir, 'criteria.yaml'), 'utf8').replace('per_item: { points: 1, max: 3 }', 'per_item: { points: 1,5, max: 3 }');
    writeFileSync(join(dir, 'c.yaml'), text);
    const r = t(dir, ['lint', 'c.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/points: 1,5 — trong YAML số thập phân viết bằng dấu chấm.*viết points: 1\.5/);
    expect(r.stdout).not.toMatch(/khóa "5"/);
  });
});

describe.skipIf(!HAS_BUILD)('issue 15, case 10: text from inputs, the same in every output', () => {
  it('no bare link in summary.md; no U+202E, C1, DEL or lone surrogate in any output or on the terminal', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'ho'));
    const evil = (i: number): string => (i === 1 ? 'Hộ https://evil.example và www.evil.vn' : i === 2 ? 'Hộ \u202eabc\u0085\u007f' : i === 3 ? 'Hộ \ud83d nửa' : `Hộ ${i}`);
    await roster(join(dir, 'ho', 'ds.xlsx'), -1, evil);
    const r = t(dir, ['score', 'criteria.yaml', 'ho', '--phase', 'gd1', '-o', 'out']);
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'out', 'summary.md'), 'utf8');
    expect(md).not.toMatch(/https:\/\/|www\./);
    expect(md).toContain('https&#58;//evil.example');
    const json = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    const name = (id: string): string => json.tiers[0].units.find((u: { id: string }) => u.id === id).name;
    expect(name('HO-2')).toBe('Hộ abc');
    expect(name('HO-3')).toBe('Hộ \ufffd nửa');
    for (const out of [md, r.stdout, readFileSync(join(dir, 'out', 'results.json'), 'utf8')]) {
      expect(out).not.toMatch(/[\u202a-\u202e\u0080-\u009f\u007f]/);
      expect(wellFormed(out)).toBe(true);
    }
    expect(md).toContain('Hộ abc');
    expect(md).toContain('Hộ \ufffd nửa');
  });

  it('lint rejects negative per_item points and unknown YAML tags', () => {
    const dir = fresh();
    const base = readFileSync(join(dir, 'criteria.yaml'), 'utf8');
    writeFileSync(join(dir, 'neg.yaml'), base.replace('per_item: { points: 1, max: 3 }', 'per_item: { points: -5, max: 3 }'));
    writeFileSync(join(dir, 'tag.yaml'), base.replace(/issuer: (.*)/, 'issuer: !!js/function "$1"'));
    const neg = t(dir, ['lint', 'neg.yaml', '--format', 'json']);
    expect(neg.code).toBe(1);
    expect((JSON.parse(neg.stdout) as { code: string; message: string }[]).map((d) => [d.code, d.message])).toEqual([['schema', expect.stringMatching(/≥ 0 .*per_item\.points/)]]);
    const tag = t(dir, ['lint', 'tag.yaml', '--format', 'json']);
    expect(tag.code).toBe(1);
    expect((JSON.parse(tag.stdout) as { code: string; message: string }[]).map((d) => [d.code, d.message])).toEqual([['yaml-syntax', expect.stringMatching(/!!js\/function/)]]);
  });
});
