import type { ActionItem, Meeting, Region, User } from '../db/schema.ts'
import { localDate, toLocalIso } from './local-time.ts'
import { levelOfCode, timezoneOfCode } from './regions.ts'
import type { PhotoView } from './report-photos.ts'
import type { ReportRow } from './reports.ts'
import { displayTitle } from './titles.ts'

// The output shapes of the API contract, one function per resource, all here. Times are ISO
// 8601 in the region's own offset (WIB/WITA/WIT); secrets never leave.

/** The public face of an account: never the password hash. Templates show it too. */
export interface UserJson {
  id: string
  username: string
  name: string
  role: User['role']
  pillar: User['pillar']
  scope_code: string
  position: string | null
  rank: string | null
  id_number: string | null
  title: string
  active: boolean
  must_change_password: boolean
}

export function userJson(user: User): UserJson {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    pillar: user.pillar,
    scope_code: user.scope_code,
    position: user.position,
    rank: user.rank,
    id_number: user.id_number,
    title: displayTitle(user.pillar, levelOfCode(user.scope_code), user.position, user.role),
    active: user.active === 1,
    must_change_password: user.must_change_password === 1,
  }
}

export function regionJson({ code, name, level, parent_code, timezone }: Region) {
  return { code, name, level, parent_code, timezone }
}

/** A photo's JSON: absolute links (from `PUBLIC_URL`) to its display size and thumbnail. */
export function photoJson(publicUrl: string, photo: PhotoView) {
  const url = `${publicUrl}/api/v1/reports/${photo.report_id}/photos/${photo.id}`
  return { id: photo.id, url, thumbnail_url: `${url}/thumbnail`, width: photo.width, height: photo.height }
}

/** A report's JSON with the photos filed with it (`photos`, those of its comments are in the timeline). */
export function reportJson(row: ReportRow, photos: PhotoView[], publicUrl: string) {
  return {
    id: row.id,
    client_id: row.client_id,
    village_code: row.village_code,
    category: row.category,
    alert_level: row.alert_level,
    title: row.title,
    description: row.description,
    occurred_at: toLocalIso(row.occurred_at, row.timezone),
    latitude: row.latitude,
    longitude: row.longitude,
    restricted: row.restricted === 1,
    status: row.status,
    version: row.version,
    reporter: { id: row.reporter_id, name: row.reporter_name, pillar: row.reporter_pillar },
    created_at: toLocalIso(row.created_at, row.timezone),
    updated_at: toLocalIso(row.updated_at, row.timezone),
    photos: photos.filter((photo) => photo.report_id === row.id && photo.event_id === null).map((photo) => photoJson(publicUrl, photo)),
  }
}

export function meetingJson(meeting: Meeting) {
  const timezone = timezoneOfCode(meeting.scope_code)
  return {
    id: meeting.id,
    scope_code: meeting.scope_code,
    kind: meeting.kind,
    title: meeting.title,
    starts_at: toLocalIso(meeting.starts_at, timezone),
    ends_at: toLocalIso(meeting.ends_at, timezone),
    timezone,
    venue: meeting.venue,
    online_url: meeting.online_url,
    description: meeting.description,
    visibility: meeting.visibility,
    status: meeting.status,
    sequence: meeting.sequence,
    cancel_reason: meeting.cancel_reason,
    created_at: toLocalIso(meeting.created_at, timezone),
    updated_at: toLocalIso(meeting.updated_at, timezone),
  }
}

/** An action item with its overdue flag (open and past its due date, local time). */
export function actionItemJson(item: ActionItem, now: Date) {
  const { scope_code, ...rest } = item
  return { ...rest, overdue: item.status === 'open' && item.due_date < localDate(now, timezoneOfCode(scope_code)) }
}
