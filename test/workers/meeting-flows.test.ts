import { meetingFlows } from '../flows/meeting-flows.ts'
import { workersClockedHarness } from './clocked-harness.ts'

meetingFlows(workersClockedHarness())
