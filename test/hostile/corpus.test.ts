/**
 * Every file of the shared corpus (see ../shared/corpus/README.md beside the project) either opens and
 * streams completely, or ends in the expected WorkbookError, within 30 s and bounded memory.
 * The table below is the contract: a new corpus file must be added to it.
 *
 * THIDUA_HOSTILE=1 also reads the two zip bombs with the compression-ratio check switched
 * off, to show that the streaming reader stays bounded without it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../src/workbook/read/index.js';
import type { ReadLimits } from '../../src/workbook/types.js';
import { CORPUS, PRESENT, corpusFiles } from '../helpers/corpus.js';

const HOSTILE = process.env.THIDUA_HOSTILE === '1';
const MAX_RSS = 1024 * 1024 * 1024;

type Expected = { read: { sheets: number; values: number } } | { error: string };

/** File → what the reader must do with it: read N worksheets holding M values, or fail with code/reason. */
const EXPECTED: Record<string, Expected> = {
  'xlsx/calamine__OOM_alloc.xls.renamed.xlsx': { error: 'unreadable-file/xls' },
  'xlsx/calamine__any_sheets_hidden_veryhidden_chart.xlsx': { read: { sheets: 3, values: 7 } }, // the chartsheet is not a worksheet
  'xlsx/calamine__biff5_write.xls.renamed.xlsx': { error: 'unreadable-file/xls' },
  'xlsx/calamine__date.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/calamine__date_1904.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/calamine__date_iso.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/calamine__date_quoted_format.xlsx': { read: { sheets: 1, values: 4 } },
  'xlsx/calamine__empty_s_attribute.xlsx': { read: { sheets: 1, values: 10 } },
  'xlsx/calamine__empty_sheet_google.xlsx': { read: { sheets: 1, values: 0 } },
  'xlsx/calamine__errors.xlsx': { read: { sheets: 3, values: 7 } },
  'xlsx/calamine__has_x000D_.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/calamine__has_x000D_inline.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/calamine__hyperlinks_openpyxl.xlsx': { read: { sheets: 2, values: 10 } },
  'xlsx/calamine__inlineStr_cdata.xlsx': { read: { sheets: 1, values: 4 } },
  'xlsx/calamine__issue_174_gnumeric_16384cols.xlsx': { read: { sheets: 1, values: 22 } },
  'xlsx/calamine__issue_261_fixed_by_excel.xlsx': { read: { sheets: 1, values: 250 } },
  'xlsx/calamine__issue_261_spreadsheetgear.xlsx': { read: { sheets: 1, values: 250 } },
  'xlsx/calamine__issue_530_backslash_paths.xlsx': { read: { sheets: 1, values: 30 } },
  'xlsx/calamine__issue_553_excel_online.xlsx': { read: { sheets: 1, values: 19 } },
  'xlsx/calamine__issue_666_panic.xlsb.renamed.xlsx': { error: 'unreadable-file/xlsb' },
  'xlsx/calamine__issues.ods.renamed.xlsx': { error: 'unreadable-file/ods' },
  'xlsx/calamine__issues.xls.renamed.xlsx': { error: 'unreadable-file/xls' },
  'xlsx/calamine__issues.xlsb.renamed.xlsx': { error: 'unreadable-file/xlsb' },
  'xlsx/calamine__minimal_package.xlsx': { read: { sheets: 1, values: 6986 } },
  'xlsx/calamine__nonstandard-xml-ns-prefix.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/calamine__pass_protected_agile.xlsx': { error: 'encrypted/encrypted-package' },
  'xlsx/calamine__picture_richdata.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/calamine__pivots.xlsx': { read: { sheets: 6, values: 278 } },
  'xlsx/calamine__richtext-namespaced.xlsx': { read: { sheets: 3, values: 2 } },
  'xlsx/calamine__rph_phonetic.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/calamine__shared_formula_multi_axis.xlsx': { read: { sheets: 1, values: 16 } },
  'xlsx/calamine__strict_iso_paths.xlsx': { read: { sheets: 1, values: 1368 } },
  'xlsx/calamine__temperature-in-middle_numbers.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/calamine__vba.xlsm.renamed.xlsx': { read: { sheets: 3, values: 0 } },
  'xlsx/calamine__whitespace_trim.xlsx': { read: { sheets: 2, values: 14 } },
  'xlsx/excelize__BadWorkbook_no_sheets.xlsx': { error: 'unreadable-file/no-sheets' }, // empty <sheets/>
  'xlsx/excelize__Book1.xlsx': { read: { sheets: 2, values: 41 } },
  'xlsx/excelize__OverflowNumericCell.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/excelize__SharedStrings_rich.xlsx': { read: { sheets: 2, values: 2 } },
  'xlsx/excelize__encryptAES_standard.xlsx': { error: 'encrypted/encrypted-package' },
  'xlsx/excelize__encryptSHA1_agile.xlsx': { error: 'encrypted/encrypted-package' },
  'xlsx/excelize__encryptSHA512_agile.xlsx': { error: 'encrypted/encrypted-package' },
  'xlsx/exceljs__1904.xlsx': { read: { sheets: 3, values: 1 } },
  'xlsx/exceljs__DataTableTest_written_by_exceljs.xlsx': { read: { sheets: 1, values: 10 } },
  'xlsx/exceljs__KRISHNAPATNAM_LINE_UP.xlsx': { read: { sheets: 2, values: 164 } },
  'xlsx/exceljs__bogus-defined-name.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/exceljs__chart-sheet.xlsx': { read: { sheets: 1, values: 28 } }, // the chartsheet is not a worksheet
  'xlsx/exceljs__google-sheets.xlsx': { read: { sheets: 1, values: 5 } },
  'xlsx/exceljs__invalid-xml.xlsx': { error: 'unreadable-file/bad-xml' }, // stray text before the root element
  'xlsx/exceljs__libre-calc-as-office-open-xml.xlsx': { read: { sheets: 1, values: 5 } },
  'xlsx/exceljs__missing-bits.xlsx': { error: 'unreadable-file/no-workbook' }, // no workbook.xml
  'xlsx/exceljs__numbers.numbers.renamed.xlsx': { error: 'unreadable-file/numbers' },
  'xlsx/exceljs__owner-lock-file_fibonacci.xlsx': { error: 'unreadable-file/lock-file' },
  'xlsx/exceljs__shared_string_with_escape.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/exceljs__test-issue-176_libreoffice_1024cols.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/exceljs__test-issue-1842_excel_online_dv.xlsx': { read: { sheets: 1, values: 0 } },
  'xlsx/exceljs__test-issue-771_libreoffice_dv.xlsx': { read: { sheets: 1, values: 0 } },
  'xlsx/exceljs__test-issue-877_hidden_merged.xlsx': { read: { sheets: 5, values: 977 } },
  'xlsx/exceljs__test-pr-1220_openpyxl_inline.xlsx': { read: { sheets: 2, values: 6135 } },
  'xlsx/exceljs__third-party-export_apache-poi.xlsx': { read: { sheets: 1, values: 10 } },
  'xlsx/exceljs__xlsx-parse-test_rich_unclosed.xlsx': { read: { sheets: 1, values: 20 } },
  'xlsx/phpspreadsheet__1900_Calendar.xlsx': { read: { sheets: 1, values: 4 } },
  'xlsx/phpspreadsheet__1904_Calendar.xlsx': { read: { sheets: 1, values: 4 } },
  'xlsx/phpspreadsheet__2x6m_row999999999.xlsx': { error: 'too-large/rows' }, // <row r="999999999">, refused at once
  'xlsx/phpspreadsheet__HiddenSheet.xlsx': { read: { sheets: 2, values: 0 } },
  'xlsx/phpspreadsheet__Translations_multilingual.xlsx': { read: { sheets: 2, values: 9047 } },
  'xlsx/phpspreadsheet__dataValidation2Test_mac.xlsx': { read: { sheets: 2, values: 28 } },
  'xlsx/phpspreadsheet__dataValidationTest.xlsx': { read: { sheets: 1, values: 12 } },
  'xlsx/phpspreadsheet__double_attr_drawing.xlsx': { read: { sheets: 4, values: 530 } },
  'xlsx/phpspreadsheet__ebcdic_xxe.xlsx': { error: 'unreadable-file/encoding' }, // EBCDIC, external DTD never fetched
  'xlsx/phpspreadsheet__form_pass_print.xlsm.renamed.xlsx': { read: { sheets: 2, values: 5 } },
  'xlsx/phpspreadsheet__issue.1482_x_prefix.xlsx': { read: { sheets: 1, values: 60 } },
  'xlsx/phpspreadsheet__issue.2301_wide_formulas.xlsx': { read: { sheets: 1, values: 1537 } },
  'xlsx/phpspreadsheet__issue.2362_openxmlsdk_inline.xlsx': { read: { sheets: 1, values: 19531 } },
  'xlsx/phpspreadsheet__issue.2494_neptune.xlsx': { read: { sheets: 1, values: 745 } },
  'xlsx/phpspreadsheet__issue.2542_google_rich.xlsx': { read: { sheets: 1, values: 159 } },
  'xlsx/phpspreadsheet__issue.3093_numbers_cjk.xlsx': { read: { sheets: 1, values: 5130 } },
  'xlsx/phpspreadsheet__issue.3464_numbers_rich.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__issue.3613_wps_cjk.xlsx': { read: { sheets: 13, values: 424 } },
  'xlsx/phpspreadsheet__issue.3654c_flexcel.xlsx': { read: { sheets: 1, values: 3931 } },
  'xlsx/phpspreadsheet__issue.3720_formulas_no_cache.xlsx': { read: { sheets: 12, values: 1183 } },
  'xlsx/phpspreadsheet__issue.3730_backslash_sheet0.xlsx': { read: { sheets: 1, values: 1345 } },
  'xlsx/phpspreadsheet__issue.3770_fastreport.xlsx': { read: { sheets: 1, values: 173 } },
  'xlsx/phpspreadsheet__issue.3843a_japanese_merged.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__issue.3982_libreoffice_1024cols.xlsx': { read: { sheets: 1, values: 96 } },
  'xlsx/phpspreadsheet__issue.4037_libreoffice_image.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__issue.4248_hidden_french.xlsx': { read: { sheets: 5, values: 477 } },
  'xlsx/phpspreadsheet__namespaces.openpyxl35.xlsx': { read: { sheets: 3, values: 288 } },
  'xlsx/phpspreadsheet__rootZipFiles.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__sec-j47r_js_hyperlink.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__utf16be.bom.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__utf16be.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/phpspreadsheet__utf16entity_xxe.xlsx': { error: 'unreadable-file/encoding' }, // UTF-32 bytes declared UTF-16
  'xlsx/phpspreadsheet__utf7white_xxe.xlsx': { error: 'unreadable-file/encoding' }, // UTF-7 hiding a DOCTYPE
  'xlsx/phpspreadsheet__utf8entity_doctype.xlsx': { error: 'unreadable-file/doctype' }, // internal entity in a DOCTYPE
  'xlsx/phpspreadsheet__visibility_veryHidden.xlsx': { read: { sheets: 4, values: 5 } },
  'xlsx/phpspreadsheet__without_cell_reference.xlsx': { read: { sheets: 1, values: 100 } },
  'xlsx/sheetjs__extendscript_written_by_sheetjs.xlsx': { read: { sheets: 1, values: 13 } },
  'xlsx/tealeg__badfile_noWorkbookRels.xlsx': { error: 'unreadable-file/missing-part' }, // xl/_rels/workbook.xml.rels removed
  'xlsx/tealeg__badfile_noWorksheets.xlsx': { error: 'unreadable-file/missing-part' }, // worksheet parts removed
  'xlsx/tealeg__empty_rows_in_the_rest.xlsx': { read: { sheets: 1, values: 6 } },
  'xlsx/tealeg__googleDocsTest.xlsx': { read: { sheets: 1, values: 4 } },
  'xlsx/tealeg__macNumbersTest.xlsx': { read: { sheets: 1, values: 1 } },
  'xlsx/tealeg__max_sheet_name_length.xlsx': { read: { sheets: 3, values: 1 } },
  'xlsx/tealeg__namespaced_tencent.xlsx': { read: { sheets: 1, values: 22 } },
  'xlsx/tealeg__noStylesAndSharedStringsTest.xlsx': { read: { sheets: 1, values: 8938 } },
  'xlsx/tealeg__panic_test.xlsx': { read: { sheets: 1, values: 22 } },
  'xlsx/tealeg__testFileToSlice.xlsx': { read: { sheets: 1, values: 0 } },
  'xlsx/tealeg__testrels_custom_part_names.xlsx': { read: { sheets: 2, values: 2 } },
  'xlsx/tealeg__wpsBlankLineTest.xlsx': { read: { sheets: 1, values: 3 } },
  'hostile/bad-crc.xlsx': { error: 'unreadable-file/zip-corrupt' }, // found when the sheet is read
  'hostile/billion-laughs-sst.xlsx': { error: 'unreadable-file/doctype' },
  'hostile/control-valid.xlsx': { read: { sheets: 1, values: 4 } },
  'hostile/deep-nesting-100k.xlsx': { error: 'too-large/nesting' },
  'hostile/empty.xlsx': { error: 'unreadable-file/empty' },
  'hostile/huge-string-1MiB.xlsx': { error: 'too-large/ratio' }, // a 1 MiB string compresses 321:1
  'hostile/out-of-range-refs.xlsx': { error: 'too-large/cells' }, // XFE1
  'hostile/png-renamed.xlsx': { error: 'unreadable-file/png' },
  'hostile/rels-target-traversal.xlsx': { error: 'unreadable-file/unsafe-path' }, // Target="../../evil"
  'hostile/truncated.xlsx': { error: 'unreadable-file/zip-corrupt' },
  'hostile/wide-16384-cols.xlsx': { read: { sheets: 1, values: 16384 } },
  'hostile/xxe-file-sst.xlsx': { error: 'unreadable-file/doctype' },
  'hostile/zip-bomb-2GB.xlsx': { error: 'too-large/ratio' }, // 984:1
  'hostile/zip-bomb-dense-1GB.xlsx': { error: 'too-large/ratio' }, // 479:1
  'hostile/zip-slip-entries.xlsx': { read: { sheets: 1, values: 1 } },
};

type Outcome = { read: { sheets: number; values: number } } | { error: string };

async function readWhole(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): Promise<Outcome> {
  try {
    const wb = await openWorkbook(bytes, limits);
    let values = 0;
    for (const s of wb.sheets) {
      await wb.readRows(s.name, (_row, cells) => {
        values += cells.length;
      });
      await wb.mergedRanges(s.name);
    }
    return { read: { sheets: wb.sheets.length, values } };
  } catch (e) {
    const err = e as { name?: string; code?: string; reason?: string };
    if (err.name !== 'WorkbookError') throw e;
    return { error: `${err.code}/${err.reason}` };
  }
}

const files = corpusFiles();

if (!PRESENT) console.warn(`corpus tests skipped: ${CORPUS}/xlsx and ${CORPUS}/hostile not found (set THIDUA_CORPUS to its location)`);

describe.skipIf(!PRESENT)(`hostile and real-world corpus (${PRESENT ? CORPUS : `skipped: ${CORPUS} not found`})`, () => {
  it('has an expectation for every corpus file, and a file for every expectation', () => {
    expect(files.slice().sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const started = performance.now();
    const outcome = await readWhole(readFileSync(join(CORPUS, file)));
    const ms = performance.now() - started;
    expect(outcome).toEqual(EXPECTED[file]);
    expect(ms).toBeLessThan(30_000);
    expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS);
  }, 30_000);

  it('ends both zip bombs quickly, before inflating them', async () => {
    for (const bomb of ['hostile/zip-bomb-2GB.xlsx', 'hostile/zip-bomb-dense-1GB.xlsx']) {
      const started = performance.now();
      await expect(openWorkbook(readFileSync(join(CORPUS, bomb)))).rejects.toMatchObject({ code: 'too-large', reason: 'ratio' });
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('bounds the zip bombs by declared size when the ratio check is off', async () => {
    await expect(
      openWorkbook(readFileSync(join(CORPUS, 'hostile/zip-bomb-2GB.xlsx')), { maxCompressionRatio: Infinity, maxUncompressedBytes: 1024 ** 3 }),
    ).rejects.toMatchObject({ code: 'too-large', reason: 'uncompressed' });
  });

  describe.skipIf(!HOSTILE)('streaming the zip bombs with the ratio check off (THIDUA_HOSTILE=1)', () => {
    it('stops the dense bomb (63 M cells) at the cell limit, in bounded memory', async () => {
      const started = performance.now();
      const outcome = await readWhole(readFileSync(join(CORPUS, 'hostile/zip-bomb-dense-1GB.xlsx')), { maxCompressionRatio: Infinity });
      expect(outcome).toEqual({ error: 'too-large/cells' });
      expect(performance.now() - started).toBeLessThan(60_000);
      expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS);
    }, 120_000);

    it('streams the 2 GB whitespace bomb to its end in bounded memory', async () => {
      const started = performance.now();
      const outcome = await readWhole(readFileSync(join(CORPUS, 'hostile/zip-bomb-2GB.xlsx')), { maxCompressionRatio: Infinity });
      expect(outcome).toEqual({ read: { sheets: 1, values: 1_921_000 } });
      expect(performance.now() - started).toBeLessThan(120_000);
      expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS);
    }, 180_000);
  });
});
