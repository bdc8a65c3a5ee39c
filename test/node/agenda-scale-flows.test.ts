import { agendaScaleFlows } from '../flows/agenda-scale-flows.ts'
import { nodeHarness } from './node-harness.ts'

agendaScaleFlows(nodeHarness())
