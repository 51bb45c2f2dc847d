import { isPhaseGroup, type PhaseGroup, type PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { dec, hundredths } from '../util/decimal.js';
import { casePoints, pointsOf, type PointsFn } from './rules.js';
import { GroupPoints, NO_STRINGS, type ScoredUnit, type UnitInput, type UnitStatus } from './types.js';

/**
 * The units of one tier, column by column: what they reported and, once scored, their points.
 *
 * A household roster holds a million units. As objects (an input, a scored unit, typed arrays
 * for values, points and groups, a place for each item) each one costs kilobytes and eight
 * objects the garbage collector walks on every major collection. Here a unit is a slot: a
 * few numbers in shared typed arrays and its three strings (figures in bench/HISTORY.md).
 * {@link StoreUnit} shows a slot as a {@link ScoredUnit}, so reports read both the same way.
 */
export class TierStore {
  /** Items of the tier. */
  readonly n: number;
  /** Groups of the tier (nested ones too). */
  readonly g: number;
  /** How the tier's groups add up, looked up once (it holds functions: a copy sent to a thread leaves it out). */
  readonly plan: ScorePlan;
  size = 0;
  private cap = 0;
  ids: string[] = [];
  names: string[] = [];
  blocks: string[] = [];
  /** Đơn vị cấp trên of each slot read from a roster's column ('' when none there). */
  parents: string[] = [];
  /** Roll-up items' figures (SPEC §11) by slot, `n` per unit, for units that have some. */
  rollups = new Map<number, (RollupFigure | null)[]>();
  /** Reported values, `n` per slot; NaN = not given. */
  values: Float64Array = new Float64Array(0);
  /** Self points, `n` per slot; null until a unit of the tier gives one. */
  self: Float64Array | null = null;
  /** Assessed points, `n` per slot; null until a unit of the tier gives one. */
  assessed: Float64Array | null = null;
  /** Total the unit wrote itself (its total row); NaN = none. */
  selfTotalIn: Float64Array = new Float64Array(0);
  /** First source: 1-based index into `sources`, and the roster row (0 for a form). */
  srcLayout: Int32Array = new Int32Array(0);
  srcRow: Int32Array = new Int32Array(0);
  /** Where each item was read, for units not read from one roster row alone. */
  prov = new Map<number, Provenance>();
  /** Errors that reject the unit. */
  errors = new Map<number, Diagnostic[]>();
  /** Minh chứng, ghi chú by slot, `n` per unit (null where none): only units that wrote one. */
  notes = new Map<number, (string | null)[]>();
  /** Slot by unit id, while reading. */
  byId: IdIndex = new IdIndex(this.ids);

  // ---- results, filled by `score`
  status: Uint8Array = new Uint8Array(0);
  points: Int32Array = new Int32Array(0);
  groupPoints: Int32Array = new Int32Array(0);
  total: Int32Array = new Int32Array(0);
  bonus: Int32Array = new Int32Array(0);
  penalty: Int32Array = new Int32Array(0);
  /** Hundredths; NaN = none. */
  selfTotal: Float64Array = new Float64Array(0);
  assessedUsed: Uint8Array | null = null;
  /** Failed critical items, a bit per critical item of the tier (null past 31 of them: read from points). */
  critical: Int32Array | null = null;
  /** Index into tier.classes; -1 = none. */
  cls: Int16Array = new Int16Array(0);
  /** 0 = no rank. */
  rank: Int32Array = new Int32Array(0);
  awards: (string[] | undefined)[] = [];
  awardTies: (string[] | undefined)[] = [];
  /** After {@link TierStore.reorder}: slot k holds what slot order[k] held before. */
  order: Int32Array | null = null;

  /** A store copied to another thread, made whole again. */
  static revive(copy: TierStore): TierStore {
    Object.setPrototypeOf(copy, TierStore.prototype);
    (copy as { plan: ScorePlan }).plan = plan(copy.tier);
    return copy;
  }

  constructor(
    readonly tier: PhaseTier,
    /** Files and sheets units were read from (the run's layouts), by `srcLayout`. */
    readonly sources: readonly { path: string; sheet: string; valueCol?: readonly (string | undefined)[]; unitCol?: string }[],
  ) {
    this.n = tier.items.length;
    this.plan = plan(tier);
    this.g = this.plan.groupCount;
  }

  /** A new slot for a unit; values start blank. */
  add(id: string, name: string, block: string, layout: number, row: number, selfTotal: number | null): number {
    if (this.size === this.cap) this.grow();
    const s = this.size++;
    this.ids.push(id);
    this.names.push(name);
    this.blocks.push(block);
    this.parents.push('');
    this.selfTotalIn[s] = selfTotal ?? NaN;
    this.srcLayout[s] = layout;
    this.srcRow[s] = row;
    this.byId.set(id, s);
    return s;
  }

  private grow(): void {
    const cap = Math.max(64, this.cap * 2);
    const n = this.n;
    const f64 = (a: Float64Array, per: number): Float64Array => {
      const b = new Float64Array(cap * per);
      b.set(a);
      // blank only what is new: the rest was just copied
      b.fill(NaN, a.length);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.values = f64(this.values, n);
    if (this.self) this.self = f64(this.self, n);
    if (this.assessed) this.assessed = f64(this.assessed, n);
    this.selfTotalIn = f64(this.selfTotalIn, 1);
    this.srcLayout = i32(this.srcLayout);
    this.srcRow = i32(this.srcRow);
    this.cap = cap;
  }

  /** The self-points column, made on first use. */
  selfColumn(): Float64Array {
    return (this.self ??= new Float64Array(this.cap * this.n).fill(NaN));
  }

  /** The assessed-points column, made on first use. */
  assessedColumn(): Float64Array {
    return (this.assessed ??= new Float64Array(this.cap * this.n).fill(NaN));
  }

  /** Keeps the evidence note of one item of a unit. */
  setNote(slot: number, i: number, text: string): void {
    let list = this.notes.get(slot);
    if (!list) this.notes.set(slot, (list = new Array<string | null>(this.n).fill(null)));
    list[i] = text;
  }

  addError(slot: number, d: Diagnostic): void {
    const list = this.errors.get(slot);
    if (list) list.push(d);
    else this.errors.set(slot, [d]);
  }

  /**
   * Where item `i` of a slot was read: 1-based layout (negative: a blank cell seen there; 0:
   * nowhere). A unit read from one roster row alone has it from the row's layout.
   */
  from(slot: number, i: number): number {
    const p = this.prov.get(slot);
    if (p) return p.from[i]!;
    const l = this.srcLayout[slot]!;
    if (this.sources[l - 1]?.valueCol?.[i] === undefined) return 0;
    return Number.isNaN(this.values[slot * this.n + i]!) ? -l : l;
  }

  /** Row of item `i` of a slot (see {@link from}). */
  rowOf(slot: number, i: number): number {
    const p = this.prov.get(slot);
    if (p) return p.row[i]!;
    return this.sources[this.srcLayout[slot]! - 1]?.valueCol?.[i] === undefined ? 0 : this.srcRow[slot]!;
  }

  /** Cell of the unit id in its first source. */
  unitCell(slot: number): string | null {
    const p = this.prov.get(slot);
    if (p) return p.unitCell;
    const col = this.sources[this.srcLayout[slot]! - 1]?.unitCol;
    return col ? `${col}${this.srcRow[slot]}` : null;
  }

  /** Gives a slot read from one roster row its own item-by-item places, before another report merges in. */
  provenance(slot: number): Provenance {
    let p = this.prov.get(slot);
    if (p) return p;
    const from = new Int32Array(this.n);
    const row = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      from[i] = this.from(slot, i);
      row[i] = this.rowOf(slot, i);
    }
    p = { from, row, unitCell: this.unitCell(slot) };
    this.prov.set(slot, p);
    return p;
  }

  /** Scores every slot: points, groups, total (SPEC §3); rejected slots are left unscored. */
  score(): void {
    const size = this.size;
    const n = this.n;
    this.status = new Uint8Array(size);
    this.points = new Int32Array(size * n);
    this.groupPoints = new Int32Array(size * this.g);
    this.total = new Int32Array(size);
    this.bonus = new Int32Array(size);
    this.penalty = new Int32Array(size);
    this.selfTotal = new Float64Array(size).fill(NaN);
    this.cls = new Int16Array(size).fill(-1);
    this.rank = new Int32Array(size);
    // no holes: reading a hole looks along the prototype chain, a million times per pass
    this.awards = new Array<string[] | undefined>(size).fill(undefined);
    this.awardTies = new Array<string[] | undefined>(size).fill(undefined);
    if (this.assessed) this.assessedUsed = new Uint8Array(size * n);
    const p = plan(this.tier);
    this.critical = p.critical.length <= 31 ? new Int32Array(size) : null;
    for (let s = 0; s < size; s++) {
      if (this.errors.has(s)) this.status[s] = REJECTED;
      else this.scoreSlot(p, s);
    }
  }

  /**
   * Puts the slots in the order the units are listed (SPEC §6), so that every output reads
   * the columns front to back rather than a million units scattered over half a gigabyte of
   * columns, a cache miss each.
   */
  reorder(units: readonly ScoredUnit[], perm: Int32Array | null = this.listingOrder(units)): void {
    if (perm === null) return;
    const size = this.size;
    this.order = perm;
    const newSlot = new Int32Array(size);
    for (let k = 0; k < size; k++) newSlot[perm[k]!] = k;
    const by = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, w: number): T => gather(a, w, newSlot);
    const list = <T>(a: T[]): T[] => {
      const out = new Array<T>(a.length);
      for (let s = 0; s < size; s++) out[newSlot[s]!] = a[s]!;
      return out;
    };
    const n = this.n;
    this.values = by(this.values, n);
    if (this.self) this.self = by(this.self, n);
    if (this.assessed) this.assessed = by(this.assessed, n);
    this.selfTotalIn = by(this.selfTotalIn, 1);
    this.srcLayout = by(this.srcLayout, 1);
    this.srcRow = by(this.srcRow, 1);
    this.status = by(this.status, 1);
    this.points = by(this.points, n);
    this.groupPoints = by(this.groupPoints, this.g);
    this.total = by(this.total, 1);
    this.bonus = by(this.bonus, 1);
    this.penalty = by(this.penalty, 1);
    this.selfTotal = by(this.selfTotal, 1);
    if (this.assessedUsed) this.assessedUsed = by(this.assessedUsed, n);
    if (this.critical) this.critical = by(this.critical, 1);
    this.cls = by(this.cls, 1);
    this.rank = by(this.rank, 1);
    this.ids = list(this.ids);
    // empty, as the run left it before ranking, but over the ids in their new order
    this.byId = new IdIndex(this.ids);
    this.names = list(this.names);
    this.blocks = list(this.blocks);
    this.parents = list(this.parents);
    this.awards = list(this.awards);
    this.awardTies = list(this.awardTies);
    const remap = <V>(m: Map<number, V>): Map<number, V> => new Map([...m].map(([k, v]) => [newSlot[k]!, v]));
    this.prov = remap(this.prov);
    this.errors = remap(this.errors);
    this.notes = remap(this.notes);
    this.rollups = remap(this.rollups);
    this.cap = size;
    let k = 0;
    for (const u of units) if (u instanceof StoreUnit && u.store === this) u.slot = k++;
  }

  /**
   * The slots in the order `units` lists them (what {@link reorder} puts them in), or null
   * when the list does not hold each of this store's slots once.
   */
  listingOrder(units: readonly ScoredUnit[]): Int32Array | null {
    const size = this.size;
    const perm = new Int32Array(size);
    let listed = 0;
    for (const u of units) {
      if (!(u instanceof StoreUnit) || u.store !== this) continue;
      if (listed === size) return null;
      perm[listed++] = u.slot;
    }
    return listed === size ? perm : null;
  }

  /** Whether the columns were put in listing order in shared memory (see {@link SHARED_MIN_UNITS}). */
  inSharedMemory(): boolean {
    return this.points.buffer instanceof SharedArrayBuffer;
  }

  private scoreSlot(p: ScorePlan, s: number): void {
    const n = this.n;
    const base = s * n;
    const items = this.tier.items;
    const values = this.values;
    const assessed = this.assessed;
    const points = this.points;
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      const a = assessed ? assessed[base + i]! : NaN;
      const v = values[base + i]!;
      let pt: number;
      if (!Number.isNaN(a)) {
        pt = Math.max(0, hundredths(dec(a)));
        if (item.maxPoints !== null) pt = Math.min(pt, item.maxPoints);
        this.assessedUsed![base + i] = 1;
      } else if (Number.isNaN(v)) pt = 0;
      else pt = p.points[i]!(v);
      points[base + i] = pt;
    }
    // a case reads the other items' values of the unit, all in by now (SPEC §14)
    for (const i of p.cases) {
      if (assessed && !Number.isNaN(assessed[base + i]!)) continue;
      points[base + i] = casePoints(items[i]!.rule as Extract<PhaseTier['items'][number]['rule'], { kind: 'cases' }>, values, base);
    }
    if (this.critical) {
      let mask = 0;
      for (let b = 0; b < p.critical.length; b++) if (points[base + p.critical[b]!] === 0) mask |= 1 << b;
      this.critical[s] = mask;
    }
    const sums = sumGroups(p, points, base, this.groupPoints, s * this.g);
    this.total[s] = Math.max(0, sums.regular + sums.bonus - sums.penalty);
    this.bonus[s] = sums.bonus;
    this.penalty[s] = sums.penalty;
    this.selfTotal[s] = this.selfTotalOf(p, s);
  }

  /** Self points run through the same caps as computed ones, so the totals compare. */
  private selfTotalOf(p: ScorePlan, s: number): number {
    const self = this.self;
    const n = this.n;
    const base = s * n;
    // a total row whose formula adds up nothing the unit filled in says nothing
    if (!self) return NaN;
    let any = false;
    for (let i = 0; i < n; i++) if (!Number.isNaN(self[base + i]!)) any = true;
    if (!any) return NaN;
    const written = this.selfTotalIn[s]!;
    if (!Number.isNaN(written)) return hundredths(dec(written));
    const pts = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = self[base + i]!;
      pts[i] = Number.isNaN(v) ? 0 : hundredths(dec(v));
    }
    const sums = sumGroups(p, pts, 0, new Int32Array(this.g), 0);
    return Math.max(0, sums.regular + sums.bonus - sums.penalty);
  }
}

/**
 * Slot by unit id: an open-addressing table of slot numbers over the store's own id list.
 * A Map of a million fresh strings is slow to fill (it hashes and stores each key in a table
 * of its own); this one keeps a slot number and a hash (8 bytes) per entry, side by side, and
 * compares against the ids already held. Side by side, a lookup in a million ids waits for
 * one cache line instead of two.
 */
export class IdIndex {
  /** Per entry: slot + 1 (0: empty), then the id's hash (growing rehashes without reading the ids again). */
  private entries = new Int32Array(2 * INDEX_START);
  private count = 0;
  /** The id last looked up and its hash: `set` after a miss of `get` hashes once. */
  private lastId: string | undefined;
  private lastHash = 0;

  constructor(private readonly ids: readonly string[]) {}

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const h = this.hashOf(id);
    const e = this.entries;
    const mask = (e.length >> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = e[2 * i]!;
      if (v === 0) return undefined;
      if (e[2 * i + 1] === h && this.ids[v - 1] === id) return v - 1;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds a new id (not already present) at its slot. */
  set(id: string, slot: number): void {
    if ((this.count + 1) * 4 > this.entries.length) this.grow();
    put(this.entries, this.hashOf(id), slot);
    this.count++;
  }

  clear(): void {
    this.entries = new Int32Array(2 * INDEX_START);
    this.count = 0;
    this.lastId = undefined;
  }

  private hashOf(id: string): number {
    if (id !== this.lastId) {
      this.lastId = id;
      this.lastHash = hash(id);
    }
    return this.lastHash;
  }

  private grow(): void {
    const old = this.entries;
    const e = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) put(e, old[i + 1]!, old[i]! - 1);
    this.entries = e;
  }
}

/** Entries an {@link IdIndex} starts with (a power of two). */
const INDEX_START = 1024;

/** Puts a slot and its hash in the first free entry from its hash on. */
function put(e: Int32Array, h: number, slot: number): void {
  const mask = (e.length >> 1) - 1;
  let i = h & mask;
  while (e[2 * i] !== 0) i = (i + 1) & mask;
  e[2 * i] = slot + 1;
  e[2 * i + 1] = h;
}

/** FNV-1a over UTF-16 units, mixed at the end so that nearby ids spread. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * From this many units, columns put in listing order live in shared memory: the workbook
 * thread then reads the same bytes instead of a copy, so it has the model sooner, and making
 * the new columns no longer sets off collections of the old ones (see `collectGarbage`).
 */
export const SHARED_MIN_UNITS = 20_000;

/**
 * Rows of a column (w values a slot) in a new order: slot `to[s]` of the result is slot s. Read
 * in order and written scattered: the other way round (read scattered) makes every read a
 * cache miss the loop waits for, where writes are buffered. The bytes move as 32-bit words
 * where a slot's bytes allow, else one by one, so each loop only ever sees one kind of array.
 */
function gather<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, w: number, to: Int32Array): T {
  const Column = a.constructor as { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = to.length >= SHARED_MIN_UNITS ? new Column(new SharedArrayBuffer(a.length * Column.BYTES_PER_ELEMENT)) : new Column(a.length);
  const bytes = w * a.BYTES_PER_ELEMENT;
  if (bytes % 4 === 0 && a.byteOffset % 4 === 0 && a.byteLength % 4 === 0) {
    scatter32(new Int32Array(a.buffer, a.byteOffset, a.byteLength / 4), new Int32Array(out.buffer, out.byteOffset, out.byteLength / 4), bytes / 4, to);
  } else {
    scatter8(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(out.buffer, out.byteOffset, out.byteLength), bytes, to);
  }
  return out;
}

function scatter32(a: Int32Array, out: Int32Array, w: number, to: Int32Array): void {
  for (let s = 0; s < to.length; s++) {
    const at = to[s]! * w;
    const from = s * w;
    for (let j = 0; j < w; j++) out[at + j] = a[from + j]!;
  }
}

function scatter8(a: Uint8Array, out: Uint8Array, w: number, to: Int32Array): void {
  for (let s = 0; s < to.length; s++) {
    const at = to[s]! * w;
    const from = s * w;
    for (let j = 0; j < w; j++) out[at + j] = a[from + j]!;
  }
}

export interface Provenance {
  from: Int32Array;
  row: Int32Array;
  unitCell: string | null;
}

const REJECTED = 1;

/** Groups in an order where children come before their parent, as flat index lists. */
interface ScorePlan {
  groupCount: number;
  steps: { gi: number; items: number[]; subs: number[]; max: number; top: 'regular' | 'bonus' | 'penalty' | null }[];
  /** Group id → position (the tier's group order). */
  index: Map<string, number>;
  critical: number[];
  /** Each item's rule as a function of the value. */
  points: PointsFn[];
  /** Items whose points come from other items' values (`cases`). */
  cases: number[];
}

const plans = new WeakMap<PhaseTier, ScorePlan>();

function plan(tier: PhaseTier): ScorePlan {
  let p = plans.get(tier);
  if (p) return p;
  const index = new Map([...tier.groupById.keys()].map((id, i) => [id, i]));
  const itemIndex = new Map(tier.items.map((it, i) => [it, i]));
  const steps: ScorePlan['steps'] = [];
  const walk = (g: PhaseGroup, top: boolean): void => {
    const items: number[] = [];
    const subs: number[] = [];
    for (const ch of g.children) {
      if (isPhaseGroup(ch)) {
        walk(ch, false);
        subs.push(index.get(ch.id)!);
      } else items.push(itemIndex.get(ch)!);
    }
    steps.push({ gi: index.get(g.id)!, items, subs, max: g.max, top: top ? g.kind : null });
  };
  for (const g of tier.groups) walk(g, true);
  const critical = tier.items.flatMap((it, i) => (it.critical ? [i] : []));
  const cases = tier.items.flatMap((it, i) => (it.rule.kind === 'cases' ? [i] : []));
  p = { groupCount: index.size, steps, index, critical, points: tier.items.map((it) => pointsOf(it.rule)), cases };
  plans.set(tier, p);
  return p;
}

/** Sums (capped) every group of one unit into `out`; the top-level sums by kind. */
function sumGroups(p: ScorePlan, points: Int32Array, base: number, out: Int32Array, outBase: number): { regular: number; bonus: number; penalty: number } {
  let regular = 0;
  let bonus = 0;
  let penalty = 0;
  for (const st of p.steps) {
    let s = 0;
    for (const i of st.items) s += points[base + i]!;
    for (const gi of st.subs) s += out[outBase + gi]!;
    const capped = Math.min(s, st.max);
    out[outBase + st.gi] = capped;
    if (st.top === 'regular') regular += capped;
    else if (st.top === 'bonus') bonus += capped;
    else if (st.top === 'penalty') penalty += capped;
  }
  return { regular, bonus, penalty };
}

const noAssessed = new Map<number, Uint8Array>();
/** One all-zero array per length, shared by every unit without assessed points (read only). */
function noneAssessed(n: number): Uint8Array {
  let a = noAssessed.get(n);
  if (!a) noAssessed.set(n, (a = new Uint8Array(n)));
  return a;
}

const NO_POINTS = new Int32Array(0);
const NO_FLAGS = new Uint8Array(0);
const NO_GROUPS: ReadonlyMap<string, number> = new Map();
/** Shared by every unit without errors: frozen, never written to. */
const NO_ERRORS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/**
 * One slot of a {@link TierStore} seen as a {@link ScoredUnit}. Typed-array fields are views
 * made on each read: a caller that reads one many times keeps it in a local.
 */
export class StoreUnit implements ScoredUnit {
  constructor(
    readonly store: TierStore,
    /** Changes once, when the store puts its slots in listing order. */
    public slot: number,
  ) {}

  get id(): string {
    return this.store.ids[this.slot]!;
  }
  get name(): string {
    return this.store.names[this.slot]!;
  }
  get block(): string {
    return this.store.blocks[this.slot]!;
  }
  /** Đơn vị cấp trên, or undefined when none is known. */
  get parent(): string | undefined {
    return this.store.parents[this.slot] || undefined;
  }
  get status(): UnitStatus {
    return this.store.status[this.slot] === REJECTED ? 'rejected' : 'scored';
  }
  get scored(): boolean {
    return this.store.status[this.slot] !== REJECTED;
  }
  get points(): Int32Array {
    const n = this.store.n;
    return this.scored ? this.store.points.subarray(this.slot * n, this.slot * n + n) : NO_POINTS;
  }
  get assessedUsed(): Uint8Array {
    if (!this.scored) return NO_FLAGS;
    const n = this.store.n;
    return this.store.assessedUsed ? this.store.assessedUsed.subarray(this.slot * n, this.slot * n + n) : noneAssessed(n);
  }
  get groups(): ReadonlyMap<string, number> {
    if (!this.scored) return NO_GROUPS;
    const g = this.store.g;
    return new GroupPoints(this.store.plan.index, this.store.groupPoints.subarray(this.slot * g, this.slot * g + g));
  }
  /** Points of one group (hundredths), without a map. */
  groupPoints(id: string): number | undefined {
    if (!this.scored) return undefined;
    const gi = this.store.plan.index.get(id);
    return gi === undefined ? undefined : this.store.groupPoints[this.slot * this.store.g + gi];
  }
  get bonus(): number {
    return this.scored ? this.store.bonus[this.slot]! : 0;
  }
  get penalty(): number {
    return this.scored ? this.store.penalty[this.slot]! : 0;
  }
  get total(): number | null {
    return this.scored ? this.store.total[this.slot]! : null;
  }
  get selfTotal(): number | null {
    const v = this.scored ? this.store.selfTotal[this.slot]! : NaN;
    return Number.isNaN(v) ? null : v;
  }
  get classId(): string | null {
    const c = this.store.cls[this.slot]!;
    return c < 0 ? null : this.store.tier.classes[c]!.id;
  }
  set classId(id: string | null) {
    this.store.cls[this.slot] = id === null ? -1 : this.store.tier.classes.findIndex((c) => c.id === id);
  }
  get rank(): number | null {
    return this.store.rank[this.slot] || null;
  }
  set rank(r: number | null) {
    this.store.rank[this.slot] = r ?? 0;
  }
  get criticalFailed(): string[] {
    if (!this.scored) return NO_STRINGS;
    const st = this.store;
    let out: string[] = NO_STRINGS;
    const critical = st.plan.critical;
    if (st.critical) {
      const mask = st.critical[this.slot]!;
      if (mask === 0) return NO_STRINGS;
      for (let b = 0; b < critical.length; b++) if (mask & (1 << b)) (out === NO_STRINGS ? (out = []) : out).push(st.tier.items[critical[b]!]!.id);
      return out;
    }
    const base = this.slot * st.n;
    for (const i of critical) {
      if (st.points[base + i] === 0) (out === NO_STRINGS ? (out = []) : out).push(st.tier.items[i]!.id);
    }
    return out;
  }
  get awards(): string[] {
    return this.store.awards[this.slot] ?? NO_STRINGS;
  }
  set awards(a: string[]) {
    this.store.awards[this.slot] = a;
  }
  get awardTies(): string[] {
    return this.store.awardTies[this.slot] ?? NO_STRINGS;
  }
  set awardTies(a: string[]) {
    this.store.awardTies[this.slot] = a;
  }
  /** What the unit reported, as a {@link UnitInput} (a new view on each read). */
  get input(): UnitInput {
    const st = this.store;
    const s = this.slot;
    const n = st.n;
    const b = s * n;
    const l = st.srcLayout[s]!;
    const src = l > 0 ? st.sources[l - 1] : undefined;
    const row = st.srcRow[s]!;
    const given = (col: Float64Array | null): Float64Array | null => {
      if (!col) return null;
      for (let i = b; i < b + n; i++) if (!Number.isNaN(col[i]!)) return col.subarray(b, b + n);
      return null;
    };
    const p = st.prov.get(s);
    const written = st.selfTotalIn[s]!;
    return {
      id: this.id,
      name: this.name,
      block: this.block,
      values: st.values.subarray(b, b + n),
      assessed: given(st.assessed),
      self: given(st.self),
      selfTotal: Number.isNaN(written) ? null : written,
      errors: st.errors.get(s) ?? NO_ERRORS,
      notes: st.notes.get(s) ?? null,
      rollups: st.rollups.get(s) ?? null,
      source: src ? { path: src.path, sheet: src.sheet, ...(row ? { row } : {}) } : null,
      at: p && !uniform(p, row) ? { layout: p.from, row: p.row } : null,
    };
  }
}

/** Every item given (or blank) in the same layout and row: the unit's source row says it all. */
function uniform(p: Provenance, row: number): boolean {
  if (!row) return false;
  const l = p.from[0];
  for (let i = 0; i < p.from.length; i++) if (p.from[i] !== l || p.row[i] !== row) return false;
  return true;
}

/**
 * How a roll-up item's value was computed from the children (SPEC §11): a share is
 * numerator / denominator in percent; a count has no denominator; a mean is a sum over a count.
 */
export interface RollupFigure {
  numerator: number;
  denominator: number | null;
}

/** Scores one unit given as a {@link UnitInput} (tests, and callers outside a run). */
export function scoreInput(tier: PhaseTier, input: UnitInput): StoreUnit {
  const src = input.source;
  const store = new TierStore(tier, src ? [src] : []);
  const s = store.add(input.id, input.name, input.block, src ? 1 : 0, src?.row ?? 0, input.selfTotal);
  const n = store.n;
  store.values.set(input.values.subarray(0, n), s * n);
  if (input.self) store.selfColumn().set(input.self.subarray(0, n), s * n);
  if (input.assessed) store.assessedColumn().set(input.assessed.subarray(0, n), s * n);
  if (input.at) store.prov.set(s, { from: input.at.layout, row: input.at.row, unitCell: null });
  for (const e of input.errors) store.addError(s, e);
  input.notes?.forEach((t, i) => t && store.setNote(s, i, t));
  store.score();
  return new StoreUnit(store, s);
}
