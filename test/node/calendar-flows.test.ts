import { expect, it } from 'vitest'
import { calendarFlows } from '../flows/calendar-flows.ts'
import { nodeHarness } from './node-harness.ts'

calendarFlows(nodeHarness())

it('runs in the host time zone the project sets', () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ)
})
