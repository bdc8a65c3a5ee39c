/**
 * A write refused by a constraint of the schema, the same on SQLite and D1. The adapters'
 * atomic writers turn the engines' messages into this once, so the domain asks
 * `violation.on('users.username', 'unique')` instead of matching engine text.
 */
export class ConstraintViolation extends Error {
  constructor(
    readonly kind: 'unique' | 'not_null' | 'check' | 'foreign_key',
    /** `table.column` for UNIQUE and NOT NULL (the first column of a composite key). */
    readonly target: string,
    options?: { cause: unknown },
  ) {
    super(`${kind} constraint failed: ${target}`, options)
  }

  /** Whether this is a violation of `kind` on `target` (`table.column`, or `table.` for any column). */
  on(target: string, kind: ConstraintViolation['kind']): boolean {
    return this.kind === kind && (target.endsWith('.') ? this.target.startsWith(target) : this.target === target)
  }
}

const KINDS = { UNIQUE: 'unique', 'NOT NULL': 'not_null', CHECK: 'check', 'FOREIGN KEY': 'foreign_key' } as const

/** The violation behind an engine error (better-sqlite3's or D1's), or the error unchanged. */
export function asConstraintViolation(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const match = /(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?::\s*([\w.]+))?/.exec(error.message)
  if (!match) return error
  return new ConstraintViolation(KINDS[match[1] as keyof typeof KINDS], match[2] ?? '', { cause: error })
}
