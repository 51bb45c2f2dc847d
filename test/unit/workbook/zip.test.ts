import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { ZipArchive, normaliseEntryName } from '../../../src/workbook/read/zip.js';
import { DEFAULT_LIMITS } from '../../../src/workbook/limits.js';
import { WorkbookError } from '../../../src/workbook/types.js';
import { oneSheet, outcome, valuesByRef, xlsxFiles, zip } from './xlsx-builder.js';

/** Finds the central-directory and local headers of `name` and lets a test alter them. */
function patchEntry(bytes: Uint8Array, name: string, patch: (v: DataView, central: number, local: number) => void): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  for (let p = out.length - 22; p >= 0; p--) {
    if (v.getUint32(p, true) !== 0x02014b50) continue;
    const n = v.getUint16(p + 28, true);
    if (new TextDecoder().decode(out.subarray(p + 46, p + 46 + n)) === name) {
      patch(v, p, v.getUint32(p + 42, true));
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

const SHEET = 'xl/worksheets/sheet1.xml';
const simple = (): Uint8Array => oneSheet('<row r="1"><c r="A1"><v>42</v></c></row>');

async function readAll(bytes: Uint8Array, limits = {}): Promise<void> {
  const wb = await openWorkbook(bytes, limits);
  for (const s of wb.sheets) await wb.readRows(s.name, () => undefined);
}

describe('zip container', () => {
  it('reads a normal package', async () => {
    expect(await valuesByRef(await openWorkbook(simple()))).toEqual({ A1: { t: 'number', v: 42 } });
  });

  it('reads stored (uncompressed) entries', async () => {
    expect(await valuesByRef(await openWorkbook(zip(xlsxFiles({ sheets: [{ name: 'S', data: '<row r="2"><c r="B2"><v>7</v></c></row>' }] }), true)))).toEqual({
      B2: { t: 'number', v: 7 },
    });
  });

  it('refuses a truncated file (no central directory)', async () => {
    const b = simple();
    expect(await outcome(openWorkbook(b.subarray(0, Math.floor(b.length / 2))))).toBe('unreadable-file/zip-corrupt');
  });

  it('refuses a central directory pointing outside the file', async () => {
    const b = simple();
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    v.setUint32(b.length - 22 + 16, b.length + 1000, true);
    expect(await outcome(openWorkbook(b))).toBe('unreadable-file/zip-corrupt');
  });

  it('detects a bad CRC-32 when the part is read', async () => {
    const bad = patchEntry(simple(), SHEET, (v, c, l) => {
      v.setUint32(c + 16, v.getUint32(c + 16, true) ^ 1, true);
      v.setUint32(l + 14, v.getUint32(l + 14, true) ^ 1, true);
    });
    const wb = await openWorkbook(bad);
    const err = await wb.readRows('Sheet1', () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err).toMatchObject({ code: 'unreadable-file', reason: 'zip-corrupt', detail: { why: 'crc', part: SHEET } });
  });

  it('stops inflating at the declared size when the header lies (smaller than the data)', async () => {
    const lying = patchEntry(simple(), SHEET, (v, c) => v.setUint32(c + 24, 10, true));
    const wb = await openWorkbook(lying);
    await expect(wb.readRows('Sheet1', () => undefined)).rejects.toMatchObject({ reason: 'zip-corrupt', detail: { why: 'size-mismatch' } });
  });

  it('notices data shorter than declared', async () => {
    const lying = patchEntry(simple(), SHEET, (v, c) => v.setUint32(c + 24, v.getUint32(c + 24, true) + 5, true));
    await expect(readAll(lying)).rejects.toMatchObject({ reason: 'zip-corrupt', detail: { why: 'size-mismatch' } });
  });

  it('refuses damaged deflate data', async () => {
    const bad = patchEntry(simple(), SHEET, (v, c, l) => {
      const data = l + 30 + v.getUint16(l + 26, true) + v.getUint16(l + 28, true);
      for (let i = 0; i < 8; i++) v.setUint8(data + i, 0xff);
    });
    expect(await outcome(readAll(bad))).toBe('unreadable-file/zip-corrupt');
  });

  it('refuses a compression ratio beyond the limit before inflating, and reads it when allowed', async () => {
    const bomb = oneSheet(`<row r="1"><c r="A1"><v>1</v></c></row>${' '.repeat(3 * 1024 * 1024)}`);
    await expect(openWorkbook(bomb)).rejects.toMatchObject({ code: 'too-large', reason: 'ratio', detail: { part: SHEET } });
    await expect(readAll(bomb, { maxCompressionRatio: Infinity })).resolves.toBeUndefined();
  });

  it('does not apply the ratio check to small entries', async () => {
    const small = oneSheet(`<row r="1"><c r="A1"><v>1</v></c></row>${' '.repeat(512 * 1024)}`);
    await expect(readAll(small)).resolves.toBeUndefined();
  });

  it('refuses parts whose declared total exceeds maxUncompressedBytes', async () => {
    await expect(openWorkbook(simple(), { maxUncompressedBytes: 100 })).rejects.toMatchObject({ code: 'too-large', reason: 'uncompressed' });
  });

  it('refuses more entries than maxEntries, before reading them', async () => {
    await expect(openWorkbook(simple(), { maxEntries: 3 })).rejects.toMatchObject({ code: 'too-large', reason: 'entries' });
  });

  it('refuses a file over maxFileBytes', async () => {
    await expect(openWorkbook(simple(), { maxFileBytes: 100 })).rejects.toMatchObject({ code: 'too-large', reason: 'file-size' });
  });

  it('refuses nonsense limits', async () => {
    await expect(openWorkbook(simple(), { maxCells: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('reads entry names written with backslashes', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>3</v></c></row>' }] });
    const renamed = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.replace(/\//g, '\\'), v]));
    expect(await valuesByRef(await openWorkbook(zip(renamed)))).toEqual({ A1: { t: 'number', v: 3 } });
  });

  it('ignores entries whose names climb out of the package', async () => {
    const files = {
      ...xlsxFiles({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>3</v></c></row>' }] }),
      '../../evil': 'x',
      '/evil-absolute': 'x',
      'xl/../../evil2': 'x',
      'C:\\evil3': 'x',
    };
    const archive = ZipArchive.open(zip(files), DEFAULT_LIMITS);
    expect(archive.unsafeNames.sort()).toEqual(['../../evil', '/evil-absolute', 'C:\\evil3', 'xl/../../evil2']);
    expect([...archive.entries()].map((e) => e.name)).not.toContain('evil');
    expect(await valuesByRef(await openWorkbook(zip(files)))).toEqual({ A1: { t: 'number', v: 3 } });
  });

  it('normalises entry names', () => {
    expect(normaliseEntryName('xl\\worksheets\\sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(normaliseEntryName('xl/./worksheets//sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(normaliseEntryName('xl/x/../workbook.xml')).toBe('xl/workbook.xml');
    expect(normaliseEntryName('../x')).toBeUndefined();
    expect(normaliseEntryName('/x')).toBeUndefined();
    expect(normaliseEntryName('a/../../x')).toBeUndefined();
  });

  it('refuses two entries with the same part name', async () => {
    const b = zip({ 'xl/workbook.xml': '<a/>', 'XL/Workbook.xml': '<b/>' });
    expect(await outcome(openWorkbook(b))).toBe('unreadable-file/zip-corrupt');
  });

  it('refuses zip-encrypted entries', async () => {
    const enc = patchEntry(simple(), SHEET, (v, c) => v.setUint16(c + 8, v.getUint16(c + 8, true) | 1, true));
    expect(await outcome(openWorkbook(enc))).toBe('encrypted/zip-encryption');
  });

  it('refuses compression methods other than stored and deflate', async () => {
    const bz = patchEntry(simple(), SHEET, (v, c) => v.setUint16(c + 10, 12, true));
    expect(await outcome(openWorkbook(bz))).toBe('unreadable-file/zip-method');
  });

  it('finds the archive when data was prepended to it', async () => {
    const b = simple();
    const shifted = new Uint8Array(b.length + 100);
    shifted.set(b, 100);
    const archive = ZipArchive.open(shifted, DEFAULT_LIMITS);
    const entry = archive.get(SHEET);
    expect(entry).toBeDefined();
    expect((await archive.read(entry!)).toString('utf8')).toContain('<v>42</v>');
  });

  // worker_threads: a big sheet may be read on a thread, which is handed the sheet's bytes
  it('imports nothing that could reach the file system or the network', () => {
    const dir = new URL('../../../src/workbook/read/', import.meta.url);
    const imports = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((m) => m[1]));
    expect([...new Set(imports.filter((m) => m !== undefined && !m.startsWith('.')))].sort()).toEqual(['node:util', 'node:worker_threads', 'node:zlib']);
  });
});
