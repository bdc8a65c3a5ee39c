import { expect, it } from 'vitest'
import { meetingFlows } from '../flows/meeting-flows.ts'
import { nodeHarness } from './node-harness.ts'

meetingFlows(nodeHarness())

it('runs in the host time zone the project sets', () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ)
  expect(new Date(2027, 0, 12, 9).getTimezoneOffset()).toBe(process.env.TZ === 'UTC' ? 0 : 300)
})
