import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** The project root, where dist/node/ is built. */
export const ROOT = join(import.meta.dirname, '..', '..')

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

export interface ServerProcess {
  child: ChildProcess
  base: string
  /** Everything the process wrote, stdout and stderr. */
  output: () => string
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

/**
 * Runs the built server (`node dist/node/server.js`, as a production install does) on `dbFile`
 * with `env` added, and waits until it prints its start line. `cwd` defaults to the project.
 */
export async function startServer(dbFile: string, env: Record<string, string> = {}, cwd = ROOT): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [join(cwd, 'dist', 'node', 'server.js')], {
    cwd,
    env: { ...process.env, DB_FILE: dbFile, PORT: String(port), PUBLIC_URL: 'https://tigapilar.test', ...env },
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('Tiga Pilar: ')) {
        clearInterval(check)
        resolve()
      }
    }, 20)
    void exited.then((code) => {
      clearInterval(check)
      reject(new Error(`server exited with ${code}: ${output}`))
    })
  })
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited }
}

/** The built CLI (`node dist/node/cli.js …`) on `dbFile`. */
export function cli(dbFile: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'cli.js'), ...args], {
    env: { ...process.env, DB_FILE: dbFile, PUBLIC_URL: 'https://tigapilar.test' },
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
