import type { PhaseGroup, PhaseRequirement, PhaseTier, Rule } from '../criteria/model.js';
import { scoreInput } from './store.js';
import type { AwardList, ScoredUnit, StoreColumns, TierResult, TierStats, UnitInput } from './types.js';
import { UnscoredUnit } from './unscored.js';

/** Computed (or assessed) points of every item, then groups, total and critical items. */
export function scoreUnit(tier: PhaseTier, input: UnitInput): ScoredUnit {
  return scoreInput(tier, input);
}

/** A unit that is not scored: rejected with its reasons, or registered and silent. */
export function unscored(input: UnitInput | null, reg: { id: string; name: string; block: string; parent?: string | undefined }, status: 'rejected' | 'not_submitted'): ScoredUnit {
  return new UnscoredUnit(reg.id, reg.name, reg.block, reg.parent, status, input);
}

/**
 * Xếp loại: the highest band whose min the total reaches and whose per-group floor every
 * regular top-level group meets; no higher than critical_cap after a failed critical item.
 */
export function classify(tier: PhaseTier, u: ScoredUnit): string | null {
  if (u.total === null) return null;
  const regular = regularGroups(tier);
  let chosen = tier.classes.length - 1;
  for (let i = 0; i < tier.classes.length; i++) {
    const c = tier.classes[i]!;
    if (u.total < c.min) continue;
    const share = c.minShareEach;
    // points ≥ share × max, exactly: points × 10^s ≥ n × max
    if (share && !regular.every((g) => BigInt(u.groupPoints(g.id) ?? 0) * 10n ** BigInt(share.s) >= share.n * BigInt(g.max))) continue;
    if (c.requires && !c.requires.every((r) => requirementMet(tier, u, r))) continue;
    chosen = i;
    break;
  }
  if (u.criticalFailed.length && tier.criticalCap) {
    const cap = tier.classes.findIndex((c) => c.id === tier.criticalCap);
    if (cap > chosen) chosen = cap;
  }
  return tier.classes[chosen]?.id ?? null;
}

/** The points a requirement of a class reads: the item's or the group's (a penalty group's: those deducted). */
export function requirementPoints(tier: PhaseTier, u: ScoredUnit, r: PhaseRequirement): number {
  if (r.item !== undefined) {
    const i = itemIndex(tier).get(r.item);
    return i === undefined ? 0 : (u.points[i] ?? 0);
  }
  return u.groupPoints(r.group!) ?? 0;
}

/** Whether a unit meets one requirement of a class (SPEC §14), exactly in hundredths. */
export function requirementMet(tier: PhaseTier, u: ScoredUnit, r: PhaseRequirement): boolean {
  const pts = requirementPoints(tier, u, r);
  switch (r.rule) {
    case 'min_points':
      return pts >= r.points!;
    case 'max_points':
      return pts <= r.points!;
    case 'min_share': {
      const max = tier.groupById.get(r.group!)?.max ?? 0;
      return BigInt(pts) * 10n ** BigInt(r.share!.s) >= r.share!.n * BigInt(max);
    }
  }
}

const itemIndexCache = new WeakMap<PhaseTier, Map<string, number>>();
function itemIndex(tier: PhaseTier): Map<string, number> {
  let m = itemIndexCache.get(tier);
  if (!m) itemIndexCache.set(tier, (m = new Map(tier.items.map((it, i) => [it.id, i]))));
  return m;
}

const regularCache = new WeakMap<PhaseTier, PhaseGroup[]>();
function regularGroups(tier: PhaseTier): PhaseGroup[] {
  let r = regularCache.get(tier);
  if (!r) regularCache.set(tier, (r = tier.groups.filter((g) => g.kind === 'regular')));
  return r;
}

/**
 * A unit with the keys that order it: total, then each tie_break key, all "higher first". The
 * first two are fields of their own: a million units sorted through key arrays spent most of
 * the sort reaching into them.
 */
interface Keyed {
  u: ScoredUnit;
  k0: number;
  k1: number;
  /** The tie_break keys after the first, or null when there are none. */
  rest: number[] | null;
}

function rankKeys(tier: PhaseTier, u: ScoredUnit): Keyed {
  const fns = tieKeys(tier);
  let rest: number[] | null = null;
  for (let i = 1; i < fns.length; i++) (rest ??= []).push(fns[i]!(u));
  return { u, k0: u.total ?? -1, k1: fns.length ? fns[0]!(u) : 0, rest };
}

function cmpKeyed(a: Keyed, b: Keyed): number {
  if (a.k0 !== b.k0) return b.k0 - a.k0;
  if (a.k1 !== b.k1) return b.k1 - a.k1;
  return a.rest === null ? 0 : cmpKeys(a.rest, b.rest!);
}

const tieKeyCache = new WeakMap<PhaseTier, ((u: ScoredUnit) => number)[]>();
/** Each tie_break key as a function, its group or item looked up once rather than per unit. */
function tieKeys(tier: PhaseTier): ((u: ScoredUnit) => number)[] {
  let fns = tieKeyCache.get(tier);
  if (fns) return fns;
  fns = tier.tieBreak.flatMap((k): ((u: ScoredUnit) => number)[] => {
    if (k === 'fewer_penalty') return [(u) => -u.penalty];
    if (k.startsWith('group:')) {
      const id = k.slice(6);
      return [(u) => u.groupPoints(id) ?? 0];
    }
    if (k.startsWith('item:')) {
      const i = tier.items.findIndex((it) => it.id === k.slice(5));
      return [(u) => (i >= 0 ? u.points[i]! : 0)];
    }
    return [];
  });
  tieKeyCache.set(tier, fns);
  return fns;
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

function cmpKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/** Equal units: Vietnamese alphabetical order of name, then id (SPEC §3). */
export function compareNames(nameA: string, idA: string, nameB: string, idB: string): number {
  return collator.compare(nameA, nameB) || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

function cmpNames(a: ScoredUnit, b: ScoredUnit): number {
  return compareNames(a.name, a.id, b.name, b.id);
}

/**
 * The units of one rank group put in name order ahead (by {@link compareNames}), when another
 * thread did it while this one scored: `places[slot]` is a slot's place in its group, for the
 * slots of `store`. Null when nobody did.
 */
export interface NamePlaces {
  store: StoreColumns;
  places: Int32Array;
}

export interface RankInput {
  tier: PhaseTier;
  units: ScoredUnit[];
  /** Registered units per block (units file), or null when the tier has no units file entries. */
  registeredByBlock: Map<string, number> | null;
  /** Block order of the units file; other blocks follow alphabetically. */
  blockOrder: string[];
  /** A rank group's units in name order, if they were put in it ahead (block name, or '' for the tier). */
  namePlaces?: (group: string, units: number) => NamePlaces | null;
}

/**
 * Classes, ranks (per block or tier, shared ranks 1, 2, 2, 4) and award proposals,
 * then the listing order and stats of SPEC §6.
 */
export function rankTier({ tier, units, registeredByBlock, blockOrder, namePlaces }: RankInput): TierResult {
  for (const u of units) if (u.status === 'scored') u.classId = classify(tier, u);
  const rankGroups = new Map<string, ScoredUnit[]>();
  for (const u of units) {
    if (u.status !== 'scored') continue;
    const g = tier.rankBy === 'block' ? u.block : '';
    let list = rankGroups.get(g);
    if (!list) rankGroups.set(g, (list = []));
    list.push(u);
  }
  const classIndex = new Map(tier.classes.map((c, i) => [c.id, i]));
  const rankedLists = new Map<string, ScoredUnit[]>();
  const listsByGroup = new Map<string, AwardList[]>();
  // groups put in name order ahead come first to last: from last to first, this thread ranks
  // those not done yet while the other finishes the rest, and they meet (each group is ranked
  // on its own, so the order changes nothing else)
  const groupsInTurn = namePlaces ? [...rankGroups].reverse() : rankGroups;
  for (const [g, members] of groupsInTurn) {
    const ranked = packedRanking(tier, members, namePlaces?.(g, members.length) ?? null) ?? keyedRanking(tier, members);
    rankedLists.set(g, ranked);
    const block = tier.rankBy === 'block' ? g : null;
    listsByGroup.set(g, awardGroup(tier, ranked, classIndex, quotaBase(registeredByBlock, block, ranked.length), block || null));
  }
  // listing: blocks in the units file's order, then the rest alphabetically
  const present = [...new Set(units.map((u) => u.block))];
  const known = blockOrder.filter((b) => present.includes(b));
  const rest = present.filter((b) => !known.includes(b)).sort((a, b) => collator.compare(a, b));
  const blocks = [...known, ...rest];
  const unranked = (list: ScoredUnit[]): ScoredUnit[] => {
    const rejected = list.filter((u) => u.status === 'rejected').sort(cmpNames);
    const silent = list.filter((u) => u.status === 'not_submitted').sort(cmpNames);
    return [...rejected, ...silent];
  };
  let ordered: ScoredUnit[];
  if (tier.rankBy === 'block') {
    const byBlock = new Map<string, ScoredUnit[]>();
    for (const u of units) {
      if (u.status === 'scored') continue;
      const list = byBlock.get(u.block);
      if (list) list.push(u);
      else byBlock.set(u.block, [u]);
    }
    // plain pushes: flatMap over spread lists copies every list twice
    ordered = [];
    for (const b of blocks) {
      for (const u of rankedLists.get(b) ?? []) ordered.push(u);
      for (const u of unranked(byBlock.get(b) ?? [])) ordered.push(u);
    }
  } else {
    ordered = [...(rankedLists.get('') ?? []), ...unranked(units.filter((u) => u.status !== 'scored'))];
  }
  // the same units in the order they came: counts and integer sums do not depend on the order,
  // and a store's units in that order read its columns front to back (in listing order, every
  // read landed somewhere else in a million units' columns)
  return { tier, units: ordered, blocks, stats: stats(tier, units, registeredByBlock), awardLists: awardLists(tier, blocks, listsByGroup, registeredByBlock, classIndex) };
}

/**
 * The award lists in the awards' order, then the blocks' listing order; a block (or tier) with
 * no scored unit still has its lists, with the quota its registered units give (SPEC §9).
 */
function awardLists(tier: PhaseTier, blocks: string[], byGroup: Map<string, AwardList[]>, registered: Map<string, number> | null, classIndex: Map<string, number>): AwardList[] {
  if (tier.awards.length === 0) return [];
  const groups = tier.rankBy === 'block' ? blocks : [''];
  const out: AwardList[] = [];
  tier.awards.forEach((_, k) => {
    for (const g of groups) {
      const lists = byGroup.get(g) ?? awardGroup(tier, [], classIndex, quotaBase(registered, tier.rankBy === 'block' ? g : null, 0), tier.rankBy === 'block' ? g || null : null);
      out.push(lists[k]!);
    }
  });
  return out;
}

/**
 * Units in rank order, each given its rank: numbers first (cheap), then names only inside
 * runs of equal keys. The collator is the slow part, and a million households share few
 * totals within a block.
 */
export function keyedRanking(tier: PhaseTier, members: readonly ScoredUnit[]): ScoredUnit[] {
  const list = members.map((u) => rankKeys(tier, u));
  list.sort(cmpKeyed);
  for (let i = 0; i < list.length; ) {
    let j = i + 1;
    while (j < list.length && cmpKeyed(list[i]!, list[j]!) === 0) j++;
    if (j - i > 1) {
      const run = list.slice(i, j).sort((a, b) => cmpNames(a.u, b.u));
      for (let x = i; x < j; x++) list[x] = run[x - i]!;
    }
    for (let x = i; x < j; x++) list[x]!.u.rank = i + 1;
    i = j;
  }
  return list.map((x) => x.u);
}

/** Bits of a packed key: the total, the first tie_break key, the unit's place among the members. */
const TOTAL_BITS = 21;
const TIE_BITS = 22;
const PLACE_BITS = 21;
const PLACE_MASK = 2 ** PLACE_BITS - 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * {@link keyedRanking} for the common case — the total and at most one tie_break key, each an
 * integer of modest size — with each unit's keys and place packed into one 64-bit integer,
 * sorted natively: no call into JavaScript per comparison, and no key object per unit. Equal
 * keys keep the members' order, as the stable sort does, before names decide.
 *
 * With the members' places in name order (`named`), the place packed is that one: equal keys
 * then come out in name order already, and the collator — a million households' ranking spent
 * most of its time in it — is not called here at all.
 * Null when a key does not fit: the caller ranks through the comparator.
 */
export function packedRanking(tier: PhaseTier, members: readonly ScoredUnit[], named: NamePlaces | null = null): ScoredUnit[] | null {
  const fns = tieKeys(tier);
  const n = members.length;
  if (fns.length > 1 || n > PLACE_MASK + 1) return null;
  const tie = fns[0];
  if (!LITTLE_ENDIAN) return null;
  const byPlace = named ? placedByName(members, named) : null;
  const keys = new BigUint64Array(n);
  // the halves of each key (the bigint is never made)
  const words = new Uint32Array(keys.buffer);
  for (let i = 0; i < n; i++) {
    const u = members[i]!;
    const place = byPlace ? named!.places[u.slot]! : i;
    const k0 = u.total ?? -1;
    const k1 = tie ? tie(u) : 0;
    if (!Number.isInteger(k0) || k0 < 0 || k0 >= 2 ** TOTAL_BITS || !Number.isInteger(k1) || k1 < -(2 ** (TIE_BITS - 1)) || k1 >= 2 ** (TIE_BITS - 1)) return null;
    // higher first: the complement of each key, ascending
    const a = 2 ** TOTAL_BITS - 1 - k0;
    const b = 2 ** (TIE_BITS - 1) - 1 - k1;
    words[2 * i + 1] = ((a << (TIE_BITS - (32 - PLACE_BITS))) | (b >>> (32 - PLACE_BITS))) >>> 0;
    words[2 * i] = (((b & (2 ** (32 - PLACE_BITS) - 1)) << PLACE_BITS) | place) >>> 0;
  }
  keys.sort();
  const ranked = new Array<ScoredUnit>(n);
  const at = byPlace ?? members;
  for (let i = 0; i < n; ) {
    const hi = words[2 * i + 1]!;
    const lo = words[2 * i]! >>> PLACE_BITS;
    let j = i + 1;
    while (j < n && words[2 * j + 1] === hi && words[2 * j]! >>> PLACE_BITS === lo) j++;
    for (let x = i; x < j; x++) ranked[x] = at[words[2 * x]! & PLACE_MASK]!;
    if (j - i > 1 && !byPlace) {
      const run = ranked.slice(i, j).sort(cmpNames);
      for (let x = i; x < j; x++) ranked[x] = run[x - i]!;
    }
    for (let x = i; x < j; x++) ranked[x]!.rank = i + 1;
    i = j;
  }
  return ranked;
}

/**
 * The members by their place in name order, or null when a member is not among the slots the
 * places were made for, or a place does not fit the key, or two share one (then the caller
 * sorts names itself).
 */
function placedByName(members: readonly ScoredUnit[], named: NamePlaces): ScoredUnit[] | null {
  const { store, places } = named;
  let last = -1;
  for (const u of members) {
    if (u.store !== store || u.slot >= places.length) return null;
    const p = places[u.slot]!;
    if (p < 0 || p > PLACE_MASK) return null;
    if (p > last) last = p;
  }
  // a place per slot of the group: rejected units hold theirs too, so a few stay empty
  const byPlace = new Array<ScoredUnit | undefined>(last + 1).fill(undefined);
  for (const u of members) {
    const p = places[u.slot]!;
    if (byPlace[p] !== undefined) return null;
    byPlace[p] = u;
  }
  return byPlace as ScoredUnit[];
}

function quotaBase(registered: Map<string, number> | null, block: string | null, submitted: number): number {
  if (!registered) return submitted;
  if (block === null) return [...registered.values()].reduce((a, b) => a + b, 0);
  return registered.get(block) ?? 0;
}

/**
 * Awards in the listed order. Units tied across the edge of a quota get no award: they
 * go to award_ties for the board to decide. Returns each award's list for this group.
 */
function awardGroup(tier: PhaseTier, ranked: ScoredUnit[], classIndex: Map<string, number>, base: number, block: string | null): AwardList[] {
  const lists: AwardList[] = [];
  for (const award of tier.awards) {
    const quota = award.perBlock ?? (award.share ? Number((award.share.n * BigInt(base)) / 10n ** BigInt(award.share.s)) : 0);
    const minIdx = award.minClass !== undefined ? classIndex.get(award.minClass)! : Infinity;
    const eligible = ranked.filter(
      (u) =>
        (award.minClass === undefined || classIndex.get(u.classId ?? '')! <= minIdx) &&
        u.criticalFailed.length === 0 &&
        !u.awards.some((a) => award.exclusiveOf.includes(a)),
    );
    const list: AwardList = { award: award.id, block, quota, units: [], ties: [] };
    lists.push(list);
    for (let i = 0; i < eligible.length && list.units.length < quota; ) {
      let j = i;
      while (j < eligible.length && eligible[j]!.rank === eligible[i]!.rank) j++;
      const tied = eligible.slice(i, j);
      if (list.units.length + tied.length <= quota) {
        for (const u of tied) {
          u.awards = [...u.awards, award.id];
          list.units.push(u.id);
        }
      } else {
        for (const u of tied) {
          u.awardTies = [...u.awardTies, award.id];
          list.ties.push(u.id);
        }
        break;
      }
      i = j;
    }
  }
  return lists;
}

function stats(tier: PhaseTier, units: ScoredUnit[], registered: Map<string, number> | null): TierStats {
  const classes: Record<string, number> = {};
  for (const c of tier.classes) classes[c.id] = 0;
  const awards: Record<string, number> = {};
  for (const a of tier.awards) awards[a.id] = 0;
  let sum = 0;
  let scored = 0;
  let rejected = 0;
  let silent = 0;
  // counted in a map, then put in the record in the tier's order of classes
  const byClass = new Map<string, number>();
  // one pass: a stored unit makes its fields on every read
  for (const u of units) {
    const status = u.status;
    if (status === 'rejected') rejected++;
    else if (status === 'not_submitted') silent++;
    else {
      scored++;
      sum += u.total ?? 0;
      const c = u.classId;
      if (c) byClass.set(c, (byClass.get(c) ?? 0) + 1);
    }
    const got = u.awards;
    if (got.length) for (const a of tier.awards) if (got.includes(a.id)) awards[a.id]!++;
  }
  for (const [c, n] of byClass) classes[c] = (classes[c] ?? 0) + n;
  return {
    registered: registered ? [...registered.values()].reduce((a, b) => a + b, 0) : null,
    submitted: units.length - silent,
    scored,
    rejected,
    not_submitted: silent,
    mean: scored ? Math.round(sum / scored) : null,
    classes,
    awards,
  };
}
