/**
 * File names for templates, made from unit ids and names a clerk typed: valid on Windows and
 * Linux alike, never hidden, never taken for Excel's lock file, of bounded length, and unique
 * even where the file system ignores case (docs/decisions.md, "Template file names").
 */

/**
 * The longest name, in UTF-8 bytes, `.xlsx` included. Linux allows 255 bytes and Windows 255
 * UTF-16 units (every character here is at most 2 units and at least 1 byte, so a name within
 * this many bytes fits both); the temporary file written first adds 19 bytes (`.NAME.<12
 * hex>.tmp`), and a folder path still has room on Windows' 260-character paths.
 */
export const MAX_NAME_BYTES = 150;

const EXT = '.xlsx';

// characters Windows forbids in names, and the controls either system would take badly
const FORBIDDEN = /[\\/:*?"<>|]/g;
// C0 and C1 controls and DEL; bidi overrides and marks (U+202E shows a name backwards);
// zero-width characters and the byte-order mark, which make two names look alike
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');
const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Lone surrogates (half an emoji, cut elsewhere) become U+FFFD, as in every output. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Cuts text to at most `max` UTF-8 bytes, between whole characters as a reader sees them. */
function cut(s: string, max: number): string {
  if (utf8(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(s)) {
    const b = utf8(segment);
    if (bytes + b > max) break;
    out += segment;
    bytes += b;
  }
  return out;
}

/** Windows drops trailing dots and spaces; leading dots hide a file; `~$` marks a lock file. */
function tidy(stem: string): string {
  return stem.replace(/[. ]+$/u, '').replace(/^[. ~]+/u, '').replace(/^\$/u, '-');
}

/**
 * A file name for `stem` + `.xlsx`, safe on Windows and Linux, at most {@link MAX_NAME_BYTES}
 * bytes, with `suffix` (such as " (2)") kept whole after any cut.
 */
export function safeFileName(stem: string, suffix = '', maxBytes = MAX_NAME_BYTES): string {
  let s = tidy(
    wellFormed(stem)
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(FORBIDDEN, '-')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (!s) s = '_';
  if (RESERVED.test(s.split('.')[0]!.trim())) s = `_${s}`;
  s = tidy(cut(s, maxBytes - utf8(suffix) - utf8(EXT))) || '_';
  return `${s}${suffix}${EXT}`;
}

/** The key under which two names are one file where case is ignored (Windows, macOS). */
export function fileKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase();
}

/**
 * One safe, distinct file name per stem, in order: a name already given (ignoring case) takes
 * " (2)", " (3)", … — so `a/b`, `a:b` and `a*b` make three files, not one.
 */
export function uniqueFileNames(stems: string[], maxBytes = MAX_NAME_BYTES): string[] {
  const taken = new Set<string>();
  return stems.map((stem) => {
    let name = safeFileName(stem, '', maxBytes);
    for (let n = 2; taken.has(fileKey(name)); n++) name = safeFileName(stem, ` (${n})`, maxBytes);
    taken.add(fileKey(name));
    return name;
  });
}
