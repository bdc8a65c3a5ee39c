import { afterAll, describe, expect, it } from 'vitest'
import { localToUtc } from '../../src/domain/local-time.ts'
import { createMeeting } from '../../src/domain/meetings.ts'
import { scheduleDue } from '../../src/domain/notification-scheduler.ts'
import { importRegions } from '../../src/domain/region-import.ts'
import { createUser } from '../../src/domain/users.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { PASSWORD } from '../flows/harness.ts'
import { channelsFor, eventIds, notificationFlows, WHATSAPP_TOKEN } from '../flows/notification-flows.ts'
import { startOutsideWorld } from '../stand-ins/outside-world.ts'
import { nodeHarness } from './node-harness.ts'

const world = startOutsideWorld({ whatsappToken: WHATSAPP_TOKEN })
const state = nodeHarness({ channels: async () => channelsFor((await world).url) })
let url = ''
void world.then((started) => (url = started.url))
afterAll(async () => (await world).server.close())

notificationFlows(() => ({ ...state(), world: url }))

// Banyuwangi is WIB; WITA and WIT need regions the workers project does not carry. This project
// also runs under TZ=America/New_York (vitest.config.ts).
describe('Rakor reminders across Indonesia’s zones', () => {
  it('fire H-1 once at 07:00 local in WITA (Denpasar) and WIT (Jayapura)', async () => {
    const { h } = state()
    const now = new Date()
    h.setNow(now)
    for (const [regency, district, zone] of [
      ['51.71', '51.71.01', 'Asia/Makassar'],
      ['91.71', '91.71.01', 'Asia/Jayapura'],
    ] as const) {
      await importRegions(h.deps, await idnAreaSource.regency(regency), null, regency)
      const organiser = await createUser(
        h.deps,
        {
          username: `admin.${district}`,
          name: `Admin ${district}`,
          role: 'admin',
          pillar: 'government',
          scope_code: district,
          position: null,
        },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const day = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10)
      const meeting = await createMeeting(h.deps, organiser, {
        scope_code: district,
        kind: 'extraordinary',
        title: `Rakor ${district}`,
        starts_at: `${day}T09:00`,
        ends_at: `${day}T11:00`,
        venue: 'Kantor Camat',
        online_url: null,
        description: '',
        visibility: 'internal',
        include_villages: false,
      })
      const dayBefore = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
      const seven = new Date(localToUtc(dayBefore, '07:00', zone))
      const reminders = async () => (await eventIds(h, 'meeting.reminder', meeting.id)).filter((id) => id.includes(':h-1@')).length
      h.setNow(new Date(seven.getTime() - 60_000))
      await scheduleDue(h.deps)
      expect(await reminders(), zone).toBe(0)
      h.setNow(seven)
      await Promise.all([scheduleDue(h.deps), scheduleDue(h.deps)])
      expect(await reminders(), zone).toBe(1)
      // The organiser, invited as the district's admin, reads it.
      const inbox = await h.deps.db
        .selectFrom('notifications')
        .innerJoin('notification_events', 'notification_events.id', 'notifications.event_id')
        .select('notification_events.id')
        .where('notifications.user_id', '=', organiser.id)
        .where('notification_events.kind', '=', 'meeting.reminder')
        .execute()
      expect(
        inbox.filter((row) => row.id.includes(':h-1@')),
        zone,
      ).toHaveLength(1)
      h.setNow(now)
    }
  })
})
