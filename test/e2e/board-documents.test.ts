import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_BUILD, ROOT, thidua } from './run.js';

/**
 * The documents a board signs (SPEC §13, issue 19), checked by tools that are not ours:
 * LibreOffice converts bao-cao.docx and results.xlsx to PDF, poppler's pdfinfo and pdftotext
 * read the PDFs, and the docx is unzipped and its XML read here, not by the `docx` package.
 */
const EXAMPLE = join(ROOT, 'examples', 'gia-lai-hoc-tap-suot-doi');
const tool = (cmd: string, arg = '--version'): boolean => spawnSync(cmd, [arg], { encoding: 'utf8' }).status === 0;
const SOFFICE = ['soffice', 'libreoffice'].find((c) => tool(c));
const POPPLER = tool('pdfinfo', '-v') && tool('pdftotext', '-v');
const SKIP = !HAS_BUILD || !SOFFICE || !POPPLER;
const WHY = SKIP ? ` (skipped: ${!SOFFICE ? 'LibreOffice is not installed' : !POPPLER ? 'poppler-utils (pdfinfo, pdftotext) is not installed' : 'no build'}; .ci/run installs libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils)` : '';

/** LibreOffice's PDF of a file, or an error that says why (a missing Writer or Calc component). */
function toPdf(file: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], { encoding: 'utf8', timeout: 300_000 });
  const pdf = join(outDir, file.split('/').pop()!.replace(/\.\w+$/, '.pdf'));
  if (r.status !== 0 || !readdirSync(outDir).includes(pdf.split('/').pop()!)) throw new Error(`LibreOffice could not convert ${file} (is libreoffice-writer-nogui installed?): ${r.stderr}${r.stdout}`);
  return pdf;
}

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

/** Each page's words with their heights, from `pdftotext -bbox`. */
function pageWords(pdf: string): { word: string; height: number }[][] {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  return html
    .split('<page ')
    .slice(1)
    .map((p) => [...p.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ word: m[3]!, height: Number(m[2]) - Number(m[1]) })));
}

describe.skipIf(SKIP)(`bao-cao.docx and the printed ranking${WHY}`, () => {
  let out = '';
  let pdfDir = '';
  let results: { tiers: { id: string; units: { id: string; name: string }[]; award_lists: { units: string[] }[] }[] };
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'thidua-docs-'));
    pdfDir = mkdtempSync(join(tmpdir(), 'thidua-pdf-'));
    const r = thidua(['score', '-o', out, '--date', '2025-12-15', '--quiet'], EXAMPLE);
    expect([0, 1]).toContain(r.code);
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  }, 180_000);

  it('LibreOffice opens bao-cao.docx: A4 pages, the national motto, the title, the date line, every proposed unit of the annex', () => {
    const pdf = toPdf(join(out, 'bao-cao.docx'), pdfDir);
    const info = run('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    // every page A4 portrait (595 × 842 pt)
    const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), pdf]).match(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)!;
    expect(sizes).toHaveLength(pages);
    for (const s of sizes) {
      const [w, h] = s.replace(/.*size:\s+/, '').split(' x ').map(Number);
      expect(Math.abs(w! - 595.3)).toBeLessThan(1);
      expect(Math.abs(h! - 841.9)).toBeLessThan(1);
    }
    const text = run('pdftotext', ['-layout', pdf, '-']).replace(/[ \t]+/g, ' ');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(flat).toContain('BÁO CÁO');
    expect(flat).toContain('Gia Lai, ngày 15 tháng 12 năm 2025');
    expect(flat).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(flat).toContain('Nơi nhận:');
    // the annex in the order LibreOffice wrote it, cell by cell (the layout mode interleaves wrapped cells)
    const raw = run('pdftotext', ['-raw', pdf, '-']);
    const annex = raw.slice(raw.indexOf('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'));
    const proposed = results.tiers.flatMap((t) => t.award_lists.flatMap((l) => l.units.map((id) => t.units.find((u) => u.id === id)!.name)));
    expect(proposed.length).toBeGreaterThan(5);
    // a name may wrap inside its cell: compared without spaces
    const squeezed = annex.replace(/\s+/g, '');
    for (const name of proposed) expect(squeezed, name).toContain(name.replace(/\s+/g, ''));
  }, 300_000);

  it('an independent reader finds A4, the margins of Decree 30/2020 and Times New Roman 13–14 pt', () => {
    const files = unzipSync(new Uint8Array(readFileSync(join(out, 'bao-cao.docx'))));
    const doc = strFromU8(files['word/document.xml']!);
    const styles = strFromU8(files['word/styles.xml']!);
    const twipsToMm = (t: number): number => (t / 1440) * 25.4;
    const sections = [...doc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) {
      const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(s)!;
      expect([Number(size[1]), Number(size[2])]).toEqual([11906, 16838]);
      const attr = (k: string): number => twipsToMm(Number(new RegExp(`<w:pgMar[^>]*w:${k}="(\\d+)"`).exec(s)![1]));
      expect(attr('top')).toBeGreaterThanOrEqual(19.9);
      expect(attr('top')).toBeLessThanOrEqual(25.1);
      expect(attr('bottom')).toBeGreaterThanOrEqual(19.9);
      expect(attr('bottom')).toBeLessThanOrEqual(25.1);
      expect(attr('left')).toBeGreaterThanOrEqual(29.9);
      expect(attr('left')).toBeLessThanOrEqual(35.1);
      expect(attr('right')).toBeGreaterThanOrEqual(14.9);
      expect(attr('right')).toBeLessThanOrEqual(20.1);
    }
    // the document default: Times New Roman 14 pt (28 half-points)
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/);
    expect(defaults).toContain('<w:sz w:val="28"/>');
    // every run names Times New Roman; body text is 13 or 14 pt, tables and the list of recipients 11–12 pt
    const fonts = new Set([...doc.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    const sizes = new Set([...doc.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2));
    for (const s of sizes) expect([11, 12, 13, 14]).toContain(s);
    expect(sizes.has(14)).toBe(true);
  });

  it('the same inputs give the same bytes (no clock in the core properties or the zip)', () => {
    const again = mkdtempSync(join(tmpdir(), 'thidua-docs2-'));
    thidua(['score', '-o', again, '--date', '2025-12-15', '--quiet'], EXAMPLE);
    expect(readFileSync(join(again, 'bao-cao.docx')).equals(readFileSync(join(out, 'bao-cao.docx')))).toBe(true);
    const core = strFromU8(unzipSync(new Uint8Array(readFileSync(join(out, 'bao-cao.docx'))))['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-15T00:00:00Z</dcterms:created>');
  }, 180_000);

  it('is in English with --lang en, the date as a person reads it there', () => {
    const en = mkdtempSync(join(tmpdir(), 'thidua-docs-en-'));
    thidua(['score', '-o', en, '--date', '2025-12-15', '--lang', 'en', '--quiet'], EXAMPLE);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(en, 'bao-cao.docx'))))['word/document.xml']!).replace(/<[^>]+>/g, '');
    for (const s of ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness', 'Gia Lai, 15 December 2025', 'REPORT', 'LIST OF UNITS PROPOSED FOR AWARDS']) expect(xml).toContain(s);
    expect(xml).not.toContain('Nơi nhận');
  }, 180_000);

  it('the ranking sheets of results.xlsx print at 9 pt or more on A4 (pdftotext word heights, calibrated on the report)', () => {
    // calibration: LibreOffice's Times New Roman (Liberation Serif) word box is a fixed multiple
    // of the font size; the report's "BÁO CÁO" is 14 pt
    const report = pageWords(join(pdfDir, 'bao-cao.pdf'))[0]!;
    const perPoint = report.find((w) => w.word === 'BÁO')!.height / 14;
    expect(perPoint).toBeGreaterThan(1);
    const pdf = toPdf(join(out, 'results.xlsx'), pdfDir);
    const pages = pageWords(pdf);
    // a ranking page: its header row holds the reasons column
    const ranking = pages.filter((p) => p.some((w) => w.word === 'Giải') && p.some((w) => w.word === 'trình') && p.some((w) => w.word === 'Hạng'));
    expect(ranking.length).toBeGreaterThanOrEqual(5);
    for (const p of ranking) {
      const smallest = Math.min(...p.map((w) => w.height)) / perPoint;
      expect(smallest).toBeGreaterThanOrEqual(9);
    }
    // A4 landscape
    expect(run('pdfinfo', [pdf])).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
  }, 300_000);
});
