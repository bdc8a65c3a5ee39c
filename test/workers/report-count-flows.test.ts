import { reportCountFlows } from '../flows/report-count-flows.ts'
import { workersClockedHarness } from './harness.ts'

reportCountFlows(workersClockedHarness())
