import { fuzzFlows } from '../flows/fuzz-flows.ts'
import { nodeHarness } from './node-harness.ts'

fuzzFlows(nodeHarness())
