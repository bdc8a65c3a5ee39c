import type { Context } from 'hono'
import { Hono } from 'hono'
import { DeliveryLogPage } from '../../templates/delivery-log-page.tsx'
import { InboxPage } from '../../templates/inbox-page.tsx'
import { NotificationSettingsPage } from '../../templates/notification-settings-page.tsx'
import type { NotificationKind } from '../db/schema.ts'
import { deliveryLog } from '../domain/delivery-log.ts'
import { listNotifications, markRead, openNotification, unreadCount } from '../domain/notification-inbox.ts'
import { deliveryQuerySchema, inboxQuerySchema, notificationSettingsSchema, whatsAppCodeSchema } from '../domain/notification-input.ts'
import { CHANNELS, kindsFor, NOTIFICATION_KINDS } from '../domain/notification-kinds.ts'
import {
  applyNotificationSettings,
  notificationSettings,
  removeWhatsAppNumber,
  verifyWhatsAppCode,
} from '../domain/notification-settings.ts'
import { regionChoices } from '../domain/region-choices.ts'
import { requireOwnScope } from '../http/auth.ts'
import type { SignedInEnv } from '../http/env.ts'
import { type FormFeedback, formFeedback, formFields, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { filledParams, parseOrProblem } from '../http/validate.ts'

const SETTINGS = '/notifications/settings'

/** The notices the settings page shows after a redirect, by query parameter. */
const NOTICES = { saved: 'saved', sent: 'codeSent', verified: 'numberVerified', removed: 'numberRemoved' } as const

async function renderSettings(c: Context<SignedInEnv>, feedback?: FormFeedback, typed?: Record<string, string>) {
  const { deps, user, t } = c.var
  const [settings, devices] = await Promise.all([
    notificationSettings(deps, user),
    deps.db
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow(),
  ])
  const noticeKey = Object.entries(NOTICES).find(([param]) => c.req.query(param))?.[1]
  return c.html(
    <NotificationSettingsPage
      ctx={pageContext(c)}
      settings={settings}
      kinds={kindsFor(user)}
      available={{ push: Boolean(deps.channels.vapid), whatsapp: Boolean(deps.channels.whatsapp) }}
      pushDevices={Number(devices.n)}
      vapidPublicKey={deps.channels.vapid?.publicKey}
      notice={noticeKey && t.inbox[noticeKey]}
      alert={feedback?.alert}
      // The API's field is `whatsapp.number`; the page's input is `number`.
      errors={{ ...feedback?.errors, ...(feedback?.errors['whatsapp.number'] && { number: feedback.errors['whatsapp.number'] }) }}
      typed={typed}
    />,
    feedback?.status ?? 200,
  )
}

/** Runs one settings form: back to the page with its notice (303), or the page with the refusal beside its field. */
async function settingsForm(
  c: Context<SignedInEnv>,
  notice: keyof typeof NOTICES,
  change: (form: Record<string, string>) => Promise<unknown>,
) {
  const form = await formFields(c)
  return handleForm(
    c,
    (feedback) => renderSettings(c, feedback, form),
    async () => {
      await change(form)
      return c.redirect(`${SETTINGS}?${notice}=1`, 303)
    },
  )
}

/** The settings form as the API's JSON: a ticked box per kind and channel, and the quiet hours. */
function settingsFromForm(form: Record<string, string>) {
  const preferences = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, CHANNELS.filter((channel) => channel === 'in_app' || form[`${kind}:${channel}`] === '1')]),
  ) as Record<NotificationKind, (typeof CHANNELS)[number][]>
  return { preferences, quiet_hours: { start: form.quiet_start ?? '', end: form.quiet_end ?? '' } }
}

/** The inbox, one's notification settings, and the admins' delivery log. */
export const notificationRoutes = new Hono<SignedInEnv>()
  .get('/notifications', async (c) => {
    const query = parseOrProblem(inboxQuerySchema, filledParams(c.req.query()))
    const unreadOnly = query.unread === '1'
    const [page, unread] = await Promise.all([
      listNotifications(c.var.deps, c.var.user, c.var.lang, { unread: unreadOnly, cursor: query.cursor }),
      unreadCount(c.var.deps, c.var.user),
    ])
    return c.html(
      <InboxPage ctx={pageContext(c)} items={page.items} nextCursor={page.next_cursor} unreadOnly={unreadOnly} unread={unread} />,
    )
  })
  .post('/notifications/read-all', async (c) => {
    await markRead(c.var.deps, c.var.user, { all: true })
    return c.redirect('/notifications', 303)
  })
  .get(SETTINGS, (c) => renderSettings(c))
  .post(SETTINGS, (c) =>
    settingsForm(c, 'saved', (form) =>
      applyNotificationSettings(c.var.deps, c.var.user, parseOrProblem(notificationSettingsSchema, settingsFromForm(form))),
    ),
  )
  .post('/notifications/whatsapp', (c) =>
    settingsForm(c, 'sent', (form) =>
      applyNotificationSettings(
        c.var.deps,
        c.var.user,
        parseOrProblem(notificationSettingsSchema, { whatsapp: { number: form.number ?? '' } }),
      ),
    ),
  )
  .post('/notifications/whatsapp/verify', (c) =>
    settingsForm(c, 'verified', (form) =>
      verifyWhatsAppCode(c.var.deps, c.var.user, parseOrProblem(whatsAppCodeSchema, { code: form.code ?? '' }).code),
    ),
  )
  .post('/notifications/whatsapp/remove', async (c) => {
    await removeWhatsAppNumber(c.var.deps, c.var.user)
    return c.redirect(`${SETTINGS}?removed=1`, 303)
  })
  // After the fixed paths: an id opens one notification (marked read) at what it is about.
  .get('/notifications/:id', async (c) => c.redirect(await openNotification(c.var.deps, c.var.user, c.var.lang, c.req.param('id')), 303))
  .get('/admin/notifications', requireOwnScope('notification.log'), async (c) => {
    const { deps, user } = c.var
    const regions = await regionChoices(deps.db, user.scope_code)
    const filter = filledParams(c.req.query())
    let page: Awaited<ReturnType<typeof deliveryLog>> = { items: [], next_cursor: null }
    let feedback: FormFeedback | undefined
    try {
      page = await deliveryLog(deps, user, parseOrProblem(deliveryQuerySchema, filter))
    } catch (error) {
      // A filter outside one's scope, or a cursor this app did not make: said beside the filter.
      feedback = formFeedback(c, error)
      if (!feedback) throw error
    }
    const codes = [...new Set(page.items.map((item) => item.region_code))]
    const names = codes.length ? await deps.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute() : []
    return c.html(
      <DeliveryLogPage
        ctx={pageContext(c)}
        items={page.items}
        nextCursor={page.next_cursor}
        regions={regions}
        regionNames={Object.fromEntries(names.map((row) => [row.code, row.name]))}
        filter={filter}
        errors={feedback?.errors ?? {}}
        alert={feedback?.alert}
      />,
      feedback?.status ?? 200,
    )
  })
