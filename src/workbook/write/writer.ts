/**
 * The xlsx writer: a workbook model in, SpreadsheetML in a zip out. Rows stream through in
 * segments, so memory stays flat however many rows a sheet has.
 *
 * Part order in the zip is fixed: content types, package rels, docProps, the sheets, then
 * workbook.xml, its rels and styles.xml. The last three come after the sheets because they
 * depend on what the rows held (styles met, a formula without cached value, the last row of
 * an automatic autofilter); Excel and LibreOffice read parts through the central directory,
 * so the order is free.
 */

import {
  WorkbookWriteError,
  type DefinedNameModel,
  type RowModel,
  type RowSource,
  type WorkbookModel,
  type WriteOptions,
} from './model.js';
import { checkSheetName } from './sheet-checks.js';
import { RowWriter, SharedStrings, type WriteContext } from './sheet-rows.js';
import { prepareSheet, type BuiltinName, type PreparedSheet } from './sheet.js';
import { StyleRegistry } from './styles.js';
import { escAttr, escFormula, escText, needsPreserve } from './xml.js';
import { ZipOut, zipTime, type Level } from './zip.js';

/**
 * Deflate level used when {@link WriteOptions.level} is absent.
 *
 * Level 6 saves about a fifth of the size for about twice the CPU, and on two cores the
 * deflating then no longer keeps pace with the XML building, so the wall time grows as much.
 * The file is for opening, not archiving: level 1. Pass `level: 6` when size matters more.
 * (The measurements, on a million rows, are in bench/HISTORY.md.)
 */
export const DEFAULT_LEVEL: Level = 1;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function isoSeconds(d: Date, what: string): string {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) throw new WorkbookWriteError('bad-model', `properties.${what} is not a valid date`);
  // Without fractional seconds, as Office writes W3CDTF dates; not every reader takes them.
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Plan {
  model: WorkbookModel;
  sheets: PreparedSheet[];
  active: number;
  styles: StyleRegistry;
  userNames: string[];
  level: Level;
  mtime: Date;
}

/** Checks the model and renders all that does not depend on rows, before any byte is written. */
function plan(model: WorkbookModel, options: WriteOptions | undefined): Plan {
  const level = options?.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new WorkbookWriteError('bad-model', `deflate level must be 0–9, got ${String(level)}`);
  if (model.properties === undefined) throw new WorkbookWriteError('bad-model', 'properties.created is required');
  isoSeconds(model.properties.created, 'created');
  if (model.properties.modified !== undefined) isoSeconds(model.properties.modified, 'modified');
  const sheets = model.sheets;
  if (!Array.isArray(sheets) || sheets.length === 0) throw new WorkbookWriteError('bad-model', 'a workbook needs at least one sheet');

  const seen = new Map<string, number>();
  sheets.forEach((s, i) => {
    checkSheetName(s.name);
    const key = s.name.toUpperCase();
    if (seen.has(key)) throw new WorkbookWriteError('duplicate-sheet-name', `duplicate sheet name: ${JSON.stringify(s.name)}`, { name: s.name });
    seen.set(key, i);
    const st = s.state ?? 'visible';
    if (st !== 'visible' && st !== 'hidden' && st !== 'veryHidden') {
      throw new WorkbookWriteError('bad-model', `sheet ${JSON.stringify(s.name)}: unknown state ${JSON.stringify(st)}`);
    }
  });
  const visible = (i: number): boolean => (sheets[i]?.state ?? 'visible') === 'visible';

  let active: number;
  if (model.activeSheet === undefined) {
    active = sheets.findIndex((_, i) => visible(i));
    if (active < 0) throw new WorkbookWriteError('bad-model', 'at least one sheet must be visible');
  } else {
    const a = model.activeSheet;
    active = typeof a === 'number' ? a : (seen.get(a.toUpperCase()) ?? -1);
    if (!Number.isInteger(active) || active < 0 || active >= sheets.length) {
      throw new WorkbookWriteError('bad-model', `activeSheet ${JSON.stringify(a)} names no sheet`);
    }
    if (!visible(active)) throw new WorkbookWriteError('bad-model', `activeSheet ${JSON.stringify(a)} is not visible`);
  }

  const styles = new StyleRegistry(model.defaultFont);
  const prepared = sheets.map((s, i) => prepareSheet(s, i, i === active, styles));
  const userNames = renderUserNames(model.definedNames ?? [], seen, prepared);
  return { model, sheets: prepared, active, styles, userNames, level, mtime: zipTime(model.properties.created) };
}

const CELL_LIKE = /^[A-Za-z]{1,3}[0-9]+$|^[Rr]([0-9]*[Cc][0-9]*)?$|^[Cc][0-9]*$/;

function renderUserNames(names: readonly DefinedNameModel[], sheetIndex: ReadonlyMap<string, number>, sheets: readonly PreparedSheet[]): string[] {
  const taken = new Set<string>();
  for (const s of sheets) for (const n of s.names) taken.add(`${n.name.toUpperCase()}|${n.sheetIndex}`);
  return names.map((n) => {
    const fail = (why: string): never => {
      throw new WorkbookWriteError('bad-defined-name', `defined name ${JSON.stringify(n.name)}: ${why}`, { name: String(n.name) });
    };
    if (typeof n.name !== 'string' || n.name.length === 0 || n.name.length > 255) fail('must have 1–255 characters');
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(n.name) || CELL_LIKE.test(n.name)) fail('not a valid name');
    // Built-in names follow from the sheets' print and filter settings.
    if (n.name.toLowerCase().startsWith('_xlnm.')) fail('built-in names come from print and autoFilter settings');
    let local = '';
    let scope = -1;
    if (n.sheet !== undefined) {
      scope = sheetIndex.get(n.sheet.toUpperCase()) ?? fail(`scope sheet ${JSON.stringify(n.sheet)} does not exist`);
      local = ` localSheetId="${scope}"`;
    }
    const key = `${n.name.toUpperCase()}|${scope}`;
    if (taken.has(key)) fail('defined twice in the same scope');
    taken.add(key);
    const ref = n.refersTo.startsWith('=') ? n.refersTo.slice(1) : n.refersTo;
    if (ref === '') fail('refers to nothing');
    let x = `<definedName name="${escAttr(n.name)}"`;
    if (n.comment !== undefined) x += ` comment="${escAttr(n.comment)}"`;
    x += local;
    if (n.hidden) x += ' hidden="1"';
    return `${x}>${escFormula(ref)}</definedName>`;
  });
}

function builtinNameXml(n: BuiltinName): string {
  return `<definedName name="${n.name}" localSheetId="${n.sheetIndex}"${n.hidden ? ' hidden="1"' : ''}>${escFormula(n.refersTo)}</definedName>`;
}

function contentTypes(n: number, sst: boolean): string {
  let x =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
  for (let i = 1; i <= n; i++) {
    x += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  return (
    x +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

function packageRels(): string {
  return (
    XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function coreXml(model: WorkbookModel): string {
  const p = model.properties;
  const el = (tag: string, v: string | undefined): string => (v === undefined ? '' : `<${tag}>${escText(v)}</${tag}>`);
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', p.title) +
    el('dc:subject', p.subject) +
    el('dc:creator', p.creator) +
    el('cp:keywords', p.keywords) +
    el('dc:description', p.description) +
    el('cp:lastModifiedBy', p.lastModifiedBy) +
    el('cp:category', p.category) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${isoSeconds(p.created, 'created')}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${isoSeconds(p.modified ?? p.created, 'modified')}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appXml(model: WorkbookModel): string {
  const p = model.properties;
  const n = model.sheets.length;
  let x =
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"' +
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>${escText(p.application ?? 'thidua')}</Application>` +
    '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant">' +
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>` +
    '</vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">`;
  for (const s of model.sheets) x += `<vt:lpstr>${escText(s.name)}</vt:lpstr>`;
  x += '</vt:vector></TitlesOfParts>';
  if (p.company !== undefined) x += `<Company>${escText(p.company)}</Company>`;
  return x + '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>';
}

function workbookXml(pl: Plan, names: readonly BuiltinName[], uncached: boolean): string {
  let x = XML_DECL + `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>`;
  x += `<bookViews><workbookView${pl.active > 0 ? ` activeTab="${pl.active}"` : ''}/></bookViews><sheets>`;
  pl.model.sheets.forEach((s, i) => {
    const st = s.state ?? 'visible';
    x += `<sheet name="${escAttr(s.name)}" sheetId="${i + 1}"${st === 'visible' ? '' : ` state="${st}"`} r:id="rId${i + 1}"/>`;
  });
  x += '</sheets>';
  const defined = [...pl.userNames, ...names.map(builtinNameXml)];
  if (defined.length > 0) x += `<definedNames>${defined.join('')}</definedNames>`;
  const recalc = pl.model.recalcOnOpen ?? uncached;
  return x + `<calcPr calcId="191029"${recalc ? ' fullCalcOnLoad="1"' : ''}/></workbook>`;
}

function workbookRels(n: number, sst: boolean): string {
  let x = XML_DECL + `<Relationships xmlns="${NS_PKG_REL}">`;
  for (let i = 1; i <= n; i++) x += `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  x += `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  if (sst) x += `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  return x + '</Relationships>';
}

type Pull = { sync: Iterator<RowModel> } | { async: AsyncIterator<RowModel> };

function pull(src: RowSource | undefined, sheet: string): Pull {
  if (src === undefined) return { sync: [][Symbol.iterator]() };
  const got: unknown = typeof src === 'function' ? src() : src;
  if (got !== null && typeof got === 'object') {
    const it = got as Partial<Iterable<RowModel> & AsyncIterable<RowModel>>;
    const syncIt = it[Symbol.iterator];
    if (typeof syncIt === 'function') return { sync: syncIt.call(it) };
    const asyncIt = it[Symbol.asyncIterator];
    if (typeof asyncIt === 'function') return { async: asyncIt.call(it) };
  }
  throw new WorkbookWriteError('bad-model', `sheet ${JSON.stringify(sheet)}: rows must be an iterable or a function returning one`);
}

/**
 * What the write hands its driver: compressed bytes to pass on, or a promise to await (an
 * async row source's next row, or deflating chunks to wait for) whose result is sent back.
 */
type Step = Uint8Array[] | Promise<unknown>;

/** The write as a generator, so one body serves the synchronous and the async driver. */
function* produce(pl: Plan, ctx: WriteContext, zip: ZipOut): Generator<Step, void, unknown> {
  const n = pl.sheets.length;
  zip.part('[Content_Types].xml', contentTypes(n, ctx.strings !== null));
  zip.part('_rels/.rels', packageRels());
  zip.part('docProps/core.xml', coreXml(pl.model));
  zip.part('docProps/app.xml', appXml(pl.model));
  const names: BuiltinName[] = [];
  for (const sheet of pl.sheets) {
    const entry = zip.entry(`xl/worksheets/sheet${sheet.index + 1}.xml`);
    const rw = new RowWriter(sheet, ctx, entry);
    const source = pull(sheet.model.rows, sheet.model.name);
    try {
      for (;;) {
        let r: IteratorResult<RowModel>;
        if ('sync' in source) {
          r = source.sync.next();
        } else {
          r = (yield source.async.next()) as IteratorResult<RowModel>;
        }
        if (r.done === true) break;
        rw.row(r.value);
        if (zip.out.length > 0) yield zip.take();
        const wait = zip.backlog();
        if (wait !== undefined) yield wait;
      }
    } finally {
      // Lets a generator source release what it holds when the write stops early.
      const it = 'sync' in source ? source.sync : source.async;
      if (typeof it.return === 'function') void Promise.resolve(it.return()).catch(() => undefined);
    }
    const filter = rw.finish();
    entry.end();
    const wait = zip.settled();
    if (wait !== undefined) yield wait;
    names.push(...sheet.names);
    if (filter !== undefined) names.push(filter);
    yield zip.take();
  }
  if (ctx.strings !== null) {
    // after the sheets, which fill it; a string at a time, as rows are
    const sst = ctx.strings;
    const entry = zip.entry('xl/sharedStrings.xml');
    entry.write(XML_DECL + `<sst xmlns="${NS_MAIN}" count="${sst.count}" uniqueCount="${sst.list.length}">`);
    for (const s of sst.list) {
      entry.write(needsPreserve(s) ? `<si><t xml:space="preserve">${escText(s)}</t></si>` : `<si><t>${escText(s)}</t></si>`);
      if (zip.out.length > 0) yield zip.take();
      const wait = zip.backlog();
      if (wait !== undefined) yield wait;
    }
    entry.write('</sst>');
    entry.end();
    const wait = zip.settled();
    if (wait !== undefined) yield wait;
    yield zip.take();
  }
  zip.part('xl/workbook.xml', workbookXml(pl, names, ctx.uncachedFormula));
  zip.part('xl/_rels/workbook.xml.rels', workbookRels(n, ctx.strings !== null));
  zip.part('xl/styles.xml', pl.styles.toXml());
  const wait = zip.settled();
  if (wait !== undefined) yield wait;
  zip.end();
  yield zip.take();
}

function start(model: WorkbookModel, options: WriteOptions | undefined, async: boolean): Generator<Step, void, unknown> {
  const pl = plan(model, options);
  const engine = options?.engine ?? 'zlib';
  if (engine !== 'zlib' && engine !== 'fflate') throw new WorkbookWriteError('bad-model', `unknown engine ${JSON.stringify(engine)}`);
  const ctx: WriteContext = { styles: pl.styles, uncachedFormula: false, strings: pl.sheets.some((sh) => sh.sharedCols.includes(true)) ? new SharedStrings() : null };
  const zip = new ZipOut(pl.level, pl.mtime, engine, async && engine === 'zlib');
  return produce(pl, ctx, zip);
}

/**
 * Writes a workbook into memory and returns the xlsx bytes. Row sources must be synchronous
 * (use {@link writeWorkbookTo} for async ones). The same model always gives the same bytes.
 *
 * @throws WorkbookWriteError when the model is invalid (bad sheet name, bad range, a value
 *   that cannot be stored, …).
 */
export function writeWorkbook(model: WorkbookModel, options?: WriteOptions): Uint8Array {
  const gen = start(model, options, false);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let step = gen.next(); step.done !== true; step = gen.next()) {
    if (!Array.isArray(step.value)) {
      gen.return();
      throw new WorkbookWriteError('bad-model', 'writeWorkbook needs synchronous row sources; use writeWorkbookTo for async ones');
    }
    for (const c of step.value) {
      parts.push(c);
      size += c.length;
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Writes a workbook chunk by chunk to `sink`, awaiting it between chunks, so a slow sink
 * (a file stream honouring backpressure) holds the writer back instead of letting chunks pile
 * up. Row sources may be async. The concatenated chunks equal {@link writeWorkbook}'s result.
 *
 * If it throws (invalid model, sink failure) what reached the sink is not a valid file.
 */
export async function writeWorkbookTo(
  model: WorkbookModel,
  sink: (chunk: Uint8Array) => void | Promise<void>,
  options?: WriteOptions,
): Promise<void> {
  const gen = start(model, options, true);
  let input: unknown;
  try {
    for (;;) {
      const step = gen.next(input);
      input = undefined;
      if (step.done === true) return;
      const v = step.value;
      if (Array.isArray(v)) {
        for (const c of v) await sink(c);
      } else {
        input = await v;
      }
    }
  } catch (e) {
    gen.return();
    throw e;
  }
}
