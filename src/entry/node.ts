import { readConfig } from '../config.ts'
import { openSetup } from '../domain/setup.ts'
import { OperatorError } from '../operator-error.ts'
import { nodeApp } from './node-app.ts'
import { nodeDeps } from './node-deps.ts'
import { claimDatabase, listen, stopOnSignals } from './node-lifecycle.ts'
import { notificationTimer } from './node-notifications.ts'
import { dailyPurge } from './node-purge.ts'
import { startUpkeep } from './node-upkeep.ts'

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000

// `npm start`: open and migrate the database, open first-run setup if needed, serve until a signal.
try {
  const config = readConfig(process.env)
  const deps = nodeDeps(config)
  const release = claimDatabase(config.dbFile)
  const setupToken = await openSetup(deps)
  const server = await listen(nodeApp(deps).fetch, config.host, config.port).catch(async (error) => {
    release()
    await deps.handle.close()
    throw error
  })
  console.log(`Tiga Pilar: ${config.publicUrl} (listening on ${config.host}:${config.port}, database ${config.dbFile})`)
  if (setupToken) console.log(`No administrator yet. Open this one-time setup link:\n  ${config.publicUrl}/setup/${setupToken}`)
  const purge = dailyPurge(deps)
  const notifications = notificationTimer(deps)
  const stopUpkeep = startUpkeep(deps.handle, config.dbFile, deps.log)
  stopOnSignals(server, SHUTDOWN_GRACE_MS, async () => {
    clearInterval(purge)
    clearInterval(notifications)
    await stopUpkeep()
    await deps.handle.close()
    release()
  })
} catch (error) {
  if (!(error instanceof OperatorError)) throw error
  console.error(`Tiga Pilar cannot start: ${error.message}`)
  process.exit(1)
}
