// The production build: plain JavaScript for Node in dist/node/, one bundle per entry.
// Packages stay external (`npm ci --omit=dev` supplies them; better-sqlite3 is native).
// The bundles sit two levels below the project root, as the sources in src/<dir>/ do, so paths
// resolved from a module's own directory (db/migrations) mean the same thing in both.
// Run by Node itself (erasable types only): `node scripts/build.ts`, or through `npm start`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { buildClient } from './build-client.ts'

const root = join(import.meta.dirname, '..')
export const OUT_DIR = join(root, 'dist', 'node')

/** Builds the browser's bundles, then the server, the CLI and its worker threads into dist/node/. */
export async function buildNode(): Promise<void> {
  await buildClient()
  await build({
    absWorkingDir: root,
    entryPoints: {
      server: 'src/entry/node.ts',
      cli: 'src/cli/index.ts',
      'sqlite-reader-worker': 'src/db/sqlite-reader-worker.ts',
      'sqlite-upkeep-worker': 'src/db/sqlite-upkeep-worker.ts',
      'photo-worker': 'src/entry/photo-worker.ts',
    },
    outdir: OUT_DIR,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  // Marks a finished build: `npm start` compares the sources' times with this file's.
  writeFileSync(join(OUT_DIR, 'BUILT'), `${new Date().toISOString()}\n`)
}

if (import.meta.main) await buildNode()
