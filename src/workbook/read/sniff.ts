import { WorkbookError } from '../types.js';

/**
 * Looks at the first bytes of a file before anything is parsed and refuses, with the real
 * kind as the reason, everything that is not a zip package: people send .xls, encrypted
 * workbooks, pictures, PDFs, HTML "Excel" exports and Excel's own lock files with an .xlsx
 * name, and each deserves a message that says what it is.
 *
 * Returns normally only for zip data (which may still be an .ods, .xlsb or .numbers; see
 * {@link packageKind}).
 */
export function sniffFile(data: Uint8Array): void {
  if (data.length === 0) throw new WorkbookError('unreadable-file', 'empty');
  if (startsWith(data, ZIP_LOCAL) || startsWith(data, ZIP_EMPTY) || startsWith(data, ZIP_SPANNED)) return;
  if (startsWith(data, CFB_MAGIC)) {
    const kind = cfbKind(data);
    if (kind === 'encrypted') throw new WorkbookError('encrypted', 'encrypted-package');
    throw new WorkbookError('unreadable-file', kind);
  }
  for (const [magic, reason] of MAGICS) {
    if (startsWith(data, magic)) throw new WorkbookError('unreadable-file', reason);
  }
  if (isOwnerLockFile(data)) throw new WorkbookError('unreadable-file', 'lock-file');
  throw new WorkbookError('unreadable-file', textKind(data) ?? 'not-zip');
}

const ZIP_LOCAL = bytes([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = bytes([0x50, 0x4b, 0x05, 0x06]);
const ZIP_SPANNED = bytes([0x50, 0x4b, 0x07, 0x08]);
const CFB_MAGIC = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const MAGICS: readonly (readonly [Uint8Array, string])[] = [
  [bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png'],
  [bytes([0xff, 0xd8, 0xff]), 'jpeg'],
  [ascii('GIF87a'), 'gif'],
  [ascii('GIF89a'), 'gif'],
  [ascii('%PDF-'), 'pdf'],
  [bytes([0x49, 0x49, 0x2a, 0x00]), 'tiff'],
  [bytes([0x4d, 0x4d, 0x00, 0x2a]), 'tiff'],
  [bytes([0x1f, 0x8b]), 'gzip'],
  [bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z'],
  [ascii('Rar!\x1a\x07'), 'rar'],
  [ascii('{\\rtf'), 'rtf'],
  // BIFF2–BIFF4 worksheets predate the OLE container and start with a bare BOF record.
  [bytes([0x09, 0x00, 0x04, 0x00]), 'xls'],
  [bytes([0x09, 0x02, 0x06, 0x00]), 'xls'],
  [bytes([0x09, 0x04, 0x06, 0x00]), 'xls'],
];

/**
 * Excel's owner file `~$name.xlsx`: a length byte, the user name in the ANSI code page
 * padded with spaces to 54 bytes, then the same name in UTF-16LE. 162 or 165 bytes.
 */
function isOwnerLockFile(data: Uint8Array): boolean {
  if (data.length < 100 || data.length > 512) return false;
  const n = data[0] ?? 0;
  if (n < 1 || n > 53) return false;
  for (let i = 1; i <= n; i++) if ((data[i] ?? 0) < 0x20) return false;
  for (let i = n + 1; i < 54; i++) if (data[i] !== 0x20) return false;
  return data[55] === n && data[56] === 0;
}

/** Classifies a file that looks like text; undefined for binary data. */
function textKind(data: Uint8Array): string | undefined {
  const head = data.subarray(0, 4096);
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) text = new TextDecoder('utf-16le').decode(head.subarray(2));
  else if (head[0] === 0xfe && head[1] === 0xff) text = new TextDecoder('utf-16le').decode(swapPairs(head.subarray(2)));
  else {
    for (const b of head) {
      // Tab, LF, FF, CR and ESC appear in text; other C0 controls mean binary.
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return undefined;
    }
    text = new TextDecoder('utf-8').decode(head);
  }
  const t = text.replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (t.startsWith('<?xml')) {
    if (t.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml-spreadsheet-2003';
    return /<html[\s>]/.test(t) ? 'html' : 'xml';
  }
  if (t.startsWith('<!doctype html') || /^<(html|head|body|table|meta)[\s>]/.test(t)) return 'html';
  if (t.startsWith('<')) return /<html[\s>]|<table[\s>]/.test(t) ? 'html' : 'xml';
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  return /[,;\t]/.test(firstLine) ? 'csv' : 'text';
}

/**
 * What an OLE compound file holds, from its directory: an encrypted OOXML package
 * (`EncryptionInfo` + `EncryptedPackage` streams), an .xls (`Workbook` or BIFF5 `Book`),
 * or another Office document. A malformed directory falls back to a plain byte search.
 */
function cfbKind(data: Uint8Array): 'encrypted' | 'xls' | 'doc' | 'ppt' {
  let names: string[];
  try {
    names = cfbStreamNames(data);
  } catch {
    return containsUtf16(data, 'EncryptedPackage') || containsUtf16(data, 'EncryptionInfo') ? 'encrypted' : 'xls';
  }
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) return 'encrypted';
  if (names.includes('Workbook') || names.includes('Book')) return 'xls';
  if (names.includes('WordDocument')) return 'doc';
  if (names.includes('PowerPoint Document')) return 'ppt';
  return 'xls';
}

const FREESECT_MIN = 0xfffffffa;

/** Names of the entries of a compound file's directory (MS-CFB §2.6). */
function cfbStreamNames(data: Uint8Array): string[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Error('sector size');
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor(data.length / sectorSize);
  const perSector = sectorSize / 4;
  const sectorOffset = (n: number): number => {
    const off = (n + 1) * sectorSize;
    if (n >= FREESECT_MIN || off + sectorSize > data.length) throw new Error('sector out of file');
    return off;
  };

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s < FREESECT_MIN) fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; difat < FREESECT_MIN && guard <= sectorCount; guard++) {
    const off = sectorOffset(difat);
    for (let i = 0; i < perSector - 1; i++) {
      const s = view.getUint32(off + i * 4, true);
      if (s < FREESECT_MIN) fatSectors.push(s);
    }
    difat = view.getUint32(off + (perSector - 1) * 4, true);
  }
  const next = (n: number): number => {
    const fs = fatSectors[Math.floor(n / perSector)];
    if (fs === undefined) throw new Error('FAT too short');
    return view.getUint32(sectorOffset(fs) + (n % perSector) * 4, true);
  };

  const names: string[] = [];
  let dir = view.getUint32(0x30, true);
  for (let guard = 0; dir < FREESECT_MIN; guard++) {
    if (guard > sectorCount) throw new Error('directory chain loops');
    const off = sectorOffset(dir);
    for (let e = 0; e < sectorSize / 128; e++) {
      const base = off + e * 128;
      const type = data[base + 0x42];
      const len = view.getUint16(base + 0x40, true);
      if (type === 0 || len < 2 || len > 64) continue;
      names.push(new TextDecoder('utf-16le').decode(data.subarray(base, base + len - 2)));
    }
    dir = next(dir);
  }
  return names;
}

function containsUtf16(data: Uint8Array, s: string): boolean {
  const needle = Buffer.from(s, 'utf16le');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(needle) >= 0;
}

function swapPairs(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length & ~1);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1] ?? 0;
    out[i + 1] = b[i] ?? 0;
  }
  return out;
}

function startsWith(data: Uint8Array, magic: Uint8Array): boolean {
  if (data.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (data[i] !== magic[i]) return false;
  return true;
}

function bytes(a: number[]): Uint8Array {
  return Uint8Array.from(a);
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
