import { calendarFlows } from '../flows/calendar-flows.ts'
import { workersClockedHarness } from './harness.ts'

calendarFlows(workersClockedHarness())
