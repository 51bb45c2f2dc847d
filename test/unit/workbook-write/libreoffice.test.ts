import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkbook, type WorkbookModel } from '../../../src/workbook/write/index.js';

const run = promisify(execFile);

function findOnPath(cmd: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const soffice = findOnPath('soffice');
const work = mkdtempSync(join(tmpdir(), 'thidua-lo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const model: WorkbookModel = {
  properties: { created: new Date('2024-05-01T08:00:00Z'), title: 'Kết quả thi đua' },
  sheets: [
    {
      name: 'Kết quả',
      // C through the shared strings table, as the ranking sheet's block and class columns
      columns: [{ width: 30 }, { width: 12 }, { width: 12, shared: true }, { width: 14 }],
      freeze: { rows: 1, cols: 1 },
      autoFilter: {},
      merges: ['E1:F1'],
      protection: { allow: { formatColumns: true } },
      print: { paperSize: 9, orientation: 'landscape', fitToWidth: 1, titleRows: [1, 1], header: '&CBáo cáo', footer: '&RTrang &P' },
      validations: [
        { type: 'list', ranges: 'C2:C3', source: "'_lists'!$A$1:$A$2", input: { title: 'Xếp loại', message: 'Chọn trong danh sách' } },
        { type: 'decimal', ranges: 'B2:B3', min: 0, max: 100, error: { title: 'Sai', message: 'Từ 0 đến 100' } },
      ],
      rows: [
        [{ value: 'Đơn vị', style: { bold: true } }, 'Điểm', 'Xếp loại', 'Văn bản', { value: 'gộp', style: { hAlign: 'center' } }],
        ['Trường THCS Nguyễn Trãi', { value: 12.5, style: { numFmt: '0.00', locked: false } }, 'Đạt', '=1+1'],
        ['Ủy ban nhân dân xã', { value: 1234567, style: { numFmt: '#,##0' } }, 'Không đạt', 'mã _x0041_'],
        ['Tổng', { formula: 'SUM(B2:B3)' }, { formula: 'B2*2', value: 25 }, { value: 0.5, style: { numFmt: '0%' } }],
        [true, -0.25, '  lề  '],
      ],
    },
    { name: '_lists', state: 'hidden', rows: [['Đạt'], ['Không đạt']] },
  ],
};

describe('LibreOffice opens what the writer writes', () => {
  const title =
    soffice === undefined
      ? 'converts a written workbook to CSV [skipped: soffice (LibreOffice) is not on PATH; install libreoffice-calc to run it]'
      : 'converts a written workbook to CSV with the same values';
  it.skipIf(soffice === undefined)(title, { timeout: 300_000 }, async () => {
    if (soffice === undefined) return;
    const file = join(work, 'kq.xlsx');
    writeFileSync(file, writeWorkbook(model));
    const out = join(work, 'csv');
    // A private profile: a shared one may be locked by a running LibreOffice.
    const profile = pathToFileURL(join(work, 'profile')).href;
    // Tokens: comma, double quote, UTF-8, from line 1, …, save as shown, …, all sheets (-1).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, file], {
      timeout: 240_000,
    });
    const files = readdirSync(out).sort();
    expect(files).toEqual(['kq-Kết quả.csv', 'kq-_lists.csv']);
    const csv = readFileSync(join(out, 'kq-Kết quả.csv'), 'utf8').replace(/\r\n/g, '\n').trimEnd().split('\n');
    expect(csv).toEqual([
      'Đơn vị,Điểm,Xếp loại,Văn bản,gộp',
      'Trường THCS Nguyễn Trãi,12.50,Đạt,=1+1,',
      'Ủy ban nhân dân xã,"1,234,567",Không đạt,mã _x0041_,',
      // SUM had no cached value: LibreOffice computed it.
      'Tổng,1234579.5,25,50%,',
      'TRUE,-0.25,  lề  ,,',
    ]);
    expect(readFileSync(join(out, 'kq-_lists.csv'), 'utf8').trimEnd().split(/\r?\n/)).toEqual(['Đạt', 'Không đạt']);
  });
});
