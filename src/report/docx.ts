import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Lang } from '../diagnostics/messages.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import { awardsText, awardStatus, decisionsOf, decisionText, placeDateLine } from './decision-words.js';
import type { ReportModel } from './model.js';
import { classTitle, countText, percentText, pointsText } from './words.js';

/** The file `score` writes beside results.xlsx (SPEC §13). */
export const REPORT_DOCX = 'bao-cao.docx';

/** Roster tiers with more units than this appear as statistics, not lists (SPEC §13). */
export const REPORT_LIST_MAX = 1000;

// Decree 30/2020/NĐ-CP, Appendix I: A4; margins top/bottom 20–25 mm, left 30–35 mm, right
// 15–20 mm; Times New Roman 13–14 pt. Twips (1/1440 inch) and half-points, as OOXML counts.
const MM = 1440 / 25.4;
export const PAGE = { width: 11906, height: 16838, top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } as const;
/** Width of the text between the margins. */
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const FONT = 'Times New Roman';
const BODY = 28; // 14 pt
const SMALL = 26; // 13 pt
const TABLE = 24; // 12 pt in tables, as boards print them
const INDENT = Math.round(12.7 * MM); // first line, 1.27 cm

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const LINES = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

interface W {
  motto1: string;
  motto2: string;
  number: string;
  kind: string;
  subject: (phase: string) => string;
  results: string;
  counts: (t: TierResult, lang: Lang) => string;
  classes: string;
  units: string;
  share: string;
  ranking: string;
  block: string;
  noBlock: string;
  stt: string;
  rank: string;
  unit: string;
  points: string;
  cls: string;
  awards: string;
  decisions: string;
  noDecisions: string;
  statsOnly: (n: string) => string;
  awardsSection: string;
  awardLine: (title: string, n: string) => string;
  annex: string;
  annexTitle: string;
  annexOf: string;
  status: string;
  noneProposed: string;
  annexCount: (n: string) => string;
  recipients: string;
  recipientList: string[];
  on: string;
  sign: string;
  head: string;
}

const VI: W = {
  motto1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto2: 'Độc lập - Tự do - Hạnh phúc',
  number: 'Số:        /BC-',
  kind: 'BÁO CÁO',
  subject: (phase) => `Kết quả chấm điểm, xếp loại thi đua ${phase}`,
  results: 'KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI',
  counts: (t, lang) => {
    const s = t.stats;
    return `Số đơn vị đăng ký: ${s.registered === null ? '–' : countText(s.registered, lang)}; đã nộp: ${countText(s.submitted, lang)}; chấm được: ${countText(s.scored, lang)}; bị loại: ${countText(s.rejected, lang)}; chưa nộp: ${countText(s.not_submitted, lang)}${s.mean === null ? '' : `; điểm trung bình: ${pointsText(s.mean, lang)}/${pointsText(t.tier.max, lang)} điểm`}.`;
  },
  classes: 'Phân bố xếp loại',
  units: 'Số đơn vị',
  share: 'Tỷ lệ',
  ranking: 'Bảng xếp hạng',
  block: 'Khối',
  noBlock: '(không thuộc khối)',
  stt: 'STT',
  rank: 'Hạng',
  unit: 'Tên đơn vị',
  points: 'Tổng điểm',
  cls: 'Xếp loại',
  awards: 'Khen thưởng',
  decisions: 'QUYẾT ĐỊNH CỦA HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG',
  noDecisions: 'Các hình thức khen thưởng trong báo cáo là đề nghị, trình Hội đồng Thi đua – Khen thưởng xem xét, quyết định.',
  statsOnly: (n) => `Đối tượng có ${n} đơn vị: báo cáo nêu số liệu tổng hợp; danh sách đầy đủ trong results.xlsx và results.json.`,
  awardsSection: 'Đề nghị khen thưởng',
  awardLine: (title, n) => `${title}: ${n} đơn vị (danh sách tại Phụ lục).`,
  annex: 'Phụ lục',
  annexTitle: 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
  annexOf: '(Kèm theo Báo cáo kết quả chấm điểm, xếp loại thi đua)',
  status: 'Đề nghị / Quyết định',
  noneProposed: 'Không có đơn vị nào.',
  annexCount: (n) => `${n} đơn vị; danh sách đầy đủ trong results.json (award_lists) và results.xlsx.`,
  recipients: 'Nơi nhận:',
  recipientList: ['- Như trên;', '- Hội đồng Thi đua – Khen thưởng;', '- Lưu: VT.'],
  on: 'TM.',
  sign: '(Ký, ghi rõ họ tên, đóng dấu)',
  head: 'THỦ TRƯỞNG CƠ QUAN',
};

const EN: W = {
  motto1: 'SOCIALIST REPUBLIC OF VIET NAM',
  motto2: 'Independence - Freedom - Happiness',
  number: 'No.:        /BC-',
  kind: 'REPORT',
  subject: (phase) => `Results of the emulation scoring and classification, ${phase}`,
  results: 'SCORES AND CLASSES',
  counts: (t, lang) => {
    const s = t.stats;
    return `Units registered: ${s.registered === null ? '–' : countText(s.registered, lang)}; received: ${countText(s.submitted, lang)}; scored: ${countText(s.scored, lang)}; rejected: ${countText(s.rejected, lang)}; not submitted: ${countText(s.not_submitted, lang)}${s.mean === null ? '' : `; mean: ${pointsText(s.mean, lang)}/${pointsText(t.tier.max, lang)} points`}.`;
  },
  classes: 'Classes',
  units: 'Units',
  share: 'Share',
  ranking: 'Ranking',
  block: 'Block',
  noBlock: '(no block)',
  stt: 'No.',
  rank: 'Rank',
  unit: 'Unit',
  points: 'Total',
  cls: 'Class',
  awards: 'Awards',
  decisions: "THE EMULATION COUNCIL'S DECISIONS",
  noDecisions: 'The awards in this report are proposals for the emulation council to decide.',
  statsOnly: (n) => `The tier has ${n} units: the report gives statistics; the full list is in results.xlsx and results.json.`,
  awardsSection: 'Awards proposed',
  awardLine: (title, n) => `${title}: ${n} units (listed in the annex).`,
  annex: 'Annex',
  annexTitle: 'LIST OF UNITS PROPOSED FOR AWARDS',
  annexOf: '(Attached to the report on the emulation results)',
  status: 'Proposed / decided',
  noneProposed: 'No unit.',
  annexCount: (n) => `${n} units; the full list is in results.json (award_lists) and results.xlsx.`,
  recipients: 'To:',
  recipientList: ['- As above;', '- The emulation council;', '- Archive.'],
  on: 'ON BEHALF OF',
  sign: '(Signature, full name, seal)',
  head: 'HEAD OF THE BODY',
};

function run(text: string, o: { bold?: boolean; italics?: boolean; size?: number; break?: number } = {}): TextRun {
  return new TextRun({ text, font: FONT, size: o.size ?? BODY, ...(o.bold ? { bold: true } : {}), ...(o.italics ? { italics: true } : {}), ...(o.break ? { break: o.break } : {}) });
}

function para(text: string, o: { bold?: boolean; italics?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; before?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, o)],
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60, line: 276 },
    ...(o.indent ? { indent: { firstLine: INDENT } } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
  });
}

const centered = (text: string, o: Parameters<typeof para>[1] = {}): Paragraph => para(text, { ...o, align: AlignmentType.CENTER, after: o.after ?? 0 });

/** A short rule under a centred line (the issuing body, the motto): a bottom border on an indented empty paragraph. */
function rule(inset: number): Paragraph {
  return new Paragraph({ children: [], border: { bottom: LINE }, indent: { left: inset, right: inset }, spacing: { after: 120 } });
}

function cell(text: string, width: number, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [new Paragraph({ alignment: o.align ?? AlignmentType.LEFT, children: [run(text, { size: o.size ?? TABLE, ...(o.bold ? { bold: true } : {}) })] })],
  });
}

/** A framed table with a header row repeated on every page; widths in twips summing to the text width. */
function table(head: string[], rows: string[][], widths: number[], align: ((typeof AlignmentType)[keyof typeof AlignmentType])[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const w = widths.map((x) => Math.floor((x * TEXT_WIDTH) / total));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: LINES,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, w[i]!, { bold: true, align: AlignmentType.CENTER })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, w[i]!, { align: align[i] ?? AlignmentType.LEFT })) })),
    ],
  });
}

/** The two-column head of the document: issuing body and number left, motto and place-date right. */
function documentHead(m: ReportModel, w: W): Table {
  // the motto's first line (12 pt bold capitals) needs about 9.5 cm: the right column is the wider
  const left = Math.round(TEXT_WIDTH * 0.36);
  const right = TEXT_WIDTH - left;
  const lang = m.meta.lang;
  const mv = m.criteria.movement as typeof m.criteria.movement & { place?: string };
  const twoCell = (children: Paragraph[], width: number): TableCell => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          twoCell([centered(mv.issuer.toLocaleUpperCase('vi'), { bold: true, size: SMALL }), rule(Math.round(left * 0.32)), centered(w.number, { size: SMALL })], left),
          twoCell(
            [
              centered(w.motto1, { bold: true, size: 24 }),
              centered(w.motto2, { bold: true, size: BODY }),
              rule(Math.round(right * 0.25)),
              centered(placeDateLine(mv.place, m.meta.date, lang), { italics: true, size: BODY }),
            ],
            right,
          ),
        ],
      }),
    ],
  });
}

function blockName(b: string, w: W): string {
  return b === '' ? w.noBlock : b;
}

/** Units of a tier by block, in listing order. */
function byBlock(t: TierResult): Map<string, ScoredUnit[]> {
  const out = new Map<string, ScoredUnit[]>();
  for (const u of t.units) {
    if (u.status !== 'scored') continue;
    const key = t.tier.rankBy === 'block' ? u.block : '';
    const list = out.get(key);
    if (list) list.push(u);
    else out.set(key, [u]);
  }
  return out;
}

function tierSection(m: ReportModel, t: TierResult, n: number, w: W, out: (Paragraph | Table)[]): void {
  const lang = m.meta.lang;
  const tier = t.tier;
  out.push(para(`${n}. ${tier.title}`, { bold: true, before: 120, keepNext: true }));
  out.push(para(w.counts(t, lang), { indent: true }));
  // class distribution
  out.push(para(`${w.classes}:`, { italics: true, keepNext: true, indent: true }));
  out.push(
    table(
      [w.cls, w.units, w.share],
      tier.classes.map((c) => {
        const k = t.stats.classes[c.id] ?? 0;
        return [c.title, countText(k, lang), t.stats.scored ? percentText(k, t.stats.scored, lang) : '–'];
      }),
      [60, 20, 20],
      [AlignmentType.LEFT, AlignmentType.RIGHT, AlignmentType.RIGHT],
    ),
  );
  const list = tier.layout === 'form' || t.units.length <= REPORT_LIST_MAX;
  if (!list) {
    out.push(para(w.statsOnly(countText(t.units.length, lang)), { indent: true, before: 60 }));
  } else {
    for (const [block, units] of byBlock(t)) {
      out.push(para(`${w.ranking}${tier.rankBy === 'block' ? ` – ${w.block}: ${blockName(block, w)}` : ''}`, { italics: true, keepNext: true, indent: true, before: 120 }));
      out.push(
        table(
          [w.rank, w.unit, w.points, w.cls, w.awards],
          units.map((u) => [String(u.rank ?? '–'), u.name, u.total === null ? '–' : pointsText(u.total, lang), classTitle(tier, u.classId), awardsText(tier, u.awards, decisionsOf(t, u), lang)]),
          [10, 36, 13, 21, 26],
          [AlignmentType.CENTER, AlignmentType.LEFT, AlignmentType.RIGHT, AlignmentType.LEFT, AlignmentType.LEFT],
        ),
      );
    }
  }
  if (tier.awards.length) {
    out.push(para(`${w.awardsSection}:`, { italics: true, keepNext: true, indent: true, before: 120 }));
    for (const a of tier.awards) out.push(para(`- ${w.awardLine(a.title, countText(t.stats.awards[a.id] ?? 0, lang))}`, { indent: true }));
  }
}

/** One annex table per award of every tier: the units that hold it, proposed or decided. */
function annex(m: ReportModel, w: W): (Paragraph | Table)[] {
  const lang = m.meta.lang;
  const out: (Paragraph | Table)[] = [];
  let k = 0;
  for (const t of m.tiers) {
    const tier = t.tier;
    const big = tier.layout === 'roster' && t.units.length > REPORT_LIST_MAX;
    // only the units the lists name: a roster may hold a million
    const wanted = new Set(t.awardLists.flatMap((l) => [...l.units, ...(l.decided ?? []).map((d) => d.unit)]));
    const place = new Map<string, ScoredUnit>();
    if (wanted.size && !big) for (const u of t.units) if (wanted.has(u.id) && u.status === 'scored') place.set(u.id, u);
    for (const a of tier.awards) {
      k++;
      if (out.length) out.push(new Paragraph({ children: [], pageBreakBefore: true }));
      out.push(centered(`${w.annex} ${toRoman(k)}`, { bold: true }));
      out.push(centered(w.annexTitle, { bold: true }));
      out.push(centered(`${a.title} – ${tier.title}`, { bold: true }));
      out.push(centered(w.annexOf, { italics: true, after: 200 }));
      if (big) {
        // a roster over 1,000 units: the count, the list is in results.json (award_lists)
        out.push(para(w.annexCount(countText(t.stats.awards[a.id] ?? 0, lang)), { indent: true }));
        continue;
      }
      const rows: string[][] = [];
      const withBlock = tier.rankBy === 'block' && t.blocks.some((b) => b !== '');
      for (const l of t.awardLists) {
        if (l.award !== a.id) continue;
        const decided = new Map((l.decided ?? []).map((d) => [d.unit, d]));
        const ids = [...l.units, ...(l.decided ?? []).filter((d) => !d.grant).map((d) => d.unit)];
        for (const id of ids) {
          const u = place.get(id);
          if (!u) continue;
          const d = decided.get(id);
          rows.push([
            String(rows.length + 1),
            u.name,
            ...(withBlock ? [blockName(u.block, w)] : []),
            u.total === null ? '–' : pointsText(u.total, lang),
            classTitle(tier, u.classId),
            String(u.rank ?? '–'),
            d ? `${awardStatus(d, lang)}: ${d.reason}` : awardStatus(undefined, lang),
          ]);
        }
      }
      if (!rows.length) {
        out.push(para(w.noneProposed, { indent: true }));
        continue;
      }
      const head = [w.stt, w.unit, ...(withBlock ? [w.block] : []), w.points, w.cls, w.rank, w.status];
      const widths = withBlock ? [7, 27, 16, 12, 16, 10, 22] : [7, 36, 13, 18, 10, 26];
      const align = withBlock
        ? [AlignmentType.CENTER, AlignmentType.LEFT, AlignmentType.LEFT, AlignmentType.RIGHT, AlignmentType.LEFT, AlignmentType.CENTER, AlignmentType.LEFT]
        : [AlignmentType.CENTER, AlignmentType.LEFT, AlignmentType.RIGHT, AlignmentType.LEFT, AlignmentType.CENTER, AlignmentType.LEFT];
      out.push(table(head, rows, widths, align));
    }
  }
  return out;
}

function toRoman(n: number): string {
  const r: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, l] of r) while (n >= v) (s += l), (n -= v);
  return s;
}

/** "Nơi nhận" bottom left, the signature block bottom right, in a borderless table. */
function signature(m: ReportModel, w: W): Table {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const right = TEXT_WIDTH - left;
  const issuer = m.criteria.movement.issuer.toLocaleUpperCase('vi');
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [new Paragraph({ children: [run(w.recipients, { bold: true, italics: true, size: 24 })] }), ...w.recipientList.map((r) => new Paragraph({ children: [run(r, { size: 22 })] }))],
          }),
          new TableCell({
            width: { size: right, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [centered(`${w.on} ${issuer}`, { bold: true }), centered(w.head, { bold: true }), centered(w.sign, { italics: true, size: 24 }), centered(' '), centered(' '), centered(' '), centered('……………………………', { bold: true })],
          }),
        ],
      }),
    ],
  });
}

/** Page numbers centred in the header from the second page (Decree 30/2020). */
function pageHeaders(): ISectionOptions['headers'] {
  return {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SMALL })] })] }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

/**
 * bao-cao.docx (SPEC §13): the phase report in the layout of Vietnamese administrative
 * documents, made with the `docx` package. The same inputs give the same bytes: the core
 * properties carry the report date (or 2000-01-01, as results.xlsx), never the clock, and the
 * package is zipped again with that date on every entry.
 */
export async function reportDocx(m: ReportModel): Promise<Uint8Array> {
  const lang = m.meta.lang;
  const w = lang === 'vi' ? VI : EN;
  const phase = m.criteria.phases.find((p) => p.id === m.meta.phase);
  const body: (Paragraph | Table)[] = [documentHead(m, w)];
  body.push(centered(w.kind, { bold: true, before: 360 }));
  body.push(centered(w.subject(phase?.title ?? m.meta.phase), { bold: true }));
  body.push(centered(m.criteria.movement.title, { bold: true, after: 60 }));
  body.push(new Paragraph({ children: [], border: { bottom: LINE }, indent: { left: Math.round(TEXT_WIDTH * 0.4), right: Math.round(TEXT_WIDTH * 0.4) }, spacing: { after: 240 } }));
  body.push(para(`I. ${w.results}`, { bold: true, keepNext: true }));
  m.tiers.forEach((t, i) => tierSection(m, t, i + 1, w, body));
  const decided = m.tiers.flatMap((t) => (t.decisions?.size ? t.units.flatMap((u) => decisionsOf(t, u).map((d) => ({ t, u, d }))) : []));
  body.push(para(`II. ${w.decisions}`, { bold: true, keepNext: true, before: 240 }));
  if (!decided.length) body.push(para(w.noDecisions, { indent: true }));
  for (const { t, u, d } of decided) body.push(para(`- ${u.name} (${u.id}): ${decisionText(t.tier, d, lang)}.`, { indent: true }));
  body.push(para(' ', { after: 120 }));
  body.push(signature(m, w));
  const page = { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: Math.round(10 * MM), footer: Math.round(10 * MM) } };
  const sections: ISectionOptions[] = [{ properties: { page, titlePage: true }, headers: pageHeaders(), children: body }];
  const annexes = annex(m, w);
  if (annexes.length) sections.push({ properties: { page, type: SectionType.NEXT_PAGE }, headers: pageHeaders(), children: annexes });
  const title = `${w.kind} – ${m.criteria.movement.title}`;
  const doc = new Document({
    creator: m.meta.tool.name,
    title,
    description: w.subject(phase?.title ?? m.meta.phase),
    lastModifiedBy: m.meta.tool.name,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections,
  });
  const when = new Date(`${m.meta.date ?? '2000-01-01'}T00:00:00Z`);
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(title, m.meta.tool.name, when) }]);
  return rezip(packed, when);
}

const xmlEscape = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** docProps/core.xml with fixed timestamps (the package writes the clock's). */
function coreXml(title: string, creator: string, when: Date): string {
  const t = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(creator)}</dc:creator><cp:lastModifiedBy>${xmlEscape(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${t}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${t}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * The package again, every entry dated `when` (zip stores a local time per entry, and the
 * package writes the clock's), in the same order, so that a re-run gives the same bytes.
 */
function rezip(data: Uint8Array, when: Date): Uint8Array {
  const files = unzipSync(data);
  // zip dates are local times from 1980 on: the date's own fields, whatever the time zone
  const local = new Date(Math.max(1980, when.getUTCFullYear()), when.getUTCMonth(), when.getUTCDate(), 12, 0, 0);
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) out[name] = [bytes, { mtime: local, level: 6 }];
  return zipSync(out);
}
