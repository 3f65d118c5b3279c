import type { Location } from '../../message/types.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, readBody, readJson, timingSafeEqual } from '../../webhooks/crypto.js'
import type { ChannelEvent, InboundEvent } from '../../webhooks/events.js'
import type { DriverWebhook } from '../contract.js'
import { isCallbackKey } from './callback.js'
import { str } from '../../webhooks/json.js'

/** The header Telegram echoes the `secret_token` of `setWebhook` in (https://core.telegram.org/bots/api#setwebhook). */
export const SECRET_TOKEN_HEADER = 'X-Telegram-Bot-Api-Secret-Token'

/** Options of the Telegram webhook. */
export interface TelegramWebhookOptions {
  /** The `secret_token` given to `setWebhook`. */
  secretToken: string
  /** The bot's user id (the digits before `:` in its token): the `to` of inbound events. */
  botId: string
  /** Largest body accepted. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /** Looks up the payload behind a short callback key; `undefined` when the store no longer has it. */
  resolveCallback(key: string): Promise<string | undefined>
}

type Media = NonNullable<InboundEvent['media']>[number]

interface FileLike {
  file_id?: unknown
  mime_type?: unknown
}

interface PhotoSize {
  file_id?: unknown
  width?: unknown
  height?: unknown
  file_size?: unknown
}

interface TgMessage {
  message_id?: unknown
  date?: unknown
  chat?: { id?: unknown }
  text?: unknown
  caption?: unknown
  photo?: unknown
  video?: FileLike
  video_note?: FileLike
  animation?: FileLike
  audio?: FileLike
  voice?: FileLike
  document?: FileLike
  sticker?: FileLike & { is_video?: unknown }
  live_photo?: FileLike & { photo?: unknown }
  location?: { latitude?: unknown; longitude?: unknown }
  venue?: { location?: { latitude?: unknown; longitude?: unknown }; title?: unknown; address?: unknown }
  contact?: { phone_number?: unknown; first_name?: unknown; last_name?: unknown }
  reply_markup?: { inline_keyboard?: unknown }
}

interface TgCallbackQuery {
  id?: unknown
  from?: { id?: unknown }
  message?: TgMessage
  data?: unknown
}

interface TgUpdate {
  update_id?: unknown
  message?: TgMessage
  callback_query?: TgCallbackQuery
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The largest size of a photo (Telegram lists several; the last is usually the original). */
function largest(sizes: unknown): string | undefined {
  if (!Array.isArray(sizes)) return undefined
  let best: { id: string; area: number } | undefined
  for (const s of sizes as PhotoSize[]) {
    const id = str(s?.file_id)
    if (!id) continue
    const area = num(s.file_size) ?? (num(s.width) ?? 0) * (num(s.height) ?? 0)
    if (!best || area >= best.area) best = { id, area }
  }
  return best?.id
}

function file(type: Media['type'], f: FileLike | undefined): Media | undefined {
  const id = str(f?.file_id)
  if (!id) return undefined
  const mimeType = str(f?.mime_type)
  return { type, id, ...(mimeType ? { mimeType } : {}) }
}

/** Media of a message, by Telegram file_id (download with getFile): Telegram gives no URLs. */
function mediaOf(m: TgMessage): Media[] {
  const photo = largest(m.photo)
  const live = isObject(m.live_photo) ? largest(m.live_photo.photo) : undefined
  const found = [
    photo ? ({ type: 'image', id: photo } as Media) : undefined,
    // A live photo: its still image when listed, else its video part.
    live ? ({ type: 'image', id: live } as Media) : file('video', m.live_photo),
    file('video', m.video),
    file('video', m.video_note),
    file('video', m.animation),
    file('audio', m.audio),
    file('audio', m.voice),
    // An animation also arrives as `document` "for backward compatibility" (Message docs).
    m.animation ? undefined : file('file', m.document),
    file(m.sticker?.is_video === true ? 'video' : 'image', m.sticker),
  ]
  return found.filter((x): x is Media => x !== undefined)
}

function locationOf(m: TgMessage): Location | undefined {
  const v = m.venue
  const lat = num(v?.location?.latitude) ?? num(m.location?.latitude)
  const lng = num(v?.location?.longitude) ?? num(m.location?.longitude)
  if (lat === undefined || lng === undefined) return undefined
  const name = str(v?.title)
  const address = str(v?.address)
  return { latitude: lat, longitude: lng, ...(name ? { name } : {}), ...(address ? { address } : {}) }
}

function contactText(m: TgMessage): string | undefined {
  const c = m.contact
  const phone = str(c?.phone_number)
  if (!phone) return undefined
  const name = [str(c?.first_name), str(c?.last_name)].filter(Boolean).join(' ')
  return name ? `${name}, ${phone}` : phone
}

/** The title of the inline button whose callback_data is `data`, from the message it was on. */
function buttonTitle(message: TgMessage | undefined, data: string): string | undefined {
  const keyboard = message?.reply_markup?.inline_keyboard
  if (!Array.isArray(keyboard)) return undefined
  for (const row of keyboard) {
    if (!Array.isArray(row)) continue
    for (const b of row) if (isObject(b) && b.callback_data === data && typeof b.text === 'string') return b.text
  }
  return undefined
}

function parseMessage(update: TgUpdate, m: TgMessage, botId: string): InboundEvent | undefined {
  const chat = num(m.chat?.id)
  const id = num(m.message_id)
  if (chat === undefined || id === undefined) return undefined
  const text = str(m.text) ?? str(m.caption) ?? contactText(m)
  const media = mediaOf(m)
  const location = locationOf(m)
  // Service messages (members joining, pinned messages, …) carry nothing a customer wrote.
  if (text === undefined && media.length === 0 && !location) return undefined
  return {
    type: 'inbound',
    channel: 'telegram',
    provider: 'telegram',
    from: String(chat),
    to: botId,
    at: num(m.date) !== undefined ? (num(m.date) as number) * 1000 : Date.now(),
    providerMessageId: `${chat}:${id}`,
    eventId: String(update.update_id),
    ...(text !== undefined ? { text } : {}),
    ...(media.length ? { media } : {}),
    ...(location ? { location } : {}),
    raw: update,
  }
}

async function parseCallback(update: TgUpdate, q: TgCallbackQuery, o: TelegramWebhookOptions): Promise<InboundEvent | undefined> {
  const data = str(q.data)
  const id = str(q.id)
  // Game buttons send game_short_name instead of data: not a reply anychannel sent.
  if (data === undefined || id === undefined) return undefined
  const chat = num(q.message?.chat?.id) ?? num(q.from?.id)
  if (chat === undefined) return undefined
  const payload = (isCallbackKey(data) ? await o.resolveCallback(data) : undefined) ?? data
  const title = buttonTitle(q.message, data) ?? payload
  return {
    type: 'inbound',
    channel: 'telegram',
    provider: 'telegram',
    from: String(chat),
    to: o.botId,
    // A callback query has no date of its own (the message's date is when the bot sent it).
    at: Date.now(),
    text: title,
    reply: { payload, title, source: 'native' },
    providerMessageId: id,
    eventId: String(update.update_id),
    raw: update,
  }
}

function callbackQueryId(events: readonly ChannelEvent[]): string | undefined {
  for (const e of events) {
    if (e.type !== 'inbound' || !e.reply) continue
    const q = isObject(e.raw) ? e.raw.callback_query : undefined
    if (isObject(q) && typeof q.id === 'string') return q.id
  }
  return undefined
}

/** Creates the webhook half of the Telegram driver. */
export function telegramWebhook(o: TelegramWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  return {
    async verify(request) {
      // Telegram sends the secret as is, no signature over the body (setWebhook docs).
      const given = request.headers.get(SECRET_TOKEN_HEADER)
      if (given === null) return false
      if (!(await readBody(request, max))) return false
      return timingSafeEqual(given, o.secretToken)
    },
    async parse(request) {
      const update = await readJson(request, max)
      if (update === undefined) return []
      if (!isObject(update) || num(update.update_id) === undefined) return []
      const u = update as TgUpdate
      // edited_message, channel_post, my_chat_member … are not messages from a customer.
      const event = isObject(u.message) ? parseMessage(u, u.message, o.botId) : isObject(u.callback_query) ? await parseCallback(u, u.callback_query, o) : undefined
      return event ? [event] : []
    },
    acknowledge(events) {
      // The webhook reply may carry one Bot API call (https://core.telegram.org/bots/api#making-requests-when-getting-updates):
      // answering the callback query there stops the spinner on the user's button.
      const id = callbackQueryId(events)
      if (id === undefined) return new Response(null, { status: 200 })
      return new Response(JSON.stringify({ method: 'answerCallbackQuery', callback_query_id: id }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    },
  }
}
