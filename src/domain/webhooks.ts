import { sql } from 'kysely'
import { webhookSecretText } from '../channels/webhook-signature.ts'
import type { Webhook } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement, isGuardRefusal, writeAudited } from './audit.ts'
import type { NewWebhookInput } from './notification-input.ts'
import type { Actor } from './permissions.ts'
import { NOT_FOUND } from './permissions.ts'
import { regencyFor } from './regency-settings.ts'
import { fromBase64url } from './secrets.ts'
import { keyedHash, serverSecret } from './server-secret.ts'

// A rotated secret keeps signing beside the new one for a day, so a receiver can switch over.
const ROTATION_OVERLAP_MS = 24 * 3600_000

/** A webhook as the API lists it: never its secret. */
export function webhookJson(webhook: Webhook) {
  return {
    id: webhook.id,
    regency_code: webhook.regency_code,
    url: webhook.url,
    events: webhook.events.split(',').filter(Boolean),
    created_at: webhook.created_at,
  }
}

/**
 * The signing key of one generation of a webhook, derived from the installation's secret: the
 * key is stored nowhere, shown once as `whsec_…`, and a new generation replaces it.
 */
async function signingKey(deps: Pick<WriteDeps, 'db' | 'atomic'>, webhookId: string, generation: number): Promise<Uint8Array<ArrayBuffer>> {
  return fromBase64url(await keyedHash(await serverSecret(deps), `webhook:${webhookId}:${generation}`))
}

/** The keys that sign a delivery now: the current one, and the previous one while a rotation overlaps. */
export async function webhookSigningKeys(
  deps: Pick<WriteDeps, 'db' | 'atomic'>,
  webhook: Pick<Webhook, 'id' | 'generation' | 'previous_until'>,
  now: Date,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const keys = [await signingKey(deps, webhook.id, webhook.generation)]
  if (webhook.previous_until && webhook.previous_until > now.toISOString())
    keys.push(await signingKey(deps, webhook.id, webhook.generation - 1))
  return keys
}

/** A regency's webhooks (its admins). */
export async function listWebhooks(deps: Pick<Deps, 'db'>, actor: Actor, regencyCode: string): Promise<Webhook[]> {
  const regency = await regencyFor(deps, actor, regencyCode, 'regency.configure')
  return deps.db
    .selectFrom('webhooks')
    .selectAll()
    .where('regency_code', '=', regency.code)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .execute()
}

/** Registers a webhook for a regency (its admins); the secret is in the answer and nowhere else. */
export async function createWebhook(
  deps: WriteDeps,
  actor: Actor,
  regencyCode: string,
  input: NewWebhookInput,
): Promise<{ webhook: Webhook; secret: string }> {
  const regency = await regencyFor(deps, actor, regencyCode, 'regency.configure')
  const now = deps.clock().toISOString()
  const webhook: Webhook = {
    id: crypto.randomUUID(),
    regency_code: regency.code,
    url: input.url,
    events: `,${[...new Set(input.events)].join(',')},`,
    generation: 1,
    previous_until: null,
    created_by: actor.id,
    created_at: now,
    removed_at: null,
  }
  await writeAudited(
    deps,
    actor,
    { action: 'webhook.create', entityType: 'webhook', entityId: webhook.id, after: webhookJson(webhook) },
    () => deps.db.insertInto('webhooks').values(webhook).compile(),
  )
  return { webhook, secret: webhookSecretText(await signingKey(deps, webhook.id, 1)) }
}

async function regencyWebhook(deps: Pick<Deps, 'db'>, actor: Actor, regencyCode: string, id: string): Promise<Webhook> {
  const regency = await regencyFor(deps, actor, regencyCode, 'regency.configure')
  const webhook = await deps.db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('regency_code', '=', regency.code)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  if (!webhook) throw NOT_FOUND()
  return webhook
}

/** A new secret for a webhook; the old one keeps signing for a day beside it. */
export async function rotateWebhookSecret(deps: WriteDeps, actor: Actor, regencyCode: string, id: string): Promise<string> {
  const webhook = await regencyWebhook(deps, actor, regencyCode, id)
  const now = deps.clock()
  const generation = webhook.generation + 1
  try {
    await deps.atomic([
      deps.db
        .updateTable('webhooks')
        .set({ generation, previous_until: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString() })
        .where('id', '=', id)
        .where('generation', '=', webhook.generation)
        .compile(),
      auditStatement(
        deps.db,
        { at: now.toISOString(), actorId: actor.id, action: 'webhook.rotate', entityType: 'webhook', entityId: id, after: { generation } },
        sql`EXISTS (SELECT 1 FROM webhooks WHERE id = ${id} AND generation = ${generation})`,
      ),
    ])
  } catch (error) {
    // Two rotations at once: one wins, the other shows a secret that was never made.
    if (isGuardRefusal(error)) throw NOT_FOUND()
    throw error
  }
  return webhookSecretText(await signingKey(deps, id, generation))
}

/** Removes a webhook; deliveries still queued for it fail as removed. */
export async function removeWebhook(deps: WriteDeps, actor: Actor, regencyCode: string, id: string): Promise<void> {
  const webhook = await regencyWebhook(deps, actor, regencyCode, id)
  await writeAudited(deps, actor, { action: 'webhook.remove', entityType: 'webhook', entityId: id, before: webhookJson(webhook) }, (now) =>
    deps.db.updateTable('webhooks').set({ removed_at: now }).where('id', '=', id).compile(),
  )
}
