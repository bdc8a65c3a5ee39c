import { parseArgs } from 'node:util'

/** A CLI mistake: printed as-is, exit code 2, nothing written. */
export class UsageError extends Error {}

/** Parses `--name value` options, refusing unknown ones, and returns the named strings. */
export function options<const K extends string>(args: string[], names: readonly K[], flags: readonly string[] = []) {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries([
        ...names.map((name) => [name, { type: 'string' as const }]),
        ...flags.map((name) => [name, { type: 'boolean' as const }]),
      ]),
    })
    return values as Partial<Record<K, string>> & Record<string, string | boolean | undefined>
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** The value of a required option, or a UsageError naming it. */
export function required<K extends string>(values: Partial<Record<K, unknown>>, name: K): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`)
  return value
}

/** `--before YYYY-MM-DD` as the start of that day in UTC. */
export function beforeDate(args: string[]): Date {
  const before = required(options(args, ['before']), 'before')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(Date.parse(before)))
    throw new UsageError(`--before must be a date such as 2025-01-01, got "${before}"`)
  return new Date(`${before}T00:00:00Z`)
}
