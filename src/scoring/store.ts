import type { PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { IdIndex } from './store-index.js';
import { gather, SHARED_MIN_UNITS } from './store-order.js';
import { collectGarbage } from '../util/gc.js';
import { plan, REJECTED, scoreSlot, type ScorePlan } from './store-score.js';
import { StoreUnit } from './store-unit.js';
import type { RollupFigure, ScoredUnit, StoreColumns, UnitInput } from './types.js';

export { IdIndex } from './store-index.js';
export { SHARED_MIN_UNITS } from './store-order.js';
export { StoreUnit } from './store-unit.js';
export type { RollupFigure } from './types.js';

/**
 * The units of one tier, column by column: what they reported and, once scored, their points.
 *
 * A household roster holds a million units. As objects (an input, a scored unit, typed arrays
 * for values, points and groups, a place for each item) each one costs kilobytes and eight
 * objects the garbage collector walks on every major collection. Here a unit is a slot: a
 * few numbers in shared typed arrays and its three strings (figures in bench/HISTORY.md).
 * {@link StoreUnit} shows a slot as a {@link ScoredUnit}, and reports going through every
 * unit read its columns ({@link StoreColumns}).
 *
 * This file owns the columns: adding a slot, where its items were read, scoring every slot,
 * and putting them in listing order. Its parts: slot by id while reading (store-index.ts),
 * scoring a slot (store-score.ts), a slot seen as a unit (store-unit.ts), columns gathered in
 * a new order (store-order.ts), and how a store's units cross to another thread
 * (store-transfer.ts).
 */
export class TierStore implements StoreColumns {
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

  /** Group id → its place among a slot's `groupPoints` (the tier's group order). */
  get groupIndex(): ReadonlyMap<string, number> {
    return this.plan.index;
  }

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
      else scoreSlot(this, p, s);
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
    // the widest columns' old copies freed before the rest are gathered: a million units'
    // values and points are 150 MB that would otherwise stay beside their new copies until the
    // collection after the hand-over, at the run's peak
    if (size >= SHARED_MIN_UNITS) collectGarbage();
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
}

export interface Provenance {
  from: Int32Array;
  row: Int32Array;
  unitCell: string | null;
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
