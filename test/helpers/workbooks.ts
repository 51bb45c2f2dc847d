/**
 * Small hand-made submission workbooks, built in memory with the project's own xlsx writer,
 * for tests of the submission reader: a form sheet (labelled cells above a table
 * `Mã | Tiêu chí | Điểm tối đa | Số liệu báo cáo | Điểm tự chấm | Điểm thẩm định | Minh chứng, ghi chú`)
 * and a roster sheet (`Mã đơn vị | Tên | Khối | <item id> – <title>…`).
 *
 * Every builder returns the bytes together with the row numbers it used, so that a test can
 * name the exact cell a diagnostic must point at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCriteria } from '../../src/criteria/load.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { CriteriaFile } from '../../src/generated/criteria.js';
import { assess, type Assessment } from '../../src/run/assess.js';
import type { ScoredUnit } from '../../src/scoring/types.js';
import { loadUnits, type Unit } from '../../src/units/load.js';
import type { ReadLimits } from '../../src/workbook/types.js';
import {
  writeWorkbook,
  type CellModel,
  type CellStyle,
  type RowModel,
  type SheetModel,
} from '../../src/workbook/write/index.js';

/** Fixed creation date: the same model always gives the same bytes. */
export const CREATED = new Date('2024-06-01T00:00:00Z');

/** Where the fixtures of these tests live. */
export const FIXTURES = new URL('../fixtures/submissions/', import.meta.url);

/** The fixture criteria file (a form tier `xa`, a roster tier `ho`), checked to load cleanly. */
export function fixtureCriteria(): CriteriaFile {
  const path = new URL('criteria.yaml', FIXTURES);
  const loaded = loadCriteria(readFileSync(path), 'criteria.yaml');
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.criteria || errors.length) throw new Error(`fixture criteria has errors: ${JSON.stringify(errors)}`);
  return loaded.criteria;
}

/** The fixture units file: XA-01, XA-02, XA-03 of tier `xa`. */
export function fixtureUnits(): Unit[] {
  const loaded = loadUnits(readFileSync(new URL('units.yaml', FIXTURES)), 'units.yaml');
  if (loaded.diagnostics.some((d) => d.severity === 'error')) throw new Error('fixture units has errors');
  return loaded.units;
}

/** A percent number format: the reader sees such a cell as `fmt: 'percent'`. */
export const PERCENT: CellStyle = { numFmt: '0%' };
/** A cell given as a formula with no cached result (never calculated). */
export function uncalculated(formula: string): CellModel {
  return { formula };
}
/** A cell given as a formula with its cached result. */
export function calculated(formula: string, value: string | number | boolean): CellModel {
  return { formula, value };
}
/** A number shown as a percentage (0.85 shows as 85 %). */
export function percentCell(v: number): CellModel {
  return { value: v, style: PERCENT };
}

// ---------------------------------------------------------------------------------------
// form sheets

/** The table header of SPEC §5, columns A..G. */
export const FORM_HEADER = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số liệu báo cáo', 'Điểm tự chấm', 'Điểm thẩm định', 'Minh chứng, ghi chú'] as const;

/** Column letters of the form table as the builders lay it out. */
export const FORM_COL = { code: 'A', title: 'B', max: 'C', value: 'D', self: 'E', assessed: 'F', note: 'G' } as const;

/** One row of a form table. */
export type FormRow =
  /** An item: its code cell (a string, or a number such as 1.1) and its inputs. */
  | { code: CellModel; title?: string; max?: number; value?: CellModel; self?: CellModel; assessed?: CellModel; note?: string }
  /** A group row (bold in a template), holding the group id and title. */
  | { group: string; title: string; max?: number }
  /** A total row: no code, "Tổng cộng" in the title column and the unit's own total in the self column. */
  | { total: string; max?: number; self?: CellModel }
  /** An empty row. */
  | { blank: true }
  /** Any cells, columns A.. as given. */
  | { raw: CellModel[] };

export interface FormOptions {
  /** Value of the "Mã đơn vị:" label; null leaves the label out. */
  unit?: string | null;
  /** Value of "Đối tượng thi đua:"; null (the default) leaves the label out. */
  tier?: string | null;
  /** Value of "Giai đoạn:"; null leaves the label out. Default "gd1". */
  phase?: string | null;
  /** The label texts, to try other spellings. */
  labels?: { unit?: string; tier?: string; phase?: string };
  /** Put each label's value this many columns to the right of the label (default 2: B stays empty). */
  labelGap?: number;
  /** Name of the visible sheet. Default "Tự chấm điểm". */
  sheet?: string;
  /** The table header; default {@link FORM_HEADER}. */
  header?: readonly CellModel[];
  rows: FormRow[];
  /** A `_thidua` sheet with these key/value rows (format, movement, digest, tier, phase, unit). */
  meta?: Record<string, string>;
  /** Sheets placed before the form sheet (e.g. a hidden one, or an empty cover sheet). */
  sheetsBefore?: SheetModel[];
}

/** Row numbers used by {@link formWorkbook}. */
export interface FormLayout {
  bytes: Uint8Array;
  sheet: string;
  headerRow: number;
  /** Row of the label whose value is in column {@link FormLayout.labelValueCol}. */
  labelRow: { unit: number; tier: number; phase: number };
  labelValueCol: string;
  /** Row of each item code given as a string or number (first occurrence). */
  rowOf(code: string): number;
  /** Row of the n-th row given in `rows` (0-based). */
  rowAt(i: number): number;
  /** `${column}${row}` of an item's cell, e.g. cell('1.2', 'value') = 'D9'. */
  cell(code: string, col: keyof typeof FORM_COL): string;
  /** Row of the first total row, when one was given. */
  totalRow?: number;
}

const LABEL_ROWS = { unit: 2, tier: 3, phase: 4 } as const;
/** The form table's header row; the first table row follows it. */
export const FORM_HEADER_ROW = 6;

/**
 * A form workbook: a title in A1, the labelled cells in rows 2–4 (label in A, value two
 * columns to the right), the header in row 6 and the given rows from row 7 on.
 */
export function formWorkbook(o: FormOptions): FormLayout {
  const sheet = o.sheet ?? 'Tự chấm điểm';
  const gap = o.labelGap ?? 2;
  const rows: RowModel[] = [{ r: 1, cells: ['PHIẾU TỰ CHẤM ĐIỂM THI ĐUA'] }];
  const label = (r: number, text: string, value: string | null | undefined): void => {
    if (value === null || value === undefined) return;
    const cells: CellModel[] = [text];
    for (let i = 1; i < gap; i++) cells.push(null);
    cells.push(value);
    rows.push({ r, cells });
  };
  label(LABEL_ROWS.unit, o.labels?.unit ?? 'Mã đơn vị:', o.unit === undefined ? 'XA-01' : o.unit);
  label(LABEL_ROWS.tier, o.labels?.tier ?? 'Đối tượng thi đua:', o.tier ?? null);
  label(LABEL_ROWS.phase, o.labels?.phase ?? 'Giai đoạn:', o.phase === undefined ? 'gd1' : o.phase);
  rows.push({ r: FORM_HEADER_ROW, cells: [...(o.header ?? FORM_HEADER)] });
  const codeRows = new Map<string, number>();
  const rowNos: number[] = [];
  let totalRow: number | undefined;
  let r = FORM_HEADER_ROW + 1;
  for (const row of o.rows) {
    rowNos.push(r);
    if ('blank' in row) {
      r++;
      continue;
    }
    let cells: CellModel[];
    if ('raw' in row) cells = row.raw;
    else if ('group' in row) cells = [row.group, row.title, row.max ?? null];
    else if ('total' in row) {
      cells = [null, row.total, row.max ?? null, null, row.self ?? null];
      totalRow ??= r;
    } else {
      const key = typeof row.code === 'string' || typeof row.code === 'number' ? String(row.code) : undefined;
      if (key !== undefined && !codeRows.has(key)) codeRows.set(key, r);
      cells = [row.code, row.title ?? `Tiêu chí ${key ?? ''}`, row.max ?? null, row.value ?? null, row.self ?? null, row.assessed ?? null, row.note ?? null];
    }
    rows.push({ r, cells });
    r++;
  }
  const sheets: SheetModel[] = [...(o.sheetsBefore ?? []), { name: sheet, rows }];
  if (o.meta) sheets.push(metaSheet(o.meta));
  const bytes = writeWorkbook({ sheets, properties: { created: CREATED } });
  const rowOf = (code: string): number => {
    const n = codeRows.get(code);
    if (n === undefined) throw new Error(`no row for ${code}`);
    return n;
  };
  const valueCol = String.fromCharCode('A'.charCodeAt(0) + gap);
  return {
    bytes,
    sheet,
    headerRow: FORM_HEADER_ROW,
    labelRow: { ...LABEL_ROWS },
    labelValueCol: valueCol,
    rowOf,
    rowAt: (i) => rowNos[i]!,
    cell: (code, col) => `${FORM_COL[col]}${rowOf(code)}`,
    ...(totalRow !== undefined ? { totalRow } : {}),
  };
}

/** The hidden `_thidua` sheet of a template: key in column A, value in column B. */
export function metaSheet(meta: Record<string, string>): SheetModel {
  return { name: '_thidua', state: 'veryHidden', rows: Object.entries(meta).map(([k, v]) => [k, v]) };
}

/** Values of every item of the fixture's form tier that score the full 100 points. */
export const FULL_FORM: Record<string, CellModel> = {
  '1.1': 'Có',
  '1.2': 80,
  '1.3': 5,
  '2.1': 600,
  '2.2': 20,
  '2.3': 99,
  'T.1': 0,
  'D.1': 0,
};

/** Item rows of the fixture's form tier, with groups, in table order; `values` overrides {@link FULL_FORM}. */
export function fixtureFormRows(values: Record<string, CellModel | undefined> = {}, self: Record<string, CellModel> = {}): FormRow[] {
  const v = (id: string): CellModel => (id in values ? values[id] : FULL_FORM[id]);
  const item = (id: string): FormRow => ({ code: id, value: v(id), ...(id in self ? { self: self[id] } : {}) });
  return [
    { group: '1', title: 'Lãnh đạo, chỉ đạo', max: 40 },
    item('1.1'),
    item('1.2'),
    item('1.3'),
    { group: '2', title: 'Kết quả thực hiện', max: 60 },
    item('2.1'),
    item('2.2'),
    item('2.3'),
    { group: 'T', title: 'Điểm thưởng', max: 5 },
    item('T.1'),
    { group: 'D', title: 'Điểm trừ', max: 10 },
    item('D.1'),
  ];
}

// ---------------------------------------------------------------------------------------
// roster sheets

/** One unit row of a roster: id, name, block, then one cell per item column. */
export interface RosterRow {
  id?: CellModel;
  name?: CellModel;
  block?: CellModel;
  values: CellModel[];
}

export interface RosterOptions {
  /** Value of "Đối tượng thi đua:" above the table; null (the default) leaves it out. */
  tier?: string | null;
  /** Value of "Giai đoạn:"; null leaves it out. Default "gd1". */
  phase?: string | null;
  sheet?: string;
  /** Item column headers, e.g. "1.1 – Trẻ em đi học"; a number is written as a number. */
  columns: (string | number)[];
  rows: RosterRow[];
  meta?: Record<string, string>;
}

export interface RosterLayout {
  bytes: Uint8Array;
  sheet: string;
  headerRow: number;
  /** Row of the n-th unit row (0-based). */
  rowAt(i: number): number;
  /** Column letter of the n-th item column (0-based). */
  colAt(i: number): string;
}

/** The roster's header row; unit rows follow it. */
export const ROSTER_HEADER_ROW = 5;

/**
 * A roster workbook: a title in A1, "Đối tượng thi đua" and "Giai đoạn" labels in rows 2–3
 * (value in column C), the header `Mã đơn vị | Tên | Khối | items…` in row 5, units from row 6.
 */
export function rosterWorkbook(o: RosterOptions): RosterLayout {
  const sheet = o.sheet ?? 'Danh sách';
  const rows: RowModel[] = [{ r: 1, cells: ['DANH SÁCH HỘ GIA ĐÌNH TỰ ĐÁNH GIÁ'] }];
  if (o.tier !== undefined && o.tier !== null) rows.push({ r: 2, cells: ['Đối tượng thi đua:', null, o.tier] });
  const phase = o.phase === undefined ? 'gd1' : o.phase;
  if (phase !== null) rows.push({ r: 3, cells: ['Giai đoạn:', null, phase] });
  rows.push({ r: ROSTER_HEADER_ROW, cells: ['Mã đơn vị', 'Tên', 'Khối', ...o.columns] });
  o.rows.forEach((row, i) => {
    rows.push({ r: ROSTER_HEADER_ROW + 1 + i, cells: [row.id ?? null, row.name ?? null, row.block ?? null, ...row.values] });
  });
  const sheets: SheetModel[] = [{ name: sheet, rows }];
  if (o.meta) sheets.push(metaSheet(o.meta));
  return {
    bytes: writeWorkbook({ sheets, properties: { created: CREATED } }),
    sheet,
    headerRow: ROSTER_HEADER_ROW,
    rowAt: (i) => ROSTER_HEADER_ROW + 1 + i,
    colAt: (i) => String.fromCharCode('D'.charCodeAt(0) + i),
  };
}

/** The fixture roster tier's item headers, "id – title". */
export const HO_COLUMNS = ['1.1 – Trẻ em đi học đầy đủ', '1.2 – Tỷ lệ Công dân học tập', '1.3 – Số thành viên biết dùng máy tính'];

// ---------------------------------------------------------------------------------------
// files

/** A temporary folder, removed by {@link TempDir.cleanup}. */
export interface TempDir {
  dir: string;
  /** Writes bytes as `name` in the folder and returns the full path. */
  write(name: string, data: Uint8Array | string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'thidua-sub-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------
// running the reader

export interface RunOptions {
  /** Registered units; null (the default) runs without a units file. */
  units?: Unit[] | null;
  phase?: string;
  tierFilter?: string;
  limits?: Partial<ReadLimits>;
}

/** `assess()` on the fixture criteria, phase gd1 unless told. */
export function runAssess(files: string[], o: RunOptions = {}): Promise<Assessment> {
  return assess({
    criteria: fixtureCriteria(),
    phase: o.phase ?? 'gd1',
    units: o.units ?? null,
    ...(o.units ? { unitsPath: 'units.yaml' } : {}),
    ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
    files,
  });
}

/** The place and weight of a finding, for comparing with `toEqual`. */
export function place(d: Diagnostic): { code: string; severity: string; path: string; sheet: string | null; cell: string | null } {
  return { code: d.code, severity: d.severity, path: d.path, sheet: d.sheet ?? null, cell: d.cell ?? null };
}

/** Findings of one code. */
export function withCode(a: Assessment, code: string): Diagnostic[] {
  return a.diagnostics.filter((d) => d.code === code);
}

/** A unit's result in a tier, or an error naming what is there. */
export function unitOf(a: Assessment, tier: string, id: string): ScoredUnit {
  const t = a.tiers.find((x) => x.tier.id === tier);
  const u = t?.units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id} in tier ${tier}; have ${JSON.stringify(a.tiers.map((x) => [x.tier.id, x.units.map((y) => y.id)]))}`);
  return u;
}

/** Points of an item of a scored unit, as a number (hundredths / 100). */
export function pointsOf(a: Assessment, tier: string, unit: string, item: string): number {
  const t = a.tiers.find((x) => x.tier.id === tier)!;
  const i = t.tier.items.findIndex((it) => it.id === item);
  if (i < 0) throw new Error(`no item ${item}`);
  return unitOf(a, tier, unit).points[i]! / 100;
}

/** The value read for an item of a unit (NaN when missing). */
export function valueOf(a: Assessment, tier: string, unit: string, item: string): number {
  const t = a.tiers.find((x) => x.tier.id === tier)!;
  const i = t.tier.items.findIndex((it) => it.id === item);
  const u = unitOf(a, tier, unit);
  if (!u.input) throw new Error(`unit ${unit} has no input`);
  return u.input.values[i]!;
}
