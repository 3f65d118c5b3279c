import { ValidationError, type ValidationIssue } from '../../errors.js'
import type { Button, Card, Media, Message, ReplyButton, Template } from '../../message/types.js'

/** The channels the Vonage driver sends on, as anychannel names them. */
export type VonageChannel = 'sms' | 'mms' | 'whatsapp' | 'messenger' | 'viber' | 'rcs'

/** anychannel channel → the Messages API `channel` value. */
export const VONAGE_WIRE_CHANNEL: Readonly<Record<VonageChannel, string>> = {
  sms: 'sms',
  mms: 'mms',
  whatsapp: 'whatsapp',
  messenger: 'messenger',
  viber: 'viber_service',
  rcs: 'rcs',
}

/** What the payload mapping needs from the driver options. */
export interface VonagePayloadOptions {
  channel: VonageChannel
  /** Sender: a number, an alphanumeric sender id, a Viber service id, an RCS agent id or a Facebook page id. */
  from: string
}

/** A `POST /v1/messages` body. */
export type VonageRequest = Record<string, unknown>

/** E.164 without the `+`, as the Messages API wants numbers ("447700900000"). Other ids pass unchanged. */
export function wireAddress(channel: VonageChannel, address: string): string {
  return channel !== 'messenger' && /^\+\d+$/.test(address) ? address.slice(1) : address
}

function unmappable(channel: VonageChannel, issues: ValidationIssue[]): never {
  throw new ValidationError(issues, { context: `vonage (${channel})` })
}

/** Refuses a message that carries something this channel's mapping does not send (it was not rendered for it). */
function only(channel: VonageChannel, m: Message, allowed: ReadonlyArray<keyof Message>): void {
  const extra = (Object.keys(m) as Array<keyof Message>).filter((k) => k !== 'fallback' && m[k] !== undefined && !allowed.includes(k))
  if (extra.length)
    unmappable(
      channel,
      extra.map((k) => ({ path: ['message', k], code: 'unsupported', message: `Vonage ${channel} cannot send this here; render the message for the driver's capabilities first` })),
    )
  if ((m.media?.length ?? 0) > 1)
    unmappable(channel, [{ path: ['message', 'media'], code: 'too_many', message: 'Vonage sends one media item per message', limit: 1, actual: m.media?.length ?? 0 }])
}

function requireText(channel: VonageChannel, text: string | undefined, what: string): string {
  if (text) return text
  return unmappable(channel, [{ path: ['message', 'text'], code: 'required', message: `${what} needs text on Vonage ${channel}` }])
}

// ---------------------------------------------------------------------------------------------
// WhatsApp: the v1 types, plus Cloud API objects through message_type "custom" for what v1 lacks.

function whatsappHeader(m: Media): Record<string, unknown> {
  if (m.type === 'image') return { type: 'image', image: { link: m.url } }
  if (m.type === 'video') return { type: 'video', video: { link: m.url } }
  return { type: 'document', document: { link: m.url, ...(m.filename ? { filename: m.filename } : {}) } }
}

function whatsappTemplate(t: Template): VonageRequest {
  if (!t.language)
    unmappable('whatsapp', [{ path: ['message', 'template', 'language'], code: 'required', message: 'WhatsApp templates need a language (sent as whatsapp.locale), e.g. "en_US"' }])
  const vars = t.variables
  if (vars && !Array.isArray(vars)) {
    // Named parameters exist only in the Cloud API template object, which v1 passes through "custom".
    return {
      message_type: 'custom',
      custom: {
        type: 'template',
        template: {
          name: t.name,
          language: { policy: 'deterministic', code: t.language },
          components: [{ type: 'body', parameters: Object.entries(vars).map(([name, text]) => ({ type: 'text', parameter_name: name, text })) }],
        },
      },
    }
  }
  return {
    message_type: 'template',
    template: { name: t.name, ...(vars?.length ? { parameters: vars } : {}) },
    whatsapp: { policy: 'deterministic', locale: t.language },
  }
}

function whatsappBody(m: Message): VonageRequest {
  only('whatsapp', m, ['text', 'media', 'buttons', 'list', 'location', 'template'])
  if (m.template) return whatsappTemplate(m.template)
  if (m.location) {
    const l = m.location
    return {
      message_type: 'custom',
      custom: { type: 'location', location: { latitude: l.latitude, longitude: l.longitude, ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}) } },
    }
  }
  const media = m.media?.[0]
  if (m.list) {
    const text = requireText('whatsapp', m.text, 'a list message')
    return {
      message_type: 'custom',
      custom: {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text },
          action: {
            button: m.list.button,
            sections: m.list.sections.map((s) => ({
              ...(s.title ? { title: s.title } : {}),
              rows: s.items.map((i) => ({ id: i.id, title: i.title, ...(i.description ? { description: i.description } : {}) })),
            })),
          },
        },
      },
    }
  }
  if (m.buttons?.length) {
    const text = requireText('whatsapp', m.text, 'an interactive message (buttons)')
    const header = media ? { header: whatsappHeader(media) } : {}
    const url = m.buttons.find((b) => b.type === 'url')
    if (url && url.type === 'url') {
      if (m.buttons.length > 1)
        unmappable('whatsapp', [{ path: ['message', 'buttons'], code: 'too_many', message: 'a WhatsApp URL button travels alone', limit: 1, actual: m.buttons.length }])
      return {
        message_type: 'custom',
        custom: { type: 'interactive', interactive: { type: 'cta_url', ...header, body: { text }, action: { name: 'cta_url', parameters: { display_text: url.title, url: url.url } } } },
      }
    }
    const replies = m.buttons.filter((b): b is ReplyButton => b.type === 'reply')
    if (replies.length !== m.buttons.length)
      unmappable('whatsapp', [{ path: ['message', 'buttons'], code: 'unsupported', message: 'WhatsApp through Vonage sends reply buttons or one URL button' }])
    return {
      message_type: 'custom',
      custom: {
        type: 'interactive',
        interactive: { type: 'button', ...header, body: { text }, action: { buttons: replies.map((b) => ({ type: 'reply', reply: { id: b.payload, title: b.title } })) } },
      },
    }
  }
  if (media) {
    if (media.type === 'audio') {
      // WhatsApp audio has no caption; the driver's capabilities keep audio out, this guards direct calls.
      if (m.text) unmappable('whatsapp', [{ path: ['message', 'text'], code: 'unsupported', message: 'WhatsApp audio messages carry no caption' }])
      return { message_type: 'audio', audio: { url: media.url } }
    }
    const caption = m.text ? { caption: m.text } : {}
    if (media.type === 'file') return { message_type: 'file', file: { url: media.url, ...caption, ...(media.filename ? { name: media.filename } : {}) } }
    return { message_type: media.type, [media.type]: { url: media.url, ...caption } }
  }
  return { message_type: 'text', text: requireText('whatsapp', m.text, 'a message') }
}

// ---------------------------------------------------------------------------------------------
// RCS: v1 text/image/video/file/card with snake_case suggestions; carousels, incomplete cards and
// audio go as a Google RBM contentMessage through message_type "custom".

function suggestion(b: Button): Record<string, unknown> {
  if (b.type === 'reply') return { type: 'reply', text: b.title, postback_data: b.payload }
  // Actions need postback_data too: the target comes back in the inbound "button" event.
  if (b.type === 'url') return { type: 'open_url', text: b.title, postback_data: b.url, url: b.url }
  return { type: 'dial', text: b.title, postback_data: b.phone, phone_number: b.phone }
}

function rbmSuggestion(b: Button): Record<string, unknown> {
  if (b.type === 'reply') return { reply: { text: b.title, postbackData: b.payload } }
  if (b.type === 'url') return { action: { text: b.title, postbackData: b.url, openUrlAction: { url: b.url } } }
  return { action: { text: b.title, postbackData: b.phone, dialAction: { phoneNumber: b.phone } } }
}

function rbmCardContent(c: Card): Record<string, unknown> {
  return {
    ...(c.title ? { title: c.title } : {}),
    ...(c.text ? { description: c.text } : {}),
    // MEDIUM: valid both standalone and in carousels (TALL is not allowed there).
    ...(c.media ? { media: { height: 'MEDIUM', contentInfo: { fileUrl: c.media.url } } } : {}),
    ...(c.buttons?.length ? { suggestions: c.buttons.map(rbmSuggestion) } : {}),
  }
}

function rcsBody(m: Message): VonageRequest {
  only('rcs', m, ['text', 'media', 'buttons', 'quickReplies', 'cards'])
  const chips: Button[] = [...(m.buttons ?? []), ...(m.quickReplies ?? [])]
  const suggestions = chips.length ? { suggestions: chips.map(suggestion) } : {}
  const rbmSuggestions = chips.length ? { suggestions: chips.map(rbmSuggestion) } : {}
  const cards = m.cards ?? []
  if (cards.length || m.media?.length) {
    if (m.text) unmappable('rcs', [{ path: ['message', 'text'], code: 'unsupported', message: 'RCS media and cards carry no separate text' }])
  }
  if (cards.length > 1) {
    return { message_type: 'custom', custom: { contentMessage: { richCard: { carouselCard: { cardWidth: 'MEDIUM', cardContents: cards.map(rbmCardContent) } }, ...rbmSuggestions } } }
  }
  const card = cards[0]
  if (card) {
    // Vonage's v1 card needs title, text and media_url; anything less goes as an RBM standalone card.
    if (card.title && card.text && card.media) {
      return {
        message_type: 'card',
        card: {
          title: card.title,
          text: card.text,
          media_url: card.media.url,
          media_height: 'MEDIUM',
          ...(card.buttons?.length ? { suggestions: card.buttons.map(suggestion) } : {}),
        },
        ...suggestions,
        rcs: { card_orientation: 'VERTICAL', image_alignment: 'LEFT' },
      }
    }
    return { message_type: 'custom', custom: { contentMessage: { richCard: { standaloneCard: { cardOrientation: 'VERTICAL', cardContent: rbmCardContent(card) } }, ...rbmSuggestions } } }
  }
  const media = m.media?.[0]
  if (media) {
    // v1 has no RCS audio type; RBM plays any file sent as contentInfo.
    if (media.type === 'audio') return { message_type: 'custom', custom: { contentMessage: { contentInfo: { fileUrl: media.url }, ...rbmSuggestions } } }
    return { message_type: media.type, [media.type]: { url: media.url }, ...suggestions }
  }
  return { message_type: 'text', text: requireText('rcs', m.text, 'a message'), ...suggestions }
}

// ---------------------------------------------------------------------------------------------

function smsBody(m: Message): VonageRequest {
  only('sms', m, ['text'])
  return { message_type: 'text', text: requireText('sms', m.text, 'a message') }
}

function mmsBody(m: Message): VonageRequest {
  only('mms', m, ['text', 'media'])
  const media = m.media?.[0]
  if (!media) return { message_type: 'text', text: requireText('mms', m.text, 'a message') }
  if (media.type === 'file') unmappable('mms', [{ path: ['message', 'media', 0], code: 'unsupported', message: 'Vonage MMS sends images, audio and video' }])
  return { message_type: media.type, [media.type]: { url: media.url, ...(m.text ? { caption: m.text } : {}) } }
}

function messengerBody(m: Message): VonageRequest {
  only('messenger', m, ['text', 'media'])
  const media = m.media?.[0]
  if (media) {
    if (m.text) unmappable('messenger', [{ path: ['message', 'text'], code: 'unsupported', message: 'Messenger attachments carry no caption' }])
    return { message_type: media.type, [media.type]: { url: media.url } }
  }
  return { message_type: 'text', text: requireText('messenger', m.text, 'a message') }
}

function viberBody(m: Message): VonageRequest {
  only('viber', m, ['text', 'media', 'buttons'])
  const button = m.buttons?.[0]
  if (m.buttons && (m.buttons.length > 1 || button?.type !== 'url'))
    unmappable('viber', [{ path: ['message', 'buttons'], code: 'unsupported', message: 'Viber through Vonage carries one URL button' }])
  const action = button?.type === 'url' ? { viber_service: { action: { url: button.url, text: button.title } } } : {}
  const media = m.media?.[0]
  if (media) {
    if (media.type !== 'image') unmappable('viber', [{ path: ['message', 'media', 0], code: 'unsupported', message: 'Viber through Vonage sends images' }])
    return { message_type: 'image', image: { url: media.url, ...(m.text ? { caption: m.text } : {}) }, ...action }
  }
  return { message_type: 'text', text: requireText('viber', m.text, 'a message'), ...action }
}

const BODIES: Record<VonageChannel, (m: Message) => VonageRequest> = {
  sms: smsBody,
  mms: mmsBody,
  whatsapp: whatsappBody,
  messenger: messengerBody,
  viber: viberBody,
  rcs: rcsBody,
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Maps a message that fits the driver's capabilities to the Messages API v1 body
 * (`POST /v1/messages`): the flat v1 shape with `message_type` and `channel`, numbers without `+`.
 * `extra` (from `providerOptions.vonage`) is merged in, settings objects such as `sms` or
 * `viber_service` one level deep.
 *
 * @throws {ValidationError} for what the channel cannot carry (a message not rendered for it), and
 *   for a WhatsApp template without `language`.
 * @example
 * ```ts
 * toVonageRequest({ text: 'Hi' }, '+447700900000', { channel: 'sms', from: 'AcmeInc' })
 * // → { message_type: 'text', text: 'Hi', channel: 'sms', to: '447700900000', from: 'AcmeInc' }
 * ```
 */
export function toVonageRequest(message: Message, to: string, o: VonagePayloadOptions, extra: Record<string, unknown> = {}): VonageRequest {
  const body: VonageRequest = {
    ...BODIES[o.channel](message),
    channel: VONAGE_WIRE_CHANNEL[o.channel],
    to: wireAddress(o.channel, to),
    from: wireAddress(o.channel, o.from),
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) continue
    const cur = body[k]
    body[k] = isPlainObject(cur) && isPlainObject(v) ? { ...cur, ...v } : v
  }
  return body
}
