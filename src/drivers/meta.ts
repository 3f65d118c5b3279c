/**
 * What the Meta drivers (WhatsApp Cloud API, Messenger) share: the Graph API error body and the
 * webhook scheme (the `hub.challenge` subscription handshake and `X-Hub-Signature-256` over the
 * raw body).
 *
 * @module
 */
import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError, type ValidationIssue } from '../errors.js'
import type { ChannelEvent } from '../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, hmac, readBody, readJson, timingSafeEqual, toHex } from '../webhooks/crypto.js'
import type { DriverWebhook } from './contract.js'
import { type ErrorInit, type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from './http.js'

/** The fields of a Graph API error (`{ error: { message, code, error_subcode, fbtrace_id, … } }`) a driver maps. */
interface GraphErrorFields {
  code: number | undefined
  subcode: number | undefined
  /** Meta's message, or `HTTP <status>` when there is none. */
  text: string
  /** `fbtrace_id`, or the `x-fb-trace-id` header. */
  trace: string | undefined
  isTransient: boolean
  /** The error object as sent, for driver-specific fields (`error_data.details`, `error_user_msg`). */
  raw: Record<string, unknown>
}

/** Reads a Graph API error response. */
function graphError(res: HttpResponse): GraphErrorFields {
  const e = (res.json as { error?: unknown } | undefined)?.error
  const raw = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {}
  return {
    code: typeof raw.code === 'number' ? raw.code : undefined,
    subcode: typeof raw.error_subcode === 'number' ? raw.error_subcode : undefined,
    text: typeof raw.message === 'string' ? raw.message : `HTTP ${res.status}`,
    trace: typeof raw.fbtrace_id === 'string' ? raw.fbtrace_id : (res.headers.get('x-fb-trace-id') ?? undefined),
    isTransient: raw.is_transient === true,
    raw,
  }
}

/** How one Meta driver reads the Graph error codes: the tables {@link graphErrorToAnychannel} maps by. */
export interface GraphErrorTable {
  /** Meta's explanation beyond `message` (`error_data.details`, `error_user_msg`), appended to the error message. */
  detail(raw: Record<string, unknown>): string | undefined
  /** Why this code (and subcode) means the recipient cannot be reached here, or `undefined`. */
  recipient(code: number, subcode: number | undefined): string | undefined
  /** Codes meaning a credential or permission problem. */
  isAuth(code: number): boolean
  /** Throttling codes: the request was not processed, retry after a wait. */
  rateCodes: ReadonlySet<number>
  /** Codes meaning "temporary failure, not accepted": safe to retry. */
  transientCodes: ReadonlySet<number>
  /** Driver-specific codes, checked after the rate codes. */
  special?(code: number, message: string, init: ErrorInit): AnychannelError | undefined
}

/**
 * Maps a Graph API error response to an anychannel error, in this order: recipient codes →
 * `RecipientError` (fail over); auth codes → `AuthError`; rate codes → `RateLimitError` (with the
 * `Retry-After` delay when there is one); the driver's special codes; HTTP 401/403 → `AuthError`;
 * HTTP 429 → `RateLimitError`; otherwise `ProviderError` with the status defaults, retryable when
 * the code is transient (or `is_transient`) unless the status makes the outcome ambiguous (502/504,
 * where the answer may not be Meta's). The message is `<driver>: <text> (code c/subcode)[: detail]`,
 * passed through `redact()`.
 */
export function graphErrorToAnychannel(ctx: HttpContext, res: HttpResponse, t: GraphErrorTable): AnychannelError {
  const e = graphError(res)
  const { code, subcode, text, trace } = e
  const detail = t.detail(e.raw)
  const retryAfter = retryAfterMs(res.headers)
  const init: ErrorInit = errorInit(ctx, res, code, trace)
  const tag = code === undefined ? '' : ` (code ${code}${subcode !== undefined ? `/${subcode}` : ''})`
  const message = redact(`${ctx.driver}: ${text}${tag}${detail && !text.includes(detail) ? `: ${detail}` : ''}`, ctx.secrets)
  const withDelay = withRetryAfter(retryAfter)

  if (code !== undefined) {
    const reason = t.recipient(code, subcode)
    if (reason) return new RecipientError(redact(`${message}; ${reason}`, ctx.secrets), init)
    if (t.isAuth(code)) return new AuthError(message, init)
    if (t.rateCodes.has(code)) return new RateLimitError(message, { ...init, ...withDelay })
    const special = t.special?.(code, message, init)
    if (special) return special
  }
  if (res.status === 401 || res.status === 403) return new AuthError(message, init)
  if (res.status === 429) return new RateLimitError(message, { ...init, ...withDelay })
  const defaults = statusDefaults(res.status, retryAfter)
  const transient = (code !== undefined && t.transientCodes.has(code)) || e.isTransient
  return new ProviderError(message, { ...init, ...defaults, ...(transient && !defaults.ambiguous ? { retryable: true } : {}) })
}

/** The webhook options of a Meta driver (`createWhatsAppDriver`, `createMessengerDriver`). */
export interface MetaDriverWebhookOptions {
  appSecret?: string
  verifyToken?: string
  maxWebhookBytes?: number
}

/** What is wrong with a Meta driver's webhook options: an empty app secret, or a verify token without one. */
export function metaWebhookIssues(o: MetaDriverWebhookOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (o.appSecret !== undefined && o.appSecret === '') issues.push({ path: ['appSecret'], code: 'required', message: 'must not be empty' })
  if (o.verifyToken && !o.appSecret) issues.push({ path: ['appSecret'], code: 'required', message: 'verifyToken subscribes a webhook whose posts only appSecret can verify' })
  return issues
}

/** The `webhook` of a Meta driver, when it has an app secret to verify posts with; spread into the driver. */
export function metaDriverWebhook(o: MetaDriverWebhookOptions, parse: (body: unknown) => ChannelEvent[]): { webhook?: DriverWebhook } {
  if (!o.appSecret) return {}
  return {
    webhook: metaWebhook({
      appSecret: o.appSecret,
      ...(o.verifyToken ? { verifyToken: o.verifyToken } : {}),
      ...(o.maxWebhookBytes !== undefined ? { maxBodyBytes: o.maxWebhookBytes } : {}),
      parse,
    }),
  }
}

/** Options of {@link metaWebhook}. */
export interface MetaWebhookOptions {
  /** The Meta App Secret: Meta signs every POST with it (`X-Hub-Signature-256`). */
  appSecret: string
  /** The Verify Token typed in the App Dashboard, for the subscription handshake. */
  verifyToken?: string
  /** Largest body accepted. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /** Turns the (verified) JSON body into events. */
  parse(body: unknown): ChannelEvent[]
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

/** A Meta webhook: handshake, signature check, parsing, and the plain 200 Meta expects. */
export function metaWebhook(o: MetaWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  return {
    async handshake(request) {
      if (request.method !== 'GET') return undefined
      const q = new URL(request.url).searchParams
      if (!q.has('hub.mode') && !q.has('hub.verify_token') && !q.has('hub.challenge')) return undefined
      const token = q.get('hub.verify_token')
      const challenge = q.get('hub.challenge')
      if (q.get('hub.mode') === 'subscribe' && o.verifyToken && token !== null && challenge !== null && timingSafeEqual(token, o.verifyToken))
        return new Response(challenge, { status: 200, headers: TEXT })
      return new Response('verify token mismatch', { status: 403, headers: TEXT })
    },
    async verify(request) {
      const given = request.headers.get('x-hub-signature-256')?.trim().toLowerCase()
      if (!given?.startsWith('sha256=')) return false
      // The HMAC covers the raw bytes as received; re-serialised JSON would not match.
      const raw = await readBody(request, max)
      if (!raw) return false
      return timingSafeEqual(`sha256=${toHex(await hmac('SHA-256', o.appSecret, raw))}`, given)
    },
    async parse(request) {
      const body = await readJson(request, max)
      return body === undefined ? [] : o.parse(body)
    },
    acknowledge() {
      // Meta only needs a 200; anything else makes it re-deliver (for up to 7 days).
      return new Response(null, { status: 200 })
    },
  }
}
