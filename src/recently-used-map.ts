/**
 * A Map for caches keyed by texts a process meets again and again (SQL, credentials): it keeps
 * every entry used since the last `capacity` insertions, and forgets the others. Two generations
 * instead of a strict LRU order: a hit in the current one is a single lookup, where keeping an
 * exact order deleted and inserted the entry again on every hit (a fortieth of a bearer-token
 * request, in the statement cache alone). At most twice `capacity` entries are held.
 */
export class RecentlyUsedMap<K, V> {
  private current = new Map<K, V>()
  private previous = new Map<K, V>()
  private readonly capacity: number

  // Erasable syntax only (no parameter properties): the reader worker runs under Node's type stripping.
  constructor(capacity: number) {
    this.capacity = capacity
  }

  get(key: K): V | undefined {
    const value = this.current.get(key)
    if (value !== undefined) return value
    const older = this.previous.get(key)
    // Used again: it moves to the current generation, and so survives the next turn.
    if (older !== undefined) this.set(key, older)
    return older
  }

  /** The value of `key`, made and kept first if there is none. */
  getOrAdd(key: K, make: () => V): V {
    let value = this.get(key)
    if (value === undefined) {
      value = make()
      this.set(key, value)
    }
    return value
  }

  /** Forgets one entry. */
  delete(key: K): void {
    this.current.delete(key)
    this.previous.delete(key)
  }

  /** Forgets every entry. */
  clear(): void {
    this.current = new Map()
    this.previous = new Map()
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.capacity && !this.current.has(key)) {
      this.previous = this.current
      this.current = new Map()
    }
    this.current.set(key, value)
  }
}
