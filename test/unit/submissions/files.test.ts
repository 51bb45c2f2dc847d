/**
 * Files that cannot be read as a submission at all: unreadable-file, encrypted, too-large,
 * header-not-found. Each is an error on the file itself (no sheet, no cell, unless the file
 * opened and a sheet can be named) and nothing of it is scored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../src/workbook/write/index.js';
import {
  CREATED,
  HO_COLUMNS,
  fixtureFormRows,
  formWorkbook,
  place,
  rosterWorkbook,
  runAssess,
  tempDir,
  unitOf,
  withCode,
} from '../../helpers/workbooks.js';
import { SHARED } from '../../e2e/run.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CORPUS = `${join(SHARED, 'corpus', 'xlsx')}/`;
const CORPUS_ENCRYPTED = `${CORPUS}excelize__encryptSHA1_agile.xlsx`;
const CORPUS_XLS = `${CORPUS}calamine__issues.xls.renamed.xlsx`;
const CORPUS_ODS = `${CORPUS}calamine__issues.ods.renamed.xlsx`;

/** Thirty households, one row each. */
function bigRoster(): ReturnType<typeof rosterWorkbook> {
  const rows = Array.from({ length: 30 }, (_, i) => ({ id: `HO-${String(i + 1).padStart(3, '0')}`, name: `Hộ ${i + 1}`, block: 'Thôn 1', values: ['Có', 60, 3] as const }));
  return rosterWorkbook({ columns: HO_COLUMNS, rows: rows.map((r) => ({ ...r, values: [...r.values] })) });
}

/** Units of any tier that were scored. */
function scoredIds(a: Awaited<ReturnType<typeof runAssess>>): string[] {
  return a.tiers.flatMap((t) => t.units.filter((u) => u.status === 'scored').map((u) => u.id));
}

/** A compound (OLE) file whose only recognisable content is the EncryptionInfo stream name. */
function cfbWithEncryptionInfo(): Uint8Array {
  const data = new Uint8Array(2048);
  data.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const name = Buffer.from('EncryptionInfo', 'utf16le');
  data.set(name, 1024);
  return data;
}

function fileProblem(code: string, path: string) {
  return { code, severity: 'error', path, sheet: null, cell: null };
}

describe('unreadable-file', () => {
  it('a PNG picture renamed .xlsx', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(0)]);
    const p = tmp.write('anh-chup.xlsx', png);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
    expect(a.diagnostics[0]!.args.reason).toBe('png');
    expect(a.tiers).toEqual([]);
  });

  it('an empty file', async () => {
    const p = tmp.write('rong.xlsx', new Uint8Array(0));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
    expect(a.diagnostics[0]!.args.reason).toBe('empty');
  });

  it('a CSV text file renamed .xlsx', async () => {
    const p = tmp.write('bang.xlsx', 'Mã đơn vị,Tên\nXA-01,UBND xã An Bình\n');
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
  });

  it('a path that does not exist', async () => {
    const p = join(tmp.dir, 'khong-co.xlsx');
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
    expect(a.inputs).toEqual([]);
  });

  it('a zip that holds no workbook', async () => {
    const p = tmp.write('nen.xlsx', zipSync({ 'readme.txt': strToU8('Báo cáo gửi kèm') }));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
  });

  it.skipIf(!existsSync(CORPUS_XLS))(`an old .xls renamed .xlsx (${CORPUS_XLS}, skipped when the corpus is absent)`, async () => {
    const p = tmp.write('cu.xlsx', readFileSync(CORPUS_XLS));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
    expect(a.diagnostics[0]!.args.reason).toBe('xls');
  });

  it.skipIf(!existsSync(CORPUS_ODS))(`an .ods renamed .xlsx (${CORPUS_ODS}, skipped when the corpus is absent)`, async () => {
    const p = tmp.write('libre.xlsx', readFileSync(CORPUS_ODS));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
  });

  // A file refused as unreadable is refused whole, even when the damage is far down a sheet.
  it('a roster whose sheet XML breaks after some rows contributes no unit', async () => {
    const parts = unzipSync(bigRoster().bytes);
    const sheet = 'xl/worksheets/sheet1.xml';
    parts[sheet] = strToU8(strFromU8(parts[sheet]!).replace('<row r="30"', '<row r="30"><c r="A30"<<<>'));
    const p = tmp.write('hong-giua.xlsx', zipSync(parts));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', p)]);
    expect(scoredIds(a)).toEqual([]);
  });

  it('one unreadable file does not stop the others', async () => {
    const bad = tmp.write('a-hong.xlsx', new Uint8Array(0));
    const good = tmp.write('b-tot.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([bad, good]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('unreadable-file', bad)]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 10000 });
  });
});

describe('encrypted', () => {
  it('a compound file holding an EncryptionInfo stream (password-protected workbook)', async () => {
    const p = tmp.write('mat-khau.xlsx', cfbWithEncryptionInfo());
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('encrypted', p)]);
  });

  it.skipIf(!existsSync(CORPUS_ENCRYPTED))(`a workbook encrypted by a real tool (${CORPUS_ENCRYPTED}, skipped when the corpus is absent)`, async () => {
    const p = tmp.write('agile.xlsx', readFileSync(CORPUS_ENCRYPTED));
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([fileProblem('encrypted', p)]);
  });
});

describe('too-large', () => {
  it('a file over maxFileBytes', async () => {
    const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() });
    const p = tmp.write('lon.xlsx', f.bytes);
    const a = await runAssess([p], { limits: { maxFileBytes: 1000 } });
    expect(a.diagnostics.map(place)).toEqual([fileProblem('too-large', p)]);
    expect(a.diagnostics[0]!.args).toMatchObject({ reason: 'file-size', limit: 1000, actual: f.bytes.length });
    expect(a.tiers).toEqual([]);
  });

  it('a form sheet over maxCells scores nothing', async () => {
    const p = tmp.write('nhieu-o.xlsx', formWorkbook({ unit: 'XA-01', rows: fixtureFormRows() }).bytes);
    const a = await runAssess([p], { limits: { maxCells: 20 } });
    expect(a.diagnostics.map(place)).toEqual([fileProblem('too-large', p)]);
    expect(a.diagnostics[0]!.args.reason).toBe('cells');
    expect(a.tiers).toEqual([]);
  });

  // A file refused as too large is refused whole: the rows read before the limit was hit
  // must not be scored and ranked as if the file had been accepted.
  it('a roster over maxCells contributes no unit, not even the rows before the limit', async () => {
    const p = tmp.write('ds-lon.xlsx', bigRoster().bytes);
    const a = await runAssess([p], { limits: { maxCells: 60 } });
    expect(withCode(a, 'too-large').map(place)).toEqual([fileProblem('too-large', p)]);
    expect(scoredIds(a)).toEqual([]);
  });
});

describe('header-not-found', () => {
  it('a workbook with no table: the first visible sheet is named', async () => {
    const bytes = writeWorkbook({
      sheets: [
        { name: 'Báo cáo', rows: [['Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh'], ['Đơn vị xin gửi báo cáo tổng kết.']] },
        { name: 'Ẩn', state: 'hidden', rows: [['Mã', 'Số liệu báo cáo']] },
      ],
      properties: { created: CREATED },
    });
    const p = tmp.write('van-ban.xlsx', bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics.map(place)).toEqual([{ code: 'header-not-found', severity: 'error', path: p, sheet: 'Báo cáo', cell: null }]);
    expect(a.tiers).toEqual([]);
  });

  it('a header below the first 100 rows is not searched for', async () => {
    const rows = [...Array.from({ length: 120 }, (_, i) => [`Dòng giới thiệu ${i + 1}`]), ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số liệu báo cáo'], ['1.1', 'Kế hoạch', 10, 'Có']];
    const p = tmp.write('sau.xlsx', writeWorkbook({ sheets: [{ name: 'Sheet1', rows }], properties: { created: CREATED } }));
    const a = await runAssess([p]);
    expect(withCode(a, 'header-not-found').map(place)).toEqual([{ code: 'header-not-found', severity: 'error', path: p, sheet: 'Sheet1', cell: null }]);
  });

  it('a cover sheet first and the table on the second sheet is found', async () => {
    const f = formWorkbook({
      unit: 'XA-01',
      rows: fixtureFormRows(),
      sheetsBefore: [{ name: 'Bìa', rows: [['BÁO CÁO TỰ CHẤM ĐIỂM NĂM 2025']] }],
    });
    const p = tmp.write('co-bia.xlsx', f.bytes);
    const a = await runAssess([p]);
    expect(a.diagnostics).toEqual([]);
    expect(unitOf(a, 'xa', 'XA-01')).toMatchObject({ status: 'scored', total: 10000, input: { source: { path: p, sheet: 'Tự chấm điểm' } } });
  });
});
