// Summarises a V8 CPU profile (`node --cpu-prof`): the functions that took the most time, by self
// time and by total time (self plus what they called), as shares of the busy (non-idle) time.
// Usage: node scripts/profile-summary.ts FILE.cpuprofile [rows]
import { readFileSync } from 'node:fs'
import { printTable } from './print-table.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, rowsArgument, ...rest] = process.argv.slice(2)
const rows = Number(rowsArgument ?? 25)
// A glob that matched two profiles passes the second where the row count belongs.
if (!file || rest.length > 0 || !Number.isInteger(rows) || rows < 1)
  throw new Error('usage: node scripts/profile-summary.ts FILE.cpuprofile [rows] (one profile at a time)')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)

/** Where a function is: a package name or a path within the project, and its line. */
function place(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const packageName = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]
  const where = packageName ?? url.replace(/^.*\/(src|dist|scripts)\//, '$1/').replace(/^node:/, 'node:')
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim()
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)'])
const self = new Map<string, number>()
const total = new Map<string, number>()
let busy = 0
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000
  const node = byId.get(id)!
  const name = node.callFrame.functionName
  if (name === '(idle)') return
  busy += ms
  if (IDLE.has(name)) {
    self.set(name, (self.get(name) ?? 0) + ms)
    return
  }
  const key = place(node)
  self.set(key, (self.get(key) ?? 0) + ms)
  // Each function on the stack once, however deep its recursion.
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = place(byId.get(at)!)
    if (seen.has(frame)) continue
    seen.add(frame)
    total.set(frame, (total.get(frame) ?? 0) + ms)
  }
})

const share = (ms: number) => `${((ms / busy) * 100).toFixed(1)} %`
const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([key, ms]): [string, string, string] => [key, `${ms.toFixed(0)} ms`, share(ms)])
console.log(`${file}: ${busy.toFixed(0)} ms busy`)
printTable(['self time', 'ms', 'share of busy'], top(self))
printTable(
  ['total time (with callees)', 'ms', 'share of busy'],
  top(new Map([...total].filter(([key]) => !key.startsWith('(root)') && !key.startsWith('processTicksAndRejections')))),
)
