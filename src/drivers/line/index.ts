/**
 * LINE Messaging API: push messages (text, images, buttons and carousel templates, Flex bubbles,
 * quick replies, locations) with a retry key on every request, and webhooks signed with the
 * channel secret.
 *
 * @module
 */
import { narrowCapabilities } from '../../channels/narrow.js'
import { profiles } from '../../channels/profiles.js'
import { ValidationError, type ValidationIssue } from '../../errors.js'
import { type DriverCapabilities, type DriverReceipt, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, type HttpResponse, httpRequest, unreadableSuccess } from '../http.js'
import { lineError } from './errors.js'
import { readProviderOptions, toLinePushRequest } from './payload.js'
import { lineRetryKey } from './retry-key.js'
import { lineWebhook } from './webhook.js'

export { LineRequestError, type LineRequestErrorInit } from './errors.js'
export { LINE_ID, type LineProviderOptions } from './payload.js'
export { lineRetryKey } from './retry-key.js'
export { LINE_SIGNATURE_HEADER, parseLineWebhook } from './webhook.js'

/** Defaults of {@link createLineDriver}. */
export const LINE_DEFAULTS = {
  /** The Messaging API origin. */
  baseUrl: 'https://api.line.me',
  /**
   * Longest `altText` the driver writes for a template message (the text LINE shows in
   * notifications and the chat list). The reference now allows 1500; 400 was the limit for years
   * and still fits every client.
   */
  altTextMaxLength: 400,
  /** Push with a notification unless told otherwise. */
  notificationDisabled: false,
} as const

const MB = 1024 * 1024

/**
 * What the LINE driver shows natively: the built-in `line` profile (text 5000; 13 quick replies;
 * reply, URL and call buttons; cards and carousels of up to 10; locations), narrowed where LINE
 * needs data the message model does not carry:
 *
 * - **images only**: a video message needs a separate preview image and an audio message its
 *   duration in milliseconds; the model has one URL per media item and no duration, so video and
 *   audio go as links in the text (files too: LINE cannot send them).
 * - **images up to 1 MB** (when `sizeBytes` is known): LINE wants a preview next to every image
 *   (≤ 1 MB) and the driver gives the image itself, so larger images go as links.
 *
 * Buttons and cards the templates cannot hold (more than four buttons on one message, text over
 * 160 characters with buttons, a card without buttons, a carousel whose cards differ in layout or
 * carry four buttons) are sent as Flex Messages, which have none of those rules, so nothing else is
 * narrowed. Pushes carry a retry key: `idempotency: 'native'`.
 *
 * @example
 * ```ts
 * // Preview what a LINE user will get, without sending:
 * const { messages, report } = render(msg, LINE_CAPABILITIES)
 * ```
 */
export const LINE_CAPABILITIES: Readonly<DriverCapabilities> = {
  ...narrowCapabilities(profiles.line, {
    media: { types: ['image'], maxBytes: { image: MB } },
  }),
  idempotency: 'native',
  // 2,000 requests per second per channel for push [pc:line]; the burst is ours: it absorbs timer
  // granularity and stays within 1 % of the documented rate in any one-second window.
  rateLimit: { perSecond: 2000, burst: 20 },
}

/** Options of {@link createLineDriver}. */
export interface LineDriverOptions {
  /**
   * A channel access token (long-lived, or a v2.1 / stateless token you renew yourself): LINE
   * Developers Console → your Messaging API channel → Messaging API tab → Channel access token.
   */
  channelAccessToken: string
  /**
   * The channel secret (Basic settings tab). Verifies webhook signatures; without it the driver has
   * no `webhook`.
   */
  channelSecret?: string
  /**
   * Push every message without a notification (`notificationDisabled`); a send can override it
   * with `providerOptions.line.notificationDisabled`.
   * @defaultValue `false`
   */
  notificationDisabled?: boolean
  /** Largest webhook body read, in bytes. @defaultValue 1 MiB */
  maxWebhookBytes?: number
  /** The Messaging API origin: a proxy or a test server. @defaultValue `'https://api.line.me'` */
  baseUrl?: string
  /** A `fetch` to use instead of the global one. @defaultValue `globalThis.fetch` */
  fetch?: FetchLike
}

interface SentMessage {
  id: string
}

function sentMessages(json: unknown): SentMessage[] | undefined {
  const list = (json as { sentMessages?: unknown } | undefined)?.sentMessages
  if (!Array.isArray(list) || list.length === 0) return undefined
  return list.every((m: unknown) => typeof (m as { id?: unknown } | null)?.id === 'string' && (m as SentMessage).id !== '') ? (list as SentMessage[]) : undefined
}

/**
 * Creates a LINE Messaging API driver. Recipients are LINE user, group chat or multi-person chat
 * IDs (`U…`, `C…`, `R…` + 32 hex digits, as webhook events give them), never phone numbers; in a
 * contact, use the `line` field.
 *
 * Every push carries `X-Line-Retry-Key` (from the send's idempotency key, see
 * {@link lineRetryKey}), so the client may retry any failure: LINE accepts a key once and answers
 * a repeat with 409, which the driver reports as the success it was, with the ids LINE accepted.
 *
 * @throws {ValidationError} when `channelAccessToken` is missing, or `channelSecret`, `baseUrl`,
 * `notificationDisabled` or `maxWebhookBytes` is malformed (the message never repeats a credential).
 * @example
 * ```ts
 * const line = createLineDriver({
 *   channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN!,
 *   channelSecret: process.env.LINE_CHANNEL_SECRET,
 * })
 * const client = createClient({ channels: { line } })
 * await client.send({ to: { line: 'U4af4980629b1f5ab6c7aadbd8d5a5c2a' }, message: message({ text: 'Your order has shipped' }) })
 * ```
 */
export function createLineDriver(options: LineDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  const token = typeof options.channelAccessToken === 'string' ? options.channelAccessToken : ''
  if (token.trim() === '' || /\s/.test(token)) issues.push({ path: ['channelAccessToken'], code: 'required', message: 'give the channel access token from the LINE Developers Console (no spaces)' })
  if (options.channelSecret !== undefined && (typeof options.channelSecret !== 'string' || options.channelSecret.trim() === ''))
    issues.push({ path: ['channelSecret'], code: 'required', message: 'must be the channel secret from the Basic settings tab, or left out' })
  if (options.notificationDisabled !== undefined && typeof options.notificationDisabled !== 'boolean')
    issues.push({ path: ['notificationDisabled'], code: 'invalid_type', message: 'must be a boolean' })
  if (options.maxWebhookBytes !== undefined && (!Number.isInteger(options.maxWebhookBytes) || options.maxWebhookBytes <= 0))
    issues.push({ path: ['maxWebhookBytes'], code: 'invalid_value', message: 'must be a positive whole number of bytes' })
  const base = (options.baseUrl ?? LINE_DEFAULTS.baseUrl).replace(/\/+$/, '')
  if (!URL.canParse(base) || !/^https?:/.test(base)) issues.push({ path: ['baseUrl'], code: 'invalid_format', message: 'must be an http(s) URL' })
  if (issues.length) throw new ValidationError(issues, { context: 'createLineDriver()' })

  const authorization = `Bearer ${token}`
  const secrets = [token, options.channelSecret].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'line', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const url = `${base}/v2/bot/message/push`
  const payload = { notificationDisabled: options.notificationDisabled ?? LINE_DEFAULTS.notificationDisabled, altTextMaxLength: LINE_DEFAULTS.altTextMaxLength }

  return defineDriver({
    id: 'line',
    channel: 'line',
    capabilities: LINE_CAPABILITIES,
    usesCredentials: true,
    async doSend({ to, message, idempotencyKey, signal, providerOptions }): Promise<DriverReceipt> {
      const json = toLinePushRequest(message, to, payload, readProviderOptions(providerOptions?.line))
      const headers = { authorization, 'x-line-retry-key': await lineRetryKey(idempotencyKey) }
      const res: HttpResponse = await httpRequest(ctx, { url, json, headers, signal })
      if (res.status >= 200 && res.status < 300) {
        const sent = sentMessages(res.json)
        if (!sent) throw unreadableSuccess(ctx, res)
        return { providerMessageIds: sent.map((m) => m.id), status: 'accepted', raw: res.json }
      }
      if (res.status === 409) {
        // The retry key was already accepted: an earlier attempt of this very send went through
        // (retrying-api-request docs). LINE repeats the accepted message ids in the body.
        return { providerMessageIds: (sentMessages(res.json) ?? []).map((m) => m.id), status: 'accepted', raw: res.json }
      }
      throw lineError(ctx, res)
    },
    ...(options.channelSecret
      ? {
          webhook: lineWebhook({
            channelSecret: options.channelSecret,
            ...(options.maxWebhookBytes !== undefined ? { maxBodyBytes: options.maxWebhookBytes } : {}),
          }),
        }
      : {}),
  })
}
