import { serve } from '@hono/node-server'
import { createApp } from '../app.tsx'
import { readConfig } from '../config.ts'
import { openSetup } from '../domain/setup.ts'
import { nodeDeps } from './node-deps.ts'

// `npm start`: create and migrate the database, open first-run setup if needed, serve.
const config = readConfig(process.env)
const deps = nodeDeps(config)
const setupToken = await openSetup(deps)

const server = serve({ fetch: createApp(deps).fetch, port: config.port }, () => {
  console.log(`Tiga Pilar: ${config.publicUrl} (database ${config.dbFile})`)
  if (setupToken) console.log(`No administrator yet. Open this one-time setup link:\n  ${config.publicUrl}/setup/${setupToken}`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => void deps.handle.close().then(() => process.exit(0))))
