import type { Pillar } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { DomainError } from './errors.ts'
import { localDate, type Quarter, quarterStart, shiftQuarter } from './local-time.ts'
import { attended, pillarCoverage } from './meeting-attendance.ts'
import { participantsOf } from './meeting-participants.ts'
import { type Actor, assertCan } from './permissions.ts'
import { childRegions, findRegion, timezoneOfCode } from './regions.ts'
import { PILLARS } from './roles.ts'

export interface ComplianceItem {
  region_code: string
  region_name: string
  /** Whether a Rakor of this unit was held in the period (every quarter of it, for a year). */
  held: boolean
  quarters_held: number
  meeting_id: string | null
  /** Share of invited participants present or represented, per pillar (null: none invited). */
  attendance_by_pillar: Record<Pillar, number | null>
  pillar_gaps: { region_code: string; missing: Pillar[] }[]
  overdue_action_items: number
}

/**
 * Whether the three-pillar rhythm holds: for a regency and a quarter (or a whole year), the
 * regency itself and each of its districts, with attendance per pillar, pillar gaps and
 * overdue action items. Organisers of the regency (reviewers, admins) see it.
 */
export async function compliance(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: Actor,
  regencyCode: string,
  year: number,
  quarter?: Quarter['quarter'],
): Promise<ComplianceItem[]> {
  assertCan(viewer, 'compliance.view', regencyCode, () => new DomainError('forbidden', 'outsideScope', 'region'))
  const regency = await findRegion(deps.db, regencyCode)
  if (regency?.level !== 'regency') throw new DomainError('invalid', 'notRegency', 'region')
  const zone = timezoneOfCode(regencyCode)
  const quarters: Quarter[] = quarter ? [{ year, quarter }] : [1, 2, 3, 4].map((q) => ({ year, quarter: q as Quarter['quarter'] }))
  const from = quarterStart(quarters[0]!, zone).toISOString()
  const to = quarterStart(shiftQuarter(quarters[quarters.length - 1]!, 1), zone).toISOString()
  const today = localDate(deps.clock(), zone)
  const units = [regency, ...(await childRegions(deps.db, regencyCode))]

  return Promise.all(
    units.map(async (unit) => {
      const held = await deps.db
        .selectFrom('meetings')
        .select(['id', 'starts_at'])
        .where('scope_code', '=', unit.code)
        .where('status', '=', 'held')
        .where('starts_at', '>=', from)
        .where('starts_at', '<', to)
        .orderBy('starts_at')
        .execute()
      const heldQuarters = new Set(
        held.map((m) =>
          quarters.findIndex(
            (q, i) =>
              m.starts_at >= quarterStart(q, zone).toISOString() &&
              m.starts_at < quarterStart(shiftQuarter(quarters[i]!, 1), zone).toISOString(),
          ),
        ),
      )
      const participants = (await Promise.all(held.map((m) => participantsOf(deps, m.id)))).flat()
      const overdue = await deps.db
        .selectFrom('action_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('scope_code', '=', unit.code)
        .where('status', '=', 'open')
        .where('due_date', '<', today)
        .executeTakeFirstOrThrow()
      const rate = (pillar: Pillar) => {
        const invited = participants.filter((p) => p.pillar === pillar)
        if (invited.length === 0) return null
        const came = invited.filter((p) => attended(p.attendance)).length
        return Math.round((came / invited.length) * 1000) / 1000
      }
      return {
        region_code: unit.code,
        region_name: unit.name,
        held: heldQuarters.size === quarters.length,
        quarters_held: heldQuarters.size,
        meeting_id: held[held.length - 1]?.id ?? null,
        attendance_by_pillar: Object.fromEntries(PILLARS.map((p) => [p, rate(p)])) as Record<Pillar, number | null>,
        pillar_gaps: held.length
          ? pillarCoverage(participants)
              .filter((u) => u.missing.length > 0)
              .map((u) => ({ region_code: u.region_code, missing: u.missing }))
          : [],
        overdue_action_items: Number(overdue.n),
      }
    }),
  )
}
