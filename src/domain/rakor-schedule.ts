import type { Deps, WriteDeps } from '../deps.ts'
import { writeAudited } from './audit.ts'
import type { Quarter } from './local-time.ts'
import type { Actor } from './permissions.ts'
import { regencyFor } from './regency-settings.ts'

/** When a regency holds its quarterly Rakor. */
export interface RakorRule {
  /** Which occurrence of the weekday in the quarter's first month (1–4). */
  week: number
  /** 1 Monday … 5 Friday. */
  weekday: number
  /** Local `HH:MM`. */
  start_time: string
  end_time: string
}

// Banyuwangi's rhythm: the second Tuesday of January, April, July and October, 09:00–12:00.
export const DEFAULT_RULE: RakorRule = { week: 2, weekday: 2, start_time: '09:00', end_time: '12:00' }

/** The regency's rule, or the default. */
export async function rakorRule(deps: Pick<Deps, 'db'>, regencyCode: string): Promise<RakorRule> {
  const row = await deps.db
    .selectFrom('rakor_rules')
    .select(['week', 'weekday', 'start_time', 'end_time'])
    .where('regency_code', '=', regencyCode)
    .executeTakeFirst()
  return row ?? DEFAULT_RULE
}

/** The regency's public holidays (`YYYY-MM-DD` local dates) in a year. */
export async function holidaysIn(deps: Pick<Deps, 'db'>, regencyCode: string, year: number): Promise<{ date: string; name: string }[]> {
  return deps.db
    .selectFrom('holidays')
    .select(['date', 'name'])
    .where('regency_code', '=', regencyCode)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year + 1}-01-31`)
    .orderBy('date')
    .execute()
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

/**
 * The local date of a quarter's Rakor under a rule: the n-th weekday of the quarter's first
 * month; a weekend or holiday moves it to the next working day. Pure calendar arithmetic on
 * UTC dates, so the host's time zone never matters.
 */
export function rakorDate({ year, quarter }: Quarter, rule: RakorRule, holidays: ReadonlySet<string>): string {
  const first = new Date(Date.UTC(year, (quarter - 1) * 3, 1))
  const firstWeekday = first.getUTCDay() === 0 ? 7 : first.getUTCDay()
  const day = new Date(first.getTime() + (((rule.weekday - firstWeekday + 7) % 7) + (rule.week - 1) * 7) * 86_400_000)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || holidays.has(isoDate(day))) day.setUTCDate(day.getUTCDate() + 1)
  return isoDate(day)
}

/** Sets a regency's Rakor rule. */
export async function setRakorRule(deps: WriteDeps, actor: Actor, regencyCode: string, rule: RakorRule): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  await writeAudited(deps, actor, { action: 'rakor_rule.set', entityType: 'regency', entityId: regencyCode, after: rule }, (now) =>
    deps.db
      .insertInto('rakor_rules')
      .values({ regency_code: regencyCode, ...rule, updated_at: now })
      .onConflict((oc) => oc.column('regency_code').doUpdateSet({ ...rule, updated_at: now }))
      .compile(),
  )
}

/** Adds (or renames) a public holiday of a regency. */
export async function setHoliday(
  deps: WriteDeps,
  actor: Actor,
  regencyCode: string,
  holiday: { date: string; name: string },
): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  await writeAudited(deps, actor, { action: 'holiday.set', entityType: 'regency', entityId: regencyCode, after: holiday }, () =>
    deps.db
      .insertInto('holidays')
      .values({ regency_code: regencyCode, ...holiday })
      .onConflict((oc) => oc.columns(['regency_code', 'date']).doUpdateSet({ name: holiday.name }))
      .compile(),
  )
}

/** Removes a public holiday of a regency. */
export async function removeHoliday(deps: WriteDeps, actor: Actor, regencyCode: string, date: string): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  await writeAudited(deps, actor, { action: 'holiday.remove', entityType: 'regency', entityId: regencyCode, before: { date } }, () =>
    deps.db.deleteFrom('holidays').where('regency_code', '=', regencyCode).where('date', '=', date).compile(),
  )
}
