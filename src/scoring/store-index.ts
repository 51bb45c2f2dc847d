/**
 * Slot by unit id while a store is read (`TierStore.byId`): an open-addressing table over the
 * store's own id list.
 */

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
