import { operationsFlows } from '../flows/operations-flows.ts'
import { nodeHarness } from './node-harness.ts'

operationsFlows(nodeHarness())
