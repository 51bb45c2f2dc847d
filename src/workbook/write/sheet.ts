/**
 * One worksheet part, before its rows: the static pieces around sheetData (sheet properties,
 * dimension, view, columns, then protection, merges, validations and print setup) are checked
 * and rendered before any byte is written. The rows then stream through RowWriter
 * (sheet-rows.ts).
 */

import type { CellModel, CellStyle, ColumnModel, RowModel, SheetModel } from './model.js';
import type { StyleRegistry } from './styles.js';
import { normColor } from './styles.js';
import { renderValidation } from './data-validations.js';
import { bad, checkNumber, num } from './sheet-checks.js';
import { printNames, renderMerges, renderPrint, renderProtection } from './sheet-settings.js';
import { MAX_COLS, MAX_ROWS, colName, parseRange } from './xml.js';

/** A defined name the writer derives from a sheet's settings (print titles, filter, …). */
export interface BuiltinName {
  name: string;
  sheetIndex: number;
  refersTo: string;
  hidden: boolean;
}

/** A sheet checked and rendered except for its rows and autofilter. */
export interface PreparedSheet {
  model: SheetModel;
  index: number;
  /** Everything up to and including `<sheetData>`. */
  head: string;
  /** sheetProtection, which the schema puts before autoFilter. */
  beforeFilter: string;
  /** mergeCells … headerFooter and the closing tag. */
  afterFilter: string;
  /** Defined names known before the rows are written. */
  names: BuiltinName[];
  /** The freeze rows, for an automatic autofilter's header. */
  frozenRows: number;
  /** Columns (0-based) whose text goes to the shared strings table. */
  sharedCols: boolean[];
  /** Format of each column's bare numbers (0-based), when it has one. */
  numberStyles: (CellStyle | undefined)[];
  /** Columns (0-based) whose bare numbers are whole hundredths. */
  hundredthsCols: boolean[];
}


/** The used range of rows given as an array, cheap enough to compute before writing them. */
function arrayDimension(rows: readonly RowModel[]): string {
  let next = 1;
  let last = 0;
  let maxCol = 0;
  for (const row of rows) {
    const cells = Array.isArray(row) ? (row as readonly CellModel[]) : (row as { cells: readonly CellModel[]; r?: number }).cells;
    const r = Array.isArray(row) ? next : ((row as { r?: number }).r ?? next);
    next = r + 1;
    for (let i = cells.length - 1; i >= 0; i--) {
      if (cells[i] !== null && cells[i] !== undefined) {
        if (i + 1 > maxCol) maxCol = i + 1;
        last = r;
        break;
      }
    }
  }
  if (last === 0 || maxCol === 0 || last > MAX_ROWS || maxCol > MAX_COLS) return 'A1';
  return maxCol === 1 && last === 1 ? 'A1' : `A1:${colName(maxCol)}${last}`;
}

/**
 * sheetViews: grid lines, direction, zoom and the frozen pane, whose rows an automatic
 * autofilter's header follows.
 */
function renderView(sheet: SheetModel, tabSelected: boolean): { xml: string; frozenRows: number } {
  const name = sheet.name;
  const view = sheet.view ?? {};
  let sv = '<sheetView';
  if (view.showGridLines === false) sv += ' showGridLines="0"';
  if (view.rightToLeft) sv += ' rightToLeft="1"';
  if (tabSelected) sv += ' tabSelected="1"';
  if (view.zoom !== undefined) {
    const z = checkNumber(name, 'zoom', view.zoom, 10, 400, true);
    sv += ` zoomScale="${z}" zoomScaleNormal="${z}"`;
  }
  sv += ' workbookViewId="0"';
  const fr = checkNumber(name, 'freeze.rows', sheet.freeze?.rows ?? 0, 0, MAX_ROWS - 1, true);
  const fc = checkNumber(name, 'freeze.cols', sheet.freeze?.cols ?? 0, 0, MAX_COLS - 1, true);
  if (fr > 0 || fc > 0) {
    const pane = fr > 0 && fc > 0 ? 'bottomRight' : fr > 0 ? 'bottomLeft' : 'topRight';
    const topLeft = colName(fc + 1) + (fr + 1);
    sv += '><pane';
    if (fc > 0) sv += ` xSplit="${fc}"`;
    if (fr > 0) sv += ` ySplit="${fr}"`;
    sv += ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>`;
    sv += `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView>`;
  } else {
    sv += '/>';
  }
  return { xml: `<sheetViews>${sv}</sheetViews>`, frozenRows: fr };
}

/** The cols element: widths, styles, hidden flags; column styles take their ids here, in column order. */
function renderCols(name: string, cols: readonly (ColumnModel | null | undefined)[], styles: StyleRegistry): string {
  if (cols.length > MAX_COLS) bad('bad-model', name, `more than ${MAX_COLS} columns`);
  let colsXml = '';
  cols.forEach((c, i) => {
    if (c === null || c === undefined) return;
    let attrs = '';
    if (c.width !== undefined) attrs += ` width="${num(checkNumber(name, `width of column ${colName(i + 1)}`, c.width, 0, 255))}" customWidth="1"`;
    const s = c.style === undefined ? 0 : styles.id(c.style);
    if (s !== 0) attrs += ` style="${s}"`;
    if (c.hidden) attrs += ' hidden="1"';
    if (attrs !== '') colsXml += `<col min="${i + 1}" max="${i + 1}"${attrs}/>`;
  });
  return colsXml === '' ? '' : `<cols>${colsXml}</cols>`;
}

/** Checks a sheet's settings and renders everything but its rows and autofilter. */
export function prepareSheet(sheet: SheetModel, index: number, tabSelected: boolean, styles: StyleRegistry): PreparedSheet {
  const name = sheet.name;
  const print = renderPrint(name, sheet.print);

  let head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

  if (sheet.tabColor !== undefined || print.fitToPage) {
    head += '<sheetPr>';
    if (sheet.tabColor !== undefined) head += `<tabColor rgb="${normColor(sheet.tabColor, 'tabColor')}"/>`;
    if (print.fitToPage) head += '<pageSetUpPr fitToPage="1"/>';
    head += '</sheetPr>';
  }

  if (Array.isArray(sheet.rows)) head += `<dimension ref="${arrayDimension(sheet.rows as readonly RowModel[])}"/>`;

  const view = renderView(sheet, tabSelected);
  const fr = view.frozenRows;
  head += view.xml;

  const drh = checkNumber(name, 'defaultRowHeight', sheet.defaultRowHeight ?? 15, 0, 409);
  head += `<sheetFormatPr defaultRowHeight="${num(drh)}"${sheet.defaultRowHeight !== undefined ? ' customHeight="1"' : ''}/>`;

  const cols = sheet.columns ?? [];
  head += renderCols(name, cols, styles);
  head += '<sheetData>';

  const beforeFilter = sheet.protection === undefined ? '' : renderProtection(sheet.protection);

  let afterFilter = '';
  if (sheet.merges !== undefined && sheet.merges.length > 0) afterFilter += renderMerges(name, sheet.merges);
  const dvs = sheet.validations ?? [];
  if (dvs.length > 0) {
    afterFilter += `<dataValidations count="${dvs.length}">${dvs.map((v) => renderValidation(name, v)).join('')}</dataValidations>`;
  }
  afterFilter += print.xml + '</worksheet>';

  if (sheet.autoFilter !== undefined && typeof sheet.autoFilter === 'string') parseRange(sheet.autoFilter, `sheet ${JSON.stringify(name)}: autoFilter`);

  const sharedCols = cols.map((c) => c?.shared === true);
  const numberStyles = cols.map((c) => c?.numberStyle);
  const hundredthsCols = cols.map((c) => c?.hundredths === true);
  return { model: sheet, index, head, beforeFilter, afterFilter, names: printNames(sheet, index), frozenRows: fr, sharedCols, numberStyles, hundredthsCols };
}
