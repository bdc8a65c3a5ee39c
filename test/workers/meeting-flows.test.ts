import { meetingFlows } from '../flows/meeting-flows.ts'
import { workersClockedHarness } from './harness.ts'

meetingFlows(workersClockedHarness())
