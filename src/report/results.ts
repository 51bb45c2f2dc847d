import type { PhaseTier } from '../criteria/model.js';
import { toJson } from '../diagnostics/format.js';
import type { Lang } from '../diagnostics/messages.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { formatHundredths, hundredthsToNumber as h2n } from '../scoring/decimal.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';

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

export function unitJson(tier: PhaseTier, u: ScoredUnit, lang: Lang): Record<string, unknown> {
  const scored = u.status === 'scored';
  const items: Record<string, unknown> = {};
  if (scored && u.input) {
    tier.items.forEach((it, i) => {
      const v = u.input!.values[i]!;
      const self = u.input!.self?.[i];
      const assessed = u.input!.assessed?.[i];
      items[it.id] = {
        value: Number.isNaN(v) ? null : it.input === 'yes_no' ? v === 1 : v,
        points: h2n(u.points[i]!),
        self: self === undefined || Number.isNaN(self) ? null : self,
        assessed: assessed === undefined || Number.isNaN(assessed) ? null : assessed,
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
    status: u.status,
    total: u.total === null ? null : h2n(u.total),
    self_total: u.selfTotal === null ? null : h2n(u.selfTotal),
    class: u.classId,
    rank: u.rank,
    critical_failed: u.criticalFailed,
    awards: u.awards,
    award_ties: u.awardTies,
    groups,
    bonus: scored ? h2n(u.bonus) : null,
    penalty: scored ? h2n(u.penalty) : null,
    tags: scored ? tagTotals(tier, u) : {},
    items,
    source: src ? { path: src.path, sheet: src.sheet, ...(src.row ? { row: src.row } : {}) } : null,
    ...(u.status === 'rejected' ? { reasons: (u.input?.errors ?? []).map((d) => toJson(d, lang)) } : {}),
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
    tiers: tiers.map((t) => ({ ...tierHead(t), units: t.units.map((u) => unitJson(t.tier, u, meta.lang)) })),
    diagnostics: diagnostics.map((d) => toJson(d, meta.lang)),
  };
}

const indent = (text: string, pad: string): string => text.split('\n').join(`\n${pad}`);

/**
 * results.json as text chunks, unit by unit, without ever holding a million-unit document as
 * one string (V8 caps a string near 512 MiB). The same document as `buildResults`, indented,
 * with each unit on a line of its own.
 */
export function* resultsJsonChunks(meta: ResultsMeta, tiers: TierResult[], diagnostics: Diagnostic[]): Generator<string> {
  const h = JSON.stringify(head(meta), null, 2);
  yield `${h.slice(0, -2)},\n  "tiers": [`;
  let firstTier = true;
  for (const t of tiers) {
    const th = JSON.stringify(tierHead(t), null, 2);
    yield `${firstTier ? '' : ','}\n    ${indent(th.slice(0, -2), '    ')},\n      "units": [`;
    firstTier = false;
    // one unit per line: readable, diffable, and a third of the size of indenting every key
    const plan = jsonPlan(t.tier);
    let batch = '';
    for (let i = 0; i < t.units.length; i++) {
      batch += `${i ? ',' : ''}\n        ${unitJsonText(t.tier, t.units[i]!, meta.lang, plan)}`;
      // small pieces stay in the young generation; a megabyte string goes straight to the old one
      // and drags a full collection of the million-unit heap behind it
      if (batch.length > 1 << 15) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
    yield t.units.length ? '\n      ]\n    }' : ']\n    }';
  }
  yield tiers.length ? '\n  ],\n  "diagnostics": [' : '],\n  "diagnostics": [';
  let i = 0;
  for (const d of diagnostics) yield `${i++ ? ',' : ''}\n    ${indent(JSON.stringify(toJson(d, meta.lang), null, 2), '    ')}`;
  yield diagnostics.length ? '\n  ]\n}\n' : ']\n}\n';
}

/** JS object key order: array-index keys ascending, then the others as inserted. */
function objectKeyOrder(keys: string[]): number[] {
  const isIndex = (k: string): boolean => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
  const idx = keys.map((k, i) => i);
  const ints = idx.filter((i) => isIndex(keys[i]!)).sort((a, b) => Number(keys[a]) - Number(keys[b]));
  return [...ints, ...idx.filter((i) => !isIndex(keys[i]!))];
}

interface JsonPlan {
  items: { index: number; key: string; yesNo: boolean }[];
  groups: { id: string; key: string }[];
  tags: { key: string; values: { key: string; items: number[] }[] }[];
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
  plan = {
    items: objectKeyOrder(itemIds).map((i) => ({ index: i, key: `${JSON.stringify(itemIds[i])}:`, yesNo: tier.items[i]!.input === 'yes_no' })),
    groups: objectKeyOrder(groupIds).map((i) => ({ id: groupIds[i]!, key: `${JSON.stringify(groupIds[i])}:` })),
    tags: objectKeyOrder(famKeys).map((fi) => {
      const f = fams.get(famKeys[fi]!)!;
      const vals = [...f.keys()].sort();
      return { key: `${JSON.stringify(famKeys[fi])}:`, values: objectKeyOrder(vals).map((vi) => ({ key: `${JSON.stringify(vals[vi])}:`, items: f.get(vals[vi]!)! })) };
    }),
  };
  planCache.set(tier, plan);
  return plan;
}

const num = (x: number): string => (Number.isNaN(x) ? 'null' : String(x));
const h = (x: number): string => formatHundredths(x);

/**
 * `JSON.stringify(unitJson(…))` written directly for scored units: a million households
 * spend most of their output time here, and building the objects first doubles it.
 * A test holds the two to the same bytes.
 */
export function unitJsonText(tier: PhaseTier, u: ScoredUnit, lang: Lang, plan: JsonPlan = jsonPlan(tier)): string {
  const inp = u.input;
  if (u.status !== 'scored' || !inp) return JSON.stringify(unitJson(tier, u, lang));
  let groups = '';
  for (const g of plan.groups) {
    const v = u.groups.get(g.id);
    if (v !== undefined) groups += `${groups ? ',' : ''}${g.key}${h(v)}`;
  }
  let tags = '';
  for (const f of plan.tags) {
    let vals = '';
    for (const v of f.values) {
      let sum = 0;
      for (const i of v.items) sum += u.points[i]!;
      vals += `${vals ? ',' : ''}${v.key}${h(sum)}`;
    }
    tags += `${tags ? ',' : ''}${f.key}{${vals}}`;
  }
  let items = '';
  for (const it of plan.items) {
    const i = it.index;
    const v = inp.values[i]!;
    const value = Number.isNaN(v) ? 'null' : it.yesNo ? (v === 1 ? 'true' : 'false') : String(v);
    const self = inp.self ? num(inp.self[i]!) : 'null';
    const assessed = inp.assessed ? num(inp.assessed[i]!) : 'null';
    items += `${items ? ',' : ''}${it.key}{"value":${value},"points":${h(u.points[i]!)},"self":${self},"assessed":${assessed}}`;
  }
  const src = inp.source;
  const source = src ? `{"path":${JSON.stringify(src.path)},"sheet":${JSON.stringify(src.sheet)}${src.row ? `,"row":${src.row}` : ''}}` : 'null';
  const arr = (a: string[]): string => (a.length ? JSON.stringify(a) : '[]');
  return (
    `{"id":${JSON.stringify(u.id)},"name":${JSON.stringify(u.name)},"block":${u.block ? JSON.stringify(u.block) : 'null'},"status":"scored",` +
    `"total":${u.total === null ? 'null' : h(u.total)},"self_total":${u.selfTotal === null ? 'null' : h(u.selfTotal)},` +
    `"class":${u.classId === null ? 'null' : JSON.stringify(u.classId)},"rank":${u.rank === null ? 'null' : u.rank},` +
    `"critical_failed":${arr(u.criticalFailed)},"awards":${arr(u.awards)},"award_ties":${arr(u.awardTies)},` +
    `"groups":{${groups}},"bonus":${h(u.bonus)},"penalty":${h(u.penalty)},"tags":{${tags}},"items":{${items}},"source":${source}}`
  );
}
