import {
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryCompiler,
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
} from 'kysely'

/**
 * Kysely's SQLite compiler, but writing LIMIT and OFFSET numbers into the SQL instead of binding
 * them. SQLite's planner reads a bound LIMIT, which marks the statement to be compiled again
 * whenever the value is bound anew, and better-sqlite3 binds anew on every run: every limited
 * query (lists, the unread count on every page) was compiled on every run, 8–15 µs each, whatever
 * the statement cache kept. Limits are the code's own page sizes, so the texts stay few.
 */
export class InlineLimitSqliteCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    super.visitLimit({ ...node, limit: inlined(node.limit) })
  }

  protected override visitOffset(node: OffsetNode): void {
    super.visitOffset({ ...node, offset: inlined(node.offset) })
  }
}

/** A bound whole number as a literal; anything else as it is. */
function inlined(node: OperationNode): OperationNode {
  return ValueNode.is(node) && Number.isSafeInteger(node.value) ? ValueNode.createImmediate(node.value) : node
}

/** Kysely's SQLite dialect with that compiler: what every better-sqlite3 connection of the app uses. */
export class InlineLimitSqliteDialect extends SqliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new InlineLimitSqliteCompiler()
  }
}
