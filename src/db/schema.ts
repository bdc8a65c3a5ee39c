import type { Generated, Insertable, Selectable } from 'kysely'

/** Region levels of Indonesia's administrative hierarchy (Kemendagri codes). */
export type RegionLevel = 'province' | 'regency' | 'district' | 'village'
export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura'
export type Role = 'reporter' | 'reviewer' | 'admin'
export type Pillar = 'government' | 'military' | 'police'

export interface RegionTable {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
  timezone: TimeZone
}

export interface UserTable {
  id: string
  username: string
  name: string
  role: Role
  pillar: Pillar
  scope_code: string
  position: string | null
  password_hash: string
  /** 0 | 1: SQLite has no boolean type. */
  must_change_password: number
  active: number
  created_at: string
  updated_at: string
  /** The last successful login, browser or API; null: never. */
  last_login_at: string | null
  /** Rank or grade under a signature (pangkat/golongan), e.g. "Iptu" or "Pembina, IV/a". */
  rank: string | null
  /** NRP (TNI, Polri) or NIP (civil servants), printed under a signature. */
  id_number: string | null
  /** The language the user reads the app in; messages sent while away speak it too. */
  language: Generated<'id' | 'en'>
}

export interface SessionTable {
  id_hash: string
  user_id: string
  created_at: string
  expires_at: string
}

export interface ApiTokenTable {
  id: string
  user_id: string
  token_hash: string
  label: string
  created_at: string
  revoked_at: string | null
}

export interface LoginFailureTable {
  key: string
  failures: number
  window_start_at: string
}

export interface SettingTable {
  key: string
  value: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  before_json: string | null
  after_json: string | null
}

/** Segments of archived audit entries (migration 0015): every entry with an id in first_id..last_id. */
export interface AuditArchiveTable {
  id: Generated<number>
  first_id: number
  last_id: number
  first_at: string
  last_at: string
  entries: number
  /** gzip of JSON lines, one AuditLog row each, in id order. */
  body: Uint8Array
  archived_at: string
}

export type AlertLevel = 'normal' | 'waspada' | 'siaga' | 'awas'
export type ReportStatus = 'new' | 'acknowledged' | 'in_progress' | 'resolved'

export interface ReportCategoryTable {
  regency_code: string
  code: string
  label_id: string | null
  label_en: string | null
  created_at: string
  retired_at: string | null
}

export interface RegencySettingTable {
  regency_code: string
  awas_ack_hours: number
  siaga_ack_hours: number
  updated_at: string
  /** The office named on the minutes' letterhead, e.g. "BADAN KESATUAN BANGSA DAN POLITIK". */
  letterhead_office: Generated<string>
  letterhead_address: Generated<string>
  /** The logo's bytes in base64, and its type (`image/png`, `image/jpeg`); empty: no logo. */
  letterhead_logo: Generated<string>
  letterhead_logo_type: Generated<string>
  /** Hours before a Rakor starts for the last reminder (0: none). */
  reminder_hours: Generated<number>
  /** 0 | 1: a siaga filing reaches the regency's overseers at once too. */
  siaga_to_regency: Generated<number>
  /** 0 | 1: a waspada filing reaches the district's overseers at once. */
  waspada_to_district: Generated<number>
}

export interface ReportTable {
  id: string
  client_id: string | null
  reporter_id: string
  village_code: string
  district_code: string
  regency_code: string
  category: string
  alert_level: AlertLevel
  alert_rank: number
  title: string
  description: string
  occurred_at: string
  latitude: number | null
  longitude: number | null
  restricted: number
  status: ReportStatus
  version: number
  ack_due_at: string | null
  acknowledged_at: string | null
  last_event_id: string | null
  created_at: string
  updated_at: string
  /** Filing order, set by the insert trigger: the report's row in `report_search`. */
  seq: Generated<number>
}

/**
 * The FTS5 index of reports' words (contentless: no columns to read back). A query names the
 * table itself: `report_search MATCH ?`, and joins on `rowid` = `reports.seq`.
 */
export interface ReportSearchTable {
  rowid: number
  report_search: string
}

export interface ReportEventTable {
  seq: Generated<number>
  id: string
  report_id: string
  type: 'comment' | 'status'
  status: ReportStatus | null
  note: string
  author_id: string
  created_at: string
}

/**
 * Old timelines moved out of `report_events` by migrations 0017 to 0018, one row per report and
 * archiving: every event of the report with a seq up to `last_seq`, in seq order. Read, no longer written.
 */
export interface ReportEventArchiveTable {
  report_id: string
  last_seq: number
  events: number
  /** deflate-raw of a JSON array of [seq, id, type, status, note, author_id, created_at] arrays. */
  body: Uint8Array
  archived_at: string
}

/**
 * Old timelines moved out of `report_events` since migration 0019, a hundred reports to a row: what
 * `report_event_segment_reports` says a segment holds, by report seq.
 */
export interface ReportEventSegmentTable {
  id: Generated<number>
  reports: number
  events: number
  /** deflate-raw of a JSON array of [report seq, events] pairs, each event as report_event_archive's body holds it. */
  body: Uint8Array
  archived_at: string
}

/** Which segments hold a report's archived events: all of them with a seq up to `last_seq`. */
export interface ReportEventSegmentReportTable {
  report_seq: number
  segment_id: number
  last_seq: number
}

/** A photo on a report: attached at filing (`event_id` null) or to a comment. */
export interface ReportPhotoTable {
  id: string
  report_id: string
  event_id: string | null
  uploader_id: string
  position: number
  width: number
  height: number
  bytes: number
  thumbnail_bytes: number
  upload_sha256: string
  created_at: string
}

/**
 * Reports per region (a report counts in its village, district and regency), local month of
 * occurrence (`2026-11`), level and category: what dashboards count.
 */
export interface ReportCountTable {
  region_code: string
  month: string
  alert_level: AlertLevel
  category: string
  n: number
}

/** Reports per region (village, district, regency) and current status. */
export interface ReportStatusCountTable {
  region_code: string
  status: ReportStatus
  n: number
}

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled'
export type Attendance = 'unmarked' | 'present' | 'absent' | 'represented'

export interface RakorRuleTable {
  regency_code: string
  week: number
  weekday: number
  start_time: string
  end_time: string
  updated_at: string
}

export interface HolidayTable {
  regency_code: string
  date: string
  name: string
}

export interface MeetingTable {
  id: string
  scope_code: string
  kind: 'quarterly' | 'extraordinary'
  title: string
  starts_at: string
  ends_at: string
  venue: string
  online_url: string | null
  description: string
  visibility: 'public' | 'internal'
  status: MeetingStatus
  sequence: number
  cancel_reason: string | null
  plan_year: number | null
  plan_quarter: number | null
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface MeetingParticipantTable {
  meeting_id: string
  user_id: string
  region_code: string
  pillar: Pillar
  attendance: Attendance
  representative: string | null
}

export interface AgendaItemTable {
  id: string
  meeting_id: string
  position: number
  title: string
  notes: string
  report_id: string | null
  action_item_id: string | null
  hotspot_code: string | null
  /** What a drafted item was drawn from (`AgendaDraft` as JSON); null for the organisers' own. */
  draft_json: string | null
}

export interface MinutesTable {
  meeting_id: string
  summary: string
  decisions: string
  text: string
  updated_by: string
  updated_at: string
  /** The number the office gives the document ("005/123/429.104/2026"); empty until given. */
  document_number: Generated<string>
  chair_id: string | null
  minute_taker_id: string | null
}

export interface ActionItemTable {
  id: string
  meeting_id: string
  scope_code: string
  description: string
  responsible_pillar: Pillar
  responsible_user_id: string | null
  due_date: string
  status: 'open' | 'done'
  report_id: string | null
  created_at: string
  updated_at: string
}

export interface ReadinessProbeTable {
  id: number
  checked_at: string
}

export interface CalendarTokenTable {
  id: string
  user_id: string
  token_hash: string
  created_at: string
  revoked_at: string | null
}

/** What notifications are about; preferences, webhooks and the inbox use these names. */
export type NotificationKind =
  | 'report.filed'
  | 'report.overdue'
  | 'report.updated'
  | 'meeting.invited'
  | 'meeting.changed'
  | 'meeting.cancelled'
  | 'meeting.reminder'
  | 'action_item.due'
  | 'summary.daily'
export type ExternalChannel = 'push' | 'whatsapp'
export type DeliveryChannel = ExternalChannel | 'webhook'

export interface NotificationEventTable {
  id: string
  kind: NotificationKind
  region_code: string
  subject_id: string | null
  mandatory: number
  restricted: number
  params_json: string
  created_at: string
}

export interface NotificationTable {
  id: string
  event_id: string
  user_id: string
  created_at: string
  read_at: string | null
}

export interface NotificationDeliveryTable {
  id: string
  event_id: string
  channel: DeliveryChannel
  user_id: string | null
  target: string
  region_code: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  next_attempt_at: string
  claim: string | null
  claimed_until: string | null
  last_error: string | null
  created_at: string
  updated_at: string
}

export interface NotificationSettingTable {
  user_id: string
  preferences_json: string
  quiet_start: string
  quiet_end: string
  whatsapp_number: string | null
  whatsapp_verified: number
  whatsapp_code_hash: string | null
  whatsapp_code_expires_at: string | null
  whatsapp_code_attempts: number
  updated_at: string
}

export interface PushSubscriptionTable {
  id: string
  user_id: string
  endpoint: string
  p256dh: string
  auth: string
  created_at: string
}

export interface WebhookTable {
  id: string
  regency_code: string
  url: string
  events: string
  generation: number
  previous_until: string | null
  created_by: string | null
  created_at: string
  removed_at: string | null
}

/** The whole database, as Kysely sees it. Migrations in db/migrations/ are the source of truth. */
export interface Database {
  regions: RegionTable
  users: UserTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  login_failures: LoginFailureTable
  settings: SettingTable
  audit_log: AuditLogTable
  audit_archive: AuditArchiveTable
  report_categories: ReportCategoryTable
  regency_settings: RegencySettingTable
  reports: ReportTable
  report_search: ReportSearchTable
  report_events: ReportEventTable
  report_event_archive: ReportEventArchiveTable
  report_event_segments: ReportEventSegmentTable
  report_event_segment_reports: ReportEventSegmentReportTable
  report_photos: ReportPhotoTable
  report_counts: ReportCountTable
  report_status_counts: ReportStatusCountTable
  rakor_rules: RakorRuleTable
  holidays: HolidayTable
  meetings: MeetingTable
  meeting_participants: MeetingParticipantTable
  agenda_items: AgendaItemTable
  minutes: MinutesTable
  action_items: ActionItemTable
  calendar_tokens: CalendarTokenTable
  readiness_probe: ReadinessProbeTable
  notification_events: NotificationEventTable
  notifications: NotificationTable
  notification_deliveries: NotificationDeliveryTable
  notification_settings: NotificationSettingTable
  push_subscriptions: PushSubscriptionTable
  webhooks: WebhookTable
}

export type Region = Selectable<RegionTable>
export type NewRegion = Insertable<RegionTable>
export type User = Selectable<UserTable>
export type AuditLog = Selectable<AuditLogTable>
export type Report = Selectable<ReportTable>
export type ReportCategory = Selectable<ReportCategoryTable>
export type RegencySetting = Selectable<RegencySettingTable>
export type ReportEvent = Selectable<ReportEventTable>
export type ReportPhoto = Selectable<ReportPhotoTable>
export type Meeting = Selectable<MeetingTable>
export type AgendaItem = Selectable<AgendaItemTable>
export type ActionItem = Selectable<ActionItemTable>
export type NotificationEvent = Selectable<NotificationEventTable>
export type NotificationDelivery = Selectable<NotificationDeliveryTable>
export type PushSubscription = Selectable<PushSubscriptionTable>
export type Webhook = Selectable<WebhookTable>
