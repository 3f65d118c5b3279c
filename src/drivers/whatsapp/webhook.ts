import type { MediaType } from '../../message/types.js'
import type { ChannelEvent, DeliveryStatus, InboundEvent, StatusEvent } from '../../webhooks/events.js'
import { type Obj, arr, obj, str } from '../../webhooks/json.js'

/**
 * Cloud API `statuses[].status` → anychannel status. Statuses can arrive out of order and `read`
 * may come without `delivered`; other values (none are documented today) are ignored.
 */
export const WHATSAPP_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
}

const MEDIA_TYPES: Readonly<Record<string, MediaType>> = { image: 'image', video: 'video', audio: 'audio', document: 'file', sticker: 'image' }

/** A wa_id / phone number in digits becomes E.164, matching the `to` that was sent. */
const phone = (v: string): string => (/^\d+$/.test(v) ? `+${v}` : v)

function epochMs(v: unknown): number {
  const s = Number(v)
  return Number.isFinite(s) && s > 0 ? s * 1000 : Date.now()
}

function inbound(m: Obj, business: string): InboundEvent | undefined {
  const id = str(m.id)
  const from = str(m.from)
  if (!id || !from) return undefined
  const e: InboundEvent = {
    type: 'inbound',
    channel: 'whatsapp',
    provider: 'whatsapp',
    from: phone(from),
    to: business,
    at: epochMs(m.timestamp),
    providerMessageId: id,
    // Meta re-delivers a webhook it could not hand over with the same wamid.
    eventId: id,
    raw: m,
  }
  const type = str(m.type) ?? ''
  const kind = MEDIA_TYPES[type]
  if (type === 'text') {
    const body = str(obj(m.text)?.body)
    if (body !== undefined) e.text = body
  } else if (kind) {
    const media = obj(m[type]) ?? {}
    const mediaId = str(media.id)
    const mimeType = str(media.mime_type)
    const caption = str(media.caption)
    // The Cloud API sends a media id, not a URL: GET /{media-id} with the access token resolves it.
    e.media = [{ type: kind, ...(mediaId ? { id: mediaId } : {}), ...(mimeType ? { mimeType } : {}), ...(caption ? { caption } : {}) }]
    if (caption) e.text = caption
  } else if (type === 'location') {
    const l = obj(m.location) ?? {}
    const latitude = Number(l.latitude)
    const longitude = Number(l.longitude)
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
      const name = str(l.name)
      const address = str(l.address)
      e.location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) }
    }
  } else if (type === 'interactive') {
    const i = obj(m.interactive) ?? {}
    const choice = obj(i.button_reply) ?? obj(i.list_reply)
    const payload = str(choice?.id)
    if (payload !== undefined) {
      const title = str(choice?.title) ?? payload
      e.reply = { payload, title, source: 'native' }
      e.text = title
    }
  } else if (type === 'button') {
    // A tap on a template's quick-reply button.
    const b = obj(m.button) ?? {}
    const payload = str(b.payload)
    if (payload !== undefined) {
      const title = str(b.text) ?? payload
      e.reply = { payload, title, source: 'native' }
      e.text = title
    }
  }
  return e
}

function status(s: Obj): StatusEvent | undefined {
  const id = str(s.id)
  const value = str(s.status)
  const mapped = value !== undefined ? WHATSAPP_STATUS[value] : undefined
  if (!id || !value || !mapped) return undefined
  const e: StatusEvent = {
    type: 'status',
    channel: 'whatsapp',
    provider: 'whatsapp',
    providerMessageId: id,
    status: mapped,
    at: epochMs(s.timestamp),
    // Meta gives a status update no id of its own; the message id and status identify it.
    eventId: `${id}:${value}`,
    raw: s,
  }
  const recipient = str(s.recipient_id)
  if (recipient) e.recipient = phone(recipient)
  const err = obj(arr(s.errors)[0])
  if (err) {
    const code = typeof err.code === 'number' || typeof err.code === 'string' ? String(err.code) : undefined
    const title = str(err.message) ?? str(err.title)
    const details = str(obj(err.error_data)?.details)
    const message = [title, details].filter(Boolean).join(': ')
    e.error = { ...(code ? { code } : {}), ...(message ? { message } : {}) }
  }
  return e
}

/**
 * Turns a Cloud API webhook body into events: `messages[]` become inbound events, `statuses[]`
 * status events. Other fields (group updates, account alerts) give no event. Check the signature
 * first (`driver.webhook.verify`): this only reads an already trusted body.
 *
 * @example
 * ```ts
 * // e.g. a body taken from a queue after the HTTP handler verified it
 * for (const event of parseWhatsAppWebhook(JSON.parse(body))) handle(event)
 * ```
 */
export function parseWhatsAppWebhook(body: unknown): ChannelEvent[] {
  const root = obj(body)
  if (!root || root.object !== 'whatsapp_business_account') return []
  const events: ChannelEvent[] = []
  for (const entry of arr(root.entry)) {
    for (const change of arr(obj(entry)?.changes)) {
      const c = obj(change)
      const value = obj(c?.value)
      if (!c || !value || c.field !== 'messages') continue
      const meta = obj(value.metadata) ?? {}
      const digits = (str(meta.display_phone_number) ?? '').replace(/\D/g, '')
      const business = digits ? `+${digits}` : (str(meta.phone_number_id) ?? str(obj(entry)?.id) ?? '')
      for (const m of arr(value.messages)) {
        const e = obj(m) && inbound(obj(m) as Obj, business)
        if (e) events.push(e)
      }
      for (const s of arr(value.statuses)) {
        const e = obj(s) && status(obj(s) as Obj)
        if (e) events.push(e)
      }
    }
  }
  return events
}
