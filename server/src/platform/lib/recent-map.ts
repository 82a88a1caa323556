// A Map bounded to `max` entries that drops the least recently used one when full, instead of
// being cleared whole: under many keys (client addresses) the ones in use keep their entry.
// A Map iterates in insertion order, so a use moves the key to the end and the first is the oldest.
//
// A use moves the key only once it has drifted into the older half of the order: an entry used at
// least once per max/2 insertions is still never dropped, and most uses cost one lookup. Moving on
// every use (a delete and a set, which rehash the Map's table now and then) cost ~15x a lookup and
// was a share of each realtime connect's garbage (bench part 6).

interface Slot<V> {
  value: V;
  /** `inserted` when the key last went to the end: its distance from the end is `inserted - stamp`. */
  stamp: number;
}

export class RecentMap<K, V> {
  private readonly entries = new Map<K, Slot<V>>();
  /** Keys put at the end so far (new ones and moved ones). */
  private inserted = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now counted as recently used. */
  get(key: K): V | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    this.used(key, slot);
    return slot.value;
  }

  /** Stores the value as the most recently used; the least recently used entry goes if the map is full. */
  set(key: K, value: V): void {
    const slot = this.entries.get(key);
    if (slot !== undefined) {
      slot.value = value;
      this.used(key, slot);
      return;
    }
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, stamp: ++this.inserted });
  }

  private used(key: K, slot: Slot<V>): void {
    if (this.inserted - slot.stamp < this.max / 2) return;
    this.entries.delete(key);
    this.entries.set(key, slot);
    slot.stamp = ++this.inserted;
  }
}
