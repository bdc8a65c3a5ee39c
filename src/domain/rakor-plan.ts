import { ConstraintViolation } from '../db/constraint-violation.ts'
import type { Meeting } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { DomainError } from './errors.ts'
import { localToUtc, type Quarter } from './local-time.ts'
import { createMeeting } from './meetings.ts'
import { type Actor, assertCan } from './permissions.ts'
import { plannedWords } from './planned-words.ts'
import { holidaysIn, rakorDate, rakorRule } from './rakor-schedule.ts'
import { findRegion, regencyOfCode, timezoneOfCode } from './regions.ts'

/**
 * Plans a year of quarterly Rakor for a regency or district: one per quarter on the regency's
 * rule, moved past weekends and holidays. Planning again creates nothing new and touches
 * nothing that exists (hand edits stay as they are). Returns the year's four meetings.
 */
export async function planYear(deps: WriteDeps, actor: Actor, scopeCode: string, year: number): Promise<Meeting[]> {
  assertCan(actor, 'meeting.organise', scopeCode, () => new DomainError('forbidden', 'outsideScope', 'scope_code'))
  const region = await findRegion(deps.db, scopeCode)
  if (!region) throw new DomainError('invalid', 'regionUnknown', 'scope_code')
  const regency = regencyOfCode(scopeCode)
  const [rule, holidays] = await Promise.all([rakorRule(deps, regency), holidaysIn(deps, regency, year)])
  const holidayDates = new Set(holidays.map((h) => h.date))
  const zone = timezoneOfCode(scopeCode)
  const planned = () =>
    deps.db
      .selectFrom('meetings')
      .selectAll()
      .where('scope_code', '=', scopeCode)
      .where('plan_year', '=', year)
      .orderBy('plan_quarter')
      .execute()

  const existing = new Set((await planned()).map((m) => m.plan_quarter))
  const missing = ([1, 2, 3, 4] as Quarter['quarter'][])
    .filter((quarter) => !existing.has(quarter))
    .map((quarter) => {
      const date = rakorDate({ year, quarter }, rule, holidayDates)
      return { quarter, startsAt: localToUtc(date, rule.start_time, zone), endsAt: localToUtc(date, rule.end_time, zone) }
    })
  // The quarters at once: their reads share the reader threads and their writes one commit. Each
  // agenda's period begins at the quarter before, as if that one had been stored first.
  const created = await Promise.allSettled(
    missing.map(({ quarter, startsAt, endsAt }) =>
      createMeeting(
        deps,
        actor,
        {
          scope_code: scopeCode,
          kind: 'quarterly',
          ...plannedWords(region.name, quarter, year, 'id'),
          starts_at: startsAt,
          ends_at: endsAt,
          venue: region.level === 'regency' ? `Pendopo ${region.name}` : `Kantor Kecamatan ${region.name}`,
          online_url: null,
          visibility: 'public',
          include_villages: false,
        },
        { plan: { year, quarter }, earlierStart: missing.find((earlier) => earlier.quarter === quarter - 1)?.startsAt },
      ),
    ),
  )
  for (const outcome of created) {
    // Two organisers planning at once: the UNIQUE (scope, year, quarter) index keeps one.
    if (outcome.status === 'rejected' && !(outcome.reason instanceof ConstraintViolation && outcome.reason.on('meetings.', 'unique')))
      throw outcome.reason
  }
  return planned()
}
