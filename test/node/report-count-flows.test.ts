import { reportCountFlows } from '../flows/report-count-flows.ts'
import { nodeHarness } from './node-harness.ts'

reportCountFlows(nodeHarness())
