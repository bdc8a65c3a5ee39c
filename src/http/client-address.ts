/**
 * The client address behind `hops` trusted reverse proxies: each proxy appends the address it
 * received the request from, so the last `hops` entries are the proxies' own writing and
 * anything to their left is whatever the client sent (and may be forged). Undefined when the
 * header has fewer entries than that (the request did not come through the proxies).
 */
export function forwardedClient(forwardedFor: string | undefined, hops: number): string | undefined {
  if (hops < 1 || !forwardedFor) return undefined
  const entries = forwardedFor.split(',').map((entry) => entry.trim())
  return entries.length >= hops ? entries[entries.length - hops] || undefined : undefined
}
