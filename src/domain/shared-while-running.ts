/**
 * A runner that does the work for a key once however many ask for it at the same time: whoever
 * asks while it runs gets the same answer, and the next ask after it settles starts afresh. Kept
 * per owner (a database), so two apps in one process never share an answer.
 */
export function sharedWhileRunning<T>(): (owner: object, key: string, work: () => Promise<T>) => Promise<T> {
  const running = new WeakMap<object, Map<string, Promise<T>>>()
  return (owner, key, work) => {
    const ofOwner = running.get(owner) ?? new Map<string, Promise<T>>()
    running.set(owner, ofOwner)
    const current = ofOwner.get(key)
    if (current) return current
    const started = work().finally(() => ofOwner.delete(key))
    ofOwner.set(key, started)
    return started
  }
}
