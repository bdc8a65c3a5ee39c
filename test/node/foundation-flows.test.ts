import { foundationFlows } from '../flows/foundation-flows.ts'
import { nodeHarness } from './node-harness.ts'

foundationFlows(nodeHarness())
