/**
 * The settings of a sheet rendered around its rows: merged ranges, sheet protection, print
 * setup (printOptions … headerFooter) and the defined names print setup implies.
 */

import type { PrintSetupModel, SheetModel, SheetProtectionModel } from './model.js';
import type { BuiltinName } from './sheet.js';
import { bad, checkNumber, num } from './sheet-checks.js';
import { MAX_COLS, MAX_ROWS, absRectRef, colName, escText, parseRange, quoteSheet, rectRef, type Rect } from './xml.js';

const HEADER_FOOTER_MAX = 255;

export function renderMerges(sheet: string, merges: readonly string[]): string {
  const rects = merges.map((m) => parseRange(m, `sheet ${JSON.stringify(sheet)}: merge`));
  for (const r of rects) {
    if (r.r1 === r.r2 && r.c1 === r.c2) bad('bad-merge', sheet, `merge of a single cell: ${rectRef(r)}`, { ref: rectRef(r) });
  }
  // Overlapping merges make Excel repair the file; a sweep by top row keeps the check cheap.
  const sorted = [...rects].sort((a, b) => a.r1 - b.r1);
  let active: Rect[] = [];
  for (const r of sorted) {
    active = active.filter((a) => a.r2 >= r.r1);
    for (const a of active) {
      if (a.c1 <= r.c2 && r.c1 <= a.c2) {
        bad('bad-merge', sheet, `merged ranges overlap: ${rectRef(a)} and ${rectRef(r)}`, { ref: rectRef(r) });
      }
    }
    active.push(r);
  }
  return `<mergeCells count="${rects.length}">${rects.map((r) => `<mergeCell ref="${rectRef(r)}"/>`).join('')}</mergeCells>`;
}

const PROTECT_ORDER = [
  'formatCells',
  'formatColumns',
  'formatRows',
  'insertColumns',
  'insertRows',
  'insertHyperlinks',
  'deleteColumns',
  'deleteRows',
  'selectLockedCells',
  'sort',
  'autoFilter',
  'pivotTables',
  'selectUnlockedCells',
] as const;

export function renderProtection(p: SheetProtectionModel): string {
  const allow = p.allow ?? {};
  let x = '<sheetProtection sheet="1" objects="1" scenarios="1"';
  for (const k of PROTECT_ORDER) {
    // The attributes say what is protected: most default to protected, the two selection
    // flags default to allowed.
    if (k === 'selectLockedCells' || k === 'selectUnlockedCells') {
      if (allow[k] === false) x += ` ${k}="1"`;
    } else if (allow[k] === true) {
      x += ` ${k}="0"`;
    }
  }
  return x + '/>';
}

export function renderPrint(sheet: string, p: PrintSetupModel | undefined): { xml: string; fitToPage: boolean } {
  let x = '';
  if (p?.horizontalCentered || p?.verticalCentered || p?.gridLines) {
    x += '<printOptions';
    if (p.horizontalCentered) x += ' horizontalCentered="1"';
    if (p.verticalCentered) x += ' verticalCentered="1"';
    if (p.gridLines) x += ' gridLines="1"';
    x += '/>';
  }
  const m = p?.margins ?? {};
  const margin = (v: number | undefined, d: number, what: string): string =>
    num(v === undefined ? d : checkNumber(sheet, `margin ${what}`, v, 0, 49));
  x +=
    `<pageMargins left="${margin(m.left, 0.7, 'left')}" right="${margin(m.right, 0.7, 'right')}"` +
    ` top="${margin(m.top, 0.75, 'top')}" bottom="${margin(m.bottom, 0.75, 'bottom')}"` +
    ` header="${margin(m.header, 0.3, 'header')}" footer="${margin(m.footer, 0.3, 'footer')}"/>`;
  const fitToPage = p?.fitToWidth !== undefined || p?.fitToHeight !== undefined;
  let setup = '';
  if (p?.paperSize !== undefined) setup += ` paperSize="${checkNumber(sheet, 'paperSize', p.paperSize, 1, 118, true)}"`;
  if (p?.scale !== undefined) setup += ` scale="${checkNumber(sheet, 'scale', p.scale, 10, 400, true)}"`;
  if (fitToPage) {
    setup += ` fitToWidth="${checkNumber(sheet, 'fitToWidth', p?.fitToWidth ?? 0, 0, 32767, true)}"`;
    setup += ` fitToHeight="${checkNumber(sheet, 'fitToHeight', p?.fitToHeight ?? 0, 0, 32767, true)}"`;
  }
  if (p?.orientation !== undefined) {
    if (p.orientation !== 'portrait' && p.orientation !== 'landscape') bad('bad-model', sheet, `unknown orientation ${JSON.stringify(p.orientation)}`);
    setup += ` orientation="${p.orientation}"`;
  }
  if (setup !== '') x += `<pageSetup${setup}/>`;
  if (p?.header !== undefined || p?.footer !== undefined) {
    for (const t of [p.header, p.footer]) {
      if (t !== undefined && t.length > HEADER_FOOTER_MAX) bad('bad-model', sheet, `page header/footer longer than ${HEADER_FOOTER_MAX} characters`);
    }
    x += '<headerFooter>';
    if (p.header !== undefined) x += `<oddHeader>${escText(p.header)}</oddHeader>`;
    if (p.footer !== undefined) x += `<oddFooter>${escText(p.footer)}</oddFooter>`;
    x += '</headerFooter>';
  }
  return { xml: x, fitToPage };
}

/** Print titles and print area, as the built-in defined names Excel reads them from. */
export function printNames(sheet: SheetModel, index: number): BuiltinName[] {
  const p = sheet.print;
  const names: BuiltinName[] = [];
  if (p === undefined) return names;
  const q = quoteSheet(sheet.name);
  const span = (v: readonly [number, number], max: number, what: string): [number, number] => {
    const a = checkNumber(sheet.name, what, v[0], 1, max, true);
    const b = checkNumber(sheet.name, what, v[1], 1, max, true);
    if (b < a) bad('bad-model', sheet.name, `${what}: last before first`);
    return [a, b];
  };
  const titles: string[] = [];
  if (p.titleCols !== undefined) {
    const [a, b] = span(p.titleCols, MAX_COLS, 'titleCols');
    titles.push(`${q}!$${colName(a)}:$${colName(b)}`);
  }
  if (p.titleRows !== undefined) {
    const [a, b] = span(p.titleRows, MAX_ROWS, 'titleRows');
    titles.push(`${q}!$${a}:$${b}`);
  }
  if (titles.length > 0) names.push({ name: '_xlnm.Print_Titles', sheetIndex: index, refersTo: titles.join(','), hidden: false });
  if (p.area !== undefined) {
    const r = parseRange(p.area, `sheet ${JSON.stringify(sheet.name)}: print area`);
    names.push({ name: '_xlnm.Print_Area', sheetIndex: index, refersTo: `${q}!${absRectRef(r)}`, hidden: false });
  }
  return names;
}
