import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely'
import type { Database } from './schema.ts'

/** Where a value goes: one of the caller's, by name, or a constant of the query itself. */
type Slot = { name: string } | { constant: unknown }

/** A query builder's work, or an `sql` template's. */
type Build<V, R> = (db: Kysely<Database>, values: V) => Compilable<R> | RawBuilder<R>

/** What `build` receives instead of a real value while the query is compiled. */
class StandIn {
  readonly name: string
  constructor(name: string) {
    this.name = name
  }
}

/**
 * A query of fixed shape, built and compiled once per database, then run with new values. Kysely
 * takes about 10 µs to build and compile a small query: longer than SQLite takes to run it, on
 * paths every request walks (the bearer token, the browser session, a filing's writes).
 *
 * `build` receives stand-ins for its values and may use each only as a value of the query, never
 * in a JavaScript condition or a list: one SQL text must serve every call. A stand-in that does not
 * reach the query's parameters is refused when the query is first compiled.
 *
 * @example
 * const byUsername = compiledOnce((db, v: { username: string }) => db.selectFrom('users').selectAll().where('username', '=', v.username))
 * const { rows } = await db.executeQuery(byUsername(db, { username: 'camat' }))
 */
export function compiledOnce<V extends object, R>(build: Build<V, R>): (db: Kysely<Database>, values: V) => CompiledQuery<R> {
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<R>; slots: Slot[] }>()
  return (db, values) => {
    let template = compiled.get(db)
    if (!template) {
      template = compile(db, build)
      compiled.set(db, template)
    }
    const parameters = template.slots.map((slot) => ('name' in slot ? (values as Record<string, unknown>)[slot.name] : slot.constant))
    return { ...template.query, parameters }
  }
}

function compile<V extends object, R>(db: Kysely<Database>, build: Build<V, R>): { query: CompiledQuery<R>; slots: Slot[] } {
  const named = new Set<string>()
  const standIns = new Proxy({} as V, {
    get: (_, name) => {
      named.add(String(name))
      return new StandIn(String(name))
    },
  })
  const built = build(db, standIns)
  const query = 'isRawBuilder' in built ? built.compile(db) : built.compile()
  const slots = query.parameters.map((value): Slot => (value instanceof StandIn ? { name: value.name } : { constant: value }))
  for (const name of named) {
    if (!slots.some((slot) => 'name' in slot && slot.name === name)) {
      throw new Error(`compiledOnce: the value "${name}" was used outside the query's parameters`)
    }
  }
  return { query, slots }
}
