import { calendarDate, localDayDateTime, regionLabelOf } from '../../templates/format.ts'
import type { AlertLevel, NotificationEvent, ReportStatus } from '../db/schema.ts'
import { type Language, messagesFor } from '../i18n/index.ts'
import { timezoneOfCode } from './regions.ts'

/** A notification as a person reads it: a short title, a line of detail, and where to go. */
export interface NotificationMessage {
  title: string
  body: string
  /** A path on this site; external channels prefix `PUBLIC_URL`. */
  path: string
}

type EventFacts = Pick<NotificationEvent, 'kind' | 'params_json' | 'restricted' | 'region_code'>

// The facts `notification-events.ts` and the scheduler store, read back.
interface Params {
  report_id?: string
  title?: string
  alert_level?: AlertLevel
  village_code?: string
  village_name?: string
  reporter_id?: string
  stage?: number | string
  change?: 'status' | 'comment'
  status?: ReportStatus | null
  note?: string
  actor_office?: string
  meeting_id?: string
  starts_at?: string
  venue?: string
  scope_code?: string
  reason?: string
  description?: string
  due_date?: string
  overdue?: boolean
  region_name?: string
  date?: string
  counts?: { total: number; awas: number; siaga: number; waspada: number; normal: number; overdue: number; silent: number }
  hotspots?: string[]
}

/**
 * The words of a notification in `lang`. `external` messages (push, WhatsApp) leave the server, so
 * a restricted report's are only that something happened and where: its title, description and
 * comments stay inside. `recipientId` lets the reporter read "your report".
 */
export function notificationMessage(
  event: EventFacts,
  lang: Language,
  options: { external: boolean; recipientId?: string },
): NotificationMessage {
  const t = messagesFor(lang)
  const n = t.notify
  const p = JSON.parse(event.params_json) as Params
  const place = p.village_code ? regionLabelOf(t, p.village_code, p.village_name ?? '') : ''
  const level = p.alert_level ? t.alertLevels[p.alert_level] : ''
  const hidden = event.restricted === 1 && options.external
  const reportPath = `/reports/${p.report_id}`
  const meetingPath = `/meetings/${p.meeting_id}`
  const when = () => (p.starts_at ? localDayDateTime(p.starts_at, timezoneOfCode(event.region_code), lang) : '')
  switch (event.kind) {
    case 'report.filed':
      if (hidden) return { title: n.restrictedFiled(place), body: '', path: reportPath }
      return { title: n.filed(level, place), body: p.title ?? '', path: reportPath }
    case 'report.overdue':
      if (hidden) return { title: n.restrictedOverdue(place), body: '', path: reportPath }
      return { title: n.overdue(Number(p.stage), level, place), body: p.title ?? '', path: reportPath }
    case 'report.updated': {
      if (hidden) return { title: n.restrictedUpdated(place), body: '', path: reportPath }
      const own = options.recipientId !== undefined && options.recipientId === p.reporter_id
      const office = p.actor_office ?? ''
      const title =
        p.change === 'comment'
          ? own
            ? n.commentedOwn(office)
            : n.commentedOther(place, office)
          : own
            ? n.updatedOwn(n.statusDone[p.status ?? 'acknowledged'], office)
            : n.updatedOther(place, n.statusDone[p.status ?? 'acknowledged'], office)
      return { title, body: [p.title, p.note].filter(Boolean).join(' — '), path: reportPath }
    }
    case 'meeting.invited':
      return { title: n.invited(p.title ?? ''), body: `${when()}, ${p.venue}`, path: meetingPath }
    case 'meeting.changed':
      return { title: n.changed(p.title ?? ''), body: `${when()}, ${p.venue}`, path: meetingPath }
    case 'meeting.cancelled':
      return { title: n.cancelled(p.title ?? ''), body: `${when()}. ${n.cancelReason(p.reason ?? '')}`, path: meetingPath }
    case 'meeting.reminder': {
      const stage = String(p.stage)
      const title = stage.startsWith('h-')
        ? n.reminderDays(p.title ?? '', Number(stage.slice(2)))
        : n.reminderHours(p.title ?? '', Number.parseInt(stage, 10))
      return { title, body: `${when()}, ${p.venue}`, path: meetingPath }
    }
    case 'action_item.due': {
      const date = calendarDate(p.due_date ?? '', lang)
      return { title: p.overdue ? n.actionOverdue(date) : n.actionDue(date), body: p.description ?? '', path: meetingPath }
    }
    case 'summary.daily': {
      const counts = p.counts ?? { total: 0, awas: 0, siaga: 0, waspada: 0, normal: 0, overdue: 0, silent: 0 }
      const hotspots = p.hotspots?.length ? ` ${n.hotspots(p.hotspots.join(', '))}` : ''
      return {
        title: n.summary(regionLabelOf(t, event.region_code, p.region_name ?? ''), calendarDate(p.date ?? '', lang)),
        body: n.summaryBody(counts) + hotspots,
        path: `/dashboard?region=${event.region_code}`,
      }
    }
  }
}
