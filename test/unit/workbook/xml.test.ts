import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/workbook/limits.js';
import { openWorkbook } from '../../../src/workbook/read/index.js';
import { SheetHandler } from '../../../src/workbook/read/sheet.js';
import { NO_STYLES } from '../../../src/workbook/read/styles.js';
import { XmlScanner } from '../../../src/workbook/read/xml.js';
import { XmlTranscoder } from '../../../src/workbook/read/xml-encoding.js';
import type { Cell, WorkbookError } from '../../../src/workbook/types.js';
import { MAIN_NS, outcome, valuesByRef, xlsx } from './xlsx-builder.js';

const sheetXml = (data: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${data}</sheetData></worksheet>`;
const ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Xã Ia Grai</t></is></c><c r="B1"><v>7.5</v></c></row>';
const EXPECTED = { A1: { t: 'string', v: 'Xã Ia Grai' }, B1: { t: 'number', v: 7.5 } };

async function readSheetPart(part: string | Uint8Array, limits = {}): Promise<Record<string, unknown>> {
  const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data: '' }], files: { 'xl/worksheets/sheet1.xml': part } }), limits);
  return valuesByRef(wb);
}

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\uFEFF' : '') + s, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

describe('document type declarations', () => {
  const doctype = (part: string): string =>
    part.replace('?>', '?><!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>');
  const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="' + MAIN_NS + '"><si><t>&xxe;</t></si></sst>';

  it.each([
    ['a sheet', { 'xl/worksheets/sheet1.xml': doctype(sheetXml(ROW)) }],
    ['the shared strings (XXE)', { 'xl/sharedStrings.xml': xxe }],
    ['an external DTD in the workbook', { 'xl/workbook.xml': `<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "http://127.0.0.1:12345/ext.dtd"><workbook/>` }],
    ['the relationships', { 'xl/_rels/workbook.xml.rels': '<!DOCTYPE r [<!ENTITY a "b">]><Relationships/>' }],
  ])('are refused in %s, before anything is expanded or fetched', async (_what, files) => {
    const b = xlsx({ sheets: [{ name: 'S', data: ROW }], strings: ['a'], files });
    expect(await outcome(readAllSheets(b))).toBe('unreadable-file/doctype');
  });

  it('an entity never declared is a well-formedness error', async () => {
    expect(await outcome(readSheetPart(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')))).toBe('unreadable-file/bad-xml');
  });
});

describe('encodings', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sheetXml(ROW))])],
    ['UTF-16LE with BOM', utf16(sheetXml(ROW).replace('UTF-8', 'UTF-16'), false, true)],
    ['UTF-16BE with BOM', utf16(sheetXml(ROW).replace('UTF-8', 'UTF-16'), true, true)],
    ['UTF-16LE without BOM', utf16(sheetXml(ROW).replace('UTF-8', 'UTF-16'), false, false)],
    ['UTF-16BE without BOM', utf16(sheetXml(ROW).replace('UTF-8', 'UTF-16'), true, false)],
    ['US-ASCII declared', Buffer.from(sheetXml(ROW.replace('Xã', 'X&#227;')).replace('UTF-8', 'US-ASCII'))],
    ['no declaration', Buffer.from(`<worksheet xmlns="${MAIN_NS}"><sheetData>${ROW}</sheetData></worksheet>`)],
  ])('reads %s', async (_what, bytes) => {
    expect(await readSheetPart(bytes)).toEqual(EXPECTED);
  });

  it.each([
    ['UTF-32BE', Buffer.from([0, 0, 0, 0x3c, 0, 0, 0, 0x3f])],
    ['UTF-32LE with BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0])],
    ['EBCDIC', Buffer.from([0x4c, 0x6f, 0xa7, 0x94, 0x93, 0x40])],
    ['UTF-7 declared', Buffer.from('<?xml version="1.0" encoding="UTF-7"?><worksheet/>')],
    ['UTF-7 with BOM', Buffer.from('+/v8-<worksheet/>')],
    ['ISO-8859-1 declared', Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>')],
    ['UTF-16 declared in single bytes', Buffer.from('<?xml version="1.0" encoding="UTF-16"?><worksheet/>')],
  ])('refuses %s', async (_what, bytes) => {
    expect(await outcome(readSheetPart(bytes))).toBe('unreadable-file/encoding');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bad = Buffer.from(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>X\u00e3</t></is></c></row>'), 'latin1');
    expect(await outcome(readSheetPart(bad))).toBe('unreadable-file/encoding');
  });

  it('keeps a real U+FFFD', async () => {
    expect(await readSheetPart(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>a\uFFFDb</t></is></c></row>'))).toEqual({
      A1: { t: 'string', v: 'a\uFFFDb' },
    });
  });

  it('transcodes UTF-16 split at every byte', () => {
    const src = utf16(`<a>Đắk Pơ 😀 ${'x'.repeat(50)}</a>`, true, true);
    for (let cut = 1; cut < src.length; cut++) {
      const out: Buffer[] = [];
      const t = new XmlTranscoder('p', (b) => out.push(b));
      t.push(Buffer.from(src.subarray(0, cut)));
      t.push(Buffer.from(src.subarray(cut)));
      t.end();
      expect(Buffer.concat(out).toString('utf8')).toBe(`<a>Đắk Pơ 😀 ${'x'.repeat(50)}</a>`);
    }
  });
});

describe('well-formedness and limits', () => {
  it.each([
    ['text before the root element', `foo${sheetXml(ROW).replace(/^<\?xml[^>]*>/, '')}`],
    ['a mismatched end tag', sheetXml('<row r="1"><c r="A1"><v>1</c></v></row>')],
    ['an unclosed element', sheetXml(ROW).replace('</worksheet>', '')],
    ['a second root element', `${sheetXml(ROW)}<worksheet/>`],
    ['an invalid character reference', sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&#0;</t></is></c></row>')],
    ['a bare ampersand', sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>')],
    ['an attribute without quotes', sheetXml('<row r=1><c r="A1"><v>1</v></c></row>')],
    ['an empty part', ''],
  ])('refuses %s', async (_what, xml) => {
    expect(await outcome(readSheetPart(xml))).toBe('unreadable-file/bad-xml');
  });

  it('skips comments and processing instructions, wherever they are', async () => {
    const xml = sheetXml(`<!-- a comment with <row> inside --><?mso-application progid="Excel.Sheet"?>${ROW.replace('<v>', '<v><!--x-->')}`);
    expect(await readSheetPart(xml)).toEqual(EXPECTED);
  });

  it('accepts whitespace and odd quoting inside tags', async () => {
    const xml = sheetXml(`<row\n r = '1' ><c\tr="A1"\r\nt='inlineStr' ><is><t >x</t ></is></c ><c r="B1" ><v >2</v></c></row >`);
    expect(await readSheetPart(xml)).toEqual({ A1: { t: 'string', v: 'x' }, B1: { t: 'number', v: 2 } });
  });

  it('refuses nesting deeper than maxXmlDepth, without recursion', async () => {
    const deep = `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`;
    const xml = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t>${deep}</is></c></row>`);
    expect(await outcome(readSheetPart(xml))).toBe('too-large/nesting');
    expect(await outcome(readSheetPart(sheetXml(ROW), { maxXmlDepth: 5 }))).toBe('too-large/nesting');
    expect(await readSheetPart(sheetXml(ROW), { maxXmlDepth: 7 })).toEqual(EXPECTED);
  });

  it('refuses a single tag larger than the token limit', async () => {
    const xml = sheetXml(`<row r="1" x="${'a'.repeat(5 * 1024 * 1024)}"><c r="A1"><v>1</v></c></row>`);
    expect(await outcome(readSheetPart(xml, { maxCompressionRatio: Infinity }))).toBe('too-large/string-length');
  });
});

/** Cells of a sheet fed to the scanner in the given pieces. */
function scan(xml: Buffer, cuts: number[], fast: boolean): Array<[number, Cell[]]> {
  const rows: Array<[number, Cell[]]> = [];
  const scanner = new XmlScanner('sheet', 256, 1 << 22);
  scanner.handler = new SheetHandler(
    { part: 'sheet', limits: DEFAULT_LIMITS, styles: NO_STYLES, strings: { values: ['s0', 's1'], flags: new Uint8Array(2) } },
    scanner,
    (r, c) => void rows.push([r, c]),
    fast,
  );
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.feed(xml.subarray(from, cut));
    from = cut;
  }
  scanner.feed(xml.subarray(from));
  scanner.end();
  return rows;
}

const cellXml = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => `<c r="{ref}"><v>${n}</v></c>`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => `<c r="{ref}" s="0"><v>${n}</v></c>`),
  fc.constantFrom(
    '<c r="{ref}" t="s"><v>1</v></c>',
    '<c r="{ref}" s="3"/>',
    '<c r="{ref}" t="b"><v>1</v></c>',
    '<c r="{ref}" t="e"><v>#N/A</v></c>',
    '<c r="{ref}"><f>A1+1</f><v>3</v></c>',
    '<c r="{ref}"><f>A1+1</f></c>',
    '<c r="{ref}" t="str"><f>"a"</f><v>a&amp;b</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>Đắk Pơ &lt;1&gt;</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><r><t>a</t></r><r><t><![CDATA[b<c]]></t></r><rPh><t>z</t></rPh></is></c>',
    '<c r="{ref}"  s="1" ><v>12</v></c>',
    '<x:c r="{ref}"><x:v>5</x:v></x:c>',
    "<c r='{ref}'><v>6</v></c>",
    '<c r="{ref}"><v>1\r\n</v></c>',
    '<c><v>9</v></c>',
  ),
);

describe('streaming', () => {
  it('gives the same cells however the part is cut into pieces, with and without the fast path', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellXml, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (rows, rawCuts) => {
        const body = rows
          .map((cells, r) => {
            const rowXml = cells.map((c, k) => c.replace('{ref}', `${String.fromCharCode(65 + k)}${r + 1}`)).join('');
            return `<row r="${r + 1}">${rowXml}</row>`;
          })
          .join('\n');
        const xml = Buffer.from(`<?xml version="1.0"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:x="${MAIN_NS}"><sheetData>${body}</sheetData><mergeCells/></worksheet>`);
        const cuts = rawCuts.map((c) => c % xml.length);
        const whole = scan(xml, [], false);
        expect(scan(xml, cuts, true)).toEqual(whole);
        expect(scan(xml, cuts, false)).toEqual(whole);
        expect(scan(xml, [], true)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every form of cell reference the same with and without the fast path, errors included', () => {
    const result = (xml: Buffer, fast: boolean): unknown => {
      try {
        return scan(xml, [], fast);
      } catch (e) {
        return { error: (e as WorkbookError).code, reason: (e as WorkbookError).reason };
      }
    };
    const refs = ['B2', 'b2', 'B02', '$B$2', 'B3', 'B1', 'B', '2', '', 'XFD2', 'XFE2', 'AAAA2', 'B9999999', 'B 2', 'B2 '];
    const shapes = (ref: string): string[] => [
      `<row r="2"><c r="${ref}"><v>1</v></c></row>`,
      `<row r="2"><c r="A2"><v>0</v></c><c r="${ref}" t="s"><v>1</v></c></row>`,
      `<row><c r="${ref}" s="3"><v>2</v></c><c r="C2"><v>3</v></c></row>`,
      `<row r="2"><c s="1" r="${ref}"/><c t="b" r="${ref}"><v>1</v></c></row>`,
    ];
    let handedOver = 0;
    for (const ref of refs) {
      for (const body of shapes(ref)) {
        const xml = Buffer.from(`<?xml version="1.0"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${body}</sheetData></worksheet>`);
        const slow = result(xml, false);
        expect(result(xml, true), `${body}`).toEqual(slow);
        if (!Array.isArray(slow)) handedOver++;
      }
    }
    // some of them are refused, by both paths alike
    expect(handedOver).toBeGreaterThan(5);
  });

  it('gives the same cells when fed one byte at a time', () => {
    const xml = Buffer.from(sheetXml(`${ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>&amp;&#x1EBF;_x000D_</t></is></c><c r="B2"><v>1</v></c></row>`));
    expect(scan(xml, Array.from({ length: xml.length }, (_v, i) => i), true)).toEqual(scan(xml, [], true));
  });

  it('stops when the callback returns false', async () => {
    const data = Array.from({ length: 50 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data }] }));
    const seen: number[] = [];
    await wb.readRows('S', (r) => {
      seen.push(r);
      return r < 3 ? undefined : false;
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('passes an exception from the callback through', async () => {
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data: ROW }] }));
    await expect(
      wb.readRows('S', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('keeps memory flat while streaming many rows', async () => {
    const ROWS = 200_000;
    const row = (r: number): string =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Đơn vị ${r}</t></is></c><c r="B${r}"><v>${r % 10}</v></c><c r="C${r}"><v>0.${r % 100}</v></c></row>`;
    const data = Array.from({ length: ROWS }, (_v, i) => row(i + 1)).join('');
    const wb = await openWorkbook(xlsx({ sheets: [{ name: 'S', data }] }));
    let count = 0;
    let peak = 0;
    const before = process.memoryUsage().heapUsed;
    await wb.readRows('S', (r, cells) => {
      count += cells.length;
      if (r % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    });
    expect(count).toBe(ROWS * 3);
    // Measured: ~13 MB while streaming, ~110 MB when the callback keeps the rows.
    expect(peak).toBeLessThan(60 * 1024 * 1024);
  });
});

async function readAllSheets(bytes: Uint8Array): Promise<void> {
  const wb = await openWorkbook(bytes);
  for (const s of wb.sheets) await wb.readRows(s.name, () => undefined);
}
