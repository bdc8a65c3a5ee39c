import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'
import {
  actionItemPatchSchema,
  agendaSchema,
  attendanceSchema,
  bulkAttendanceSchema,
  complianceQuerySchema,
  meetingListSchema,
  meetingPatchSchema,
  minutesSchema,
  newActionItemSchema,
  newMeetingSchema,
  participantSchema,
  planSchema,
  reasonSchema,
} from '../../domain/meeting-input.ts'
import {
  deliveryQuerySchema,
  inboxQuerySchema,
  markReadSchema,
  newWebhookSchema,
  notificationSettingsSchema,
  pushSubscriptionSchema,
  whatsAppCodeSchema,
} from '../../domain/notification-input.ts'
import {
  deadlinesSchema,
  holidaySchema,
  letterheadSchema,
  newCategorySchema,
  notificationRulesSchema,
  rakorRuleSchema,
} from '../../domain/regency-admin-input.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../../domain/report-input.ts'
import { loginSchema, newUserSchema, passwordChangeSchema, userPatchSchema } from '../../domain/user-input.ts'

/** One API operation: its words, and the very schemas its route validates with. */
export interface Operation {
  tag: 'API' | 'Auth' | 'Regions' | 'Users' | 'Reports' | 'Regency settings' | 'Meetings' | 'Calendar' | 'Notifications'
  summary: string
  /** The JSON body's schema and an example request body that passes it. */
  body?: { schema: v.GenericSchema; example: unknown }
  /**
   * Also taken as multipart/form-data: the body's fields as form fields, and photos (JPEG, PNG or
   * WebP, at most 4 and 10 MB together) as repeated `photos` parts.
   */
  photos?: true
  /** The query string's schema (an object of strings). */
  query?: v.ObjectSchema<v.ObjectEntries, undefined>
  /** Query parameters read without a schema. */
  queryNames?: string[]
  /** Answered without a bearer token. */
  public?: true
  /** Success status and what it carries. */
  ok: [status: number, description: string]
}

const VILLAGE = '35.10.01.2001'
const A_USER = '0190f3c8-7e55-7a4b-9a38-5e7b1f1e2a10'

/** Every `/api/v1` route, keyed `METHOD /path` as Hono mounts it. A test keeps this in step with the routes. */
export const operations: Record<string, Operation> = {
  'GET /openapi.json': { tag: 'API', summary: 'This description (OpenAPI 3.1)', public: true, ok: [200, 'The description'] },
  'POST /auth/login': {
    tag: 'Auth',
    summary: 'Log in with username and password; returns a bearer token and the user',
    body: { schema: loginSchema, example: { username: 'babinsa.sarongan', password: 'kata-sandi-rahasia' } },
    public: true,
    ok: [200, '`{token, user}`'],
  },
  'POST /auth/logout': { tag: 'Auth', summary: 'Revoke the bearer token used for this request', ok: [204, 'Revoked'] },
  'GET /me': { tag: 'Auth', summary: 'The signed-in user', ok: [200, 'The user'] },
  'POST /me/password': {
    tag: 'Auth',
    summary: 'Change one’s own password (other sessions and tokens are revoked)',
    body: { schema: passwordChangeSchema, example: { current_password: 'kata-sandi-lama', new_password: 'kata-sandi-baru-123' } },
    ok: [204, 'Changed'],
  },
  'GET /regions/:code': { tag: 'Regions', summary: 'One region by its Kemendagri code', public: true, ok: [200, 'The region'] },
  'GET /regions/:code/children': {
    tag: 'Regions',
    summary: 'The regions directly below one (districts of a regency, villages of a district)',
    public: true,
    ok: [200, '`{items}`'],
  },
  'GET /users': { tag: 'Users', summary: 'Users within a scope the admin manages', queryNames: ['scope'], ok: [200, '`{items}`'] },
  'POST /users': {
    tag: 'Users',
    summary: 'Create a user with a temporary password',
    body: {
      schema: newUserSchema,
      example: { username: 'babinsa.sarongan', name: 'Serda Agus Riyadi', role: 'reporter', pillar: 'military', scope_code: VILLAGE },
    },
    ok: [201, '`{user, temporary_password}`'],
  },
  'GET /users/:id': { tag: 'Users', summary: 'One user the admin manages', ok: [200, 'The user'] },
  'PATCH /users/:id': {
    tag: 'Users',
    summary: 'Change a user’s name, role, pillar, scope, position or active state',
    body: { schema: userPatchSchema, example: { position: 'Babinsa Desa Sarongan', active: true } },
    ok: [200, 'The user'],
  },
  'POST /users/:id/password': {
    tag: 'Users',
    summary: 'Reset a user’s password to a new temporary one',
    ok: [200, '`{temporary_password}`'],
  },
  'POST /reports': {
    tag: 'Reports',
    summary: 'File an early-warning report; a repeated `client_id` with the same content returns the stored report',
    body: {
      schema: newReportSchema,
      example: {
        village_code: VILLAGE,
        category: 'social_conflict',
        alert_level: 'waspada',
        title: 'Ketegangan antarwarga',
        description: 'Dua kelompok pemuda bersitegang setelah pertandingan bola.',
        occurred_at: '2026-11-21T19:30:00+07:00',
        client_id: '3f0c8f5e-5b7a-4d0e-9c61-2f6f1d1b7a11',
      },
    },
    photos: true,
    ok: [
      201,
      'The report with its `photos` (200 when the same `client_id`, content and photos were filed before; 409 when other content was)',
    ],
  },
  'GET /reports': {
    tag: 'Reports',
    summary: 'Reports the user may see, newest first',
    query: reportFilterSchema,
    ok: [200, '`{items, next_cursor}`'],
  },
  'GET /reports/:id': {
    tag: 'Reports',
    summary: 'One report with its photos and timeline',
    ok: [200, 'The report, `photos` and `timeline`'],
  },
  'GET /reports/:id/photos/:photoId': {
    tag: 'Reports',
    summary: 'A photo of a report (JPEG, at most 1600 px, no metadata), to whoever may see the report',
    ok: [200, 'image/jpeg'],
  },
  'GET /reports/:id/photos/:photoId/thumbnail': {
    tag: 'Reports',
    summary: 'A photo’s thumbnail (JPEG, at most 320 px)',
    ok: [200, 'image/jpeg'],
  },
  'POST /reports/:id/events': {
    tag: 'Reports',
    summary: 'Comment on a report (with photos, or photos alone), or change its status (with the version last read)',
    body: {
      schema: reportEventSchema,
      example: { type: 'status', status: 'acknowledged', note: 'Diterima, Babinsa menuju lokasi.', version: 1 },
    },
    photos: true,
    ok: [201, 'The report and `timeline`'],
  },
  'GET /reports.csv': { tag: 'Reports', summary: 'The reports of a filter as CSV', query: reportFilterSchema, ok: [200, 'text/csv'] },
  'GET /reports.xlsx': {
    tag: 'Reports',
    summary: 'The reports of a filter as an Excel workbook (real dates, district and village names)',
    query: reportFilterSchema,
    ok: [200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  'GET /dashboard': {
    tag: 'Reports',
    summary: 'This quarter’s counts (`period`), reports by current status, hotspots and reports needing attention in a region',
    queryNames: ['region'],
    ok: [200, 'The summary'],
  },
  'GET /regencies/:code/categories': { tag: 'Regency settings', summary: 'The regency’s report categories', ok: [200, '`{items}`'] },
  'POST /regencies/:code/categories': {
    tag: 'Regency settings',
    summary: 'Add a report category',
    body: { schema: newCategorySchema, example: { code: 'illegal_logging', label_id: 'Pembalakan liar', label_en: 'Illegal logging' } },
    ok: [201, '`{items}`: the categories'],
  },
  'POST /regencies/:code/categories/:category/retire': {
    tag: 'Regency settings',
    summary: 'Stop offering a category for new reports (old reports keep it)',
    ok: [200, '`{items}`: the categories'],
  },
  'GET /regencies/:code/deadlines': {
    tag: 'Regency settings',
    summary: 'Hours allowed to acknowledge awas and siaga reports',
    ok: [200, '`{awas, siaga}`'],
  },
  'PUT /regencies/:code/deadlines': {
    tag: 'Regency settings',
    summary: 'Set the acknowledgement deadlines',
    body: { schema: deadlinesSchema, example: { awas: 2, siaga: 24 } },
    ok: [200, '`{awas, siaga}`'],
  },
  'GET /regencies/:code/notification-rules': {
    tag: 'Regency settings',
    summary: 'The last Rakor reminder (hours before the start) and who hears siaga and waspada filings at once',
    ok: [200, '`{reminder_hours, siaga_to_regency, waspada_to_district}`'],
  },
  'PUT /regencies/:code/notification-rules': {
    tag: 'Regency settings',
    summary: 'Tune notifications above the defaults (awas always reaches everyone at once)',
    body: { schema: notificationRulesSchema, example: { reminder_hours: 2, siaga_to_regency: true, waspada_to_district: false } },
    ok: [200, 'The rules'],
  },
  'GET /regencies/:code/letterhead': {
    tag: 'Regency settings',
    summary: 'The office and address on the minutes’ letterhead',
    ok: [200, '`{office, address}`'],
  },
  'PUT /regencies/:code/letterhead': {
    tag: 'Regency settings',
    summary: 'Set the letterhead the printed minutes carry under “PEMERINTAH KABUPATEN …”',
    body: {
      schema: letterheadSchema,
      example: { office: 'Badan Kesatuan Bangsa dan Politik', address: 'Jl. Dr. Sutomo No. 1, Banyuwangi' },
    },
    ok: [200, '`{office, address}`'],
  },
  'GET /regencies/:code/rakor-rule': { tag: 'Regency settings', summary: 'When quarterly Rakor are planned', ok: [200, 'The rule'] },
  'PUT /regencies/:code/rakor-rule': {
    tag: 'Regency settings',
    summary: 'Set when quarterly Rakor are planned (week of the quarter’s first month, weekday, times)',
    body: { schema: rakorRuleSchema, example: { week: 2, weekday: 2, start_time: '09:00', end_time: '12:00' } },
    ok: [200, 'The rule'],
  },
  'GET /regencies/:code/holidays': {
    tag: 'Regency settings',
    summary: 'Holidays the planner avoids',
    queryNames: ['year'],
    ok: [200, '`{items}`'],
  },
  'PUT /regencies/:code/holidays/:date': {
    tag: 'Regency settings',
    summary: 'Add or rename a holiday on a date (YYYY-MM-DD)',
    body: { schema: v.pick(holidaySchema, ['name']), example: { name: 'Hari Raya Idul Fitri' } },
    ok: [200, 'The holiday'],
  },
  'DELETE /regencies/:code/holidays/:date': { tag: 'Regency settings', summary: 'Remove a holiday', ok: [204, 'Removed'] },
  'POST /meetings': {
    tag: 'Meetings',
    summary: 'Schedule a Rakor; the scope’s three pillars are invited',
    body: {
      schema: newMeetingSchema,
      example: {
        scope_code: '35.10.01',
        kind: 'extraordinary',
        title: 'Rakor Sinergitas Tiga Pilar Kecamatan Pesanggaran',
        starts_at: '2026-12-08T09:00',
        ends_at: '2026-12-08T12:00',
        venue: 'Pendopo Kecamatan Pesanggaran',
      },
    },
    ok: [201, 'The meeting'],
  },
  'POST /meetings/plan': {
    tag: 'Meetings',
    summary: 'Plan a year’s quarterly Rakor by the regency’s rule',
    body: { schema: planSchema, example: { scope_code: '35.10', year: 2027 } },
    ok: [200, '`{items}`: the meetings planned'],
  },
  'GET /meetings': { tag: 'Meetings', summary: 'Meetings the user may see', query: meetingListSchema, ok: [200, '`{items}`'] },
  'GET /meetings/:id': {
    tag: 'Meetings',
    summary: 'One meeting with participants, agenda, minutes and action items',
    ok: [200, 'The meeting'],
  },
  'PATCH /meetings/:id': {
    tag: 'Meetings',
    summary: 'Change a meeting’s title, time, venue or visibility',
    body: { schema: meetingPatchSchema, example: { venue: 'Aula Polsek Pesanggaran' } },
    ok: [200, 'The meeting'],
  },
  'POST /meetings/:id/cancel': {
    tag: 'Meetings',
    summary: 'Cancel a meeting, with the reason',
    body: { schema: reasonSchema, example: { reason: 'Bertepatan dengan kunjungan kerja Bupati.' } },
    ok: [200, 'The meeting'],
  },
  'POST /meetings/:id/reopen': {
    tag: 'Meetings',
    summary: 'Reopen a held meeting’s records for correction (admins; the reason is audited)',
    body: { schema: reasonSchema, example: { reason: 'Daftar hadir Desa Sarongan tertukar; diperbaiki sesuai absensi kertas.' } },
    ok: [200, 'The meeting, scheduled again'],
  },
  'PUT /meetings/:id/attendance': {
    tag: 'Meetings',
    summary: 'Record attendance per participant',
    body: { schema: attendanceSchema, example: { items: [{ user_id: A_USER, attendance: 'represented', representative: 'Wakapolsek' }] } },
    ok: [200, 'The meeting with participants, agenda, minutes and action items'],
  },
  'POST /meetings/:id/attendance/bulk': {
    tag: 'Meetings',
    summary: 'Mark every participant of one unit at once',
    body: { schema: bulkAttendanceSchema, example: { region_code: '35.10.01', attendance: 'present' } },
    ok: [200, '`{changed}`: how many participants were marked'],
  },
  'PUT /meetings/:id/minutes': {
    tag: 'Meetings',
    summary: 'Write the minutes',
    body: { schema: minutesSchema, example: { summary: 'Situasi kamtibmas kondusif.', decisions: 'Patroli gabungan tiap malam Minggu.' } },
    ok: [200, 'The meeting with its minutes'],
  },
  'POST /meetings/:id/held': { tag: 'Meetings', summary: 'Mark the meeting held', ok: [200, 'The meeting'] },
  'POST /meetings/:id/action-items': {
    tag: 'Meetings',
    summary: 'Add an action item',
    body: {
      schema: newActionItemSchema,
      example: { description: 'Patroli gabungan di perbatasan desa', responsible_pillar: 'police', due_date: '2026-12-31' },
    },
    ok: [201, 'The action item'],
  },
  'PUT /meetings/:id/agenda': {
    tag: 'Meetings',
    summary: 'Replace the agenda',
    body: { schema: agendaSchema, example: { items: [{ title: 'Evaluasi situasi kamtibmas triwulan', notes: '' }] } },
    ok: [200, 'The meeting with its agenda as this reader may see it'],
  },
  'POST /meetings/:id/agenda/draft': {
    tag: 'Meetings',
    summary: 'Draft the agenda again from the scope’s reports',
    ok: [200, '`{added}` and the meeting'],
  },
  'POST /meetings/:id/participants': {
    tag: 'Meetings',
    summary: 'Invite a user',
    body: { schema: participantSchema, example: { user_id: A_USER } },
    ok: [201, 'The meeting with its participants'],
  },
  'DELETE /meetings/:id/participants/:userId': { tag: 'Meetings', summary: 'Remove a participant', ok: [204, 'Removed'] },
  'PATCH /action-items/:id': {
    tag: 'Meetings',
    summary: 'Mark an action item done or open again',
    body: { schema: actionItemPatchSchema, example: { status: 'done' } },
    ok: [200, 'The action item'],
  },
  'GET /compliance': {
    tag: 'Meetings',
    summary: 'Which units held their quarterly Rakor',
    query: complianceQuerySchema,
    ok: [200, 'The compliance table'],
  },
  'POST /calendar-tokens': {
    tag: 'Calendar',
    summary: 'A new personal calendar feed link (replaces the previous one)',
    ok: [201, '`{id, url}`'],
  },
  'DELETE /calendar-tokens/:id': { tag: 'Calendar', summary: 'Revoke a personal calendar feed link', ok: [204, 'Revoked'] },
  'GET /notifications': {
    tag: 'Notifications',
    summary: 'One’s inbox, newest first, in the reader’s language (`unread=1` for unread only)',
    query: inboxQuerySchema,
    ok: [200, '`{items: [{id, kind, title, body, url, created_at, read_at}], next_cursor}`'],
  },
  'POST /notifications/read': {
    tag: 'Notifications',
    summary: 'Mark some of one’s notifications read, or all of them',
    body: { schema: markReadSchema, example: { ids: ['3f2a9c4e8b7d6a5f4e3d2c1b0a998877'] } },
    ok: [204, 'Marked'],
  },
  'GET /me/notification-settings': {
    tag: 'Notifications',
    summary: 'Channels per kind of notification, quiet hours and the WhatsApp number',
    ok: [200, '`{whatsapp: {number, verified}, preferences, quiet_hours}`'],
  },
  'PUT /me/notification-settings': {
    tag: 'Notifications',
    summary: 'Change channels per kind, quiet hours, or the WhatsApp number (a new number is sent a code)',
    body: {
      schema: notificationSettingsSchema,
      example: {
        preferences: { 'report.filed': ['in_app', 'push', 'whatsapp'], 'summary.daily': ['in_app'] },
        quiet_hours: { start: '22:00', end: '05:00' },
        whatsapp: { number: '0812 3456 7890' },
      },
    },
    ok: [200, 'The settings'],
  },
  'POST /me/whatsapp/verify': {
    tag: 'Notifications',
    summary: 'Verify the WhatsApp number with the code sent to it',
    body: { schema: whatsAppCodeSchema, example: { code: '482913' } },
    ok: [200, 'The settings'],
  },
  'GET /push/vapid-public-key': {
    tag: 'Notifications',
    summary: 'The key for `PushManager.subscribe()` (404 while Web Push is not configured)',
    ok: [200, '`{key}`'],
  },
  'POST /push-subscriptions': {
    tag: 'Notifications',
    summary: 'Keep this device’s push subscription (the browser’s `PushSubscription.toJSON()`)',
    body: {
      schema: pushSubscriptionSchema(['fcm.googleapis.com']),
      example: {
        endpoint: 'https://fcm.googleapis.com/fcm/send/dXN1YXJpbzpBUEE5MWJH',
        expirationTime: null,
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      },
    },
    ok: [201, '`{id}`'],
  },
  'DELETE /push-subscriptions/:id': { tag: 'Notifications', summary: 'Remove one of one’s push subscriptions', ok: [204, 'Removed'] },
  'GET /regencies/:code/webhooks': {
    tag: 'Notifications',
    summary: 'A regency’s signed webhooks (its admins; secrets are never listed)',
    ok: [200, '`{items}`'],
  },
  'POST /regencies/:code/webhooks': {
    tag: 'Notifications',
    summary: 'Register a webhook; the answer holds its Standard Webhooks secret, shown once',
    body: { schema: newWebhookSchema, example: { url: 'https://command-centre.example.go.id/hooks/tigapilar', events: ['report.filed'] } },
    ok: [201, '`{id, regency_code, url, events, created_at, secret}`'],
  },
  'POST /regencies/:code/webhooks/:id/rotate': {
    tag: 'Notifications',
    summary: 'A new secret; the previous one also signs for 24 hours',
    ok: [200, '`{secret}`'],
  },
  'DELETE /regencies/:code/webhooks/:id': { tag: 'Notifications', summary: 'Remove a webhook', ok: [204, 'Removed'] },
  'GET /notification-deliveries': {
    tag: 'Notifications',
    summary: 'What was sent to whom, on which channel, and how it went (admins, within their scope)',
    query: deliveryQuerySchema,
    ok: [200, '`{items, next_cursor}`'],
  },
}

const jsonSchemaOf = (schema: v.GenericSchema) => {
  const { $schema: _draft, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' })
  return rest
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

function operationObject(key: string, operation: Operation) {
  const path = key.slice(key.indexOf(' ') + 1)
  const pathNames = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const queryProperties = operation.query ? (jsonSchemaOf(operation.query).properties as Record<string, { type?: string }>) : {}
  const required = new Set<string>(operation.query ? ((jsonSchemaOf(operation.query).required as string[]) ?? []) : [])
  return {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''),
    ...(operation.public ? { security: [] } : {}),
    parameters: [
      ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(queryProperties).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema })),
      ...(operation.queryNames ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    ] as { name: string; in: 'path' | 'query'; required: boolean; schema: { type?: string; enum?: unknown[] } }[],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchemaOf(operation.body.schema), example: operation.body.example },
              ...(operation.photos && { 'multipart/form-data': { schema: multipartSchemaOf(operation.body.schema) } }),
            },
          },
        }
      : {}),
    responses: {
      [operation.ok[0]]: { description: operation.ok[1] } as { description: string },
      ...(operation.body || operation.query ? { 422: problemResponse('A field is invalid: `errors` names each') } : {}),
      ...(operation.public ? {} : { 401: problemResponse('No valid bearer token'), 403: problemResponse('Not allowed for this user') }),
      ...(pathNames.length ? { 404: problemResponse('Not found, or not visible to this user') } : {}),
    },
  }
}

/** A JSON body's fields as form fields (text), with the repeated `photos` file parts beside them. */
function multipartSchemaOf(schema: v.GenericSchema) {
  const json = jsonSchemaOf(schema) as { properties?: Record<string, unknown>; anyOf?: { properties?: Record<string, unknown> }[] }
  const fields = { ...json.properties, ...Object.assign({}, ...(json.anyOf ?? []).map((branch) => branch.properties)) }
  return {
    type: 'object',
    properties: {
      ...Object.fromEntries(Object.keys(fields).map((name) => [name, { type: 'string' }])),
      photos: { type: 'array', maxItems: 4, items: { type: 'string', format: 'binary' } },
    },
  }
}

const documents = new Map<string, ReturnType<typeof buildDocument>>()

/** The OpenAPI 3.1 description of `/api/v1`, built once per address from `operations` and the validating schemas. */
export function openApiDocument(publicUrl: string) {
  const document = documents.get(publicUrl) ?? buildDocument(publicUrl)
  documents.set(publicUrl, document)
  return document
}

function buildDocument(publicUrl: string) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {}
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as [string, string]
    const openApiPath = path.replace(/:(\w+)/g, '{$1}')
    paths[openApiPath] = { ...paths[openApiPath], [method.toLowerCase()]: operationObject(key, operation) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tiga Pilar API',
      version: '1',
      description:
        'Early-warning reports and quarterly Rakor of the Sinergitas Tiga Pilar. Every error is application/problem+json ' +
        '(RFC 9457); messages follow Accept-Language (Indonesian by default).',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /auth/login or `npm run cli -- user:token`' },
      },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
          required: ['type', 'title', 'status'],
        },
      },
    },
    paths,
  }
}
