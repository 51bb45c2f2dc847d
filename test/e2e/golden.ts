import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openWorkbook } from '../../src/workbook/read/index.js';
import { colName } from '../../src/workbook/write/index.js';
import { ROOT } from './run.js';

/** Golden files of the examples' outputs; `UPDATE_GOLDEN=1` writes them again. */
export const GOLDEN = join(ROOT, 'test', 'e2e', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** results.xlsx as text: every cell's address, value and number format, sheet by sheet. */
export async function projection(path: string): Promise<string> {
  const wb = await openWorkbook(new Uint8Array(readFileSync(path)));
  const lines: string[] = [];
  for (const s of wb.sheets) {
    lines.push(`## ${s.name} (${s.state})`);
    await wb.readRows(s.name, (r, cells) => {
      for (const c of cells) lines.push(`${colName(c.col)}${r}\t${c.fmt}\t${JSON.stringify(c.value)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** Holds `actual` to the golden file `name` (writing it when asked, or when it is new). */
export function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
