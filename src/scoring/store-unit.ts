import type { Diagnostic } from '../diagnostics/types.js';
import type { Provenance, TierStore } from './store.js';
import { REJECTED } from './store-score.js';
import { GroupPoints, NO_STRINGS, type ScoredUnit, type UnitInput, type UnitStatus } from './types.js';

/**
 * A slot of a store seen as a unit: {@link StoreUnit} holds only its store and slot, and reads
 * each figure from the store's columns when asked.
 */

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
