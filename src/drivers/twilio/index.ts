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
  /** Account SID (`AC…`), from the Twilio Console. */
  accountSid: string
  /** Auth token. Give this, or `apiKey` + `apiSecret`. It also verifies webhooks. */
  authToken?: string
  /** API key SID (`SK…`). */
  apiKey?: string
  apiSecret?: string
  /** Sender: an E.164 number you own (for WhatsApp, your WhatsApp-enabled number). */
  from?: string
  /** Or a Messaging Service SID (`MG…`) that picks the sender. */
  messagingServiceSid?: string
  /** URL Twilio posts delivery statuses to. */
  statusCallback?: string
  /**
   * What this driver sends.
   * @defaultValue `'sms'`
   */
  channel?: 'sms' | 'mms' | 'whatsapp'
  /** The public URL of your webhook as configured in Twilio, when your app sees another (proxies). */
  webhookUrl?: string
  /** @defaultValue `'https://api.twilio.com'` */
  baseUrl?: string
  fetch?: FetchLike
}

/**
 * What Twilio shows on each channel. WhatsApp through the Messages API carries free-form text,
 * one media item and location pins; interactive buttons and lists need Content API templates.
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
 * Creates a Twilio driver.
 *
 * @throws {ValidationError} when credentials or the sender are missing or malformed.
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

  return defineDriver({
    id: 'twilio',
    channel,
    capabilities: TWILIO_CAPABILITIES[channel],
    usesCredentials: true,
    async doSend({ to, message, signal, providerOptions }) {
      const form = toTwilioForm(
        message,
        to,
        {
          channel,
          ...(options.from ? { from: options.from } : {}),
          ...(options.messagingServiceSid ? { messagingServiceSid: options.messagingServiceSid } : {}),
          ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
        },
        providerOptions?.twilio,
      )
      const res = await httpRequest(ctx, { url, form, headers: { authorization, accept: 'application/json' }, signal })
      if (res.status < 200 || res.status >= 300) throw twilioError(ctx, res)
      const body = res.json as { sid?: unknown; status?: unknown } | undefined
      if (!body || typeof body.sid !== 'string') throw unreadableSuccess(ctx, res)
      const status = body.status === 'sent' || body.status === 'sending' ? 'sent' : 'queued'
      return { providerMessageIds: [body.sid], status, raw: body }
    },
    ...(options.authToken || options.apiSecret
      ? {
          webhook: twilioWebhook({
            authToken: (options.authToken ?? options.apiSecret) as string,
            channel,
            ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
          }),
        }
      : {}),
  })
}
