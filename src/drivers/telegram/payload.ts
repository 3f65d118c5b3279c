import { ValidationError } from '../../errors.js'
import type { Button, Location, Media, MediaType, Message, QuickReply } from '../../message/types.js'

/** Telegram's parse modes that anychannel renders for (https://core.telegram.org/bots/api#formatting-options). */
export type TelegramParseMode = 'MarkdownV2' | 'HTML'

/** The Bot API methods the driver calls to send. */
export type TelegramSendMethod =
  | 'sendMessage'
  | 'sendPhoto'
  | 'sendVideo'
  | 'sendAudio'
  | 'sendDocument'
  | 'sendMediaGroup'
  | 'sendLocation'
  | 'sendVenue'

/** One Bot API call: `POST {baseUrl}/bot{token}/{method}` with `body` as JSON. */
export interface TelegramRequest {
  method: TelegramSendMethod
  body: Record<string, unknown>
}

/** An inline keyboard button as the driver sends it: a callback button or a URL button. */
export type TelegramInlineButton = { text: string; callback_data: string } | { text: string; url: string }

/** What the payload mapping needs besides the message. */
export interface TelegramPayloadOptions {
  parseMode: TelegramParseMode
  /** The `callback_data` for a reply payload: the payload itself, or its short key (see callback.ts). */
  callbackData(payload: string): string
}

/** Titles up to this many characters share a keyboard row with their neighbour (two per row). */
export const PAIR_TITLE_MAX_LENGTH = 16

// A chat id is an integer of at most 52 significant bits (https://core.telegram.org/bots/api#chat);
// channels and supergroups can also be addressed as @username (5–32 characters, or 4 for
// collectible usernames).
const CHAT_ID = /^-?[1-9]\d{0,15}$/
const USERNAME = /^@[A-Za-z][A-Za-z0-9_]{3,31}$/

/**
 * The `chat_id` for a recipient: a number for a numeric chat id, the string for `@channelname`.
 *
 * @throws {ValidationError} when `to` is neither (a phone number, for instance).
 */
export function chatIdOf(to: string): number | string {
  if (USERNAME.test(to)) return to
  if (CHAT_ID.test(to) && Number.isSafeInteger(Number(to))) return Number(to)
  throw new ValidationError(
    [{ path: ['to'], code: 'invalid_format', message: `"${to}" is not a Telegram chat id (digits, negative for groups) or @channelname` }],
    { context: 'telegram' },
  )
}

/** Every reply payload a message carries (reply buttons and quick replies), in order. */
export function replyPayloads(message: Message): string[] {
  const out: string[] = []
  for (const b of message.buttons ?? []) if (b.type === 'reply') out.push(b.payload)
  for (const q of message.quickReplies ?? []) out.push(q.payload)
  return out
}

function button(b: Button | QuickReply, o: TelegramPayloadOptions): TelegramInlineButton {
  if (b.type === 'url') return { text: b.title, url: b.url }
  if (b.type === 'reply') return { text: b.title, callback_data: o.callbackData(b.payload) }
  // Inline buttons open only http(s) and tg:// links, so the telegram profile has no call buttons
  // and render() writes them into the text; one here did not go through render().
  throw new ValidationError([{ path: ['buttons'], code: 'unsupported', message: 'Telegram has no call buttons: render() the message for the telegram capabilities first' }], {
    context: 'telegram',
  })
}

function rows(buttons: readonly TelegramInlineButton[]): TelegramInlineButton[][] {
  const out: TelegramInlineButton[][] = []
  for (let i = 0; i < buttons.length; i++) {
    const a = buttons[i] as TelegramInlineButton
    const b = buttons[i + 1]
    if (b && a.text.length <= PAIR_TITLE_MAX_LENGTH && b.text.length <= PAIR_TITLE_MAX_LENGTH) {
      out.push([a, b])
      i++
    } else out.push([a])
  }
  return out
}

/**
 * The inline keyboard for a message's buttons and quick replies (both are inline buttons on
 * Telegram): buttons first, then quick replies, two per row when both titles are short.
 * `undefined` when the message has neither.
 */
export function inlineKeyboard(message: Message, o: TelegramPayloadOptions): { inline_keyboard: TelegramInlineButton[][] } | undefined {
  const keyboard = [...rows((message.buttons ?? []).map((b) => button(b, o))), ...rows((message.quickReplies ?? []).map((q) => button(q, o)))]
  return keyboard.length ? { inline_keyboard: keyboard } : undefined
}

const SINGLE: Record<MediaType, { method: TelegramSendMethod; field: string }> = {
  image: { method: 'sendPhoto', field: 'photo' },
  video: { method: 'sendVideo', field: 'video' },
  audio: { method: 'sendAudio', field: 'audio' },
  file: { method: 'sendDocument', field: 'document' },
}

const INPUT_MEDIA: Record<MediaType, string> = { image: 'photo', video: 'video', audio: 'audio', file: 'document' }

// sendMediaGroup mixes photos and videos, but documents and audios only with their own kind
// (https://core.telegram.org/bots/api#sendmediagroup).
const ALBUM: Record<MediaType, 'visual' | 'audio' | 'document'> = { image: 'visual', video: 'visual', audio: 'audio', file: 'document' }

/** Splits media into groups Telegram accepts in one album, in order of first appearance. */
export function albums(media: readonly Media[]): Media[][] {
  const groups = new Map<string, Media[]>()
  for (const m of media) {
    const kind = ALBUM[m.type]
    const group = groups.get(kind)
    if (group) group.push(m)
    else groups.set(kind, [m])
  }
  return [...groups.values()]
}

function location(l: Location): TelegramRequest {
  const name = l.name || undefined
  const address = l.address || undefined
  if (name === undefined && address === undefined) return { method: 'sendLocation', body: { latitude: l.latitude, longitude: l.longitude } }
  // sendVenue needs both a title and an address; with only one of them, the coordinates stand in
  // for the address so nothing the author wrote is dropped.
  return {
    method: 'sendVenue',
    body: { latitude: l.latitude, longitude: l.longitude, title: name ?? address, address: name !== undefined && address !== undefined ? address : `${l.latitude}, ${l.longitude}` },
  }
}

/**
 * Maps a message that fits the telegram capabilities to the Bot API calls that send it, in order:
 * - text → `sendMessage { text, parse_mode, reply_markup? }`
 * - one media item → `sendPhoto` / `sendVideo` / `sendAudio` / `sendDocument` with the text as
 *   caption and the keyboard
 * - several media → one `sendMediaGroup` per album-compatible group (photos and videos together,
 *   audios together, documents together), the text as the caption of the first item
 * - location → `sendLocation`, or `sendVenue` when it has a name or address
 *
 * `extra` (from `providerOptions.telegram`, e.g. `{ disable_notification: true }`) is added to
 * every call; the fields the mapping sets win.
 *
 * @throws {ValidationError} for what the telegram profile has no native form for (cards, lists,
 * templates, call buttons, buttons on several media): render() never leaves any of them.
 * @example
 * ```ts
 * toTelegramRequests({ text: 'Hi', quickReplies: [reply('Yes', 'YES')] }, 123456789, { parseMode: 'HTML', callbackData: (p) => p })
 * // → [{ method: 'sendMessage', body: { chat_id: 123456789, text: 'Hi', parse_mode: 'HTML',
 * //      reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'YES' }]] } } }]
 * ```
 */
export function toTelegramRequests(
  message: Message,
  chatId: number | string,
  o: TelegramPayloadOptions,
  extra: Record<string, unknown> = {},
): TelegramRequest[] {
  const unmapped = (['cards', 'list', 'template'] as const).filter((k) => message[k] !== undefined)
  if (unmapped.length)
    throw new ValidationError(
      unmapped.map((k) => ({ path: [k], code: 'unsupported', message: `Telegram has no native ${k}: render() the message for the telegram capabilities first` })),
      { context: 'telegram' },
    )
  const keyboard = inlineKeyboard(message, o)
  const text = message.text !== undefined && message.text !== '' ? message.text : undefined
  const out: TelegramRequest[] = []
  const media = message.media ?? []

  if (media.length === 1) {
    const m = media[0] as Media
    const { method, field } = SINGLE[m.type]
    out.push({ method, body: { [field]: m.url, ...(text !== undefined ? { caption: text, parse_mode: o.parseMode } : {}) } })
  } else if (media.length > 1) {
    if (keyboard)
      throw new ValidationError(
        [{ path: ['buttons'], code: 'unsupported', message: 'Telegram shows no buttons on an album (sendMediaGroup): render() the message for the telegram capabilities first' }],
        { context: 'telegram' },
      )
    albums(media).forEach((group, g) => {
      const caption = g === 0 && text !== undefined ? { caption: text, parse_mode: o.parseMode } : {}
      if (group.length === 1) {
        const m = group[0] as Media
        const { method, field } = SINGLE[m.type]
        out.push({ method, body: { [field]: m.url, ...caption } })
      } else {
        out.push({ method: 'sendMediaGroup', body: { media: group.map((m, i) => ({ type: INPUT_MEDIA[m.type], media: m.url, ...(i === 0 ? caption : {}) })) } })
      }
    })
  } else if (text !== undefined) {
    out.push({ method: 'sendMessage', body: { text, parse_mode: o.parseMode } })
  }
  if (message.location) out.push(location(message.location))

  if (out.length === 0)
    throw new ValidationError([{ path: ['message'], code: 'empty', message: 'nothing Telegram can send: no text, media or location' }], { context: 'telegram' })
  if (keyboard) {
    // The keyboard goes on the call that carries the text (or the only call).
    const target = out[0] as TelegramRequest
    target.body.reply_markup = keyboard
  }
  return out.map((r) => ({ method: r.method, body: { ...extra, chat_id: chatId, ...r.body } }))
}
