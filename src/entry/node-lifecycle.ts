import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { type ServerType, serve } from '@hono/node-server'
import { OperatorError } from '../operator-error.ts'

/** Starts listening on `host`:`port`; a port in use or not allowed is an OperatorError, not a stack trace. */
export function listen(fetch: (request: Request) => Response | Promise<Response>, host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host })
    server.once('listening', () => resolve(server))
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new OperatorError(`port ${port} is already in use; stop the other server or set PORT`))
      else if (error.code === 'EACCES') reject(new OperatorError(`port ${port} needs privileges; use a port above 1023 behind nginx`))
      else if (error.code === 'EADDRNOTAVAIL') reject(new OperatorError(`HOST ${host} is not an address of this machine`))
      else reject(error)
    })
  })
}

/** The file that says a server is serving `dbFile`: `restore` refuses to replace a database in use. */
export function serverPidFile(dbFile: string): string {
  return `${dbFile}.pid`
}

/** The pid of a live server serving `dbFile`, if there is one (a file left by a crash names a dead pid). */
export function runningServer(dbFile: string): number | undefined {
  let pid: number
  try {
    pid = Number(readFileSync(serverPidFile(dbFile), 'utf8').trim())
  } catch {
    return undefined
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined
  }
}

/** Marks `dbFile` as served by this process, refusing when another live server serves it. */
export function claimDatabase(dbFile: string): () => void {
  const other = runningServer(dbFile)
  if (other) throw new OperatorError(`another server (pid ${other}) is serving ${dbFile}`)
  writeFileSync(serverPidFile(dbFile), `${process.pid}\n`)
  return () => rmSync(serverPidFile(dbFile), { force: true })
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish (at most
 * `graceMs`, then their connections are cut), run `cleanup` and exit 0.
 */
export function stopOnSignals(server: ServerType, graceMs: number, cleanup: () => Promise<void>): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing requests in flight, then stopping.`)
    const http = server as Server
    const cut = setTimeout(() => http.closeAllConnections(), graceMs)
    http.close(async () => {
      clearTimeout(cut)
      await cleanup()
      console.log('Stopped.')
      process.exit(0)
    })
    // Keep-alive connections with no request in flight would hold close() open until they time out.
    http.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
