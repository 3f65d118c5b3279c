import type { MediaType } from '../../message/types.js'
import type { ChannelEvent, InboundEvent } from '../../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, hmac, readBody, readJson, timingSafeEqual, toBase64 } from '../../webhooks/crypto.js'
import type { DriverWebhook } from '../contract.js'
import { type Obj, obj, str } from '../../webhooks/json.js'

/** The header LINE signs every webhook request with. */
export const LINE_SIGNATURE_HEADER = 'x-line-signature'

/** Options of the LINE webhook. */
export interface LineWebhookOptions {
  /** The channel secret (LINE Developers Console → your channel → Basic settings). */
  channelSecret: string
  /** Largest body accepted, in bytes. @defaultValue 1 MiB ({@link DEFAULT_MAX_WEBHOOK_BYTES}) */
  maxBodyBytes?: number
}

const MEDIA: Readonly<Record<string, MediaType>> = { image: 'image', video: 'video', audio: 'audio', file: 'file' }

/** The conversation an event came from: the user, or the group chat / multi-person chat it was posted in. */
function conversation(source: Obj | undefined): string | undefined {
  if (!source) return undefined
  if (source.type === 'group') return str(source.groupId)
  if (source.type === 'room') return str(source.roomId)
  return str(source.userId)
}

function inbound(e: Obj, destination: string): InboundEvent | undefined {
  const from = conversation(obj(e.source))
  if (!from) return undefined
  const message = obj(e.message)
  const eventId = str(e.webhookEventId)
  const providerMessageId = str(message?.id) ?? eventId
  if (!providerMessageId) return undefined
  const timestamp = Number(e.timestamp)
  const out: InboundEvent = {
    type: 'inbound',
    channel: 'line',
    provider: 'line',
    from,
    to: destination,
    at: Number.isFinite(timestamp) && timestamp > 0 ? timestamp : Date.now(),
    providerMessageId,
    // A redelivered event (deliveryContext.isRedelivery) keeps its webhookEventId, so the client
    // emits it once.
    ...(eventId ? { eventId } : {}),
    raw: e,
  }
  if (e.type === 'postback') {
    const data = str(obj(e.postback)?.data)
    if (data === undefined) return undefined
    // The postback event carries only `data` (and datetime-picker `params`), not the label tapped.
    out.reply = { payload: data, title: data, source: 'native' }
    return out
  }
  const type = str(message?.type) ?? ''
  const kind = MEDIA[type]
  if (type === 'text') {
    const text = str(message?.text)
    if (text !== undefined) out.text = text
  } else if (kind && message) {
    // LINE sends an id, not the content: GET https://api-data.line.me/v2/bot/message/{id}/content with
    // the channel access token fetches it; content the user shared from elsewhere has its own URL.
    const provider = obj(message.contentProvider)
    const url = provider?.type === 'external' ? str(provider.originalContentUrl) : undefined
    out.media = [{ type: kind, id: providerMessageId, ...(url ? { url } : {}) }]
  } else if (type === 'location' && message) {
    const latitude = Number(message.latitude)
    const longitude = Number(message.longitude)
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
      const name = str(message.title)
      const address = str(message.address)
      out.location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) }
    }
  } else if (type === 'sticker' && message) {
    // Only "message stickers" carry text the user typed; the sticker itself stays in `raw`.
    const text = str(message.text)
    if (text) out.text = text
  }
  return out
}

/**
 * Turns a LINE webhook body (`{ destination, events[] }`) into events: `message` events (text,
 * image, video, audio, file, location, sticker) and `postback` events (button and quick-reply taps,
 * with `reply.payload`) become inbound events; follow, unfollow, join, leave, unsend and other
 * events give none. An empty `events` array (LINE's connectivity check) gives `[]`. Check the
 * signature first (`driver.webhook.verify`): this only reads an already trusted body.
 *
 * @example
 * ```ts
 * // e.g. a body taken from a queue after the HTTP handler verified it
 * for (const event of parseLineWebhook(JSON.parse(body))) handle(event)
 * ```
 */
export function parseLineWebhook(body: unknown): ChannelEvent[] {
  const root = obj(body)
  const destination = str(root?.destination)
  if (!root || destination === undefined || !Array.isArray(root.events)) return []
  const events: ChannelEvent[] = []
  for (const raw of root.events) {
    const e = obj(raw)
    if (!e || (e.type !== 'message' && e.type !== 'postback')) continue
    const event = inbound(e, destination)
    if (event) events.push(event)
  }
  return events
}

/** Creates the webhook half of the LINE driver: signature check, parsing, acknowledgement. */
export function lineWebhook(o: LineWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  return {
    async verify(request) {
      const given = request.headers.get(LINE_SIGNATURE_HEADER)
      if (!given) return false
      // The HMAC covers the raw bytes as received; re-serialised JSON would not match.
      const raw = await readBody(request, max)
      if (!raw) return false
      return timingSafeEqual(toBase64(await hmac('SHA-256', o.channelSecret, raw)), given.trim())
    },
    async parse(request) {
      const body = await readJson(request, max)
      if (body === undefined) return []
      return parseLineWebhook(body)
    },
    acknowledge() {
      // LINE only needs a 200, quickly; anything else counts as a failed delivery (and a redelivery
      // when that is switched on).
      return new Response(null, { status: 200 })
    },
  }
}
