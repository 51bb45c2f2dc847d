/**
 * A big sheet read on a second thread (src/workbook/read/rows-thread.ts) gives the same rows,
 * cells, errors and merged ranges, in the same order, as reading it on one thread: each case
 * is read both ways and compared, then checked against what it must hold.
 *
 * The thread runs the built module (dist/, made by `npm ci`), so these tests read through
 * dist's reader; the corpus (../shared/corpus beside the project) is read both ways too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, OpenedWorkbook, ReadLimits } from '../../../src/workbook/types.js';
import type { OpenOptions } from '../../../src/workbook/read/index.js';
import { CORPUS, PRESENT, corpusFiles } from '../../helpers/corpus.js';
import { MAIN_NS, XML_DECL, oneSheet, refOf, xlsx, xlsxFiles, zip } from './xlsx-builder.js';

const DIST = new URL('../../../dist/workbook/read/index.js', import.meta.url);
if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm ci` (or `npm run build`) before the tests');
const { openWorkbook } = (await import(DIST.href)) as {
  openWorkbook: (data: Uint8Array, limits?: Partial<ReadLimits>, options?: OpenOptions) => Promise<OpenedWorkbook>;
};

type Mode = 'never' | 'always';

interface Reading {
  rows: [number, Cell[]][];
  error: { code: string; reason: string; detail: unknown } | null;
  merges: string[] | null;
}

/** Reads one sheet (the first by default) in one mode: every row delivered, then the error if any. */
async function readIn(
  mode: Mode,
  bytes: Uint8Array,
  o: { sheet?: string; stopAt?: number; throwAt?: number; limits?: Partial<ReadLimits>; transient?: boolean } = {},
): Promise<Reading> {
  const out: Reading = { rows: [], error: null, merges: null };
  try {
    const wb = await openWorkbook(bytes, o.limits, { rowsThread: mode });
    const sheet = o.sheet ?? wb.sheets[0]!.name;
    const onRow = (row: number, cells: Cell[]): void | false => {
      if (o.throwAt === row) throw new Error(`stop at ${row}`);
      // transient cells (a roster's reading) are only valid during the call: a copy is kept
      out.rows.push([row, o.transient === true ? structuredClone(cells) : cells]);
      if (o.stopAt === row) return false;
    };
    await (o.transient === true ? wb.readRoster(sheet, onRow, () => null) : wb.readRows(sheet, onRow));
    out.merges = await wb.mergedRanges(sheet);
  } catch (e) {
    const err = e as { name?: string; code?: string; reason?: string; detail?: unknown; message?: string };
    if (err.name !== 'WorkbookError') out.error = { code: 'thrown', reason: err.message ?? '', detail: null };
    else out.error = { code: err.code!, reason: err.reason!, detail: err.detail };
  }
  return out;
}

/** Reads both ways, and on the thread with transient cells too; they must agree exactly. */
async function readBoth(bytes: Uint8Array, o: Parameters<typeof readIn>[2] = {}): Promise<Reading> {
  const one = await readIn('never', bytes, o);
  let two: Reading | undefined;
  for (const transient of [true, false]) {
    two = await readIn('always', bytes, { ...o, transient });
    expect(two.error).toEqual(one.error);
    expect(two.rows.length).toBe(one.rows.length);
    expect(two.rows).toEqual(one.rows);
    expect(two.merges).toEqual(one.merges);
  }
  return two!;
}

const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="2"><font><name val="Calibri"/></font><font><name val=".VnTime"/></font></fonts>
<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="9" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1"/></cellXfs>
</styleSheet>`;

const STRINGS = `${XML_DECL}<sst xmlns="${MAIN_NS}"><si><t>Xã Hòa Bình</t></si><si><r><t>Tổ </t></r><r><rPr><b/></rPr><t>1</t></r></si><si><r><rPr><rFont val=".VnTime"/></rPr><t>Th\u00f4n</t></r></si><si><t xml:space="preserve"> khối A </t></si></sst>`;

/** One row of every kind of cell the reader knows, numbered so that each row differs. */
function mixedRow(r: number): string {
  const n = r % 4;
  return (
    `<row r="${r}">` +
    `<c r="A${r}"><v>${r}</v></c>` + // whole number
    `<c r="B${r}" t="s"><v>${n}</v></c>` + // shared string: plain, rich, legacy run font, spaces
    `<c r="C${r}" s="1"><v>0.${r % 100}</v></c>` + // percent style
    `<c r="D${r}" s="2"><v>${45000 + r}</v></c>` + // date style
    `<c r="E${r}" t="inlineStr"><is><t>inline ${r} &amp; &lt;x&gt;</t></is></c>` +
    `<c r="F${r}" t="inlineStr"><is><r><t>rich </t></r><r><t>${r}</t></r></is></c>` +
    `<c r="G${r}" t="str"><f>A${r}&amp;"x"</f><v>${r}x</v></c>` + // formula with a cached text
    `<c r="H${r}"><f>A${r}*2</f><v>${2 * r}</v></c>` + // formula with a cached number
    `<c r="I${r}"><f>SUM(A1:A${r})</f></c>` + // formula never calculated
    `<c r="J${r}" t="b"><v>${r % 2}</v></c>` +
    `<c r="K${r}" t="e"><v>#DIV/0!</v></c>` +
    `<c r="L${r}" t="d"><v>2025-0${1 + (r % 9)}-15T00:00:00</v></c>` +
    `<c r="M${r}" s="3"/>` + // styled, empty: no value
    `<c r="N${r}" s="3" t="s"><v>0</v></c>` + // legacy font by style
    `<c s="1"><v>1e-3</v></c>` + // no reference: the next column (O)
    `<c r="P${r}"><v> 12.5 </v></c>` + // number with spaces (the general path)
    `<c r="Q${r}"><v>abc</v></c>` + // not a number: read as text
    `<c r="R${r}" t="s"><v>007</v></c>` + // index written otherwise
    `</row>`
  );
}

describe('reading a big sheet on a second thread', () => {
  it('gives the same cells as one thread for every kind of cell, over many batches', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => mixedRow(i + 1)).join('') + '<row><c><v>1</v></c></row>' + '<row r="4100"/>';
    const strings = STRINGS.replace('</sst>', `${Array.from({ length: 4 }, (_, i) => `<si><t>s${i + 4}</t></si>`).join('')}</sst>`);
    const after = '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="$C$3:D4"/></mergeCells>';
    const bytes = xlsx({ sheets: [{ name: 'Sheet1', data: rows, after }], styles: STYLES, strings });
    const r = await readBoth(bytes);
    expect(r.error).toBeNull();
    expect(r.rows.length).toBe(4001); // the empty row 4100 is not delivered
    expect(r.merges).toEqual(['A1:B2', 'C3:D4']);
    const byRef = new Map(r.rows.flatMap(([, cells]) => cells.map((c) => [refOf(c), c] as const)));
    expect(byRef.get('A3999')!.value).toEqual({ t: 'number', v: 3999 });
    expect(byRef.get('B3997')!.value).toEqual({ t: 'string', v: 'Tổ 1', rich: true });
    expect(byRef.get('B3998')).toMatchObject({ value: { t: 'string', v: 'Th\u00f4n', rich: true }, legacyFont: 'tcvn3' });
    expect(byRef.get('B3999')!.value).toEqual({ t: 'string', v: ' khối A ' });
    expect(byRef.get('C3999')!.fmt).toBe('percent');
    expect(byRef.get('D3999')!.fmt).toBe('date');
    expect(byRef.get('E3999')!.value).toEqual({ t: 'string', v: 'inline 3999 & <x>' });
    expect(byRef.get('F3999')!.value).toEqual({ t: 'string', v: 'rich 3999', rich: true });
    expect(byRef.get('G3999')).toMatchObject({ value: { t: 'string', v: '3999x' }, formula: true });
    expect(byRef.get('H3999')).toMatchObject({ value: { t: 'number', v: 7998 }, formula: true });
    expect(byRef.get('I3999')!.value).toEqual({ t: 'formula-no-value', formula: 'SUM(A1:A3999)' });
    expect(byRef.get('J3999')!.value).toEqual({ t: 'boolean', v: true });
    expect(byRef.get('K3999')!.value).toEqual({ t: 'error', v: '#DIV/0!' });
    expect(byRef.get('L3999')!.value).toEqual({ t: 'date', v: '2025-04-15T00:00:00' });
    expect(byRef.has('M3999')).toBe(false);
    expect(byRef.get('N3999')).toMatchObject({ value: { t: 'string', v: 'Xã Hòa Bình' }, legacyFont: 'tcvn3' });
    expect(byRef.get('O3999')!.value).toEqual({ t: 'number', v: 0.001 });
    expect(byRef.get('P3999')!.value).toEqual({ t: 'number', v: 12.5 });
    expect(byRef.get('Q3999')!.value).toEqual({ t: 'string', v: 'abc' });
    expect(byRef.get('R3999')!.value).toEqual({ t: 'string', v: 's7' });
    expect(byRef.get('A4001')!.value).toEqual({ t: 'number', v: 1 });
  });

  const numbers = (from: number, to: number, cols = 12): string =>
    Array.from({ length: to - from + 1 }, (_, i) => {
      const r = from + i;
      return `<row r="${r}">${Array.from({ length: cols }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="${c === 0 ? 's' : 'n'}"><v>${c === 0 ? r % 3 : r * c}</v></c>`).join('')}</row>`;
    }).join('');
  const three = ['một', 'hai', 'ba'];

  it('delivers every row before a shared-string index out of the table, then the same error', async () => {
    for (const [bad, index] of [
      ['3', '3'],
      ['007', '007'],
      ['-1', '-1'],
      ['1.5', '1.5'],
    ] as const) {
      const rows = numbers(1, 2999) + `<row r="3000"><c r="A3000"><v>1</v></c><c r="B3000" t="s"><v>${bad}</v></c></row>` + numbers(3001, 3100);
      const r = await readBoth(oneSheet(rows, { strings: three }));
      expect(r.rows.length).toBe(2999);
      expect(r.error).toEqual({ code: 'unreadable-file', reason: 'shared-string-index', detail: { part: 'xl/worksheets/sheet1.xml', index, strings: 3 } });
    }
  });

  it('delivers every row before broken XML, then the same error', async () => {
    const rows = numbers(1, 3999) + '<row r="4000"><c r="A4000"><v>1</v></c><c r="B4000"><v>2</v></row>' + numbers(4001, 4100);
    const r = await readBoth(oneSheet(rows, { strings: three }));
    expect(r.rows.length).toBe(3999);
    expect(r.error).toMatchObject({ code: 'unreadable-file', reason: 'bad-xml' });
  });

  it('delivers every row and then the CRC error of a damaged sheet', async () => {
    const files = xlsxFiles({ sheets: [{ name: 'Sheet1', data: numbers(1, 5000) }], strings: three });
    const bytes = zip(files);
    // the central directory's CRC of the sheet, damaged
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const buf = Buffer.from(bytes);
    let at = -1;
    for (let i = buf.length - 46; i >= 0; i--) {
      if (buf.readUInt32LE(i) === 0x02014b50 && buf.subarray(i + 46, i + 46 + name.length).equals(name)) {
        at = i;
        break;
      }
    }
    expect(at).toBeGreaterThan(0);
    buf.writeUInt32LE((buf.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
    const r = await readBoth(buf);
    expect(r.rows.length).toBe(5000);
    expect(r.error).toEqual({ code: 'unreadable-file', reason: 'zip-corrupt', detail: { why: 'crc', part: 'xl/worksheets/sheet1.xml' } });
  });

  it('stops the thread when onRow asks to stop, and rethrows what onRow throws', async () => {
    const bytes = oneSheet(numbers(1, 20_000), { strings: three });
    const stopped = await readBoth(bytes, { stopAt: 100 });
    expect(stopped.rows.map(([row]) => row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(stopped.error).toBeNull();
    const thrown = await readBoth(bytes, { throwAt: 12_345 });
    expect(thrown.rows.length).toBe(12_344);
    expect(thrown.error).toEqual({ code: 'thrown', reason: 'stop at 12345', detail: null });
  });

  it('reads a row longer than a batch (a hostile sheet) whole', async () => {
    const wide = `<row r="1">${Array.from({ length: 60_000 }, (_, i) => `<c r="A1"><v>${i}</v></c>`).join('')}</row>` + numbers(2, 3000);
    const r = await readBoth(oneSheet(wide, { strings: three }));
    expect(r.rows[0]![1].length).toBe(60_000);
    expect(r.rows[0]![1][59_999]!.value).toEqual({ t: 'number', v: 59_999 });
    expect(r.rows.length).toBe(3000);
  });

  it('refuses a sheet over the cell limit, or a broken shared-string table, the same way', async () => {
    const over = await readBoth(oneSheet(numbers(1, 5000), { strings: three }), { limits: { maxCells: 50_000 } });
    expect(over.rows.length).toBe(4166); // 50,000 cells are 4,166 whole rows of 12
    expect(over.error).toEqual({ code: 'too-large', reason: 'cells', detail: { part: 'xl/worksheets/sheet1.xml', limit: 50_000 } });
    const sst = await readBoth(oneSheet(numbers(1, 5000), { strings: `${XML_DECL}<sst xmlns="${MAIN_NS}"><si><t>a</t></si>` }));
    expect(sst.rows.length).toBe(0);
    expect(sst.error).toMatchObject({ code: 'unreadable-file', reason: 'bad-xml' });
  });

  it('reads the sheet on the calling thread when the thread fails before a row', async () => {
    const bytes = oneSheet(numbers(1, 3000), { strings: three });
    const one = await readIn('never', bytes);
    process.env.THIDUA_READ_FAIL = 'start';
    try {
      const two = await readIn('always', bytes, { transient: true });
      expect(two.error).toBeNull();
      expect(two.rows).toEqual(one.rows);
      expect(two.merges).toEqual([]);
    } finally {
      delete process.env.THIDUA_READ_FAIL;
    }
  });

  it('reads a sheet whole into memory the same way', async () => {
    const bytes = oneSheet(numbers(1, 3000), { strings: three });
    const [one, two] = await Promise.all(
      (['never', 'always'] as const).map(async (mode) => (await openWorkbook(bytes, undefined, { rowsThread: mode })).readSheet('Sheet1')),
    );
    expect(two!.size).toBe(3000);
    expect([...two!]).toEqual([...one!]);
    expect(two!.get(2999)![0]!.value).toEqual({ t: 'string', v: 'ba' });
  });
});

const corpus = corpusFiles();
if (!PRESENT) console.warn(`corpus read on a second thread: skipped, ${CORPUS}/xlsx and ${CORPUS}/hostile not found (set THIDUA_CORPUS to its location)`);

describe.skipIf(!PRESENT)(`the corpus read on a second thread (${PRESENT ? CORPUS : `skipped: ${CORPUS} not found`})`, () => {
  it.each(corpus)('%s: every sheet as on one thread', async (file) => {
    const bytes = readFileSync(join(CORPUS, file));
    let sheets: string[];
    try {
      sheets = (await openWorkbook(bytes)).sheets.map((s) => s.name);
    } catch {
      return; // refused before any sheet is read: the corpus test holds the reason
    }
    for (const sheet of sheets) await readBoth(bytes, { sheet });
  }, 60_000);
});
