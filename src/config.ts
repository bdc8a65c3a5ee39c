/** Configuration shared by the Node server and the CLI, from environment variables. */
export interface NodeConfig {
  /** SQLite database file (`DB_FILE`). */
  dbFile: string
  /** HTTP port (`PORT`). */
  port: number
  /** The address people use to reach the app, for printed links (`PUBLIC_URL`). */
  publicUrl: string
  /**
   * How many reverse proxies in front of the app append to `X-Forwarded-For` (`TRUST_PROXY`,
   * 0 when clients connect directly). The client address is the one the outermost of them wrote.
   */
  proxyHops: number
}

/** Reads the configuration; throws a message naming the variable when one is invalid. */
export function readConfig(env: Record<string, string | undefined>): NodeConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    dbFile: env.DB_FILE || './data/tigapilar.sqlite',
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    proxyHops: proxyHops(env.TRUST_PROXY),
  }
}

function proxyHops(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0
  if (value === 'true') return 1
  const hops = Number(value)
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY must be the number of proxies (0–10), got "${value}"`)
  return hops
}
