import type { CompiledQuery } from 'kysely'
import type { User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { importRegions } from './region-import.ts'
import { findRegion } from './regions.ts'
import { constantTimeEqual, randomSecret, secretHash } from './secrets.ts'
import { createUser, hasActiveAdmin } from './users.ts'

export const SETUP_TOKEN_KEY = 'setup_token_hash'
const HOME_REGENCY_KEY = 'home_regency_code'

/**
 * Opens first-run setup while no active admin exists: a new one-time token replaces any
 * earlier one. Returns the raw token for the setup link, or null when setup is done.
 */
export async function openSetup(deps: WriteDeps): Promise<string | null> {
  if (await hasActiveAdmin(deps)) return null
  const token = randomSecret()
  await deps.atomic([
    deps.db
      .insertInto('settings')
      .values({ key: SETUP_TOKEN_KEY, value: await secretHash(token) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .compile(),
    auditStatement(deps.db, {
      at: deps.clock().toISOString(),
      actorId: null,
      action: 'setup.open',
      entityType: 'settings',
      entityId: SETUP_TOKEN_KEY,
    }),
  ])
  return token
}

/** Whether `token` opens setup now: it matches the stored or configured token and no admin exists. */
export async function setupTokenValid(deps: Pick<Deps, 'db' | 'setupToken'>, token: string): Promise<boolean> {
  if (await hasActiveAdmin(deps)) return false
  const stored = await deps.db.selectFrom('settings').select('value').where('key', '=', SETUP_TOKEN_KEY).executeTakeFirst()
  const candidates = [stored?.value, deps.setupToken && (await secretHash(deps.setupToken))].filter((v): v is string => !!v)
  const given = new TextEncoder().encode(await secretHash(token))
  return candidates.some((hash) => constantTimeEqual(given, new TextEncoder().encode(hash)))
}

export interface SetupInput {
  username: string
  name: string
  pillar: User['pillar']
  password: string
  regency_code: string
}

/**
 * Completes first-run setup: loads the home regency's regions (where the runtime can read
 * the region tables), creates the first admin over that regency, and closes setup.
 */
export async function completeSetup(deps: Deps, token: string, input: SetupInput): Promise<User> {
  if (!(await setupTokenValid(deps, token))) throw new DomainError('forbidden', 'alreadySetUp')
  if (deps.regionSource) {
    const rows = await deps.regionSource.regency(input.regency_code)
    if (rows.length === 0) throw new DomainError('invalid', 'regionUnknown', 'regency_code')
    await importRegions(deps, rows, null, input.regency_code)
  }
  const regency = await findRegion(deps.db, input.regency_code)
  if (regency?.level !== 'regency') throw new DomainError('invalid', 'regionUnknown', 'regency_code')

  const admin = await createUser(
    deps,
    { username: input.username, name: input.name, role: 'admin', pillar: input.pillar, scope_code: regency.code, position: null },
    { actor: null, password: input.password, temporary: false },
  )
  await deps.atomic([
    deps.db.deleteFrom('settings').where('key', '=', SETUP_TOKEN_KEY).compile(),
    ...homeRegencyStatements(deps, regency.code, admin.id),
  ])
  return admin
}

/** The audited statements that record the deployment's home regency. */
export function homeRegencyStatements(deps: Pick<Deps, 'db' | 'clock'>, regencyCode: string, actorId: string | null): CompiledQuery[] {
  return [
    deps.db
      .insertInto('settings')
      .values({ key: HOME_REGENCY_KEY, value: regencyCode })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: regencyCode }))
      .compile(),
    auditStatement(deps.db, {
      at: deps.clock().toISOString(),
      actorId,
      action: 'settings.home_regency',
      entityType: 'settings',
      entityId: HOME_REGENCY_KEY,
      after: { home_regency_code: regencyCode },
    }),
  ]
}
