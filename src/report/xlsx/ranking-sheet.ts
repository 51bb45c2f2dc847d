import { formatMessage } from '../../diagnostics/messages.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { ScoredUnit, StoreColumns, TierResult } from '../../scoring/types.js';
import { type CellModel, type CellStyle, type ColumnModel, type RowModel, type SheetModel } from '../../workbook/write/index.js';
import type { ReportModel } from '../model.js';
import { explain, NO_WHY } from '../../scoring/explain.js';
import { whyText } from '../why-words.js';
import { type PreviousEntry } from '../previous.js';
import { awardTitles, classTitle, pointsText } from '../words.js';
import { awardsText, decisionsOf, decisionsText, placeDateLine } from '../decision-words.js';
import { NO_DECISIONS, HEAD, WRAPPED, PLAIN, classStyle, txt, blank, num, pts, fit, LINE_HEIGHT, headerHeight, fitRow, printSetup, pagedSheets, SheetNames, type Words, type WorkbookLimits } from './common.js';

/**
 * The "Xếp hạng – <tier>" sheets: each unit's rank, total, class, awards and reasons, printable on A4.
 */

// ---------------------------------------------------------------- Xếp hạng – <tier>

export function rankingSheets(m: ReportModel, w: Words, names: SheetNames, t: TierResult, prev: Map<string, PreviousEntry> | null, errors: Map<string, Diagnostic>, limits: WorkbookLimits): SheetModel[] {
  const lang = m.meta.lang;
  const tier = t.tier;
  const L = t.units.length > limits.wrapRowsMax ? PLAIN : WRAPPED;
  // a tier small enough to frame is one a board prints and signs: its ranking sheet keeps to
  // what fits A4 at 9 pt or more, by block, with a date and signature block under it
  const printable = L === WRAPPED;
  const top = tier.groups;
  const groups = [...top.filter((g) => g.kind === 'regular'), ...top.filter((g) => g.kind === 'bonus'), ...top.filter((g) => g.kind === 'penalty')];
  const head: string[] = [w.rank, w.unitId, w.unitName, w.block, w.total];
  const widths: number[] = [printable ? 5 : 7, 0, 0, 0, printable ? 7 : 10];
  // Δ columns of a printable ranking are on the group sheet
  const prevHere = printable ? null : prev;
  if (prevHere) {
    head.push(w.deltaTotal, w.deltaRank);
    widths.push(9, 8);
  }
  // per-group points, self points and their difference are on the group sheet: with them the
  // ranking printed at about 6 pt on A4; without them it prints at 9 pt or more (issue 19)
  const groupsHere = printable ? [] : groups;
  for (const g of groupsHere) {
    const deducted = g.kind === 'penalty' ? (lang === 'vi' ? 'bị trừ, ' : 'deducted, ') : '';
    head.push(`${g.id}. ${g.title}\n(${deducted}${w.max} ${pointsText(g.max, lang)})`);
    // a long group title gets a wider column, so its header takes about four lines
    widths.push(Math.max(12, Math.min(22, Math.ceil(g.title.length / 4) + 3)));
  }
  // a printable ranking says ties and failed critical items in its note column
  head.push(w.class, w.awards, ...(printable ? [] : [w.awardTies, w.criticalFailed, w.selfTotal, w.selfDiff]), w.why, w.note);
  let idLen = w.unitId.length;
  let nameLen = 12;
  let blockLen = 0;
  for (const u of t.units) {
    if (u.id.length > idLen) idLen = u.id.length;
    if (u.name.length > nameLen) nameLen = u.name.length;
    if (u.block.length > blockLen) blockLen = u.block.length;
  }
  widths[1] = printable ? fit(idLen, 8, 10) : fit(idLen, 9, 18);
  widths[2] = fit(nameLen, 16, printable ? 24 : 42);
  widths[3] = blockLen ? fit(blockLen, 8, printable ? 12 : 22) : 7;
  const classLen = Math.max(10, ...tier.classes.map((c) => c.title.length));
  const awardLen = Math.max(12, ...tier.awards.map((a) => a.title.length));
  // block, class, awards, ties and failed critical items repeat down a million rows: written
  // once each in the shared strings table (about an eighth of the sheet's XML)
  const sharedFrom = widths.length;
  if (printable) widths.push(fit(classLen, 12, 14), fit(awardLen, 14, 18), 28, 15);
  else widths.push(fit(classLen, 12, 30), fit(awardLen, 14, 30), fit(awardLen, 14, 24), 12, 10, 12, 48, 34);
  const columns: ColumnModel[] = widths.map((x, i) => (i === 3 || (i >= sharedFrom && i < sharedFrom + 4) ? { width: x, shared: true } : { width: x }));
  // ranked by block, a printable ranking has a heading row over each block: the column stays
  // (for filtering) but neither shows nor prints
  if (printable && tier.rankBy === 'block') columns[3] = { ...columns[3], hidden: true };
  // a huge sheet gives its numbers bare, formatted by their column
  const bare = L === PLAIN;
  if (bare) {
    const numberStyles = [L.center, undefined, undefined, undefined, L.pts, ...(prevHere ? [L.delta, L.deltaInt] : []), ...groups.map(() => L.pts)];
    numberStyles[sharedFrom + 4] = L.pts;
    numberStyles[sharedFrom + 5] = L.delta;
    // points go bare as their hundredths, written as decimals by the writer
    numberStyles.forEach((st, i) => {
      if (st) columns[i] = { ...columns[i], numberStyle: st, ...(st === L.pts || st === L.delta ? { hundredths: true } : {}) };
    });
  }
  const numCell = (v: number | null, style: CellStyle): CellModel => (bare ? (v === null || Number.isNaN(v) ? null : v) : num(v, style));
  const ptsCell = (h: number | null, style: CellStyle): CellModel => (bare ? h : pts(h, style));
  // one cell object per class, read by the writer and never changed
  const classCell = new Map(tier.classes.map((c, i) => [c.id, { cell: { value: c.title, style: classStyle(L.text, i, tier.classes.length) } }]));
  const headRow: RowModel = { cells: head.map((h) => ({ value: h, style: HEAD })), height: headerHeight(head, widths) };

  // each shown group's place in a store's group columns, looked up once per store
  let gStore: StoreColumns | null = null;
  let gCols: number[] = [];
  const groupColumns = (st: StoreColumns): number[] => {
    if (st !== gStore) {
      gStore = st;
      gCols = groups.map((g) => st.groupIndex.get(g.id)!);
    }
    return gCols;
  };
  // a bare sheet's rows are one array refilled (the writer keeps no row): a million arrays of
  // twenty cells were most of the workbook thread's garbage
  const reused: CellModel[] = [];
  const unitRow = (u: ScoredUnit): RowModel => {
    // each figure read once: a stored unit makes its fields on every read
    const scored = u.status === 'scored';
    const id = u.id;
    const rank = u.rank;
    const total = u.total;
    const selfTotal = u.selfTotal;
    const classId = u.classId;
    const awards = u.awards;
    const ties = u.awardTies;
    const critical = u.criticalFailed;
    const cells: CellModel[] = bare ? reused : [];
    let c = 0;
    cells[c++] = numCell(rank, L.center);
    cells[c++] = txt(id, L.text);
    cells[c++] = txt(u.name, L.text);
    cells[c++] = txt(u.block, L.text);
    cells[c++] = ptsCell(total, L.pts);
    const p = prev && scored ? prev.get(id) : undefined;
    if (prevHere) {
      cells[c++] = p && total !== null ? ptsCell(total - p.total, L.delta) : blank(L.delta);
      cells[c++] = p && p.rank !== null && rank !== null ? numCell(p.rank - rank, L.deltaInt) : blank(L.deltaInt);
    }
    if (groupsHere.length) {
      if (scored) {
        // straight from the tier's columns, without a map of groups made for every row
        const st = u.store;
        const at = u.slot * st.g;
        const gi = groupColumns(st);
        for (let k = 0; k < gi.length; k++) cells[c++] = ptsCell(st.groupPoints[at + gi[k]!]!, L.pts);
      } else {
        for (let k = 0; k < groupsHere.length; k++) cells[c++] = blank(L.pts);
      }
    }
    const cls = classId === null ? undefined : classCell.get(classId);
    cells[c++] = cls ? cls.cell : txt(classTitle(tier, classId), L.text);
    const decided = t.decisions ? decisionsOf(t, u) : NO_DECISIONS;
    cells[c++] = txt(awards.length ? (decided.length ? awardsText(tier, awards, decided, lang) : awardTitles(tier, awards)) : '', L.text);
    if (!printable) {
      cells[c++] = txt(ties.length ? awardTitles(tier, ties) : '', L.text);
      cells[c++] = txt(critical.length ? critical.join(', ') : '', L.text);
      cells[c++] = ptsCell(selfTotal, L.pts);
      cells[c++] = selfTotal !== null && total !== null ? ptsCell(total - selfTotal, L.delta) : blank(L.delta);
    }
    const why = scored ? explain(t, u) : NO_WHY;
    // the council's decisions join the reasons (SPEC §12: marked as decided, with the reason)
    const reasons = [...(why.length ? [whyText(tier, why, lang)] : []), ...(decided.length ? [decisionsText(tier, decided, lang)] : [])];
    cells[c++] = txt(reasons.join('; '), L.text);
    let note = '';
    if (u.status === 'not_submitted') note = w.statusWord.not_submitted;
    if (u.status === 'rejected') {
      // the sheet abbreviates; the notice and results.json list every error
      const d = errors.get(`${tier.id}\u0000${u.id}`) ?? u.input?.errors[0];
      const more = (u.input?.errors.length ?? 0) - 1;
      note = `${w.statusWord.rejected}${d ? `: ${formatMessage(d, lang)}` : ''}${more > 0 ? ` (${w.moreErrors(String(more))})` : ''}`;
    }
    if (p && (p.from !== u.id || p.sources.length > 1)) note = `${note ? `${note}; ` : ''}${w.comparedWith}: ${p.sources.join(', ')}`;
    if (printable && critical.length) note = `${note ? `${note}; ` : ''}${w.criticalFailed}: ${critical.join(', ')}`;
    if (printable && ties.length) note = `${note ? `${note}; ` : ''}${w.awardTies}: ${awardTitles(tier, ties)}`;
    cells[c++] = txt(note, L.text);
    cells.length = c;
    return L === WRAPPED ? fitRow(cells, widths) : cells;
  };

  const base = `${w.rankingSheet} – ${tier.id}`;
  return pagedSheets(
    names,
    base,
    t.units.length,
    limits.rowsPerSheet,
    headRow,
    function* (start, end) {
      let block: string | null = null;
      for (let i = start; i < end; i++) {
        const u = t.units[i]!;
        // blocks visibly apart on a printed ranking: a heading row over each one
        if (printable && tier.rankBy === 'block' && u.block !== block) {
          block = u.block;
          yield { cells: [{ value: `${w.block}: ${block === '' ? w.noBlock : block}`, style: BLOCK_HEAD }, ...head.slice(1).map(() => ({ style: BLOCK_HEAD }))], height: LINE_HEIGHT + 6 };
        }
        yield unitRow(u);
      }
    },
    {
      columns,
      freeze: { rows: 1, cols: 3 },
      autoFilter: { headerRow: 1 },
      print: printable ? { ...printSetup(m, `${tier.title} (${tier.id})`, 'landscape', [1, 1]), fitToWidth: 1, fitToHeight: 0 } : printSetup(m, `${tier.title} (${tier.id})`, 'landscape', [1, 1]),
    },
    printable ? () => signatureRows(m, head.length) : undefined,
  );
}

const BLOCK_HEAD: CellStyle = { bold: true, fill: 'F2F2F2', border: 'medium', borderColor: '404040', vAlign: 'center' };
const CENTER_BOLD: CellStyle = { bold: true, hAlign: 'center' };
const CENTER_ITALIC: CellStyle = { italic: true, hAlign: 'center' };

/**
 * Under a printed table: the place and date ("Gia Lai, ngày 15 tháng 12 năm 2025", or blanks
 * to fill by hand) and two signatures, the clerk who made the table on the left and the head
 * of the body on the right, with room to sign.
 */
export function signatureRows(m: ReportModel, width: number): RowModel[] {
  const vi = m.meta.lang === 'vi';
  const mv = m.criteria.movement as typeof m.criteria.movement & { place?: string };
  const right = Math.max(3, width - 3);
  const pair = (left: string, r: string, style: CellStyle): CellModel[] => {
    const cells: CellModel[] = [];
    cells[2] = { value: left, style };
    cells[right] = { value: r, style };
    return cells;
  };
  const date: CellModel[] = [];
  date[right] = { value: placeDateLine(mv.place, m.meta.date, m.meta.lang), style: CENTER_ITALIC };
  return [
    [],
    date,
    pair(vi ? 'NGƯỜI LẬP BẢNG' : 'PREPARED BY', vi ? 'THỦ TRƯỞNG CƠ QUAN' : 'HEAD OF THE BODY', CENTER_BOLD),
    pair(vi ? '(Ký, ghi rõ họ tên)' : '(Signature, full name)', vi ? '(Ký, ghi rõ họ tên, đóng dấu)' : '(Signature, full name, seal)', CENTER_ITALIC),
    { cells: [], height: 60 },
    pair('……………………', '……………………', CENTER_BOLD),
  ];
}
