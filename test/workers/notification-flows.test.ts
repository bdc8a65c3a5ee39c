import { inject } from 'vitest'
import { channelsFor, notificationFlows } from '../flows/notification-flows.ts'
import { workersClockedHarness } from './harness.ts'

const world = inject('outsideWorld')
const state = workersClockedHarness({ channels: () => channelsFor(world) })

notificationFlows(() => ({ ...state(), world }))
