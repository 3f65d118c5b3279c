/**
 * The channel-neutral message model (v1). Plain, serialisable objects: what builders return and what
 * `parseMessage()` accepts. A hand-written object literal typed `Message` is just as valid.
 *
 * @module
 */

/** The kinds of media a message can carry. */
export type MediaType = 'image' | 'video' | 'audio' | 'file'

/** An image, video, audio clip or file, by public URL. */
export interface Media {
  type: MediaType
  /** Absolute `https:` (or `http:`) URL the provider will fetch. */
  url: string
  /** MIME type, e.g. `'image/jpeg'`; some channels need it to pick the right message kind. */
  mimeType?: string
  /** Caption shown with the media where the channel supports captions. */
  caption?: string
  /** File name shown for `file` media. */
  filename?: string
  /** Size in bytes, when known; lets rendering respect per-channel size limits. */
  sizeBytes?: number
}

/** A button (or quick reply) that sends `payload` back when tapped. */
export interface ReplyButton {
  type: 'reply'
  /** What the user sees. */
  title: string
  /** What comes back in the inbound event (`event.reply.payload`). */
  payload: string
}

/** A button that opens a URL. */
export interface UrlButton {
  type: 'url'
  title: string
  /** Absolute `https:`/`http:` URL. */
  url: string
}

/** A button that starts a phone call. */
export interface CallButton {
  type: 'call'
  title: string
  /** E.164 phone number, e.g. `'+14155550100'`. */
  phone: string
}

/** Any button. */
export type Button = ReplyButton | UrlButton | CallButton

/** The `type` of a button. */
export type ButtonType = Button['type']

/** A quick reply is a reply button shown as a chip under the message. */
export type QuickReply = ReplyButton

/** One card: a title, text, one media item and buttons. Two or more cards make a carousel. */
export interface Card {
  title?: string
  text?: string
  media?: Media
  buttons?: Button[]
}

/** One row of a list picker. Picking it sends `id` back as the reply payload. */
export interface ListItem {
  /** Sent back as `event.reply.payload` when picked. */
  id: string
  title: string
  description?: string
}

/** A group of rows in a list picker. */
export interface ListSection {
  title?: string
  items: ListItem[]
}

/** A list picker: a button that opens a menu of rows, grouped in sections. */
export interface ListPicker {
  /** Label of the button that opens the list, e.g. `'Choose a slot'`. */
  button: string
  sections: ListSection[]
}

/** A point on the map. */
export interface Location {
  latitude: number
  longitude: number
  name?: string
  address?: string
}

/**
 * A pre-approved provider template, needed for business-initiated WhatsApp messages outside the
 * 24-hour customer-service window. Channels without templates receive `fallback.text` (or the rest
 * of the message) instead.
 */
export interface Template {
  /** The template's name as approved (WhatsApp Cloud API, Vonage). */
  name: string
  /** Language code, e.g. `'en_US'`. */
  language?: string
  /** Body variables: positional (`{{1}}`, `{{2}}` …) as an array, or named as an object. */
  variables?: string[] | Record<string, string>
  /** Twilio Content API template SID (`HX…`), used when the message goes through Twilio. */
  contentSid?: string
}

/** The author's own plain version of the message, and a link to the full content. */
export interface Fallback {
  /** Used instead of automatic rendering on text-only channels (still fitted to the SMS budget). */
  text?: string
  /** Where the full content lives; kept in degraded text and used for what had to be cut. */
  url?: string
}

/**
 * A channel-neutral message. At least one of `text`, `media`, `cards`, `list`, `location` or
 * `template` must be present.
 *
 * @example
 * ```ts
 * const m: Message = {
 *   text: 'Your order **#1234** has shipped',
 *   quickReplies: [{ type: 'reply', title: 'Track', payload: 'TRACK' }],
 * }
 * ```
 */
export interface Message {
  /** The body. `**bold**`, `_italic_` and `[label](url)` are rendered in each channel's dialect. */
  text?: string
  media?: Media[]
  /** One card is a rich card; two or more are a carousel. */
  cards?: Card[]
  list?: ListPicker
  /** Buttons attached to the message body. */
  buttons?: Button[]
  /** Chips shown under the message. */
  quickReplies?: QuickReply[]
  location?: Location
  template?: Template
  fallback?: Fallback
}

/** Channel kinds anychannel knows. */
export type ChannelKind = 'sms' | 'mms' | 'whatsapp' | 'messenger' | 'rcs' | 'viber' | 'telegram' | 'line' | 'webchat'

/** The channels whose addresses are phone numbers (E.164). */
export const PHONE_CHANNELS: ReadonlySet<string> = new Set(['sms', 'mms', 'whatsapp', 'rcs', 'viber'])

/**
 * A person with an address per channel. `prefers` orders the channels for that person ahead of the
 * client's default order.
 */
export interface Contact {
  /** E.164 number, used for SMS, MMS, RCS, Viber and WhatsApp unless a more specific address is given. */
  phone?: string
  whatsapp?: string
  /** Telegram chat id (numeric) or `@channelname`. */
  telegram?: string
  /** Messenger page-scoped id (PSID). */
  messenger?: string
  /** LINE user, group or room id. */
  line?: string
  viber?: string
  rcs?: string
  /** The person's preferred channels, most preferred first. */
  prefers?: string[]
}

/** A recipient: an E.164 number (or a channel address) or a contact. */
export type Recipient = string | Contact
