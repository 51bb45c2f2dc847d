/**
 * Label matching for headers and labelled cells: case, diacritics, spacing and a
 * trailing colon do not matter ("Mã đơn vị:" = "MA DON VI" = "ma  don vi").
 */
export function fold(s: string): string {
  // the same few hundred labels and titles are folded in every workbook of a batch (and the
  // criteria's titles once per label cell): remembered, they cost a lookup instead of a
  // normalisation and five regular expressions each
  const hit = FOLDED.get(s);
  if (hit !== undefined) return hit;
  const f = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0_]+/g, ' ')
    .replace(/\s*[:：]\s*$/, '')
    .trim();
  if (s.length <= FOLD_MEMO_MAX_TEXT) {
    if (FOLDED.size >= FOLD_MEMO_MAX_ENTRIES) FOLDED.clear();
    FOLDED.set(s, f);
  }
  return f;
}

/** Labels are short; a cell's long text is folded afresh rather than kept. */
const FOLD_MEMO_MAX_TEXT = 200;
/** Bounds the memo whatever the inputs (a roster's every cell is never a label, but a hostile file may try). */
const FOLD_MEMO_MAX_ENTRIES = 20_000;
const FOLDED = new Map<string, string>();

/** Column names of a form table (SPEC §5), in Vietnamese and English, folded. */
export const FORM_COLUMNS = {
  code: ['ma', 'ma so', 'ma tieu chi', 'ma tc', 'code', 'id', 'item', 'item id'],
  title: ['tieu chi', 'noi dung', 'noi dung tieu chi', 'ten tieu chi', 'criterion', 'criteria', 'title'],
  max: ['diem toi da', 'diem chuan', 'toi da', 'max', 'max points', 'maximum'],
  value: ['so lieu bao cao', 'so lieu', 'gia tri', 'ket qua', 'ket qua thuc hien', 'value', 'reported value', 'reported', 'figure'],
  self: ['diem tu cham', 'tu cham', 'diem tu danh gia', 'self points', 'self score', 'self', 'self-assessed points'],
  assessed: ['diem tham dinh', 'tham dinh', 'diem duoc cham', 'assessed points', 'assessed', 'assessed score'],
  note: ['minh chung, ghi chu', 'minh chung', 'ghi chu', 'evidence', 'notes', 'note', 'evidence, notes'],
} as const;

/** Column names of a roster (one row per unit). */
export const ROSTER_COLUMNS = {
  unit: ['ma don vi', 'ma', 'ma ho', 'ma ca nhan', 'ma dong ho', 'unit id', 'unit', 'id'],
  name: ['ten', 'ten don vi', 'ho ten', 'ho va ten', 'ten chu ho', 'chu ho', 'ten dong ho', 'name', 'unit name'],
  block: ['khoi', 'khoi thi dua', 'cum', 'cum thi dua', 'thon', 'to dan pho', 'thon, to dan pho', 'block', 'group'],
  /** The unit a child belongs to (SPEC §11). */
  parent: ['ma don vi cap tren', 'cap tren', 'don vi cap tren', 'parent', 'parent unit', 'parent id'],
} as const;

/** Labels written beside their value above the table. */
export const LABELS = {
  unit: ['ma don vi', 'unit id', 'unit'],
  name: ['ten don vi', 'don vi', 'unit name'],
  tier: ['doi tuong thi dua', 'doi tuong', 'tier'],
  phase: ['giai doan', 'phase'],
  /** A roster sent by its parent: every row belongs to that unit (SPEC §11). */
  parent: ['don vi cap tren', 'ma don vi cap tren', 'parent unit'],
} as const;

export function matchAny(text: string, names: readonly string[]): boolean {
  return names.includes(fold(text));
}

/** Rows that sum up the table, never items. */
export function isTotalLabel(text: string): boolean {
  const f = fold(text);
  return /^(tong cong|tong diem|tong so|tong|cong|total|grand total|subtotal|cong diem)\b/.test(f);
}
