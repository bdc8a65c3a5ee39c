import { homeFlows } from '../flows/home-flows.ts'
import { nodeHarness } from './node-harness.ts'

homeFlows(nodeHarness())
