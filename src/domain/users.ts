import type { CompiledQuery } from 'kysely'
import { ConstraintViolation } from '../db/constraint-violation.ts'
import type { Meeting, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement, writeAudited } from './audit.ts'
import { DomainError } from './errors.ts'
import { participantInserts } from './meeting-participants.ts'
import { meetingNotification } from './notification-events.ts'
import { type Actor, assertCan, NOT_FOUND } from './permissions.ts'
import { findRegion, parentOfCode } from './regions.ts'
import { scopeLevelFits, scopeRange } from './scope.ts'
import type { NewUserInput, UserPatch } from './user-input.ts'

type UserDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'passwords'>

/** What the audit log keeps of a user: everything but secrets. */
function auditedFields(user: Omit<User, 'password_hash'> & Partial<Pick<User, 'password_hash'>>) {
  const { password_hash: _secret, ...rest } = user
  return rest
}

// Letters and digits that survive being read aloud or copied from paper (no 0/O, 1/l/I).
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A temporary password of 12 characters in three groups, e.g. `k7mq-2xpa-hr9d` (~59 bits). */
export function temporaryPassword(): string {
  const chars: string[] = []
  while (chars.length < 12) {
    const [byte] = crypto.getRandomValues(new Uint8Array(1))
    // Rejection sampling keeps every character equally likely.
    if (byte! < 256 - (256 % TEMPORARY_ALPHABET.length)) chars.push(TEMPORARY_ALPHABET[byte! % TEMPORARY_ALPHABET.length]!)
  }
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((group) => group.join('')).join('-')
}

export function findUserById(deps: Pick<Deps, 'db'>, id: string): Promise<User | undefined> {
  return deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findUserByUsername(deps: Pick<Deps, 'db'>, username: string): Promise<User | undefined> {
  return deps.db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst()
}

/** Whether any active admin exists (first-run setup is open until one does). */
export async function hasActiveAdmin(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).limit(1).executeTakeFirst()
  return row !== undefined
}

/** The users an admin manages within `scopeCode` (default: its whole scope), by scope then username. */
export function listUsersFor(deps: Pick<Deps, 'db'>, admin: Actor, scopeCode = admin.scope_code): Promise<User[]> {
  assertCan(admin, 'user.manage', scopeCode, () => new DomainError('forbidden', 'outsideScope', 'scope'))
  return usersWithinQuery(deps, scopeCode).execute()
}

/** A user an admin manages, or a 404: outside one's scope a user does not exist. */
export async function managedUser(deps: Pick<Deps, 'db'>, admin: Actor, id: string): Promise<User> {
  const user = await findUserById(deps, id)
  if (!user) throw NOT_FOUND()
  assertCan(admin, 'user.manage', user.scope_code, NOT_FOUND)
  return user
}

/** The query behind `listUsersWithin`, exposed so a test can read its plan. */
export function usersWithinQuery(deps: Pick<Deps, 'db'>, scopeCode: string) {
  const range = scopeRange(scopeCode)
  return deps.db
    .selectFrom('users')
    .selectAll()
    .where('scope_code', '>=', range.from)
    .where('scope_code', '<', range.to)
    .orderBy('scope_code')
    .orderBy('username')
}

async function assertAssignableScope(deps: Pick<Deps, 'db'>, role: User['role'], scopeCode: string) {
  if (!(await findRegion(deps.db, scopeCode))) throw new DomainError('invalid', 'regionUnknown', 'scope_code')
  if (!scopeLevelFits(role, scopeCode)) throw new DomainError('invalid', 'scopeLevel', 'scope_code')
}

export interface CreateUserOptions {
  /** The admin creating the account; null for the CLI and first-run setup. */
  actor: User | null
  password: string
  /** A temporary password must be changed at first login. */
  temporary: boolean
}

/** Creates an account after the scope, level and uniqueness checks, audited in the same unit. */
export async function createUser(deps: UserDeps, input: NewUserInput, options: CreateUserOptions): Promise<User> {
  if (options.actor)
    assertCan(options.actor, 'user.manage', input.scope_code, () => new DomainError('forbidden', 'outsideScope', 'scope_code'))
  await assertAssignableScope(deps, input.role, input.scope_code)
  if (await findUserByUsername(deps, input.username)) throw new DomainError('conflict', 'usernameTaken', 'username')

  const now = deps.clock().toISOString()
  const user: User = {
    id: crypto.randomUUID(),
    ...input,
    position: input.position ?? null,
    password_hash: await deps.passwords.hash(options.password),
    must_change_password: options.temporary ? 1 : 0,
    active: 1,
    last_login_at: null,
    // Until they choose, by switching the app's language.
    language: 'id',
    rank: input.rank ?? null,
    id_number: input.id_number ?? null,
    created_at: now,
    updated_at: now,
  }
  // A new Babinsa is invited to the district's coming Rakor as if there from the start.
  const meetings = await upcomingMeetingsFor(deps, user)
  try {
    await deps.atomic([
      deps.db.insertInto('users').values(user).compile(),
      ...participantInserts(
        deps,
        meetings.map((meeting) => ({ meeting_id: meeting.id, user_id: user.id, region_code: user.scope_code, pillar: user.pillar })),
      ),
      ...(await Promise.all(meetings.map((meeting) => meetingNotification(deps, meeting, { kind: 'meeting.invited' }, [user.id])))).flat(),
      auditStatement(deps.db, {
        at: now,
        actorId: options.actor?.id ?? null,
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { ...auditedFields(user), invited_to: meetings.map((meeting) => meeting.id) },
      }),
    ])
  } catch (error) {
    // Two admins racing for one username: the UNIQUE index decides.
    if (error instanceof ConstraintViolation && error.on('users.username', 'unique'))
      throw new DomainError('conflict', 'usernameTaken', 'username')
    throw error
  }
  return user
}

/** Statements that end every browser session and API token of a user. */
/** What signing out everywhere leaves in place: the session or API token the change was made with. */
export interface KeptCredential {
  sessionHash?: string
  apiTokenId?: string
}

/**
 * Ends every way a user is signed in or reads private data: sessions, API tokens and private
 * calendar links, except the one credential a user's own change was made with. Revoked tokens
 * stay revoked; reactivating an account brings none of them back.
 */
function signOutEverywhere(deps: Pick<Deps, 'db'>, userId: string, now: string, kept: KeptCredential = {}): CompiledQuery[] {
  return [
    deps.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .$if(kept.sessionHash !== undefined, (qb) => qb.where('id_hash', '!=', kept.sessionHash!))
      .compile(),
    deps.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .$if(kept.apiTokenId !== undefined, (qb) => qb.where('id', '!=', kept.apiTokenId!))
      .compile(),
    deps.db.updateTable('calendar_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).compile(),
  ]
}

/**
 * Changes an account. The admin must hold both the user's current and its new scope;
 * deactivating signs the user out everywhere.
 */
export async function updateUser(deps: UserDeps, actor: User, userId: string, patch: UserPatch): Promise<User> {
  const before = await managedUser(deps, actor, userId)
  const after: User = { ...before, ...definedFields(patch), active: patch.active === undefined ? before.active : patch.active ? 1 : 0 }
  if (patch.scope_code !== undefined)
    assertCan(actor, 'user.manage', after.scope_code, () => new DomainError('forbidden', 'outsideScope', 'scope_code'))
  if (patch.scope_code !== undefined || patch.role !== undefined) await assertAssignableScope(deps, after.role, after.scope_code)
  if (actor.id === before.id && (after.active === 0 || after.role !== 'admin'))
    throw new DomainError('forbidden', 'selfDeactivate', patch.active === false ? 'active' : 'role')

  const now = deps.clock().toISOString()
  after.updated_at = now
  await deps.atomic([
    deps.db
      .updateTable('users')
      .set({
        name: after.name,
        role: after.role,
        pillar: after.pillar,
        scope_code: after.scope_code,
        position: after.position,
        rank: after.rank,
        id_number: after.id_number,
        active: after.active,
        updated_at: now,
      })
      .where('id', '=', userId)
      .compile(),
    ...(after.active === 0 && before.active === 1 ? signOutEverywhere(deps, userId, now) : []),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: after.active !== before.active ? (after.active ? 'user.activate' : 'user.deactivate') : 'user.update',
      entityType: 'user',
      entityId: userId,
      before: auditedFields(before),
      after: auditedFields(after),
    }),
  ])
  return after
}

function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && key !== 'active')) as Partial<T>
}

/**
 * Replaces a user's password and signs it out everywhere. Operators and the demo set a final
 * password (`temporary` false); admins issue temporary ones through `resetPassword`.
 */
export async function replacePassword(
  deps: UserDeps,
  actor: Actor | null,
  userId: string,
  password: string,
  temporary: boolean,
): Promise<void> {
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db
      .updateTable('users')
      .set({ password_hash: await deps.passwords.hash(password), must_change_password: temporary ? 1 : 0, updated_at: now })
      .where('id', '=', userId)
      .compile(),
    ...signOutEverywhere(deps, userId, now),
    auditStatement(deps.db, {
      at: now,
      actorId: actor?.id ?? null,
      action: 'user.reset_password',
      entityType: 'user',
      entityId: userId,
      after: { temporary },
    }),
  ])
}

/** Gives an in-scope user a new temporary password, returned once for the admin to hand over. */
export async function resetPassword(deps: UserDeps, actor: User, userId: string): Promise<string> {
  await managedUser(deps, actor, userId)
  const password = temporaryPassword()
  await replacePassword(deps, actor, userId, password, true)
  return password
}

/**
 * Sets a user's own new password after checking the current one. Every other session, API
 * token and private calendar link is ended; `kept` names the one the change was made with.
 */
export async function changeOwnPassword(
  deps: UserDeps,
  user: User,
  currentPassword: string,
  newPassword: string,
  kept: KeptCredential,
): Promise<void> {
  if (!(await deps.passwords.verify(currentPassword, user.password_hash)))
    throw new DomainError('invalid', 'passwordWrong', 'current_password')
  if (currentPassword === newPassword) throw new DomainError('invalid', 'passwordSame', 'new_password')
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db
      .updateTable('users')
      .set({ password_hash: await deps.passwords.hash(newPassword), must_change_password: 0, updated_at: now })
      .where('id', '=', user.id)
      .compile(),
    ...signOutEverywhere(deps, user.id, now, kept),
    auditStatement(deps.db, { at: now, actorId: user.id, action: 'user.change_password', entityType: 'user', entityId: user.id }),
  ])
}

/**
 * The scheduled, coming meetings whose default invitations would have included `user`: its own
 * scope's (reviewers and admins) and its parent region's (a village's district Rakor, a
 * district's regency Rakor), as `defaultInvitees` chooses.
 */
async function upcomingMeetingsFor(deps: Pick<Deps, 'db' | 'clock'>, user: User): Promise<Meeting[]> {
  const scopes = [user.role === 'reporter' ? null : user.scope_code, parentOfCode(user.scope_code)].filter((code) => code !== null)
  if (scopes.length === 0) return []
  return deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('scope_code', 'in', scopes)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', deps.clock().toISOString())
    .execute()
}

/** Remembers the language a user reads the app in, so notifications sent while away speak it. */
export async function setUserLanguage(deps: WriteDeps, user: User, language: User['language']): Promise<void> {
  if (user.language === language) return
  const change = {
    action: 'user.language',
    entityType: 'user',
    entityId: user.id,
    before: { language: user.language },
    after: { language },
  }
  await writeAudited(deps, user, change, (now) =>
    deps.db.updateTable('users').set({ language, updated_at: now }).where('id', '=', user.id).compile(),
  )
}
