// `npm start`: builds dist/node/ when it is missing or older than any source, then runs the server.
// In a production install without sources or dev dependencies, run `node dist/node/server.js`.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const sources = ['src', 'templates', 'package-lock.json'].map((name) => join(root, name))

/** The newest modification time under `path`, a file or a directory. */
function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function builtAt(): number {
  try {
    return statSync(join(root, 'dist', 'node', 'BUILT')).mtimeMs
  } catch {
    return 0
  }
}

if (builtAt() < Math.max(...sources.map(newest))) {
  console.log('Building dist/node/ …')
  const { buildNode } = await import('./build.ts')
  await buildNode()
}
// Stack traces name the TypeScript sources (the build writes linked source maps).
process.setSourceMapsEnabled(true)
const server = '../dist/node/server.js'
await import(server)
