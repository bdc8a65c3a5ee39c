import { reportFlows } from '../flows/report-flows.ts'
import { workersClockedHarness } from './clocked-harness.ts'

reportFlows(workersClockedHarness())
