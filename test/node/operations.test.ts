import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildNode } from '../../scripts/build.ts'
import { MIGRATIONS_DIR } from '../../src/db/migrate.ts'
import { LATEST_MIGRATION } from '../../src/db/migration-level.ts'
import { cli, freePort, ROOT, type ServerProcess, startServer } from './server-process.ts'

// The server and CLI as an operator runs them: built, in their own processes, on real files.
const dir = mkdtempSync(join(tmpdir(), 'tigapilar-ops-'))
const servers: ServerProcess[] = []
beforeAll(() => buildNode(), 120_000)
afterAll(() => {
  for (const server of servers) server.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function serve(dbFile: string, env: Record<string, string> = {}, cwd = ROOT): Promise<ServerProcess> {
  const server = await startServer(dbFile, env, cwd)
  servers.push(server)
  return server
}

/** A database with Banyuwangi, one village reporter, and that reporter's API token. */
function preparedDatabase(name: string): { dbFile: string; token: string } {
  const dbFile = join(dir, name, 'tigapilar.sqlite')
  const steps = [
    ['regions:import', '--regency', '35.10'],
    ['user:create', '--username', 'babinsa', '--name', 'Serda Agus', '--role', 'reporter', '--pillar', 'military'],
  ]
  expect(cli(dbFile, ...steps[0]!).code).toBe(0)
  expect(cli(dbFile, ...steps[1]!, '--scope', '35.10.01.2001', '--password', 'kata-sandi-uji-123').code).toBe(0)
  const token = cli(dbFile, 'user:token', '--username', 'babinsa')
  expect(token.code).toBe(0)
  return { dbFile, token: token.stdout.trim() }
}

function reportBody(title: string): string {
  return JSON.stringify({
    village_code: '35.10.01.2001',
    category: 'social_conflict',
    alert_level: 'waspada',
    title,
    description: 'Dua kelompok pemuda bersitegang setelah pertandingan bola.',
    occurred_at: new Date(Date.now() - 3600_000).toISOString(),
  })
}

function fileReport(base: string, token: string, title: string): Promise<Response> {
  return fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: reportBody(title),
  })
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

describe('backup and restore', () => {
  it('backs up while reports are filed; the restored copy serves every report acknowledged before the backup began', async () => {
    const { dbFile, token } = preparedDatabase('live')
    const server = await serve(dbFile)
    const acknowledged: { id: string; at: number }[] = []
    let filing = true
    const filer = async (lane: number) => {
      for (let i = 0; filing; i++) {
        const response = await fileReport(server.base, token, `Laporan ${lane}-${i}`)
        expect(response.status, server.output()).toBe(201)
        acknowledged.push({ id: ((await response.json()) as { id: string }).id, at: performance.now() })
      }
    }
    const lanes = [filer(1), filer(2)]
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 10))

    const backupFile = join(dir, 'live-backup.sqlite')
    const backupStarted = performance.now()
    const backup = spawn(process.execPath, [join(ROOT, 'dist', 'node', 'cli.js'), 'backup', '--to', backupFile], {
      env: { ...process.env, DB_FILE: dbFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    expect(await exitOf(backup)).toBe(0)
    const backupEnded = performance.now()
    filing = false
    await Promise.all(lanes)

    const before = acknowledged.filter((r) => r.at < backupStarted)
    // The server kept serving: reports were acknowledged while the backup ran.
    expect(acknowledged.filter((r) => r.at > backupStarted && r.at < backupEnded).length).toBeGreaterThan(0)

    // Restoring over the running server's database is refused, and changes nothing.
    const refused = cli(dbFile, 'restore', '--from', backupFile)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('stop it first')
    expect(readdirSync(join(dir, 'live')).filter((name) => name.includes('restor'))).toEqual([])

    const freshDb = join(dir, 'fresh', 'tigapilar.sqlite')
    const restored = cli(freshDb, 'restore', '--from', backupFile)
    expect(restored.code, restored.stderr).toBe(0)
    const copy = await serve(freshDb)
    for (const { id } of before) {
      const response = await fetch(`${copy.base}/api/v1/reports/${id}`, { headers: { Authorization: `Bearer ${token}` } })
      expect(response.status, id).toBe(200)
    }
    expect(before.length).toBeGreaterThanOrEqual(20)
  })

  it('never overwrites a backup, and refuses to restore a file that is not a sound database', () => {
    const { dbFile } = preparedDatabase('checked')
    const backupFile = join(dir, 'checked-backup.sqlite')
    expect(cli(dbFile, 'backup', '--to', backupFile).code).toBe(0)
    const again = cli(dbFile, 'backup', '--to', backupFile)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')

    const garbage = join(dir, 'garbage.sqlite')
    writeFileSync(garbage, 'SQLite format 3\0 but not really'.repeat(200))
    const target = join(dir, 'never', 'tigapilar.sqlite')
    const refused = cli(target, 'restore', '--from', garbage)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/not a readable SQLite database|integrity_check/)
    expect(existsSync(target)).toBe(false)

    // A database a newer version migrated is refused too.
    const future = join(dir, 'future-backup.sqlite')
    cpSync(backupFile, future)
    const sqlite = new SqliteDatabase(future)
    sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run('9999_from_a_newer_version.sql')
    sqlite.close()
    const newer = cli(target, 'restore', '--from', future)
    expect(newer.code).toBe(1)
    expect(newer.stderr).toContain('newer version')
    expect(existsSync(target)).toBe(false)
  })
})

describe('lifecycle', () => {
  it('on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const { dbFile, token } = preparedDatabase('sigterm')
    const server = await serve(dbFile, { LOG_FORMAT: 'json' })
    const body = Buffer.from(reportBody('Dikirim saat server berhenti'))
    const socket = connect(Number(new URL(server.base).port), '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    const closed = new Promise((resolve) => socket.on('close', resolve))
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    socket.write(body.subarray(0, 40))
    await new Promise((resolve) => setTimeout(resolve, 200))

    server.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow()
    socket.end(body.subarray(40))
    await closed
    expect(answer).toMatch(/^HTTP\/1\.1 201 /)
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('Stopped.')
    // LOG_FORMAT=json: the request's line is one JSON object, without the token.
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(logged.find((entry) => entry.msg === 'request')).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/api/v1/reports',
      status: 201,
      request_id: expect.any(String),
      time: expect.any(String),
    })
    expect(server.output()).not.toContain(token)

    expect(existsSync(`${dbFile}.pid`)).toBe(false)
    // Closed cleanly: the WAL was checkpointed into the database and removed.
    expect(existsSync(`${dbFile}-wal`)).toBe(false)
    const sqlite = new SqliteDatabase(dbFile, { readonly: true })
    expect(sqlite.prepare("SELECT count(*) FROM reports WHERE title = 'Dikirim saat server berhenti'").pluck().get()).toBe(1)
    sqlite.close()
  })

  /** Starts the server expecting it to refuse; returns its exit code and what it printed. */
  function refusedStart(env: Record<string, string>) {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'server.js')], {
      env: { ...process.env, PUBLIC_URL: 'https://tigapilar.test', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    })
    return { code: result.status, lines: `${result.stdout}${result.stderr}`.trim().split('\n') }
  }

  it('refuses a port in use with one clear line and exit 1', async () => {
    const port = await freePort()
    const squatter = createServer().listen(port)
    await new Promise((resolve) => squatter.once('listening', resolve))
    try {
      const { code, lines } = refusedStart({ DB_FILE: join(dir, 'port', 'db.sqlite'), PORT: String(port) })
      expect(code).toBe(1)
      expect(lines).toEqual([`Tiga Pilar cannot start: port ${port} is already in use; stop the other server or set PORT`])
    } finally {
      squatter.close()
    }
  })

  it('refuses a database directory it cannot write with one clear line and exit 1', async () => {
    const notADirectory = join(dir, 'plain-file')
    writeFileSync(notADirectory, 'not a directory')
    const dbFile = join(notADirectory, 'tigapilar.sqlite')
    const { code, lines } = refusedStart({ DB_FILE: dbFile, PORT: String(await freePort()) })
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^Tiga Pilar cannot start: cannot write the database ${dbFile} or its directory`))
  })

  it('refuses a database a newer version migrated with one clear line and exit 1, leaving it as it was', async () => {
    const dbFile = join(dir, 'newer', 'tigapilar.sqlite')
    mkdirSync(join(dir, 'newer'))
    const sqlite = new SqliteDatabase(dbFile)
    sqlite.exec('CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TEXT)')
    sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run('9999_from_a_newer_version.sql')
    sqlite.close()
    const { code, lines } = refusedStart({ DB_FILE: dbFile, PORT: String(await freePort()) })
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('was migrated by a newer version of Tiga Pilar (migration 9999_from_a_newer_version.sql)')
    const after = new SqliteDatabase(dbFile, { readonly: true })
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'users'").pluck().get()).toBe(0)
    after.close()
  })

  it('knows its newest migration, the one /readyz expects', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'))
    expect(files.sort().at(-1)).toBe(LATEST_MIGRATION)
  })
})

describe('production install', () => {
  it('starts from the build with `npm ci --omit=dev --omit=optional`: no dev dependency present', async () => {
    const install = join(dir, 'install')
    mkdirSync(install)
    for (const part of ['package.json', 'package-lock.json', 'dist', 'db'])
      cpSync(join(ROOT, part), join(install, part), { recursive: true })
    const npm = spawnSync('npm', ['ci', '--omit=dev', '--omit=optional', '--no-audit', '--no-fund'], {
      cwd: install,
      encoding: 'utf8',
      timeout: 240_000,
    })
    expect(npm.status, npm.stderr).toBe(0)
    const installed = readdirSync(join(install, 'node_modules'))
    expect(installed).toContain('better-sqlite3')
    for (const dev of ['vitest', 'tsx', 'wrangler', 'typescript', 'esbuild', 'playwright-core', 'node'])
      expect(installed).not.toContain(dev)

    const server = await serve(join(install, 'data', 'tigapilar.sqlite'), {}, install)
    const login = await fetch(`${server.base}/login`)
    expect(login.status).toBe(200)
    expect(await login.text()).toContain('Masuk')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  }, 300_000)
})
