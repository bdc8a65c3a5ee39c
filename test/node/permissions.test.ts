import { describe, expect, it } from 'vitest'
import type { Pillar, Role } from '../../src/db/schema.ts'
import { type Action, type Actor, can, capabilities, meetingPermissions, type Target } from '../../src/domain/permissions.ts'
import { PILLARS } from '../../src/domain/roles.ts'

// The permissions module's answers, as a table: role × scope level × action × target, and the
// same answer for every pillar. A new rule is one row in RULES below.

const ACTORS = {
  villageReporter: { role: 'reporter', scope: '35.10.01.2001' },
  districtReviewer: { role: 'reviewer', scope: '35.10.01' },
  districtAdmin: { role: 'admin', scope: '35.10.01' },
  regencyReviewer: { role: 'reviewer', scope: '35.10' },
  regencyAdmin: { role: 'admin', scope: '35.10' },
} as const satisfies Record<string, { role: Role; scope: string }>
type ActorKind = keyof typeof ACTORS

const REGIONS = {
  ownVillage: '35.10.01.2001',
  siblingVillage: '35.10.01.2002',
  otherDistrictVillage: '35.10.02.2001',
  ownDistrict: '35.10.01',
  otherDistrict: '35.10.02',
  regency: '35.10',
  otherRegency: '35.11',
  otherRegencyVillage: '35.11.01.2001',
} as const
type RegionKind = keyof typeof REGIONS

const DISTRICT = ['ownVillage', 'siblingVillage', 'ownDistrict'] as const
const REGENCY = [...DISTRICT, 'otherDistrictVillage', 'otherDistrict', 'regency'] as const

/** For each action on a region code: which regions each kind of actor may act on. */
const RULES: { action: Action; allowed: Record<ActorKind, readonly RegionKind[]> }[] = [
  {
    action: 'report.file',
    allowed: { villageReporter: ['ownVillage'], districtReviewer: [], districtAdmin: [], regencyReviewer: [], regencyAdmin: [] },
  },
  {
    action: 'report.review',
    allowed: { villageReporter: [], districtReviewer: DISTRICT, districtAdmin: DISTRICT, regencyReviewer: REGENCY, regencyAdmin: REGENCY },
  },
  {
    action: 'region.view',
    allowed: {
      villageReporter: ['ownVillage'],
      districtReviewer: DISTRICT,
      districtAdmin: DISTRICT,
      regencyReviewer: REGENCY,
      regencyAdmin: REGENCY,
    },
  },
  {
    action: 'user.manage',
    allowed: { villageReporter: [], districtReviewer: [], districtAdmin: DISTRICT, regencyReviewer: [], regencyAdmin: REGENCY },
  },
  {
    action: 'regency.configure',
    allowed: { villageReporter: [], districtReviewer: [], districtAdmin: [], regencyReviewer: [], regencyAdmin: ['regency'] },
  },
  {
    // Everyone in a regency reads its settings; nobody reads another regency's.
    action: 'regency.read',
    allowed: {
      villageReporter: ['regency'],
      districtReviewer: ['regency'],
      districtAdmin: ['regency'],
      regencyReviewer: ['regency'],
      regencyAdmin: ['regency'],
    },
  },
  {
    action: 'meeting.organise',
    allowed: { villageReporter: [], districtReviewer: DISTRICT, districtAdmin: DISTRICT, regencyReviewer: REGENCY, regencyAdmin: REGENCY },
  },
  {
    // Reopening a held meeting's records is an admin's decision, not every organiser's.
    action: 'meeting.reopen',
    allowed: { villageReporter: [], districtReviewer: [], districtAdmin: DISTRICT, regencyReviewer: [], regencyAdmin: REGENCY },
  },
  {
    action: 'meeting.invite',
    allowed: { villageReporter: [], districtReviewer: DISTRICT, districtAdmin: DISTRICT, regencyReviewer: REGENCY, regencyAdmin: REGENCY },
  },
  {
    // The notification delivery log names recipients and numbers: admins only.
    action: 'notification.log',
    allowed: { villageReporter: [], districtReviewer: [], districtAdmin: DISTRICT, regencyReviewer: [], regencyAdmin: REGENCY },
  },
  {
    action: 'compliance.view',
    allowed: { villageReporter: [], districtReviewer: DISTRICT, districtAdmin: DISTRICT, regencyReviewer: REGENCY, regencyAdmin: REGENCY },
  },
]

function actor(kind: ActorKind, pillar: Pillar): Actor & { pillar: Pillar } {
  return { id: `${kind}-${pillar}`, role: ACTORS[kind].role, scope_code: ACTORS[kind].scope, pillar }
}

describe('the permissions module', () => {
  for (const { action, allowed } of RULES) {
    it(`answers ${action} for every role, pillar and scope level`, () => {
      for (const kind of Object.keys(ACTORS) as ActorKind[]) {
        for (const pillar of PILLARS) {
          const answers = Object.fromEntries(
            (Object.keys(REGIONS) as RegionKind[]).map((region) => [
              region,
              can(actor(kind, pillar), action, REGIONS[region] as Target<typeof action>),
            ]),
          )
          const expected = Object.fromEntries(
            (Object.keys(REGIONS) as RegionKind[]).map((region) => [region, allowed[kind].includes(region)]),
          )
          expect({ kind, pillar, answers }).toEqual({ kind, pillar, answers: expected })
        }
      }
    })
  }

  it('shows a report to its village’s pillars unless restricted, and to overseers in scope', () => {
    const report = (village: string, restricted: number, reporter: string) => ({ village_code: village, restricted, reporter_id: reporter })
    for (const pillar of PILLARS) {
      const babinsa = actor('villageReporter', pillar)
      expect(can(babinsa, 'report.view', report(REGIONS.ownVillage, 0, 'someone'))).toBe(true)
      expect(can(babinsa, 'report.view', report(REGIONS.ownVillage, 1, 'someone'))).toBe(false)
      expect(can(babinsa, 'report.view', report(REGIONS.ownVillage, 1, babinsa.id))).toBe(true)
      expect(can(babinsa, 'report.view', report(REGIONS.siblingVillage, 0, 'someone'))).toBe(false)
      for (const kind of ['districtReviewer', 'districtAdmin'] as const) {
        expect(can(actor(kind, pillar), 'report.view', report(REGIONS.siblingVillage, 1, 'someone'))).toBe(true)
        expect(can(actor(kind, pillar), 'report.view', report(REGIONS.otherDistrictVillage, 0, 'someone'))).toBe(false)
      }
      expect(can(actor('regencyReviewer', pillar), 'report.view', report(REGIONS.otherDistrictVillage, 1, 'someone'))).toBe(true)
      expect(can(actor('regencyAdmin', pillar), 'report.view', report(REGIONS.otherRegencyVillage, 0, 'someone'))).toBe(false)
    }
  })

  it('shows a meeting to everyone invited and to its organisers', () => {
    const babinsa = actor('villageReporter', 'military')
    expect(can(babinsa, 'meeting.view', { scope_code: REGIONS.ownDistrict, invited: true })).toBe(true)
    expect(can(babinsa, 'meeting.view', { scope_code: REGIONS.ownDistrict, invited: false })).toBe(false)
    expect(can(actor('districtReviewer', 'police'), 'meeting.view', { scope_code: REGIONS.ownDistrict, invited: false })).toBe(true)
    expect(can(actor('districtReviewer', 'police'), 'meeting.view', { scope_code: REGIONS.regency, invited: false })).toBe(false)
  })

  it('gives templates what a user may reach, and what may change on a meeting page', () => {
    expect(capabilities(actor('villageReporter', 'government'))).toEqual({
      fileReports: true,
      review: false,
      organiseMeetings: false,
      manageUsers: false,
      viewCompliance: false,
      configureRegency: null,
      viewDeliveryLog: false,
    })
    // Compliance is the regency's view: a district's reviewers and admins are not offered it.
    expect(capabilities(actor('districtAdmin', 'police'))).toMatchObject({
      review: true,
      manageUsers: true,
      viewCompliance: false,
      configureRegency: null,
      viewDeliveryLog: true,
    })
    expect(capabilities(actor('regencyAdmin', 'military'))).toMatchObject({
      fileReports: false,
      viewCompliance: true,
      configureRegency: '35.10',
    })
    const organiser = actor('districtReviewer', 'police')
    const admin = actor('districtAdmin', 'government')
    const on = (status: 'scheduled' | 'held' | 'cancelled') => ({ scope_code: '35.10.01', status })
    expect(meetingPermissions(organiser, on('scheduled'))).toEqual({ organise: true, record: true, reschedule: true, reopen: false })
    // Held locks the records; only an admin may reopen them.
    expect(meetingPermissions(organiser, on('held'))).toEqual({ organise: true, record: false, reschedule: false, reopen: false })
    expect(meetingPermissions(admin, on('held'))).toEqual({ organise: true, record: false, reschedule: false, reopen: true })
    expect(meetingPermissions(organiser, on('cancelled'))).toEqual({ organise: true, record: false, reschedule: false, reopen: false })
    expect(meetingPermissions(actor('villageReporter', 'police'), on('scheduled'))).toEqual({
      organise: false,
      record: false,
      reschedule: false,
      reopen: false,
    })
  })
})
