import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { TOO_LONG_TEXT } from '../../../src/workbook/types.js';
import { MAIN_NS, XML_DECL, cellsByRef, oneSheet, outcome, valuesByRef, xlsx } from './xlsx-builder.js';

const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">
<numFmts count="4"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="#,##0 &quot;điểm&quot;"/><numFmt numFmtId="167" formatCode="@"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Times New Roman"/></font><font><name val=".VnTime"/></font><font><b/><name val="VNI-Times"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="9" fontId="1"/></cellStyleXfs>
<cellXfs count="9"><xf numFmtId="0" fontId="0"/><xf numFmtId="9" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="14" fontId="0"/><xf numFmtId="165" fontId="0"/><xf numFmtId="166" fontId="0"/><xf numFmtId="49" fontId="1"/><xf numFmtId="167" fontId="2"/><xf numFmtId="10" fontId="0"/></cellXfs>
<dxfs count="1"><dxf><font><name val=".VnArial"/></font></dxf></dxfs>
</styleSheet>`;

describe('cell values', () => {
  it('reads every value type at its exact position', async () => {
    const wb = await openWorkbook(
      oneSheet(
        `<row r="1">
           <c r="A1" t="s"><v>1</v></c>
           <c r="B1"><v>12.5</v></c>
           <c r="C1" t="b"><v>1</v></c>
           <c r="D1" t="b"><v>0</v></c>
           <c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
           <c r="F1" t="str"><f>A1&amp;"x"</f><v>Đạtx</v></c>
           <c r="G1" t="d"><v>2025-03-01T00:00:00</v></c>
           <c r="H1" t="inlineStr"><is><t>trực tiếp</t></is></c>
           <c r="I1"><f>SUM(B1:B2)</f><v>25</v></c>
           <c r="J1"><f>SUM(B1:B3)</f></c>
           <c r="K1"><v>-1.5E-3</v></c>
           <c r="L1"><v>8595602512225</v></c>
         </row>
         <row r="3"><c r="AA3" t="s"><v>0</v></c></row>`,
        { strings: ['Không đạt', 'Đạt'] },
      ),
    );
    expect(await valuesByRef(wb)).toEqual({
      A1: { t: 'string', v: 'Đạt' },
      B1: { t: 'number', v: 12.5 },
      C1: { t: 'boolean', v: true },
      D1: { t: 'boolean', v: false },
      E1: { t: 'error', v: '#DIV/0!' },
      F1: { t: 'string', v: 'Đạtx' },
      G1: { t: 'date', v: '2025-03-01T00:00:00' },
      H1: { t: 'string', v: 'trực tiếp' },
      I1: { t: 'number', v: 25 },
      J1: { t: 'formula-no-value', formula: 'SUM(B1:B3)' },
      K1: { t: 'number', v: -0.0015 },
      L1: { t: 'number', v: 8595602512225 },
      AA3: { t: 'string', v: 'Không đạt' },
    });
    const cells = await cellsByRef(wb);
    expect(cells.get('I1')).toMatchObject({ row: 1, col: 9, formula: true });
    expect(cells.get('B1')).toMatchObject({ formula: false });
    expect(cells.get('AA3')).toMatchObject({ row: 3, col: 27 });
  });

  it('parses numbers exactly as Number() does', async () => {
    const nums = ['0', '-0.5', '0.1', '0.85', '123456789012345', '1234567890123456789', '3.14159265358979', '1e3', '2.5E+10', '.5', '7.', '  42 '];
    const row = nums.map((n, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${n}</v></c>`).join('');
    const values = await valuesByRef(await openWorkbook(oneSheet(`<row r="1">${row}</row>`)));
    expect(Object.values(values)).toEqual(nums.map((n) => ({ t: 'number', v: Number(n) })));
  });

  it('keeps a non-numeric number cell as text rather than losing it', async () => {
    expect(await valuesByRef(await openWorkbook(oneSheet('<row r="1"><c r="A1"><v>12,5</v></c></row>')))).toEqual({ A1: { t: 'string', v: '12,5' } });
  });

  it('marks a formula with an empty cached value as not calculated, and keeps an empty string result', async () => {
    const wb = await openWorkbook(
      oneSheet('<row r="1"><c r="A1"><f>B1</f><v></v></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1"><f t="shared" si="0"/></c></row>'),
    );
    expect(await valuesByRef(wb)).toEqual({
      A1: { t: 'formula-no-value', formula: 'B1' },
      B1: { t: 'string', v: '' },
      C1: { t: 'formula-no-value', formula: '' },
    });
  });

  it('skips styled empty cells and rows without values', async () => {
    const wb = await openWorkbook(oneSheet('<row r="1"><c r="A1" s="1"/><c r="B1" s="2"></c></row><row r="2"><c r="C2"><v>1</v></c></row><row r="3"/>', { styles: STYLES }));
    const rows: number[] = [];
    await wb.readRows('Sheet1', (r) => void rows.push(r));
    expect(rows).toEqual([2]);
  });

  it('counts positions when rows and cells have no r attribute', async () => {
    const wb = await openWorkbook(
      oneSheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c/><c><v>3</v></c></row><row r="7"><c r="C7"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>'),
    );
    expect(await valuesByRef(wb)).toEqual({
      A1: { t: 'number', v: 1 },
      B1: { t: 'number', v: 2 },
      B2: { t: 'number', v: 3 },
      C7: { t: 'number', v: 4 },
      D7: { t: 'number', v: 5 },
      A8: { t: 'number', v: 6 },
    });
  });

  it('takes the row number from the first cell when the row has none', async () => {
    expect(await valuesByRef(await openWorkbook(oneSheet('<row><c r="B5"><v>1</v></c></row>')))).toEqual({ B5: { t: 'number', v: 1 } });
  });

  it('refuses a cell reference that contradicts its row', async () => {
    expect(await outcome(readAll(oneSheet('<row r="2"><c r="A3"><v>1</v></c></row>')))).toBe('unreadable-file/bad-xml');
  });

  it.each([
    ['a column beyond XFD', '<row r="1"><c r="XFE1"><v>1</v></c></row>', 'too-large/cells'],
    ['a row beyond 1,048,576 (cell)', '<row><c r="A1048577"><v>1</v></c></row>', 'too-large/rows'],
    ['a row beyond 1,048,576 (row)', '<row r="1048577"><c><v>1</v></c></row>', 'too-large/rows'],
    ['row 999,999,999', '<row r="999999999"><c r="A999999999"><v>1</v></c></row>', 'too-large/rows'],
    ['a very long row number', `<row r="${'9'.repeat(5000)}"/>`, 'too-large/rows'],
    ['a very long column name', `<row r="1"><c r="${'Z'.repeat(5000)}1"/></row>`, 'too-large/cells'],
    ['too many cells without r', `<row r="1">${'<c/>'.repeat(16385)}</row>`, 'too-large/cells'],
    ['a malformed reference', '<row r="1"><c r="1A"><v>1</v></c></row>', 'unreadable-file/bad-xml'],
  ])('refuses %s without hanging', async (_what, data, expected) => {
    expect(await outcome(readAll(oneSheet(data)))).toBe(expected);
  });

  it('accepts the last cell of the grid', async () => {
    expect(await valuesByRef(await openWorkbook(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')))).toEqual({
      XFD1048576: { t: 'number', v: 1 },
    });
  });

  it('counts empty cells toward maxCells', async () => {
    const b = oneSheet(`<row r="1">${'<c s="1"/>'.repeat(50)}</row>`);
    expect(await outcome(readAll(b, { maxCells: 49 }))).toBe('too-large/cells');
    expect(await outcome(readAll(b, { maxCells: 50 }))).toBe('ok');
  });

  it('refuses a shared-string index that does not exist', async () => {
    expect(await outcome(readAll(oneSheet('<row r="1"><c r="A1" t="s"><v>5</v></c></row>', { strings: ['a'] })))).toBe(
      'unreadable-file/shared-string-index',
    );
    expect(await outcome(readAll(oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')))).toBe('unreadable-file/shared-string-index');
  });
});

describe('strings', () => {
  it('concatenates rich-text runs, leaves phonetic runs out and keeps whitespace', async () => {
    const sst = `<sst xmlns="${MAIN_NS}">
      <si><r><rPr><b/></rPr><t>Hoàn thành </t></r><r><t xml:space="preserve"> tốt</t></r></si>
      <si><r><t>課きく　毛こ</t></r><rPh sb="0" eb="1"><t>カ</t></rPh><rPh sb="4" eb="5"><t>ケ</t></rPh><phoneticPr fontId="1"/></si>
      <si><t xml:space="preserve">  two  spaces\tand tab  </t></si>
      <si><t/></si>
      <si><t>line1
line2</t></si>
    </sst>`;
    const data = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>';
    expect(await valuesByRef(await openWorkbook(oneSheet(data, { strings: sst })))).toEqual({
      A1: { t: 'string', v: 'Hoàn thành  tốt', rich: true },
      B1: { t: 'string', v: '課きく　毛こ', rich: true },
      C1: { t: 'string', v: '  two  spaces\tand tab  ' },
      D1: { t: 'string', v: '' },
      E1: { t: 'string', v: 'line1\nline2' },
    });
  });

  it('reads inline rich strings and leaves their phonetic runs out', async () => {
    const data = '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><rPr><i/></rPr><t>b</t></r><rPh><t>x</t></rPh></is></c></row>';
    expect(await valuesByRef(await openWorkbook(oneSheet(data)))).toEqual({ A1: { t: 'string', v: 'ab', rich: true } });
  });

  it('decodes entities, character references, _xHHHH_ escapes and CDATA', async () => {
    const sst = `<sst xmlns="${MAIN_NS}">
      <si><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#273;&#x1EBF;&#128512;</t></si>
      <si><t>ABC_x000D_
DEF</t></si>
      <si><t>_x005F_x000D_</t></si>
      <si><t>tab_x0009_here and _x00e9_ and _xZZZZ_</t></si>
      <si><t><![CDATA[<b>&amp; raw]]> then &amp;</t></si>
    </sst>`;
    const data = [0, 1, 2, 3, 4].map((i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
    expect(await valuesByRef(await openWorkbook(oneSheet(`<row r="1">${data}</row>`, { strings: sst })))).toEqual({
      A1: { t: 'string', v: '<a> & "b" \'c\' đế😀' },
      B1: { t: 'string', v: 'ABC\r\nDEF' },
      C1: { t: 'string', v: '_x000D_' },
      D1: { t: 'string', v: 'tab\there and é and _xZZZZ_' },
      E1: { t: 'string', v: '<b>&amp; raw then &' },
    });
  });

  it('turns CR LF and lone CR into LF, as XML requires, but keeps &#13;', async () => {
    const data = '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc&#13;d</t></is></c></row>';
    expect(await valuesByRef(await openWorkbook(oneSheet(data)))).toEqual({ A1: { t: 'string', v: 'a\nb\nc\rd' } });
  });

  it('normalises text to NFC', async () => {
    const decomposed = 'Xa\u0303 Đa\u0306\u0301k Po\u031B'; // ã, ắ, ơ written as base + combining marks
    const data = `<row r="1"><c r="A1" t="inlineStr"><is><t>${decomposed}</t></is></c><c r="B1" t="s"><v>0</v></c></row>`;
    const values = await valuesByRef(await openWorkbook(oneSheet(data, { strings: [decomposed] })));
    expect(values).toEqual({ A1: { t: 'string', v: 'Xã Đắk Pơ' }, B1: { t: 'string', v: 'Xã Đắk Pơ' } });
    expect((values.A1 as { v: string }).v.length).toBe(9);
  });

  it('reads a string longer than maxStringLength (shared, inline, formula text) as TOO_LONG_TEXT: the cell, not the file, is refused', async () => {
    const long = 'x'.repeat(40_000);
    const tooLong = { A1: { t: 'string', v: TOO_LONG_TEXT } };
    expect(await valuesByRef(await openWorkbook(oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { strings: [long] })))).toEqual(tooLong);
    expect(await valuesByRef(await openWorkbook(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`)))).toEqual(tooLong);
    expect(await valuesByRef(await openWorkbook(oneSheet(`<row r="1"><c r="A1" t="str"><v>${long}</v></c></row>`)))).toEqual(tooLong);
    expect(await outcome(readAll(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'y'.repeat(32_767)}</t></is></c></row>`)))).toBe('ok');
    expect(await valuesByRef(await openWorkbook(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'y'.repeat(101)}</t></is></c><c r="B1" t="inlineStr"><is><t>z</t></is></c></row>`), { maxStringLength: 100 }))).toEqual({
      ...tooLong,
      B1: { t: 'string', v: 'z' },
    });
  });

  it('counts characters after _xHHHH_ decoding', async () => {
    const escaped = '_x0041_'.repeat(30_000);
    expect(await valuesByRef(await openWorkbook(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${escaped}</t></is></c></row>`)))).toEqual({
      A1: { t: 'string', v: 'A'.repeat(30_000) },
    });
  });

  it('bounds the shared-string table', async () => {
    const strings = Array.from({ length: 100 }, (_v, i) => `string ${i}`);
    const b = oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { strings });
    expect(await outcome(readAll(b, { maxSharedStringChars: 500 }))).toBe('too-large/shared-strings');
    expect(await outcome(readAll(b, { maxSharedStringChars: 2000 }))).toBe('ok');
  });
});

describe('styles', () => {
  it('gives each cell its number-format kind and legacy font', async () => {
    const row = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((s, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>1</v></c>`).join('');
    const cells = await cellsByRef(await openWorkbook(oneSheet(`<row r="1">${row}<c r="J1" s=""><v>1</v></c><c r="K1" s="99"><v>1</v></c></row>`, { styles: STYLES })));
    const got = [...cells.values()].map((c) => [c.fmt, c.legacyFont]);
    expect(got).toEqual([
      ['general', undefined],
      ['percent', undefined],
      ['percent', undefined],
      ['date', undefined],
      ['date', undefined],
      ['general', undefined],
      ['text', 'tcvn3'],
      ['text', 'vni'],
      ['percent', undefined],
      ['general', undefined],
      ['general', undefined],
    ]);
    expect(Object.keys(cells.get('G1')!)).toContain('legacyFont');
    expect(Object.keys(cells.get('A1')!)).not.toContain('legacyFont');
  });

  it('marks strings whose rich-text runs use a legacy font', async () => {
    const sst = `<sst xmlns="${MAIN_NS}"><si><r><rPr><rFont val=".VnTime"/></rPr><t>Hoµn thµnh</t></r></si><si><r><rPr><rFont val="VNI-Helve"/></rPr><t>x</t></r></si></sst>`;
    const cells = await cellsByRef(await openWorkbook(oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>', { strings: sst })));
    expect(cells.get('A1')?.legacyFont).toBe('tcvn3');
    expect(cells.get('B1')?.legacyFont).toBe('vni');
  });

  it('reads without styles.xml: everything General', async () => {
    const cells = await cellsByRef(await openWorkbook(oneSheet('<row r="1"><c r="A1" s="3"><v>0.5</v></c></row>')));
    expect(cells.get('A1')).toEqual({ row: 1, col: 1, value: { t: 'number', v: 0.5 }, fmt: 'general', formula: false });
  });
});

describe('merged ranges and whole-sheet reads', () => {
  it('gives no merged ranges for a sheet without any', async () => {
    const wb = await openWorkbook(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
    expect(await wb.mergedRanges('Sheet1')).toEqual([]);
  });

  it('reads <mergeCell ref> after the data, with or without a preceding full read', async () => {
    const b = xlsx({
      sheets: [
        {
          name: 'Form',
          data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Tiêu đề</t></is></c></row>',
          after: '<mergeCells count="3"><mergeCell ref="A1:G1"/><mergeCell ref="b2:$C$3"/><mergeCell ref="not a range"/><mergeCell ref="D4"/></mergeCells>',
        },
      ],
    });
    const wb = await openWorkbook(b);
    expect(await wb.mergedRanges('Form')).toEqual(['A1:G1', 'B2:C3', 'D4']);
    const wb2 = await openWorkbook(b);
    await wb2.readRows('Form', () => undefined);
    expect(await wb2.mergedRanges('Form')).toEqual(['A1:G1', 'B2:C3', 'D4']);
  });

  it('readSheet collects rows into a map', async () => {
    const wb = await openWorkbook(oneSheet('<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="5"><c r="B5"><v>3</v></c></row>'));
    const m = await wb.readSheet('Sheet1');
    expect([...m.keys()]).toEqual([2, 5]);
    expect(m.get(2)?.map((c) => [c.col, c.value])).toEqual([
      [1, { t: 'number', v: 1 }],
      [3, { t: 'number', v: 2 }],
    ]);
  });
});

async function readAll(bytes: Uint8Array, limits = {}): Promise<void> {
  const wb = await openWorkbook(bytes, limits);
  for (const s of wb.sheets) await wb.readRows(s.name, () => undefined);
}
