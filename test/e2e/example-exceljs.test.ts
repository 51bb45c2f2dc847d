/**
 * The bundled example's results.xlsx, as `score` writes it, read back by an independent reader:
 * exceljs (tests only) must see exactly the cells that the golden projection
 * (golden/example-gd1.results.xlsx.txt, made with the project's own reader by example.test.ts)
 * records — every sheet with its state, every cell's address, value and type, in order.
 *
 * The format column is exceljs's number format code put through the project's classifier
 * (`classifyFormatCode`): only the reading of the cell's style is independent there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { classifyFormatCode } from '../../src/workbook/read/styles.js';
import { colName } from '../../src/workbook/write/index.js';
import { HAS_BUILD, ROOT, thidua } from './run.js';

const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const GOLDEN = join(ROOT, 'test', 'e2e', 'golden', 'example-gd1.results.xlsx.txt');

/** A cell's value as exceljs gives it, in the projection's notation (the reader's `CellValue`). */
function valueOf(c: ExcelJS.Cell): unknown {
  const v = c.value;
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'boolean', v };
  // anything else (a Date, a formula, rich text, an error) the report does not write: shown as is, to fail
  return { t: typeof v, v };
}

/** results.xlsx as exceljs reads it, in the golden projection's format. */
async function projection(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const lines: string[] = [];
  wb.eachSheet((ws) => {
    lines.push(`## ${ws.name} (${ws.state})`);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (c, col) => {
        lines.push(`${colName(col)}${r}\t${classifyFormatCode(c.numFmt ?? 'General')}\t${JSON.stringify(valueOf(c))}`);
      });
    });
  });
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!HAS_BUILD)("the example's results.xlsx read back by exceljs (built binary)", () => {
  it('holds the cells of the golden projection, sheet by sheet, in order (gd1, dated)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'thidua-exj-'));
    const r = thidua(['score', 'criteria.yaml', 'submissions/gd1', '--phase', 'gd1', '--units', 'units.yaml', '-o', out, '--date', '2025-12-31', '-q'], EXAMPLE);
    // gd1 holds the example's deliberate text in a number cell (DN-03): exit 1, outputs still written
    expect(r.code).toBe(1);
    const actual = await projection(join(out, 'results.xlsx'));
    rmSync(out, { recursive: true, force: true });
    const golden = readFileSync(GOLDEN, 'utf8');
    expect(actual.split('\n').length).toBe(golden.split('\n').length);
    expect(actual).toBe(golden);
  });
});
