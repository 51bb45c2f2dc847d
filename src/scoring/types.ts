import type { PhaseTier } from '../criteria/model.js';
import type { Diagnostic } from '../diagnostics/types.js';

/**
 * What one unit reported for one tier, merged from every file that mentioned it.
 * Arrays are aligned with `PhaseTier.items`; NaN means "not given". yes_no values are 1/0.
 * Kept compact on purpose: a household roster holds a million of these.
 */
export interface UnitInput {
  id: string;
  name: string;
  /** Khối/cụm thi đua, or '' when none. */
  block: string;
  values: Float64Array;
  /** Điểm thẩm định (assessed points), NaN where not filled. */
  assessed: Float64Array | null;
  /** Điểm tự chấm (self points), NaN where not filled. */
  self: Float64Array | null;
  /** Total the unit wrote itself, when its workbook had one. */
  selfTotal: number | null;
  /** Minh chứng, ghi chú per item (aligned with `PhaseTier.items`; null where none), or null when none at all. */
  notes?: (string | null)[] | null;
  /** Roll-up items' figures (aligned with `PhaseTier.items`; null where not a roll-up), or null. */
  rollups?: (RollupFigure | null)[] | null;
  /** Errors that keep the unit from being scored (SPEC §5: rejected with its reasons). */
  errors: Diagnostic[];
  /** First source, for the report. */
  source: { path: string; sheet: string; row?: number } | null;
  /**
   * Where each item was read: 1-based index into the run's file layouts (negative: a blank
   * cell seen there; 0: nowhere) and the row. Aligned with `PhaseTier.items`.
   */
  at?: { layout: Int32Array; row: Int32Array } | null;
}

/**
 * How a roll-up item's value was computed from the children (SPEC §11): a share is
 * numerator / denominator in percent; a count has no denominator; a mean is a sum over a count.
 */
export interface RollupFigure {
  numerator: number;
  denominator: number | null;
}

export type UnitStatus = 'scored' | 'rejected' | 'not_submitted';

/** Đơn vị đã chấm: a unit's figures. Points are integer hundredths. */
export interface ScoredUnit {
  id: string;
  name: string;
  block: string;
  /** Đơn vị cấp trên (SPEC §11), when known. */
  parent?: string;
  status: UnitStatus;
  /** Hundredths per item (aligned with tier.items); empty unless scored. */
  points: Int32Array;
  /** Which items' points came from Điểm thẩm định. */
  assessedUsed: Uint8Array;
  /** Hundredths per group id (every group, nested too; penalty as the deduction). */
  groups: ReadonlyMap<string, number>;
  bonus: number;
  penalty: number;
  total: number | null;
  selfTotal: number | null;
  classId: string | null;
  rank: number | null;
  criticalFailed: string[];
  awards: string[];
  awardTies: string[];
  input: UnitInput | null;
  /** Points of one group (hundredths), without a map of them: undefined when not scored or no such group. */
  groupPoints(id: string): number | undefined;
  /**
   * The columns the unit's figures are kept in, and its slot there: a report that goes through
   * a million units reads them there, making no view, map or object for each. A unit of a run
   * is a slot of its tier's store; a unit kept in none (not submitted) has empty columns, so
   * they are read for a scored unit only.
   */
  readonly store: StoreColumns;
  readonly slot: number;
}

/**
 * A tier's units as columns, a slot per unit, as reports read them (scoring/store.ts keeps
 * them). A per-item column holds `n` values a slot (item i of slot s at `s * n + i`, in
 * `tier.items` order), a per-group one `g` (in `groupIndex` order); the others one each.
 */
export interface StoreColumns {
  /** Items and groups (nested ones too) a slot. */
  readonly n: number;
  readonly g: number;
  /** Group id → its place among a slot's `groupPoints`. */
  readonly groupIndex: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly blocks: readonly string[];
  /** Đơn vị cấp trên ('' when none is known). */
  readonly parents: readonly string[];
  /** Reported values; NaN = not given. */
  readonly values: Float64Array;
  /** Self and assessed points (NaN where not filled), or null when no unit of the tier gave any. */
  readonly self: Float64Array | null;
  readonly assessed: Float64Array | null;
  /** Hundredths, per item and per group. */
  readonly points: Int32Array;
  readonly groupPoints: Int32Array;
  readonly total: Int32Array;
  readonly bonus: Int32Array;
  readonly penalty: Int32Array;
  /** Hundredths; NaN = none. */
  readonly selfTotal: Float64Array;
  /** Index into `tier.classes`; -1 = none. */
  readonly cls: Int16Array;
  /** 0 = no rank. */
  readonly rank: Int32Array;
  readonly awards: readonly (string[] | undefined)[];
  readonly awardTies: readonly (string[] | undefined)[];
  /** Evidence notes and roll-up figures, by slot, of the few units that have some. */
  readonly notes: ReadonlyMap<number, readonly (string | null)[]>;
  readonly rollups: ReadonlyMap<number, readonly (RollupFigure | null)[]>;
  /** Files and sheets units were read from; a slot's first: its 1-based `srcLayout` (0: none) and its row (0 for a form). */
  readonly sources: readonly { path: string; sheet: string }[];
  readonly srcLayout: Int32Array;
  readonly srcRow: Int32Array;
  /** Whether the columns live in shared memory (a big run's, once in listing order). */
  inSharedMemory(): boolean;
}

/** Quyết định của Hội đồng: one decision on one award of one unit (SPEC §12). */
export interface Decision {
  unit: string;
  award: string;
  /** true: give the award (settling a tie, or beyond the quota); false: withhold a proposed one. */
  grant: boolean;
  reason: string;
  /** Where it was written in the decisions file, for messages. */
  line: number;
  column: number;
}

/** A decision as the outputs show it, on its unit or its award list. */
export interface DecidedAward {
  unit: string;
  award: string;
  grant: boolean;
  reason: string;
}

export interface TierResult {
  tier: PhaseTier;
  /** Ordered as SPEC §6: by block, then rank, then name; unranked last. */
  units: ScoredUnit[];
  /** Block order used for listing. */
  blocks: string[];
  stats: TierStats;
  /** One per award and rank group (block, or the whole tier), in the awards' order then the blocks' (SPEC §9). */
  awardLists: AwardList[];
  /** The council's decisions on units of this tier, by unit id (SPEC §12); absent without a decisions file. */
  decisions?: ReadonlyMap<string, DecidedAward[]>;
}

/** Danh sách đề nghị khen thưởng of one award in one block (or the tier). */
export interface AwardList {
  award: string;
  /** The block, or null when the tier is ranked as a whole (or the units have no block). */
  block: string | null;
  quota: number;
  /** Units proposed, in rank order. */
  units: string[];
  /** Units tied across the quota's edge, left to the board (none once a decision settled them). */
  ties: string[];
  /** The council's decisions on this award in this block, when there are any (SPEC §12). */
  decided?: DecidedAward[];
}

export interface TierStats {
  registered: number | null;
  submitted: number;
  scored: number;
  rejected: number;
  not_submitted: number;
  /** Hundredths, over scored units; null when none. */
  mean: number | null;
  classes: Record<string, number>;
  awards: Record<string, number>;
}

/**
 * Points of every group of one unit, as a read-only map over a typed array: a roster holds a
 * million of these, and a Map per unit costs several times the memory and garbage-collection
 * time. Keys come in the tier's group order.
 */
export class GroupPoints implements ReadonlyMap<string, number> {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly points: Int32Array,
  ) {}

  get size(): number {
    return this.index.size;
  }
  get(id: string): number | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.points[i];
  }
  has(id: string): boolean {
    return this.index.has(id);
  }
  *entries(): MapIterator<[string, number]> {
    for (const [id, i] of this.index) yield [id, this.points[i]!];
  }
  *keys(): MapIterator<string> {
    yield* this.index.keys();
  }
  *values(): MapIterator<number> {
    for (const i of this.index.values()) yield this.points[i]!;
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [id, i] of this.index) fn(this.points[i]!, id, this);
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}

/** Shared by every unit that has none: frozen, so a stray push fails loudly instead of reaching every unit. */
export const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];
