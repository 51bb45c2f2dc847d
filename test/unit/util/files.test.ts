import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLarge, NotRegularFile, readRegularFile } from '../../../src/util/files.js';
import { inertText } from '../../../src/util/text.js';

const unix = process.platform !== 'win32';

/** Issue 15, cases 4 and 5: special files are refused unread, sizes are checked before reading. */
describe('readRegularFile', () => {
  it('reads a regular file whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-f-'));
    writeFileSync(join(dir, 'a'), 'hello');
    expect(readRegularFile(join(dir, 'a'), 10).toString()).toBe('hello');
    expect(readRegularFile(join(dir, 'a'), 10, 0).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it.skipIf(!unix)('refuses a FIFO at once, without waiting for a writer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-f-'));
    spawnSync('mkfifo', [join(dir, 'y.xlsx')]);
    const t0 = Date.now();
    expect(() => readRegularFile(join(dir, 'y.xlsx'), 1e6)).toThrow(NotRegularFile);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it.skipIf(!unix)('refuses /dev/zero, even through a link named .xlsx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-f-'));
    symlinkSync('/dev/zero', join(dir, 'z.xlsx'));
    try {
      readRegularFile(join(dir, 'z.xlsx'), 1e6);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotRegularFile);
      expect((e as NotRegularFile).kind).toBe('device');
    }
  });

  it('refuses a 3 GB sparse file by its size, before reading a byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-f-'));
    writeFileSync(join(dir, 'big.xlsx'), '');
    truncateSync(join(dir, 'big.xlsx'), 3 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    try {
      readRegularFile(join(dir, 'big.xlsx'), 200 * 1024 * 1024);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FileTooLarge);
      expect(e).toMatchObject({ size: 3 * 1024 ** 3, limit: 200 * 1024 * 1024 });
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('never reads past the limit, even from a file that grows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-f-'));
    writeFileSync(join(dir, 'g'), 'x'.repeat(100));
    expect(() => readRegularFile(join(dir, 'g'), 99)).toThrow(FileTooLarge);
    appendFileSync(join(dir, 'g'), 'y');
    expect(readRegularFile(join(dir, 'g'), 101).byteLength).toBe(101);
  });
});

/** Issue 15, case 10: one rule for text from inputs, whatever the output. */
describe('inertText', () => {
  it('leaves ordinary text as it is (the same string)', () => {
    const s = 'Hộ ông Nguyễn Văn A – thôn 3\tghi chú\nhai dòng 😀';
    expect(inertText(s)).toBe(s);
  });

  it('removes controls, DEL, C1 and bidi controls; a lone surrogate becomes U+FFFD', () => {
    expect(inertText('a\u202eb\u2066c\u2069\u200f')).toBe('abc');
    expect(inertText('a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009b')).toBe('abc[31mdef');
    expect(inertText('x\ud83dy')).toBe('x\ufffdy');
    expect(inertText('x\ude00')).toBe('x\ufffd');
    expect(inertText('😀\ud83d')).toBe('😀\ufffd');
  });
});
