/**
 * Telegram Bot API: text, photos, videos, audio, documents, albums, locations and venues with
 * inline keyboards; webhooks authenticated by the `secret_token` of `setWebhook`.
 *
 * @module
 */
import { narrowCapabilities } from '../../channels/narrow.js'
import { profiles } from '../../channels/profiles.js'
import { type Store, createMemoryStore } from '../../client/store.js'
import { ProviderError, ValidationError, type ValidationIssue } from '../../errors.js'
import { type DriverCapabilities, type DriverReceipt, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, type HttpResponse, httpRequest, redact, unreadableSuccess } from '../http.js'
import { callbackKey, callbackStoreKey, fitsCallbackData } from './callback.js'
import { telegramError } from './errors.js'
import { type TelegramParseMode, chatIdOf, replyPayloads, toTelegramRequests } from './payload.js'
import { telegramWebhook } from './webhook.js'

export type { TelegramParseMode } from './payload.js'
export { SECRET_TOKEN_HEADER } from './webhook.js'

/** Defaults of {@link createTelegramDriver}. */
export const TELEGRAM_DEFAULTS = {
  /** The Bot API server. */
  baseUrl: 'https://api.telegram.org',
  /** Formatting of text and captions (Telegram `parse_mode`). */
  parseMode: 'MarkdownV2' as TelegramParseMode,
  /** How long the key of a long callback payload resolves back to it: 30 days. */
  callbackTtlMs: 30 * 24 * 60 * 60 * 1000,
} as const

/** Options of {@link createTelegramDriver}. */
export interface TelegramDriverOptions {
  /** The bot's token from `@BotFather` (`123456789:AA…`). It is part of every request URL; errors never show it. */
  botToken: string
  /**
   * The parse mode of every text and caption. render() writes and escapes the text in this dialect.
   * @defaultValue {@link TELEGRAM_DEFAULTS}.parseMode (`'MarkdownV2'`)
   */
  parseMode?: TelegramParseMode
  /**
   * The `secret_token` you gave `setWebhook` (1–256 characters of `A-Z a-z 0-9 _ -`). Enables
   * `driver.webhook`: requests without this exact `X-Telegram-Bot-Api-Secret-Token` are rejected.
   */
  secretToken?: string
  /** Largest webhook body accepted, in bytes; a larger one fails verification. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /**
   * Where the keys of reply payloads longer than `callback_data`'s 64 bytes are kept, so a tap
   * resolves back to the payload. Pass the client's shared store when several processes send or
   * receive: with the default in-memory store, a tap after a restart keeps the raw key as payload.
   * @defaultValue `createMemoryStore()`
   */
  store?: Store
  /** How long such a key resolves, in ms. @defaultValue {@link TELEGRAM_DEFAULTS}.callbackTtlMs (30 days) */
  callbackTtlMs?: number
  /** The Bot API server: a proxy, a local `telegram-bot-api` server or a test server. @defaultValue {@link TELEGRAM_DEFAULTS}.baseUrl (`'https://api.telegram.org'`) */
  baseUrl?: string
  /** A `fetch` to use instead of the global one, `(input, init) => Promise<Response>` (a proxy-aware one, a test double). @defaultValue `globalThis.fetch` */
  fetch?: FetchLike
}

function capabilities(parseMode: TelegramParseMode): DriverCapabilities {
  return {
    ...narrowCapabilities(profiles.telegram, {
      text: { formatting: parseMode === 'HTML' ? 'telegram-html' : 'telegram-markdown-v2' },
      // Buttons, quick replies and URL buttons all become one inline keyboard, so the profile's
      // 100 buttons per keyboard caps them together.
      maxActionsPerMessage: 100,
    }),
    idempotency: 'none',
    // Bot FAQ: about 30 messages per second overall and 1 per second in one chat [pc:telegram].
    rateLimit: { perSecond: 30, perRecipientPerSecond: 1 },
  }
}

/**
 * What the driver shows natively, per parse mode: the `telegram` profile with text in that dialect,
 * and reply buttons, quick replies and URL buttons capped together at 100 (one inline keyboard).
 * Telegram has no idempotency key.
 *
 * @example
 * ```ts
 * // Preview what a chat would get, without a driver:
 * render(message({ text: 'Hi **Ada**', buttons: [reply('Track', 'TRACK')] }), TELEGRAM_CAPABILITIES.HTML)
 * // → messages[0].text === 'Hi <b>Ada</b>'
 * ```
 */
export const TELEGRAM_CAPABILITIES: Readonly<Record<TelegramParseMode, DriverCapabilities>> = {
  MarkdownV2: capabilities('MarkdownV2'),
  HTML: capabilities('HTML'),
}

const TOKEN = /^(\d+):[A-Za-z0-9_-]+$/
const SECRET = /^[A-Za-z0-9_-]{1,256}$/

interface SentMessage {
  message_id: number
  chat: { id: number | string }
}

function sentMessages(res: HttpResponse): SentMessage[] | undefined {
  const body = res.json as { ok?: unknown; result?: unknown } | undefined
  if (!body || body.ok !== true) return undefined
  const list = Array.isArray(body.result) ? body.result : [body.result]
  const ok = list.every((m: unknown) => {
    const r = m as Partial<SentMessage> | null
    return typeof r?.message_id === 'number' && (typeof r.chat?.id === 'number' || typeof r.chat?.id === 'string')
  })
  return ok && list.length > 0 ? (list as SentMessage[]) : undefined
}

/**
 * Creates a Telegram Bot API driver. Recipients are chat ids (`'123456789'`, `'-1001234567890'`)
 * or `'@channelname'`, never phone numbers.
 *
 * Reply payloads longer than 64 bytes (the `callback_data` limit) are sent as a short key
 * (`~` + 16 characters, from the payload's SHA-256) kept in `store`; a tap resolves it back.
 *
 * @throws {ValidationError} when `botToken`, `parseMode`, `secretToken`, `callbackTtlMs`,
 * `maxBodyBytes` or `baseUrl` is missing or malformed (the message never repeats the token).
 * @example
 * ```ts
 * const telegram = createTelegramDriver({
 *   botToken: process.env.TELEGRAM_BOT_TOKEN!,
 *   secretToken: process.env.TELEGRAM_WEBHOOK_SECRET,
 * })
 * const client = createClient({ channels: { telegram } })
 * await client.send({ to: '123456789', message: message({ text: 'Hi **Ada**', quickReplies: [reply('Track', 'TRACK')] }) })
 * ```
 */
export function createTelegramDriver(options: TelegramDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  const token = typeof options.botToken === 'string' ? options.botToken : ''
  const tokenMatch = TOKEN.exec(token)
  if (!tokenMatch) issues.push({ path: ['botToken'], code: 'invalid_format', message: 'must be the token from @BotFather, like 123456789:AAE… (digits, a colon, then letters, digits, _ and -)' })
  const parseMode = options.parseMode ?? TELEGRAM_DEFAULTS.parseMode
  if (parseMode !== 'MarkdownV2' && parseMode !== 'HTML') issues.push({ path: ['parseMode'], code: 'invalid_value', message: "must be 'MarkdownV2' or 'HTML'" })
  if (options.secretToken !== undefined && !SECRET.test(options.secretToken))
    issues.push({ path: ['secretToken'], code: 'invalid_format', message: 'must be 1-256 characters of A-Z, a-z, 0-9, _ and - (as setWebhook accepts)', limit: 256 })
  const ttl = options.callbackTtlMs ?? TELEGRAM_DEFAULTS.callbackTtlMs
  if (!Number.isInteger(ttl) || ttl <= 0) issues.push({ path: ['callbackTtlMs'], code: 'invalid_value', message: 'must be a positive whole number of milliseconds' })
  if (options.maxBodyBytes !== undefined && (!Number.isInteger(options.maxBodyBytes) || options.maxBodyBytes <= 0))
    issues.push({ path: ['maxBodyBytes'], code: 'invalid_value', message: 'must be a positive whole number of bytes' })
  const base = (options.baseUrl ?? TELEGRAM_DEFAULTS.baseUrl).replace(/\/+$/, '')
  if (!URL.canParse(base) || !/^https?:/.test(base)) issues.push({ path: ['baseUrl'], code: 'invalid_format', message: 'must be an http(s) URL' })
  if (issues.length) throw new ValidationError(issues, { context: 'createTelegramDriver()' })

  const botId = (tokenMatch as RegExpExecArray)[1] as string
  const store = options.store ?? createMemoryStore()
  // The token travels in the URL path: scrub it (and the path segment) from anything that could
  // end up in an error.
  const secrets = [token, `bot${token}`, options.secretToken].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'telegram', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const endpoint = (method: string) => `${base}/bot${token}/${method}`

  /** callback_data for every reply payload of the message: the payload, or the key of a long one. */
  async function callbackTable(payloads: readonly string[]): Promise<Map<string, string>> {
    const table = new Map<string, string>()
    for (const payload of payloads) if (!table.has(payload)) table.set(payload, fitsCallbackData(payload) ? payload : await callbackKey(payload))
    return table
  }

  /** Saves key → payload for every long payload, before anything is sent. */
  async function saveKeys(table: ReadonlyMap<string, string>): Promise<void> {
    for (const [payload, data] of table) {
      if (data === payload) continue
      try {
        await store.set(callbackStoreKey(data), payload, ttl)
      } catch (err) {
        // Nothing was sent yet: safe to retry, but a tap could not be resolved without the key.
        throw new ProviderError(redact(`telegram: could not save a callback key in the store (${err instanceof Error ? err.message : String(err)}); message not sent`, secrets), {
          driver: 'telegram',
          retryable: true,
        })
      }
    }
  }

  return defineDriver({
    id: 'telegram',
    channel: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES[parseMode],
    usesCredentials: true,
    async doSend({ to, message, signal, providerOptions }): Promise<DriverReceipt> {
      const chatId = chatIdOf(to)
      const table = await callbackTable(replyPayloads(message))
      const requests = toTelegramRequests(message, chatId, { parseMode, callbackData: (p) => table.get(p) ?? p }, providerOptions?.telegram)
      await saveKeys(table)
      const ids: string[] = []
      const raw: unknown[] = []
      for (const [i, req] of requests.entries()) {
        let res: HttpResponse
        try {
          res = await httpRequest(ctx, { url: endpoint(req.method), json: req.body, signal })
        } catch (err) {
          if (i === 0 || signal.aborted) throw err
          throw partlySent(i, requests.length, ids, err)
        }
        const sent = res.status >= 200 && res.status < 300 ? sentMessages(res) : undefined
        if (!sent) {
          const err = res.status >= 200 && res.status < 300 && (res.json as { ok?: unknown } | undefined)?.ok !== false ? unreadableSuccess(ctx, res) : telegramError(ctx, res)
          throw i === 0 ? err : partlySent(i, requests.length, ids, err)
        }
        for (const m of sent) ids.push(`${m.chat.id}:${m.message_id}`)
        raw.push(res.json)
      }
      return { providerMessageIds: ids, status: 'sent', raw: raw.length === 1 ? raw[0] : raw }
    },
    ...(options.secretToken !== undefined
      ? {
          webhook: telegramWebhook({
            secretToken: options.secretToken,
            botId,
            ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
            async resolveCallback(key) {
              const value = await store.get(callbackStoreKey(key))
              return typeof value === 'string' ? value : undefined
            },
          }),
        }
      : {}),
  })
}

/**
 * A message Telegram needs several calls for (media of kinds one album cannot mix) failed after
 * some calls were accepted: neither a retry nor another channel may repeat those, so the failure is
 * reported as ambiguous (the client raises `DeliveryUnknownError`).
 */
function partlySent(accepted: number, total: number, ids: readonly string[], cause: unknown): ProviderError {
  const why = cause instanceof Error ? cause.message : String(cause)
  const status = ProviderError.isInstance(cause) ? cause.status : undefined
  return new ProviderError(`telegram: ${accepted} of ${total} calls for this message were accepted (messages ${ids.join(', ')}) before one failed: ${why}`, {
    driver: 'telegram',
    ...(status !== undefined ? { status } : {}),
    ambiguous: true,
    retryable: false,
    failover: false,
    cause,
  })
}
