import { schemas } from './schema.js'
import type {
  CallButton,
  Card,
  ListPicker,
  Location,
  Media,
  MediaType,
  Message,
  ReplyButton,
  Template,
  UrlButton,
} from './types.js'
import { validate } from './validate.js'

// Builders are plain functions returning plain objects. Each validates what it builds, so a wrong
// call fails where it is written (with the path inside the built object), not at send time.

/**
 * Builds a message and validates it.
 *
 * @throws {ValidationError} when the message breaks a model limit; every issue carries its path.
 * @example
 * ```ts
 * const m = message({
 *   text: 'Your order has shipped',
 *   buttons: [link('Track', 'https://example.com/t/1')],
 *   quickReplies: [reply('Help', 'HELP')],
 * })
 * ```
 */
export function message(init: Message): Message {
  return validate(schemas().message, init, { context: 'message()' })
}

/**
 * Validates untrusted input (JSON from a request, a browser form) as a {@link Message}.
 *
 * @throws {ValidationError} listing every issue with `path` (e.g. `['cards', 3, 'title']`), `code` and `limit`.
 * @example
 * ```ts
 * const m = parseMessage(JSON.parse(body))
 * ```
 */
export function parseMessage(json: unknown): Message {
  return validate(schemas().message, json, { context: 'invalid message' })
}

/**
 * Builds a card (one card is a rich card; two or more in `cards` make a carousel).
 *
 * @throws {ValidationError} when the card has no title, text or media, two buttons share a title,
 * or it breaks a limit.
 * @example
 * ```ts
 * card({ title: 'Blue shirt', text: '$25', media: image('https://example.com/s.jpg'), buttons: [reply('Buy', 'BUY_1')] })
 * ```
 */
export function card(init: Card): Card {
  return validate(schemas().card, init, { context: 'card()' })
}

/**
 * A reply button, also used as a quick reply: tapping it (or answering its number on SMS) sends
 * `payload` back.
 *
 * @throws {ValidationError} on an empty title or payload, or a payload longer than 256 chars.
 * @example
 * ```ts
 * reply('Track my order', 'TRACK')
 * ```
 */
export function reply(title: string, payload: string): ReplyButton {
  return validate(schemas().replyButton, { type: 'reply', title, payload }, { context: 'reply()' })
}

/**
 * A button that opens `url`. On text-only channels it becomes "Title: https://…" in the text.
 *
 * @throws {ValidationError} when `url` is not an absolute http(s) URL, or `title` is empty.
 * @example
 * ```ts
 * link('Open in browser', 'https://example.com/orders/1234')
 * ```
 */
export function link(title: string, url: string): UrlButton {
  return validate(schemas().urlButton, { type: 'url', title, url }, { context: 'link()' })
}

/**
 * A button that calls `phone`. On text-only channels it becomes "Title: +1 415…".
 *
 * @throws {ValidationError} when `phone` is not E.164, or `title` is empty.
 * @example
 * ```ts
 * call('Call us', '+14155550100')
 * ```
 */
export function call(title: string, phone: string): CallButton {
  return validate(schemas().callButton, { type: 'call', title, phone }, { context: 'call()' })
}

/** Options for the media builders ({@link image}, {@link video}, {@link audio}, {@link file}): the optional fields of {@link Media}. */
export interface MediaOptions {
  /** Caption shown with the media where the channel supports captions, 1–1024 characters. */
  caption?: string
  /** MIME type like `'image/jpeg'`; some channels need it to pick the right message kind. */
  mimeType?: string
  /** File name shown for a document, 1–255 characters. */
  filename?: string
  /** Size in bytes, when known (a non-negative integer); lets rendering respect per-channel size limits. */
  sizeBytes?: number
}

function media(type: MediaType, url: string, opts: MediaOptions | undefined, context: string): Media {
  return validate(schemas().media, { type, url, ...opts }, { context })
}

/**
 * An image by URL.
 * @throws {ValidationError} when `url` is not an absolute http(s) URL, or an option is malformed
 * (an empty caption, a MIME type without `/`, a negative size).
 * @example
 * ```ts
 * image('https://example.com/a.jpg', { caption: 'Your parcel' })
 * ```
 */
export function image(url: string, opts?: MediaOptions): Media {
  return media('image', url, opts, 'image()')
}

/**
 * A video by URL.
 * @throws {ValidationError} when `url` is not an absolute http(s) URL, or an option is malformed.
 * @example
 * ```ts
 * video('https://example.com/a.mp4')
 * ```
 */
export function video(url: string, opts?: MediaOptions): Media {
  return media('video', url, opts, 'video()')
}

/**
 * An audio clip by URL.
 * @throws {ValidationError} when `url` is not an absolute http(s) URL, or an option is malformed.
 * @example
 * ```ts
 * audio('https://example.com/a.mp3')
 * ```
 */
export function audio(url: string, opts?: MediaOptions): Media {
  return media('audio', url, opts, 'audio()')
}

/**
 * A document by URL.
 * @throws {ValidationError} when `url` is not an absolute http(s) URL, or an option is malformed.
 * @example
 * ```ts
 * file('https://example.com/invoice.pdf', { filename: 'invoice.pdf', mimeType: 'application/pdf' })
 * ```
 */
export function file(url: string, opts?: MediaOptions): Media {
  return media('file', url, opts, 'file()')
}

/**
 * A location pin.
 * @throws {ValidationError} when latitude/longitude are out of range, or `name`/`address` is empty.
 * @example
 * ```ts
 * location({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Alexanderplatz 1, Berlin' })
 * ```
 */
export function location(init: Location): Location {
  return validate(schemas().location, init, { context: 'location()' })
}

/**
 * A list picker: a button that opens rows grouped in sections. Picking a row sends its `id` back.
 * @throws {ValidationError} on duplicate row ids, empty sections or too many rows.
 * @example
 * ```ts
 * list({ button: 'Pick a slot', sections: [{ title: 'Monday', items: [{ id: 'MON_9', title: '9:00' }] }] })
 * ```
 */
export function list(init: ListPicker): ListPicker {
  return validate(schemas().list, init, { context: 'list()' })
}

/**
 * A pre-approved template (WhatsApp Cloud API name, or a Twilio Content SID).
 * @throws {ValidationError} on an empty name, a malformed language code or content SID.
 * @example
 * ```ts
 * template('order_shipped', { language: 'en_US', variables: ['Ada', '#1234'] })
 * ```
 */
export function template(name: string, opts: Omit<Template, 'name'> = {}): Template {
  return validate(schemas().template, { name, ...opts }, { context: 'template()' })
}
