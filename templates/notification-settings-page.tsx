import type { NotificationKind } from '../src/db/schema.ts'
import { CHANNELS, type Channel, MANDATORY_KINDS } from '../src/domain/notification-kinds.ts'
import type { NotificationSettingsView } from '../src/domain/notification-settings.ts'
import { CsrfField, type FieldErrors, FormAlert, Notice, PostButton, TextField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface NotificationSettingsPageProps {
  ctx: PageContext
  settings: NotificationSettingsView
  /** The kinds this user can receive. */
  kinds: NotificationKind[]
  /** Which external channels this server has configured. */
  available: Record<Exclude<Channel, 'in_app'>, boolean>
  pushDevices: number
  /** The server's VAPID public key, which a browser subscribes with; absent when push is off. */
  vapidPublicKey?: string
  notice?: string
  alert?: string
  errors: FieldErrors
  /** What the user typed, re-shown after a refusal. */
  typed?: Record<string, string>
}

/** Channels per kind of notification, quiet hours, and the WhatsApp number with its verification. */
export function NotificationSettingsPage({
  ctx,
  settings,
  kinds,
  available,
  pushDevices,
  vapidPublicKey,
  notice,
  alert,
  errors,
  typed = {},
}: NotificationSettingsPageProps) {
  const { t } = ctx
  const k = t.inbox
  const offChannels = (['push', 'whatsapp'] as const).filter((channel) => !available[channel])
  const checked = (kind: NotificationKind, channel: Channel) =>
    typed._csrf ? typed[`${kind}:${channel}`] === '1' : settings.preferences[kind].includes(channel)
  return (
    <Layout ctx={ctx} title={k.settings}>
      <section class="card">
        <h1>{k.settings}</h1>
        <Notice message={notice} />
        <FormAlert message={alert} />
        <p>{k.settingsIntro}</p>
        {offChannels.length > 0 && <p class="muted">{k.channelsOff(offChannels.map((channel) => k.channels[channel]).join(', '))}</p>}
        <form method="post" action="/notifications/settings">
          <CsrfField token={ctx.csrfToken} />
          {kinds.map((kind) => (
            <fieldset class="field choices">
              <legend>
                {k.kinds[kind]}
                {MANDATORY_KINDS.has(kind) && <small> ({k.mandatory})</small>}
              </legend>
              {CHANNELS.map((channel) => (
                <label class="check">
                  <input
                    type="checkbox"
                    name={`${kind}:${channel}`}
                    value="1"
                    aria-label={`${k.kinds[kind]}: ${k.channels[channel]}`}
                    checked={channel === 'in_app' || checked(kind, channel)}
                    disabled={channel === 'in_app'}
                  />
                  {k.channels[channel]}
                </label>
              ))}
            </fieldset>
          ))}
          <fieldset class="field">
            <legend>{k.quietHours}</legend>
            <small>{k.quietHint}</small>
            <div class="pair">
              <TextField
                type="time"
                name="quiet_start"
                label={k.quietStart}
                value={typed.quiet_start ?? settings.quiet_hours.start}
                errors={errors}
              />
              <TextField
                type="time"
                name="quiet_end"
                label={k.quietEnd}
                value={typed.quiet_end ?? settings.quiet_hours.end}
                errors={errors}
              />
            </div>
          </fieldset>
          <button type="submit" class="primary">
            {k.save}
          </button>
        </form>
      </section>

      <section class="card">
        <h2>{k.channels.push}</h2>
        <p class="muted">{available.push ? k.pushDevices(pushDevices) : k.channelOff}</p>
        {/* Shown by the page script, which can subscribe this browser. */}
        {vapidPublicKey && (
          <div class="push-device" hidden data-push data-vapid-key={vapidPublicKey}>
            <button type="button" class="primary">
              {ctx.t.push.enable}
            </button>
            <p class="hint" aria-live="polite" />
          </div>
        )}
      </section>

      <section class="card">
        <h2>{k.whatsapp}</h2>
        {!available.whatsapp ? (
          <p class="muted">{k.channelOff}</p>
        ) : (
          <>
            {settings.whatsapp.number && (
              <p>
                <strong>{settings.whatsapp.number}</strong> — {settings.whatsapp.verified ? k.verified : k.unverified}
              </p>
            )}
            {settings.whatsapp.number && !settings.whatsapp.verified && (
              <form method="post" action="/notifications/whatsapp/verify">
                <CsrfField token={ctx.csrfToken} />
                <TextField name="code" label={k.code} inputmode="numeric" autocomplete="one-time-code" maxlength={6} errors={errors} />
                <button type="submit" class="primary">
                  {k.verify}
                </button>
              </form>
            )}
            <form method="post" action="/notifications/whatsapp">
              <CsrfField token={ctx.csrfToken} />
              <TextField
                type="tel"
                name="number"
                label={k.whatsappNumber}
                hint={k.whatsappHint}
                value={typed.number ?? settings.whatsapp.number ?? ''}
                maxlength={32}
                errors={errors}
              />
              <button type="submit">{k.sendCode}</button>
            </form>
            {settings.whatsapp.number && (
              <PostButton action="/notifications/whatsapp/remove" csrfToken={ctx.csrfToken} label={k.removeNumber} kind="danger" />
            )}
          </>
        )}
      </section>
    </Layout>
  )
}
