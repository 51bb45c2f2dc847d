/**
 * Vietnamese text typed in the pre-Unicode 8-bit fonts that offices still use.
 *
 * Excel stores what such a font displays as the raw byte values, i.e. code points
 * U+0000–U+00FF: TCVN3 "ViÖt Nam" or VNI "Vieät Nam" both mean "Việt Nam". The
 * font name is the only reliable clue, so callers should prefer {@link fontEncoding}
 * and fall back to {@link looksLegacy} only when the font is unknown.
 */

/** A legacy Vietnamese 8-bit encoding: TCVN3 (ABC, ".Vn…" fonts) or VNI ("VNI-…" fonts). */
export type LegacyEncoding = 'tcvn3' | 'vni';

// Tone order used by both legacy tables: none, huyền, hỏi, ngã, sắc, nặng.
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;

function withTone(base: string, tone: number): string {
  return (base + (TONES[tone] ?? '')).normalize('NFC');
}

// TCVN3 gives every lower-case toned letter its own byte, in tone order. A null
// means the letter is plain ASCII and needs no entry.
const TCVN3_LOWER: ReadonlyArray<readonly [string, readonly (string | null)[]]> = [
  ['a', [null, '\xB5', '\xB6', '\xB7', '\xB8', '\xB9']],
  ['ă', ['\xA8', '\xBB', '\xBC', '\xBD', '\xBE', '\xC6']],
  ['â', ['\xA9', '\xC7', '\xC8', '\xC9', '\xCA', '\xCB']],
  ['e', [null, '\xCC', '\xCE', '\xCF', '\xD0', '\xD1']],
  ['ê', ['\xAA', '\xD2', '\xD3', '\xD4', '\xD5', '\xD6']],
  ['i', [null, '\xD7', '\xD8', '\xDC', '\xDD', '\xDE']],
  ['o', [null, '\xDF', '\xE1', '\xE2', '\xE3', '\xE4']],
  ['ô', ['\xAB', '\xE5', '\xE6', '\xE7', '\xE8', '\xE9']],
  ['ơ', ['\xAC', '\xEA', '\xEB', '\xEC', '\xED', '\xEE']],
  ['u', [null, '\xEF', '\xF1', '\xF2', '\xF3', '\xF4']],
  ['ư', ['\xAD', '\xF5', '\xF6', '\xF7', '\xF8', '\xF9']],
  ['y', [null, '\xFA', '\xFB', '\xFC', '\xFD', '\xFE']],
];

// The only capitals TCVN3 has room for; toned capitals come from the ".Vn…H"
// fonts, which draw the lower-case bytes as capitals.
const TCVN3_CAPITALS: ReadonlyArray<readonly [string, string]> = [
  ['Ă', '\xA1'],
  ['Â', '\xA2'],
  ['Ê', '\xA3'],
  ['Ô', '\xA4'],
  ['Ơ', '\xA5'],
  ['Ư', '\xA6'],
  ['Đ', '\xA7'],
];

// VNI writes a letter as its base followed by a diacritic byte; circumflex and
// breve fuse with the tone into one byte, so each family has its own row.
const VNI_PLAIN = ['', '\xF8', '\xFB', '\xF5', '\xF9', '\xEF'] as const;
const VNI_CIRCUMFLEX = ['\xE2', '\xE0', '\xE5', '\xE3', '\xE1', '\xE4'] as const;
const VNI_BREVE = ['\xEA', '\xE8', '\xFA', '\xFC', '\xE9', '\xEB'] as const;

const VNI_LOWER: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['a', VNI_PLAIN.map((m) => 'a' + m)],
  ['â', VNI_CIRCUMFLEX.map((m) => 'a' + m)],
  ['ă', VNI_BREVE.map((m) => 'a' + m)],
  ['e', VNI_PLAIN.map((m) => 'e' + m)],
  ['ê', VNI_CIRCUMFLEX.map((m) => 'e' + m)],
  // i carries its tones in single bytes: the dot below would collide with its dot.
  ['i', ['i', '\xEC', '\xE6', '\xF3', '\xED', '\xF2']],
  ['o', VNI_PLAIN.map((m) => 'o' + m)],
  ['ô', VNI_CIRCUMFLEX.map((m) => 'o' + m)],
  ['ơ', VNI_PLAIN.map((m) => '\xF4' + m)],
  ['u', VNI_PLAIN.map((m) => 'u' + m)],
  ['ư', VNI_PLAIN.map((m) => '\xF6' + m)],
  // ỵ has its own byte because the dot must sit under the descender.
  ['y', VNI_PLAIN.map((m, tone) => (tone === 5 ? '\xEE' : 'y' + m))],
];

interface Table {
  /** Legacy sequence → Unicode letter. */
  readonly decode: ReadonlyMap<string, string>;
  /** Unicode letter → legacy sequence. */
  readonly encode: ReadonlyMap<string, string>;
  /** Longest key in `decode`, for the greedy scan. */
  readonly longest: number;
}

function finish(decode: Map<string, string>, encode: Map<string, string>): Table {
  let longest = 1;
  for (const key of decode.keys()) longest = Math.max(longest, key.length);
  return { decode, encode, longest };
}

function buildTcvn3(): Table {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  for (const [base, codes] of TCVN3_LOWER) {
    codes.forEach((code, tone) => {
      if (code === null) return;
      const letter = withTone(base, tone);
      decode.set(code, letter);
      encode.set(letter, code);
    });
  }
  decode.set('\xAE', 'đ');
  encode.set('đ', '\xAE');
  for (const [letter, code] of TCVN3_CAPITALS) {
    decode.set(code, letter);
    encode.set(letter, code);
  }
  return finish(decode, encode);
}

function buildVni(): Table {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  const add = (seq: string, letter: string): void => {
    if (seq === letter) return;
    decode.set(seq, letter);
    encode.set(letter, seq);
  };
  for (const [base, seqs] of VNI_LOWER) {
    seqs.forEach((seq, tone) => {
      const letter = withTone(base, tone);
      // Latin-1 case pairs are exactly VNI's lower/upper byte pairs.
      add(seq, letter);
      add(seq.toUpperCase(), letter.toUpperCase());
    });
  }
  add('\xF1', 'đ');
  add('\xD1', 'Đ');
  // AutoCorrect's "capitalise first letter" and PROPER() raise only the base
  // byte ("Aên" for "Ăn"); accept that spelling when decoding, never produce it.
  for (const [seq, letter] of [...decode]) {
    if (seq.length !== 2) continue;
    const [head = '', mark = ''] = seq;
    const lowered = head + mark.toLowerCase();
    if (head === head.toUpperCase() && lowered !== seq && !decode.has(lowered)) {
      decode.set(lowered, letter);
    }
  }
  return finish(decode, encode);
}

const TABLES: Readonly<Record<LegacyEncoding, Table>> = {
  tcvn3: buildTcvn3(),
  vni: buildVni(),
};

/**
 * The legacy encoding implied by a font name, if any.
 *
 * @param fontName - Font name as stored in the workbook's style (e.g. ".VnTime", "VNI-Times").
 * @returns `'tcvn3'` for ABC fonts (".Vn…", including the capitals-only ".Vn…H" ones),
 *   `'vni'` for "VNI-…" fonts, otherwise `undefined`.
 */
export function fontEncoding(fontName: string | undefined): LegacyEncoding | undefined {
  if (!fontName) return undefined;
  const name = fontName.trim().toLowerCase();
  if (name.startsWith('.vn')) return 'tcvn3';
  if (name.startsWith('vni-')) return 'vni';
  return undefined;
}

/**
 * Whether a font is one of the TCVN3 capitals fonts (".VnTimeH", ".VnArialH" …).
 *
 * Those fonts draw the lower-case TCVN3 bytes as capitals, so text in them is
 * meant to be upper case even though {@link convertLegacy} yields lower case;
 * upper-case the converted text when this returns `true`.
 *
 * @param fontName - Font name as stored in the workbook's style.
 */
export function isCapitalsFont(fontName: string | undefined): boolean {
  if (fontEncoding(fontName) !== 'tcvn3' || fontName === undefined) return false;
  return fontName.trim().endsWith('H');
}

// Latin-1 letters that are also Vietnamese letters, so they prove nothing.
const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ');

interface Decoded {
  readonly text: string;
  /** Non-ASCII characters that were part of a table entry. */
  readonly consumed: number;
  /** Of those, the ones Vietnamese Unicode text could not contain at that spot. */
  readonly telling: number;
  /** Non-ASCII letters the table could not place. */
  readonly stray: number;
}

function decodeWith(text: string, table: Table): Decoded {
  const src = text.normalize('NFC');
  let out = '';
  let consumed = 0;
  let telling = 0;
  let stray = 0;
  let i = 0;
  while (i < src.length) {
    let matched = false;
    for (let len = Math.min(table.longest, src.length - i); len >= 1; len--) {
      const seq = src.slice(i, i + len);
      const letter = table.decode.get(seq);
      if (letter === undefined) continue;
      out += letter;
      // Unicode Vietnamese never puts an accented vowel straight after a or e,
      // so a VNI diacritic there is as telling as a byte Vietnamese never uses.
      const afterAE = seq.length === 2 && /^[aeAE]/u.test(seq);
      for (const ch of seq) {
        if (ch <= '\x7F') continue;
        consumed++;
        if (afterAE || !VIETNAMESE_LATIN1.has(ch)) telling++;
      }
      i += len;
      matched = true;
      break;
    }
    if (matched) continue;
    const ch = src[i] ?? '';
    if (ch > '\x7F' && /\p{L}/u.test(ch)) stray++;
    out += ch;
    i++;
  }
  return { text: out.normalize('NFC'), consumed, telling, stray };
}

/**
 * Converts legacy-encoded text to NFC Unicode.
 *
 * Characters outside the encoding's table pass through unchanged. For TCVN3 the
 * standard ABC table is used, so text from a ".Vn…H" font comes out in lower
 * case (see {@link isCapitalsFont}). For VNI the base-letter-plus-diacritic pairs
 * are matched longest first.
 *
 * @param text - Cell text whose code points are really the legacy bytes.
 * @param enc - The encoding the text was typed in.
 */
export function convertLegacy(text: string, enc: LegacyEncoding): string {
  return decodeWith(text, TABLES[enc]).text;
}

/**
 * Converts Unicode Vietnamese to a legacy encoding, the inverse of {@link convertLegacy}.
 *
 * TCVN3 has no toned capitals, so those become their lower-case bytes, as typed
 * for a ".Vn…H" font; every other letter round-trips exactly.
 *
 * @param text - Unicode text.
 * @param enc - The target encoding.
 */
export function encodeLegacy(text: string, enc: LegacyEncoding): string {
  const { encode } = TABLES[enc];
  let out = '';
  for (const ch of text.normalize('NFC')) {
    out += encode.get(ch) ?? (enc === 'tcvn3' ? encode.get(ch.toLowerCase()) : undefined) ?? ch;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Detection. Western accented letters and Vietnamese typed only with Latin-1
// letters ("ô tô") are made of the same code points as legacy text, so a guess
// is trusted only when the decoded words are real Vietnamese syllables and the
// text read as Unicode is not.

const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const HAS_TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
const MISPLACED_TONE = /(?:^|[^aeiouy\u0302\u0306\u031b])[\u0300\u0301\u0303\u0309\u0323]/u;
const STOP_TONES = new Set(['\u0301', '\u0323']);

// Longest first so the regex prefers "ươi" over "ươ".
const NUCLEI = [
  'iêu', 'yêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyê', 'uyu',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi',
  'oo', 'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ưu', 'ươ', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
];
// A glide already closes these, so no final consonant may follow.
const OPEN_ONLY = new Set([
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui',
  'ưa', 'ưi', 'ưu', 'iêu', 'yêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyu',
]);
const CLOSED_ONLY = new Set(['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uyê', 'uâ', 'oă', 'oo']);
const SYLLABLE = new RegExp(
  // A bare "p" starts only loanwords, and admitting it lets "på" pass as "pồ".
  '^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnrstvx])?(' +
    NUCLEI.join('|') +
    ')(ch|nh|ng|[cmnpt])?$',
  'u',
);

function isSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARK) ?? [];
  if (tones.length > 1) return false;
  // Latin-1 "ñ" decomposes to n + tilde; a tone is only a tone on a vowel.
  if (MISPLACED_TONE.test(nfd)) return false;
  const m = SYLLABLE.exec(nfd.replace(TONE_MARK, '').normalize('NFC'));
  if (!m) return false;
  const onset = m[1] ?? '';
  const nucleus = m[2] ?? '';
  const coda = m[3] ?? '';
  if (coda && OPEN_ONLY.has(nucleus)) return false;
  if (!coda && CLOSED_ONLY.has(nucleus)) return false;
  // Syllables closed by a stop take only the rising or heavy tone.
  if (['c', 'ch', 'p', 't'].includes(coda) && !STOP_TONES.has(tones[0] ?? '')) return false;
  const front = /^[eêiy]/u.test(nucleus);
  if (onset === 'c' && front) return false;
  if (onset === 'k' && !front) return false;
  if ((onset === 'gh' || onset === 'ngh') && !/^[eêi]/u.test(nucleus)) return false;
  if (onset === 'ng' && /^[eêi]/u.test(nucleus)) return false;
  if (onset === 'g' && /^[eê]/u.test(nucleus)) return false;
  return true;
}

// Acronyms such as "UBND" or "HĐND" are neither evidence for nor against.
function isAcronym(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && !HAS_TONE.test(word.normalize('NFD'));
}

interface Evidence {
  consumed: number;
  telling: number;
  valid: number;
  invalid: number;
}

function weigh(text: string, table: Table | undefined): Evidence {
  const ev: Evidence = { consumed: 0, telling: 0, valid: 0, invalid: 0 };
  const isWordChar = (ch: string): boolean =>
    /\p{L}/u.test(ch) || (table !== undefined && table.decode.has(ch));
  let word = '';
  const flush = (): void => {
    if (!/[^\x00-\x7F]/u.test(word)) {
      word = '';
      return;
    }
    const d: Decoded = table
      ? decodeWith(word, table)
      : { text: word, consumed: 0, telling: 0, stray: 0 };
    word = '';
    ev.consumed += d.consumed;
    ev.telling += d.telling;
    if (d.stray > 0) ev.invalid++;
    else if (isAcronym(d.text)) return;
    else if (isSyllable(d.text)) ev.valid++;
    else ev.invalid++;
  };
  for (const ch of text.normalize('NFC')) {
    if (isWordChar(ch)) word += ch;
    else flush();
  }
  flush();
  return ev;
}

function mostlyVietnamese(ev: Evidence): boolean {
  return ev.valid > 0 && ev.invalid * 10 <= ev.valid + ev.invalid;
}

/**
 * Guesses whether text was typed in a legacy font, for cells whose font is unknown.
 *
 * Answers only when confident: at least two characters must decode as
 * Vietnamese letters, one of them a character Vietnamese Unicode never uses
 * (such as "ä", "¬" or "ø"), the words they occur in must decode to valid
 * Vietnamese syllables, and the text must not already read as Vietnamese
 * Unicode. Ordinary
 * Unicode Vietnamese, English, French or German text and numbers give `undefined`.
 *
 * @param text - Cell text.
 * @returns The one encoding that fits, or `undefined`.
 */
export function looksLegacy(text: string): LegacyEncoding | undefined {
  // Legacy bytes never land above U+00FF as letters; such a letter means real Unicode.
  if (/[^\x00-\xFF]/u.test(text.normalize('NFC').replace(/[^\p{L}\p{M}]/gu, ''))) {
    return undefined;
  }
  if (!/[\x80-\xFF]/u.test(text)) return undefined;
  if (mostlyVietnamese(weigh(text, undefined))) return undefined;
  const fits = (['tcvn3', 'vni'] as const).filter((enc) => {
    const ev = weigh(text, TABLES[enc]);
    return ev.consumed >= 2 && ev.telling >= 1 && mostlyVietnamese(ev);
  });
  return fits.length === 1 ? fits[0] : undefined;
}
