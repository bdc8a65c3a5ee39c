import { fuzzFlows } from '../flows/fuzz-flows.ts'
import { workersClockedHarness } from './harness.ts'

// The app built inside workerd over this file's own local D1. (Thousands of requests through the
// Worker's own entry, `exports.default.fetch`, slow down linearly in the test pool; the entry
// itself is covered by foundation-flows.)
fuzzFlows(workersClockedHarness())
