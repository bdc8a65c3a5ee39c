import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import SqliteDatabase from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { ConstraintViolation } from '../../src/db/constraint-violation.ts'
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts'
import type { Database, User } from '../../src/db/schema.ts'
import { openSqlite } from '../../src/db/sqlite.ts'
import { draftAgenda } from '../../src/domain/agenda.ts'
import { apiTokenUser } from '../../src/domain/api-tokens.ts'
import { auditTrail } from '../../src/domain/audit-archive.ts'
import { personalFeed } from '../../src/domain/calendar-feed.ts'
import { calendarTokenOwner } from '../../src/domain/calendar-tokens.ts'
import { compressedText } from '../../src/domain/compressed-text.ts'
import { dashboardFor } from '../../src/domain/dashboard.ts'
import { homeSummary } from '../../src/domain/home.ts'
import { scheduleDue } from '../../src/domain/notification-scheduler.ts'
import { sendDue } from '../../src/domain/notification-sender.ts'
import { notificationStatements } from '../../src/domain/notify.ts'
import { importRegions } from '../../src/domain/region-import.ts'
import { childRegionsQuery } from '../../src/domain/regions.ts'
import { archiveTimelines, eventAuthors, reportEvents } from '../../src/domain/report-events.ts'
import { listReports } from '../../src/domain/report-list.ts'
import { INDEX_DRIVEN_LIMIT } from '../../src/domain/report-search.ts'
import { sessionUser } from '../../src/domain/sessions.ts'
import { usersWithinQuery } from '../../src/domain/users.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { startUpkeep } from '../../src/entry/node-upkeep.ts'
import { seedSearchReports } from './search-reports.ts'

const require = createRequire(import.meta.url)
const dirs: string[] = []
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tigapilar-db-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('SQLite on Node', () => {
  it('opens with WAL, foreign keys, a busy timeout and savepoint journals in memory', async () => {
    const handle = openSqlite(join(tempDir(), 'nested', 'db.sqlite'))
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(handle.sqlite.pragma('temp_store', { simple: true })).toBe(2)
    await handle.close()
  })

  it('applies each migration once and records it where wrangler does', async () => {
    const handle = openSqlite(join(tempDir(), 'db.sqlite'))
    const first = migrate(handle.sqlite)
    expect(first).toContain('0001_foundation.sql')
    expect(migrate(handle.sqlite)).toEqual([])
    const names = handle.sqlite.prepare('SELECT name FROM d1_migrations ORDER BY id').pluck().all()
    expect(names).toEqual(first)
    await handle.close()
  })

  it('rolls back a migration that fails, leaving it pending', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);')
    writeFileSync(join(dir, '0002_bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);')
    const handle = openSqlite(':memory:')
    expect(() => migrate(handle.sqlite, dir)).toThrow(/missing/)
    const tables = handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").pluck().all()
    expect(tables).toEqual(['a'])
    expect(handle.sqlite.prepare('SELECT name FROM d1_migrations').pluck().all()).toEqual(['0001_ok.sql'])
    await handle.close()
  })

  it('enforces foreign keys', async () => {
    const handle = openSqlite(':memory:')
    migrate(handle.sqlite, MIGRATIONS_DIR)
    expect(() => handle.sqlite.prepare("INSERT INTO regions VALUES ('35.10', 'X', 'regency', '35', 'Asia/Jakarta')").run()).toThrow(
      /FOREIGN KEY/,
    )
    await handle.close()
  })
})

describe('writes and upkeep', () => {
  it('commits units that arrive together in one transaction, each failing alone', async () => {
    const handle = openSqlite(join(tempDir(), 'db.sqlite'))
    handle.sqlite.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)')
    const insert = (x: number) => CompiledQuery.raw('INSERT INTO t (x) VALUES (?)', [x])
    // The third repeats the first's key: it fails, and so does the rest of its own unit only.
    const outcomes = await Promise.allSettled([
      handle.atomic([insert(1)]),
      handle.atomic([insert(2), insert(3)]),
      handle.atomic([insert(4), insert(1)]),
      handle.atomic([insert(5)]),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConstraintViolation)
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: [{ changes: 1 }, { changes: 1 }] })
    expect(handle.sqlite.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2, 3, 5])
    await handle.close()
  })

  it('waits its turn while another connection writes, even when its first statement reads before writing', async () => {
    const file = join(tempDir(), 'db.sqlite')
    // A full-text index, filled by a trigger: a connection that has not used it yet reads its
    // configuration while preparing the insert, before it asks for the write lock.
    const setup = new SqliteDatabase(file)
    setup.pragma('journal_mode = WAL')
    setup.exec(`CREATE TABLE notes (text TEXT);
      CREATE VIRTUAL TABLE notes_fts USING fts5 (text);
      CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN INSERT INTO notes_fts (text) VALUES (new.text); END;`)
    setup.close()
    const handle = openSqlite(file)
    // Another connection (the upkeep worker's ANALYZE, a CLI command) holds the write lock for 300 ms.
    const holder = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))})
      const sqlite = new Database(${JSON.stringify(file)})
      sqlite.exec("BEGIN IMMEDIATE; INSERT INTO notes (text) VALUES ('held')")
      require('node:worker_threads').parentPort.postMessage('holding')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
      sqlite.exec('COMMIT')`,
      { eval: true },
    )
    await new Promise((resolve) => holder.once('message', resolve))
    await expect(handle.atomic([CompiledQuery.raw("INSERT INTO notes (text) VALUES ('filed')")])).resolves.toEqual([{ changes: 1 }])
    expect(handle.sqlite.prepare('SELECT text FROM notes_fts ORDER BY rowid').pluck().all()).toEqual(['held', 'filed'])
    await holder.terminate()
    await handle.close()
  })

  it('checkpoints and refreshes statistics on a worker thread while the server runs', async () => {
    const file = join(tempDir(), 'db.sqlite')
    const handle = openSqlite(file)
    migrate(handle.sqlite)
    const stop = startUpkeep(handle, file, () => {})
    // The server's own connection no longer checkpoints on commit.
    expect(handle.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    handle.sqlite.exec('CREATE TABLE t (x BLOB)')
    const insert = handle.sqlite.prepare('INSERT INTO t (x) VALUES (randomblob(4000))')
    handle.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run()
    })()
    const before = statSync(file).size
    // Within a couple of seconds the worker has copied the log's pages into the database file.
    await expect.poll(() => statSync(file).size, { timeout: 5000, interval: 200 }).toBeGreaterThan(before + 4000 * 1500)
    await stop()
    expect(handle.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    // PRAGMA optimize ran at start: the planner has statistics.
    expect(handle.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get()).toBe(1)
    await handle.close()
  })
})

describe('query plans', () => {
  it('serve user lists by scope and region children from indexes, never a full scan', async () => {
    const deps = nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' })
    const users = usersWithinQuery(deps, '35.10').compile()
    const children = childRegionsQuery(deps.db, '35.10').compile()
    for (const [query, index] of [
      [users, 'users_scope'],
      [children, 'regions_parent'],
    ] as const) {
      const detail = planOf(deps.handle.sqlite, query.sql, query.parameters)
      expect(detail).toContain(index)
      expect(detail).not.toMatch(/^SCAN (users|regions)$/m)
      expect(detail).not.toContain('TEMP B-TREE')
    }
    await deps.handle.close()
  })
})

describe('sign-in query plans', () => {
  it('find the user behind a bearer token, a session or a calendar link through unique indexes alone', async () => {
    const { deps, db, queries } = loggedDatabase()
    await apiTokenUser({ db }, 'tp_unknown')
    await sessionUser({ db, clock: deps.clock }, 'unknown')
    await calendarTokenOwner({ db }, 'unknown')
    expect(queries).toHaveLength(3)
    for (const query of queries) {
      const detail = planOf(deps.handle.sqlite, query.sql, query.parameters)
      expect(detail).toMatch(/SEARCH users USING INDEX sqlite_autoindex_users_1 \(id=\?\)/)
      expect(detail).toMatch(/SEARCH (api_tokens|sessions|calendar_tokens) USING INDEX sqlite_autoindex_\w+ \((token_hash|id_hash)=\?\)/)
      expect(detail).not.toMatch(/^SCAN /m)
    }
    // A personal feed, polled by calendar clients: the user's invitations, then each meeting by id.
    queries.length = 0
    await personalFeed({ db, clock: deps.clock }, 'unknown')
    expect(planOf(deps.handle.sqlite, queries[0]!.sql, queries[0]!.parameters)).toMatch(
      /SEARCH meetings USING INDEX sqlite_autoindex_meetings_1 \(id=\?\)[\s\S]*SEARCH meeting_participants USING COVERING INDEX meeting_participants_user \(user_id=\?\)/,
    )
    await deps.handle.close()
  })
})

describe('report query plans', () => {
  it('serve every report list and dashboard query from an index', async () => {
    const deps = {
      ...nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' }),
      clock: () => new Date('2026-11-20T03:00:00Z'),
    }
    await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
    const statements: string[] = []
    const countStatements: string[] = []
    const sqlite = deps.handle.sqlite
    const plans = () => statements.map((text) => ({ text, plan: planOf(sqlite, text) }))
    // Capture every statement the list and dashboard run, as they run it.
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((text: string) => {
      // Named, or read through one of its indexes (`reportsThrough`).
      if (/\b(from|join) "?reports"?(\s|$)/i.test(text)) statements.push(text)
      if (/\bfrom "report_(status_)?counts"/i.test(text)) countStatements.push(text)
      return prepare(text)
    }) as typeof sqlite.prepare
    const viewer = (scope: string, role: User['role']) => ({ id: 'x', scope_code: scope, role }) as User
    const everything = {
      region: '35.10.01',
      status: 'new',
      min_alert_level: 'siaga',
      category: 'crime',
      from: '2026-01-01',
      to: '2026-12-31',
      q: 'x',
      limit: 50,
      cursor: undefined,
    } as const
    for (const who of [viewer('35.10', 'reviewer'), viewer('35.10.01', 'admin'), viewer('35.10.01.2001', 'reporter')]) {
      await listReports(deps, who, { limit: 50 })
      await listReports(deps, who, { ...everything, region: who.scope_code })
    }
    await dashboardFor(deps, viewer('35.10', 'reviewer'), '35.10')
    await dashboardFor(deps, viewer('35.10', 'reviewer'), '35.10.01')
    for (const scope of ['35.10', '35.10.01']) await homeSummary(deps, viewer(scope, 'reviewer'))
    for (const scope of ['35.10', '35.10.01'])
      await draftAgenda(deps, { id: 'x', scope_code: scope, starts_at: '2026-12-01T02:00:00.000Z' })
    sqlite.prepare = prepare
    expect(statements.length).toBeGreaterThanOrEqual(10)
    for (const { text, plan } of plans()) {
      expect(plan, text).toMatch(/USING (COVERING )?INDEX reports_/)
      expect(plan, text).not.toMatch(/^SCAN reports\b/m)
    }
    // What needs attention, in a regency and in a district: the partial index of new siaga and awas
    // reports, not every report of the district (18 ms in a district of 5,000,000 reports' busiest regency).
    const attention = plans().filter(({ text }) => /status = 'new'/.test(text))
    expect(attention).toHaveLength(4)
    for (const { text, plan } of attention)
      expect(plan, text).toMatch(/USING (COVERING )?INDEX reports_attention \(regency_code=\? AND status=\? AND alert_rank>\?\)/)
    // A drafted agenda's open siaga and awas reports: their own index, not every report of the period (1.7 s cold at the busiest regency of 5,000,000 reports).
    const agenda = plans().filter(({ text }) => /status != 'resolved'/.test(text))
    expect(agenda).toHaveLength(4)
    for (const { text, plan } of agenda)
      expect(plan, text).toMatch(/USING INDEX reports_(regency|district)_open_alerts \(\w+_code=\? AND occurred_at>\?\)/)
    // Hotspots, for dashboards and agendas: the partial index of reports above normal, which holds
    // what they count, named in the statement (SQLite's statistics at 5,000,000 reports led it elsewhere).
    const hotspots = plans().filter(({ text }) => /above_prev_90/.test(text))
    expect(hotspots).toHaveLength(2)
    for (const { text, plan } of hotspots)
      expect(plan, text).toMatch(
        /USING COVERING INDEX reports_(regency|district)_above_normal \(\w+_code=\? AND occurred_at>\? AND occurred_at<\?\)/,
      )
    // The dashboards' counts: a range of the region's villages on the primary key, never the whole table.
    expect(countStatements.length).toBeGreaterThanOrEqual(6)
    for (const text of countStatements) {
      const plan = planOf(sqlite, text)
      expect(plan, text).toMatch(/SEARCH report_(status_)?counts USING PRIMARY KEY \(region_code/)
      expect(plan, text).not.toMatch(/^SCAN report_(status_)?counts\b/m)
    }
    await deps.handle.close()
  })

  it('search through the word index when few reports match, and in time order keeping matches when many do', async () => {
    const deps = nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' })
    await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
    const sqlite = deps.handle.sqlite
    seedSearchReports(sqlite)
    const statements: string[] = []
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((text: string) => {
      if (/\b(from|join) "reports"/i.test(text)) statements.push(text)
      return prepare(text)
    }) as typeof sqlite.prepare
    const viewer = { id: 'x', scope_code: '35.10', role: 'reviewer' } as User
    const rare = await listReports(deps, viewer, { q: 'PENCURIAN', limit: 50 })
    const common = await listReports(deps, viewer, { q: 'banjir', region: '35.10.01', limit: 50 })
    sqlite.prepare = prepare
    expect(statements).toHaveLength(2)
    const [rarePlan, commonPlan] = statements.map((text) => planOf(sqlite, text))
    expect(rare.items.map((r) => r.title)).toEqual(['Pencurián sapi'])
    expect(common.items).toHaveLength(50)
    expect(common.items[0]!.title).toBe(`Banjir ${INDEX_DRIVEN_LIMIT + 1}`)
    // Few: the index is the outer loop and each match found by seq.
    expect(rarePlan).toMatch(/^SCAN report_search VIRTUAL TABLE INDEX[^\n]*\n.*SEARCH reports USING INDEX reports_seq \(seq=\?\)/m)
    // Many: the district's reports newest first, kept when among the matches gathered once.
    expect(commonPlan).toMatch(/SEARCH reports USING INDEX reports_district_time \(district_code=\?\)/)
    expect(commonPlan).toMatch(/LIST SUBQUERY[\s\S]*SCAN report_search VIRTUAL TABLE INDEX 0:M/)
    expect(commonPlan).not.toContain('TEMP B-TREE')
    await deps.handle.close()
  })
})

describe('notification query plans', () => {
  it('find what the scheduler and the sender look for through indexes, on every pass', async () => {
    const deps = {
      ...nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' }),
      clock: () => new Date('2026-11-20T03:00:00Z'),
    }
    await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
    const watched = /\bfrom "?(reports|meetings|action_items|notification_deliveries|notification_events)"?\b/i
    const statements: string[] = []
    const sqlite = deps.handle.sqlite
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((text: string) => {
      if (watched.test(text) && !/^\s*insert/i.test(text)) statements.push(text)
      return prepare(text)
    }) as typeof sqlite.prepare
    await scheduleDue(deps)
    await sendDue(deps)
    sqlite.prepare = prepare
    // Overdue reports, upcoming meetings, due action items, and the sender's claim and read.
    expect(statements.length).toBeGreaterThanOrEqual(5)
    for (const text of statements) {
      const plan = planOf(sqlite, text)
      expect(plan, text).not.toMatch(/^SCAN (reports|meetings|action_items|notification_deliveries|notification_events)\b(?! USING)/m)
      expect(plan, text).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|SEARCH/)
    }
    await deps.handle.close()
  })
})

describe('filing query plans', () => {
  it('ask whether the regency’s webhooks listen for a filing through their index', async () => {
    const { deps, db, queries } = loggedDatabase()
    const event = {
      id: 'report.filed:x',
      kind: 'report.filed',
      regionCode: '35.10.01.2001',
      subjectId: 'x',
      mandatory: false,
      restricted: false,
      params: {},
    } as const
    expect(await notificationStatements({ db, clock: deps.clock }, event, [])).toEqual([])
    const asked = queries.find((query) => /from webhooks/i.test(query.sql))!
    expect(planOf(deps.handle.sqlite, asked.sql, asked.parameters)).toMatch(
      /SEARCH webhooks USING INDEX webhooks_regency \(regency_code=\?\)/,
    )
    await deps.handle.close()
  })
})

describe('timeline query plans', () => {
  it('read, archive and remove timelines through the timeline’s and the archive’s keys, never a full scan', async () => {
    const { deps, db, queries } = loggedDatabase()
    const { sqlite } = deps.handle
    // Two resolved reports with old events, written past the foreign keys these plans do not need;
    // the second holds the table's newest event, which stays.
    sqlite.pragma('foreign_keys = OFF')
    for (const id of ['r', 'r2', 'r0'])
      sqlite
        .prepare(`INSERT INTO reports (id, reporter_id, village_code, district_code, regency_code, category, alert_level, alert_rank,
            title, description, occurred_at, restricted, status, version, created_at, updated_at)
          VALUES (?, 'u', '35.10.01.2001', '35.10.01', '35.10', 'crime', 'normal', 0, 't', 'd', '2020-01-01', 0, 'resolved', 2,
            '2020-01-01', '2020-01-01')`)
        .run(id)
    // r0's timeline was archived before migration 0019, in a row of its own.
    const legacy = [[0, 'e0', 'comment', null, 'n', 'u', '2020-01-02']]
    sqlite
      .prepare(`INSERT INTO report_event_archive (report_id, last_seq, events, body, archived_at) VALUES ('r0', 0, 1, ?, '2020-06-01')`)
      .run(await compressedText(JSON.stringify(legacy), 'deflate-raw'))
    for (const [id, report] of [
      ['e1', 'r'],
      ['e2', 'r'],
      ['e3', 'r2'],
    ])
      sqlite
        .prepare(
          `INSERT INTO report_events (id, report_id, type, note, author_id, created_at) VALUES (?, ?, 'comment', 'n', 'u', '2020-01-02')`,
        )
        .run(id, report)
    const write = { db, atomic: deps.atomic, clock: deps.clock }
    // The archiving unit's statements run through the connection, not the logged Kysely.
    const prepared: string[] = []
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((text: string) => {
      prepared.push(text)
      return prepare(text)
    }) as typeof sqlite.prepare
    expect(await archiveTimelines(write, new Date('2021-01-01'))).toEqual({ reports: 1, events: 2 })
    const events = await reportEvents({ db }, ['r', 'r0', 'x'])
    expect(events.map((event) => [event.report_id, event.id])).toEqual([
      ['r0', 'e0'],
      ['r', 'e1'],
      ['r', 'e2'],
    ])
    await eventAuthors({ db }, events)
    sqlite.prepare = prepare
    const plans = [
      ...queries.map((query) => ({ text: query.sql, plan: planOf(sqlite, query.sql, query.parameters) })),
      ...prepared.filter((text) => /^delete/.test(text)).map((text) => ({ text, plan: planOf(sqlite, text) })),
    ]
    const planOfQuery = (pattern: RegExp) => plans.find(({ text }) => pattern.test(text))!.plan
    expect(planOfQuery(/^select "id", "seq" from "reports"/)).toMatch(
      /SEARCH reports USING INDEX reports_seq \(seq>\?\)[\s\S]*SEARCH report_events EXISTS USING COVERING INDEX report_events_report \(report_id=\?\)/,
    )
    expect(planOfQuery(/^select \* from "report_events"/)).toMatch(/SEARCH report_events USING INDEX report_events_report \(report_id=\?\)/)
    expect(planOfQuery(/^select max\("seq"\)/)).toBe('SEARCH report_events')
    expect(planOfQuery(/^delete from "report_events"/)).toMatch(
      /SEARCH report_events USING (COVERING )?INDEX report_events_report \(report_id=\?\)[\s\S]*SEARCH reports USING (COVERING )?INDEX sqlite_autoindex_reports_1 \(id=\?\)[\s\S]*SEARCH report_event_segment_reports USING PRIMARY KEY \(report_seq=\?\)/,
    )
    expect(planOfQuery(/^select "report_id", "body" from "report_event_archive"/)).toMatch(
      /SEARCH report_event_archive USING PRIMARY KEY \(report_id=\?\)/,
    )
    expect(planOfQuery(/from "reports" inner join "report_event_segment_reports"/)).toMatch(
      /SEARCH reports USING INDEX sqlite_autoindex_reports_1 \(id=\?\)[\s\S]*SEARCH held USING PRIMARY KEY \(report_seq=\?\)[\s\S]*SEARCH segment USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    )
    expect(planOfQuery(/^select "id", "name"/)).toMatch(/SEARCH users USING INDEX sqlite_autoindex_users_1 \(id=\?\)/)
    for (const { text, plan } of plans)
      expect(plan, text).not.toMatch(
        /^SCAN (reports|report_events|report_event_archive|report_event_segment\w*|held|segment|users)\b(?! USING)/m,
      )
    // A report's audit trail, its entries made from its rows: each read through its key. (The audit
    // archive's segments are read whole, as an inquiry into any entity reads them.)
    queries.length = 0
    expect((await auditTrail({ db }, 'report', 'r')).map((entry) => entry.action)).toEqual([
      'report.file',
      'report.comment',
      'report.comment',
    ])
    const trail = queries
      .filter((query) => !/from "audit_archive"/.test(query.sql))
      .map((query) => planOf(sqlite, query.sql, query.parameters))
      .join('\n')
    expect(trail).toMatch(/SEARCH audit_log USING (COVERING )?INDEX audit_log_entity \(entity_type=\? AND entity_id=\?\)/)
    expect(trail).toMatch(/SEARCH reports USING INDEX sqlite_autoindex_reports_1 \(id=\?\)/)
    expect(trail).toMatch(/SEARCH report_photos USING (COVERING )?INDEX report_photos_by_report \(report_id=\?\)/)
    expect(trail).not.toMatch(/^SCAN (?!json_each)/m)
    // What was archived before stays: the old table is append-only as well.
    await expect(db.deleteFrom('report_event_archive').execute()).rejects.toThrow(/append-only/)
    await deps.handle.close()
  })
})

/** A fresh in-memory database, and a Kysely over it that keeps every query it runs. */
function loggedDatabase() {
  const deps = nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' })
  const queries: CompiledQuery[] = []
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: deps.handle.sqlite }),
    log: (event) => void queries.push(event.query),
  })
  return { deps, db, queries }
}

/** SQLite's plan of a statement, one step a line: with its parameters, or a '1' for each. */
function planOf(
  sqlite: ReturnType<typeof openSqlite>['sqlite'],
  text: string,
  parameters: readonly unknown[] = (text.match(/\?/g) ?? []).map(() => '1'),
): string {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join('\n')
}
