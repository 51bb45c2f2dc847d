import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { MAIN_NS, PKG_REL_NS, REL_NS, XML_DECL, outcome, valuesByRef, xlsx, xlsxFiles, zip } from './xlsx-builder.js';

const A1 = (v: number): string => `<row r="1"><c r="A1"><v>${v}</v></c></row>`;

describe('workbook part', () => {
  it('lists worksheets with their state and position, leaving chartsheets out', async () => {
    const wb = await openWorkbook(
      xlsx({
        sheets: [
          { name: 'Biểu 1', data: A1(1) },
          { name: 'Chart', data: '', chart: true },
          { name: 'Ẩn', data: A1(2), state: 'hidden' },
          { name: '_thidua', data: A1(3), state: 'veryHidden' },
        ],
      }),
    );
    expect(wb.sheets).toEqual([
      { name: 'Biểu 1', state: 'visible', index: 0 },
      { name: 'Ẩn', state: 'hidden', index: 2 },
      { name: '_thidua', state: 'veryHidden', index: 3 },
    ]);
    expect(await valuesByRef(wb, '_thidua')).toEqual({ A1: { t: 'number', v: 3 } });
  });

  it.each([
    ['date1904="1"', true],
    ['date1904="true"', true],
    ['date1904="0"', false],
    ['date1904="false"', false],
    [undefined, false],
  ])('date system from workbookPr %s', async (attr, expected) => {
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data: A1(1) }], ...(attr === undefined ? {} : { workbookPr: attr }) }));
    expect(wb.date1904).toBe(expected);
  });

  it('reports the application from docProps/app.xml, and nothing when there is none', async () => {
    expect((await openWorkbook(xlsx({ sheets: [{ name: 'S', data: A1(1) }], application: 'Microsoft Excel' }))).application).toBe('Microsoft Excel');
    expect((await openWorkbook(xlsx({ sheets: [{ name: 'S', data: A1(1) }] }))).application).toBeUndefined();
  });

  it('reads a package without [Content_Types].xml', async () => {
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data: A1(5) }], files: { '[Content_Types].xml': null } }));
    expect(await valuesByRef(wb)).toEqual({ A1: { t: 'number', v: 5 } });
  });

  it('reads a minimal package with every part at the root of the zip', async () => {
    const files = {
      '_rels/.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="r1" Type="${REL_NS}/officeDocument" Target="workbook.xml"/></Relationships>`,
      'workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Data" sheetId="1" r:id="r1"/></sheets></workbook>`,
      '_rels/workbook.xml.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="r1" Type="${REL_NS}/worksheet" Target="sheet1.xml"/><Relationship Id="r2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
      'sheet1.xml': `<worksheet xmlns="${MAIN_NS}"><sheetData>${A1(0.5)}</sheetData></worksheet>`,
      'styles.xml': `<styleSheet xmlns="${MAIN_NS}"><cellXfs count="1"><xf numFmtId="9"/></cellXfs></styleSheet>`,
    };
    const wb = await openWorkbook(zip(files));
    const cells = await wb.readSheet('Data');
    expect(cells.get(1)).toEqual([{ row: 1, col: 1, value: { t: 'number', v: 0.5 }, fmt: 'percent', formula: false }]);
  });

  it('finds the workbook without package relationships', async () => {
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data: A1(9) }], files: { '_rels/.rels': null } }));
    expect(await valuesByRef(wb)).toEqual({ A1: { t: 'number', v: 9 } });
  });

  it('resolves absolute relationship targets and percent-escapes', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'S', data: '' }] });
    files['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(
      `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="/xl/worksheets/My%20Sheet.xml"/></Relationships>`,
    );
    files['xl/worksheets/My Sheet.xml'] = new TextEncoder().encode(`<worksheet xmlns="${MAIN_NS}"><sheetData>${A1(4)}</sheetData></worksheet>`);
    expect(await valuesByRef(await openWorkbook(zip(files)))).toEqual({ A1: { t: 'number', v: 4 } });
  });

  it('matches elements by local name whatever the prefix (x:, s:, none) and reads r:id under any prefix', async () => {
    const X = 'x';
    const files = {
      '_rels/.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<${X}:workbook xmlns:${X}="${MAIN_NS}" xmlns:ns="${REL_NS}"><${X}:workbookPr date1904="1"/><${X}:sheets><${X}:sheet name="P" sheetId="1" ns:id="rId7"/></${X}:sheets></${X}:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId7" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<s:worksheet xmlns:s="${MAIN_NS}"><s:sheetData><s:row r="2"><s:c r="B2" t="inlineStr"><s:is><s:t>prefixed</s:t></s:is></s:c></s:row></s:sheetData></s:worksheet>`,
    };
    const wb = await openWorkbook(zip(files));
    expect(wb.date1904).toBe(true);
    expect(await valuesByRef(wb, 'P')).toEqual({ B2: { t: 'string', v: 'prefixed' } });
  });

  it('reads ISO Strict packages (purl.oclc.org namespaces and relationship types)', async () => {
    const S = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const R = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
    const files = {
      '_rels/.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${S}" xmlns:r="${R}" conformance="strict"><workbookPr dateCompatibility="0"/><sheets><sheet name="Strict" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<sst xmlns="${S}"><si><t>chiến sĩ</t></si></sst>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${S}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2.5</v></c></row></sheetData></worksheet>`,
    };
    const wb = await openWorkbook(zip(files));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Strict']);
    expect(await valuesByRef(wb)).toEqual({ A1: { t: 'string', v: 'chiến sĩ' }, B1: { t: 'number', v: 2.5 } });
  });

  it('refuses a workbook that lists no worksheets', async () => {
    expect(await outcome(openWorkbook(xlsx({ sheets: [] })))).toBe('unreadable-file/no-sheets');
    expect(await outcome(openWorkbook(xlsx({ sheets: [{ name: 'C', data: '', chart: true }] })))).toBe('unreadable-file/no-sheets');
  });

  it('refuses a worksheet whose part is missing', async () => {
    const b = xlsx({ sheets: [{ name: 'S', data: A1(1) }], files: { 'xl/worksheets/sheet1.xml': null } });
    await expect(openWorkbook(b)).rejects.toMatchObject({ code: 'unreadable-file', reason: 'missing-part', detail: { sheet: 'S' } });
  });

  it('refuses a workbook whose relationships part is missing', async () => {
    const b = xlsx({ sheets: [{ name: 'S', data: A1(1) }], files: { 'xl/_rels/workbook.xml.rels': null } });
    expect(await outcome(openWorkbook(b))).toBe('unreadable-file/missing-part');
  });

  it('refuses a package without workbook.xml', async () => {
    const b = xlsx({ sheets: [{ name: 'S', data: A1(1) }], files: { 'xl/workbook.xml': null, '_rels/.rels': null, '[Content_Types].xml': null } });
    expect(await outcome(openWorkbook(b))).toBe('unreadable-file/no-workbook');
  });

  it('refuses a relationship target outside the package and never follows it', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'S', data: A1(1) }] });
    files['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(
      `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="../../../etc/passwd"/></Relationships>`,
    );
    await expect(openWorkbook(zip(files))).rejects.toMatchObject({ reason: 'unsafe-path', detail: { target: '../../../etc/passwd' } });
  });

  it('ignores external relationships for the optional parts', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'S', data: A1(1) }] });
    files['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(
      `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="${REL_NS}/styles" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`,
    );
    expect(await valuesByRef(await openWorkbook(zip(files)))).toEqual({ A1: { t: 'number', v: 1 } });
  });

  it('finds sheets by exact name first, then ignoring case', async () => {
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'Tổng hợp', data: A1(1) }] }));
    expect(await valuesByRef(wb, 'TỔNG HỢP')).toEqual({ A1: { t: 'number', v: 1 } });
    await expect(wb.readRows('nope', () => undefined)).rejects.toBeInstanceOf(RangeError);
  });

  it('decodes sheet names (references, NFC)', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'x', data: A1(1) }] });
    files['xl/workbook.xml'] = new TextEncoder().encode(
      `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="&#24037;&#20316;&#34920;1 &amp; Xa\u0303" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    const wb = await openWorkbook(zip(files));
    expect(wb.sheets[0]?.name).toBe('工作表1 & Xã');
  });
});
