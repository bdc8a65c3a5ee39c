import { expect, it } from 'vitest'
import { FORM_BUDGET, measureFormLoad } from '../../scripts/form-budget.ts'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness } from './browser-harness.ts'

const h = browserHarness()

it('keeps the filing form within its budget: ≤ 30 KB on a first load, ≤ 15 KB of script, nothing from the network on a repeat load', async () => {
  const load = await measureFormLoad(h.browser, h.base, 'babinsa.sarongan', PASSWORD, () => h.served.length)
  expect(load.resources.map((entry) => entry.type).sort()).toEqual(['Document', 'Script', 'Stylesheet'])
  expect(load.firstLoadBytes).toBeLessThanOrEqual(FORM_BUDGET.firstLoadBytes)
  expect(load.scriptBytes).toBeLessThanOrEqual(FORM_BUDGET.scriptBytes)
  expect(load.repeatLoadRequests).toEqual([])
  // The server itself saw nothing of the repeat load.
  expect(load.repeatLoadServed).toBe(0)
})
