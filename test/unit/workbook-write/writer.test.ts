import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  WorkbookWriteError,
  cellRef,
  colName,
  writeWorkbook,
  writeWorkbookTo,
  type CellStyle,
  type RowModel,
  type SheetModel,
  type WorkbookModel,
  type WriteOptions,
} from '../../../src/workbook/write/index.js';

const CREATED = new Date('2024-03-15T09:30:00Z');

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

/** exceljs reads these but leaves them out of its typings. */
function validationsOf(ws: ExcelJS.Worksheet): Record<string, Record<string, unknown>> {
  return (ws as unknown as { dataValidations: { model: Record<string, Record<string, unknown>> } }).dataValidations.model;
}

function protectionOf(ws: ExcelJS.Worksheet): Record<string, unknown> {
  return (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
}

function part(bytes: Uint8Array, name: string): string {
  const f = unzipSync(bytes)[name];
  if (f === undefined) throw new Error(`no part ${name}`);
  return strFromU8(f);
}

/** Central directory entries in order, with DOS date/time decoded. */
function centralDirectory(bytes: Uint8Array): { name: string; date: string; time: string }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const out: { name: string; date: string; time: string }[] = [];
  for (let i = 0; i < count; i++) {
    expect(dv.getUint32(p, true)).toBe(0x02014b50);
    const t = dv.getUint16(p + 12, true);
    const d = dv.getUint16(p + 14, true);
    const nl = dv.getUint16(p + 28, true);
    const xl = dv.getUint16(p + 30, true);
    const cl = dv.getUint16(p + 32, true);
    out.push({
      name: strFromU8(bytes.subarray(p + 46, p + 46 + nl)),
      date: `${(d >> 9) + 1980}-${pad((d >> 5) & 15)}-${pad(d & 31)}`,
      time: `${pad(t >> 11)}:${pad((t >> 5) & 63)}:${pad((t & 31) * 2)}`,
    });
    p += 46 + nl + xl + cl;
  }
  return out;
}

async function collect(model: WorkbookModel, options?: WriteOptions): Promise<{ bytes: Uint8Array; chunks: number }> {
  const chunks: Uint8Array[] = [];
  await writeWorkbookTo(model, (c) => {
    chunks.push(c);
  }, options);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

const header: CellStyle = { bold: true, fill: 'DDEBF7', hAlign: 'center', vAlign: 'center', wrap: true, border: 'thin' };
const score: CellStyle = { numFmt: '0.00', border: 'thin' };
const money: CellStyle = { numFmt: '#,##0' };
const pct: CellStyle = { numFmt: '0%', italic: true, fontColor: 'C00000', fontSize: 9 };
const date: CellStyle = { numFmt: 'dd/mm/yyyy' };

function reportModel(): WorkbookModel {
  const results: SheetModel = {
    name: 'Kết quả',
    tabColor: '00B050',
    columns: [{ width: 6 }, { width: 40 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 14 }],
    freeze: { rows: 2, cols: 2 },
    autoFilter: {},
    merges: ['A1:F1'],
    print: {
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      titleRows: [2, 2],
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 },
      horizontalCentered: true,
      header: '&CBẢNG XẾP HẠNG THI ĐUA',
      footer: '&LThi đua 2024&RTrang &P/&N',
    },
    rows: function* (): Generator<RowModel> {
      yield { cells: [{ value: 'BẢNG XẾP HẠNG THI ĐUA NĂM 2024', style: { bold: true, fontSize: 14, hAlign: 'center' } }], height: 24 };
      yield ['STT', 'Đơn vị', 'Điểm', 'Kinh phí', 'Tỉ lệ', 'Ngày chấm'].map((v) => ({ value: v, style: header }));
      const units = ['Trường THCS Nguyễn Trãi', 'Phòng Giáo dục và Đào tạo', 'Ủy ban nhân dân xã Hòa Bình'];
      for (let i = 0; i < units.length; i++) {
        yield [i + 1, units[i], { value: 95.5 - i * 3.25, style: score }, { value: 12_500_000 + i, style: money }, { value: 0.85 - i / 10, style: pct }, { value: 45366 + i, style: date }];
      }
      yield { r: 7, cells: [null, { value: 'Tổng', style: { bold: true } }, { formula: 'SUM(C3:C5)', value: 276.75, style: score }, { formula: '=SUM(D3:D5)' }] };
    },
  };
  const hidden: SheetModel = { name: 'Ẩn', state: 'hidden', rows: [['ẩn']] };
  const veryHidden: SheetModel = { name: 'Rất ẩn', state: 'veryHidden', rows: [['rất ẩn']] };
  return {
    properties: { created: CREATED, title: 'Xếp hạng thi đua', creator: 'thidua', company: 'Sở Nội vụ' },
    sheets: [results, hidden, veryHidden],
    definedNames: [{ name: 'DiemTong', refersTo: "'Kết quả'!$C$7" }],
  };
}

function templateModel(): WorkbookModel {
  const input: CellStyle = { locked: false, border: 'thin', fill: 'FFF2CC', numFmt: '0.00' };
  const label: CellStyle = { border: 'thin', wrap: true };
  return {
    properties: { created: CREATED, title: 'Phiếu tự chấm' },
    sheets: [
      {
        name: 'Phiếu tự chấm',
        columns: [{ width: 5 }, { width: 50 }, { width: 10 }, { width: 12 }, { width: 12 }],
        protection: { allow: { formatColumns: true, formatRows: true } },
        rows: [
          ['TT', 'Tiêu chí', 'Tối đa', 'Tự chấm', 'Xếp loại'],
          [1, { value: 'Hoàn thành kế hoạch năm', style: label }, 10, { style: input }, { style: { locked: false } }],
          [2, { value: 'Công tác tuyên truyền', style: label }, 5, { value: 4.5, style: input }, { style: { locked: false } }],
          [null, { value: 'Tổng', style: { bold: true } }, { formula: 'SUM(C2:C3)', value: 15 }, { formula: 'SUM(D2:D3)' }],
        ],
        validations: [
          {
            type: 'decimal',
            ranges: 'D2:D3',
            min: 0,
            max: '$C$2',
            input: { title: 'Tự chấm', message: 'Nhập điểm từ 0 đến điểm tối đa của tiêu chí' },
            error: { title: 'Điểm không hợp lệ', message: 'Điểm phải nằm trong khoảng 0 – tối đa' },
          },
          { type: 'list', ranges: ['E2:E3'], source: "'_lists'!$A$1:$A$2", error: { message: 'Chọn trong danh sách' } },
          { type: 'whole', ranges: 'C2:C3', min: 0, max: 100, allowBlank: false },
        ],
      },
      { name: '_lists', state: 'hidden', rows: [['Đạt'], ['Không đạt']] },
    ],
    definedNames: [{ name: 'XepLoai', refersTo: "'_lists'!$A$1:$A$2", comment: 'Danh sách xếp loại' }],
  };
}

describe('colName / cellRef', () => {
  it('turns column numbers into letters', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703, 16384].map(colName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(cellRef(1, 1)).toBe('A1');
    expect(cellRef(1_048_576, 27)).toBe('AA1048576');
  });

  it('refuses numbers outside the sheet', () => {
    expect(() => colName(0)).toThrow(RangeError);
    expect(() => colName(16385)).toThrow(RangeError);
    expect(() => colName(1.5)).toThrow(RangeError);
    expect(() => cellRef(0, 1)).toThrow(RangeError);
    expect(() => cellRef(1_048_577, 1)).toThrow(RangeError);
  });
});

describe('report workbook read back by exceljs', () => {
  it('keeps values, formulas and cached results', async () => {
    const wb = await load(writeWorkbook(reportModel()));
    const ws = sheetOf(wb, 'Kết quả');
    expect(ws.getCell('A1').value).toBe('BẢNG XẾP HẠNG THI ĐUA NĂM 2024');
    expect(ws.getRow(2).values).toEqual([undefined, 'STT', 'Đơn vị', 'Điểm', 'Kinh phí', 'Tỉ lệ', 'Ngày chấm']);
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.getCell('B4').value).toBe('Phòng Giáo dục và Đào tạo');
    expect(ws.getCell('C5').value).toBe(89);
    expect(ws.getCell('D3').value).toBe(12_500_000);
    expect(ws.getCell('C7').value).toEqual({ formula: 'SUM(C3:C5)', result: 276.75 });
    expect(ws.getCell('D7').value).toEqual({ formula: 'SUM(D3:D5)' });
    expect(ws.getRow(6).hasValues).toBe(false);
    // exceljs turns numbers with a date format into Dates.
    expect(ws.getCell('F3').value).toEqual(new Date(Date.UTC(2024, 2, 15)));
  });

  it('keeps styles', async () => {
    const wb = await load(writeWorkbook(reportModel()));
    const ws = sheetOf(wb, 'Kết quả');
    const h = ws.getCell('B2');
    expect(h.font.bold).toBe(true);
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(h.border.left?.style).toBe('thin');
    expect(h.border.bottom?.style).toBe('thin');
    expect(ws.getCell('C3').numFmt).toBe('0.00');
    expect(ws.getCell('D3').numFmt).toBe('#,##0');
    expect(ws.getCell('E3').numFmt).toBe('0%');
    expect(ws.getCell('F3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('E3').font).toMatchObject({ italic: true, size: 9, color: { argb: 'FFC00000' } });
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('B3').font?.bold).toBeUndefined();
  });

  it('keeps layout: widths, heights, merges, frozen panes, autofilter, tab colour', async () => {
    const wb = await load(writeWorkbook(reportModel()));
    const ws = sheetOf(wb, 'Kết quả');
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getRow(1).height).toBe(24);
    expect(ws.getCell('F1').isMerged).toBe(true);
    expect(ws.getCell('F1').master.address).toBe('A1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3' });
    expect(ws.autoFilter).toBe('A2:F7');
    expect(ws.properties.tabColor).toEqual({ argb: 'FF00B050' });
  });

  it('keeps print setup, print titles and header/footer', async () => {
    const wb = await load(writeWorkbook(reportModel()));
    const ws = sheetOf(wb, 'Kết quả');
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins).toEqual({ left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
    expect(ws.headerFooter.oddHeader).toBe('&CBẢNG XẾP HẠNG THI ĐUA');
    expect(ws.headerFooter.oddFooter).toBe('&LThi đua 2024&RTrang &P/&N');
  });

  it('keeps sheet states, defined names and document properties', async () => {
    const wb = await load(writeWorkbook(reportModel()));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Kết quả', 'visible'],
      ['Ẩn', 'hidden'],
      ['Rất ẩn', 'veryHidden'],
    ]);
    expect(wb.definedNames.model).toContainEqual({ name: 'DiemTong', ranges: ["'Kết quả'!$C$7"] });
    expect(wb.title).toBe('Xếp hạng thi đua');
    expect(wb.creator).toBe('thidua');
    expect(wb.created).toEqual(CREATED);
    expect(wb.company).toBe('Sở Nội vụ');
  });

  it('deduplicates styles into cellXfs', () => {
    const rows: RowModel[] = [];
    for (let i = 0; i < 200; i++) rows.push([{ value: i, style: { bold: true, numFmt: '0.00' } }, { value: i, style: { numFmt: '0.00', bold: true } }, { value: 'x', style: {} }]);
    const styles = part(writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', rows }] }), 'xl/styles.xml');
    expect(styles).toContain('<cellXfs count="2">');
    expect(styles).toContain('<fonts count="2">');
    // The required defaults: one font, the two reserved fills, one empty border, one style xf.
    expect(styles).toContain('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>');
    expect(styles).toContain('<cellStyleXfs count="1">');
  });
});

describe('template workbook read back by exceljs', () => {
  it('keeps data validations with their Vietnamese messages', async () => {
    const bytes = writeWorkbook(templateModel());
    // exceljs parses decimal bounds as numbers, so a reference bound is checked in the XML.
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).toContain('sqref="D2:D3"><formula1>0</formula1><formula2>$C$2</formula2>');
    const dv = validationsOf(sheetOf(await load(bytes), 'Phiếu tự chấm'));
    expect(dv['D2']).toEqual({
      type: 'decimal',
      operator: 'between',
      formulae: [0, Number.NaN],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: 'Tự chấm',
      prompt: 'Nhập điểm từ 0 đến điểm tối đa của tiêu chí',
      showErrorMessage: true,
      errorTitle: 'Điểm không hợp lệ',
      error: 'Điểm phải nằm trong khoảng 0 – tối đa',
    });
    expect(dv['D3']).toEqual(dv['D2']);
    expect(dv['E3']).toMatchObject({ type: 'list', formulae: ["'_lists'!$A$1:$A$2"], showErrorMessage: true, error: 'Chọn trong danh sách' });
    expect(dv['C2']).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 100] });
    expect(dv['C2']?.['allowBlank']).toBeUndefined();
    // Bounded ranges only: nothing outside them.
    expect(Object.keys(dv).sort()).toEqual(['C2', 'C3', 'D2', 'D3', 'E2', 'E3']);
  });

  it('protects the sheet without a password and leaves input cells unlocked', async () => {
    const bytes = writeWorkbook(templateModel());
    const xml = part(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>');
    expect(xml).not.toMatch(/password|hashValue/);
    const ws = sheetOf(await load(bytes), 'Phiếu tự chấm');
    // exceljs reports what is allowed: formatting columns and rows, not objects.
    expect(protectionOf(ws)).toMatchObject({ sheet: true, objects: false, scenarios: false, formatColumns: true, formatRows: true });
    expect(ws.getCell('D2').protection).toEqual({ locked: false, hidden: false });
    expect(ws.getCell('D2').value).toBeNull();
    expect(ws.getCell('D2').numFmt).toBe('0.00');
    expect(ws.getCell('D3').value).toBe(4.5);
    expect(ws.getCell('B2').protection).toBeUndefined();
    expect(ws.getCell('C4').value).toEqual({ formula: 'SUM(C2:C3)', result: 15 });
    expect(ws.getCell('D4').value).toEqual({ formula: 'SUM(D2:D3)' });
  });

  it('writes the hidden list sheet and defined names', async () => {
    const bytes = writeWorkbook(templateModel());
    const wb = await load(bytes);
    expect(sheetOf(wb, '_lists').state).toBe('hidden');
    expect(sheetOf(wb, '_lists').getCell('A2').value).toBe('Không đạt');
    expect(wb.definedNames.model).toContainEqual({ name: 'XepLoai', ranges: ["'_lists'!$A$1:$A$2"] });
    const wbXml = part(bytes, 'xl/workbook.xml');
    expect(wbXml).toContain('<definedName name="XepLoai" comment="Danh sách xếp loại">');
    // A formula without a cached value asks for a recalculation on opening.
    expect(wbXml).toContain('fullCalcOnLoad="1"');
  });
});

describe('text is text', () => {
  it('reads "=1+1" and numeric-looking strings back as strings, not formulas', async () => {
    const bytes = writeWorkbook({
      properties: { created: CREATED },
      sheets: [{ name: 'S', rows: [['=1+1', '+SUM(A1)', '007', '1e3', 'TRUE', '  lề  ']] }],
    });
    const ws = sheetOf(await load(bytes), 'S');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A1').value).toBe('=1+1');
    expect(ws.getCell('A1').formula).toBeUndefined();
    expect(ws.getRow(1).values).toEqual([undefined, '=1+1', '+SUM(A1)', '007', '1e3', 'TRUE', '  lề  ']);
    const xml = part(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('<t xml:space="preserve">  lề  </t>');
  });

  it('drops characters XML 1.0 forbids and escapes markup', async () => {
    const nasty = 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi';
    const bytes = writeWorkbook({
      properties: { created: CREATED, title: 'x\u0002y' },
      sheets: [
        {
          name: 'S',
          rows: [[nasty, 'tab\there\nline', '<b>&amp;"\'</b>', { formula: 'IF(A1<>"","<&>","")', value: '<&>\u0003' }]],
          validations: [{ type: 'custom', ranges: 'A1', formula: 'LEN(A1)<10', input: { message: 'dòng 1\ndòng 2\u0007 "x"' } }],
        },
      ],
    });
    const ws = sheetOf(await load(bytes), 'S');
    expect(ws.getCell('A1').value).toBe('abcdefghi');
    expect(ws.getCell('B1').value).toBe('tab\there\nline');
    expect(ws.getCell('C1').value).toBe('<b>&amp;"\'</b>');
    expect(ws.getCell('D1').value).toEqual({ formula: 'IF(A1<>"","<&>","")', result: '<&>' });
    const dv = validationsOf(ws);
    expect(dv['A1']?.['prompt']).toBe('dòng 1\ndòng 2 "x"');
    const xml = part(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(part(bytes, 'docProps/core.xml')).toContain('<dc:title>xy</dc:title>');
  });

  it("escapes a literal _xHHHH_ so Excel doesn't decode it, and keeps a carriage return", () => {
    const xml = part(
      writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', rows: [['mã _x0041_ và _x00e9_', 'a\r\nb']] }] }),
      'xl/worksheets/sheet1.xml',
    );
    expect(xml).toContain('mã _x005F_x0041_ và _x005F_x00e9_');
    expect(xml).toContain('a&#13;\nb');
  });
});

describe('determinism and zip layout', () => {
  it('writes the same bytes twice, in memory and streamed, with both engines', async () => {
    for (const engine of ['zlib', 'fflate'] as const) {
      const a = writeWorkbook(reportModel(), { engine });
      const b = writeWorkbook(reportModel(), { engine });
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      const streamed = await collect(reportModel(), { engine });
      expect(Buffer.from(streamed.bytes).equals(Buffer.from(a))).toBe(true);
    }
  });

  it('gives the same bytes in memory and streamed when a sheet spans many deflate segments', async () => {
    const model: WorkbookModel = {
      properties: { created: CREATED },
      sheets: [
        {
          name: 'Lớn',
          rows: function* (): Generator<RowModel> {
            for (let i = 1; i <= 20_000; i++) yield [i, `Đơn vị ${i % 97}`, i / 3, { value: i % 5 === 0, style: { bold: true } }];
          },
        },
      ],
    };
    const inMemory = writeWorkbook(model);
    const streamed = await collect(model);
    expect(streamed.chunks).toBeGreaterThan(10);
    expect(Buffer.from(streamed.bytes).equals(Buffer.from(inMemory))).toBe(true);
    const ws = sheetOf(await load(inMemory), 'Lớn');
    expect(ws.getCell('B20000').value).toBe('Đơn vị 18');
    expect(ws.getCell('D20000').value).toBe(true);
  });

  it('can write one model object twice when rows come from a generator function', () => {
    const model = templateModel();
    expect(Buffer.from(writeWorkbook(model)).equals(Buffer.from(writeWorkbook(model)))).toBe(true);
  });

  it('orders parts fixedly and stamps them with the creation date, whatever the clock', () => {
    const entries = centralDirectory(writeWorkbook(reportModel()));
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
    ]);
    for (const e of entries) expect([e.date, e.time]).toEqual(['2024-03-15', '12:00:00']);
    expect(part(writeWorkbook(reportModel()), 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-15T09:30:00Z</dcterms:created>');
  });

  it('stores parts uncompressed at level 0 and still opens', async () => {
    const bytes = writeWorkbook(templateModel(), { level: 0 });
    expect(sheetOf(await load(bytes), 'Phiếu tự chấm').getCell('B3').value).toBe('Công tác tuyên truyền');
  });

  it('writes each kind of cell as exactly this XML', () => {
    const bold: CellStyle = { bold: true };
    const rows: RowModel[] = [
      ['Hộ Nguyễn Văn A', 90, 27.4, -0.05, 1e21, -0, 12345678.9012, true, null, ' lề ', 'a<b & c>d', 'x_x0041_y'],
      { r: 3, cells: [{ value: 'đậm', style: bold }, { value: 8.25, style: bold }, { style: bold }, {}, { value: false }, { formula: '=A3&"x"', value: 'đậmx' }, { formula: 'B3*2' }] },
      { r: 5, cells: [null, {}] },
      { r: 6, height: 30, cells: [] },
    ];
    const bytes = writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', rows: () => rows }] });
    const xml = part(bytes, 'xl/worksheets/sheet1.xml');
    const data = xml.slice(xml.indexOf('<sheetData>') + 11, xml.indexOf('</sheetData>'));
    const s = /<c r="A3" s="(\d+)"/.exec(data)?.[1];
    expect(s).not.toBe('0');
    const is = (t: string, preserve = false): string => `t="inlineStr"><is><t${preserve ? ' xml:space="preserve"' : ''}>${t}</t></is></c>`;
    expect(data).toBe(
      '<row r="1">' +
        `<c r="A1" ${is('Hộ Nguyễn Văn A')}<c r="B1"><v>90</v></c><c r="C1"><v>27.4</v></c><c r="D1"><v>-0.05</v></c>` +
        '<c r="E1"><v>1e+21</v></c><c r="F1"><v>0</v></c><c r="G1"><v>12345678.9012</v></c><c r="H1" t="b"><v>1</v></c>' +
        `<c r="J1" ${is(' lề ', true)}<c r="K1" ${is('a&lt;b &amp; c&gt;d')}<c r="L1" ${is('x_x005F_x0041_y')}` +
        '</row>' +
        `<row r="3"><c r="A3" s="${s}" ${is('đậm')}<c r="B3" s="${s}"><v>8.25</v></c><c r="C3" s="${s}"/>` +
        '<c r="E3" t="b"><v>0</v></c><c r="F3" t="str"><f>A3&amp;"x"</f><v>đậmx</v></c><c r="G3"><f>B3*2</f></c></row>' +
        '<row r="6" ht="30" customHeight="1"></row>',
    );
  });

  it('writes the text of shared columns once, in xl/sharedStrings.xml, and it reads back', async () => {
    const bold: CellStyle = { bold: true };
    const rows: RowModel[] = [
      ['Khối', 'Đơn vị', 'Xếp loại'],
      ['Thôn 1', 'Hộ A', { value: 'Hoàn thành', style: bold }],
      ['Thôn 1', 'Hộ B', ' lề <&> '],
      ['Thôn 2', 'Hộ C', 7],
      ['Thôn 1', 'Hộ A', { value: 'Hoàn thành', style: bold }],
    ];
    const bytes = writeWorkbook({
      properties: { created: CREATED },
      sheets: [
        { name: 'S', columns: [{ shared: true }, {}, { width: 12, shared: true }], rows: () => rows },
        { name: 'T', rows: [['Thôn 1']] },
      ],
    });
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    const b = /<c r="C2" s="(\d+)"/.exec(sheet)?.[1];
    expect(b).toMatch(/^[1-9]/);
    expect(sheet).toContain(`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>Hộ A</t></is></c><c r="C2" s="${b}" t="s"><v>3</v></c></row>`);
    expect(sheet).toContain('<c r="C3" t="s"><v>4</v></c>');
    // numbers stay numbers in a shared column; a sheet without one keeps its text inline
    expect(sheet).toContain('<c r="A4" t="s"><v>5</v></c><c r="B4" t="inlineStr"><is><t>Hộ C</t></is></c><c r="C4"><v>7</v></c>');
    expect(sheet).toContain(`<c r="A5" t="s"><v>2</v></c><c r="B5" t="inlineStr"><is><t>Hộ A</t></is></c><c r="C5" s="${b}" t="s"><v>3</v></c>`);
    expect(part(bytes, 'xl/worksheets/sheet2.xml')).toContain('<c r="A1" t="inlineStr"><is><t>Thôn 1</t></is></c>');
    expect(part(bytes, 'xl/sharedStrings.xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="6">' +
        '<si><t>Khối</t></si><si><t>Xếp loại</t></si><si><t>Thôn 1</t></si><si><t>Hoàn thành</t></si>' +
        '<si><t xml:space="preserve"> lề &lt;&amp;&gt; </t></si><si><t>Thôn 2</t></si></sst>',
    );
    expect(part(bytes, '[Content_Types].xml')).toContain('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    expect(part(bytes, 'xl/_rels/workbook.xml.rels')).toContain('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>');
    // as Excel would show them
    const ws = sheetOf(await load(bytes), 'S');
    expect([1, 2, 3, 4, 5].map((r) => [1, 2, 3].map((c) => ws.getCell(r, c).value))).toEqual([
      ['Khối', 'Đơn vị', 'Xếp loại'],
      ['Thôn 1', 'Hộ A', 'Hoàn thành'],
      ['Thôn 1', 'Hộ B', ' lề <&> '],
      ['Thôn 2', 'Hộ C', 7],
      ['Thôn 1', 'Hộ A', 'Hoàn thành'],
    ]);
    expect(ws.getCell(2, 3).font?.bold).toBe(true);
    // a workbook without shared columns has no table
    expect(Object.keys(unzipSync(writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'T', rows: [['x']] }] })))).not.toContain('xl/sharedStrings.xml');
  });

  it("formats a column's bare numbers with its numberStyle, and nothing else", async () => {
    const pts: CellStyle = { numFmt: '0.00' };
    const bold: CellStyle = { bold: true };
    const rows: RowModel[] = [
      ['Tổng điểm', 'x'],
      [12.5, 1],
      [{ value: 7, style: bold }, 'y'],
      ['chữ', 2],
    ];
    const bytes = writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', columns: [{ numberStyle: pts }], rows: () => rows }] });
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    const p = /<c r="A2" s="(\d+)"><v>12.5<\/v><\/c>/.exec(sheet)?.[1];
    const b = /<c r="A3" s="(\d+)"><v>7<\/v><\/c>/.exec(sheet)?.[1];
    expect(p).toMatch(/^[1-9]/);
    expect(b).toMatch(/^[1-9]/);
    expect(b).not.toBe(p);
    // strings in the column and numbers of other columns keep no style
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t>Tổng điểm</t></is></c>');
    expect(sheet).toContain('<c r="A4" t="inlineStr"><is><t>chữ</t></is></c><c r="B4"><v>2</v></c>');
    expect(sheet).toContain('<c r="B2"><v>1</v></c>');
    // the same bytes as a cell object with that style
    const objects = writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', columns: [{}], rows: () => rows.map((r, i) => (i === 1 ? [{ value: 12.5, style: pts }, 1] : r)) }] });
    expect(part(objects, 'xl/worksheets/sheet1.xml')).toBe(sheet);
    expect(sheetOf(await load(bytes), 'S').getCell('A2').numFmt).toBe('0.00');
  });

  it('writes the bare numbers of a hundredths column as decimals, the same bytes as the numbers themselves', () => {
    const pts: CellStyle = { numFmt: '0.00' };
    const hundredths = [1234, 5, -250, 0, 100, 1, -7, 999_999_999, 1305, 1310];
    const sheetOf = (rows: RowModel[], hundredthsColumn: boolean): string =>
      part(writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', columns: [{ numberStyle: pts, ...(hundredthsColumn ? { hundredths: true } : {}) }, {}], rows: () => rows }] }), 'xl/worksheets/sheet1.xml');
    const asHundredths = sheetOf(hundredths.map((h) => [h, h]), true);
    expect(asHundredths).toBe(sheetOf(hundredths.map((h) => [h / 100, h]), false));
    expect(asHundredths).toContain('<v>12.34</v></c><c r="B1"><v>1234</v>');
    expect(asHundredths).toContain('<v>0.05</v>');
    expect(asHundredths).toContain('<v>-2.5</v>');
    expect(asHundredths).toContain('<v>9999999.99</v>');
    // only bare numbers: a cell object says its own value
    expect(sheetOf([[{ value: 12.5, style: pts }]], true)).toContain('<v>12.5</v>');
    // a bare number that is not whole is written as its hundredths all the same; one that is not
    // finite is refused, with its cell, as in any column
    expect(sheetOf([[12.5], [8727176982069937]], true)).toBe(sheetOf([[0.125], [8727176982069937 / 100]], false));
    expect(() => sheetOf([[1], [Infinity]], true)).toThrow(/A2 is not a finite number/);
  });

  it('writes worksheet elements in schema order', () => {
    const model = reportModel();
    const first = model.sheets[0] as SheetModel;
    const xml = part(
      writeWorkbook({
        ...model,
        sheets: [{ ...first, protection: {}, validations: [{ type: 'whole', ranges: 'C3:C5', min: 0 }] }, ...model.sheets.slice(1)],
      }),
      'xl/worksheets/sheet1.xml',
    );
    const order = ['<sheetPr>', '<dimension', '<sheetViews>', '<sheetFormatPr', '<cols>', '<sheetData>', '<sheetProtection', '<autoFilter', '<mergeCells', '<dataValidations', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter>'];
    const positions = order.map((tag) => xml.indexOf(tag));
    // Rows from a generator: no dimension, which is optional.
    expect(positions[1]).toBe(-1);
    const present = positions.filter((p) => p >= 0);
    expect(present).toEqual([...present].sort((x, y) => x - y));
    expect(present.length).toBe(order.length - 1);
    expect(xml).toContain('<sheetPr><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr>');
  });
});

describe('streaming', () => {
  it('pulls rows lazily and hands chunks to the sink before the rows run out', async () => {
    let pulled = 0;
    let pulledAtFirstChunk = -1;
    const rows = function* (): Generator<RowModel> {
      for (let i = 0; i < 30_000; i++) {
        pulled++;
        yield [i, `Đơn vị số ${i}`, i / 7, i % 2 === 0];
      }
    };
    const chunks: Uint8Array[] = [];
    await writeWorkbookTo({ properties: { created: CREATED }, sheets: [{ name: 'S', rows }] }, async (c) => {
      if (pulledAtFirstChunk < 0 && chunks.length > 4) pulledAtFirstChunk = pulled;
      chunks.push(c);
      await new Promise((r) => setImmediate(r));
    });
    expect(pulled).toBe(30_000);
    expect(pulledAtFirstChunk).toBeGreaterThan(0);
    expect(pulledAtFirstChunk).toBeLessThan(30_000);
    const ws = sheetOf(await load(Buffer.concat(chunks)), 'S');
    expect(ws.rowCount).toBe(30_000);
    expect(ws.getCell('B30000').value).toBe('Đơn vị số 29999');
    expect(ws.getCell('D2').value).toBe(false);
  });

  it('writes each row before asking for the next: one array refilled gives every row', async () => {
    const row: (string | number | null)[] = [];
    const rows = function* (): Generator<RowModel> {
      for (let i = 1; i <= 500; i++) {
        row[0] = i;
        row[1] = `Hộ số ${i}`;
        row[2] = i % 3 ? null : i / 4;
        row.length = 3;
        yield row;
      }
    };
    const ws = sheetOf(await load(Buffer.from(writeWorkbook({ properties: { created: CREATED }, sheets: [{ name: 'S', rows }] }))), 'S');
    expect(ws.rowCount).toBe(500);
    expect([ws.getCell('A7').value, ws.getCell('B7').value, ws.getCell('C7').value]).toEqual([7, 'Hộ số 7', null]);
    expect([ws.getCell('A300').value, ws.getCell('B300').value, ws.getCell('C300').value]).toEqual([300, 'Hộ số 300', 75]);
  });

  it('accepts async row sources in writeWorkbookTo only', async () => {
    const rows = async function* (): AsyncGenerator<RowModel> {
      for (let i = 1; i <= 3; i++) {
        await new Promise((r) => setImmediate(r));
        yield [`dòng ${i}`, i];
      }
    };
    const model: WorkbookModel = { properties: { created: CREATED }, sheets: [{ name: 'S', rows, autoFilter: { headerRow: 1 } }] };
    const { bytes } = await collect(model);
    const ws = sheetOf(await load(bytes), 'S');
    expect(ws.getCell('A3').value).toBe('dòng 3');
    expect(ws.autoFilter).toBe('A1:B3');
    expect(() => writeWorkbook(model)).toThrow(/synchronous row sources/);
  });

  it('stops the row source when the sink fails', async () => {
    let finished = false;
    const rows = function* (): Generator<RowModel> {
      try {
        for (let i = 0; i < 100_000; i++) yield [i, 'x'.repeat(20)];
      } finally {
        finished = true;
      }
    };
    await expect(
      writeWorkbookTo({ properties: { created: CREATED }, sheets: [{ name: 'S', rows }] }, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(finished).toBe(true);
  });
});

describe('refusals', () => {
  const base = (sheet: Partial<SheetModel>, more: Partial<WorkbookModel> = {}): WorkbookModel => ({
    properties: { created: CREATED },
    sheets: [{ name: 'S', rows: [['a']], ...sheet }],
    ...more,
  });
  const code = (model: WorkbookModel): string => {
    try {
      writeWorkbook(model);
    } catch (e) {
      if (e instanceof WorkbookWriteError) return e.code;
      throw e;
    }
    return 'none';
  };

  it('refuses bad sheet names', () => {
    expect(code(base({ name: 'a/b' }))).toBe('bad-sheet-name');
    expect(code(base({ name: 'x'.repeat(32) }))).toBe('bad-sheet-name');
    expect(code(base({ name: '' }))).toBe('bad-sheet-name');
    expect(code(base({ name: "'quoted'" }))).toBe('bad-sheet-name');
    expect(code(base({ name: 'History' }))).toBe('bad-sheet-name');
    for (const ch of '[]:*?/\\') expect(code(base({ name: `a${ch}b` }))).toBe('bad-sheet-name');
    expect(code(base({ name: 'x'.repeat(31) }))).toBe('none');
    expect(code({ properties: { created: CREATED }, sheets: [{ name: 'Điểm' }, { name: 'ĐIỂM' }] })).toBe('duplicate-sheet-name');
  });

  it('refuses unbounded and malformed ranges', () => {
    expect(code(base({ validations: [{ type: 'whole', ranges: 'E:E', min: 0 }] }))).toBe('bad-ref');
    expect(code(base({ validations: [{ type: 'whole', ranges: '5:5', min: 0 }] }))).toBe('bad-ref');
    expect(code(base({ merges: ['A1:B2', 'B2:C3'] }))).toBe('bad-merge');
    expect(code(base({ merges: ['A1'] }))).toBe('bad-merge');
    expect(code(base({ merges: ['A1:XFE1'] }))).toBe('bad-ref');
    expect(code(base({ autoFilter: 'A:C' }))).toBe('bad-ref');
  });

  it('refuses validations Excel would repair', () => {
    expect(code(base({ validations: [{ type: 'decimal', ranges: 'A1' }] }))).toBe('bad-validation');
    expect(code(base({ validations: [{ type: 'list', ranges: 'A1', values: ['a,b'] }] }))).toBe('bad-validation');
    expect(code(base({ validations: [{ type: 'list', ranges: 'A1', values: ['x'.repeat(256)] }] }))).toBe('bad-validation');
    expect(code(base({ validations: [{ type: 'list', ranges: 'A1', source: 'X', values: ['a'] }] }))).toBe('bad-validation');
    expect(code(base({ validations: [{ type: 'whole', ranges: 'A1', min: 1, input: { title: 'x'.repeat(33), message: 'm' } }] }))).toBe('bad-validation');
    expect(code(base({ validations: [{ type: 'whole', ranges: 'A1', min: 1, error: { message: 'x'.repeat(256) } }] }))).toBe('bad-validation');
  });

  it('refuses values a cell cannot hold and rows out of order', () => {
    expect(code(base({ rows: [[Number.NaN]] }))).toBe('bad-value');
    expect(code(base({ rows: [[Infinity]] }))).toBe('bad-value');
    expect(code(base({ rows: [['x'.repeat(32_768)]] }))).toBe('bad-value');
    expect(code(base({ rows: [{ r: 3, cells: [1] }, { r: 2, cells: [1] }] }))).toBe('bad-row-order');
    expect(code(base({ rows: [{ r: 1_048_577, cells: [1] }] }))).toBe('bad-row-order');
    expect(code(base({ rows: [[{ formula: '' }]] }))).toBe('bad-value');
  });

  it('refuses bad styles, names and workbook settings', () => {
    expect(code(base({ rows: [[{ value: 1, style: { fill: 'red' } }]] }))).toBe('bad-style');
    expect(code(base({ rows: [[{ value: 1, style: { fontSize: 0 } }]] }))).toBe('bad-style');
    expect(code(base({}, { definedNames: [{ name: 'A1', refersTo: 'S!$A$1' }] }))).toBe('bad-defined-name');
    expect(code(base({}, { definedNames: [{ name: 'has space', refersTo: 'S!$A$1' }] }))).toBe('bad-defined-name');
    expect(code(base({}, { definedNames: [{ name: 'x', refersTo: '1' }, { name: 'X', refersTo: '2' }] }))).toBe('bad-defined-name');
    expect(code(base({}, { definedNames: [{ name: 'x', refersTo: '1', sheet: 'nope' }] }))).toBe('bad-defined-name');
    expect(code(base({}, { definedNames: [{ name: '_xlnm.Print_Area', refersTo: 'S!$A$1:$B$2', sheet: 'S' }] }))).toBe('bad-defined-name');
    expect(code(base({ state: 'hidden' }))).toBe('bad-model');
    expect(code(base({}, { activeSheet: 'nope' }))).toBe('bad-model');
    expect(code({ properties: { created: new Date('x') }, sheets: [{ name: 'S' }] })).toBe('bad-model');
    expect(code({ properties: { created: CREATED }, sheets: [] })).toBe('bad-model');
  });

  it('checks the whole static model before writing a byte', async () => {
    let calls = 0;
    await expect(
      writeWorkbookTo(base({ merges: ['A1:A1'] }), () => {
        calls++;
      }),
    ).rejects.toBeInstanceOf(WorkbookWriteError);
    expect(calls).toBe(0);
  });
});

describe('views', () => {
  it('selects the active sheet and freezes columns only', async () => {
    const bytes = writeWorkbook({
      properties: { created: CREATED },
      activeSheet: 'Hai',
      sheets: [
        { name: 'Một', rows: [[1]] },
        { name: 'Hai', freeze: { cols: 1 }, view: { showGridLines: false, zoom: 85 }, rows: [[2]] },
      ],
    });
    expect(part(bytes, 'xl/workbook.xml')).toContain('<workbookView activeTab="1"/>');
    const ws = sheetOf(await load(bytes), 'Hai');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 0, topLeftCell: 'B1', showGridLines: false, zoomScale: 85 });
    expect(part(bytes, 'xl/worksheets/sheet2.xml')).toContain('tabSelected="1"');
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).not.toContain('tabSelected');
  });
});
