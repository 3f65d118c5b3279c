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
  /** What kind of media it is; picks the provider's message type (a `file` is a document). */
  type: MediaType
  /** Absolute `https:` (or `http:`) URL the provider will fetch (at most 2048 characters). */
  url: string
  /** MIME type, e.g. `'image/jpeg'`; some channels need it to pick the right message kind. */
  mimeType?: string
  /**
   * Caption shown with the media where the channel supports captions; elsewhere it travels in the
   * message text. 1–1024 characters.
   */
  caption?: string
  /** File name shown for `file` media, 1–255 characters. */
  filename?: string
  /** Size in bytes, when known; lets rendering respect per-channel size limits. */
  sizeBytes?: number
}

/** A button (or quick reply) that sends `payload` back when tapped. Build it with {@link reply}. */
export interface ReplyButton {
  /** Discriminates the button kind. */
  type: 'reply'
  /** What the user sees, 1–1024 characters (each channel shortens it to its own limit). Titles in one group must differ. */
  title: string
  /** What comes back in the inbound event (`event.reply.payload`), 1–256 characters. */
  payload: string
}

/** A button that opens a URL. Build it with {@link link}. */
export interface UrlButton {
  /** Discriminates the button kind. */
  type: 'url'
  /** The button label, 1–1024 characters; on text-only channels it precedes the URL (`Title: https://…`). */
  title: string
  /** Absolute `https:`/`http:` URL. */
  url: string
}

/** A button that starts a phone call. Build it with {@link call}. */
export interface CallButton {
  /** Discriminates the button kind. */
  type: 'call'
  /** The button label, 1–1024 characters; on text-only channels it precedes the number (`Title: +1…`). */
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

/**
 * One card: a title, text, one media item and buttons. Two or more cards make a carousel. A card
 * needs at least a title, text or media. Build it with {@link card}.
 */
export interface Card {
  /** Headline, 1–1024 characters; shown plain (markup removed) and shortened to the channel's card title limit. */
  title?: string
  /** Body, 1–20,000 characters; shortened to the channel's card text limit. */
  text?: string
  /** One media item. Cards take images (RCS and web chat also video); with other media the card goes out as a media message, or a link. */
  media?: Media
  /** Up to 50 buttons of any kind, titles distinct; a channel's cards carry fewer (3 on Messenger). */
  buttons?: Button[]
}

/** One row of a list picker. Picking it sends `id` back as the reply payload. */
export interface ListItem {
  /** Sent back as `event.reply.payload` when picked; 1–200 characters, unique across the list. */
  id: string
  /** The row's label, 1–1024 characters (WhatsApp shows 24). */
  title: string
  /** A second line under the title, 1–1024 characters (WhatsApp shows 72); dropped where the list becomes buttons. */
  description?: string
}

/** A group of rows in a list picker. */
export interface ListSection {
  /** Section heading, 1–1024 characters. With several sections, untitled ones are merged into one (WhatsApp needs a title on each). */
  title?: string
  /** The rows, at least one (at most 100 across all sections). */
  items: ListItem[]
}

/** A list picker: a button that opens a menu of rows, grouped in sections. */
export interface ListPicker {
  /** Label of the button that opens the list, e.g. `'Choose a slot'`. */
  button: string
  /** One to 50 sections of rows. */
  sections: ListSection[]
}

/** A point on the map. Build it with {@link location}. */
export interface Location {
  /** Degrees north, −90 to 90 (WGS 84). */
  latitude: number
  /** Degrees east, −180 to 180 (WGS 84). */
  longitude: number
  /** Name of the place, e.g. `'Acme Store'`, 1–1024 characters. */
  name?: string
  /** Street address, 1–1024 characters. */
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
  /** One to 10 media items; channels that take one per message get several messages. */
  media?: Media[]
  /** One card is a rich card; two or more are a carousel (at most 50). */
  cards?: Card[]
  /** A list picker; becomes buttons or numbered options where the channel has no lists. */
  list?: ListPicker
  /** Buttons attached to the message body (1–50, titles distinct). */
  buttons?: Button[]
  /** Chips shown under the message (1–50, titles distinct). */
  quickReplies?: QuickReply[]
  /** A location pin; a maps link in the text where the channel has no location messages. */
  location?: Location
  /** A pre-approved template, sent as such where the channel has templates; see {@link Template}. */
  template?: Template
  /** The author's own text version and a link to the full content, for channels that cannot show it all. */
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
  /** E.164 number for WhatsApp (a `whatsapp:` prefix is accepted), when it differs from `phone`. */
  whatsapp?: string
  /** Telegram chat id (numeric) or `@channelname`. */
  telegram?: string
  /** Messenger page-scoped id (PSID). */
  messenger?: string
  /** LINE user, group or room id. */
  line?: string
  /** E.164 number for Viber, when it differs from `phone`. */
  viber?: string
  /** E.164 number for RCS, when it differs from `phone`. */
  rcs?: string
  /** The person's preferred channels, most preferred first. */
  prefers?: string[]
}

/** A recipient: an E.164 number (or a channel address) or a contact. */
export type Recipient = string | Contact
