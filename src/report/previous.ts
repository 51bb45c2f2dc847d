import { dec, hundredths } from '../util/decimal.js';
import type { Unit } from '../units/load.js';

/** What an earlier phase says about a unit that is scored now. */
export interface PreviousEntry {
  /** Earlier total, in integer hundredths (like ScoredUnit.total). */
  total: number;
  /** Earlier rank (in its block or tier, as ranked then), or null when it had none. */
  rank: number | null;
  /** Id the earlier figures were recorded under: the unit itself or a unit merged into it. */
  from: string;
  /** Every earlier unit that continues under this id (itself included when it was scored then). */
  sources: string[];
}

/** Per tier id: current unit id → its earlier-phase figures. */
export type PreviousIndex = Map<string, Map<string, PreviousEntry>>;

interface EarlierUnit {
  id: string;
  total: number;
  rank: number | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The id a unit continues under now: its `successor`, followed to the end of the chain. */
function currentId(id: string, successor: Map<string, string>): string {
  let at = id;
  const seen = new Set<string>([at]);
  for (let next = successor.get(at); next !== undefined && !seen.has(next); next = successor.get(at)) {
    seen.add(next);
    at = next;
  }
  return at;
}

/** Higher total first, then the better rank, then the id: the "best" earlier record. */
function better(a: EarlierUnit, b: EarlierUnit): boolean {
  if (a.total !== b.total) return a.total > b.total;
  const ra = a.rank ?? Infinity;
  const rb = b.rank ?? Infinity;
  if (ra !== rb) return ra < rb;
  return a.id < b.id;
}

/**
 * Maps, per tier id, each current unit id to its total and rank in an earlier phase's
 * results.json (`thidua.results/v1`, already parsed).
 *
 * Mergers: a unit of the earlier phase whose units-file entry names a `successor` (followed
 * through chains, X → Y → Z) counts for the unit it continues under now. When several earlier
 * units end up under one id (units merged into one, or a unit that absorbed others), the
 * comparison uses the best of them — the highest earlier total, then the better rank, then
 * the smaller id — and `sources` lists them all. Summing would compare a merged unit with a
 * total no unit ever had (totals are capped at the tier's max), so the best record is taken.
 *
 * Only units scored in the earlier phase count. Anything that does not look like a results
 * file gives an empty index.
 */
export function previousIndex(previous: unknown, units: Unit[] | null): PreviousIndex {
  const out: PreviousIndex = new Map();
  if (!isObj(previous) || previous.format !== 'thidua.results/v1' || !Array.isArray(previous.tiers)) return out;
  const successor = new Map<string, string>();
  for (const u of units ?? []) if (u.successor && u.successor !== u.id) successor.set(u.id, u.successor);
  for (const t of previous.tiers) {
    if (!isObj(t) || typeof t.id !== 'string' || !Array.isArray(t.units)) continue;
    const best = new Map<string, EarlierUnit>();
    const sources = new Map<string, string[]>();
    for (const u of t.units) {
      if (!isObj(u) || typeof u.id !== 'string' || typeof u.total !== 'number' || !Number.isFinite(u.total)) continue;
      if (u.status !== undefined && u.status !== 'scored') continue;
      const rank = typeof u.rank === 'number' && Number.isFinite(u.rank) ? u.rank : null;
      const e: EarlierUnit = { id: u.id, total: hundredths(dec(u.total)), rank };
      const now = currentId(u.id, successor);
      const held = best.get(now);
      if (!held || better(e, held)) best.set(now, e);
      let list = sources.get(now);
      if (!list) sources.set(now, (list = []));
      list.push(u.id);
    }
    const tier = new Map<string, PreviousEntry>();
    for (const [id, e] of best) tier.set(id, { total: e.total, rank: e.rank, from: e.id, sources: [...sources.get(id)!].sort() });
    out.set(t.id, tier);
  }
  return out;
}
