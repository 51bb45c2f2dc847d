import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  convertLegacy,
  encodeLegacy,
  fontEncoding,
  isCapitalsFont,
  looksLegacy,
} from '../../src/submissions/legacy.js';

// Legacy strings are spelled with \x escapes where the glyph is invisible or
// easily confused (the soft hyphen that TCVN3 uses for "ư").

const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const LOWER = [
  ...BASES.flatMap((b) => TONES.map((t) => (b + t).normalize('NFC'))).filter((l) => !/^[a-z]$/.test(l)),
  'đ',
];
const UPPER = LOWER.map((l) => l.toUpperCase());
const LETTERS = [...LOWER, ...UPPER];
const TCVN3_CAPITALS = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];

describe('fontEncoding', () => {
  it.each([
    ['.VnTime', 'tcvn3'],
    ['.VnTimeH', 'tcvn3'],
    ['.VnArial', 'tcvn3'],
    ['.VnArial NarrowH', 'tcvn3'],
    [' .vntime ', 'tcvn3'],
    ['VNI-Times', 'vni'],
    ['VNI-Helve', 'vni'],
    ['vni-times', 'vni'],
  ] as const)('%j → %s', (name, enc) => {
    expect(fontEncoding(name)).toBe(enc);
  });

  it.each([['Times New Roman'], ['Arial'], ['Calibri'], [''], [undefined]])('%j → undefined', (name) => {
    expect(fontEncoding(name)).toBeUndefined();
  });

  it('recognises the TCVN3 capitals fonts', () => {
    expect(isCapitalsFont('.VnTimeH')).toBe(true);
    expect(isCapitalsFont('.VnArialH')).toBe(true);
    expect(isCapitalsFont('.VnTime')).toBe(false);
    expect(isCapitalsFont('VNI-Times')).toBe(false);
    expect(isCapitalsFont('Arial')).toBe(false);
    expect(isCapitalsFont(undefined)).toBe(false);
  });
});

describe('convertLegacy tcvn3', () => {
  it.each([
    ['Tr\xADêng Trung häc c¬ së', 'Trường Trung học cơ sở'],
    ['Tr\xAD\xEAng Trung h\xE4c c\xAC s\xEB', 'Trường Trung học cơ sở'],
    ['Céng hßa x· héi chñ nghÜa ViÖt Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['C\xE9ng h\xDFa x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['\xA7\xE9c l\xCBp - T\xF9 do - H\xB9nh ph\xF3c', 'Độc lập - Tự do - Hạnh phúc'],
    ['S\xEB Gi\xB8o d\xF4c v\xB5 \xA7\xB5o t\xB9o', 'Sở Giáo dục và Đào tạo'],
    ['Ng\xB5y 15 th\xB8ng 3 n\xA8m 2024', 'Ngày 15 tháng 3 năm 2024'],
    ['\xA7i\xD3m t\xF9 ch\xCAm: 85,5', 'Điểm tự chấm: 85,5'],
    ['Ph\xDFng GD&\xA7T huy\xD6n', 'Phòng GD&ĐT huyện'],
    ['\xA6u ti\xAAn', 'Ưu tiên'],
    ['Nguy\xD4n Th\xDE Mai', 'Nguyễn Thị Mai'],
  ])('%j → %j', (legacy, unicode) => {
    expect(convertLegacy(legacy, 'tcvn3')).toBe(unicode);
  });

  it('leaves ASCII and unmapped bytes alone', () => {
    expect(convertLegacy('THCS 2023-2024 (85,5) 20 \xB0C', 'tcvn3')).toBe('THCS 2023-2024 (85,5) 20 \xB0C');
  });

  it('gives lower case for .VnTimeH text, which the caller upper-cases', () => {
    const text = convertLegacy('tr\xADêng thcs', 'tcvn3');
    expect(text).toBe('trường thcs');
    expect(text.toUpperCase()).toBe('TRƯỜNG THCS');
  });

  it('returns NFC', () => {
    const out = convertLegacy('ViÖt Nam', 'tcvn3');
    expect(out).toBe(out.normalize('NFC'));
    expect(out).toHaveLength('Việt Nam'.length);
  });
});

describe('convertLegacy vni', () => {
  it.each([
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['Tröôøng', 'Trường'],
    ['Tr\xF6\xF4\xF8ng', 'Trường'],
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['Sôû Giaùo duïc vaø Ñaøo taïo', 'Sở Giáo dục và Đào tạo'],
    ['Naêm hoïc 2023-2024', 'Năm học 2023-2024'],
    ['Ñieåm töï chaám: 85,5', 'Điểm tự chấm: 85,5'],
    ['TRÖÔØNG THCS NGUYEÃN TRAÕI', 'TRƯỜNG THCS NGUYỄN TRÃI'],
    ['Kyõ thuaät, tyû leä, Quyù', 'Kỹ thuật, tỷ lệ, Quý'],
    ['nghó, chò, kòp thôøi, ích lôïi, hieäu quaû', 'nghĩ, chị, kịp thời, ích lợi, hiệu quả'],
    ['Ngöôøi khuyeát taät', 'Người khuyết tật'],
    ['khuyeán khích, lyù thuyeát, ñaëc bieät, möôïn, caây', 'khuyến khích, lý thuyết, đặc biệt, mượn, cây'],
    ['Ngaøy traéng, Thaùng naêm, Hoïc kyø, Taïp chí, hoïc sinh', 'Ngày trắng, Tháng năm, Học kỳ, Tạp chí, học sinh'],
    ['Î, AË, ÔÏ, ÖÕ, Ñ', 'Ỵ, Ặ, Ợ, Ữ, Đ'],
  ])('%j → %j', (legacy, unicode) => {
    expect(convertLegacy(legacy, 'vni')).toBe(unicode);
  });

  it('accepts a capital base followed by a lower-case diacritic byte', () => {
    // What AutoCorrect leaves when it capitalises the first byte of a sentence.
    expect(convertLegacy('Aên uoáng', 'vni')).toBe('Ăn uống');
    expect(convertLegacy('Ôû ñaâu', 'vni')).toBe('Ở đâu');
    expect(convertLegacy('Eâ-ñeâ', 'vni')).toBe('Ê-đê');
  });

  it('leaves ASCII and a diacritic byte with no base alone', () => {
    expect(convertLegacy('Muïc 1.2 (10 ñieåm)', 'vni')).toBe('Mục 1.2 (10 điểm)');
    expect(convertLegacy('x\xF8y', 'vni')).toBe('x\xF8y');
  });
});

describe('round trip through the tables', () => {
  it('covers all 134 Vietnamese letters', () => {
    expect(LETTERS).toHaveLength(134);
    expect(new Set(LETTERS).size).toBe(134);
  });

  it.each(LETTERS)('vni: %s', (letter) => {
    const legacy = encodeLegacy(letter, 'vni');
    // VNI keeps ì and í where Latin-1 has them; every other letter changes.
    expect(legacy === letter).toBe(['ì', 'í', 'Ì', 'Í'].includes(letter));
    expect([...legacy].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(legacy.length).toBeLessThanOrEqual(2);
    expect(convertLegacy(legacy, 'vni')).toBe(letter);
  });

  it.each([...LOWER, ...TCVN3_CAPITALS])('tcvn3: %s', (letter) => {
    const legacy = encodeLegacy(letter, 'tcvn3');
    expect(legacy).toHaveLength(1);
    expect(legacy.charCodeAt(0)).toBeGreaterThanOrEqual(0xa1);
    expect(legacy.charCodeAt(0)).toBeLessThanOrEqual(0xfe);
    expect(convertLegacy(legacy, 'tcvn3')).toBe(letter);
  });

  it('tcvn3: toned capitals fall back to their lower-case byte', () => {
    const toned = UPPER.filter((l) => !TCVN3_CAPITALS.includes(l));
    expect(toned).toHaveLength(134 / 2 - TCVN3_CAPITALS.length);
    for (const letter of toned) {
      expect(convertLegacy(encodeLegacy(letter, 'tcvn3'), 'tcvn3')).toBe(letter.toLowerCase());
    }
  });

  it('gives every letter its own code', () => {
    const vni = new Set(LETTERS.map((l) => encodeLegacy(l, 'vni')));
    expect(vni.size).toBe(134);
    const tcvn3 = new Set([...LOWER, ...TCVN3_CAPITALS].map((l) => encodeLegacy(l, 'tcvn3')));
    expect(tcvn3.size).toBe(LOWER.length + TCVN3_CAPITALS.length);
  });

  it('decodes a whole alphabet run without sequences bleeding into each other', () => {
    const all = LETTERS.join('');
    expect(convertLegacy(encodeLegacy(all, 'vni'), 'vni')).toBe(all);
    const tcvn = [...LOWER, ...TCVN3_CAPITALS].join('');
    expect(convertLegacy(encodeLegacy(tcvn, 'tcvn3'), 'tcvn3')).toBe(tcvn);
  });

  it('round-trips random Vietnamese text', () => {
    const ascii = 'abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY 0123456789,.-'.split('');
    const text = (pool: string[]) =>
      fc.array(fc.constantFrom(...pool), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text([...ascii, ...LETTERS]), (s) => convertLegacy(encodeLegacy(s, 'vni'), 'vni') === s),
    );
    fc.assert(
      fc.property(
        text([...ascii, ...LOWER, ...TCVN3_CAPITALS]),
        (s) => convertLegacy(encodeLegacy(s, 'tcvn3'), 'tcvn3') === s,
      ),
    );
  });

  it('encodes the sample phrases back to their legacy spelling', () => {
    expect(encodeLegacy('Cộng hòa xã hội chủ nghĩa Việt Nam', 'tcvn3')).toBe('Céng hßa x· héi chñ nghÜa ViÖt Nam');
    expect(encodeLegacy('Trường Trung học cơ sở', 'tcvn3')).toBe('Tr\xADêng Trung häc c¬ së');
    expect(encodeLegacy('Cộng hòa xã hội chủ nghĩa Việt Nam', 'vni')).toBe('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
    expect(encodeLegacy('Trường', 'vni')).toBe('Tröôøng');
  });
});

describe('looksLegacy', () => {
  it.each([
    ['Tr\xADêng Trung häc', 'tcvn3'],
    ['Tr\xADêng Trung häc c¬ së', 'tcvn3'],
    ['Céng hßa x· héi chñ nghÜa ViÖt Nam', 'tcvn3'],
    ['\xA7\xE9c l\xCBp - T\xF9 do - H\xB9nh ph\xF3c', 'tcvn3'],
    ['Ph\xDFng GD&\xA7T huy\xD6n', 'tcvn3'],
    ['\xA7i\xD3m t\xF9 ch\xCAm: 85,5', 'tcvn3'],
    ['Tröôøng', 'vni'],
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'vni'],
    ['Sôû Giaùo duïc vaø Ñaøo taïo', 'vni'],
    ['TRÖÔØNG THCS NGUYEÃN TRAÕI', 'vni'],
    ['Ñieåm töï chaám: 85,5', 'vni'],
    // Names, where the telling bytes are few.
    ['TrÇn ThÞ Hoa', 'tcvn3'],
    ['Lª V¨n T¸m', 'tcvn3'],
    ['Traàn Thò Hoa', 'vni'],
    ['Nguyeãn Vaên An', 'vni'],
  ] as const)('%j → %s', (text, enc) => {
    expect(looksLegacy(text)).toBe(enc);
  });

  it.each([
    ['Sở Giáo dục và Đào tạo'],
    ['Nguyễn Thị Mai'],
    ['Trường Trung học cơ sở'],
    ['Hôtel Müller'],
    ['HÔTEL DE LA CÔTE'],
    ['Café crème à la française'],
    ['Größe der Straße, Übung für José'],
    ['Señor Núñez'],
    ['où où'],
    ['mãe não, på'],
    ['aún aún más'],
    ['Raphaël Maëlle'],
    ['85,5'],
    ['1.234,50 €'],
    ['Hello world'],
    ['UBND xã'],
    [''],
    // Vietnamese whose accented letters all happen to lie in Latin-1.
    ['ô tô'],
    ['Cô Tâm'],
    ['Tôi là giáo viên'],
    ['Ghi chú'],
    ['Nguyễn Văn An'.normalize('NFD')],
    // A single telling byte is not enough.
    ['häc'],
  ])('%j → undefined', (text) => {
    expect(looksLegacy(text)).toBeUndefined();
  });

  it('agrees with convertLegacy on what it detects', () => {
    const text = 'Céng hßa x· héi chñ nghÜa ViÖt Nam';
    const enc = looksLegacy(text);
    expect(enc).toBeDefined();
    expect(convertLegacy(text, enc!)).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
  });
});
