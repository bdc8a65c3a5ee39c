import { agendaScaleFlows } from '../flows/agenda-scale-flows.ts'
import { workersClockedHarness } from './harness.ts'

agendaScaleFlows(workersClockedHarness())
