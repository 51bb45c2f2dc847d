// Makes the bundled example's submissions (examples/gia-lai-hoc-tap-suot-doi/submissions/<phase>/)
// from its criteria and units, with values drawn from fixed seeds, through `thidua template`'s
// own code. Run after `npm run build`: `node scripts/make-example.mjs` (`DEBUG=1` also prints each
// form unit's level, for tuning).
//
// What a board would recognise (see the example's README.md):
// - each unit has a steady level across the two phases (the same commune is strong in both),
//   drawn so that a minority reaches "Hoàn thành xuất sắc", most are in the middle bands and
//   few fail; values are made item by item to give about that level's share of the points;
// - most form units fill in their self points (Điểm tự chấm), equal to what the rules give,
//   with a few that differ; evidence notes on some items; assessed points (Điểm thẩm định)
//   on a few items of a few units;
// - rosters keep the same households, clans and people in both phases; a household's shares
//   are whole members out of its members aged 15 and over;
// - every commune (xa) has its households, clans and citizens in the rosters, each row naming
//   it in the Cấp trên column; the commune's items 2.1, 2.2 and 2.4 are computed from them
//   (`from` in criteria.yaml), so the generator picks each commune's share first (near its
//   level, like any other item) and then draws its children until that many are recognised;
// - a handful of deliberate entry mistakes in phase gd1 (the DELIBERATE table below).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCriteria } from '../dist/criteria/load.js';
import { isPhaseGroup, resolveTier } from '../dist/criteria/model.js';
import { classify, itemPoints, scoreUnit } from '../dist/scoring/score.js';
import { loadUnits } from '../dist/units/load.js';
import { makeTemplates } from '../dist/template/template.js';
import { writeWorkbook } from '../dist/workbook/write/index.js';

const DIR = 'examples/gia-lai-hoc-tap-suot-doi';
const { criteria } = loadCriteria(readFileSync(join(DIR, 'criteria.yaml')), 'criteria.yaml');
const { units } = loadUnits(readFileSync(join(DIR, 'units.yaml')), 'units.yaml');

/** mulberry32: small, fast, and the same numbers on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** A seed from a text: the same unit gets the same numbers whatever else changes. */
function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}
const rngOf = (...parts) => rng(seedOf(parts.join('|')));

const num = (d) => Number(d.s === 0 ? d.n.toString() : `${d.n}e-${d.s}`);
const round = (x, k) => Math.round(x * 10 ** k) / 10 ** k;
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const pick = (r, list) => list[Math.floor(r() * list.length)];
/** A normal-ish deviate (sum of uniforms), mean 0, sd about 1. */
const gauss = (r) => (r() + r() + r() + r() - 2) * 1.73;

// ---------------------------------------------------------------------------------------------
// Form tiers: a level per unit, then values that give about that share of each item's points.

/**
 * Levels of a tier's units (share of the maximum they are expected to score): quantiles of
 * a distribution a province would recognise — about a fifth at 90 and over, half in the
 * 80s, a quarter in the 70s, a few under 70. The order of units is fixed by their tier, so
 * the same unit holds the same level in both phases, moved a little by the phase.
 */
const LEVELS = [
  [0, 0.64],
  [0.06, 0.7],
  [0.28, 0.8],
  [0.8, 0.9],
  [1, 0.96],
];
function level(u) {
  for (let i = 1; i < LEVELS.length; i++) {
    const [u0, f0] = LEVELS[i - 1];
    const [u1, f1] = LEVELS[i];
    if (u <= u1) return f0 + ((u - u0) / (u1 - u0)) * (f1 - f0);
  }
  return LEVELS.at(-1)[1];
}

function levelsOf(tierId, regs, phaseId) {
  const order = regs.map((u) => ({ id: u.id, k: rngOf('order', tierId, u.id)() })).sort((a, b) => a.k - b.k);
  const out = new Map();
  order.forEach((o, i) => {
    const drift = phaseId === 'gd1' ? 0 : 0.015 * gauss(rngOf('drift', phaseId, o.id));
    out.set(o.id, clamp(level((i + 0.5) / order.length) + drift, 0.55, 0.97));
  });
  return out;
}

/** The highest points an item can give, as a number. */
const maxOf = (item) => (item.maxPoints ?? 0) / 100;
/** Points (hundredths) the rules give for a value as the scorer reads it. */
function pointsFor(item, v) {
  if (v === null || v === undefined) return 0;
  if (item.input === 'yes_no') return itemPoints(item.rule, v === 'Có' ? 1 : 0);
  return itemPoints(item.rule, v);
}

/**
 * A value for an item meant to give about share `p` of its points. Percent values stay in
 * 0..100, counts are whole, money whole millions; yes/no is all or nothing.
 */
function valueFor(item, p, r) {
  const rule = item.rule;
  const pct = item.input === 'percent';
  const isCount = item.input === 'count';
  const cap = (v) => (pct ? Math.min(100, v) : v);
  const fmt = (v) => (isCount ? Math.max(0, Math.round(v)) : pct ? round(v, r() < 0.5 ? 1 : 2) : item.unit === 'triệu đồng' ? Math.floor(v / 5) * 5 : round(v, 1));
  if (item.kind === 'penalty') {
    // deductions are the exception: most units have none
    if (item.input === 'yes_no') return r() < 0.06 + 0.2 * (1 - p) ? 'Có' : 'Không';
    return r() < 0.08 + 0.35 * (1 - p) ? 1 + Math.floor(r() * 1.6) : 0;
  }
  switch (rule.kind) {
    case 'points':
      return r() < p ? 'Có' : 'Không';
    case 'assessed':
      return Math.round(maxOf(item) * clamp(p + 0.05 * gauss(r), 0.3, 1) * 2) / 2;
    case 'linear': {
      const t = num(rule.target);
      if (p >= 0.97) return fmt(cap(t * (1 + 0.25 * r())));
      const v = t * p;
      return fmt(Math.max(v, rule.zeroBelow && p > 0.45 ? num(rule.zeroBelow) * 1.05 : 0));
    }
    case 'per_item': {
      const each = num(rule.points);
      const most = rule.max ? num(rule.max) / each : 10;
      if (p >= 0.97) return fmt(most + Math.floor(r() * most * 0.5));
      return fmt(Math.floor(most * p + r() * 0.5));
    }
    case 'steps': {
      // the step whose share of the points is nearest p, at random between neighbours
      const full = num(rule.steps[0].points);
      const shares = rule.steps.map((s) => num(s.points) / full);
      let k = shares.findIndex((s) => s <= p + 0.2 * (r() - 0.3));
      if (k < 0) k = shares.length;
      const lo = k < shares.length ? num(rule.steps[k].bound) : num(rule.steps.at(-1).bound) * 0.8;
      const hi = k > 0 ? num(rule.steps[k - 1].bound) : pct ? Math.min(100, lo * 1.06 + 1) : lo * 1.5;
      return fmt(lo + (hi - lo) * (k === 0 ? r() : 0.1 + 0.8 * r()));
    }
    case 'steps_below': {
      const full = num(rule.steps[0].points);
      const shares = rule.steps.map((s) => num(s.points) / full);
      let k = shares.findIndex((s) => s <= p + 0.2 * (r() - 0.3));
      if (k < 0) k = shares.length;
      const hi = k < shares.length ? num(rule.steps[k].bound) : num(rule.steps.at(-1).bound) * 2;
      const lo = k > 0 ? num(rule.steps[k - 1].bound) : 0;
      if (isCount) return k === 0 ? 0 : Math.max(lo + 1, Math.round(lo + 1 + (hi - lo - 1) * r()));
      return round(k === 0 ? hi * r() : lo + 0.01 + (hi - lo - 0.01) * r(), 2);
    }
  }
  throw new Error(`no value for ${item.id}`);
}

/** Text the way clerks type it: a decimal comma, sometimes a percent sign. */
function asTyped(v, item, r) {
  if (typeof v !== 'number' || Number.isInteger(v)) return v;
  if (item.input === 'percent' && r() < 0.3) return `${String(v).replace('.', ',')}%`;
  return r() < 0.3 ? String(v).replace('.', ',') : v;
}

// Short references a unit gives as evidence (Minh chứng, ghi chú).
const ABBR = {
  xa: 'UBND', huyen: 'UBND',
  'MTTQ-01': 'MTTQ-BTT', 'MTTQ-02': 'LĐLĐ', 'MTTQ-03': 'HLHPN', 'MTTQ-04': 'TĐTN', 'MTTQ-05': 'HND', 'MTTQ-06': 'HCCB', 'MTTQ-07': 'HKH', 'MTTQ-08': 'LHH', 'MTTQ-09': 'HNCT', 'MTTQ-10': 'HCGC',
  'SO-01': 'SGDĐT', 'SO-02': 'SVHTTDL', 'SO-03': 'SYT', 'SO-04': 'SKHCN', 'SO-05': 'SDTTG', 'SO-06': 'BPTTH', 'SO-07': 'SNV', 'SO-08': 'STC', 'SO-09': 'STP', 'SO-10': 'SNNMT', 'SO-11': 'SCT', 'SO-12': 'SXD',
  'DN-01': 'ĐLGL', 'DN-02': 'CQN', 'DN-03': 'CSCS', 'DN-04': 'CTNGL', 'DN-05': 'DTBYT',
};
const dd = (n) => String(n).padStart(2, '0');
function noteFor(item, value, unit, tierId, phase, r) {
  const year = Number(String(phase.to).slice(0, 4));
  const org = ABBR[unit] ?? ABBR[tierId] ?? 'UBND';
  const no = 1 + Math.floor(r() * 180);
  // plans early in the phase's first year, reports and decisions at the end of its last
  const planDate = `${dd(1 + Math.floor(r() * 28))}/${dd(1 + Math.floor(r() * 4))}/${String(phase.from).slice(0, 4)}`;
  const date = `${dd(1 + Math.floor(r() * 28))}/${dd(10 + Math.floor(r() * 2))}/${year}`;
  const t = item.title.toLowerCase();
  if (item.input === 'yes_no') {
    if (value !== 'Có') return null;
    if (t.includes('kế hoạch')) return `Kế hoạch số ${no}/KH-${org} ngày ${planDate}`;
    if (t.includes('công nhận') || t.includes('khen thưởng')) return `Quyết định số ${no}/QĐ-UBND ngày ${date}`;
    if (t.includes('phối hợp')) return `Chương trình phối hợp số ${no}/CTPH ngày ${date}`;
    return `Báo cáo số ${no}/BC-${org} ngày ${date}`;
  }
  if (item.input === 'percent') return pick(r, [`Báo cáo số ${no}/BC-${org} ngày ${date}`, `Số liệu thống kê đến 30/11/${year}`, `Biểu tổng hợp kèm Báo cáo số ${no}/BC-${org}`]);
  if (item.input === 'count') {
    if (typeof value === 'number' && value === 0) return null;
    if (t.includes('ngày')) return `Báo cáo gửi ngày ${dd(15 + value)}/12/${year} (hạn 15/12/${year})`;
    if (t.includes('tin')) return `Danh mục tin, bài kèm theo (${value} tin, bài)`;
    if (t.includes('lớp')) return `Danh sách ${value} lớp kèm theo`;
    return 'Danh sách kèm theo';
  }
  if (item.input === 'number') return item.unit === 'triệu đồng' ? pick(r, [`Sổ theo dõi quỹ khuyến học năm ${year}`, `Báo cáo tài chính năm ${year}`]) : `Báo cáo số ${no}/BC-${org} ngày ${date}`;
  return null;
}

/**
 * Deliberate entry mistakes and cases, phase gd1 (listed in the example's README.md):
 * each one shows a check of the tool. Keep this table and the README in step.
 */
const DELIBERATE = {
  // a percent typed as 0,85 instead of 85 (a number, not percent-formatted)
  percentAsFraction: { unit: 'XA-014', item: '2.3', value: 0.85, meant: 85 },
  // self points over the item's max: 16 news items × 0,5 = 8, the cap of 5 forgotten
  selfOverMax: { unit: 'SO-04', item: '1.3', value: 16, self: 8 },
  // text in a number cell: a real error, the unit is rejected until it sends the figure
  textInNumber: { unit: 'DN-03', item: '3.1', value: 'Đang tổng hợp' },
  // the template came back with nothing filled in
  blankForm: 'MTTQ-10',
  // registered, sent nothing
  missing: 'XA-024',
};
/** Cases that are not mistakes but show a rule (also in the README). */
const CASES = {
  // a high total, but group 3 under 85 % of its max: not "xuất sắc" (below-share)
  belowShare: { unit: 'XA-011', group: '3', share: 0.74, level: 0.93 },
  // a critical item failed (no plan issued): classed no higher than "Hoàn thành nhiệm vụ"
  criticalFail: { unit: 'XA-016', item: '1.1', level: 0.86 },
};
/** Assessed points (Điểm thẩm định) with the assessor's note: [unit, item, points, note]. */
const ASSESSED = {
  gd1: [
    ['XA-006', '3.3', 4, 'Đoàn kiểm tra Sở GD&ĐT: trung tâm học tập cộng đồng hoạt động chưa thường xuyên'],
    ['XA-020', '3.3', 5.5, 'Đoàn kiểm tra Sở GD&ĐT đánh giá ngày 18/11/2025'],
    ['XA-008', '1.2', 3, 'Phúc tra: 6 tin, bài đạt yêu cầu, số còn lại là tin thông báo'],
    ['SO-09', '3.2', 7, 'Ban Thi đua – Khen thưởng đánh giá: còn 1 nhiệm vụ chậm tiến độ'],
    ['SO-01', '3.2', 10, 'Ban Thi đua – Khen thưởng đánh giá: hoàn thành 100 % nhiệm vụ'],
    ['MTTQ-02', '4.3', 3.5, 'Hội đồng thẩm định đánh giá ngày 25/11/2025'],
  ],
  gd2: [
    ['XA-006', '3.3', 5, 'Đoàn kiểm tra Sở GD&ĐT đánh giá ngày 20/11/2030'],
    ['SO-09', '3.2', 8, 'Ban Thi đua – Khen thưởng đánh giá'],
  ],
};

/**
 * Self points that differ from the computed ones, the way units overrate themselves: [unit,
 * item]; the unit claims the next level of points up on that item (or the next item of the
 * group that is not already at its maximum).
 */
const SELF_DIFFERS = {
  gd1: [['XA-003', '2.1'], ['HUYEN-03', '3.3'], ['MTTQ-05', '1.3']],
  gd2: [['XA-009', '2.4'], ['SO-02', '4.2']],
};
/** Units named in the tables above always fill in their self points. */
const NAMED = new Set([
  ...Object.values(SELF_DIFFERS).flat().map(([u]) => u),
  ...Object.values(ASSESSED).flat().map(([u]) => u),
  DELIBERATE.percentAsFraction.unit,
  DELIBERATE.selfOverMax.unit,
]);

/** Points (a number) a unit overrating itself would claim on an item, or null at the max. */
function overrate(item, pts) {
  const max = maxOf(item);
  const rule = item.rule;
  if (pts >= max) return null;
  switch (rule.kind) {
    case 'steps':
    case 'steps_below': {
      const up = rule.steps.map((st) => num(st.points)).filter((x) => x > pts);
      return up.length ? Math.min(...up) : null;
    }
    case 'per_item':
      return Math.min(max, pts + num(rule.points));
    case 'assessed':
      return Math.min(max, Math.floor(pts) + 1);
    default:
      return item.input === 'yes_no' ? null : max;
  }
}
/** A form unit's values, self points, assessed points and notes for one phase. */
function formUnit(tier, unit, f, phase) {
  const phaseId = phase.id;
  const noSelf = !NAMED.has(unit) && rngOf('noself', unit)() < 0.15;
  const groupOf = new Map();
  const walk = (g, top) => {
    for (const ch of g.children) {
      if (isPhaseGroup(ch)) walk(ch, top);
      else groupOf.set(ch.id, top);
    }
  };
  for (const g of tier.groups) walk(g, g);
  const inCase = (c) => phaseId === 'gd1' && c.unit === unit;
  if (inCase(CASES.belowShare)) f = CASES.belowShare.level;
  if (inCase(CASES.criticalFail)) f = CASES.criticalFail.level;
  /** One draw of the unit's values, with its total and group shares. */
  const draw = (attempt) => {
    const r = rngOf('form', phaseId, unit, attempt);
    // a group-level lean, so that shares vary between groups as they do between real units
    const lean = new Map(tier.groups.map((g) => [g.id, 0.04 * gauss(r)]));
    const values = new Map();
    const got = new Map(tier.groups.map((g) => [g.id, 0]));
    for (const item of tier.items) {
      const g = groupOf.get(item.id);
      let p = clamp(f + lean.get(g.id) + 0.08 * gauss(r), 0, 1);
      if (g.kind === 'bonus') p = clamp((f - 0.8) * 4 + 0.25 * gauss(r), 0, 1);
      if (item.critical) p = 1;
      if (inCase(CASES.belowShare) && g.kind === 'regular') p = g.id === CASES.belowShare.group ? CASES.belowShare.share : Math.max(p, 0.93);
      let value = valueFor(item, p, r);
      // a roll-up item: a whole number of the commune's children recognised
      if (item.from) value = round((100 * shareCount(item, value)) / PER_COMMUNE[item.from.tier], 2);
      if (inCase(CASES.criticalFail) && CASES.criticalFail.item === item.id) value = 'Không';
      values.set(item.id, value);
      got.set(g.id, got.get(g.id) + pointsFor(item, value));
    }
    let total = 0;
    let lowShare = 1;
    for (const g of tier.groups) {
      const pts = Math.min(got.get(g.id), g.max);
      if (g.kind === 'penalty') total -= pts;
      else total += pts;
      if (g.kind === 'regular') lowShare = Math.min(lowShare, pts / g.max);
    }
    return { values, total: Math.max(0, total) / 100, lowShare, r };
  };
  // the draw nearest the unit's level; a unit at 90 and over keeps every group at 85 %
  // unless it is the below-share case
  let best;
  let bestCost = Infinity;
  for (let attempt = 0; attempt < 60; attempt++) {
    const d = draw(attempt);
    let cost = Math.abs(d.total - 100 * f);
    if (100 * f >= 90 && !inCase(CASES.belowShare) && d.lowShare < 0.85) cost += 10;
    if (cost < bestCost) [best, bestCost] = [d, cost];
  }
  const { r } = best;
  for (const item of tier.items) if (item.from) RECOGNISED.set(`${phaseId}|${unit}|${item.from.tier}`, shareCount(item, best.values.get(item.id)));
  const rows = new Map();
  for (const item of tier.items) {
    const value = best.values.get(item.id);
    const pts = pointsFor(item, value);
    const drawn = r() < 0.45 ? noteFor(item, value, unit, tier.id, phase, r) : null;
    // a computed item (from the rosters) cites no report of the commune's own
    const note = item.from ? null : drawn;
    rows.set(item.id, { value: asTyped(value, item, r), self: noSelf ? null : pts / 100, assessed: null, note });
  }
  for (const [u, id] of SELF_DIFFERS[phaseId] ?? []) {
    if (u !== unit) continue;
    const from = tier.items.findIndex((it) => it.id === id);
    const item = tier.items.slice(from).find((it) => overrate(it, pointsFor(it, best.values.get(it.id)) / 100) !== null);
    rows.get(item.id).self = overrate(item, pointsFor(item, best.values.get(item.id)) / 100);
  }
  for (const [u, id, pts, note] of ASSESSED[phaseId] ?? []) {
    if (u !== unit) continue;
    rows.get(id).assessed = pts;
    rows.get(id).note = note;
  }
  if (phaseId === 'gd1') {
    const d = DELIBERATE;
    const set = (m, fn) => m.unit === unit && fn(rows.get(m.item));
    set(d.percentAsFraction, (row) => {
      const item = tier.items.find((it) => it.id === d.percentAsFraction.item);
      row.value = d.percentAsFraction.value;
      row.self = noSelf ? null : pointsFor(item, d.percentAsFraction.meant) / 100;
    });
    set(d.selfOverMax, (row) => {
      row.value = d.selfOverMax.value;
      row.self = d.selfOverMax.self;
      row.note = `Danh mục tin, bài kèm theo (${d.selfOverMax.value} tin, bài)`;
    });
    set(d.textInNumber, (row) => {
      row.value = d.textInNumber.value;
      row.self = null;
    });
    if (d.blankForm === unit) for (const row of rows.values()) Object.assign(row, { value: null, self: null, assessed: null, note: null });
  }
  return rows;
}

/** Writes assessed points and notes into a form template's rows (the template leaves them empty). */
function fillExtra(model, rows) {
  const sheet = model.sheets[0];
  for (const row of sheet.rows) {
    const id = row.cells?.[0]?.value;
    const data = typeof id === 'string' ? rows.get(id) : undefined;
    if (!data) continue;
    if (data.assessed !== null) row.cells[5] = { ...row.cells[5], value: data.assessed };
    if (data.note) row.cells[6] = { ...row.cells[6], value: data.note };
  }
}

// ---------------------------------------------------------------------------------------------
// Rosters: the same households, clans and people in both phases.

const HO_KINH = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Đinh', 'Trương'];
const DEM_NAM = ['Văn', 'Hữu', 'Minh', 'Đức', 'Quang', 'Thanh', 'Ngọc', 'Công'];
const DEM_NU = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh'];
const TEN_NAM = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Tuấn', 'Thắng', 'Vinh'];
const TEN_NU = ['Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Thảo', 'Trang', 'Yến', 'Phượng'];
const HO_JRAI = ['Ksor', 'Siu', 'Rơ Châm', 'Rah Lan', 'Rơ Mah', 'Kpă', 'Nay', 'Puih', 'Rcom'];
const TEN_JRAI_NAM = ['Blơng', 'Thơm', 'Đin', 'Tơl', 'Hyơn', 'Yuh', 'Kheo', 'Djơl', 'Hlúi'];
const TEN_JRAI_NU = ["H'Bia", "H'Yen", "H'Nhung", "H'Lan", "H'Wil", "H'Ngơr"];
/**
 * How many Jrai names live in a commune's village, by the commune's block: the western
 * highlands (Pleiku, Ia Grai, Chư Sê…) more than the coastal east (Quy Nhơn, Phù Cát…).
 */
const JRAI = { 'Khối phường vùng đông': 0, 'Khối phường vùng tây': 0.25, 'Khối xã vùng đông': 0.05, 'Khối xã vùng tây': 0.7 };
const LANG = ['Bồ', 'Plei Ơi', 'Plei Ring', 'Dơk', 'Ia Kênh', 'Tơ Vơn', 'Chuet', 'Plei Thơh'];
/** The communes (xa units) and, for each, the village or residential group its rosters list (their Khối). */
const COMMUNES = units
  .filter((u) => u.tier === 'xa')
  .map((u) => {
    const r = rngOf('village', u.id);
    const short = u.name.replace(/^UBND /, '');
    const jrai = JRAI[u.block] ?? 0;
    const n = 1 + Math.floor(r() * 9);
    const village = short.startsWith('phường')
      ? `${jrai ? 'Tổ dân phố' : 'Khu phố'} ${n}, ${short}`
      : jrai > 0.5 && r() < 0.6 ? `Làng ${pick(r, LANG)}, ${short}` : `Thôn ${n}, ${short}`;
    return { id: u.id, village, jrai };
  });
function person(r, jraiShare, female) {
  if (r() < jraiShare) return `${pick(r, HO_JRAI)} ${pick(r, female ? TEN_JRAI_NU : TEN_JRAI_NAM)}`;
  return `${pick(r, HO_KINH)} ${pick(r, female ? DEM_NU : DEM_NAM)} ${pick(r, female ? TEN_NU : TEN_NAM)}`;
}

/**
 * Children of each commune per roster tier: a small commune's list, enough for shares in
 * steps of 10 % (households, citizens) and 20 % (clans).
 */
const PER_COMMUNE = { ho_gia_dinh: 10, dong_ho: 5, ca_nhan: 10 };
const ROSTER_PREFIX = { ho_gia_dinh: 'HO', dong_ho: 'DH', ca_nhan: 'CN' };
/** Recognised children of each commune, `phase|commune|tier` → count, decided with its form. */
const RECOGNISED = new Map();
/** How many of a commune's children a roll-up item's value stands for (a whole number). */
function shareCount(item, value) {
  const n = PER_COMMUNE[item.from.tier];
  return clamp(Math.round((Number(value) * n) / 100), 0, n);
}

/** The people of a roster, the same in every phase: each commune's, one after the other. */
function population(tierId) {
  const r = rngOf('population', tierId);
  const out = [];
  const usedClans = new Set();
  const per = PER_COMMUNE[tierId];
  for (let i = 0; i < per * COMMUNES.length; i++) {
    const c = COMMUNES[Math.floor(i / per)];
    const thon = { name: c.village, jrai: c.jrai };
    const id = `${ROSTER_PREFIX[tierId]}-${String(i + 1).padStart(4, '0')}`;
    const female = r() < (tierId === 'ho_gia_dinh' ? 0.25 : 0.5);
    let name = person(r, thon.jrai, female);
    if (tierId === 'ho_gia_dinh') name = `Hộ ${female ? 'bà' : 'ông'} ${name}`;
    if (tierId === 'dong_ho') {
      const list = r() < thon.jrai ? HO_JRAI : HO_KINH;
      let ho = pick(r, list);
      while (usedClans.has(`${thon.name}|${ho}`)) ho = pick(r, list);
      usedClans.add(`${thon.name}|${ho}`);
      name = `Dòng họ ${ho}`;
    }
    // adults: members aged 15 and over (whole people); clans: households and school-age children
    const adults = [1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 6][Math.floor(r() * 12)];
    const children = [0, 0, 1, 1, 2, 2, 2, 3][Math.floor(r() * 8)];
    const households = 15 + Math.floor(r() * 90);
    const pupils = Math.round(households * (0.8 + 0.6 * r()));
    out.push({ id, name, block: thon.name, parent: c.id, adults, children, households, pupils, skill: r() });
  }
  return out;
}

/** One roster row's values in the tier's item order, for a phase. */
function rosterValues(tierId, tier, who, phaseId, skill = who.skill, attempt = 0) {
  const r = attempt ? rngOf('roster', phaseId, who.id, attempt) : rngOf('roster', phaseId, who.id);
  const up = phaseId === 'gd2' ? 0.08 : 0; // five more years of the movement
  const s = clamp(skill + up, 0, 1);
  const yes = (prob) => (r() < prob ? 'Có' : 'Không');
  const v = {};
  if (tierId === 'ho_gia_dinh') {
    v['1.1'] = yes(who.children === 0 ? 1 : 0.97);
    const k = Math.min(who.adults, Math.round(who.adults * clamp(0.25 + 0.75 * s + 2 * up + 0.15 * gauss(r), 0, 1)));
    v['1.2'] = round((100 * k) / who.adults, 2);
    v['2.1'] = yes(0.6 + 0.5 * s);
    v['2.2'] = Math.min(who.adults + who.children, Math.round(who.adults * clamp(0.55 + 0.5 * s + 0.2 * gauss(r), 0, 1) + (who.children && r() < 0.5 ? 1 : 0)));
    v['3.1'] = yes(0.75 + 0.4 * s);
    v['3.2'] = Math.max(0, Math.round(1 + 5 * s + 1.2 * gauss(r)));
    v['T.1'] = yes(0.05 + 0.25 * s);
    v['D.1'] = yes(0.04);
  } else if (tierId === 'dong_ho') {
    v['1.1'] = yes(0.85 + 0.3 * s);
    v['1.2'] = yes(0.55 + 0.5 * s);
    const k = Math.round(who.households * clamp(0.42 + 0.45 * s + 2 * up + 0.08 * gauss(r), 0, 1));
    v['2.1'] = round((100 * k) / who.households, 2);
    const out = r() < 0.55 + 0.45 * s ? 0 : 1 + Math.floor(r() * 2);
    v['2.2'] = round((100 * out) / who.pupils, 2);
    v['3.1'] = Math.round((8 + 30 * s + 15 * r()) * (phaseId === 'gd2' ? 1.4 : 1));
    v['3.2'] = Math.max(0, Math.round(2 + 14 * s + 3 * gauss(r)));
    v['T.1'] = yes(0.05 + 0.2 * s);
    v['D.1'] = r() < 0.12 ? 1 : 0;
  } else {
    v['1.1'] = yes(0.75 + 0.3 * s);
    v['1.2'] = Math.max(0, Math.round(1.5 + 5 * s + 1.3 * gauss(r)));
    v['2.1'] = Math.round(clamp(25 * (0.5 + 0.5 * s + up) + 2.5 * gauss(r), 5, 25) * 2) / 2;
    v['2.2'] = round(clamp((phaseId === 'gd2' ? 1.6 : 1) * (0.8 + 3.2 * s) + 0.6 * gauss(r), 0, 14), 1);
    v['3.1'] = yes(0.55 + 0.5 * s);
    v['3.2'] = Math.max(0, Math.round(0.5 + 3 * s + 0.8 * gauss(r)));
    v['T.1'] = yes(0.03 + 0.2 * s);
    v['D.1'] = yes(0.03);
  }
  return tier.items.map((it) => {
    if (!(it.id in v)) throw new Error(`${tierId}: no value for item ${it.id}`);
    return v[it.id];
  });
}

/** The class the rules give a roster row's values (as drawn, before typing). */
function classOf(tier, who, raw) {
  const values = Float64Array.from(tier.items, (it, i) => (it.input === 'yes_no' ? (raw[i] === 'Có' ? 1 : 0) : raw[i]));
  const u = scoreUnit(tier, { id: who.id, name: who.name, block: who.block, values, assessed: null, self: null, selfTotal: null, errors: [], source: null });
  return classify(tier, u);
}

/**
 * A roster's rows for a phase: in each commune, the children most likely to (skill and a
 * little luck) are the recognised ones, as many as the commune's share says; each child's
 * values are drawn again, a little better or worse, until its class agrees.
 */
function rosterRows(tierId, tier, phaseId) {
  const top = tier.classes[0].id;
  const rows = [];
  const people = population(tierId);
  for (const c of COMMUNES) {
    const mine = people.filter((p) => p.parent === c.id);
    const k = RECOGNISED.get(`${phaseId}|${c.id}|${tierId}`);
    if (k === undefined) throw new Error(`${tierId}: no share for ${c.id} in ${phaseId}`);
    const order = mine.map((p) => ({ p, key: p.skill + 0.15 * gauss(rngOf('pick', phaseId, p.id)) })).sort((a, b) => b.key - a.key);
    const chosen = new Set(order.slice(0, k).map((o) => o.p.id));
    for (const who of mine) {
      const want = chosen.has(who.id);
      let raw;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`${tierId}: ${who.id} never ${want ? 'recognised' : 'short'} in ${phaseId}`);
        const step = Math.min(1, 0.05 * attempt);
        const skill = want ? who.skill + step : who.skill - step;
        raw = rosterValues(tierId, tier, who, phaseId, skill, attempt);
        if ((classOf(tier, who, raw) === top) === want) break;
      }
      const r = rngOf('typed', phaseId, who.id);
      rows.push({ id: who.id, name: who.name, block: who.block, parent: who.parent, values: raw.map((v, i) => asTyped(v, tier.items[i], r)) });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

rmSync(join(DIR, 'submissions'), { recursive: true, force: true });
for (const phase of criteria.phases) {
  for (const def of criteria.tiers) {
    if (def.phases && !def.phases.includes(phase.id)) continue;
    const tier = resolveTier(criteria, def, phase.id);
    const out = join(DIR, 'submissions', phase.id, def.id);
    mkdirSync(out, { recursive: true });
    const date = new Date(`${phase.from}T00:00:00Z`);
    if (tier.layout === 'form') {
      const regs = units.filter((u) => u.tier === def.id && (!u.phases || u.phases.includes(phase.id)));
      const levels = levelsOf(def.id, regs, phase.id);
      const sending = regs.filter((u) => !(phase.id === 'gd1' && u.id === DELIBERATE.missing));
      // every commune's values are drawn, a silent one's too: its share decides its households
      const data = new Map(regs.map((u) => [u.id, formUnit(tier, u.id, levels.get(u.id), phase)]));
      if (process.env.DEBUG) for (const [id, f] of levels) console.log(phase.id, id, f.toFixed(3));
      const files = makeTemplates({
        criteria, tier: def.id, phase: phase.id, units: sending, lang: 'vi', date,
        fill: {
          form: (unit, item) => {
            const row = data.get(unit)?.get(item.id);
            return row ? { value: row.value, self: row.self } : undefined;
          },
        },
      });
      for (const f of files) {
        fillExtra(f.model, data.get(f.name.split(' - ')[0]));
        writeFileSync(join(out, f.name), writeWorkbook(f.model));
      }
    } else {
      const rows = rosterRows(def.id, tier, phase.id);
      const files = makeTemplates({ criteria, tier: def.id, phase: phase.id, units: null, lang: 'vi', date, fill: { roster: rows } });
      for (const f of files) writeFileSync(join(out, f.name), writeWorkbook(f.model));
    }
  }
}
writeFileSync(
  join(DIR, 'thidua.yaml'),
  '# Dự án thidua: trong thư mục này, `thidua check` và `thidua score` không cần tham số.\n' +
    'criteria: criteria.yaml\nunits: units.yaml\nsubmissions: submissions/gd1\nphase: gd1\noutput: thidua-out\n',
);
console.log('example submissions written');
