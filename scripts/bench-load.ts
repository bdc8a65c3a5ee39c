// The background load of bench-national's "/me while dashboards and an export run", in a process
// of its own as real clients are: each request of the JSON list is asked again and again (a 429
// waits a moment, as a browser user would) until this process is told to stop (SIGTERM).
// Reading a 200,000-row export in the server's own process had put the client's work on the
// server's event loop, inside the latencies measured.
// Usage: node scripts/bench-load.ts BASE '[{"token":"…","path":"/api/v1/dashboard?region=35.10"}]'
import process from 'node:process'

const [base, listed] = process.argv.slice(2)
if (!base || !listed) throw new Error('usage: node scripts/bench-load.ts BASE JSON')
const requests = JSON.parse(listed) as { token: string; path: string }[]
let busy = true
process.on('SIGTERM', () => {
  busy = false
})

async function keepAsking({ token, path }: { token: string; path: string }): Promise<void> {
  while (busy) {
    try {
      const response = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } })
      await response.arrayBuffer()
      if (response.status === 429) await new Promise((resolve) => setTimeout(resolve, 200))
    } catch {
      // A connection the server closed between requests: ask again.
    }
  }
}

const asking = Promise.all(requests.map(keepAsking))
console.log('asking')
await asking
