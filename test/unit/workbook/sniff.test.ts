import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { outcome, xlsxFiles, zip } from './xlsx-builder.js';

/** A minimal compound file (MS-CFB v3): one FAT sector, one directory sector. */
function cfb(streams: string[], directorySector = 1): Uint8Array {
  const out = new Uint8Array(512 * 3);
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true);
  v.setUint32(0x30, directorySector, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  v.setUint32(0x4c, 0, true);
  for (let i = 1; i < 109; i++) v.setUint32(0x4c + i * 4, 0xffffffff, true);
  const fat = 512;
  v.setUint32(fat, 0xfffffffd, true);
  v.setUint32(fat + 4, 0xfffffffe, true);
  for (let i = 2; i < 128; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  ['Root Entry', ...streams].forEach((name, k) => {
    const base = 1024 + k * 128;
    for (let i = 0; i < name.length; i++) v.setUint16(base + i * 2, name.charCodeAt(i), true);
    v.setUint16(base + 0x40, (name.length + 1) * 2, true);
    out[base + 0x42] = k === 0 ? 5 : 2;
  });
  return out;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffing what a file really is', () => {
  it.each([
    ['an encrypted package (agile)', cfb(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']), 'encrypted/encrypted-package'],
    ['an encrypted package (standard, no DataSpaces)', cfb(['EncryptionInfo', 'EncryptedPackage']), 'encrypted/encrypted-package'],
    ['an .xls (BIFF8 Workbook stream)', cfb(['Workbook', '\u0005SummaryInformation']), 'unreadable-file/xls'],
    ['an .xls (BIFF5 Book stream)', cfb(['Book']), 'unreadable-file/xls'],
    ['a .doc', cfb(['WordDocument', '1Table']), 'unreadable-file/doc'],
    ['an unknown compound file', cfb(['Something']), 'unreadable-file/xls'],
    ['a compound file with a broken directory chain but encryption streams', cfb(['EncryptedPackage'], 999), 'encrypted/encrypted-package'],
    ['a compound file with a broken directory chain', cfb(['Workbook'], 999), 'unreadable-file/xls'],
  ])('%s', async (_what, bytes, expected) => {
    expect(await outcome(openWorkbook(bytes))).toBe(expected);
  });

  it.each([
    ['empty file', new Uint8Array(0), 'unreadable-file/empty'],
    ['PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'unreadable-file/png'],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'unreadable-file/jpeg'],
    ['GIF', ascii('GIF89a\x01\x00'), 'unreadable-file/gif'],
    ['PDF', ascii('%PDF-1.7\n%âãÏÓ'), 'unreadable-file/pdf'],
    ['HTML "Excel" export', ascii('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>1</td></tr></table>'), 'unreadable-file/html'],
    ['HTML with a doctype', ascii('\n<!DOCTYPE html>\n<html><head>'), 'unreadable-file/html'],
    ['an Excel 2003 XML spreadsheet', ascii('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), 'unreadable-file/xml-spreadsheet-2003'],
    ['CSV', utf8('Mã đơn vị,Tên,1.1\nXA-01,Xã A,5\n'), 'unreadable-file/csv'],
    ['CSV with semicolons (Vietnamese locale)', utf8('Mã;Tên;Điểm\r\nXA-01;Xã A;12,5\r\n'), 'unreadable-file/csv'],
    ['plain text', ascii('just some notes\nabout the movement\n'), 'unreadable-file/text'],
    ['UTF-16 text with BOM', Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0]), 'unreadable-file/csv'],
    ['random binary', Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x10]), 'unreadable-file/not-zip'],
    ['gzip', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]), 'unreadable-file/gzip'],
  ])('%s', async (_what, bytes, expected) => {
    expect(await outcome(openWorkbook(bytes))).toBe(expected);
  });

  it("recognises Excel's owner lock file (~$name.xlsx)", async () => {
    const user = 'Nguyen Van A';
    const lock = new Uint8Array(165).fill(0x20);
    lock[0] = user.length;
    lock.set(ascii(user), 1);
    lock[55] = user.length;
    lock[56] = 0;
    for (let i = 0; i < user.length; i++) {
      lock[57 + i * 2] = user.charCodeAt(i);
      lock[58 + i * 2] = 0;
    }
    expect(await outcome(openWorkbook(lock))).toBe('unreadable-file/lock-file');
  });

  describe('zip packages that are not SpreadsheetML', () => {
    it('.ods (mimetype entry)', async () => {
      const ods = zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>', 'META-INF/manifest.xml': '<m/>' }, true);
      expect(await outcome(openWorkbook(ods))).toBe('unreadable-file/ods');
    });

    it('.odt is named as another OpenDocument', async () => {
      const odt = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }, true);
      expect(await outcome(openWorkbook(odt))).toBe('unreadable-file/odf');
    });

    it('.xlsb (the main part is workbook.bin)', async () => {
      const files = xlsxFiles({ sheets: [{ name: 'A', data: '' }] });
      files['_rels/.rels'] = new TextEncoder().encode(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      );
      files['xl/workbook.bin'] = new Uint8Array([0x83, 0x01, 0x00]);
      delete files['xl/workbook.xml'];
      expect(await outcome(openWorkbook(zip(files)))).toBe('unreadable-file/xlsb');
    });

    it('.xlsb without package relationships', async () => {
      expect(await outcome(openWorkbook(zip({ 'xl/workbook.bin': new Uint8Array([1, 2, 3]) })))).toBe('unreadable-file/xlsb');
    });

    it('Apple .numbers (Index/*.iwa)', async () => {
      const numbers = zip({ 'Index/Document.iwa': new Uint8Array([0, 1, 2]), 'Metadata/Properties.plist': 'x' });
      expect(await outcome(openWorkbook(numbers))).toBe('unreadable-file/numbers');
    });

    it('.docx', async () => {
      expect(await outcome(openWorkbook(zip({ 'word/document.xml': '<w:document/>' })))).toBe('unreadable-file/docx');
    });

    it('a zip with no workbook at all', async () => {
      expect(await outcome(openWorkbook(zip({ 'readme.txt': 'hello' })))).toBe('unreadable-file/no-workbook');
    });

    it('an empty zip', async () => {
      const empty = new Uint8Array(22);
      empty.set([0x50, 0x4b, 0x05, 0x06]);
      expect(await outcome(openWorkbook(empty))).toBe('unreadable-file/no-workbook');
    });
  });
});
