import { describe, expect, it } from 'vitest'
import { pushEndpointAllowed } from '../../src/channels/channel-config.ts'
import { normaliseWhatsAppNumber } from '../../src/channels/whatsapp.ts'
import { windowEnd } from '../../src/domain/local-time.ts'
import { reminderTimes } from '../../src/domain/notification-scheduler.ts'

// Runs under TZ=UTC and TZ=America/New_York (vitest.config.ts): nothing may depend on the host's zone.

describe('Rakor reminders', () => {
  it('fall at 07:00 local three days and one day before, and hours before the start, in WIB, WITA and WIT', () => {
    const at = (scope: string, startsAt: string) =>
      reminderTimes({ scope_code: scope, starts_at: startsAt }, 2).map((r) => [r.stage, r.at.toISOString()])
    // Banyuwangi (WIB, UTC+7): 09:00 local on Thursday 10 December 2026.
    expect(at('35.10.01', '2026-12-10T02:00:00.000Z')).toEqual([
      ['h-3', '2026-12-07T00:00:00.000Z'],
      ['h-1', '2026-12-09T00:00:00.000Z'],
      ['2h', '2026-12-10T00:00:00.000Z'],
    ])
    // Denpasar (WITA, UTC+8) and Jayapura (WIT, UTC+9), also at 09:00 local.
    expect(at('51.71', '2026-12-10T01:00:00.000Z')[1]).toEqual(['h-1', '2026-12-08T23:00:00.000Z'])
    expect(at('91.71', '2026-12-10T00:00:00.000Z')[1]).toEqual(['h-1', '2026-12-08T22:00:00.000Z'])
    // A meeting at 06:00 WIT on 1 January: the day before is 31 December of the year before.
    expect(at('91.71', '2026-12-31T21:00:00.000Z')[1]).toEqual(['h-1', '2026-12-30T22:00:00.000Z'])
    expect(reminderTimes({ scope_code: '35.10', starts_at: '2026-12-10T02:00:00.000Z' }, 0)).toHaveLength(2)
  })
})

describe('quiet hours', () => {
  it('end at the local end of a window that may cross midnight', () => {
    // 23:30 WIB, quiet 22:00–05:00: held until 05:00 WIB the next morning.
    expect(windowEnd(new Date('2026-12-01T16:30:00Z'), 'Asia/Jakarta', '22:00', '05:00')?.toISOString()).toBe('2026-12-01T22:00:00.000Z')
    // 03:00 WITA: until 05:00 WITA the same morning.
    expect(windowEnd(new Date('2026-12-01T19:00:00Z'), 'Asia/Makassar', '22:00', '05:00')?.toISOString()).toBe('2026-12-01T21:00:00.000Z')
    // 12:00 WIB is outside; 06:30 inside a 06:00–08:00 window.
    expect(windowEnd(new Date('2026-12-01T05:00:00Z'), 'Asia/Jakarta', '22:00', '05:00')).toBeUndefined()
    expect(windowEnd(new Date('2026-11-30T23:30:00Z'), 'Asia/Jakarta', '06:00', '08:00')?.toISOString()).toBe('2026-12-01T01:00:00.000Z')
  })
})

describe('WhatsApp numbers', () => {
  it('are normalised to E.164, Indonesian 08… becoming +628…', () => {
    expect(normaliseWhatsAppNumber('0812-3456-7890')).toBe('+6281234567890')
    expect(normaliseWhatsAppNumber('62 812 3456 7890')).toBe('+6281234567890')
    expect(normaliseWhatsAppNumber('+62 (812) 3456.7890')).toBe('+6281234567890')
    expect(normaliseWhatsAppNumber('+44 20 7946 0958')).toBe('+442079460958')
    for (const bad of ['', '12ab', '0812', '+0812345678', `08${'1'.repeat(20)}`]) expect(normaliseWhatsAppNumber(bad), bad).toBeUndefined()
  })
})

describe('push endpoints', () => {
  it('must point to a listed push service, over https unless on this machine', () => {
    const hosts = ['fcm.googleapis.com', '*.notify.windows.com', '127.0.0.1:8123']
    expect(pushEndpointAllowed('https://fcm.googleapis.com/fcm/send/abc', hosts)).toBe(true)
    expect(pushEndpointAllowed('https://wns2-par02p.notify.windows.com/w/?token=x', hosts)).toBe(true)
    expect(pushEndpointAllowed('http://127.0.0.1:8123/push/1', hosts)).toBe(true)
    for (const bad of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/x',
      'https://evilnotify.windows.com/x',
      'https://user:pw@fcm.googleapis.com/x',
      'http://127.0.0.1:9999/push/1',
      'http://10.0.0.1:8123/push/1',
      'not a url',
    ])
      expect(pushEndpointAllowed(bad, hosts), bad).toBe(false)
  })
})
