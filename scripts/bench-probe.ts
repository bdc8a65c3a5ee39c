// Latencies asked from a process of its own, printed as a JSON array of milliseconds: see
// probedLatencies in bench-kit.ts.
// Usage: node scripts/bench-probe.ts URL '{"Authorization":"Bearer …"}' ROUNDS paced|back-to-back
import process from 'node:process'
import { backToBackLatencies, pacedLatencies } from './bench-client.ts'

const [url, headers, rounds, pacing] = process.argv.slice(2)
if (!url || !headers || !rounds || (pacing !== 'paced' && pacing !== 'back-to-back'))
  throw new Error('usage: node scripts/bench-probe.ts URL HEADERS_JSON ROUNDS paced|back-to-back')
const init = { headers: JSON.parse(headers) as Record<string, string> }
// One request first, not counted: a client keeps its connection open and this process its compiled
// code, so the first answer's connection and warm-up are not the server's latency.
await (await fetch(url, init)).arrayBuffer()
const latencies = pacing === 'paced' ? pacedLatencies : backToBackLatencies
console.log(JSON.stringify(await latencies(url, init, Number(rounds))))
