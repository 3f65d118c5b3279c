/**
 * What the Meta drivers (WhatsApp Cloud API, Messenger) share: the Graph API error body and the
 * webhook scheme (the `hub.challenge` subscription handshake and `X-Hub-Signature-256` over the
 * raw body).
 *
 * @module
 */
import type { ChannelEvent } from '../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, hmac, readBody, readJson, timingSafeEqual, toHex } from '../webhooks/crypto.js'
import type { DriverWebhook } from './contract.js'
import type { HttpResponse } from './http.js'

/** The fields of a Graph API error (`{ error: { message, code, error_subcode, fbtrace_id, … } }`) a driver maps. */
export interface GraphErrorFields {
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
export function graphError(res: HttpResponse): GraphErrorFields {
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
