import type { Pillar } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { levelOfCode } from './regions.ts'
import { scopeRange } from './scope.ts'

export interface Invitee {
  user_id: string
  region_code: string
  pillar: Pillar
}

/**
 * Who a Rakor invites by default. A regency Rakor: the regency's reviewers and admins and the
 * three pillars of every district, optionally every village's too. A district Rakor: the
 * district's three pillars and those of every village in it.
 */
export async function defaultInvitees(deps: Pick<Deps, 'db'>, scopeCode: string, includeVillages: boolean): Promise<Invitee[]> {
  const range = scopeRange(scopeCode)
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'scope_code', 'pillar', 'role'])
    .where('scope_code', '>=', range.from)
    .where('scope_code', '<', range.to)
    .where('active', '=', 1)
    .orderBy('scope_code')
    .orderBy('pillar')
    .execute()
  const wanted = (user: (typeof users)[number]) => {
    const level = levelOfCode(user.scope_code)
    if (user.scope_code === scopeCode) return user.role !== 'reporter'
    if (levelOfCode(scopeCode) === 'regency') return level === 'district' || (includeVillages && level === 'village')
    return level === 'village'
  }
  return users.filter(wanted).map((user) => ({ user_id: user.id, region_code: user.scope_code, pillar: user.pillar }))
}
