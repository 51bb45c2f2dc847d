/**
 * The refusals shared by a sheet's parts: a sheet-prefixed WorkbookWriteError, numbers held to
 * a range, and the sheet name Excel accepts.
 */

import { WorkbookWriteError } from './model.js';

export function bad(code: ConstructorParameters<typeof WorkbookWriteError>[0], sheet: string, message: string, detail: Record<string, string | number> = {}): never {
  throw new WorkbookWriteError(code, `sheet ${JSON.stringify(sheet)}: ${message}`, { sheet, ...detail });
}

export function num(n: number): string {
  return String(n);
}

export function checkNumber(sheet: string, what: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    bad('bad-model', sheet, `${what} must be ${integer ? 'an integer' : 'a number'} in ${min}–${max}, got ${String(v)}`);
  }
  return v;
}

/** A formula without its leading `=`, as SpreadsheetML stores it. */
export function stripEq(f: string): string {
  return f.startsWith('=') ? f.slice(1) : f;
}

/** Rejects what Excel refuses as a sheet name; callers sanitise before. */
export function checkSheetName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31) {
    throw new WorkbookWriteError('bad-sheet-name', `sheet name must have 1–31 characters: ${JSON.stringify(name)}`, { name: String(name) });
  }
  if (/[[\]:*?/\\\u0000-\u001F\uFFFE\uFFFF]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new WorkbookWriteError('bad-sheet-name', `sheet name has a forbidden character: ${JSON.stringify(name)}`, { name });
  }
  if (name.toUpperCase() === 'HISTORY') {
    throw new WorkbookWriteError('bad-sheet-name', 'sheet name "History" is reserved by Excel', { name });
  }
  return name;
}
