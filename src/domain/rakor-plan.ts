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
  for (const quarter of [1, 2, 3, 4] as Quarter['quarter'][]) {
    if (existing.has(quarter)) continue
    const date = rakorDate({ year, quarter }, rule, holidayDates)
    try {
      await createMeeting(
        deps,
        actor,
        {
          scope_code: scopeCode,
          kind: 'quarterly',
          ...plannedWords(region.name, quarter, year, 'id'),
          starts_at: localToUtc(date, rule.start_time, zone),
          ends_at: localToUtc(date, rule.end_time, zone),
          venue: region.level === 'regency' ? `Pendopo ${region.name}` : `Kantor Kecamatan ${region.name}`,
          online_url: null,
          visibility: 'public',
          include_villages: false,
        },
        { plan: { year, quarter } },
      )
    } catch (error) {
      // Two organisers planning at once: the UNIQUE (scope, year, quarter) index keeps one.
      if (!(error instanceof ConstraintViolation && error.on('meetings.', 'unique'))) throw error
    }
  }
  return planned()
}
