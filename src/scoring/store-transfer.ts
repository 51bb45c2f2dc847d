import { TierStore } from './store.js';
import { StoreUnit } from './store-unit.js';
import type { ScoredUnit } from './types.js';
import { reviveUnscored } from './unscored.js';

/**
 * How a tier's units cross to another thread, where structured clone keeps no classes: the
 * units of its store as the store's columns and a slot per unit, the others (kept in no store)
 * as their own fields; then the same units again on the other side.
 */

/** A tier's units as codes: `codes[k]` ≥ 0 is unit k's slot in `store`, -j-1 the j-th of `others`. */
export interface UnitCodes {
  store: TierStore | null;
  codes: Int32Array;
  others: ScoredUnit[];
}

/** The codes of a tier's units, or null when they are slots of more than one store. */
export function unitCodes(units: readonly ScoredUnit[]): UnitCodes | null {
  let store: TierStore | null = null;
  const codes = new Int32Array(units.length);
  const others: ScoredUnit[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (u instanceof StoreUnit) {
      if (store && u.store !== store) return null;
      store = u.store;
      codes[k] = u.slot;
    } else {
      codes[k] = -others.length - 1;
      others.push(u);
    }
  }
  return { store, codes, others };
}

/**
 * The units again from their codes, over `store` (made whole, see `TierStore.revive`) and the
 * others as they crossed; `made`: units over the store's slots made ahead ({@link blankStore}).
 */
export function unitsOf({ store, codes, others }: UnitCodes, made: readonly StoreUnit[] | null = null): ScoredUnit[] {
  for (const o of others) reviveUnscored(o);
  const units = new Array<ScoredUnit>(codes.length);
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k]!;
    units[k] = c >= 0 ? (made ? made[c]! : new StoreUnit(store!, c)) : others[-c - 1]!;
  }
  return units;
}

/**
 * A store with nothing in it yet and a unit over each of its slots, made ahead of its columns:
 * the columns, when they come, are put into it (`Object.assign`, then `TierStore.revive`).
 */
export function blankStore(size: number): { store: TierStore; units: StoreUnit[] } {
  const store = Object.create(TierStore.prototype) as TierStore;
  const units = new Array<StoreUnit>(size);
  for (let k = 0; k < size; k++) units[k] = new StoreUnit(store, k);
  return { store, units };
}
