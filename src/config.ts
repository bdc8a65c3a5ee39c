/** Configuration shared by the Node server and the CLI, from environment variables. */
export interface NodeConfig {
  /** SQLite database file (`DB_FILE`). */
  dbFile: string
  /** HTTP port (`PORT`). */
  port: number
  /** The address people use to reach the app, for printed links (`PUBLIC_URL`). */
  publicUrl: string
  /** Trust `X-Forwarded-For` from a reverse proxy for the client address (`TRUST_PROXY=1`). */
  trustProxy: boolean
}

/** Reads the configuration; throws a message naming the variable when one is invalid. */
export function readConfig(env: Record<string, string | undefined>): NodeConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    dbFile: env.DB_FILE || './data/tigapilar.sqlite',
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  }
}
