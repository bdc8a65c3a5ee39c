/**
 * A Map that keeps the `capacity` most recently used entries, forgetting the least recently used
 * one when full: for caches keyed by texts a process meets again and again (SQL, credentials).
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>()
  private readonly capacity: number

  // Erasable syntax only (no parameter properties): the reader worker runs under Node's type stripping.
  constructor(capacity: number) {
    this.capacity = capacity
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key)
    if (value === undefined) return undefined
    // A Map iterates in insertion order: inserting again makes this the newest.
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  set(key: K, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K)
  }
}
