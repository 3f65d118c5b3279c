import { ValidationError, type ValidationIssue } from '../../errors.js'
import type { Button, Card, Media, Message, ReplyButton } from '../../message/types.js'
import { shorten } from '../../render/text.js'
import { bytes } from '../../webhooks/crypto.js'

// Limits from the Messaging API reference (https://developers.line.biz/en/reference/messaging-api/):
// message objects, action objects, template and Flex Message containers.
const LIMITS = {
  /** Message objects in one push. */
  messages: 5,
  /** Buttons template: actions, and its text without / with an image or title. */
  buttonsActions: 4,
  buttonsText: 160,
  buttonsTextWithHeader: 60,
  /** Carousel template: columns, actions per column, and column text without / with an image or title. */
  carouselColumns: 10,
  carouselActions: 3,
  carouselText: 120,
  carouselTextWithHeader: 60,
  /** Flex carousel: bubbles. A bubble's JSON may take 30 KB, a carousel's 50 KB. */
  flexBubbles: 12,
  flexBubbleBytes: 30 * 1024,
  flexCarouselBytes: 50 * 1024,
  /** Flex Message `altText`. */
  flexAltText: 1500,
  /** Image URLs (message, thumbnail, Flex image) and URI actions. */
  imageUrl: 2000,
  uri: 1000,
  /** Location message title and address. */
  locationField: 100,
} as const

/** A LINE action (https://developers.line.biz/en/reference/messaging-api/#action-objects), as this driver sends them. */
export type LineAction = { type: 'postback'; label: string; data: string; displayText: string } | { type: 'uri'; label: string; uri: string }

/** A quick reply button object. */
export interface LineQuickReplyItem {
  type: 'action'
  action: LineAction & { type: 'postback' }
}

/** A Flex Message component, as this driver builds them. */
export type LineFlexComponent =
  | { type: 'text'; text: string; wrap: true; weight?: 'bold'; size?: 'lg' | 'sm' }
  | { type: 'button'; action: LineAction; style: 'link'; height: 'sm' }

/** A Flex bubble: a card with an optional hero image, a body of text and a footer of buttons. */
export interface LineFlexBubble {
  type: 'bubble'
  hero?: { type: 'image'; url: string; size: 'full'; aspectRatio: '20:13'; aspectMode: 'cover' }
  body?: { type: 'box'; layout: 'vertical'; spacing: 'sm'; contents: LineFlexComponent[] }
  footer?: { type: 'box'; layout: 'vertical'; spacing: 'sm'; contents: LineFlexComponent[] }
}

/** A column of a carousel template. */
export interface LineCarouselColumn {
  thumbnailImageUrl?: string
  title?: string
  text: string
  actions: LineAction[]
}

/** One message object of a push request (https://developers.line.biz/en/reference/messaging-api/#message-objects). */
export type LineMessage = (
  | { type: 'text'; text: string }
  | { type: 'image'; originalContentUrl: string; previewImageUrl: string }
  | { type: 'location'; title: string; address: string; latitude: number; longitude: number }
  | {
      type: 'template'
      altText: string
      template:
        | { type: 'buttons'; thumbnailImageUrl?: string; title?: string; text: string; actions: LineAction[] }
        | { type: 'carousel'; columns: LineCarouselColumn[] }
    }
  | { type: 'flex'; altText: string; contents: LineFlexBubble | { type: 'carousel'; contents: LineFlexBubble[] } }
) & { quickReply?: { items: LineQuickReplyItem[] } }

/** The body of `POST /v2/bot/message/push`. */
export interface LinePushRequest {
  to: string
  messages: LineMessage[]
  notificationDisabled?: boolean
  customAggregationUnits?: string[]
}

/**
 * Per-send extras, given as `providerOptions: { line: { … } }` on `client.send()`. An unknown key
 * or a wrong type makes the send fail with a `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * await client.send({ to: { line: 'U4af4980629b1f5ab6c7aadbd8d5a5c2a' }, message, providerOptions: { line: { notificationDisabled: true } } })
 * ```
 */
export interface LineProviderOptions {
  /** Deliver without a push notification; overrides the driver's `notificationDisabled` for this send. */
  notificationDisabled?: boolean
  /**
   * Aggregation unit names for "statistics per aggregation unit" (one name; corporate accounts that
   * applied for the feature only).
   */
  customAggregationUnits?: string[]
}

/** What the payload mapping needs from the driver options. */
export interface LinePayloadOptions {
  /** `notificationDisabled` of every push unless the send overrides it. */
  notificationDisabled: boolean
  /** Longest `altText` written for a template message. */
  altTextMaxLength: number
}

/** User, group chat and multi-person chat IDs: `U`, `C` or `R` followed by 32 hex digits. */
export const LINE_ID = /^[UCR][0-9a-f]{32}$/

/**
 * Checks `providerOptions.line`.
 *
 * @throws {ValidationError} for an unknown key or a value of the wrong type.
 */
export function readProviderOptions(value: Record<string, unknown> | undefined): LineProviderOptions {
  if (value === undefined) return {}
  const issues: ValidationIssue[] = []
  const out: LineProviderOptions = {}
  for (const [key, v] of Object.entries(value)) {
    const path = ['providerOptions', 'line', key]
    if (key === 'notificationDisabled') {
      if (typeof v === 'boolean') out.notificationDisabled = v
      else issues.push({ path, code: 'invalid_type', message: 'must be a boolean' })
    } else if (key === 'customAggregationUnits') {
      // Send push message reference: one unit, up to 30 half-width letters, digits and underscores.
      if (Array.isArray(v) && v.length === 1 && v.every((u) => typeof u === 'string' && /^[A-Za-z0-9_]{1,30}$/.test(u))) out.customAggregationUnits = v as string[]
      else issues.push({ path, code: 'invalid_value', message: 'must be an array of one unit name of 1-30 letters, digits or underscores', limit: 1 })
    } else issues.push({ path, code: 'unknown_field', message: 'unknown LINE option (notificationDisabled, customAggregationUnits)' })
  }
  if (issues.length) throw new ValidationError(issues)
  return out
}

/**
 * The text version of rich content for `altText` (notifications and the chat list), within `max`:
 * its titles and texts, else its button labels, else its image URL.
 */
function altText(parts: ReadonlyArray<string | undefined>, labels: readonly string[], max: number, url?: string): string {
  const text = parts.filter((p): p is string => Boolean(p && p.trim())).join('\n') || labels.filter(Boolean).join(' / ') || url || ''
  // altText is derived from content the message shows in full, so shortening it loses nothing.
  return shorten(text, max)
}

class Mapper {
  readonly issues: ValidationIssue[] = []

  constructor(private readonly o: LinePayloadOptions) {}

  private url(value: string, path: Array<string | number>, max: number, what: string): string {
    if (!/^https:\/\//i.test(value)) this.issues.push({ path, code: 'invalid_format', message: `LINE fetches ${what} over HTTPS only: use an https:// URL` })
    if (value.length > max) this.issues.push({ path, code: 'too_long', message: `LINE allows ${max} characters in ${what} URLs`, limit: max, actual: value.length })
    return value
  }

  action(b: Button, path: Array<string | number>): LineAction {
    if (b.type === 'reply') return postback(b)
    const uri = b.type === 'url' ? b.url : `tel:${b.phone}`
    if (uri.length > LIMITS.uri) this.issues.push({ path, code: 'too_long', message: `LINE allows ${LIMITS.uri} characters in a URI action`, limit: LIMITS.uri, actual: uri.length })
    return { type: 'uri', label: b.title, uri }
  }

  image(m: Media, path: Array<string | number>): LineMessage {
    if (m.type !== 'image')
      this.issues.push({ path, code: 'unsupported', message: `LINE_CAPABILITIES sends images only: a ${m.type} needs data the message model lacks (render with the driver's capabilities)` })
    const url = this.url(m.url, [...path, 'url'], LIMITS.imageUrl, 'image')
    // The model carries one URL per image: LINE shows it as its own preview (previews ≤ 1 MB, see LINE_CAPABILITIES).
    return { type: 'image', originalContentUrl: url, previewImageUrl: url }
  }

  bubble(card: Card, path: Array<string | number>): LineFlexBubble {
    const bubble: LineFlexBubble = { type: 'bubble' }
    if (card.media) {
      if (card.media.type !== 'image') this.issues.push({ path: [...path, 'media'], code: 'unsupported', message: `a LINE card shows images only, not a ${card.media.type}` })
      bubble.hero = { type: 'image', url: this.url(card.media.url, [...path, 'media', 'url'], LIMITS.imageUrl, 'image'), size: 'full', aspectRatio: '20:13', aspectMode: 'cover' }
    }
    const body: LineFlexComponent[] = []
    if (card.title) body.push({ type: 'text', text: card.title, wrap: true, weight: 'bold', size: 'lg' })
    if (card.text) body.push({ type: 'text', text: card.text, wrap: true, size: 'sm' })
    if (body.length) bubble.body = { type: 'box', layout: 'vertical', spacing: 'sm', contents: body }
    const buttons = card.buttons ?? []
    if (buttons.length)
      bubble.footer = {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: buttons.map((b, i) => ({ type: 'button', action: this.action(b, [...path, 'buttons', i]), style: 'link', height: 'sm' })),
      }
    return bubble
  }

  private flex(contents: LineFlexBubble | { type: 'carousel'; contents: LineFlexBubble[] }, alt: string, path: Array<string | number>): LineMessage {
    const size = bytes(JSON.stringify(contents)).length
    const max = contents.type === 'bubble' ? LIMITS.flexBubbleBytes : LIMITS.flexCarouselBytes
    if (size > max) this.issues.push({ path, code: 'too_large', message: `a LINE Flex ${contents.type} may take ${max} bytes of JSON`, limit: max, actual: size })
    return { type: 'flex', altText: alt, contents }
  }

  /** Text with buttons: a buttons template where it fits, otherwise a Flex bubble (text, then the buttons). */
  buttons(text: string | undefined, buttons: readonly Button[]): LineMessage {
    const labels = buttons.map((b) => b.title)
    if (text && text.length <= LIMITS.buttonsText && buttons.length <= LIMITS.buttonsActions)
      return {
        type: 'template',
        altText: altText([text], labels, this.o.altTextMaxLength),
        template: { type: 'buttons', text, actions: buttons.map((b, i) => this.action(b, ['buttons', i])) },
      }
    return this.flex(this.bubble({ ...(text ? { text } : {}), buttons: [...buttons] }, []), altText([text], labels, LIMITS.flexAltText), ['buttons'])
  }

  /**
   * One card: a buttons template when LINE's template can show it as it is (a text or title, one to
   * four buttons), otherwise a Flex bubble.
   */
  card(card: Card): LineMessage {
    const buttons = card.buttons ?? []
    // A card with a title but no text shows the title as the template's (required) text.
    const text = card.text || card.title
    const header = Boolean(card.media || (card.text && card.title))
    const max = header ? LIMITS.buttonsTextWithHeader : LIMITS.buttonsText
    const alt = (limit: number) => altText([card.title, card.text], buttons.map((b) => b.title), limit, card.media?.url)
    if (text && text.length <= max && buttons.length >= 1 && buttons.length <= LIMITS.buttonsActions && (!card.media || card.media.type === 'image')) {
      return {
        type: 'template',
        altText: alt(this.o.altTextMaxLength),
        template: {
          type: 'buttons',
          ...(card.media ? { thumbnailImageUrl: this.url(card.media.url, ['cards', 0, 'media', 'url'], LIMITS.imageUrl, 'image') } : {}),
          ...(card.text && card.title ? { title: card.title } : {}),
          text,
          actions: buttons.map((b, i) => this.action(b, ['cards', 0, 'buttons', i])),
        },
      }
    }
    return this.flex(this.bubble(card, ['cards', 0]), alt(LIMITS.flexAltText), ['cards', 0])
  }

  /**
   * Several cards: a carousel template when every column can take LINE's template layout (the same
   * number of one to three buttons, an image on all or none, a title on all or none, text within
   * 60 / 120 characters), otherwise a Flex carousel, which has none of these rules.
   */
  carousel(cards: readonly Card[]): LineMessage {
    const alt = (max: number) =>
      altText(
        cards.map((c) => c.title ?? c.text),
        cards.flatMap((c) => (c.buttons ?? []).map((b) => b.title)),
        max,
        cards.find((c) => c.media)?.media?.url,
      )
    const columns = cards.map((c) => ({
      ...(c.media ? { thumbnailImageUrl: c.media.url } : {}),
      ...(c.text && c.title ? { title: c.title } : {}),
      text: c.text || c.title || '',
      buttons: c.buttons ?? [],
    }))
    const uniform = (f: (c: (typeof columns)[number]) => boolean) => columns.every(f) || !columns.some(f)
    const counts = new Set(columns.map((c) => c.buttons.length))
    const templateFits =
      columns.length <= LIMITS.carouselColumns &&
      counts.size === 1 &&
      columns.every((c) => c.buttons.length >= 1 && c.buttons.length <= LIMITS.carouselActions) &&
      uniform((c) => c.thumbnailImageUrl !== undefined) &&
      uniform((c) => c.title !== undefined) &&
      cards.every((c) => !c.media || c.media.type === 'image') &&
      columns.every((c) => c.text !== '' && c.text.length <= (c.thumbnailImageUrl || c.title ? LIMITS.carouselTextWithHeader : LIMITS.carouselText))
    if (templateFits) {
      return {
        type: 'template',
        altText: alt(this.o.altTextMaxLength),
        template: {
          type: 'carousel',
          columns: columns.map((c, i) => ({
            ...(c.thumbnailImageUrl ? { thumbnailImageUrl: this.url(c.thumbnailImageUrl, ['cards', i, 'media', 'url'], LIMITS.imageUrl, 'image') } : {}),
            ...(c.title ? { title: c.title } : {}),
            text: c.text,
            actions: c.buttons.map((b, j) => this.action(b, ['cards', i, 'buttons', j])),
          })),
        },
      }
    }
    if (cards.length > LIMITS.flexBubbles)
      this.issues.push({ path: ['cards'], code: 'too_many', message: `a LINE carousel holds ${LIMITS.flexBubbles} cards`, limit: LIMITS.flexBubbles, actual: cards.length })
    return this.flex({ type: 'carousel', contents: cards.map((c, i) => this.bubble(c, ['cards', i])) }, alt(LIMITS.flexAltText), ['cards'])
  }

  location(l: NonNullable<Message['location']>): LineMessage {
    // LINE requires both a title and an address; the coordinates stand in for whichever is missing.
    const coordinates = `${l.latitude}, ${l.longitude}`
    const title = l.name || l.address || coordinates
    const address = l.name && l.address ? l.address : coordinates
    for (const field of ['name', 'address'] as const) {
      const value = l[field]
      if (value && value.length > LIMITS.locationField)
        this.issues.push({ path: ['location', field], code: 'too_long', message: `LINE allows ${LIMITS.locationField} characters in a location's title and address`, limit: LIMITS.locationField, actual: value.length })
    }
    return { type: 'location', title, address, latitude: l.latitude, longitude: l.longitude }
  }
}

function postback(b: ReplyButton): LineAction & { type: 'postback' } {
  // displayText shows the tap in the chat as if the user had typed the title; it is required on quick replies.
  return { type: 'postback', label: b.title, data: b.payload, displayText: b.title }
}

/**
 * Maps a message that fits {@link LINE_CAPABILITIES} to the message objects of one push request:
 * images first, then the text (with its buttons as a buttons template, or a Flex bubble when the
 * template cannot hold them), then cards (a buttons or carousel template, or Flex), then the
 * location. Quick replies go on the last object, the only one LINE shows them on.
 *
 * @throws {ValidationError} when the message holds something LINE cannot take as it is (a list, a
 * template, a non-image media item, an http:// image, more than five message objects).
 */
export function toLineMessages(message: Message, o: LinePayloadOptions): LineMessage[] {
  const m = new Mapper(o)
  const out: LineMessage[] = []
  message.media?.forEach((media, i) => out.push(m.image(media, ['media', i])))
  if (message.buttons?.length) out.push(m.buttons(message.text, message.buttons))
  else if (message.text) out.push({ type: 'text', text: message.text })
  if (message.cards?.length) out.push(message.cards.length === 1 ? m.card(message.cards[0] as Card) : m.carousel(message.cards))
  if (message.location) out.push(m.location(message.location))
  if (message.list) m.issues.push({ path: ['list'], code: 'unsupported', message: 'LINE has no list picker: render the message with the driver capabilities (rows become quick replies)' })
  if (message.template)
    m.issues.push({ path: ['template'], code: 'unsupported', message: 'LINE has no pre-approved templates: render the message with the driver capabilities (fallback.text is sent)' })
  if (message.quickReplies?.length) {
    const last = out.at(-1)
    if (last) last.quickReply = { items: message.quickReplies.map((q) => ({ type: 'action', action: postback(q) })) }
  }
  if (out.length === 0 && !m.issues.length) m.issues.push({ path: ['message'], code: 'empty', message: 'nothing to send: no text, image, buttons, cards or location' })
  if (out.length > LIMITS.messages)
    m.issues.push({ path: ['message'], code: 'too_many', message: `one LINE push carries ${LIMITS.messages} message objects`, limit: LIMITS.messages, actual: out.length })
  if (m.issues.length) throw new ValidationError(m.issues)
  return out
}

/**
 * The push request body for one rendered message.
 *
 * @throws {ValidationError} when `to` is not a LINE user, group or room ID, or the message cannot be mapped.
 */
export function toLinePushRequest(message: Message, to: string, o: LinePayloadOptions, extra: LineProviderOptions = {}): LinePushRequest {
  if (!LINE_ID.test(to))
    throw new ValidationError([
      {
        path: ['to'],
        code: 'invalid_format',
        message: 'must be a LINE user, group or room ID (U, C or R followed by 32 hex digits, from a webhook event), not a phone number; in a contact use { line: "U…" }',
      },
    ])
  const notificationDisabled = extra.notificationDisabled ?? o.notificationDisabled
  return {
    to,
    messages: toLineMessages(message, o),
    ...(notificationDisabled ? { notificationDisabled: true } : {}),
    ...(extra.customAggregationUnits ? { customAggregationUnits: extra.customAggregationUnits } : {}),
  }
}
