/**
 * A new UUIDv7 (RFC 9562): 48 bits of Unix time in milliseconds, then random bits. Ids made later
 * sort later, so a new report, event or photo lands at the end of its primary-key index instead
 * of on a random page of it (at millions of reports, a random page is rarely in memory).
 *
 * The random bits are a UUIDv4's, whose variant bits are already v7's: `crypto.randomUUID` draws
 * from a pool, where asking for 16 random bytes of our own took several microseconds per id.
 */
export function newId(now = Date.now()): string {
  const random = crypto.randomUUID()
  const time = now.toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`
}
