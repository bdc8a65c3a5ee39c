import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.tsx'
import { nodeDeps } from '../../src/entry/node-deps.ts'

const dir = mkdtempSync(join(tmpdir(), 'tigapilar-cli-'))
/** The database the tests share: Banyuwangi imported, before any test runs. */
const dbFile = join(dir, 'cli.sqlite')
beforeAll(() => {
  cliOn(dbFile, 'regions:import', '--regency', '35.10')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `npm run cli -- …` on the database `file` the way an operator does (same entry, same configuration). */
function cliOn(file: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    env: { ...process.env, DB_FILE: file },
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The CLI on the shared database. */
function cli(...args: string[]) {
  return cliOn(dbFile, ...args)
}

/** `user:create` with every option spelled out. */
function userCreate(options: { username: string; name: string; role: string; pillar: string; scope: string; password: string }): string[] {
  return ['user:create', ...Object.entries(options).flatMap(([name, value]) => [`--${name}`, value])]
}

/** The id of a user of the shared database. */
function cliId(username: string): string {
  const deps = nodeDeps({ dbFile, proxyHops: 0, publicUrl: 'https://tigapilar.test' })
  const id = deps.handle.sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string
  deps.handle.sqlite.close()
  return id
}

function count(sql: string): number {
  const deps = nodeDeps({ dbFile, proxyHops: 0, publicUrl: 'https://tigapilar.test' })
  const n = deps.handle.sqlite.prepare(sql).pluck().get() as number
  deps.handle.sqlite.close()
  return n
}

describe('CLI', () => {
  it('migrates and imports a regency, idempotently', () => {
    const fresh = join(dir, 'fresh.sqlite')
    expect(cliOn(fresh, 'migrate')).toMatchObject({ code: 0 })
    const first = cliOn(fresh, 'regions:import', '--regency', '35.10')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/1 provinces, 1 regencies, 25 districts, 217 villages \(244 rows new or changed\)/)
    expect(cliOn(fresh, 'regions:import', '--regency', '35.10').stdout).toMatch(/\(0 rows new or changed\)/)
  })

  it('refuses bad input with a message naming the problem, a non-zero exit, and no write', () => {
    const before = count('SELECT count(*) FROM users')
    const cases = [
      [['regions:import', '--regency', '99.99'], /--regency 99.99: no such regency/],
      [['regions:import'], /--regency is required/],
      [['regions:import', '--regency', '35.10', '--all'], /either --regency CODE or --all/],
      [['user:create', '--username', 'x'], /--name is required/],
      [
        userCreate({ username: 'ok.user', name: 'N', role: 'boss', pillar: 'police', scope: '35.10', password: 'panjang-sekali-1' }),
        /--role: Invalid value/,
      ],
      [
        userCreate({ username: 'ok.user', name: 'N', role: 'admin', pillar: 'police', scope: '35.10', password: 'short' }),
        /--password: The password must have at least 10 characters/,
      ],
      [
        userCreate({ username: 'ok.user', name: 'N', role: 'reporter', pillar: 'police', scope: '35.10', password: 'panjang-sekali-1' }),
        /--scope: Reporters work in a village/,
      ],
      [['user:token', '--username', 'nobody'], /no active user "nobody"/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['user:create', '--bogus', '1'], /Unknown option '--bogus'/],
      [['audit:archive', '--before', '2026-13-45'], /--before must be a date such as 2025-01-01/],
      [['audit:archive'], /--before is required/],
      [['timeline:archive', '--before', 'kemarin'], /--before must be a date such as 2025-01-01/],
      [['audit:show', '--entity', 'report'], /--entity must be TYPE:ID/],
    ] as const
    for (const [args, message] of cases) {
      const result = cli(...args)
      expect(result.code, args.join(' ')).not.toBe(0)
      expect(result.stderr, args.join(' ')).toMatch(message)
    }
    expect(count('SELECT count(*) FROM users')).toBe(before)
  })

  it('creates a user with a final password and prints a token that works on the API', async () => {
    const created = cli(
      ...userCreate({
        username: 'kapolres',
        name: 'AKBP Rama',
        role: 'reviewer',
        pillar: 'police',
        scope: '35.10',
        password: 'kata-sandi-operator',
      }),
    )
    expect(created).toMatchObject({ code: 0 })
    expect(
      cli(
        ...userCreate({
          username: 'kapolres',
          name: 'X',
          role: 'reviewer',
          pillar: 'police',
          scope: '35.10',
          password: 'kata-sandi-operator',
        }),
      ).stderr,
    ).toMatch(/--username: This username is already taken/)
    const token = cli('user:token', '--username', 'kapolres').stdout.trim()
    expect(token).toMatch(/^tp_/)

    const deps = nodeDeps({ dbFile, proxyHops: 0, publicUrl: 'https://tigapilar.test' })
    const app = createApp({ ...deps, clientAddress: () => 'test' })
    const me = await app.request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })
    expect(await me.json()).toMatchObject({ username: 'kapolres', title: 'Forkopimda (Kapolres)', must_change_password: false })
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kapolres', password: 'kata-sandi-operator' }),
    })
    expect(login.status).toBe(200)
    await deps.handle.close()
  })

  it('archives audit entries before a date and prints an entity’s trail from the archive and the log', () => {
    const user = cli(
      ...userCreate({
        username: 'arsip.user',
        name: 'Arsip',
        role: 'admin',
        pillar: 'police',
        scope: '35.10',
        password: 'panjang-sekali-1',
      }),
    )
    expect(user.code).toBe(0)
    const id = cliId('arsip.user')
    const trail = cli('audit:show', '--entity', `user:${id}`)
    expect(trail.code).toBe(0)
    const archived = cli('audit:archive', '--before', '2999-01-01')
    expect(archived.stdout).toMatch(/^Archived \d+ audit entries from before 2999-01-01 \(UTC\) into \d+ segments\.$/m)
    expect(count('SELECT count(*) FROM audit_log')).toBe(0)
    expect(cli('timeline:archive', '--before', '2999-01-01').stdout).toMatch(
      /^Archived 0 timeline events of 0 reports resolved before 2999-01-01 \(UTC\)\.$/m,
    )
    // The same entries, read back from the segments.
    expect(cli('audit:show', '--entity', `user:${id}`).stdout).toBe(trail.stdout)
    expect(JSON.parse(trail.stdout.trim().split('\n')[0]!)).toMatchObject({ action: 'user.create', entity_id: id })
  })

  it('prints SQL for D1', () => {
    const result = cli('regions:sql', '--regency', '35.10')
    expect(result.code).toBe(0)
    expect(result.stdout.match(/^insert into "regions"/gim)).toHaveLength(Math.ceil(244 / 20))
  })
  it('prints a Web Push key pair the server accepts, and runs a notification pass', async () => {
    const generated = cli('vapid:generate')
    expect(generated.code).toBe(0)
    const keys = Object.fromEntries(
      generated.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    )
    expect(Object.keys(keys)).toEqual(['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'])
    expect(Buffer.from(keys.VAPID_PUBLIC_KEY!, 'base64url')).toHaveLength(65)
    expect(Buffer.from(keys.VAPID_PRIVATE_KEY!, 'base64url')).toHaveLength(32)
    // The pair is one: the private key signs what the public key verifies.
    const { vapidAuthorization } = await import('../../src/channels/web-push.ts')
    const header = await vapidAuthorization(
      'https://fcm.googleapis.com/fcm/send/x',
      { publicKey: keys.VAPID_PUBLIC_KEY!, privateKey: keys.VAPID_PRIVATE_KEY!, subject: 'mailto:a@b.test' },
      new Date(),
    )
    const [, jwt = '', publicKey = ''] = /^vapid t=([^,]+), k=(.+)$/.exec(header) ?? []
    const [head, claims, signature] = jwt.split('.')
    const verifier = await crypto.subtle.importKey(
      'raw',
      Buffer.from(publicKey, 'base64url'),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    )
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        verifier,
        Buffer.from(signature!, 'base64url'),
        new TextEncoder().encode(`${head}.${claims}`),
      ),
    ).toBe(true)

    const pass = cli('notifications:run')
    expect(pass.code).toBe(0)
    expect(pass.stdout).toMatch(/^Recorded \d+ overdue escalations, \d+ reminders, \d+ action-item notices and \d+ summaries; sent \d+/)
    // Half a key pair is an operator's mistake, said in one line.
    const broken = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'notifications:run'], {
      env: { ...process.env, DB_FILE: dbFile, VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY },
      encoding: 'utf8',
    })
    expect(broken.status).toBe(1)
    expect(broken.stderr.trim()).toBe(
      'Error: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be the pair `npm run cli -- vapid:generate` prints',
    )
  })
})
