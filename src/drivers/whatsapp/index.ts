/**
 * Meta WhatsApp Cloud API (Graph API `/{Phone-Number-ID}/messages`).
 *
 * @module
 */
import { profiles } from '../../channels/profiles.js'
import { AnychannelError, ProviderError, ValidationError, type ValidationIssue } from '../../errors.js'
import { type DriverCapabilities, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, httpRequest, redact, unreadableSuccess } from '../http.js'
import { metaDriverWebhook, metaWebhookIssues } from '../meta.js'
import { whatsappError } from './errors.js'
import { readProviderOptions, toWhatsAppBodies } from './payload.js'
import { parseWhatsAppWebhook } from './webhook.js'

export { WHATSAPP_RECIPIENT_CODES } from './errors.js'
export type { WhatsAppProviderOptions, WhatsAppTemplateComponent } from './payload.js'
export { WHATSAPP_STATUS, parseWhatsAppWebhook } from './webhook.js'

/** Defaults of {@link WhatsAppDriverOptions}. */
export const WHATSAPP_DEFAULTS = {
  /** The Graph API version the driver was written and tested against (facebook/openapi v23.0). */
  apiVersion: 'v23.0',
  /** The Graph API origin. */
  baseUrl: 'https://graph.facebook.com',
  /** Body of an interactive message that has no text; WhatsApp requires one. */
  emptyBodyText: 'Choose an option',
  /** Whether text messages ask for a link preview. */
  previewUrl: false,
} as const

/** Options of {@link createWhatsAppDriver}. */
export interface WhatsAppDriverOptions {
  /**
   * The business phone number ID (digits), not the phone number: App Dashboard → WhatsApp → API
   * Setup, or WhatsApp Manager → Phone numbers.
   */
  phoneNumberId: string
  /**
   * A system-user (or business-integration) access token with the `whatsapp_business_messaging`
   * permission: Business Settings → Users → System users → Generate new token.
   */
  accessToken: string
  /**
   * The App Secret (App Dashboard → App settings → Basic). Verifies webhook signatures; without it
   * the driver has no `webhook`.
   */
  appSecret?: string
  /**
   * The Verify Token you enter when subscribing the webhook; answers Meta's `hub.challenge`
   * (a wrong token is answered 403). Needs `appSecret`.
   */
  verifyToken?: string
  /** Graph API version in the request path, like `'v23.0'`. @defaultValue {@link WHATSAPP_DEFAULTS}.apiVersion (`'v23.0'`) */
  apiVersion?: string
  /**
   * Language for templates whose `template.language` is unset, e.g. `'en_US'`. Without either, a
   * template send is a `ValidationError`: WhatsApp needs the exact approved language.
   */
  templateLanguage?: string
  /**
   * Ask WhatsApp to show a link preview for the first URL in a text message (per send:
   * `providerOptions.whatsapp.previewUrl`).
   * @defaultValue {@link WHATSAPP_DEFAULTS}.previewUrl (`false`)
   */
  previewUrl?: boolean
  /**
   * Body text for an interactive message that has none (a card with only an image and buttons):
   * WhatsApp requires a body.
   * @defaultValue {@link WHATSAPP_DEFAULTS}.emptyBodyText (`'Choose an option'`)
   */
  emptyBodyText?: string
  /** Largest webhook body read, in bytes; a larger one fails verification. @defaultValue 1 MiB */
  maxWebhookBytes?: number
  /** Graph API origin; point it at a proxy or a test server. @defaultValue {@link WHATSAPP_DEFAULTS}.baseUrl (`'https://graph.facebook.com'`) */
  baseUrl?: string
  /** The `fetch` to send with, `(input, init) => Promise<Response>` (a proxy-aware one, a test double). @defaultValue the global `fetch` */
  fetch?: FetchLike
}

/**
 * What WhatsApp Cloud API shows natively: the built-in `whatsapp` profile as it stands, since that
 * profile's limits come from this same API (text 4096; one media item, captions 1024, media as the
 * header of buttons; 3 reply buttons; one CTA URL button; list of 10 rows in 10 sections; location;
 * templates). No idempotency key: the Cloud API does not de-duplicate retried sends.
 *
 * @example
 * ```ts
 * // Preview what a WhatsApp customer will get, without sending:
 * const { messages, report } = render(msg, WHATSAPP_CAPABILITIES)
 * ```
 */
export const WHATSAPP_CAPABILITIES: Readonly<DriverCapabilities> = {
  ...profiles.whatsapp,
  idempotency: 'none',
  // 80 messages per second per business number by default (error 130429 beyond) [pc:whatsapp-cloud].
  rateLimit: { perSecond: 80, burst: 80 },
}

/**
 * Creates a WhatsApp Cloud API driver. It has a `webhook` (Meta's subscription handshake,
 * `X-Hub-Signature-256` verification, messages and statuses) when `appSecret` is given.
 *
 * @throws {ValidationError} when `phoneNumberId`, `accessToken` or `apiVersion` is missing or malformed,
 * or `verifyToken` is given without `appSecret`.
 * @example
 * ```ts
 * const whatsapp = createWhatsAppDriver({
 *   phoneNumberId: '106540352242922',
 *   accessToken: process.env.WHATSAPP_TOKEN!,
 *   appSecret: process.env.META_APP_SECRET,
 *   verifyToken: process.env.WHATSAPP_VERIFY_TOKEN,
 *   templateLanguage: 'en_US',
 * })
 * ```
 */
export function createWhatsAppDriver(options: WhatsAppDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  if (!/^\d+$/.test(options.phoneNumberId ?? ''))
    issues.push({ path: ['phoneNumberId'], code: 'invalid_format', message: 'must be the numeric phone number ID from the App Dashboard, not the phone number' })
  if (typeof options.accessToken !== 'string' || options.accessToken.trim() === '') issues.push({ path: ['accessToken'], code: 'required', message: 'give an access token with whatsapp_business_messaging' })
  if (options.apiVersion !== undefined && !/^v\d+\.\d+$/.test(options.apiVersion)) issues.push({ path: ['apiVersion'], code: 'invalid_format', message: 'must look like v23.0' })
  issues.push(...metaWebhookIssues(options))
  if (issues.length) throw new ValidationError(issues, { context: 'createWhatsAppDriver()' })

  const headers = { authorization: `Bearer ${options.accessToken}` }
  const secrets = [options.accessToken, options.appSecret, options.verifyToken].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'whatsapp', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const base = (options.baseUrl ?? WHATSAPP_DEFAULTS.baseUrl).replace(/\/$/, '')
  const url = `${base}/${options.apiVersion ?? WHATSAPP_DEFAULTS.apiVersion}/${options.phoneNumberId}/messages`
  const payload = {
    previewUrl: options.previewUrl ?? WHATSAPP_DEFAULTS.previewUrl,
    emptyBodyText: options.emptyBodyText ?? WHATSAPP_DEFAULTS.emptyBodyText,
    ...(options.templateLanguage ? { templateLanguage: options.templateLanguage } : {}),
  }

  return defineDriver({
    id: 'whatsapp',
    channel: 'whatsapp',
    capabilities: WHATSAPP_CAPABILITIES,
    usesCredentials: true,
    async doSend({ to, message, signal, providerOptions }) {
      const bodies = toWhatsAppBodies(message, to, payload, readProviderOptions(providerOptions?.whatsapp))
      const ids: string[] = []
      const raw: unknown[] = []
      for (const [i, json] of bodies.entries()) {
        try {
          const res = await httpRequest(ctx, { url, json, headers, signal })
          if (res.status < 200 || res.status >= 300) throw whatsappError(ctx, res)
          const body = res.json as { messages?: Array<{ id?: unknown }> } | undefined
          const id = body?.messages?.[0]?.id
          if (typeof id !== 'string' || id === '') throw unreadableSuccess(ctx, res)
          ids.push(id)
          raw.push(body)
        } catch (err) {
          if (i === 0 || signal.aborted || !AnychannelError.isInstance(err)) throw err
          // Part of this message is already on the customer's phone: retrying or failing over
          // would repeat it, so the outcome is reported as unknown rather than failed.
          const cause = err as AnychannelError & Partial<ProviderError>
          throw new ProviderError(
            redact(`whatsapp: part ${i + 1} of ${bodies.length} failed after ${ids.join(', ')} was accepted: ${err.message}`, ctx.secrets),
            {
              driver: ctx.driver,
              ...(cause.status !== undefined ? { status: cause.status } : {}),
              ...(cause.providerCode !== undefined ? { providerCode: cause.providerCode } : {}),
              ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
              ambiguous: true,
              cause: err,
            },
          )
        }
      }
      return { providerMessageIds: ids, status: 'accepted', raw: raw.length === 1 ? raw[0] : raw }
    },
    ...metaDriverWebhook(options, parseWhatsAppWebhook),
  })
}
