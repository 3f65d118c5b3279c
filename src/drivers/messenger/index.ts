/**
 * Facebook Messenger Platform Send API (Graph API `/me/messages`): text, files by URL, button
 * templates, generic templates (cards and carousels) and quick replies, with verified webhooks.
 *
 * @module
 */
import { profiles } from '../../channels/profiles.js'
import { RecipientError, ValidationError, type ValidationIssue } from '../../errors.js'
import { type DriverCapabilities, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, httpRequest, unreadableSuccess } from '../http.js'
import { metaDriverWebhook, metaWebhookIssues } from '../meta.js'
import { messengerError } from './errors.js'
import { MESSENGER_MESSAGING_TYPES, MESSENGER_TAGS, type MessengerMessagingType, type MessengerTag, readMessengerProviderOptions, toMessengerBody } from './payload.js'
import { parseMessengerWebhook } from './webhook.js'

export { MESSENGER_RECIPIENT_CODES } from './errors.js'
export {
  MESSENGER_MESSAGING_TYPES,
  MESSENGER_TAGS,
  type MessengerMessagingType,
  type MessengerNotificationType,
  type MessengerProviderOptions,
  type MessengerTag,
} from './payload.js'
export { MESSENGER_STATUS, type MessengerWatermark, messengerWatermarks, parseMessengerWebhook } from './webhook.js'

/** Defaults of {@link MessengerDriverOptions}. */
export const MESSENGER_DEFAULTS = {
  /** The Graph API version the driver was written and tested against. */
  apiVersion: 'v23.0',
  /** The Graph API origin. */
  baseUrl: 'https://graph.facebook.com',
  /** Replies inside the 24-hour window. */
  messagingType: 'RESPONSE',
} as const

/** Options of {@link createMessengerDriver}. */
export interface MessengerDriverOptions {
  /**
   * The Page access token, with the `pages_messaging` permission: App Dashboard → Messenger →
   * Messenger API Settings → Generate access tokens (or `GET /{page-id}?fields=access_token` with a
   * user token of a Page admin). Sent as `Authorization: Bearer`, never in the URL.
   */
  pageAccessToken: string
  /**
   * The App Secret (App Dashboard → App settings → Basic). Verifies webhook signatures; without it
   * the driver has no `webhook`.
   */
  appSecret?: string
  /** The Verify Token you enter when subscribing the webhook; answers Meta's `hub.challenge`. Needs `appSecret`. */
  verifyToken?: string
  /** Graph API version. @defaultValue `'v23.0'` ({@link MESSENGER_DEFAULTS}) */
  apiVersion?: string
  /**
   * `messaging_type` of every send (a send can override it in `providerOptions.messenger`).
   * `'RESPONSE'` and `'UPDATE'` reach a person within 24 hours of their last message; after that
   * only `'MESSAGE_TAG'` with a `tag`. Giving `tag` alone implies `'MESSAGE_TAG'`.
   * @defaultValue `'RESPONSE'`, or `'MESSAGE_TAG'` when `tag` is given
   */
  messagingType?: MessengerMessagingType
  /**
   * The message tag sent with `'MESSAGE_TAG'`, e.g. `'POST_PURCHASE_UPDATE'` or `'HUMAN_AGENT'`
   * (the latter needs Meta's Human Agent permission).
   */
  tag?: MessengerTag
  /** Largest webhook body read, in bytes. @defaultValue 1 MiB */
  maxWebhookBytes?: number
  /** Graph API origin; point it at a proxy or a test server. @defaultValue `'https://graph.facebook.com'` */
  baseUrl?: string
  /** The `fetch` to send with (a proxy-aware one, a test double). @defaultValue the global `fetch` */
  fetch?: FetchLike
}

/**
 * What the Messenger Send API shows natively: the built-in `messenger` profile as it stands, since
 * its limits come from this API (text 2000; one file per message, no captions; button template
 * with 1–3 reply, URL or call buttons and 640 characters of text; 13 quick replies; generic
 * template cards with title and subtitle of 80, an image and 3 buttons; carousels of up to 10; no
 * list or location). No idempotency key: the Send API does not de-duplicate retried sends. Send
 * rate: 300 requests per second per Page for text (audio and video: 10 per second; lower it with
 * the client's `rateLimit` option when sending those in bulk).
 *
 * @example
 * ```ts
 * // Preview what a Messenger user will get, without sending:
 * const { messages, report } = render(msg, MESSENGER_CAPABILITIES)
 * ```
 */
export const MESSENGER_CAPABILITIES: Readonly<DriverCapabilities> = {
  ...profiles.messenger,
  idempotency: 'none',
  // Send API: 300 calls per second per Page for text, links, reactions and stickers [meta rate-limiting].
  rateLimit: { perSecond: 300, burst: 300 },
}

// A page-scoped id is all digits; a phone number (+…) or a username cannot be messaged here.
const PSID = /^\d+$/

/**
 * Creates a Messenger Send API driver. Recipients are page-scoped ids (PSIDs, the `sender.id` of
 * the person's webhook events), given as `to: { messenger: psid }` or as the `to` string; anything
 * else is a `RecipientError` (the client fails over to the next channel) before any request.
 *
 * @throws {ValidationError} when `pageAccessToken`, `apiVersion`, `messagingType`, `tag`,
 * `maxWebhookBytes` or `baseUrl` is missing or malformed, or `verifyToken` is given without
 * `appSecret`.
 * @example
 * ```ts
 * const messenger = createMessengerDriver({
 *   pageAccessToken: process.env.MESSENGER_PAGE_TOKEN!,
 *   appSecret: process.env.META_APP_SECRET,
 *   verifyToken: process.env.MESSENGER_VERIFY_TOKEN,
 * })
 * const client = createClient({ channels: { messenger } })
 * await client.send({ to: { messenger: '1254459154682919' }, message: message({ text: 'Hi!', quickReplies: [reply('Track', 'TRACK')] }) })
 * ```
 */
export function createMessengerDriver(options: MessengerDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  if (typeof options.pageAccessToken !== 'string' || options.pageAccessToken.trim() === '')
    issues.push({ path: ['pageAccessToken'], code: 'required', message: 'give a Page access token with pages_messaging' })
  if (options.apiVersion !== undefined && !/^v\d+\.\d+$/.test(options.apiVersion)) issues.push({ path: ['apiVersion'], code: 'invalid_format', message: 'must look like v23.0' })
  if (options.messagingType !== undefined && !MESSENGER_MESSAGING_TYPES.includes(options.messagingType))
    issues.push({ path: ['messagingType'], code: 'invalid_value', message: `must be one of ${MESSENGER_MESSAGING_TYPES.join(', ')}` })
  if (options.tag !== undefined && !MESSENGER_TAGS.includes(options.tag)) issues.push({ path: ['tag'], code: 'invalid_value', message: `must be one of ${MESSENGER_TAGS.join(', ')}` })
  if (options.messagingType === 'MESSAGE_TAG' && options.tag === undefined) issues.push({ path: ['tag'], code: 'required', message: "messagingType 'MESSAGE_TAG' needs a tag" })
  if (options.tag !== undefined && options.messagingType !== undefined && options.messagingType !== 'MESSAGE_TAG')
    issues.push({ path: ['tag'], code: 'invalid_value', message: `a tag goes with messagingType 'MESSAGE_TAG', not '${options.messagingType}'` })
  issues.push(...metaWebhookIssues(options))
  if (options.maxWebhookBytes !== undefined && (!Number.isInteger(options.maxWebhookBytes) || options.maxWebhookBytes <= 0))
    issues.push({ path: ['maxWebhookBytes'], code: 'invalid_value', message: 'must be a positive whole number of bytes' })
  const base = (options.baseUrl ?? MESSENGER_DEFAULTS.baseUrl).replace(/\/+$/, '')
  if (!URL.canParse(base) || !/^https?:/.test(base)) issues.push({ path: ['baseUrl'], code: 'invalid_format', message: 'must be an http(s) URL' })
  if (issues.length) throw new ValidationError(issues, { context: 'createMessengerDriver()' })

  const headers = { authorization: `Bearer ${options.pageAccessToken}` }
  const secrets = [options.pageAccessToken, options.appSecret, options.verifyToken].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'messenger', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const url = `${base}/${options.apiVersion ?? MESSENGER_DEFAULTS.apiVersion}/me/messages`
  const payload = {
    messagingType: options.messagingType ?? (options.tag ? 'MESSAGE_TAG' : MESSENGER_DEFAULTS.messagingType),
    ...(options.tag ? { tag: options.tag } : {}),
  }

  return defineDriver({
    id: 'messenger',
    channel: 'messenger',
    capabilities: MESSENGER_CAPABILITIES,
    usesCredentials: true,
    async doSend({ to, message, signal, providerOptions }) {
      const psid = to.trim()
      if (!PSID.test(psid))
        throw new RecipientError('messenger: the recipient must be a page-scoped id (digits, the sender.id of their webhook events), not a phone number or name', {
          driver: ctx.driver,
        })
      const json = toMessengerBody(message, psid, payload, readMessengerProviderOptions(providerOptions?.messenger))
      const res = await httpRequest(ctx, { url, json, headers, signal })
      if (res.status < 200 || res.status >= 300) throw messengerError(ctx, res)
      const body = res.json as { message_id?: unknown } | undefined
      if (typeof body?.message_id !== 'string' || body.message_id === '') throw unreadableSuccess(ctx, res)
      return { providerMessageIds: [body.message_id], status: 'sent', raw: body }
    },
    ...metaDriverWebhook(options, parseMessengerWebhook),
  })
}
