#!/usr/bin/env node
// Writes a roster-layout workbook (SPEC §5: `Mã đơn vị | Tên | Khối` then one column per
// item) of any size, laid out the way Excel writes one: every text in the shared-string
// table, styled cells, row spans. Used to measure the reader on a million rows without
// keeping such a file anywhere.
//
//   node scripts/gen-roster.mjs --rows 1000000 --items 12 --out /tmp/roster.xlsx
//
// --short writes the narrow shape of a commune's own household list: ids `H0000001` and
// household heads' names without a number (they repeat, as real names do). --sheet-first stores
// the sheet before the shared strings in the zip, as Excel and LibreOffice do (a streaming
// reader then meets the rows before the texts they point to).
//
// --parents C adds a `Cấp trên` column after `Khối` (SPEC §11): the rows are spread over C
// parents `XA-0001` … by their block (block b of B in parent ⌊b · C / B⌋ + 1), so that every
// block (village) lies within one commune and a commune scored alone ranks its blocks, and
// shares out their awards, exactly as the whole province does. C is at most the number of
// blocks. The other cells are the same as without it (same seed, same values); the summary
// line gains `parentRows`, the rows of each parent. --only-parent K writes only the rows of
// parent K, as they are in the whole roster (a commune's own household list, for scoring each
// commune alone).
//
// Only node built-ins; the sheet is deflated as it is generated, so memory holds the
// compressed parts and the string table, never the sheet's XML.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    items: { type: 'string', default: '12' },
    blocks: { type: 'string', default: '4' },
    parents: { type: 'string', default: '0' },
    'only-parent': { type: 'string', default: '0' },
    out: { type: 'string', default: 'roster.xlsx' },
    short: { type: 'boolean', default: false },
    'sheet-first': { type: 'boolean', default: false },
  },
});
const ROWS = Number(opts.rows);
const ITEMS = Number(opts.items);
const PARENTS = Number(opts.parents);
/** Columns before the items: Mã đơn vị, Tên, Khối (and Cấp trên with --parents). */
const LEAD = PARENTS > 0 ? 4 : 3;
const COLS = LEAD + ITEMS;
const BLOCK_COUNT = Number(opts.blocks);
if (PARENTS > BLOCK_COUNT) throw new Error(`--parents ${PARENTS}: at most --blocks (${BLOCK_COUNT}), every block within one parent`);
/** The parent (1-based) of row n, by its block, and the id every parent is written with. */
const parentOf = (n) => Math.floor(((n % BLOCK_COUNT) * PARENTS) / BLOCK_COUNT) + 1;
const parentId = (c) => `XA-${String(c).padStart(4, '0')}`;
const parentRows = new Array(PARENTS).fill(0);
const ONLY = Number(opts['only-parent']);
if (ONLY && !(ONLY >= 1 && ONLY <= PARENTS)) throw new Error(`--only-parent ${ONLY}: a parent from 1 to --parents`);
/** Rows written: all of them, or those of parent ONLY. */
let OUT_ROWS = ROWS;
if (ONLY) for (let n = 1, c = (OUT_ROWS = 0); n <= ROWS; n++) if (parentOf(n) === ONLY) OUT_ROWS = ++c;
const BLOCKS =
  BLOCK_COUNT === 4
    ? ['Khối xã miền núi', 'Khối xã đồng bằng', 'Khối phường', 'Khối thị trấn']
    : Array.from({ length: BLOCK_COUNT }, (_, i) => `Thôn ${(i % 40) + 1}, ${['xã Ia Grai', 'phường Pleiku', 'xã Đắk Pơ', 'phường Quy Nhơn', 'xã Chư Sê'][i % 5]} (${i + 1})`);
// Household heads' names: family name, middle name, given name, the way a commune's list reads.
const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Rơ Châm', 'Ksor', 'Siu', 'Rah Lan', 'Đinh'];
const DEM = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Quang', 'Thu', 'Kim', 'Xuân', 'Bảo'];
const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Yến', 'Blơng'];
// Real Gia Lai place names, for the mix of diacritics (ả ắ ơ ư đ …) a real roster has.
const PLACES = ['Xã Quảng Phú', 'Xã Ia Grai', 'Phường Hội Phú', 'Xã Đắk Pơ', 'Xã Nghĩa Hưng', 'Thị trấn Chư Sê', 'Xã Ayun Hạ', 'Phường Thống Nhất', 'Xã Kông Bơ La', 'Xã Tân Sơn', 'Phường Diên Hồng', 'Xã Ia Kriêng'];

const colName = (n) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COL = Array.from({ length: COLS + 1 }, (_, i) => colName(i));

/** Deflates a small part held as one string. */
function deflatePart(text) {
  const b = Buffer.from(text, 'utf8');
  return { data: zlib.deflateRawSync(b, { level: 6 }), crc: zlib.crc32(b) >>> 0, size: b.length };
}

/**
 * Deflates a part too large to hold as text, 8 MiB at a time. Each batch is a raw deflate
 * stream ended with a full flush instead of a final block, so the batches concatenate into
 * one valid stream (the trick pigz uses).
 */
function deflateStreaming(pieces) {
  const out = [];
  const pending = [];
  let pendingBytes = 0;
  let crc = 0;
  let size = 0;
  const flush = (last) => {
    const b = Buffer.concat(pending.splice(0));
    pendingBytes = 0;
    out.push(zlib.deflateRawSync(b, { level: 6, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_FULL_FLUSH }));
  };
  for (const piece of pieces) {
    const b = Buffer.from(piece, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes > 8 * 1024 * 1024) flush(false);
  }
  flush(true);
  return { data: Buffer.concat(out), crc: crc >>> 0, size };
}

const strings = [];
const stringIndex = new Map();
const sst = (s) => {
  let i = stringIndex.get(s);
  if (i === undefined) {
    i = strings.length;
    strings.push(s);
    stringIndex.set(s, i);
  }
  return i;
};

function* sheetXml() {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
  yield `<dimension ref="A1:${COL[COLS]}${OUT_ROWS + 1}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>`;
  let head = `<row r="1" spans="1:${COLS}" x14ac:dyDescent="0.25">`;
  const titles = PARENTS > 0 ? ['Mã đơn vị', 'Tên', 'Khối', 'Cấp trên'] : ['Mã đơn vị', 'Tên', 'Khối'];
  for (let i = 1; i <= ITEMS; i++) titles.push(`${Math.ceil(i / 4)}.${((i - 1) % 4) + 1} – Tiêu chí số ${i}`);
  titles.forEach((t, k) => (head += `<c r="${COL[k + 1]}1" s="1" t="s"><v>${sst(t)}</v></c>`));
  yield head + '</row>';
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x1_0000_0000);
  let batch = '';
  let written = 0;
  for (let n = 1; n <= ROWS; n++) {
    const p = PARENTS > 0 ? parentOf(n) : 0;
    if (ONLY && p !== ONLY) {
      for (let k = 0; k < ITEMS; k++) rand(); // the same values for the rows written
      continue;
    }
    const r = ++written + 1;
    let row = `<row r="${r}" spans="1:${COLS}" x14ac:dyDescent="0.25">`;
    row += `<c r="A${r}" t="s"><v>${sst(opts.short ? `H${String(n).padStart(7, '0')}` : `XA-${String(n).padStart(7, '0')}`)}</v></c>`;
    const name = opts.short
      ? `${HO[n % HO.length]} ${DEM[(n >> 3) % DEM.length]} ${TEN[(n >> 5) % TEN.length]}`
      : BLOCK_COUNT === 4
        ? `${PLACES[n % PLACES.length]} số ${n}`
        : `Hộ ${HO[n % HO.length]} ${DEM[(n >> 3) % DEM.length]} ${TEN[(n >> 5) % TEN.length]} ${n}`;
    row += `<c r="B${r}" t="s"><v>${sst(name)}</v></c>`;
    row += `<c r="C${r}" t="s"><v>${sst(BLOCKS[n % BLOCKS.length])}</v></c>`;
    if (PARENTS > 0) {
      parentRows[p - 1]++;
      row += `<c r="D${r}" t="s"><v>${sst(parentId(p))}</v></c>`;
    }
    for (let k = 0; k < ITEMS; k++) {
      const x = rand();
      const v = k % 4 === 3 ? Math.round(x * 100) / 100 : k % 4 === 2 ? Math.round(x * 20) / 2 : Math.round(x * 10);
      row += `<c r="${COL[LEAD + 1 + k]}${r}" s="${k % 4 === 3 ? 2 : 3}"><v>${v}</v></c>`;
    }
    batch += row + '</row>';
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield batch;
  yield '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

const sheet = deflateStreaming(sheetXml());

function* sstXml() {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${OUT_ROWS * LEAD + COLS}" uniqueCount="${strings.length}">`;
  let batch = '';
  for (const s of strings) {
    batch += `<si><t>${esc(s)}</t></si>`;
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield batch + '</sst>';
}
const sstPart = deflateStreaming(sstXml());

const small = deflatePart;
const parts = [
  [
    '[Content_Types].xml',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    ),
  ],
  [
    '_rels/.rels',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  ],
  [
    'docProps/app.xml',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>',
    ),
  ],
  [
    'xl/workbook.xml',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="162913"/></workbook>',
    ),
  ],
  [
    'xl/_rels/workbook.xml.rels',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ],
  [
    'xl/styles.xml',
    small(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
  ],
  ...(opts['sheet-first']
    ? [['xl/worksheets/sheet1.xml', sheet], ['xl/sharedStrings.xml', sstPart]]
    : [['xl/sharedStrings.xml', sstPart], ['xl/worksheets/sheet1.xml', sheet]]),
];

// Zip writer: local header + data per entry, then the central directory (no zip64 needed
// below 4 GiB).
const chunks = [];
const central = [];
let offset = 0;
for (const [name, p] of parts) {
  const n = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6);
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(0, 10);
  h.writeUInt32LE(p.crc, 14);
  h.writeUInt32LE(p.data.length, 18);
  h.writeUInt32LE(p.size, 22);
  h.writeUInt16LE(n.length, 26);
  chunks.push(h, n, p.data);
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(20, 4);
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(0x800, 8);
  c.writeUInt16LE(8, 10);
  c.writeUInt32LE(p.crc, 16);
  c.writeUInt32LE(p.data.length, 20);
  c.writeUInt32LE(p.size, 24);
  c.writeUInt16LE(n.length, 28);
  c.writeUInt32LE(offset, 42);
  central.push(c, n);
  offset += 30 + n.length + p.data.length;
}
const cd = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(parts.length, 8);
end.writeUInt16LE(parts.length, 10);
end.writeUInt32LE(cd.length, 12);
end.writeUInt32LE(offset, 16);
writeFileSync(opts.out, Buffer.concat([...chunks, cd, end]));
console.log(
  JSON.stringify({
    out: opts.out,
    rows: OUT_ROWS,
    columns: COLS,
    parents: PARENTS,
    sharedStrings: strings.length,
    sheetXmlBytes: sheet.size,
    sheetDeflatedBytes: sheet.data.length,
    sharedStringsXmlBytes: sstPart.size,
    fileBytes: offset + cd.length + 22,
    ...(PARENTS > 0 ? { parentRows } : {}),
  }),
);
