import { afterAll } from 'vitest'
import { channelsFor, notificationFlows, WHATSAPP_TOKEN } from '../flows/notification-flows.ts'
import { startOutsideWorld } from '../stand-ins/outside-world.ts'
import { nodeHarness } from './node-harness.ts'

const world = startOutsideWorld({ whatsappToken: WHATSAPP_TOKEN })
const state = nodeHarness({ channels: async () => channelsFor((await world).url) })
let url = ''
void world.then((started) => (url = started.url))
afterAll(async () => (await world).server.close())

notificationFlows(() => ({ ...state(), world: url }))
