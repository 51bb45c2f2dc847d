import type { ReadLimits, SheetInfo } from '../types.js';
import { WorkbookError } from '../types.js';
import { scanPart } from './opc.js';
import { name } from './xml-tag.js';
import { TextBuffer } from './xml-text.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** A `<sheet>` of workbook.xml, before its relationship is resolved. */
export interface SheetEntry {
  name: string;
  state: SheetInfo['state'];
  relId: string | undefined;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  date1904: boolean;
}

const N_WORKBOOKPR = name('workbookPr');
const N_DATE1904 = name('date1904');
const N_SHEETS = name('sheets');
const N_SHEET = name('sheet');
const N_NAME = name('name');
const N_STATE = name('state');
const N_ID = name('id');

/** Excel allows 255 sheets per workbook in old versions and "limited by memory" now. */
const MAX_SHEETS = 10_000;

/** Reads the sheet list and the date system of workbook.xml. */
export async function readWorkbookPart(zip: ZipArchive, entry: ZipEntry, limits: ReadLimits): Promise<WorkbookPart> {
  const out: WorkbookPart = { sheets: [], date1904: false };
  const text = new TextBuffer(limits.maxStringLength, entry.name);
  let depth = 0;
  let inSheets = false;
  await scanPart(
    zip,
    entry,
    () => ({
      open(t) {
        depth++;
        if (depth === 2) {
          if (t.is(N_WORKBOOKPR)) {
            const v = (t.get(N_DATE1904, text) ?? '').trim().toLowerCase();
            out.date1904 = v === '1' || v === 'true';
          } else inSheets = t.is(N_SHEETS);
        } else if (depth === 3 && inSheets && t.is(N_SHEET)) {
          if (out.sheets.length >= MAX_SHEETS) throw new WorkbookError('too-large', 'entries', { part: entry.name, limit: MAX_SHEETS });
          const st = (t.get(N_STATE, text) ?? 'visible').trim();
          const k = t.attrPrefixed(N_ID);
          out.sheets.push({
            name: t.get(N_NAME, text) ?? '',
            state: st === 'hidden' ? 'hidden' : st === 'veryHidden' ? 'veryHidden' : 'visible',
            relId: k < 0 ? undefined : t.value(k, text),
          });
        }
      },
      close() {
        if (depth === 2) inSheets = false;
        depth--;
      },
      text() {},
    }),
    limits,
  );
  return out;
}

const N_APPLICATION = name('Application');

/** The `Application` of docProps/app.xml ("Microsoft Excel", "LibreOffice/7.4…", "WPS Office"). */
export async function readApplication(zip: ZipArchive, entry: ZipEntry, limits: ReadLimits): Promise<string | undefined> {
  const text = new TextBuffer(limits.maxStringLength, entry.name);
  let depth = 0;
  let inApp = false;
  let seen = false;
  await scanPart(
    zip,
    entry,
    (scanner) => ({
      open(t) {
        depth++;
        if (depth === 2 && t.is(N_APPLICATION)) {
          inApp = true;
          text.reset();
        }
      },
      close() {
        if (depth === 2 && inApp) {
          inApp = false;
          seen = true;
          scanner.stop();
        }
        depth--;
      },
      text(buf, s, e, cdata) {
        if (inApp) text.append(buf, s, e, cdata);
      },
    }),
    limits,
  );
  if (!seen) return undefined;
  const app = text.toString(false).trim();
  return app === '' ? undefined : app;
}
