import { createApp } from '../app.tsx'
import type { Deps } from '../deps.ts'
import { compressText } from './node-compress.ts'

/**
 * The app as the Node server serves it: text answers (pages, CSS, the page script, JSON, CSV)
 * compressed with gzip or deflate as the client accepts. On Workers the platform compresses.
 */
export function nodeApp(deps: Deps) {
  return createApp(deps, [compressText()])
}
