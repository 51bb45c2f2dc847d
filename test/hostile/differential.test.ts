/**
 * Differential test of the xlsx reader: every corpus file (../shared/corpus beside the
 * project) is read by `openWorkbook` and by exceljs, an independent reader used in tests only,
 * and every cell of every worksheet is compared: value, type, whether it held a formula.
 *
 * The two readers differ on purpose in a few places, each a rule of {@link compareCell} with
 * its own category, and each category must appear exactly where the table below says:
 * - `nfc`: the project gives text in NFC (Vietnamese typed with combining marks compares
 *   equal to the precomposed form); exceljs gives the bytes as written.
 * - `date-serial`: exceljs turns a number whose format looks like a date into a JS Date; the
 *   project keeps the serial number (and says `fmt: 'date'`). The Date is turned back into a
 *   serial with exceljs's own epoch and must be within a millisecond; both must call the
 *   format a date.
 * - `iso-date`: a `t="d"` cell (ISO 8601 text) is `{ t: 'date' }` for the project; exceljs
 *   does not know `t="d"` and parses the text as a number (2021-01-01 → 2021).
 * - `date1904-true`: `date1904="true"` (LibreOffice writes it so) is the 1904 date system;
 *   exceljs only takes "1", so the workbook flags differ (the serials are compared as stored).
 * - `inline-escape`: the project decodes `_xHHHH_` (ECMA-376 §22.9.2.19) in inline strings as
 *   in shared ones; exceljs only in shared strings, and only upper-case hex.
 * - `empty-result`: a formula whose cached text is empty (`t="str"`, `<v/>`) is the string ''
 *   for the project; exceljs drops an empty result, as if the formula were never calculated.
 * - `error-as-date`: a formula's cached error (`t="e"`) in a cell with a date format; exceljs
 *   makes an Invalid Date of it, the project keeps the error.
 * - `under-merge`: a value stored in a cell of a merged range other than its top-left; exceljs
 *   replaces it with a reference to the top-left cell, the project keeps it. The project's
 *   `mergedRanges` must hold that very range.
 * - `link-only`: exceljs makes a cell of a hyperlink on a cell that holds no value.
 * - `cdata-dropped`: exceljs drops text written as CDATA sections; the project keeps it. A cell
 *   only the project has is put in this category for the files of {@link CDATA} alone.
 * - `sheet-missing`: a worksheet exceljs does not find (parts at the package root, custom
 *   part names, backslashes in zip names, a prefixed relationship namespace); its cells
 *   cannot be compared.
 * Anything else is a `mismatch`, and no file may have one.
 *
 * Files the project refuses are listed with the refusal (corpus.test.ts holds the reasons) and
 * with what exceljs does with them; the two zip bombs are not given to exceljs, which would
 * inflate them whole, and one file is not because exceljs does not finish it.
 *
 * THIDUA_DIFF_PRINT=1 prints the table as found, to update it after a deliberate change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { unescapeOoxml } from '../../src/workbook/read/xml.js';
import type { Cell } from '../../src/workbook/types.js';
import { colName } from '../../src/workbook/write/index.js';
import { CORPUS, PRESENT, corpusFiles } from '../helpers/corpus.js';

type Category =
  | 'nfc'
  | 'date-serial'
  | 'iso-date'
  | 'date1904-true'
  | 'inline-escape'
  | 'empty-result'
  | 'error-as-date'
  | 'under-merge'
  | 'link-only'
  | 'cdata-dropped'
  | 'sheet-missing'
  | 'mismatch';

/** What happens to a file: both read it (and the deliberate differences met, by category: cells, or sheets for `sheet-missing`), or one refuses it. */
type Outcome =
  | { both: Partial<Record<Category, number>> }
  | { refused: string; exceljs: 'reads' | 'throws' | `not run: ${string}` }
  | { exceljsFails: string };

const NOT_RUN: Record<string, string> = {
  'hostile/zip-bomb-2GB.xlsx': 'not run: a zip bomb (exceljs inflates every part in memory)',
  'hostile/zip-bomb-dense-1GB.xlsx': 'not run: a zip bomb (exceljs inflates every part in memory)',
  'xlsx/exceljs__test-issue-1842_excel_online_dv.xlsx': 'not run: exceljs does not finish it (over 60 s)',
};

/** Files whose inline strings are CDATA sections, which exceljs drops. */
const CDATA = new Set(['xlsx/calamine__inlineStr_cdata.xlsx']);

const EXPECTED: Record<string, Outcome> = {
  'xlsx/calamine__OOM_alloc.xls.renamed.xlsx': { refused: 'unreadable-file/xls', exceljs: 'throws' },
  'xlsx/calamine__any_sheets_hidden_veryhidden_chart.xlsx': { both: {} },
  'xlsx/calamine__biff5_write.xls.renamed.xlsx': { refused: 'unreadable-file/xls', exceljs: 'throws' },
  'xlsx/calamine__date.xlsx': { both: { 'date-serial': 3 } },
  'xlsx/calamine__date_1904.xlsx': { both: { 'date1904-true': 1, 'date-serial': 3 } },
  'xlsx/calamine__date_iso.xlsx': { both: { 'iso-date': 3 } },
  'xlsx/calamine__date_quoted_format.xlsx': { both: { 'date-serial': 4 } },
  'xlsx/calamine__empty_s_attribute.xlsx': { both: {} },
  'xlsx/calamine__empty_sheet_google.xlsx': { both: {} },
  'xlsx/calamine__errors.xlsx': { both: {} },
  'xlsx/calamine__has_x000D_.xlsx': { both: {} },
  'xlsx/calamine__has_x000D_inline.xlsx': { both: { 'inline-escape': 1 } },
  'xlsx/calamine__hyperlinks_openpyxl.xlsx': { both: {} },
  'xlsx/calamine__inlineStr_cdata.xlsx': { both: { 'cdata-dropped': 3 } },
  'xlsx/calamine__issue_174_gnumeric_16384cols.xlsx': { both: {} },
  'xlsx/calamine__issue_261_fixed_by_excel.xlsx': { both: { 'date-serial': 42 } },
  'xlsx/calamine__issue_261_spreadsheetgear.xlsx': { exceljsFails: 'Invalid row number in model' },
  'xlsx/calamine__issue_530_backslash_paths.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/calamine__issue_553_excel_online.xlsx': { both: {} },
  'xlsx/calamine__issue_666_panic.xlsb.renamed.xlsx': { refused: 'unreadable-file/xlsb', exceljs: 'reads' },
  'xlsx/calamine__issues.ods.renamed.xlsx': { refused: 'unreadable-file/ods', exceljs: 'reads' },
  'xlsx/calamine__issues.xls.renamed.xlsx': { refused: 'unreadable-file/xls', exceljs: 'throws' },
  'xlsx/calamine__issues.xlsb.renamed.xlsx': { refused: 'unreadable-file/xlsb', exceljs: 'reads' },
  'xlsx/calamine__minimal_package.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/calamine__nonstandard-xml-ns-prefix.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/calamine__pass_protected_agile.xlsx': { refused: 'encrypted/encrypted-package', exceljs: 'throws' },
  'xlsx/calamine__picture_richdata.xlsx': { both: {} },
  'xlsx/calamine__pivots.xlsx': { both: { 'date-serial': 22, 'error-as-date': 2 } },
  'xlsx/calamine__richtext-namespaced.xlsx': { exceljsFails: "Cannot set properties of undefined (setting 'sheetNo')" },
  'xlsx/calamine__rph_phonetic.xlsx': { both: {} },
  'xlsx/calamine__shared_formula_multi_axis.xlsx': { both: {} },
  'xlsx/calamine__strict_iso_paths.xlsx': { both: {} },
  'xlsx/calamine__temperature-in-middle_numbers.xlsx': { both: {} },
  'xlsx/calamine__vba.xlsm.renamed.xlsx': { both: {} },
  'xlsx/calamine__whitespace_trim.xlsx': { both: {} },
  'xlsx/excelize__BadWorkbook_no_sheets.xlsx': { refused: 'unreadable-file/no-sheets', exceljs: 'reads' },
  'xlsx/excelize__Book1.xlsx': { both: {} },
  'xlsx/excelize__OverflowNumericCell.xlsx': { both: {} },
  'xlsx/excelize__SharedStrings_rich.xlsx': { both: {} },
  'xlsx/excelize__encryptAES_standard.xlsx': { refused: 'encrypted/encrypted-package', exceljs: 'throws' },
  'xlsx/excelize__encryptSHA1_agile.xlsx': { refused: 'encrypted/encrypted-package', exceljs: 'throws' },
  'xlsx/excelize__encryptSHA512_agile.xlsx': { refused: 'encrypted/encrypted-package', exceljs: 'throws' },
  'xlsx/exceljs__1904.xlsx': { both: { 'date-serial': 1 } },
  'xlsx/exceljs__DataTableTest_written_by_exceljs.xlsx': { both: {} },
  'xlsx/exceljs__KRISHNAPATNAM_LINE_UP.xlsx': { both: {} },
  'xlsx/exceljs__bogus-defined-name.xlsx': { both: {} },
  'xlsx/exceljs__chart-sheet.xlsx': { both: {} },
  'xlsx/exceljs__google-sheets.xlsx': { both: {} },
  'xlsx/exceljs__invalid-xml.xlsx': { refused: 'unreadable-file/bad-xml', exceljs: 'throws' },
  'xlsx/exceljs__libre-calc-as-office-open-xml.xlsx': { both: {} },
  'xlsx/exceljs__missing-bits.xlsx': { refused: 'unreadable-file/no-workbook', exceljs: 'reads' },
  'xlsx/exceljs__numbers.numbers.renamed.xlsx': { refused: 'unreadable-file/numbers', exceljs: 'reads' },
  'xlsx/exceljs__owner-lock-file_fibonacci.xlsx': { refused: 'unreadable-file/lock-file', exceljs: 'throws' },
  'xlsx/exceljs__shared_string_with_escape.xlsx': { both: {} },
  'xlsx/exceljs__test-issue-176_libreoffice_1024cols.xlsx': { both: {} },
  'xlsx/exceljs__test-issue-1842_excel_online_dv.xlsx': { exceljsFails: 'not run: exceljs does not finish it (over 60 s)' },
  'xlsx/exceljs__test-issue-771_libreoffice_dv.xlsx': { both: {} },
  'xlsx/exceljs__test-issue-877_hidden_merged.xlsx': { both: { 'link-only': 1, nfc: 1 } },
  'xlsx/exceljs__test-pr-1220_openpyxl_inline.xlsx': { both: {} },
  'xlsx/exceljs__third-party-export_apache-poi.xlsx': { both: { 'date-serial': 1 } },
  'xlsx/exceljs__xlsx-parse-test_rich_unclosed.xlsx': { exceljsFails: "Cannot create property 'richText' on string ''" },
  'xlsx/phpspreadsheet__1900_Calendar.xlsx': { both: { 'date-serial': 4 } },
  'xlsx/phpspreadsheet__1904_Calendar.xlsx': { both: { 'date-serial': 4 } },
  'xlsx/phpspreadsheet__2x6m_row999999999.xlsx': { refused: 'too-large/rows', exceljs: 'reads' },
  'xlsx/phpspreadsheet__HiddenSheet.xlsx': { both: {} },
  'xlsx/phpspreadsheet__Translations_multilingual.xlsx': { both: {} },
  'xlsx/phpspreadsheet__dataValidation2Test_mac.xlsx': { both: {} },
  'xlsx/phpspreadsheet__dataValidationTest.xlsx': { both: {} },
  'xlsx/phpspreadsheet__double_attr_drawing.xlsx': { exceljsFails: '211:69: duplicate attribute: o:relid.' },
  'xlsx/phpspreadsheet__ebcdic_xxe.xlsx': { refused: 'unreadable-file/encoding', exceljs: 'throws' },
  'xlsx/phpspreadsheet__form_pass_print.xlsm.renamed.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.1482_x_prefix.xlsx': { exceljsFails: "Cannot read properties of undefined (reading 'sheets')" },
  'xlsx/phpspreadsheet__issue.2301_wide_formulas.xlsx': { both: { 'empty-result': 194 } },
  'xlsx/phpspreadsheet__issue.2362_openxmlsdk_inline.xlsx': { exceljsFails: "Cannot read properties of undefined (reading 'sheets')" },
  'xlsx/phpspreadsheet__issue.2494_neptune.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.2542_google_rich.xlsx': { both: { 'date-serial': 1 } },
  'xlsx/phpspreadsheet__issue.3093_numbers_cjk.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.3464_numbers_rich.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.3613_wps_cjk.xlsx': { both: { 'date-serial': 5 } },
  'xlsx/phpspreadsheet__issue.3654c_flexcel.xlsx': { both: { 'under-merge': 1, 'date-serial': 240 } },
  'xlsx/phpspreadsheet__issue.3720_formulas_no_cache.xlsx': { exceljsFails: 'Unexpected xml node in parseOpen: {"name":"ns3:Relationships' },
  'xlsx/phpspreadsheet__issue.3730_backslash_sheet0.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/phpspreadsheet__issue.3770_fastreport.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.3843a_japanese_merged.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.3982_libreoffice_1024cols.xlsx': { both: { 'date-serial': 12 } },
  'xlsx/phpspreadsheet__issue.4037_libreoffice_image.xlsx': { both: {} },
  'xlsx/phpspreadsheet__issue.4248_hidden_french.xlsx': { both: { 'date-serial': 2 } },
  'xlsx/phpspreadsheet__namespaces.openpyxl35.xlsx': { exceljsFails: "Cannot read properties of undefined (reading 'company')" },
  'xlsx/phpspreadsheet__rootZipFiles.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/phpspreadsheet__sec-j47r_js_hyperlink.xlsx': { both: {} },
  'xlsx/phpspreadsheet__utf16be.bom.xlsx': { exceljsFails: '3:4323: disallowed character.' },
  'xlsx/phpspreadsheet__utf16be.xlsx': { exceljsFails: '3:4323: disallowed character.' },
  'xlsx/phpspreadsheet__utf16entity_xxe.xlsx': { refused: 'unreadable-file/encoding', exceljs: 'throws' },
  'xlsx/phpspreadsheet__utf7white_xxe.xlsx': { refused: 'unreadable-file/encoding', exceljs: 'throws' },
  'xlsx/phpspreadsheet__utf8entity_doctype.xlsx': { refused: 'unreadable-file/doctype', exceljs: 'throws' },
  'xlsx/phpspreadsheet__visibility_veryHidden.xlsx': { both: {} },
  'xlsx/phpspreadsheet__without_cell_reference.xlsx': { exceljsFails: 'Invalid row number in model' },
  'xlsx/sheetjs__extendscript_written_by_sheetjs.xlsx': { both: { 'date-serial': 1 } },
  'xlsx/tealeg__badfile_noWorkbookRels.xlsx': { refused: 'unreadable-file/missing-part', exceljs: 'reads' },
  'xlsx/tealeg__badfile_noWorksheets.xlsx': { refused: 'unreadable-file/missing-part', exceljs: 'reads' },
  'xlsx/tealeg__empty_rows_in_the_rest.xlsx': { exceljsFails: 'Invalid row number in model' },
  'xlsx/tealeg__googleDocsTest.xlsx': { both: {} },
  'xlsx/tealeg__macNumbersTest.xlsx': { both: { 'sheet-missing': 1 } },
  'xlsx/tealeg__max_sheet_name_length.xlsx': { both: {} },
  'xlsx/tealeg__namespaced_tencent.xlsx': { exceljsFails: "Cannot read properties of undefined (reading 'sheets')" },
  'xlsx/tealeg__noStylesAndSharedStringsTest.xlsx': { exceljsFails: "Cannot read properties of undefined (reading 'sheets')" },
  'xlsx/tealeg__panic_test.xlsx': { both: {} },
  'xlsx/tealeg__testFileToSlice.xlsx': { both: {} },
  'xlsx/tealeg__testrels_custom_part_names.xlsx': { both: { 'sheet-missing': 2 } },
  'xlsx/tealeg__wpsBlankLineTest.xlsx': { both: {} },
  'hostile/bad-crc.xlsx': { refused: 'unreadable-file/zip-corrupt', exceljs: 'reads' },
  'hostile/billion-laughs-sst.xlsx': { refused: 'unreadable-file/doctype', exceljs: 'throws' },
  'hostile/control-valid.xlsx': { both: {} },
  'hostile/deep-nesting-100k.xlsx': { refused: 'too-large/nesting', exceljs: 'reads' },
  'hostile/empty.xlsx': { refused: 'unreadable-file/empty', exceljs: 'throws' },
  'hostile/huge-string-1MiB.xlsx': { refused: 'too-large/ratio', exceljs: 'reads' },
  'hostile/out-of-range-refs.xlsx': { refused: 'too-large/cells', exceljs: 'throws' },
  'hostile/png-renamed.xlsx': { refused: 'unreadable-file/png', exceljs: 'throws' },
  'hostile/rels-target-traversal.xlsx': { refused: 'unreadable-file/unsafe-path', exceljs: 'reads' },
  'hostile/truncated.xlsx': { refused: 'unreadable-file/zip-corrupt', exceljs: 'throws' },
  'hostile/wide-16384-cols.xlsx': { both: {} },
  'hostile/xxe-file-sst.xlsx': { refused: 'unreadable-file/doctype', exceljs: 'throws' },
  'hostile/zip-bomb-2GB.xlsx': { refused: 'too-large/ratio', exceljs: 'not run: a zip bomb (exceljs inflates every part in memory)' },
  'hostile/zip-bomb-dense-1GB.xlsx': { refused: 'too-large/ratio', exceljs: 'not run: a zip bomb (exceljs inflates every part in memory)' },
  'hostile/zip-slip-entries.xlsx': { both: {} },
};

/** A cell as exceljs models it (`cell.model`, whose formula result keeps 0, false and ''). */
interface EjModel {
  type: number;
  value?: unknown;
  result?: unknown;
  formula?: string;
  sharedFormula?: string;
  master?: string;
  text?: unknown;
  hyperlink?: string;
}

const T = ExcelJS.ValueType;

/** One difference between the readers at a cell, or none. */
interface Finding {
  category: Category;
  where: string;
  detail: string;
}

/** Serial number of an exceljs Date, with the epoch exceljs used for it. */
function serialOf(d: Date, date1904: boolean): number {
  return d.getTime() / 86_400_000 + 25_569 - (date1904 ? 1462 : 0);
}

/** exceljs's value of a cell, told as a kind and a plain value, and whether it held a formula. */
function ejValue(m: EjModel): { kind: string; v?: unknown; rich?: boolean; formula: boolean } {
  if (m.type === T.Formula) {
    const inner = ejPlain(m.result);
    return { ...inner, formula: true };
  }
  if (m.type === T.Hyperlink) return { ...ejPlain(m.text), formula: false };
  return { ...ejPlain(m.value), formula: false };
}

function ejPlain(v: unknown): { kind: string; v?: unknown; rich?: boolean } {
  if (v === undefined || v === null) return { kind: 'none' };
  if (typeof v === 'number') return { kind: 'number', v };
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'boolean') return { kind: 'boolean', v };
  if (v instanceof Date) return { kind: 'date', v };
  const o = v as { error?: string; richText?: { text: string }[] };
  if (o.error !== undefined) return { kind: 'error', v: o.error };
  if (Array.isArray(o.richText)) return { kind: 'string', v: o.richText.map((r) => r.text).join(''), rich: true };
  return { kind: 'unknown', v: JSON.stringify(v) };
}

const show = (v: unknown): string => (v instanceof Date ? (Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()) : JSON.stringify(v))?.slice(0, 80) ?? 'undefined';

/**
 * Compares one cell: the project's (undefined when it gave none) with exceljs's model
 * (undefined when it has none). Returns the difference, categorised, or null.
 */
function compareCell(where: string, p: Cell | undefined, m: EjModel | undefined, numFmt: string | undefined, merges: string[], ejDate1904: boolean, cdata: boolean): Finding | null {
  const f = (category: Category, detail: string): Finding => ({ category, where, detail });
  const master = m?.type === T.Merge ? m.master : undefined;
  if (master !== undefined) {
    if (p === undefined) return null;
    const range = merges.find((r) => r.startsWith(`${master}:`) && covers(r, where.replace(/^.*!/, '')));
    return range !== undefined ? f('under-merge', `${show(valueOf(p))} under ${range}`) : f('mismatch', `exceljs says merged into ${master}, the project knows no such range`);
  }
  if (m !== undefined && m.type === T.Null) m = undefined;
  if (p === undefined) {
    if (m === undefined) return null;
    if (m.type === T.Hyperlink && (m.text === undefined || m.text === null || m.text === '')) return f('link-only', m.hyperlink ?? '');
    return f('mismatch', `only exceljs: ${show(ejValue(m).v)} (type ${m.type})`);
  }
  const pv = p.value;
  if (m === undefined) return f(cdata && pv.t === 'string' ? 'cdata-dropped' : 'mismatch', `only the project: ${show(valueOf(p))}`);
  const x = ejValue(m);
  if (pv.t === 'formula-no-value') return x.formula && x.kind === 'none' ? null : f('mismatch', `no cached value vs ${x.kind} ${show(x.v)}`);
  if (p.formula !== x.formula) return f('mismatch', `formula: project ${p.formula}, exceljs ${x.formula}`);
  if (p.formula && pv.t === 'string' && pv.v === '' && x.kind === 'none') return f('empty-result', '');
  if (p.formula && pv.t === 'error' && p.fmt === 'date' && x.kind === 'date' && Number.isNaN((x.v as Date).getTime())) return f('error-as-date', pv.v);
  switch (pv.t) {
    case 'number':
      if (x.kind === 'number') {
        if (x.v !== pv.v) return f('mismatch', `${pv.v} vs ${String(x.v)}`);
        return p.fmt === 'date' ? f('mismatch', `the project calls ${JSON.stringify(numFmt)} a date format, exceljs does not`) : null;
      }
      if (x.kind === 'date') {
        if (Math.abs(serialOf(x.v as Date, ejDate1904) - pv.v) > 1e-8) return f('mismatch', `${pv.v} vs ${show(x.v)}`);
        return p.fmt === 'date' ? f('date-serial', `${pv.v}`) : f('mismatch', `exceljs calls ${JSON.stringify(numFmt)} a date format, the project does not`);
      }
      return f('mismatch', `${pv.v} vs ${x.kind} ${show(x.v)}`);
    case 'string': {
      if (x.kind !== 'string') return f('mismatch', `${show(pv.v)} vs ${x.kind} ${show(x.v)}`);
      const s = x.v as string;
      if (!!pv.rich !== !!x.rich) return f('mismatch', `rich text: project ${!!pv.rich}, exceljs ${!!x.rich}`);
      if (s === pv.v) return null;
      if (s.normalize('NFC') === pv.v) return f('nfc', show(pv.v));
      if (unescapeOoxml(s).normalize('NFC') === pv.v) return f('inline-escape', `${show(s)} → ${show(pv.v)}`);
      return f('mismatch', `${show(pv.v)} vs ${show(s)}`);
    }
    case 'boolean':
      return x.kind === 'boolean' && x.v === pv.v ? null : f('mismatch', `${pv.v} vs ${x.kind} ${show(x.v)}`);
    case 'error':
      return x.kind === 'error' && x.v === pv.v ? null : f('mismatch', `${pv.v} vs ${x.kind} ${show(x.v)}`);
    case 'date': {
      // exceljs reads the ISO text of t="d" as a number (parseFloat), perhaps then made a Date
      const asNumber = Number.parseFloat(pv.v);
      const got = x.kind === 'date' ? serialOf(x.v as Date, ejDate1904) : x.v;
      return typeof got === 'number' && Math.abs(got - asNumber) < 1e-8 ? f('iso-date', `${pv.v} read by exceljs as ${show(x.v)}`) : f('mismatch', `${pv.v} vs ${x.kind} ${show(x.v)}`);
    }
  }
}

function valueOf(c: Cell): unknown {
  return c.value.t === 'formula-no-value' ? `=${c.value.formula}` : c.value.v;
}

/** Whether 'B2:D9' covers 'C3'. */
function covers(range: string, ref: string): boolean {
  const [a, b] = range.split(':') as [string, string];
  const [r1, c1] = rc(a);
  const [r2, c2] = rc(b);
  const [r, c] = rc(ref);
  return r >= r1 && r <= r2 && c >= c1 && c <= c2;
}

function rc(ref: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** Reads a file both ways and compares: its outcome, and every difference found. */
async function differential(file: string): Promise<{ outcome: Outcome; findings: Finding[] }> {
  const bytes = readFileSync(join(CORPUS, file));
  let refused: string | undefined;
  const sheets: { name: string; state: string; cells: Cell[]; merges: string[] }[] = [];
  let date1904 = false;
  try {
    const wb = await openWorkbook(new Uint8Array(bytes));
    date1904 = wb.date1904;
    for (const s of wb.sheets) {
      const cells: Cell[] = [];
      await wb.readRows(s.name, (_r, cs) => {
        cells.push(...cs);
      });
      sheets.push({ name: s.name, state: s.state, cells, merges: await wb.mergedRanges(s.name) });
    }
  } catch (e) {
    const err = e as { name?: string; code?: string; reason?: string };
    if (err.name !== 'WorkbookError') throw e;
    refused = `${err.code}/${err.reason}`;
  }

  const notRun = NOT_RUN[file];
  const ej = new ExcelJS.Workbook();
  let ejError: string | undefined;
  if (notRun === undefined) {
    try {
      await ej.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      ejError = e instanceof Error ? e.message : String(e);
    }
  }
  if (refused !== undefined) {
    return { outcome: { refused, exceljs: (notRun as `not run: ${string}` | undefined) ?? (ejError !== undefined ? 'throws' : 'reads') }, findings: [] };
  }
  if (notRun !== undefined) return { outcome: { exceljsFails: notRun }, findings: [] };
  if (ejError !== undefined) return { outcome: { exceljsFails: ejError.slice(0, 60) }, findings: [] };

  const findings: Finding[] = [];
  const ejDate1904 = (ej.properties as { date1904?: boolean } | undefined)?.date1904 === true;
  if (ejDate1904 !== date1904) {
    findings.push({ category: date1904 ? 'date1904-true' : 'mismatch', where: '(workbook)', detail: `date1904: project ${date1904}, exceljs ${ejDate1904}` });
  }
  for (const s of sheets) {
    const ws = ej.getWorksheet(s.name);
    if (ws === undefined) {
      findings.push({ category: 'sheet-missing', where: s.name, detail: `${s.cells.length} cells not compared` });
      continue;
    }
    if (ws.state !== s.state) findings.push({ category: 'mismatch', where: s.name, detail: `state: project ${s.state}, exceljs ${ws.state}` });
    const theirs = new Map<string, { model: EjModel; numFmt: string | undefined }>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (c, col) => {
        theirs.set(`${colName(col)}${r}`, { model: c.model as unknown as EjModel, numFmt: c.numFmt });
      });
    });
    for (const c of s.cells) {
      const ref = `${colName(c.col)}${c.row}`;
      const t = theirs.get(ref);
      theirs.delete(ref);
      const finding = compareCell(`${s.name}!${ref}`, c, t?.model, t?.numFmt, s.merges, ejDate1904, CDATA.has(file));
      if (finding !== null) findings.push(finding);
    }
    for (const [ref, t] of theirs) {
      const finding = compareCell(`${s.name}!${ref}`, undefined, t.model, t.numFmt, s.merges, ejDate1904, false);
      if (finding !== null) findings.push(finding);
    }
  }
  for (const ws of ej.worksheets) {
    if (!sheets.some((s) => s.name === ws.name) && ws.actualRowCount > 0) {
      findings.push({ category: 'mismatch', where: ws.name, detail: `a worksheet only exceljs reads (${ws.actualRowCount} rows)` });
    }
  }
  const counts: Partial<Record<Category, number>> = {};
  for (const x of findings) counts[x.category] = (counts[x.category] ?? 0) + 1;
  return { outcome: { both: counts }, findings };
}

const files = corpusFiles();
const PRINT = process.env.THIDUA_DIFF_PRINT === '1';

if (!PRESENT) console.warn(`differential tests skipped: ${CORPUS}/xlsx and ${CORPUS}/hostile not found (set THIDUA_CORPUS to its location)`);

describe.skipIf(!PRESENT)(`every corpus file read by openWorkbook and by exceljs (${PRESENT ? CORPUS : `skipped: ${CORPUS} not found`})`, () => {
  const found: Record<string, Outcome> = {};
  const mismatchesFound: string[] = [];

  it('has an expectation for every corpus file, and a file for every expectation', () => {
    expect(files.slice().sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const { outcome, findings } = await differential(file);
    found[file] = outcome;
    const mismatches = findings.filter((x) => x.category === 'mismatch').map((x) => `${x.where}: ${x.detail}`);
    if (PRINT) {
      mismatchesFound.push(...mismatches.map((m) => `${file} ${m}`));
      return;
    }
    expect(mismatches).toEqual([]);
    expect(outcome).toEqual(EXPECTED[file]);
  }, 60_000);

  afterAll(() => {
    if (!PRINT) return;
    const lines = files.map((f) => `  '${f}': ${JSON.stringify(found[f]).replace(/"(\w+)":/g, '$1:').replace(/"([\w-]+)":/g, "'$1':").replace(/"/g, "'")},`);
    console.log(`${lines.join('\n')}\n\nmismatches:\n${mismatchesFound.join('\n')}`);
  });
});
