import type { Language } from '../i18n/index.ts'

/** The WhatsApp Business Cloud API account messages are sent from. */
export interface WhatsAppConfig {
  /** Graph API base, e.g. `https://graph.facebook.com/v21.0` (`WHATSAPP_API_URL`). */
  apiUrl: string
  phoneNumberId: string
  token: string
  /** Approved template names (`templates/whatsapp-templates.json` holds their texts). */
  templates: { alert: string; code: string }
}

// Template languages as WhatsApp names them.
const TEMPLATE_LANGUAGE: Record<Language, string> = { id: 'id', en: 'en' }

/** A message parameter: WhatsApp refuses empty ones and newlines inside them. */
function param(text: string): { type: 'text'; text: string } {
  const line = text.replace(/\s+/g, ' ').trim()
  return { type: 'text', text: line === '' ? '-' : line.slice(0, 900) }
}

function messagesRequest(config: WhatsAppConfig, to: string, template: object): Request {
  return new Request(`${config.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.phoneNumberId)}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${config.token}`, 'Content-Type': 'application/json' },
    // The Cloud API takes the number without its leading +.
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: to.replace(/^\+/, ''),
      type: 'template',
      template,
    }),
  })
}

/** The alert template ("{{1}} / {{2}} / Buka: {{3}}") carrying one notification. */
export function whatsAppAlertRequest(
  config: WhatsAppConfig,
  to: string,
  lang: Language,
  message: { title: string; body: string; url: string },
): Request {
  return messagesRequest(config, to, {
    name: config.templates.alert,
    language: { code: TEMPLATE_LANGUAGE[lang] },
    components: [{ type: 'body', parameters: [param(message.title), param(message.body), param(message.url)] }],
  })
}

/** The authentication template with a one-time code and its copy-code button. */
export function whatsAppCodeRequest(config: WhatsAppConfig, to: string, lang: Language, code: string): Request {
  return messagesRequest(config, to, {
    name: config.templates.code,
    language: { code: TEMPLATE_LANGUAGE[lang] },
    components: [
      { type: 'body', parameters: [param(code)] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [param(code)] },
    ],
  })
}

/**
 * A WhatsApp number in E.164: `+62…` as given, an Indonesian `08…` or `62…` made `+628…`;
 * undefined for anything that is not a plausible number.
 */
export function normaliseWhatsAppNumber(input: string): string | undefined {
  const digits = input.replace(/[\s\-().]/g, '')
  const e164 = digits.startsWith('+')
    ? digits
    : digits.startsWith('0')
      ? `+62${digits.slice(1)}`
      : digits.startsWith('62')
        ? `+${digits}`
        : ''
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : undefined
}
