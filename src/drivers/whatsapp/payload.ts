import { ValidationError, type ValidationIssue } from '../../errors.js'
import type { Media, Message, ReplyButton, UrlButton } from '../../message/types.js'

/** A media object as the Cloud API takes it: by public link (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#media-object). */
export interface WhatsAppMediaObject {
  link: string
  /** Image, video and document only: Meta rejects captions on audio and stickers. */
  caption?: string
  /** Documents only. */
  filename?: string
}

/** The header of an interactive message: one media item. */
export type WhatsAppInteractiveHeader =
  | { type: 'image'; image: { link: string } }
  | { type: 'video'; video: { link: string } }
  | { type: 'document'; document: { link: string } }

/** An interactive message: reply buttons, a list, or one call-to-action URL button. */
export type WhatsAppInteractive =
  | { type: 'button'; header?: WhatsAppInteractiveHeader; body: { text: string }; action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> } }
  | {
      type: 'list'
      body: { text: string }
      action: { button: string; sections: Array<{ title?: string; rows: Array<{ id: string; title: string; description?: string }> }> }
    }
  | { type: 'cta_url'; header?: WhatsAppInteractiveHeader; body: { text: string }; action: { name: 'cta_url'; parameters: { display_text: string; url: string } } }

/** A template component (body parameters are built from `template.variables`; the rest come from `providerOptions`). */
export type WhatsAppTemplateComponent = Record<string, unknown>

/** One request body of `POST /{Version}/{Phone-Number-ID}/messages`. */
export interface WhatsAppMessageBody {
  messaging_product: 'whatsapp'
  recipient_type: 'individual'
  to: string
  type: 'text' | 'image' | 'video' | 'audio' | 'document' | 'location' | 'interactive' | 'template'
  context?: { message_id: string }
  text?: { body: string; preview_url?: boolean }
  image?: WhatsAppMediaObject
  video?: WhatsAppMediaObject
  audio?: WhatsAppMediaObject
  document?: WhatsAppMediaObject
  location?: { latitude: number; longitude: number; name?: string; address?: string }
  interactive?: WhatsAppInteractive
  template?: { name: string; language: { code: string }; components?: WhatsAppTemplateComponent[] }
}

/**
 * Per-send extras, given as `providerOptions: { whatsapp: { … } }` on `client.send()`. An unknown
 * key or a wrong type makes the send fail with a `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * await client.send({ to, message, providerOptions: { whatsapp: { replyTo: inbound.providerMessageId } } })
 * ```
 */
export interface WhatsAppProviderOptions {
  /** The `wamid` of a message to reply to (quoted in the chat), sent as `context.message_id`. */
  replyTo?: string
  /** Overrides the driver's `previewUrl` for this send. */
  previewUrl?: boolean
  /**
   * Template components besides the body parameters built from `template.variables`
   * (header media, button payloads, …), appended as given.
   */
  templateComponents?: WhatsAppTemplateComponent[]
}

/** What the payload mapping needs from the driver options. */
export interface WhatsAppPayloadOptions {
  /** Ask WhatsApp to render a preview of the first URL in a text message. */
  previewUrl: boolean
  /** Language for templates that do not name one. */
  templateLanguage?: string
  /** Body of an interactive message that has none (WhatsApp requires one). */
  emptyBodyText: string
}

const MEDIA_KIND: Record<Media['type'], 'image' | 'video' | 'audio' | 'document'> = { image: 'image', video: 'video', audio: 'audio', file: 'document' }

/**
 * Reads `providerOptions.whatsapp`, refusing unknown keys and wrong types (a misspelt option would
 * otherwise be ignored silently).
 *
 * @throws {ValidationError} for an unknown key or a value of the wrong type.
 */
export function readProviderOptions(raw: Record<string, unknown> | undefined): WhatsAppProviderOptions {
  if (raw === undefined) return {}
  const issues: ValidationIssue[] = []
  const path = (k: string) => ['providerOptions', 'whatsapp', k]
  const out: WhatsAppProviderOptions = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue
    if (k === 'replyTo') {
      if (typeof v === 'string' && v.length > 0) out.replyTo = v
      else issues.push({ path: path(k), code: 'invalid_type', message: 'must be the wamid of the message to reply to' })
    } else if (k === 'previewUrl') {
      if (typeof v === 'boolean') out.previewUrl = v
      else issues.push({ path: path(k), code: 'invalid_type', message: 'must be a boolean' })
    } else if (k === 'templateComponents') {
      if (Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c))) out.templateComponents = v as WhatsAppTemplateComponent[]
      else issues.push({ path: path(k), code: 'invalid_type', message: 'must be an array of template component objects' })
    } else {
      issues.push({ path: path(k), code: 'unknown_key', message: 'unknown option; one of replyTo, previewUrl, templateComponents' })
    }
  }
  if (issues.length) throw new ValidationError(issues)
  return out
}

function templateBody(message: Message, o: WhatsAppPayloadOptions, extra: WhatsAppProviderOptions, issues: ValidationIssue[]): WhatsAppMessageBody['template'] | undefined {
  const t = message.template
  if (!t) return undefined
  const code = t.language ?? o.templateLanguage
  if (!code) {
    issues.push({ path: ['message', 'template', 'language'], code: 'required', message: 'WhatsApp sends a template in one language: set template.language or the driver option templateLanguage' })
    return undefined
  }
  const components: WhatsAppTemplateComponent[] = []
  const vars = t.variables
  if (Array.isArray(vars) && vars.length) components.push({ type: 'body', parameters: vars.map((text) => ({ type: 'text', text })) })
  // Templates created with named parameters take each value with its parameter_name
  // (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
  else if (vars && !Array.isArray(vars) && Object.keys(vars).length)
    components.push({ type: 'body', parameters: Object.entries(vars).map(([name, text]) => ({ type: 'text', parameter_name: name, text })) })
  if (extra.templateComponents) components.push(...extra.templateComponents)
  return { name: t.name, language: { code }, ...(components.length ? { components } : {}) }
}

function header(m: Media, issues: ValidationIssue[]): WhatsAppInteractiveHeader | undefined {
  // Interactive headers take text, image, video or document: no audio (messages#interactive-object).
  if (m.type === 'image') return { type: 'image', image: { link: m.url } }
  if (m.type === 'video') return { type: 'video', video: { link: m.url } }
  if (m.type === 'file') return { type: 'document', document: { link: m.url } }
  issues.push({ path: ['message', 'media', 0], code: 'unsupported', message: 'WhatsApp cannot head buttons or a list with audio' })
  return undefined
}

/**
 * Maps a message that fits {@link WHATSAPP_CAPABILITIES} to the Cloud API request bodies that carry
 * it, in send order. Usually one; two where WhatsApp cannot put everything in one message (audio
 * takes no caption, so its text follows; a location pin takes no text, so the text comes first).
 *
 * @throws {ValidationError} for content the Cloud API cannot carry (cards, quick replies, call
 * buttons, several media, reply and URL buttons together, …: `render()` never leaves these for
 * WhatsApp) and for a template without a language.
 * @example
 * ```ts
 * toWhatsAppBodies({ text: 'Listen', media: [audio(url)] }, '+14155550100', { previewUrl: false, emptyBodyText: 'Choose' })
 * // → [{ …, type: 'audio', audio: { link: url } }, { …, type: 'text', text: { body: 'Listen' } }]
 * ```
 */
export function toWhatsAppBodies(message: Message, to: string, o: WhatsAppPayloadOptions, extra: WhatsAppProviderOptions = {}): WhatsAppMessageBody[] {
  const issues: ValidationIssue[] = []
  const base = {
    messaging_product: 'whatsapp' as const,
    recipient_type: 'individual' as const,
    // The API takes the number with or without "+"; its own examples and wa_ids are digits only.
    to: to.startsWith('+') ? to.slice(1) : to,
    ...(extra.replyTo ? { context: { message_id: extra.replyTo } } : {}),
  }
  const unsupported = (path: string, what: string) =>
    issues.push({ path: ['message', path], code: 'unsupported', message: `WhatsApp has no ${what}; render() turns them into what it has` })
  if (message.cards?.length) unsupported('cards', 'cards or carousels')
  if (message.quickReplies?.length) unsupported('quickReplies', 'quick replies')
  const buttons = message.buttons ?? []
  if (buttons.some((b) => b.type === 'call')) unsupported('buttons', 'call buttons')
  const replies = buttons.filter((b): b is ReplyButton => b.type === 'reply')
  const urls = buttons.filter((b): b is UrlButton => b.type === 'url')
  const media = message.media ?? []

  if (message.template) {
    const other = (['text', 'media', 'buttons', 'list', 'location'] as const).filter((k) => message[k] !== undefined)
    if (other.length)
      issues.push({ path: ['message', 'template'], code: 'unsupported', message: `a template is sent alone; ${other.join(', ')} cannot go with it` })
    const template = templateBody(message, o, extra, issues)
    if (issues.length || !template) throw new ValidationError(issues)
    return [{ ...base, type: 'template', template }]
  }

  if (media.length > 1) issues.push({ path: ['message', 'media'], code: 'too_many', message: 'WhatsApp sends one media item per message', limit: 1, actual: media.length })
  media.forEach((m, i) => {
    if (m.caption !== undefined)
      issues.push({ path: ['message', 'media', i, 'caption'], code: 'unsupported', message: 'captions travel as the message text (render() moves them there)' })
  })
  if (replies.length > 3) issues.push({ path: ['message', 'buttons'], code: 'too_many', message: 'WhatsApp shows up to 3 reply buttons', limit: 3, actual: replies.length })
  if (urls.length > 1) issues.push({ path: ['message', 'buttons'], code: 'too_many', message: 'WhatsApp shows one URL button per message', limit: 1, actual: urls.length })
  if (replies.length && urls.length) issues.push({ path: ['message', 'buttons'], code: 'unsupported', message: 'WhatsApp cannot mix reply buttons and a URL button in one message' })
  if (message.list && buttons.length) issues.push({ path: ['message', 'list'], code: 'unsupported', message: 'a WhatsApp message carries a list or buttons, not both' })
  if (message.list && media.length) issues.push({ path: ['message', 'list'], code: 'unsupported', message: 'a WhatsApp list message has no media header' })

  const bodies: WhatsAppMessageBody[] = []
  const text = message.text
  const previewUrl = extra.previewUrl ?? o.previewUrl
  const textBody = (body: string): WhatsAppMessageBody => ({
    ...base,
    type: 'text',
    text: { body, ...(previewUrl && /https?:\/\//.test(body) ? { preview_url: true } : {}) },
  })
  const first = media[0]

  if (message.list) {
    const l = message.list
    bodies.push({
      ...base,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: text ?? o.emptyBodyText },
        action: {
          button: l.button,
          sections: l.sections.map((s) => ({
            ...(s.title ? { title: s.title } : {}),
            rows: s.items.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}) })),
          })),
        },
      },
    })
  } else if (replies.length || urls.length) {
    const h = first ? header(first, issues) : undefined
    // Every interactive type but "product" requires a body; a card sent as media + buttons may have no text.
    const body = { text: text ?? o.emptyBodyText }
    const url = urls[0]
    bodies.push({
      ...base,
      type: 'interactive',
      interactive: url
        ? { type: 'cta_url', ...(h ? { header: h } : {}), body, action: { name: 'cta_url', parameters: { display_text: url.title, url: url.url } } }
        : { type: 'button', ...(h ? { header: h } : {}), body, action: { buttons: replies.map((b) => ({ type: 'reply' as const, reply: { id: b.payload, title: b.title } })) } },
    })
  } else if (first) {
    const kind = MEDIA_KIND[first.type]
    // caption: image, video and document only; filename: document only (messages#media-object).
    const captioned = kind !== 'audio' && text !== undefined
    bodies.push({
      ...base,
      type: kind,
      [kind]: { link: first.url, ...(captioned ? { caption: text } : {}), ...(kind === 'document' && first.filename ? { filename: first.filename } : {}) },
    })
    if (!captioned && text !== undefined) bodies.push(textBody(text))
  } else if (text !== undefined) {
    bodies.push(textBody(text))
  }

  if (message.location) {
    const l = message.location
    bodies.push({
      ...base,
      type: 'location',
      location: { latitude: l.latitude, longitude: l.longitude, ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}) },
    })
  }
  if (bodies.length === 0) issues.push({ path: ['message'], code: 'empty', message: 'nothing to send: no text, media, buttons, list, location or template' })
  if (issues.length) throw new ValidationError(issues)
  return bodies
}
