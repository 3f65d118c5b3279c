import type { DriverWebhook } from '../contract.js'
import type { ChannelEvent, DeliveryStatus, InboundEvent, StatusEvent } from '../../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, fromBase64, hmac, readJson, timingSafeEqual, toBase64, utf8 } from '../../webhooks/crypto.js'
import { type Obj, mediaTypeOf, nonEmptyStr, obj } from '../../webhooks/json.js'

/** Options of the RBM webhook. */
export interface RbmWebhookOptions {
  /**
   * The client token of the webhook configuration: RBM signs every POST with it (`X-Goog-Signature`)
   * and sends it in the one-time set-up request.
   */
  clientToken: string
  /** Our agent, the `to` of inbound events when the payload does not name it. */
  agentId: string
  /** Largest body accepted. @defaultValue 1 MiB ({@link DEFAULT_MAX_WEBHOOK_BYTES}) */
  maxBodyBytes?: number
}

/**
 * RBM `eventType` → anychannel status. `DELIVERED` and `READ` are user events about a message we
 * sent; `TTL_EXPIRATION_REVOKED` is a server event: the message's `ttl` / `expireTime` passed before
 * delivery and RBM revoked it, so it will never arrive (the client's delivery-status failover acts on
 * it). `IS_TYPING`, `TTL_EXPIRATION_REVOKE_FAILED` (expired, but may still arrive) and the announced
 * `SUBSCRIBE` / `UNSUBSCRIBE` give no status.
 */
export const RBM_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  DELIVERED: 'delivered',
  READ: 'read',
  TTL_EXPIRATION_REVOKED: 'undelivered',
}

function time(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN
  return Number.isFinite(t) ? t : Date.now()
}

function status(d: Obj): StatusEvent | undefined {
  const type = nonEmptyStr(d.eventType)
  const mapped = type ? RBM_STATUS[type] : undefined
  const messageId = nonEmptyStr(d.messageId)
  if (!type || !mapped || !messageId) return undefined
  const e: StatusEvent = {
    type: 'status',
    channel: 'rcs',
    provider: 'rbm',
    providerMessageId: messageId,
    status: mapped,
    at: time(d.sendTime),
    // RBM re-delivers an event with the same eventId.
    eventId: nonEmptyStr(d.eventId) ?? `${messageId}:${type}`,
    raw: d,
  }
  // User events name the user senderPhoneNumber, server events phoneNumber.
  const recipient = nonEmptyStr(d.senderPhoneNumber) ?? nonEmptyStr(d.phoneNumber)
  if (recipient) e.recipient = recipient
  if (mapped === 'undelivered') e.error = { code: type, message: 'the message expired before it was delivered and RBM revoked it' }
  return e
}

function inbound(d: Obj, agentId: string, fallbackId: string | undefined): InboundEvent | undefined {
  const from = nonEmptyStr(d.senderPhoneNumber)
  // The reference names a user message messageId; the newer events guide shows eventId.
  const id = nonEmptyStr(d.messageId) ?? nonEmptyStr(d.eventId) ?? fallbackId
  if (!from || !id) return undefined
  const e: InboundEvent = {
    type: 'inbound',
    channel: 'rcs',
    provider: 'rbm',
    from,
    to: nonEmptyStr(d.agentId) ?? agentId,
    at: time(d.sendTime),
    providerMessageId: id,
    eventId: id,
    raw: d,
  }
  const text = typeof d.text === 'string' ? d.text : undefined
  if (text !== undefined) e.text = text
  const response = obj(d.suggestionResponse)
  if (response) {
    // A tap on a suggested reply, or on a URL / dial action (whose postbackData is its target).
    const payload = typeof response.postbackData === 'string' ? response.postbackData : undefined
    if (payload !== undefined) {
      const title = nonEmptyStr(response.text) ?? payload
      e.reply = { payload, title, source: 'native' }
      e.text = title
    }
  }
  const file = obj(obj(d.userFile)?.payload)
  if (file) {
    const mimeType = nonEmptyStr(file.mimeType)
    const url = nonEmptyStr(file.fileUri)
    e.media = [{ type: mediaTypeOf(mimeType), ...(url ? { url } : {}), ...(mimeType ? { mimeType } : {}) }]
  }
  const l = obj(d.location)
  if (l) {
    const latitude = Number(l.latitude)
    const longitude = Number(l.longitude)
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) e.location = { latitude, longitude }
  }
  return e
}

/**
 * Turns the decoded `message.data` of an RBM webhook (a user message, user event or server event)
 * into events: user messages become inbound events, `DELIVERED` / `READ` / `TTL_EXPIRATION_REVOKED`
 * status events; anything else (typing, other event types) gives none.
 */
function parseRbmData(data: unknown, agentId: string, fallbackId?: string): ChannelEvent[] {
  const d = obj(data)
  if (!d) return []
  if (d.eventType !== undefined) {
    const e = status(d)
    return e ? [e] : []
  }
  const e = inbound(d, agentId, fallbackId)
  return e ? [e] : []
}

/** The decoded bytes of `message.data` of a push envelope, or `undefined` when there are none. */
function dataBytes(envelope: unknown): Uint8Array | undefined {
  const data = obj(obj(envelope)?.message)?.data
  if (typeof data !== 'string' || data === '') return undefined
  try {
    return fromBase64(data)
  } catch {
    return undefined
  }
}

/**
 * Turns an RBM webhook body (the Pub/Sub push envelope `{ message: { data, messageId, publishTime },
 * subscription }`) into events. Check the signature first (`driver.webhook.verify`): this only reads
 * an already trusted body.
 *
 * @example
 * ```ts
 * // e.g. a body taken from a queue after the HTTP handler verified it
 * for (const event of parseRbmWebhook(JSON.parse(body), 'acme_rbm_agent')) handle(event)
 * ```
 */
export function parseRbmWebhook(envelope: unknown, agentId: string): ChannelEvent[] {
  const raw = dataBytes(envelope)
  if (!raw) return []
  let data: unknown
  try {
    data = JSON.parse(utf8(raw))
  } catch {
    return []
  }
  return parseRbmData(data, agentId, nonEmptyStr(obj(obj(envelope)?.message)?.messageId))
}

/** Creates the webhook half of the RBM driver: set-up handshake, signature check, parsing. */
export function rbmWebhook(o: RbmWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  return {
    async handshake(request) {
      if (request.method !== 'POST') return undefined
      // Sent once when the webhook is configured: {clientToken, secret}, to be answered with the secret.
      const body = obj(await readJson(request, max))
      if (!body || Object.keys(body).length !== 2) return undefined
      const { clientToken, secret } = body
      if (typeof clientToken !== 'string' || typeof secret !== 'string' || !timingSafeEqual(clientToken, o.clientToken)) return undefined
      return new Response(secret, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    },
    async verify(request) {
      const given = request.headers.get('x-goog-signature')?.trim()
      if (!given) return false
      // The HMAC covers the base64-decoded message.data, not the HTTP body.
      const data = dataBytes(await readJson(request, max))
      if (!data) return false
      return timingSafeEqual(toBase64(await hmac('SHA-512', o.clientToken, data)), given)
    },
    async parse(request) {
      return parseRbmWebhook(await readJson(request, max), o.agentId)
    },
    acknowledge() {
      // Anything but a 2xx makes RBM re-deliver, with backoff, for up to 7 days.
      return new Response(null, { status: 200 })
    },
  }
}
