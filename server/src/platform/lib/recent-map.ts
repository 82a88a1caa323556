// A Map bounded to `max` entries that drops the least recently used one when full, instead of
// being cleared whole: under many keys (client addresses) the ones in use keep their entry.
// A Map iterates in insertion order, so a use moves the key to the end and the first is the oldest.

export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now counted as the most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores the value as the most recently used; the least recently used entry goes if the map is full. */
  set(key: K, value: V): void {
    if (!this.entries.delete(key) && this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}
