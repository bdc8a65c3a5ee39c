import * as v from 'valibot'
import { generateVapidKeys } from '../channels/web-push.ts'
import { type NodeConfig, readConfig } from '../config.ts'
import { backupDatabase, restoreDatabase } from '../db/backup.ts'
import { issueApiToken } from '../domain/api-tokens.ts'
import { archiveAudit, auditTrail } from '../domain/audit-archive.ts'
import { DomainError } from '../domain/errors.ts'
import { notificationPass } from '../domain/notification-pass.ts'
import { purgeExpired } from '../domain/purge.ts'
import { importRegions, regionUpsertsAsSql } from '../domain/region-import.ts'
import { recountReports } from '../domain/report-counts.ts'
import { archiveTimelines } from '../domain/report-events.ts'
import { openSetup } from '../domain/setup.ts'
import { newUserSchema, passwordSchema } from '../domain/user-input.ts'
import { createUser, findUserByUsername } from '../domain/users.ts'
import { allRegions, idnAreaSource } from '../entry/idn-area-source.ts'
import { nodeDeps } from '../entry/node-deps.ts'
import { runningServer } from '../entry/node-lifecycle.ts'
import { messagesFor } from '../i18n/index.ts'
import { OperatorError } from '../operator-error.ts'
import { beforeDate, options, required, UsageError } from './args.ts'

const USAGE = `Usage: npm run cli -- <command> [options]

  migrate                              apply pending db/migrations to DB_FILE
  regions:import --regency CODE        import one regency (with its province, districts, villages)
  regions:import --all                 import all of Indonesia
  regions:sql --regency CODE | --all   print the same import as SQL (for wrangler d1 execute)
  user:create --username U --name N --role R --pillar P --scope CODE --password PW [--position TEXT]
  user:token --username U              print a new API token for a user
  setup:link                           print a new one-time setup link (only while no admin exists)
  purge                                remove expired sessions, old login failures and a spent setup token
  backup --to FILE                     write a consistent copy of DB_FILE to FILE while the server runs
  restore --from FILE                  check the backup FILE and put it in place of DB_FILE (server stopped)
  notifications:run                    record due reminders, escalations and summaries, and send the outbox
  reports:recount                      rebuild the dashboards' report counts after loading reports straight into the table
  audit:archive --before YYYY-MM-DD    move audit entries older than the date into compressed archive segments
  audit:show --entity TYPE:ID          print every audit entry about one entity (archived and live) as JSON lines
  timeline:archive --before YYYY-MM-DD move the timelines of reports resolved before the date into compressed rows
  vapid:generate                       print a new Web Push key pair for VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY

Configuration: DB_FILE (default ./data/tigapilar.sqlite), PUBLIC_URL, and for notifications VAPID_*, WHATSAPP_*.`

// Read when a command runs, inside the error handling below: a bad variable is one line, not a stack.
let config: NodeConfig
const english = messagesFor('en')

/** Region rows for `--regency CODE` or `--all`. */
async function selectedRegions(values: { regency?: string; all?: unknown }) {
  if (values.all && values.regency) throw new UsageError('give either --regency CODE or --all, not both')
  if (values.all) return { rows: await allRegions(), label: 'ID' }
  const code = required(values, 'regency')
  if (!/^\d{2}\.\d{2}$/.test(code)) throw new UsageError(`--regency must be a regency code such as 35.10, got "${code}"`)
  const rows = await idnAreaSource.regency(code)
  if (rows.length === 0) throw new UsageError(`--regency ${code}: no such regency in idn-area-data`)
  return { rows, label: code }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    // Opening the database migrates it.
    await withDatabase(async () => console.log(`Database ${config.dbFile} is up to date.`))
  },
  async 'regions:import'(args) {
    const { rows, label } = await selectedRegions(options(args, ['regency'], ['all']))
    await withDatabase(async (deps) => {
      const started = performance.now()
      const result = await importRegions(deps, rows, null, label)
      const seconds = ((performance.now() - started) / 1000).toFixed(2)
      const { province, regency, district, village } = result.counts
      console.log(
        `Imported ${label}: ${province} provinces, ${regency} regencies, ${district} districts, ${village} villages ` +
          `(${result.changed} rows new or changed) in ${seconds} s.`,
      )
    })
  },
  async 'regions:sql'(args) {
    const { rows } = await selectedRegions(options(args, ['regency'], ['all']))
    // Compiling needs no database file: an in-memory one supplies the SQL dialect.
    const deps = nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'http://localhost' })
    process.stdout.write(`${regionUpsertsAsSql(deps, rows)}\n`)
    await deps.handle.close()
  },
  async 'user:create'(args) {
    const values = options(args, ['username', 'name', 'role', 'pillar', 'scope', 'password', 'position'])
    const parsed = v.safeParse(newUserSchema, {
      username: required(values, 'username'),
      name: required(values, 'name'),
      role: required(values, 'role'),
      pillar: required(values, 'pillar'),
      scope_code: required(values, 'scope'),
      position: values.position,
    })
    const password = v.safeParse(passwordSchema, required(values, 'password'))
    const problems = [
      ...(parsed.success ? [] : parsed.issues.map((i) => `--${cliName(i.path?.[0]?.key)}: ${messageOf(i.message)}`)),
      ...(password.success ? [] : [`--password: ${messageOf(password.issues[0].message)}`]),
    ]
    if (!parsed.success || !password.success) throw new UsageError(problems.join('\n'))
    await withDatabase(async (deps) => {
      const user = await createUser(deps, parsed.output, { actor: null, password: password.output, temporary: false })
      console.log(`Created ${user.role} ${user.username} (${user.id}) for ${user.scope_code}.`)
    })
  },
  async 'user:token'(args) {
    const username = required(options(args, ['username']), 'username')
    await withDatabase(async (deps) => {
      const user = await findUserByUsername(deps, username)
      if (user?.active !== 1) throw new UsageError(`--username: no active user "${username}"`)
      console.log(await issueApiToken(deps, user, 'cli', null))
    })
  },
  async 'setup:link'() {
    await withDatabase(async (deps) => {
      const token = await openSetup(deps)
      if (!token) throw new UsageError('an administrator already exists; setup is closed')
      console.log(`${config.publicUrl}/setup/${token}`)
    })
  },
  async purge() {
    await withDatabase(async (deps) => {
      const removed = await purgeExpired(deps)
      console.log(
        `Removed ${removed.sessions} expired sessions, ${removed.login_failures} old login-failure records` +
          `${removed.setup_token ? ' and the spent setup token' : ''}.`,
      )
    })
  },
  async backup(args) {
    const to = required(options(args, ['to']), 'to')
    const { bytes } = backupDatabase(config.dbFile, to)
    console.log(`Backed up ${config.dbFile} to ${to} (${(bytes / 1024 / 1024).toFixed(1)} MB).`)
  },
  async 'reports:recount'() {
    await withDatabase(async (deps) => {
      await recountReports(deps)
      console.log(`Rebuilt the dashboards' report counts of ${config.dbFile} from its reports.`)
    })
  },
  async 'audit:archive'(args) {
    const before = beforeDate(args)
    await withDatabase(async (deps) => {
      const moved = await archiveAudit(deps, before)
      console.log(
        `Archived ${moved.entries} audit entries from before ${before.toISOString().slice(0, 10)} (UTC) into ${moved.segments} segments.`,
      )
    })
  },
  async 'timeline:archive'(args) {
    const before = beforeDate(args)
    await withDatabase(async (deps) => {
      const moved = await archiveTimelines(deps, before)
      console.log(
        `Archived ${moved.events} timeline events of ${moved.reports} reports resolved before ${before.toISOString().slice(0, 10)} (UTC).`,
      )
    })
  },
  async 'audit:show'(args) {
    const entity = required(options(args, ['entity']), 'entity')
    const cut = entity.indexOf(':')
    if (cut < 1) throw new UsageError(`--entity must be TYPE:ID such as report:0193…, got "${entity}"`)
    await withDatabase(async (deps) => {
      for (const entry of await auditTrail(deps, entity.slice(0, cut), entity.slice(cut + 1))) console.log(JSON.stringify(entry))
    })
  },
  async 'notifications:run'() {
    await withDatabase(async (deps) => {
      const done = await notificationPass(deps)
      console.log(
        `Recorded ${done.overdue} overdue escalations, ${done.reminders} reminders, ${done.action_items} action-item notices and ` +
          `${done.summaries} summaries; sent ${done.sent}, retrying ${done.retried}, failed ${done.failed}, held for quiet hours ${done.held}.`,
      )
    })
  },
  async 'vapid:generate'() {
    const keys = await generateVapidKeys()
    console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}\nVAPID_PRIVATE_KEY=${keys.privateKey}`)
  },
  async restore(args) {
    const from = required(options(args, ['from']), 'from')
    const pid = runningServer(config.dbFile)
    if (pid) throw new OperatorError(`a server (pid ${pid}) is serving ${config.dbFile}; stop it first, then restore`)
    const { keptAs } = restoreDatabase(from, config.dbFile, new Date())
    console.log(`Restored ${from} to ${config.dbFile}.${keptAs ? ` The database it replaced is kept as ${keptAs}.` : ''}`)
  },
}

/** Runs `work` with the app's dependencies on DB_FILE (migrated), closing them however it ends. */
async function withDatabase(work: (deps: ReturnType<typeof nodeDeps>) => Promise<void>): Promise<void> {
  const deps = nodeDeps(config)
  try {
    await work(deps)
  } finally {
    await deps.handle.close()
  }
}

function cliName(key: unknown): string {
  return key === 'scope_code' ? 'scope' : String(key)
}

function messageOf(key: string): string {
  return english.errors[key as keyof typeof english.errors] ?? key
}

const [name, ...args] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (!command) {
  console.error(name ? `Unknown command "${name}".\n\n${USAGE}` : USAGE)
  process.exit(2)
}
try {
  config = readConfig(process.env)
  await command(args)
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`Error: ${error.message}`)
    process.exit(2)
  }
  if (error instanceof OperatorError) {
    console.error(`Error: ${error.message}`)
    process.exit(1)
  }
  if (error instanceof DomainError) {
    console.error(`Error: ${error.field ? `--${cliName(error.field)}: ` : ''}${messageOf(error.key)}`)
    process.exit(1)
  }
  throw error
}
