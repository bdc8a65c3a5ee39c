import { reportFlows } from '../flows/report-flows.ts'
import { workersClockedHarness } from './harness.ts'

reportFlows(workersClockedHarness())
