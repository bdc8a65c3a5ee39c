import { calendarFlows } from '../flows/calendar-flows.ts'
import { workersClockedHarness } from './clocked-harness.ts'

calendarFlows(workersClockedHarness())
