import { childTiers, isPhaseGroup, resolveTier, type PhaseGroup, type PhaseItem, type PhaseTier } from '../criteria/model.js';
import { tierDigest } from '../criteria/digest.js';
import type { Lang } from '../diagnostics/messages.js';
import type { CriteriaFile } from '../generated/criteria.js';
import { formatHundredths, hundredths } from '../util/decimal.js';
import type { Unit } from '../units/load.js';
import { uniqueFileNames } from './file-names.js';
import { colName, type CellModel, type CellStyle, type DataValidationModel, type RowModel, type SheetModel, type WorkbookModel } from '../workbook/write/index.js';

/** Format id written into `_thidua`, so a reader knows the workbook came from here. */
export const TEMPLATE_FORMAT = 'thidua.template/v1';

export interface TemplateFile {
  /** File name (no folder), safe on Windows. */
  name: string;
  model: WorkbookModel;
}

export interface TemplateOptions {
  criteria: CriteriaFile;
  tier: string;
  phase: string;
  units: Unit[] | null;
  lang: Lang;
  /** Fixed creation date of the workbooks (determinism). */
  date: Date;
  /** Empty rows offered in a roster without registered units. */
  rosterRows?: number;
  /** Values written in, for the bundled example and tests. */
  fill?: TemplateFill;
}

/** Values to write into templates (the bundled example's submissions are made this way). */
export interface TemplateFill {
  form?: (unit: string, item: PhaseItem) => { value?: string | number | null; self?: number | null } | undefined;
  /** Roster rows; `parent` fills the Cấp trên column, written when another tier rolls this one up. */
  roster?: { id: string; name: string; block: string; parent?: string; values: (string | number | null)[] }[];
}

const W = {
  vi: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập – Tự do – Hạnh phúc',
    formTitle: 'BẢNG TỰ CHẤM ĐIỂM THI ĐUA',
    rosterTitle: 'DANH SÁCH TỰ CHẤM ĐIỂM THI ĐUA',
    unitId: 'Mã đơn vị:',
    unitName: 'Tên đơn vị:',
    tier: 'Đối tượng thi đua:',
    phase: 'Giai đoạn:',
    block: 'Khối:',
    head: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số liệu báo cáo', 'Điểm tự chấm', 'Điểm thẩm định', 'Minh chứng, ghi chú'],
    rosterHead: ['Mã đơn vị', 'Tên', 'Khối'],
    parentHead: 'Cấp trên',
    total: 'Tổng cộng',
    yes: 'Có',
    no: 'Không',
    place: '…………, ngày …… tháng …… năm ……',
    maker: 'NGƯỜI LẬP BIỂU',
    head2: 'THỦ TRƯỞNG ĐƠN VỊ',
    sign: '(Ký, ghi rõ họ tên)',
    signSeal: '(Ký, ghi rõ họ tên, đóng dấu)',
    guide: 'Hướng dẫn: chỉ nhập vào các ô nền vàng; không sửa cột Mã. Tỷ lệ nhập số từ 0 đến 100 (85,5 hoặc 85,5%); Có/Không chọn từ danh sách.',
    hint: { yes_no: 'Có/Không', percent: '%', count: 'số lượng', number: 'số', points: 'điểm', choice: 'chọn một mức', cases: 'tự tính từ các tiêu chí khác' } as Record<string, string>,
    computed: 'tự tính',
    info: 'chỉ ghi nhận, không tính điểm',
    levels: 'Các mức',
    pointsWord: 'điểm',
    inputTitle: 'Nhập số liệu',
    rolledUp: (tier: string) => `tính từ kết quả ${tier}`,
    errorTitle: 'Giá trị không hợp lệ',
    msg: {
      yes_no: 'Chọn Có hoặc Không.',
      choice: 'Chọn một mức trong danh sách.',
      percent: 'Nhập tỷ lệ % từ 0 đến 100 (vd 85,5).',
      count: 'Nhập số nguyên không âm.',
      number: 'Nhập một số.',
      points: (max: string) => `Nhập số điểm từ 0 đến ${max}.`,
      self: (max: string) => `Điểm tự chấm từ 0 đến ${max}.`,
    },
  },
  en: {
    nation: 'SOCIALIST REPUBLIC OF VIETNAM',
    motto: 'Independence – Freedom – Happiness',
    formTitle: 'EMULATION SELF-ASSESSMENT',
    rosterTitle: 'EMULATION SELF-ASSESSMENT ROSTER',
    unitId: 'Unit id:',
    unitName: 'Unit name:',
    tier: 'Tier:',
    phase: 'Phase:',
    block: 'Block:',
    head: ['Code', 'Criterion', 'Max points', 'Reported value', 'Self points', 'Assessed points', 'Evidence, notes'],
    rosterHead: ['Unit id', 'Name', 'Block'],
    parentHead: 'Parent unit',
    total: 'Total',
    yes: 'Yes',
    no: 'No',
    place: '…………, date ……………',
    maker: 'PREPARED BY',
    head2: 'HEAD OF UNIT',
    sign: '(Signature, full name)',
    signSeal: '(Signature, full name, seal)',
    guide: 'Fill in the yellow cells only; do not change the Code column. Percentages 0–100; yes/no from the list.',
    hint: { yes_no: 'yes/no', percent: '%', count: 'count', number: 'number', points: 'points', choice: 'pick a level', cases: 'computed from other items' } as Record<string, string>,
    computed: 'computed',
    info: 'recorded, not scored',
    levels: 'Levels',
    pointsWord: 'points',
    inputTitle: 'Enter the figure',
    rolledUp: (tier: string) => `computed from the results of ${tier}`,
    errorTitle: 'Invalid value',
    msg: {
      yes_no: 'Choose Yes or No.',
      choice: 'Pick one level from the list.',
      percent: 'A percentage from 0 to 100.',
      count: 'A whole number, 0 or more.',
      number: 'A number.',
      points: (max: string) => `Points from 0 to ${max}.`,
      self: (max: string) => `Self points from 0 to ${max}.`,
    },
  },
};

const S = {
  bold: { bold: true } satisfies CellStyle,
  nation: { bold: true, hAlign: 'center' } satisfies CellStyle,
  motto: { bold: true, underline: true, hAlign: 'center' } satisfies CellStyle,
  title: { bold: true, fontSize: 14, hAlign: 'center' } satisfies CellStyle,
  subtitle: { italic: true, hAlign: 'center', wrap: true } satisfies CellStyle,
  label: { bold: true } satisfies CellStyle,
  head: { bold: true, fill: 'D9E2F3', hAlign: 'center', vAlign: 'center', wrap: true, border: 'thin' } satisfies CellStyle,
  group: { bold: true, fill: 'F2F2F2', border: 'thin', wrap: true, vAlign: 'center' } satisfies CellStyle,
  groupNum: { bold: true, fill: 'F2F2F2', border: 'thin', numFmt: '0.##', hAlign: 'center' } satisfies CellStyle,
  cell: { border: 'thin', wrap: true, vAlign: 'center' } satisfies CellStyle,
  num: { border: 'thin', numFmt: '0.##', hAlign: 'center', vAlign: 'center' } satisfies CellStyle,
  input: { border: 'thin', fill: 'FFF2CC', locked: false, vAlign: 'center', hAlign: 'center' } satisfies CellStyle,
  inputText: { border: 'thin', fill: 'FFF2CC', locked: false, wrap: true, vAlign: 'center' } satisfies CellStyle,
  inputLeft: { fill: 'FFF2CC', locked: false, bold: true } satisfies CellStyle,
  locked: { border: 'thin', fill: 'EDEDED', vAlign: 'center', hAlign: 'center', numFmt: '0.##' } satisfies CellStyle,
  rolledUp: { border: 'thin', fill: 'EDEDED', italic: true, wrap: true, vAlign: 'center', fontSize: 9 } satisfies CellStyle,
  total: { bold: true, border: 'thin', fill: 'F2F2F2' } satisfies CellStyle,
  totalNum: { bold: true, border: 'thin', fill: 'F2F2F2', numFmt: '0.##', hAlign: 'center' } satisfies CellStyle,
  center: { hAlign: 'center', bold: true } satisfies CellStyle,
  centerItalic: { hAlign: 'center', italic: true } satisfies CellStyle,
  note: { italic: true, wrap: true } satisfies CellStyle,
} as const;

const pts = (h: number | null): number | null => (h === null ? null : h / 100);

function itemTitle(it: PhaseItem, lang: Lang): string {
  const w = W[lang];
  const hint = w.hint[it.input] ?? '';
  const unit = it.unit && (it.input === 'count' || it.input === 'number') ? `, ${it.unit}` : '';
  const info = it.info ? `; ${w.info}` : '';
  return `${it.title} (${hint}${unit}${info})${it.critical ? (lang === 'vi' ? ' — bắt buộc' : ' — critical') : ''}`;
}

/** A choice item's levels with their points, for the printed form (the drop-down holds the titles alone). */
function levelsText(it: PhaseItem, lang: Lang): string {
  const r = it.rule;
  if (r.kind !== 'choice') return '';
  const w = W[lang];
  const sep = lang === 'vi' ? ',' : '.';
  return `\n${w.levels}: ${r.titles.map((title, i) => `${title} (${formatHundredths(hundredths(r.points[i]!), sep)} ${w.pointsWord})`).join('; ')}`;
}

/** The drop-down lists of a workbook: yes/no in column A, then each choice item's titles in a column of its own. */
function choiceColumns(items: readonly PhaseItem[]): Map<PhaseItem, string> {
  const out = new Map<PhaseItem, string>();
  for (const it of items) if (it.rule.kind === 'choice') out.set(it, colName(2 + out.size));
  return out;
}

/** Validation of a value cell: drop-down for yes/no and choices, range checks for the rest; none for a computed item. */
function valueValidation(it: PhaseItem, ref: string, lang: Lang, lists: Map<PhaseItem, string> = new Map()): DataValidationModel | undefined {
  const w = W[lang];
  const base = { ranges: ref, allowBlank: true };
  const msg = (m: string): Pick<DataValidationModel, 'input' | 'error'> => ({
    input: { title: w.inputTitle, message: m },
    error: { title: w.errorTitle, message: m, style: 'stop' },
  });
  switch (it.input) {
    case 'yes_no':
      return { ...base, type: 'list', source: "'_lists'!$A$1:$A$2", ...msg(w.msg.yes_no) };
    case 'percent':
      return { ...base, type: 'decimal', min: 0, max: 100, ...msg(w.msg.percent) };
    case 'count':
      return { ...base, type: 'whole', min: 0, max: 1_000_000_000, ...msg(w.msg.count) };
    case 'number': {
      const min = it.valueMin ? Number(`${it.valueMin.n}e-${it.valueMin.s}`) : -1e15;
      const max = it.valueMax ? Number(`${it.valueMax.n}e-${it.valueMax.s}`) : 1e15;
      return { ...base, type: 'decimal', min, max, ...msg(w.msg.number) };
    }
    case 'points': {
      const max = pts(it.maxPoints) ?? 1e9;
      return { ...base, type: 'decimal', min: 0, max, ...msg(w.msg.points(formatHundredths(it.maxPoints ?? 0, lang === 'vi' ? ',' : '.'))) };
    }
    case 'choice': {
      const c = lists.get(it);
      const n = it.rule.kind === 'choice' ? it.rule.titles.length : 0;
      // a list, not a stop: the reader also takes the level's id, typed by hand
      return c ? { ...base, type: 'list', source: `'_lists'!$${c}$1:$${c}$${n}`, ...msg(w.msg.choice), error: { title: w.errorTitle, message: w.msg.choice, style: 'warning' } } : undefined;
    }
    case 'cases':
      return undefined;
  }
}

function letterhead(criteria: CriteriaFile, lang: Lang, width: number, title: string): { rows: RowModel[]; merges: string[] } {
  const w = W[lang];
  const last = colName(width);
  const right = colName(Math.max(4, width - 2));
  const rightCol = Math.max(4, width - 2);
  const row1: CellModel[] = pad(rightCol);
  row1[0] = { value: criteria.movement.issuer.toUpperCase(), style: S.nation };
  row1[rightCol - 1] = { value: w.nation, style: S.nation };
  const rows: RowModel[] = [
    { r: 1, cells: row1 },
    { r: 2, cells: [...pad(rightCol - 1), { value: w.motto, style: S.motto }] },
    { r: 4, cells: [{ value: title, style: S.title }] },
    { r: 5, cells: [{ value: criteria.movement.title, style: S.subtitle }], height: 32 },
  ];
  return { rows, merges: [`A1:C1`, `${right}1:${last}1`, `${right}2:${last}2`, `A4:${last}4`, `A5:${last}5`] };
}

/** Spreadsheets do not grow a row for wrapped text on their own when opened: estimate it. */
function rowHeight(text: string, charsPerLine: number): number {
  return Math.max(1, Math.ceil(text.length / charsPerLine)) * 15 + 3;
}

function pad(n: number): CellModel[] {
  return new Array(Math.max(0, n)).fill(null);
}

function metaSheet(criteria: CriteriaFile, tier: PhaseTier, tierDef: string, phase: string, unit: string | null): SheetModel {
  return {
    name: '_thidua',
    state: 'veryHidden',
    rows: [
      ['format', TEMPLATE_FORMAT],
      ['movement', criteria.movement.id],
      ['digest', tierDef],
      ['tier', tier.id],
      ['phase', phase],
      ...(unit ? [['unit', unit] as RowModel] : []),
    ],
  };
}

function listsSheet(lang: Lang, lists: Map<PhaseItem, string> = new Map()): SheetModel {
  const cols: string[][] = [[W[lang].yes, W[lang].no]];
  for (const it of lists.keys()) if (it.rule.kind === 'choice') cols.push([...it.rule.titles]);
  const height = Math.max(...cols.map((c) => c.length));
  const rows: RowModel[] = [];
  for (let r = 0; r < height; r++) rows.push(cols.map((c) => c[r] ?? null));
  return { name: '_lists', state: 'hidden', rows };
}

/** One form workbook: letterhead, labels, the table of SPEC §5, totals, signatures. */
function formWorkbook(o: TemplateOptions, tier: PhaseTier, digest: string, unit: Unit | null): WorkbookModel {
  const { criteria, lang } = o;
  const w = W[lang];
  const phase = criteria.phases.find((p) => p.id === o.phase)!;
  const { rows, merges } = letterhead(criteria, lang, 7, w.formTitle);
  const idStyle = unit ? S.label : S.inputLeft;
  rows.push(
    { r: 7, cells: [{ value: w.unitId, style: S.label }, null, { value: unit?.id ?? '', style: idStyle }] },
    { r: 8, cells: [{ value: w.unitName, style: S.label }, null, { value: unit?.name ?? '', style: idStyle }] },
    { r: 9, cells: [{ value: w.tier, style: S.label }, null, { value: tier.title, style: S.label }] },
    { r: 10, cells: [{ value: w.phase, style: S.label }, null, { value: phase.title, style: S.label }] },
    { r: 11, cells: [{ value: w.guide, style: S.note }], height: 30 },
  );
  merges.push('C7:G7', 'C8:G8', 'C9:G9', 'C10:G10', 'A11:G11');
  const headerRow = 12;
  rows.push({ r: headerRow, cells: w.head.map((h) => ({ value: h, style: S.head })), height: 32 });
  const validations: DataValidationModel[] = [];
  const lists = choiceColumns(tier.items);
  const selfCells: Record<PhaseGroup['kind'], string[]> = { regular: [], bonus: [], penalty: [] };
  let r = headerRow + 1;
  const emit = (g: PhaseGroup): void => {
    rows.push({ r, height: rowHeight(g.title, 58), cells: [{ value: g.id, style: S.group }, { value: g.title, style: S.group }, { value: g.max / 100, style: S.groupNum }, { value: null, style: S.group }, { value: null, style: S.group }, { value: null, style: S.group }, { value: null, style: S.group }] });
    r++;
    for (const ch of g.children) {
      if (isPhaseGroup(ch)) {
        emit(ch);
        continue;
      }
      const max = ch.info ? null : pts(ch.maxPoints);
      const filled = unit && o.fill?.form ? o.fill.form(unit.id, ch) : undefined;
      const title = `${itemTitle(ch, lang)}${levelsText(ch, lang)}`;
      const computed = ch.input === 'cases';
      if (ch.from) {
        // computed from the child tier's results (SPEC §11): shown, locked, never asked
        const child = criteria.tiers.find((t) => t.id === ch.from!.tier);
        rows.push({
          r,
          height: rowHeight(itemTitle(ch, lang), 58),
          cells: [
            { value: ch.id, style: S.cell },
            { value: itemTitle(ch, lang), style: S.cell },
            { value: max, style: S.num },
            { value: w.rolledUp(child?.title ?? ch.from.tier), style: S.rolledUp },
            { value: filled?.self ?? null, style: S.input },
            { value: null, style: S.locked },
            { value: null, style: S.inputText },
          ],
        });
        selfCells[ch.kind].push(`E${r}`);
        r++;
        continue;
      }
      rows.push({
        r,
        height: rowHeight(title, 58) + (ch.rule.kind === 'choice' ? 15 : 0),
        cells: [
          { value: ch.id, style: S.cell },
          { value: title, style: S.cell },
          { value: max, style: S.num },
          // computed from the other items' figures when scored: shown, locked, never read
          computed ? { value: w.computed, style: S.locked } : { value: filled?.value ?? null, style: S.input },
          ch.info ? { value: null, style: S.locked } : { value: filled?.self ?? null, style: S.input },
          { value: null, style: S.locked },
          { value: null, style: S.inputText },
        ],
      });
      const vv = valueValidation(ch, `D${r}`, lang, lists);
      if (vv) validations.push(vv);
      if (ch.info) {
        r++;
        continue;
      }
      validations.push({
        type: 'decimal',
        ranges: `E${r}`,
        allowBlank: true,
        min: 0,
        max: max ?? 1e9,
        input: { title: w.inputTitle, message: w.msg.self(max === null ? '…' : formatHundredths(ch.maxPoints ?? 0, lang === 'vi' ? ',' : '.')) },
        error: { title: w.errorTitle, message: w.msg.self(max === null ? '…' : formatHundredths(ch.maxPoints ?? 0, lang === 'vi' ? ',' : '.')), style: 'stop' },
      });
      selfCells[ch.kind].push(`E${r}`);
      r++;
    }
  };
  for (const g of tier.groups) emit(g);
  const sum = (cells: string[]): string => (cells.length ? `SUM(${cells.join(',')})` : '0');
  const formula = `${sum(selfCells.regular)}+${sum(selfCells.bonus)}-${sum(selfCells.penalty)}`;
  rows.push({
    r,
    cells: [
      { value: null, style: S.total },
      { value: w.total, style: S.total },
      { value: tier.max / 100, style: S.totalNum },
      { value: null, style: S.total },
      { formula: `MAX(0,${formula})`, style: S.totalNum },
      { value: null, style: S.total },
      { value: null, style: S.total },
    ],
  });
  r += 2;
  rows.push({ r, cells: [...pad(4), { value: w.place, style: S.centerItalic }] });
  merges.push(`E${r}:G${r}`);
  r++;
  rows.push({ r, cells: [{ value: w.maker, style: S.center }, null, null, null, { value: w.head2, style: S.center }] });
  merges.push(`A${r}:C${r}`, `E${r}:G${r}`);
  r++;
  rows.push({ r, cells: [{ value: w.sign, style: S.centerItalic }, null, null, null, { value: w.signSeal, style: S.centerItalic }] });
  merges.push(`A${r}:C${r}`, `E${r}:G${r}`);
  const sheet: SheetModel = {
    name: lang === 'vi' ? 'Tự chấm điểm' : 'Self-assessment',
    columns: [{ width: 8 }, { width: 60 }, { width: 11 }, { width: 16 }, { width: 13 }, { width: 14 }, { width: 32 }],
    rows,
    merges,
    validations,
    freeze: { rows: headerRow },
    protection: { allow: { formatColumns: true, formatRows: true, selectLockedCells: true, selectUnlockedCells: true } },
    print: {
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: [headerRow, headerRow],
      area: `A1:G${r}`,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      footer: lang === 'vi' ? '&CTrang &P / &N' : '&CPage &P of &N',
    },
  };
  return {
    sheets: [sheet, listsSheet(lang, lists), metaSheet(criteria, tier, digest, o.phase, unit?.id ?? null)],
    properties: { created: o.date, title: `${w.formTitle} – ${tier.title}`, creator: criteria.movement.issuer },
  };
}

/** A roster: one row per unit (households, clans, individuals). */
function rosterWorkbook(o: TemplateOptions, tier: PhaseTier, digest: string, units: Unit[], block: string | null): WorkbookModel {
  const { criteria, lang } = o;
  const w = W[lang];
  const phase = criteria.phases.find((p) => p.id === o.phase)!;
  // a tier another tier rolls up from (SPEC §11) gets a Cấp trên column: each row names its parent
  const withParent = rolledUp(o, tier.id);
  const lead = withParent ? 4 : 3;
  const width = lead + tier.items.length;
  const { rows, merges } = letterhead(criteria, lang, width, w.rosterTitle);
  rows.push(
    { r: 7, cells: [{ value: w.tier, style: S.label }, null, { value: tier.title, style: S.label }] },
    { r: 8, cells: [{ value: w.phase, style: S.label }, null, { value: phase.title, style: S.label }] },
    ...(block ? [{ r: 9, cells: [{ value: w.block, style: S.label }, null, { value: block, style: S.label }] } as RowModel] : []),
    { r: 10, cells: [{ value: w.guide, style: S.note }], height: 30 },
  );
  merges.push(`A10:${colName(width)}10`);
  const headerRow = 11;
  rows.push({
    r: headerRow,
    cells: [...w.rosterHead, ...(withParent ? [w.parentHead] : []), ...tier.items.map((it) => `${it.id} – ${itemTitle(it, lang)}`)].map((h) => ({ value: h, style: S.head })),
    height: 60,
  });
  const filled = o.fill?.roster;
  const count = filled ? filled.length : units.length || (o.rosterRows ?? 500);
  const first = headerRow + 1;
  const lastRow = headerRow + count;
  const body = function* (): Generator<RowModel> {
    yield* rows;
    for (let i = 0; i < count; i++) {
      const f = filled?.[i];
      if (f) {
        yield {
          r: first + i,
          cells: [
            { value: f.id, style: S.cell },
            { value: f.name, style: S.cell },
            { value: f.block, style: S.cell },
            ...(withParent ? [{ value: f.parent ?? null, style: S.cell }] : []),
            ...f.values.map((v) => ({ value: v, style: S.input })),
          ],
        };
        continue;
      }
      const u = units[i];
      yield {
        r: first + i,
        cells: [
          { value: u?.id ?? null, style: u ? S.cell : S.inputText },
          { value: u?.name ?? null, style: u ? S.cell : S.inputText },
          { value: u ? (u.block ?? block ?? '') : block, style: S.inputText },
          ...(withParent ? [{ value: u?.parent ?? null, style: S.inputText }] : []),
          ...tier.items.map((it) => ({ value: null, style: it.input === 'cases' ? S.locked : S.input })),
        ],
      };
    }
  };
  const lists = choiceColumns(tier.items);
  const validations = tier.items.flatMap((it, i) => valueValidation(it, `${colName(lead + 1 + i)}${first}:${colName(lead + 1 + i)}${lastRow}`, lang, lists) ?? []);
  const sheet: SheetModel = {
    name: lang === 'vi' ? 'Danh sách' : 'Roster',
    columns: [{ width: 14 }, { width: 28 }, { width: 18 }, ...(withParent ? [{ width: 12 }] : []), ...tier.items.map(() => ({ width: 16 }))],
    rows: body,
    merges,
    validations,
    freeze: { rows: headerRow, cols: 2 },
    protection: { allow: { formatColumns: true, formatRows: true, sort: true, autoFilter: true, selectLockedCells: true, selectUnlockedCells: true } },
    print: { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: [headerRow, headerRow], footer: lang === 'vi' ? '&CTrang &P / &N' : '&CPage &P of &N' },
  };
  return {
    sheets: [sheet, listsSheet(lang, lists), metaSheet(criteria, tier, digest, o.phase, null)],
    properties: { created: o.date, title: `${w.rosterTitle} – ${tier.title}`, creator: criteria.movement.issuer },
  };
}

/** Whether another tier of the phase takes figures from this one (SPEC §11). */
function rolledUp(o: TemplateOptions, tier: string): boolean {
  return o.criteria.tiers.some((t) => t.id !== tier && (!t.phases || t.phases.includes(o.phase)) && childTiers(resolveTier(o.criteria, t, o.phase)).includes(tier));
}

/**
 * The fill-in workbooks of a tier for a phase. Form tiers: one per registered unit, or
 * one blank; roster tiers: one roster, or one per block of the units file.
 */
export function makeTemplates(o: TemplateOptions): TemplateFile[] {
  const def = o.criteria.tiers.find((t) => t.id === o.tier)!;
  const tier = resolveTier(o.criteria, def, o.phase);
  const digest = tierDigest(def);
  const units = (o.units ?? []).filter((u) => u.tier === tier.id && (!u.phases || u.phases.includes(o.phase)));
  if (tier.layout === 'form') {
    if (!units.length) return named([[`${tier.id}-${o.phase}`, formWorkbook(o, tier, digest, null)]]);
    return named(units.map((u) => [`${u.id} - ${u.name}`, formWorkbook(o, tier, digest, u)]));
  }
  const blocks = [...new Set(units.map((u) => u.block ?? ''))];
  if (units.length && blocks.length > 1) {
    return named(blocks.map((b) => [`${tier.id}-${o.phase}-${b || 'khac'}`, rosterWorkbook(o, tier, digest, units.filter((u) => (u.block ?? '') === b), b || null)]));
  }
  return named([[`${tier.id}-${o.phase}`, rosterWorkbook(o, tier, digest, units, blocks[0] || null)]]);
}

/** Safe, distinct file names for the workbooks (see ./file-names.ts). */
function named(files: [stem: string, model: WorkbookModel][]): TemplateFile[] {
  const names = uniqueFileNames(files.map((f) => f[0]));
  return files.map(([, model], i) => ({ name: names[i]!, model }));
}
