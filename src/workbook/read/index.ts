/**
 * The xlsx reader: bytes in, sheets of typed cells out. Nothing else in thidua knows the
 * SpreadsheetML format for reading.
 */
import { READ_SHEET_MAX_CELLS, resolveLimits } from '../limits.js';
import type { Cell, OpenedWorkbook, ReadLimits, SheetInfo } from '../types.js';
import { WorkbookError } from '../types.js';
import {
  type ContentTypes,
  type Relationship,
  contentTypeOf,
  missingPart,
  readContentTypes,
  readRelationships,
  relType,
  relsPartOf,
  scanPart,
} from './opc.js';
import { rosterBatches } from './roster-rows.js';
import { type BatchSink, cellBatches } from './rows-cells.js';
import { type RowsThreadMode, readRowsOnThread, useRowsThread } from './rows-thread.js';
import { SheetHandler } from './sheet.js';
import { type SharedStrings, readSharedStrings } from './strings.js';
import { type CellStyles, NO_STYLES, readStyles } from './styles.js';
import { sniffFile } from './sniff.js';
import { readApplication, readWorkbookPart } from './workbook.js';
import { ZipArchive, type ZipEntry } from './zip.js';

export { DEFAULT_LIMITS } from '../limits.js';
export { THREAD_MIN_BYTES, type RowsThreadMode } from './rows-thread.js';

/** How a workbook is read (the same cells either way). */
export interface OpenOptions {
  /**
   * Whether `readRows` reads a sheet on a second thread (see rows-thread.ts): 'never' (the
   * default), 'auto' for a sheet of {@link THREAD_MIN_BYTES} or more read from the main
   * thread, or 'always' (tests). The thread's module is the built one (dist/): a caller
   * running the sources leaves it at 'never'.
   */
  rowsThread?: RowsThreadMode;
}

/** A worksheet of the workbook with the part that holds it. */
interface Worksheet extends SheetInfo {
  entry: ZipEntry;
}

const MAIN_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
];

/**
 * Opens an .xlsx (or .xlsm/.xltx) workbook held in memory.
 *
 * Checks, in this order and before parsing anything they guard: the file size; what the
 * bytes really are (an .xls, an encrypted workbook, a picture… are refused with the real
 * kind as the reason); the zip directory (entry count); what the package really is (.ods,
 * .xlsb, .numbers); then, for every part that will be read, its declared size and
 * compression ratio. The workbook part, its relationships, styles and app properties are
 * read here; the shared strings on the first sheet read; sheets only when asked for.
 *
 * A sheet is checked as it streams: its CRC-32 and size can only be verified once its last
 * byte is inflated, so `readRows` may deliver rows and then reject with `zip-corrupt`. A
 * caller must treat a sheet whose `readRows` rejected as unread, whatever it received.
 * `SheetInfo.index` is the sheet's position among all sheets of the workbook, chartsheets
 * included, i.e. its tab position.
 *
 * @throws WorkbookError `unreadable-file`, `encrypted` or `too-large` with a machine-readable
 *   reason (see {@link WorkbookError}).
 */
export async function openWorkbook(data: Uint8Array, limits?: Partial<ReadLimits>, options: OpenOptions = {}): Promise<OpenedWorkbook> {
  const lim = resolveLimits(limits);
  if (data.length > lim.maxFileBytes) {
    throw new WorkbookError('too-large', 'file-size', { limit: lim.maxFileBytes, actual: data.length });
  }
  sniffFile(data);
  const zip = ZipArchive.open(data, lim);
  await refuseOtherPackages(zip);

  const contentTypes = await readContentTypes(zip, lim);
  const rootRels = (await readRelationships(zip, '', lim)) ?? [];
  const wbName = findWorkbookPart(zip, rootRels, contentTypes);
  const wbEntry = zip.get(wbName);
  if (wbEntry === undefined) throw new WorkbookError('unreadable-file', 'no-workbook');
  const wbRels = await readRelationships(zip, wbName, lim);
  const wb = await readWorkbookPart(zip, wbEntry, lim);

  const rels = new Map<string, Relationship>();
  for (const r of wbRels ?? []) if (!rels.has(r.id)) rels.set(r.id, r);
  const worksheets: Worksheet[] = [];
  wb.sheets.forEach((s, index) => {
    const rel = s.relId === undefined ? undefined : rels.get(s.relId);
    if (rel === undefined) {
      throw missingPart(wbRels === undefined ? relsPartOf(wbName) : `${relsPartOf(wbName)}#${s.relId ?? ''}`, { sheet: s.name });
    }
    const type = relType(rel);
    // Chartsheets, dialog sheets and Excel 4 macro sheets hold no cells to score.
    if (type !== 'worksheet') return;
    if (rel.part === undefined) {
      throw new WorkbookError('unreadable-file', 'unsafe-path', { sheet: s.name, target: rel.target.slice(0, 200) });
    }
    const entry = zip.get(rel.part);
    if (entry === undefined) throw missingPart(rel.part, { sheet: s.name });
    worksheets.push({ name: s.name, state: s.state, index, entry });
  });
  if (worksheets.length === 0) throw new WorkbookError('unreadable-file', 'no-sheets', { part: wbName });

  const relPart = (type: string, fallback: string): ZipEntry | undefined => {
    const r = (wbRels ?? []).find((x) => relType(x) === type && x.part !== undefined);
    return (r?.part === undefined ? undefined : zip.get(r.part)) ?? zip.get(fallback);
  };
  const stylesEntry = relPart('styles', wbName.replace(/[^/]*$/, 'styles.xml'));
  const stringsEntry = relPart('sharedStrings', wbName.replace(/[^/]*$/, 'sharedStrings.xml'));
  const appRel = rootRels.find((r) => relType(r) === 'extended-properties' && r.part !== undefined);
  const appEntry = zip.get(appRel?.part ?? 'docProps/app.xml');

  // Everything that will ever be inflated, checked before any of it is.
  const toRead = [stylesEntry, stringsEntry, appEntry, ...worksheets.map((w) => w.entry)];
  let total = 0;
  for (const e of toRead) {
    if (e === undefined) continue;
    zip.checkEntry(e);
    total += e.uncompressedSize;
  }
  if (total > lim.maxUncompressedBytes) {
    throw new WorkbookError('too-large', 'uncompressed', { limit: lim.maxUncompressedBytes, actual: total });
  }

  const styles: CellStyles = stylesEntry !== undefined && stylesEntry.uncompressedSize > 0 ? await readStyles(zip, stylesEntry, lim) : NO_STYLES;
  const application = appEntry !== undefined && appEntry.uncompressedSize > 0 ? await readApplication(zip, appEntry, lim) : undefined;

  let strings: Promise<SharedStrings | undefined> | undefined;
  const sharedStrings = (): Promise<SharedStrings | undefined> => {
    strings ??=
      stringsEntry !== undefined && stringsEntry.uncompressedSize > 0 ? readSharedStrings(zip, stringsEntry, lim) : Promise.resolve(undefined);
    return strings;
  };
  const mergeCache = new Map<string, string[]>();

  const find = (sheet: string): Worksheet => {
    const exact = worksheets.find((w) => w.name === sheet);
    if (exact !== undefined) return exact;
    const key = sheet.normalize('NFC').toLowerCase();
    const loose = worksheets.find((w) => w.name.normalize('NFC').toLowerCase() === key);
    if (loose === undefined) throw new RangeError(`no worksheet named ${JSON.stringify(sheet)}`);
    return loose;
  };

  // (on one thread every row is made afresh, transient or not; `sink` is how the rows a thread
  // reads are taken in)
  const scan = async (w: Worksheet, onRow: ((row: number, cells: Cell[]) => void | false) | undefined, sink?: () => BatchSink): Promise<void> => {
    if (onRow !== undefined && useRowsThread(options.rowsThread, w.entry)) {
      const strings = sharedStrings();
      let stored: Buffer;
      try {
        stored = zip.stored(w.entry);
      } catch (e) {
        // as on one thread: a broken shared-string table is told before a broken sheet
        await strings;
        throw e;
      }
      const r = await readRowsOnThread({ stored, entry: w.entry, limits: lim, strings, sink: sink?.() ?? cellBatches(w.entry.name, styles, onRow) });
      if (r !== null) {
        if (r.complete) mergeCache.set(w.name, r.merges);
        return;
      }
      // no thread to be had (it could not start, or failed before a row): read it here
    }
    const ctx = { part: w.entry.name, limits: lim, styles, strings: await sharedStrings() };
    let handler: SheetHandler | undefined;
    const complete = await scanPart(zip, w.entry, (scanner) => (handler = new SheetHandler(ctx, scanner, onRow)), lim);
    if (complete && handler !== undefined) mergeCache.set(w.name, handler.merges);
  };

  const readRows: OpenedWorkbook['readRows'] = async (sheet, onRow) => scan(find(sheet), onRow);
  // a roster's reading (cells the caller does not keep, a number lane) has its own way off the
  // thread, in roster-rows.ts; the general way makes every row's cells afresh
  const readRoster: OpenedWorkbook['readRoster'] = async (sheet, onRow, lane) => {
    const w = find(sheet);
    return scan(w, onRow, () => rosterBatches(w.entry.name, styles, onRow, lane));
  };

  return {
    sheets: worksheets.map(({ name, state, index }) => ({ name, state, index })),
    date1904: wb.date1904,
    ...(application === undefined ? {} : { application }),
    readRows,
    readRoster,
    async readSheet(sheet) {
      const rows = new Map<number, Cell[]>();
      let count = 0;
      await readRows(sheet, (row, cells) => {
        count += cells.length;
        if (count > READ_SHEET_MAX_CELLS) {
          throw new WorkbookError('too-large', 'cells', { sheet, limit: READ_SHEET_MAX_CELLS, mode: 'in-memory' });
        }
        const prev = rows.get(row);
        if (prev === undefined) rows.set(row, cells);
        else prev.push(...cells);
      });
      return rows;
    },
    async mergedRanges(sheet) {
      const w = find(sheet);
      if (!mergeCache.has(w.name)) await scan(w, undefined);
      return [...(mergeCache.get(w.name) ?? [])];
    },
  };
}

/** Zip packages that are not SpreadsheetML, told apart by their telltale entries. */
async function refuseOtherPackages(zip: ZipArchive): Promise<void> {
  const mimetype = zip.get('mimetype');
  if (mimetype !== undefined && mimetype.uncompressedSize < 256) {
    const type = (await zip.read(mimetype)).toString('latin1').trim();
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) throw new WorkbookError('unreadable-file', 'ods');
    if (type.startsWith('application/vnd.oasis.opendocument')) throw new WorkbookError('unreadable-file', 'odf', { mimetype: type.slice(0, 100) });
  }
  for (const e of zip.entries()) {
    if (/^Index\/.*\.iwa$/i.test(e.name)) throw new WorkbookError('unreadable-file', 'numbers');
  }
}

/**
 * The workbook part: by the package relationship (Transitional or Strict), else by content
 * type, else by the usual names (some hand-made packages keep everything at the root).
 */
function findWorkbookPart(zip: ZipArchive, rootRels: Relationship[], ct: ContentTypes | undefined): string {
  const main = rootRels.find((r) => relType(r) === 'officeDocument' && r.part !== undefined)?.part;
  if (main !== undefined && /\.bin$/i.test(main)) throw new WorkbookError('unreadable-file', 'xlsb');
  if (main !== undefined && zip.get(main) !== undefined) return main;
  const candidates: string[] = [];
  for (const e of zip.entries()) {
    const type = contentTypeOf(ct, e.name);
    if (type !== undefined && MAIN_CONTENT_TYPES.includes(type)) candidates.push(e.name);
  }
  candidates.push('xl/workbook.xml', 'workbook.xml');
  for (const c of candidates) if (zip.get(c) !== undefined) return c;
  if (zip.get('xl/workbook.bin') !== undefined) throw new WorkbookError('unreadable-file', 'xlsb');
  if (zip.get('word/document.xml') !== undefined) throw new WorkbookError('unreadable-file', 'docx');
  if (zip.get('ppt/presentation.xml') !== undefined) throw new WorkbookError('unreadable-file', 'pptx');
  if (zip.get('META-INF/manifest.xml') !== undefined && zip.get('content.xml') !== undefined) {
    throw new WorkbookError('unreadable-file', 'ods');
  }
  throw new WorkbookError('unreadable-file', 'no-workbook');
}
