import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { Database, User } from '../../src/db/schema.ts'
import { importRegions } from '../../src/domain/region-import.ts'
import type { ReportFilter } from '../../src/domain/report-input.ts'
import { listReports } from '../../src/domain/report-list.ts'
import { INDEX_DRIVEN_LIMIT } from '../../src/domain/report-search.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { seedSearchReports } from './search-reports.ts'

const dir = mkdtempSync(join(tmpdir(), 'tigapilar-reader-'))
const deps = nodeDeps({ dbFile: join(dir, 'reader.sqlite'), proxyHops: 0, publicUrl: 'https://tigapilar.test' })
afterAll(async () => {
  await deps.handle.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs a query that takes the CPU for a while, and measures the longest pause of this thread's timers meanwhile. */
async function slowQueryOn(db: Kysely<Database>) {
  let longestPause = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    longestPause = Math.max(longestPause, now - last)
    last = now
  }, 5)
  const started = performance.now()
  const { rows } = await sql<{ n: number }>`
    WITH RECURSIVE counter(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM counter WHERE x < 3000000)
    SELECT count(*) AS n FROM counter`.execute(db)
  const took = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 20))
  clearInterval(timer)
  return { n: rows[0]!.n, took, longestPause }
}

describe('reader threads', () => {
  it('run a heavy read without pausing the thread that serves requests', async () => {
    const off = await slowQueryOn(deps.readerDb!)
    const on = await slowQueryOn(deps.db)
    expect([off.n, on.n]).toEqual([3_000_000, 3_000_000])
    // On the main thread the timers stop for the whole query; beside it they keep ticking.
    expect(on.longestPause).toBeGreaterThan(on.took * 0.8)
    expect(off.longestPause).toBeLessThan(Math.min(100, off.took / 2))
  })

  it('serve searches for a word in many reports, while a rare word and a plain list stay on the serving thread', async () => {
    await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
    const sqlite = deps.handle.sqlite
    const add = seedSearchReports(sqlite)
    const viewer = { id: 'y', scope_code: '35.10', role: 'reviewer', pillar: 'police' } as User
    // A newer report of each word, written but not committed: only the main connection sees it.
    sqlite.exec('BEGIN')
    try {
      add('Banjir belum tercatat', '2026-06-01T00:00:00.000Z')
      add('Pencurian belum tercatat', '2026-06-01T00:01:00.000Z')
      const newest = async (filter: Omit<ReportFilter, 'limit'>) =>
        (await listReports(deps, viewer, { ...filter, limit: 5 })).items[0]?.title
      expect(await newest({ q: 'banjir' })).toBe(`Banjir ${INDEX_DRIVEN_LIMIT + 1}`)
      expect(await newest({ q: 'pencurian' })).toBe('Pencurian belum tercatat')
      expect(await newest({})).toBe('Pencurian belum tercatat')
    } finally {
      sqlite.exec('ROLLBACK')
    }
  })

  it('keep a script alive until they answer, and let it end once idle', () => {
    const script = join(dir, 'script.mts')
    writeFileSync(
      script,
      `import { nodeDeps } from ${JSON.stringify(join(process.cwd(), 'src/entry/node-deps.ts'))}
      const deps = nodeDeps({ dbFile: ${JSON.stringify(join(dir, 'reader.sqlite'))}, proxyHops: 0, publicUrl: 'http://x' })
      const rows = await deps.readerDb!.selectFrom('settings').select('key').execute()
      console.log('answered', Array.isArray(rows))`,
    )
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 })
    // The script does not close the database: idle readers must not keep it running (status 0, not a timeout).
    expect([result.status, result.stdout.trim()]).toEqual([0, 'answered true'])
  })

  it('see what was committed before the read, and refuse to write', async () => {
    await deps.atomic([deps.db.insertInto('settings').values({ key: 'reader.check', value: 'seen' }).compile()])
    const row = await deps.readerDb!.selectFrom('settings').select('value').where('key', '=', 'reader.check').executeTakeFirst()
    expect(row?.value).toBe('seen')
    await expect(deps.readerDb!.insertInto('settings').values({ key: 'x', value: 'y' }).execute()).rejects.toThrow(/reads only/)
  })
})

describe('the turn-taking connection', () => {
  /** The order in which five queries asked at once, and a callback queued for the next turn, finish. */
  async function finishingOrder(db: Kysely<Database>) {
    const order: string[] = []
    const queries = Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        db
          .selectFrom('settings')
          .select('key')
          .execute()
          .then(() => order.push(`query ${i}`)),
      ),
    )
    setImmediate(() => order.push('another request'))
    await queries
    await new Promise((resolve) => setImmediate(resolve))
    return order
  }

  it('lets other work run between its queries, where the plain one runs them all first', async () => {
    expect(await finishingOrder(deps.db)).toEqual(['query 1', 'query 2', 'query 3', 'query 4', 'query 5', 'another request'])
    const order = await finishingOrder(deps.turnTakingDb!)
    expect(order.indexOf('another request')).toBeLessThan(order.indexOf('query 2'))
    expect(order.filter((step) => step.startsWith('query'))).toEqual(['query 1', 'query 2', 'query 3', 'query 4', 'query 5'])
  })

  it('reads what the main connection wrote, at once', async () => {
    await deps.atomic([deps.db.insertInto('settings').values({ key: 'turns.check', value: 'seen' }).compile()])
    const row = await deps.turnTakingDb!.selectFrom('settings').select('value').where('key', '=', 'turns.check').executeTakeFirst()
    expect(row?.value).toBe('seen')
  })
})
