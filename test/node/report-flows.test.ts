import { reportFlows } from '../flows/report-flows.ts'
import { nodeHarness } from './node-harness.ts'

reportFlows(nodeHarness())
