import type { CellModel, RowModel, SheetModel, WorkbookModel } from '../../../src/workbook/write/index.js';

/** Every row of a sheet, pulled from its (lazy) source. */
export function rowsOf(s: SheetModel): RowModel[] {
  const src = typeof s.rows === 'function' ? s.rows() : s.rows;
  if (!src || Symbol.asyncIterator in src) throw new Error('expected synchronous rows');
  // a source may hand the same array back, refilled, for each row (RowSource): each is copied as it comes
  const rows: RowModel[] = [];
  for (const r of src as Iterable<RowModel>) rows.push(Array.isArray(r) ? [...(r as readonly CellModel[])] : r);
  return rows;
}

export function cellsOf(r: RowModel): readonly CellModel[] {
  return 'cells' in r ? r.cells : (r as readonly CellModel[]);
}

export function valueOf(c: CellModel): unknown {
  return c !== null && typeof c === 'object' ? c.value : c;
}

/** A sheet's rows as plain values. */
export function valuesOf(s: SheetModel): unknown[][] {
  return rowsOf(s).map((r) => cellsOf(r).map(valueOf));
}

export function sheet(wb: WorkbookModel, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}: ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
}
