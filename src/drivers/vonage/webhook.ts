import type { DriverWebhook } from '../contract.js'
import type { ChannelEvent, DeliveryStatus, InboundEvent, StatusEvent } from '../../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, readBody, readJson, sha256, timingSafeEqual, toHex } from '../../webhooks/crypto.js'
import type { MediaType } from '../../message/types.js'
import { verifyHs256 } from './jwt.js'
import { VONAGE_WIRE_CHANNEL, type VonageChannel } from './payload.js'
import { nonEmptyStr, obj, type Obj } from '../../webhooks/json.js'

/**
 * Oldest signed-webhook token accepted, in seconds. Vonage's guide suggests rejecting tokens older
 * than a few minutes (signature.json: "e.g. older than 5 minutes").
 */
export const VONAGE_DEFAULT_MAX_TOKEN_AGE_SECONDS = 300

// Tokens issued slightly "in the future" are clock skew between Vonage and this machine.
const CLOCK_SKEW_SECONDS = 60

/** Options of the Vonage webhook. */
export interface VonageWebhookOptions {
  /** The account's signature secret (Dashboard → API settings) that signs the webhook JWTs (HS256). */
  signatureSecret: string
  /** The channel of the driver, used when a payload does not say. */
  channel: VonageChannel
  /**
   * Reject tokens whose `iat` is older than this; `false` turns the check off.
   * @defaultValue {@link VONAGE_DEFAULT_MAX_TOKEN_AGE_SECONDS} (300)
   */
  maxTokenAgeSeconds?: number | false
  /** Largest body accepted. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /** The clock, in ms since the epoch (for tests). @defaultValue `Date.now` */
  now?: () => number
}

/** Vonage status webhook `status` → anychannel status. */
export const VONAGE_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  submitted: 'sent', // handed to the carrier / provider
  delivered: 'delivered',
  read: 'read',
  rejected: 'failed', // refused by Vonage or the provider, or TTL expired; error.title holds the code
  undeliverable: 'undelivered', // the provider could not deliver it
}

/** Messages API `channel` → anychannel channel kind. */
const CHANNELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(VONAGE_WIRE_CHANNEL).map(([ours, wire]) => [wire, ours]))

const MEDIA_TYPES: ReadonlyArray<[string, MediaType, string?]> = [
  ['image', 'image'],
  ['video', 'video'],
  ['audio', 'audio'],
  ['file', 'file'],
  ['sticker', 'image'],
  ['vcard', 'file', 'text/vcard'],
]

/** Numbers come without `+`; anychannel speaks E.164. Page ids, agent ids and sender names pass unchanged. */
function e164(channel: string, address: string): string {
  return channel !== 'messenger' && /^[1-9]\d{6,14}$/.test(address) ? `+${address}` : address
}

function timestamp(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN
  return Number.isNaN(t) ? Date.now() : t
}

function statusEvent(b: Obj, fallbackChannel: string): StatusEvent | undefined {
  const uuid = nonEmptyStr(b.message_uuid)
  const status = nonEmptyStr(b.status)
  const mapped = status ? VONAGE_STATUS[status] : undefined
  if (!uuid || !status || !mapped) return undefined
  const channel = CHANNELS[nonEmptyStr(b.channel) ?? ''] ?? fallbackChannel
  const e: StatusEvent = {
    type: 'status',
    channel,
    provider: 'vonage',
    providerMessageId: uuid,
    status: mapped,
    at: timestamp(b.timestamp),
    eventId: `${uuid}:${status}`,
    raw: b,
  }
  const to = nonEmptyStr(b.to)
  if (to) e.recipient = e164(channel, to)
  const err = obj(b.error)
  if (err) {
    const code = nonEmptyStr(err.title) ?? nonEmptyStr(err.type)?.split('#').pop()
    const message = nonEmptyStr(err.detail)
    e.error = { ...(code ? { code } : {}), ...(message ? { message } : {}) }
  }
  return e
}

function inboundEvent(b: Obj, fallbackChannel: string): InboundEvent | undefined {
  const uuid = nonEmptyStr(b.message_uuid)
  if (!uuid) return undefined
  const channel = CHANNELS[nonEmptyStr(b.channel) ?? ''] ?? fallbackChannel
  const e: InboundEvent = {
    type: 'inbound',
    channel,
    provider: 'vonage',
    from: e164(channel, nonEmptyStr(b.from) ?? ''),
    to: e164(channel, nonEmptyStr(b.to) ?? ''),
    at: timestamp(b.timestamp),
    providerMessageId: uuid,
    eventId: uuid,
    raw: b,
  }
  const text = nonEmptyStr(b.text)
  if (text) e.text = text
  for (const [key, type, mimeType] of MEDIA_TYPES) {
    const m = obj(b[key])
    const url = m && nonEmptyStr(m.url)
    if (!m || !url) continue
    const caption = nonEmptyStr(m.caption)
    e.media = [...(e.media ?? []), { type, url, ...(mimeType ? { mimeType } : {}), ...(caption ? { caption } : {}) }]
  }
  const loc = obj(b.location)
  if (loc && typeof loc.lat === 'number' && typeof loc.long === 'number') {
    const name = nonEmptyStr(loc.name)
    const address = nonEmptyStr(loc.address)
    e.location = { latitude: loc.lat, longitude: loc.long, ...(name ? { name } : {}), ...(address ? { address } : {}) }
  }
  // A tap on a WhatsApp reply button or list row, or on an RCS suggested reply (postback_data as id).
  const reply = obj(b.reply)
  const replyId = reply && nonEmptyStr(reply.id)
  if (reply && replyId) e.reply = { payload: replyId, title: nonEmptyStr(reply.title) ?? replyId, source: 'native' }
  // A WhatsApp template quick-reply button, or an RCS suggested action.
  const button = obj(b.button)
  const payload = button && nonEmptyStr(button.payload)
  if (button && payload) e.reply = { payload, title: nonEmptyStr(button.text) ?? payload, source: 'native' }
  if (e.reply && !e.text) e.text = e.reply.title
  return e
}

/** Creates the webhook half of the Vonage driver: signed-webhook verification and parsing. */
export function vonageWebhook(o: VonageWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  const maxAge = o.maxTokenAgeSeconds ?? VONAGE_DEFAULT_MAX_TOKEN_AGE_SECONDS
  const now = o.now ?? Date.now
  return {
    async verify(request) {
      const auth = request.headers.get('authorization') ?? ''
      const token = /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1]
      if (!token) return false
      const raw = await readBody(request, max)
      if (!raw) return false
      const claims = await verifyHs256(token, o.signatureSecret)
      if (!claims) return false
      // The signature covers the claims, not the body: payload_hash binds the token to this body.
      if (typeof claims.payload_hash !== 'string') return false
      if (!timingSafeEqual(toHex(await sha256(raw)), claims.payload_hash.toLowerCase())) return false
      const seconds = now() / 1000
      if (typeof claims.exp === 'number' && seconds > claims.exp + CLOCK_SKEW_SECONDS) return false
      if (maxAge !== false) {
        if (typeof claims.iat !== 'number') return false
        if (seconds - claims.iat > maxAge || claims.iat - seconds > CLOCK_SKEW_SECONDS) return false
      }
      return true
    },
    async parse(request) {
      const body = await readJson(request, max)
      if (body === undefined) return []
      const b = obj(body)
      if (!b) return []
      // Status webhooks carry `status`; inbound messages carry `message_type`.
      const event: ChannelEvent | undefined = nonEmptyStr(b.status) !== undefined && nonEmptyStr(b.message_type) === undefined ? statusEvent(b, o.channel) : inboundEvent(b, o.channel)
      return event ? [event] : []
    },
  }
}
