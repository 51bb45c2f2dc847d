import { NO_STRINGS, type ScoredUnit, type StoreColumns, type UnitInput, type UnitStatus } from './types.js';

/**
 * A unit kept in no store: one registered that sent nothing, or one rejected outside a run
 * (tests). It holds its few figures itself, and its columns are empty ones.
 */

/** The columns of a unit kept in no store: it has no slot to read, being unscored. */
const NO_COLUMNS: StoreColumns = Object.freeze({
  n: 0,
  g: 0,
  groupIndex: new Map<string, number>(),
  ids: NO_STRINGS,
  names: NO_STRINGS,
  blocks: NO_STRINGS,
  parents: NO_STRINGS,
  values: new Float64Array(0),
  self: null,
  assessed: null,
  points: new Int32Array(0),
  groupPoints: new Int32Array(0),
  total: new Int32Array(0),
  bonus: new Int32Array(0),
  penalty: new Int32Array(0),
  selfTotal: new Float64Array(0),
  cls: new Int16Array(0),
  rank: new Int32Array(0),
  awards: [],
  awardTies: [],
  notes: new Map<number, (string | null)[]>(),
  rollups: new Map<number, null[]>(),
  sources: [],
  srcLayout: new Int32Array(0),
  srcRow: new Int32Array(0),
  inSharedMemory: () => false,
});

/**
 * A unit that is not scored, with its figures as own fields: a copy of it sent to another
 * thread keeps them (see {@link reviveUnscored}).
 */
export class UnscoredUnit implements ScoredUnit {
  declare parent?: string;
  points = new Int32Array(0);
  assessedUsed = new Uint8Array(0);
  groups: ReadonlyMap<string, number> = new Map<string, number>();
  bonus = 0;
  penalty = 0;
  total: number | null = null;
  selfTotal: number | null = null;
  classId: string | null = null;
  rank: number | null = null;
  criticalFailed = NO_STRINGS;
  awards = NO_STRINGS;
  awardTies = NO_STRINGS;

  constructor(
    public id: string,
    public name: string,
    public block: string,
    parent: string | undefined,
    public status: UnitStatus,
    public input: UnitInput | null,
  ) {
    if (parent) this.parent = parent;
  }

  groupPoints(id: string): number | undefined {
    return this.groups.get(id);
  }
  get store(): StoreColumns {
    return NO_COLUMNS;
  }
  get slot(): number {
    return 0;
  }
}

/** An {@link UnscoredUnit} copied to another thread (structured clone keeps no classes), made whole again. */
export function reviveUnscored(copy: ScoredUnit): ScoredUnit {
  return Object.setPrototypeOf(copy, UnscoredUnit.prototype) as UnscoredUnit;
}
