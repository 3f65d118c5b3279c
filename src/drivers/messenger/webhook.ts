import type { MediaType } from '../../message/types.js'
import type { ChannelEvent, DeliveryStatus, InboundEvent, StatusEvent } from '../../webhooks/events.js'
import { type Obj, arr, nonEmptyStr, obj } from '../../webhooks/json.js'

/**
 * Messenger webhook event → anychannel status. Messenger has no per-message status field: a
 * `delivery` event (`message_deliveries`) lists the ids of the messages delivered (`mids`), and
 * each becomes a `delivered` status event. A `read` event (`message_reads`) carries only a
 * watermark ("everything before this time was read") and names no message, so it gives no status
 * event; {@link messengerWatermarks} returns it for apps that track send times themselves.
 */
export const MESSENGER_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  delivery: 'delivered',
}

/** A `read` or `delivery` watermark: everything the Page sent to `psid` before `watermark` was read / delivered. */
export interface MessengerWatermark {
  /** Which webhook event it came from. */
  event: 'read' | 'delivery'
  /** The person (page-scoped id) who read or received the messages. */
  psid: string
  /** The Page that sent them. */
  pageId: string
  /** Epoch milliseconds: messages the Page sent before this time are read / delivered. */
  watermark: number
}

const MEDIA_TYPES: Readonly<Record<string, MediaType>> = { image: 'image', video: 'video', audio: 'audio', file: 'file' }

const ms = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined)

function message(ev: Obj, from: string, to: string, at: number): InboundEvent | undefined {
  const m = obj(ev.message)
  const mid = nonEmptyStr(m?.mid)
  // Echoes are copies of what the Page itself sent (is_echo): not a customer's message.
  if (!m || !mid || m.is_echo === true) return undefined
  const e: InboundEvent = { type: 'inbound', channel: 'messenger', provider: 'messenger', from, to, at, providerMessageId: mid, eventId: mid, raw: ev }
  const text = typeof m.text === 'string' ? m.text : undefined
  if (text !== undefined) e.text = text
  const media: NonNullable<InboundEvent['media']> = []
  for (const a of arr(m.attachments)) {
    const kind = MEDIA_TYPES[nonEmptyStr(obj(a)?.type) ?? '']
    const url = nonEmptyStr(obj(obj(a)?.payload)?.url)
    if (kind && url) media.push({ type: kind, url })
  }
  if (media.length) e.media = media
  const payload = nonEmptyStr(obj(m.quick_reply)?.payload)
  if (payload !== undefined) e.reply = { payload, title: text ?? payload, source: 'native' }
  return e
}

function postback(ev: Obj, from: string, to: string, at: number): InboundEvent | undefined {
  const p = obj(ev.postback)
  const payload = nonEmptyStr(p?.payload)
  if (!p || payload === undefined) return undefined
  const title = nonEmptyStr(p.title) ?? payload
  const mid = nonEmptyStr(p.mid)
  // Older postbacks carry no mid: the sender and the time identify the tap for de-duplication.
  const id = mid ?? `postback:${from}:${at}`
  return { type: 'inbound', channel: 'messenger', provider: 'messenger', from, to, at, text: title, reply: { payload, title, source: 'native' }, providerMessageId: id, eventId: id, raw: ev }
}

function deliveries(ev: Obj, psid: string, at: number): StatusEvent[] {
  const d = obj(ev.delivery)
  if (!d) return []
  const when = ms(d.watermark) ?? at
  const out: StatusEvent[] = []
  for (const mid of arr(d.mids)) {
    if (typeof mid !== 'string' || mid === '') continue
    out.push({
      type: 'status',
      channel: 'messenger',
      provider: 'messenger',
      providerMessageId: mid,
      status: 'delivered',
      at: when,
      ...(psid ? { recipient: psid } : {}),
      // Meta gives a delivery no id of its own; the message id and status identify it.
      eventId: `${mid}:delivered`,
      raw: ev,
    })
  }
  return out
}

function events(body: unknown): Array<{ ev: Obj; pageId: string; time: number | undefined }> {
  const root = obj(body)
  if (!root || root.object !== 'page') return []
  const out: Array<{ ev: Obj; pageId: string; time: number | undefined }> = []
  for (const entry of arr(root.entry)) {
    const en = obj(entry)
    if (!en) continue
    const pageId = nonEmptyStr(en.id) ?? ''
    for (const ev of arr(en.messaging)) {
      const o = obj(ev)
      if (o) out.push({ ev: o, pageId, time: ms(en.time) })
    }
  }
  return out
}

/**
 * Turns a Messenger webhook body (`{ object: 'page', entry: [{ messaging: [...] }] }`) into events:
 * `message` → an inbound event (text, files with their URL, a quick-reply tap as `reply`),
 * `postback` (a button tap) → an inbound event with `reply`, `delivery` → one `delivered` status
 * event per message id. Echoes, `read` watermarks, reactions, referrals and other events give none.
 * Check the signature first (`driver.webhook.verify`): this only reads an already trusted body.
 *
 * @example
 * ```ts
 * // e.g. a body taken from a queue after the HTTP handler verified it
 * for (const event of parseMessengerWebhook(JSON.parse(body))) handle(event)
 * ```
 */
export function parseMessengerWebhook(body: unknown): ChannelEvent[] {
  const out: ChannelEvent[] = []
  for (const { ev, pageId, time } of events(body)) {
    const from = nonEmptyStr(obj(ev.sender)?.id) ?? ''
    const to = nonEmptyStr(obj(ev.recipient)?.id) ?? pageId
    const at = ms(ev.timestamp) ?? time ?? Date.now()
    if (ev.message !== undefined) {
      const e = from ? message(ev, from, to, at) : undefined
      if (e) out.push(e)
    } else if (ev.postback !== undefined) {
      const e = from ? postback(ev, from, to, at) : undefined
      if (e) out.push(e)
    } else if (ev.delivery !== undefined) {
      // In a delivery event the sender is the person who received our messages.
      out.push(...deliveries(ev, from, at))
    }
  }
  return out
}

/**
 * The `read` and `delivery` watermarks of a Messenger webhook body. A `read` event names no
 * message, so {@link parseMessengerWebhook} gives no status for it; an app that stores when it sent
 * each message can mark those sent before `watermark` as read.
 *
 * @example
 * ```ts
 * for (const w of messengerWatermarks(JSON.parse(body))) if (w.event === 'read') markReadBefore(w.psid, w.watermark)
 * ```
 */
export function messengerWatermarks(body: unknown): MessengerWatermark[] {
  const out: MessengerWatermark[] = []
  for (const { ev, pageId } of events(body)) {
    const psid = nonEmptyStr(obj(ev.sender)?.id)
    const page = nonEmptyStr(obj(ev.recipient)?.id) ?? pageId
    for (const event of ['read', 'delivery'] as const) {
      const watermark = ms(obj(ev[event])?.watermark)
      if (psid && watermark !== undefined) out.push({ event, psid, pageId: page, watermark })
    }
  }
  return out
}
