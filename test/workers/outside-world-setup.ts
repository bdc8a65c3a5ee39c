import type { TestProject } from 'vitest/node'
import { WHATSAPP_TOKEN } from '../flows/notification-flows.ts'
import { startOutsideWorld } from '../stand-ins/outside-world.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    outsideWorld: string
  }
}

/** Starts the stand-ins for push, WhatsApp and webhooks in Node; workerd reaches them over loopback. */
export default async function setup(project: TestProject) {
  const { url, server } = await startOutsideWorld({ whatsappToken: WHATSAPP_TOKEN })
  project.provide('outsideWorld', url)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
