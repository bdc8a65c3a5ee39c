import { homeFlows } from '../flows/home-flows.ts'
import { workersClockedHarness } from './harness.ts'

homeFlows(workersClockedHarness())
