/**
 * Builds tiny xlsx packages in memory for the reader's tests: each test states the XML it
 * cares about and gets the rest of a valid package around it.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Cell, OpenedWorkbook } from '../../../src/workbook/types.js';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetSpec {
  name: string;
  /** Content of `<sheetData>`, or a whole part when it starts with '<?xml' or a worksheet element. */
  data: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** XML after `</sheetData>` (mergeCells…). */
  after?: string;
  /** A chartsheet instead of a worksheet. */
  chart?: boolean;
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** Shared strings as plain text items, or the whole part. */
  strings?: string[] | string;
  /** Whole styles.xml. */
  styles?: string;
  /** Attributes of `<workbookPr>`. */
  workbookPr?: string;
  /** docProps/app.xml Application. */
  application?: string;
  /** Files to add or replace; `null` removes one. */
  files?: Record<string, string | Uint8Array | null>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The files of a package, by name. */
export function xlsxFiles(spec: BookSpec): Record<string, Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  const overrides: string[] = [];
  const wbRels: string[] = [];
  const sheetEls: string[] = [];
  spec.sheets.forEach((s, i) => {
    const n = i + 1;
    const kind = s.chart === true ? 'chartsheet' : 'worksheet';
    const part = s.chart === true ? `xl/chartsheets/sheet${n}.xml` : `xl/worksheets/sheet${n}.xml`;
    files[part] =
      s.chart === true
        ? `${XML_DECL}<chartsheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`
        : /^(<\?xml|\uFEFF|<(\w+:)?worksheet[\s>])/.test(s.data)
          ? s.data
          : `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`;
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`);
    wbRels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/${kind}" Target="${part.slice(3)}"/>`);
    sheetEls.push(`<sheet name="${esc(s.name)}" sheetId="${n}"${s.state === undefined ? '' : ` state="${s.state}"`} r:id="rId${n}"/>`);
  });
  if (spec.strings !== undefined) {
    files['xl/sharedStrings.xml'] =
      typeof spec.strings === 'string'
        ? spec.strings
        : `${XML_DECL}<sst xmlns="${MAIN_NS}" count="${spec.strings.length}" uniqueCount="${spec.strings.length}">${spec.strings
            .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
            .join('')}</sst>`;
    wbRels.push(`<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (spec.styles !== undefined) {
    files['xl/styles.xml'] = spec.styles;
    wbRels.push(`<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  }
  files['[Content_Types].xml'] =
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join('')}</Types>`;
  files['_rels/.rels'] =
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>${
      spec.application === undefined ? '' : `<Relationship Id="rId2" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>`
    }</Relationships>`;
  if (spec.application !== undefined) {
    files['docProps/app.xml'] =
      `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${esc(spec.application)}</Application></Properties>`;
  }
  files['xl/workbook.xml'] =
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr${spec.workbookPr === undefined ? '' : ` ${spec.workbookPr}`}/><sheets>${sheetEls.join('')}</sheets></workbook>`;
  files['xl/_rels/workbook.xml.rels'] = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${wbRels.join('')}</Relationships>`;
  for (const [name, content] of Object.entries(spec.files ?? {})) {
    if (content === null) delete files[name];
    else files[name] = content;
  }
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]));
}

/** Zips files (deflated unless `stored`). */
export function zip(files: Record<string, string | Uint8Array>, stored = false): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [typeof v === 'string' ? strToU8(v) : v, { level: stored ? 0 : 1 }];
  return zipSync(z, { mtime: new Date('2025-01-01T00:00:00Z') });
}

export function xlsx(spec: BookSpec): Uint8Array {
  return zip(xlsxFiles(spec));
}

/** A one-sheet workbook around some `<sheetData>` content. */
export function oneSheet(data: string, extra: Omit<BookSpec, 'sheets'> = {}): Uint8Array {
  return xlsx({ sheets: [{ name: 'Sheet1', data }], ...extra });
}

/** 'B3' for row 3, column 2. */
export function refOf(c: Pick<Cell, 'row' | 'col'>): string {
  let s = '';
  for (let n = c.col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${c.row}`;
}

/** Every cell of a sheet as `ref → cell`, in reading order. */
export async function cellsByRef(wb: OpenedWorkbook, sheet = wb.sheets[0]?.name ?? ''): Promise<Map<string, Cell>> {
  const out = new Map<string, Cell>();
  await wb.readRows(sheet, (_row, cells) => {
    for (const c of cells) out.set(refOf(c), c);
  });
  return out;
}

/** `ref → value` for compact assertions. */
export async function valuesByRef(wb: OpenedWorkbook, sheet?: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [ref, c] of await cellsByRef(wb, sheet)) out[ref] = c.value;
  return out;
}

/** Runs a promise and returns the WorkbookError it rejects with (code/reason), or 'ok'. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const err = e as { name?: string; code?: string; reason?: string };
    if (err.name === 'WorkbookError') return `${err.code}/${err.reason}`;
    throw e;
  }
}
