/**
 * Twilio Programmable Messaging: SMS, MMS, and WhatsApp through Twilio.
 *
 * @module
 */
import { narrowCapabilities } from '../../channels/narrow.js'
import { profiles } from '../../channels/profiles.js'
import { ValidationError, type ValidationIssue } from '../../errors.js'
import { bytes, toBase64 } from '../../webhooks/crypto.js'
import { type DriverCapabilities, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, httpRequest, unreadableSuccess } from '../http.js'
import { twilioError } from './errors.js'
import { toTwilioForm } from './payload.js'
import { twilioWebhook } from './webhook.js'

export { TWILIO_STATUS } from './webhook.js'

/** Options of {@link createTwilioDriver}. */
export interface TwilioDriverOptions {
  /** Account SID (`AC` and 32 hex characters), from the Twilio Console. */
  accountSid: string
  /**
   * The account's (primary) auth token. Give this, or `apiKey` + `apiSecret`. Twilio signs
   * webhooks with it, so it is what `driver.webhook` verifies them with.
   */
  authToken?: string
  /** API key SID (`SK…`), from Console → API keys; with `apiSecret`, used for sending instead of the auth token. */
  apiKey?: string
  /**
   * The secret of `apiKey`. Without `authToken`, webhooks are verified against this secret, which
   * Twilio does not sign with: give `authToken` too if the driver receives webhooks.
   */
  apiSecret?: string
  /** Sender: an E.164 number you own (for WhatsApp, your WhatsApp-enabled number). Give this or `messagingServiceSid`. */
  from?: string
  /** Or a Messaging Service SID (`MG…`) that picks the sender. */
  messagingServiceSid?: string
  /** URL Twilio posts this driver's delivery statuses to (`StatusCallback` of every message). */
  statusCallback?: string
  /**
   * What this driver sends; for `'whatsapp'` the `whatsapp:` prefix is added to both addresses.
   * @defaultValue `'sms'`
   */
  channel?: 'sms' | 'mms' | 'whatsapp'
  /**
   * The public URL of your webhook as configured in Twilio, when your app sees another (behind a
   * proxy): Twilio's signature covers the URL.
   * @defaultValue the URL of the incoming request
   */
  webhookUrl?: string
  /** REST API origin; point it at a proxy or a test server. @defaultValue `'https://api.twilio.com'` */
  baseUrl?: string
  /**
   * The `fetch` to send with, `(input, init) => Promise<Response>` (a proxy-aware one, a test
   * double).
   * @defaultValue the global `fetch`
   */
  fetch?: FetchLike
}

/**
 * What Twilio shows on each channel. SMS and MMS are the built-in profiles; WhatsApp through the
 * Messages API carries free-form text (1600 characters), one media item with a caption, location
 * pins and templates (sent by `template.contentSid`: a template without one fails the send with a
 * `ValidationError`); interactive buttons and lists need Content API templates. Twilio has no
 * idempotency key; the driver declares no rate limit, so the client does not pace Twilio sends.
 */
export const TWILIO_CAPABILITIES: Readonly<Record<'sms' | 'mms' | 'whatsapp', DriverCapabilities>> = {
  sms: { ...profiles.sms, idempotency: 'none' },
  mms: { ...profiles.mms, idempotency: 'none' },
  whatsapp: {
    ...narrowCapabilities(profiles.whatsapp, {
      text: { maxLength: 1600 }, // Body ≤ 1600 [tw-text]
      replyButtons: false,
      quickReplies: false,
      urlButtons: false,
      list: false,
      media: { maxPerMessage: 1, captionMaxLength: 1600, withButtons: false },
    }),
    idempotency: 'none',
  },
}

/**
 * Creates a Twilio driver for one channel. It has a `webhook` (inbound messages and status
 * callbacks, verified with `X-Twilio-Signature`) when `authToken` or `apiSecret` is given.
 *
 * @throws {ValidationError} when `accountSid` is malformed, or credentials (`authToken`, or `apiKey`
 * + `apiSecret`) or the sender (`from` or `messagingServiceSid`) are missing.
 * @example
 * ```ts
 * const sms = createTwilioDriver({ accountSid: 'AC…', authToken: process.env.TWILIO_AUTH_TOKEN, from: '+14155550100' })
 * const wa = createTwilioDriver({ accountSid: 'AC…', authToken, from: '+14155550100', channel: 'whatsapp' })
 * ```
 */
export function createTwilioDriver(options: TwilioDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  if (!/^AC[0-9a-fA-F]{32}$/.test(options.accountSid ?? '')) issues.push({ path: ['accountSid'], code: 'invalid_format', message: 'must be AC followed by 32 hex characters' })
  if (!options.authToken && !(options.apiKey && options.apiSecret))
    issues.push({ path: ['authToken'], code: 'required', message: 'give authToken, or apiKey and apiSecret' })
  if (!options.from && !options.messagingServiceSid) issues.push({ path: ['from'], code: 'required', message: 'give from or messagingServiceSid' })
  if (issues.length) throw new ValidationError(issues, { context: 'createTwilioDriver()' })

  const channel = options.channel ?? 'sms'
  const user = options.apiKey ?? options.accountSid
  const password = (options.apiKey ? options.apiSecret : options.authToken) as string
  const authorization = `Basic ${toBase64(bytes(`${user}:${password}`))}`
  const secrets = [password, authorization.slice(6), options.apiSecret, options.authToken].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'twilio', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const url = `${(options.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '')}/2010-04-01/Accounts/${options.accountSid}/Messages.json`
  const headers = { authorization }
  const payload = {
    channel,
    ...(options.from ? { from: options.from } : {}),
    ...(options.messagingServiceSid ? { messagingServiceSid: options.messagingServiceSid } : {}),
    ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
  }

  return defineDriver({
    id: 'twilio',
    channel,
    capabilities: TWILIO_CAPABILITIES[channel],
    usesCredentials: true,
    async doSend({ to, message, signal, providerOptions }) {
      const form = toTwilioForm(message, to, payload, providerOptions?.twilio)
      const res = await httpRequest(ctx, { url, form, headers, signal })
      if (res.status < 200 || res.status >= 300) throw twilioError(ctx, res)
      const body = res.json as { sid?: unknown; status?: unknown } | undefined
      if (!body || typeof body.sid !== 'string') throw unreadableSuccess(ctx, res)
      const status = body.status === 'sent' || body.status === 'sending' ? 'sent' : 'queued'
      return { providerMessageIds: [body.sid], status, raw: body }
    },
    // Twilio signs webhooks with the account's auth token, even when the API calls use an API key.
    ...(options.authToken
      ? {
          webhook: twilioWebhook({
            authToken: options.authToken,
            channel,
            ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
          }),
        }
      : {}),
  })
}
