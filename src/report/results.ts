import type { PhaseTier } from '../criteria/model.js';
import { toJson } from '../diagnostics/format.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { hundredthsToNumber as h2n } from '../util/decimal.js';
import type { DecidedAward, ScoredUnit, StoreColumns, TierResult } from '../scoring/types.js';
import { explain, NO_WHY, type Why } from '../scoring/explain.js';
import { whyJson } from './why-words.js';
import { ByteSink, utf8 } from '../util/bytes.js';

export interface ResultsMeta {
  movement: string;
  phase: string;
  tool: { name: string; version: string };
  /** YYYY-MM-DD, or null: no clock time unless asked for. */
  date: string | null;
  criteria: { path: string; sha256: string };
  units: { path: string; sha256: string } | null;
  inputs: { path: string; sha256: string }[];
  lang: Lang;
}

/** Per-tag subtotals of one unit: family → value → points (regular items only). */
export function tagTotals(tier: PhaseTier, u: ScoredUnit): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  tier.items.forEach((it, i) => {
    if (it.kind !== 'regular') return;
    for (const [fam, val] of Object.entries(it.tags)) {
      const f = (out[fam] ??= {});
      f[val] = (f[val] ?? 0) + u.points[i]!;
    }
  });
  for (const f of Object.values(out)) for (const k of Object.keys(f)) f[k] = h2n(f[k]!);
  return Object.fromEntries(Object.keys(out).sort().map((fam) => [fam, sortKeys(out[fam]!)]));
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

/** One unit of results.json as an object; `why` from {@link explain} (SPEC §9). */
export function unitJson(tier: PhaseTier, u: ScoredUnit, lang: Lang, why: readonly Why[] = NO_WHY, warnings: readonly Diagnostic[] = [], decided?: readonly DecidedAward[]): Record<string, unknown> {
  const scored = u.status === 'scored';
  const items: Record<string, unknown> = {};
  if (scored && u.input) {
    const notes = u.input.notes;
    const rollups = u.input.rollups;
    tier.items.forEach((it, i) => {
      const v = u.input!.values[i]!;
      const self = u.input!.self?.[i];
      const assessed = u.input!.assessed?.[i];
      const note = notes?.[i];
      items[it.id] = {
        value: Number.isNaN(v) ? null : it.input === 'yes_no' ? v === 1 : it.rule.kind === 'choice' ? (it.rule.ids[v] ?? null) : v,
        points: h2n(u.points[i]!),
        // each left out when there is none (SPEC §6): nearly every roster row has none of them,
        // and a million households would carry 30 bytes of nulls per item
        ...(self === undefined || Number.isNaN(self) ? {} : { self }),
        ...(assessed === undefined || Number.isNaN(assessed) ? {} : { assessed }),
        ...(note ? { note } : {}),
        ...(rollups?.[i] ? { from: rollups[i] } : {}),
      };
    });
  }
  const groups: Record<string, number> = {};
  if (scored) for (const [id, v] of u.groups) groups[id] = h2n(v);
  const src = u.input?.source;
  return {
    id: u.id,
    name: u.name,
    block: u.block || null,
    ...(u.parent ? { parent: u.parent } : {}),
    status: u.status,
    total: u.total === null ? null : h2n(u.total),
    self_total: u.selfTotal === null ? null : h2n(u.selfTotal),
    class: u.classId,
    rank: u.rank,
    critical_failed: u.criticalFailed,
    awards: u.awards,
    award_ties: u.awardTies,
    // only on a unit the council decided about (SPEC §12): nearly every unit has none
    ...(decided?.length ? { decisions: decided.map((d) => ({ award: d.award, grant: d.grant, reason: d.reason })) } : {}),
    ...(scored ? { why: whyJson(tier, why, lang) } : {}),
    groups,
    bonus: scored ? h2n(u.bonus) : null,
    penalty: scored ? h2n(u.penalty) : null,
    tags: scored ? tagTotals(tier, u) : {},
    items,
    source: src ? { path: src.path, sheet: src.sheet, ...(src.row ? { row: src.row } : {}) } : null,
    // every error of a rejected unit, then its warnings: all its problems in one pass (SPEC §9)
    ...(u.status === 'rejected' ? { reasons: [...(u.input?.errors ?? []), ...warnings].map((d) => toJson(d, lang)) } : {}),
  };
}

function tierHead(t: TierResult): Record<string, unknown> {
  return {
    id: t.tier.id,
    title: t.tier.title,
    layout: t.tier.layout,
    max: h2n(t.tier.max),
    rank_by: t.tier.rankBy,
    stats: {
      registered: t.stats.registered,
      submitted: t.stats.submitted,
      scored: t.stats.scored,
      rejected: t.stats.rejected,
      not_submitted: t.stats.not_submitted,
      mean: t.stats.mean === null ? null : h2n(t.stats.mean),
      classes: t.stats.classes,
      awards: t.stats.awards,
    },
    blocks: t.blocks.filter((b) => b !== ''),
    award_lists: t.awardLists,
  };
}

function head(meta: ResultsMeta): Record<string, unknown> {
  return {
    format: 'thidua.results/v1',
    movement: meta.movement,
    phase: meta.phase,
    date: meta.date,
    tool: meta.tool,
    criteria: meta.criteria,
    units_file: meta.units,
    inputs: meta.inputs,
  };
}

/** The results object of SPEC §6, whole (for tests and small runs). */
export function buildResults(meta: ResultsMeta, tiers: TierResult[], diagnostics: Diagnostic[]): Record<string, unknown> {
  return {
    ...head(meta),
    tiers: tiers.map((t) => {
      const warned = warningsByUnit(t, diagnostics);
      return { ...tierHead(t), units: t.units.map((u) => unitJson(t.tier, u, meta.lang, explain(t, u), u.status === 'rejected' ? warned.get(u.id) : undefined, t.decisions?.get(u.id))) };
    }),
    diagnostics: diagnostics.map((d) => toJson(d, meta.lang)),
  };
}

/** The warnings of each rejected unit of a tier, by id (they join its reasons). */
function warningsByUnit(t: TierResult, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  if (t.stats.rejected === 0) return out;
  const rejected = new Set<string>();
  for (const u of t.units) if (u.status === 'rejected') rejected.add(u.id);
  for (const d of diagnostics) {
    if (d.severity !== 'warning' || d.tier !== t.tier.id || !d.unit || !rejected.has(d.unit)) continue;
    const list = out.get(d.unit);
    if (list) list.push(d);
    else out.set(d.unit, [d]);
  }
  return out;
}

const indent = (text: string, pad: string): string => text.split('\n').join(`\n${pad}`);

/**
 * results.json in chunks of bytes, unit by unit, without ever holding a million-unit document
 * as one string (V8 caps a string near 512 MiB). The same document as `buildResults`, indented,
 * with each unit on a line of its own. Each chunk is a view into the same memory: use it
 * before asking for the next one.
 */
export function* resultsJsonChunks(meta: ResultsMeta, tiers: TierResult[], diagnostics: Diagnostic[]): Generator<Uint8Array> {
  const w = new ByteSink(CHUNK * 2);
  const h = JSON.stringify(head(meta), null, 2);
  w.text(`${h.slice(0, -2)},\n  "tiers": [`);
  let firstTier = true;
  for (const t of tiers) {
    const th = JSON.stringify(tierHead(t), null, 2);
    w.text(`${firstTier ? '' : ','}\n    ${indent(th.slice(0, -2), '    ')},\n      "units": [`);
    firstTier = false;
    // one unit per line: readable, diffable, and a third of the size of indenting every key
    const plan = jsonPlan(t.tier);
    const warned = warningsByUnit(t, diagnostics);
    for (let i = 0; i < t.units.length; i++) {
      w.raw(i ? NEXT_UNIT : FIRST_UNIT);
      writeUnit(w, t, t.units[i]!, meta.lang, plan, warned);
      if (w.length > CHUNK) yield w.drain();
    }
    w.text(t.units.length ? '\n      ]\n    }' : ']\n    }');
  }
  w.text(tiers.length ? '\n  ],\n  "diagnostics": [' : '],\n  "diagnostics": [');
  let i = 0;
  for (const d of diagnostics) {
    w.text(`${i++ ? ',' : ''}\n    ${indent(JSON.stringify(toJson(d, meta.lang), null, 2), '    ')}`);
    if (w.length > CHUNK) yield w.drain();
  }
  w.text(diagnostics.length ? '\n  ]\n}\n' : ']\n}\n');
  yield w.drain();
}

const CHUNK = 1 << 20;
const FIRST_UNIT = utf8('\n        ');
const NEXT_UNIT = utf8(',\n        ');

/** JS object key order: array-index keys ascending, then the others as inserted. */
function objectKeyOrder(keys: string[]): number[] {
  const isIndex = (k: string): boolean => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
  const idx = keys.map((k, i) => i);
  const ints = idx.filter((i) => isIndex(keys[i]!)).sort((a, b) => Number(keys[a]) - Number(keys[b]));
  return [...ints, ...idx.filter((i) => !isIndex(keys[i]!))];
}

interface JsonPlan {
  /** `open` starts the item; `blankThenNext` ends it (no self or assessed points) and starts the next one (one copy instead of two). */
  /** `choices`: a choice item's ids as JSON text, by index (its value is written as the id). */
  items: { index: number; key: string; yesNo: boolean; choices: Buffer[] | null; open: Buffer; blankThenNext: Buffer }[];
  groups: { id: string; key: string; open: Buffer; gi: number }[];
  critical: number[];
  tags: { key: string; values: { key: string; items: number[]; open: Buffer }[]; open: Buffer }[];
  classes: Buffer[];
}

const planCache = new WeakMap<PhaseTier, JsonPlan>();

/** What every scored unit of a tier writes, in the order JSON.stringify would write it. */
function jsonPlan(tier: PhaseTier): JsonPlan {
  let plan = planCache.get(tier);
  if (plan) return plan;
  const itemIds = tier.items.map((it) => it.id);
  const groupIds = [...tier.groupById.keys()];
  const fams = new Map<string, Map<string, number[]>>();
  tier.items.forEach((it, i) => {
    if (it.kind !== 'regular') return;
    for (const [fam, val] of Object.entries(it.tags)) {
      let f = fams.get(fam);
      if (!f) fams.set(fam, (f = new Map()));
      f.set(val, [...(f.get(val) ?? []), i]);
    }
  });
  const famKeys = [...fams.keys()].sort();
  const itemOrder = objectKeyOrder(itemIds);
  const itemOpen = (k: number): string => `${k ? ',' : ''}${JSON.stringify(itemIds[itemOrder[k]!])}:{"value":`;
  plan = {
    items: itemOrder.map((i, k) => ({
      index: i,
      key: `${JSON.stringify(itemIds[i])}:`,
      yesNo: tier.items[i]!.input === 'yes_no',
      choices: choiceIds(tier.items[i]!.rule),
      open: utf8(itemOpen(k)),
      blankThenNext: utf8(`}${k + 1 < itemOrder.length ? itemOpen(k + 1) : ''}`),
    })),
    groups: objectKeyOrder(groupIds).map((i) => ({ id: groupIds[i]!, key: `${JSON.stringify(groupIds[i])}:`, open: utf8(`${JSON.stringify(groupIds[i])}:`), gi: i })),
    critical: tier.items.flatMap((it, i) => (it.critical ? [i] : [])),
    tags: objectKeyOrder(famKeys).map((fi, k) => {
      const f = fams.get(famKeys[fi]!)!;
      const vals = [...f.keys()].sort();
      return {
        key: `${JSON.stringify(famKeys[fi])}:`,
        open: utf8(`${k ? ',' : ''}${JSON.stringify(famKeys[fi])}:{`),
        values: objectKeyOrder(vals).map((vi, j) => ({ key: `${JSON.stringify(vals[vi])}:`, items: f.get(vals[vi]!)!, open: utf8(`${j ? ',' : ''}${JSON.stringify(vals[vi])}:`) })),
      };
    }),
    classes: tier.classes.map((c) => utf8(JSON.stringify(c.id))),
  };
  planCache.set(tier, plan);
  return plan;
}

/**
 * `JSON.stringify(unitJson(…))` as text: the bytes {@link writeUnit} writes. A test holds the
 * two to the same text for every unit of the example.
 */
export function unitJsonText(t: TierResult, u: ScoredUnit, lang: Lang): string {
  const w = new ByteSink(4096);
  writeUnit(w, t, u, lang, jsonPlan(t.tier), new Map());
  return w.take().toString('utf8');
}

const B = {
  id: utf8('{"id":'),
  name: utf8(',"name":'),
  block: utf8(',"block":'),
  parent: utf8(',"parent":'),
  total: utf8(',"status":"scored","total":'),
  selfTotal: utf8(',"self_total":'),
  cls: utf8(',"class":'),
  rank: utf8(',"rank":'),
  critical: utf8(',"critical_failed":'),
  awards: utf8(',"awards":'),
  ties: utf8(',"award_ties":'),
  why: utf8(',"why":'),
  groups: utf8(',"groups":{'),
  bonus: utf8('},"bonus":'),
  penalty: utf8(',"penalty":'),
  tags: utf8(',"tags":{'),
  items: utf8('},"items":{'),
  points: utf8(',"points":'),
  self: utf8(',"self":'),
  assessed: utf8(',"assessed":'),
  close: utf8('}'),
  source: utf8('},"source":'),
  row: utf8(',"row":'),
  end: utf8('}}'),
  endNull: utf8('null}'),
  null: utf8('null'),
  true: utf8('true'),
  false: utf8('false'),
  empty: utf8('[]'),
} as const;

/**
 * One unit as `JSON.stringify(unitJson(…))` would write it. A scored unit is written straight
 * from its tier's columns (`u.store`): a million households spend most of their output time
 * here, and building the objects first costs several times as much. The rest (not submitted,
 * rejected, with notes, roll-up figures or the council's decisions) go through JSON.stringify.
 */
function writeUnit(w: ByteSink, t: TierResult, u: ScoredUnit, lang: Lang, plan: JsonPlan, warned: Map<string, Diagnostic[]>): void {
  const why = explain(t, u);
  const decided = t.decisions?.get(u.id);
  // units with evidence notes are forms, a few hundred at most, and units the council decided
  // about a handful: written through the object
  if (!decided && u.status === 'scored' && !u.store.notes.has(u.slot) && !u.store.rollups.has(u.slot)) writeStored(w, t.tier, u.store, u.slot, plan, why.length ? JSON.stringify(whyJson(t.tier, why, lang)) : null);
  else w.text(JSON.stringify(unitJson(t.tier, u, lang, why, u.status === 'rejected' ? warned.get(u.id) : undefined, decided)));
}

/** {@link writeUnit} for a scored unit, read from its tier's columns at its slot; `why` as JSON text, or null when empty. */
function writeStored(w: ByteSink, tier: PhaseTier, st: StoreColumns, s: number, plan: JsonPlan, why: string | null): void {
  const n = st.n;
  const base = s * n;
  const points = st.points;
  w.raw(B.id);
  w.str(st.ids[s]!);
  w.raw(B.name);
  w.str(st.names[s]!);
  w.raw(B.block);
  const block = st.blocks[s]!;
  if (block) w.str(block);
  else w.raw(B.null);
  const parent = st.parents[s];
  if (parent) {
    w.raw(B.parent);
    w.str(parent);
  }
  w.raw(B.total);
  w.hundredths(st.total[s]!);
  w.raw(B.selfTotal);
  numOrNull(w, st.selfTotal[s]!, true);
  w.raw(B.cls);
  const c = st.cls[s]!;
  w.raw(c < 0 ? B.null : plan.classes[c]!);
  w.raw(B.rank);
  const rank = st.rank[s]!;
  if (rank) w.int(rank);
  else w.raw(B.null);
  w.raw(B.critical);
  let failed: string[] | null = null;
  for (const i of plan.critical) if (points[base + i] === 0) (failed ??= []).push(tier.items[i]!.id);
  if (failed) w.text(JSON.stringify(failed));
  else w.raw(B.empty);
  const awards = st.awards[s];
  w.raw(B.awards);
  if (awards?.length) w.text(JSON.stringify(awards));
  else w.raw(B.empty);
  const ties = st.awardTies[s];
  w.raw(B.ties);
  if (ties?.length) w.text(JSON.stringify(ties));
  else w.raw(B.empty);
  w.raw(B.why);
  if (why) w.text(why);
  else w.raw(B.empty);
  w.raw(B.groups);
  const gBase = s * st.g;
  for (let k = 0; k < plan.groups.length; k++) {
    const g = plan.groups[k]!;
    if (k) w.raw(COMMA);
    w.raw(g.open);
    w.hundredths(st.groupPoints[gBase + g.gi]!);
  }
  w.raw(B.bonus);
  w.hundredths(st.bonus[s]!);
  w.raw(B.penalty);
  w.hundredths(st.penalty[s]!);
  w.raw(B.tags);
  for (const f of plan.tags) {
    w.raw(f.open);
    for (const v of f.values) {
      w.raw(v.open);
      let sum = 0;
      for (const i of v.items) sum += points[base + i]!;
      w.hundredths(sum);
    }
    w.raw(B.close);
  }
  w.raw(B.items);
  const values = st.values;
  const self = st.self;
  const assessed = st.assessed;
  // an item whose self and assessed points are blank (nearly every roster row) leaves both out
  // (SPEC §6) and ends with the next one's opening, in one copy
  let opened = false;
  for (const it of plan.items) {
    const i = base + it.index;
    if (!opened) w.raw(it.open);
    opened = false;
    const v = values[i]!;
    if (Number.isNaN(v)) w.raw(B.null);
    else if (it.yesNo) w.raw(v === 1 ? B.true : B.false);
    else if (it.choices) w.raw(it.choices[v] ?? B.null);
    else w.num(v);
    w.raw(B.points);
    w.hundredths(points[i]!);
    const sv = self ? self[i]! : NaN;
    const av = assessed ? assessed[i]! : NaN;
    if (Number.isNaN(sv) && Number.isNaN(av)) {
      w.raw(it.blankThenNext);
      opened = true;
      continue;
    }
    if (!Number.isNaN(sv)) {
      w.raw(B.self);
      w.num(sv);
    }
    if (!Number.isNaN(av)) {
      w.raw(B.assessed);
      w.num(av);
    }
    w.raw(B.close);
  }
  w.raw(B.source);
  const l = st.srcLayout[s]!;
  const src = l > 0 ? st.sources[l - 1] : undefined;
  if (!src) {
    w.raw(B.endNull);
    return;
  }
  writeSource(w, src);
  const row = st.srcRow[s]!;
  if (row) {
    w.raw(B.row);
    w.int(row);
  }
  w.raw(B.end);
}

/** `{"path":…,"sheet":…` of a unit's source. */
function writeSource(w: ByteSink, src: { path: string; sheet: string }): void {
  // a roster's units share their file and sheet: encoded once
  if (lastSource?.path !== src.path || lastSource.sheet !== src.sheet) {
    lastSource = { path: src.path, sheet: src.sheet, bytes: utf8(`{"path":${JSON.stringify(src.path)},"sheet":${JSON.stringify(src.sheet)}`) };
  }
  w.raw(lastSource.bytes);
}

const COMMA = utf8(',');
let lastSource: { path: string; sheet: string; bytes: Buffer } | null = null;

function numOrNull(w: ByteSink, x: number, hundredths = false): void {
  if (Number.isNaN(x)) w.raw(B.null);
  else if (hundredths) w.hundredths(x);
  else w.num(x);
}

function choiceIds(rule: PhaseTier['items'][number]['rule']): Buffer[] | null {
  return rule.kind === 'choice' ? rule.ids.map((id) => utf8(JSON.stringify(id))) : null;
}
