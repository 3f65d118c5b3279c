import { ValidationError, type ValidationIssue } from '../../errors.js'
import type { Button, Card, Message } from '../../message/types.js'

/**
 * Why a message may be sent (Send API `messaging_type`): `RESPONSE` answers a message the person
 * sent within the last 24 hours, `UPDATE` is a proactive update inside that window, `MESSAGE_TAG`
 * sends outside it with one of the allowed {@link MessengerTag}s.
 */
export type MessengerMessagingType = 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG'

/** The message tags the Send API accepts with `messaging_type: 'MESSAGE_TAG'`. */
export type MessengerTag = 'CONFIRMED_EVENT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'ACCOUNT_UPDATE' | 'HUMAN_AGENT'

/** Push behaviour of a message (Send API `notification_type`). */
export type MessengerNotificationType = 'REGULAR' | 'SILENT_PUSH' | 'NO_PUSH'

/** Every {@link MessengerMessagingType}, for validation. */
export const MESSENGER_MESSAGING_TYPES: readonly MessengerMessagingType[] = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG']
/** Every {@link MessengerTag}, for validation. */
export const MESSENGER_TAGS: readonly MessengerTag[] = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT']
const NOTIFICATION_TYPES: readonly MessengerNotificationType[] = ['REGULAR', 'SILENT_PUSH', 'NO_PUSH']

/** A button of a button template or a generic template element. */
export type MessengerButton =
  | { type: 'postback'; title: string; payload: string }
  | { type: 'web_url'; title: string; url: string }
  | { type: 'phone_number'; title: string; payload: string }

/** A text quick reply. */
export interface MessengerQuickReply {
  content_type: 'text'
  title: string
  payload: string
}

/** One element (card) of a generic template. */
export interface MessengerGenericElement {
  title: string
  subtitle?: string
  image_url?: string
  buttons?: MessengerButton[]
}

/** What `message.attachment` carries: a file by URL, a button template or a generic template. */
export type MessengerAttachment =
  | { type: 'image' | 'video' | 'audio' | 'file'; payload: { url: string; is_reusable?: boolean } }
  | { type: 'template'; payload: { template_type: 'button'; text: string; buttons: MessengerButton[] } }
  | { type: 'template'; payload: { template_type: 'generic'; elements: MessengerGenericElement[] } }

/** The body of `POST /{version}/me/messages`. */
export interface MessengerSendBody {
  recipient: { id: string }
  messaging_type: MessengerMessagingType
  tag?: MessengerTag
  notification_type?: MessengerNotificationType
  message: { text?: string; attachment?: MessengerAttachment; quick_replies?: MessengerQuickReply[] }
}

/**
 * Per-send extras, given as `providerOptions: { messenger: { … } }` on `client.send()`. An unknown
 * key or a wrong value makes the send fail with a `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * // A shipping update more than 24 hours after the customer last wrote:
 * await client.send({ to: { messenger: psid }, message, providerOptions: { messenger: { tag: 'POST_PURCHASE_UPDATE' } } })
 * ```
 */
export interface MessengerProviderOptions {
  /**
   * Overrides the driver's `messagingType` for this send. Giving only `tag` implies `'MESSAGE_TAG'`.
   */
  messagingType?: MessengerMessagingType
  /** The message tag for this send (implies `messagingType: 'MESSAGE_TAG'`). */
  tag?: MessengerTag
  /** `notification_type`: `'SILENT_PUSH'` or `'NO_PUSH'` to send without a sound or a push. */
  notificationType?: MessengerNotificationType
  /**
   * `is_reusable` on a file attachment: Meta then keeps the file and returns an `attachment_id`
   * in the response (see the receipt's `raw`).
   */
  isReusable?: boolean
}

/** What the payload mapping needs from the driver options. */
export interface MessengerPayloadOptions {
  /** `messaging_type` unless the send overrides it. */
  messagingType: MessengerMessagingType
  /** The tag sent with `MESSAGE_TAG` unless the send names another. */
  tag?: MessengerTag
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v)

/**
 * Reads `providerOptions.messenger`, refusing unknown keys and wrong values (a misspelt option would
 * otherwise be ignored silently).
 *
 * @throws {ValidationError} for an unknown key or a value of the wrong type.
 * @example
 * ```ts
 * readMessengerProviderOptions({ tag: 'ACCOUNT_UPDATE' }) // → { tag: 'ACCOUNT_UPDATE' }
 * ```
 */
export function readMessengerProviderOptions(raw: Record<string, unknown> | undefined): MessengerProviderOptions {
  if (raw === undefined) return {}
  const issues: ValidationIssue[] = []
  const path = (k: string) => ['providerOptions', 'messenger', k]
  const out: MessengerProviderOptions = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue
    if (k === 'messagingType') {
      if (oneOf(MESSENGER_MESSAGING_TYPES, v)) out.messagingType = v
      else issues.push({ path: path(k), code: 'invalid_value', message: `must be one of ${MESSENGER_MESSAGING_TYPES.join(', ')}` })
    } else if (k === 'tag') {
      if (oneOf(MESSENGER_TAGS, v)) out.tag = v
      else issues.push({ path: path(k), code: 'invalid_value', message: `must be one of ${MESSENGER_TAGS.join(', ')}` })
    } else if (k === 'notificationType') {
      if (oneOf(NOTIFICATION_TYPES, v)) out.notificationType = v
      else issues.push({ path: path(k), code: 'invalid_value', message: `must be one of ${NOTIFICATION_TYPES.join(', ')}` })
    } else if (k === 'isReusable') {
      if (typeof v === 'boolean') out.isReusable = v
      else issues.push({ path: path(k), code: 'invalid_type', message: 'must be a boolean' })
    } else {
      issues.push({ path: path(k), code: 'unknown_key', message: 'unknown option; one of messagingType, tag, notificationType, isReusable' })
    }
  }
  if (out.tag && out.messagingType && out.messagingType !== 'MESSAGE_TAG')
    issues.push({ path: path('tag'), code: 'invalid_value', message: `a tag goes with messagingType 'MESSAGE_TAG', not '${out.messagingType}'` })
  if (issues.length) throw new ValidationError(issues)
  return out
}

function button(b: Button): MessengerButton {
  if (b.type === 'reply') return { type: 'postback', title: b.title, payload: b.payload }
  if (b.type === 'url') return { type: 'web_url', title: b.title, url: b.url }
  return { type: 'phone_number', title: b.title, payload: b.phone }
}


function element(card: Card, i: number, issues: ValidationIssue[]): MessengerGenericElement {
  const at = (k: string) => ['message', 'cards', i, k]
  if (!card.title) issues.push({ path: at('title'), code: 'required', message: 'a Messenger generic template element needs a title' })
  if (!card.text && !card.media && !card.buttons?.length)
    issues.push({ path: at('title'), code: 'required', message: 'a Messenger generic template element needs text, an image or buttons besides its title' })
  if (card.media && card.media.type !== 'image') issues.push({ path: at('media'), code: 'unsupported', message: 'a Messenger card shows an image only' })
  if ((card.buttons?.length ?? 0) > 3) issues.push({ path: at('buttons'), code: 'too_many', message: 'a Messenger card holds up to 3 buttons', limit: 3, actual: card.buttons?.length ?? 0 })
  return {
    title: card.title ?? '',
    ...(card.text ? { subtitle: card.text } : {}),
    ...(card.media ? { image_url: card.media.url } : {}),
    ...(card.buttons?.length ? { buttons: card.buttons.map(button) } : {}),
  }
}

/**
 * Maps a message that fits the `messenger` profile to one Send API request body: text, one file
 * by URL, a button template (text and 1–3 buttons) or a generic template (1–10 cards), each with
 * optional quick replies.
 *
 * @throws {ValidationError} for content one Send API request cannot carry (text with a file, more
 * than one file, a list, a location, a template, …: `render()` never leaves these for Messenger),
 * or a `MESSAGE_TAG` send without a tag.
 * @example
 * ```ts
 * toMessengerBody({ text: 'Confirm?', buttons: [reply('Yes', 'YES')] }, '1254459154682919', { messagingType: 'RESPONSE' })
 * // → { recipient: { id: '1254459154682919' }, messaging_type: 'RESPONSE', message: { attachment: { type: 'template',
 * //     payload: { template_type: 'button', text: 'Confirm?', buttons: [{ type: 'postback', title: 'Yes', payload: 'YES' }] } } } }
 * ```
 */
export function toMessengerBody(message: Message, psid: string, o: MessengerPayloadOptions, extra: MessengerProviderOptions = {}): MessengerSendBody {
  const issues: ValidationIssue[] = []
  const unsupported = (key: string, what: string) =>
    issues.push({ path: ['message', key], code: 'unsupported', message: `Messenger has no ${what}; render() turns it into what Messenger has` })
  if (message.list) unsupported('list', 'list picker')
  if (message.location) unsupported('location', 'location message')
  if (message.template) unsupported('template', 'pre-approved templates')

  // Giving only a tag for this send implies MESSAGE_TAG; otherwise the driver's setting holds.
  const messagingType = extra.messagingType ?? (extra.tag ? 'MESSAGE_TAG' : o.messagingType)
  const tag = messagingType === 'MESSAGE_TAG' ? (extra.tag ?? o.tag) : undefined
  if (messagingType === 'MESSAGE_TAG' && !tag)
    issues.push({ path: ['providerOptions', 'messenger', 'tag'], code: 'required', message: "messagingType 'MESSAGE_TAG' needs a tag (driver option tag or providerOptions.messenger.tag)" })

  const text = message.text ? message.text : undefined
  const media = message.media ?? []
  const cards = message.cards ?? []
  const buttons = message.buttons ?? []
  const quickReplies = message.quickReplies ?? []

  if (media.length > 1) issues.push({ path: ['message', 'media'], code: 'too_many', message: 'Messenger sends one file per message', limit: 1, actual: media.length })
  media.forEach((m, i) => {
    if (m.caption !== undefined) issues.push({ path: ['message', 'media', i, 'caption'], code: 'unsupported', message: 'Messenger files have no caption: the text goes as its own message' })
  })
  if (media.length && (text !== undefined || buttons.length))
    issues.push({ path: ['message', 'media'], code: 'unsupported', message: 'a Messenger file goes alone: no text or buttons with it (render() sends them as a message of their own)' })
  if (cards.length && (text !== undefined || media.length || buttons.length))
    issues.push({ path: ['message', 'cards'], code: 'unsupported', message: 'a Messenger generic template goes alone: no text, file or buttons with it' })
  if (cards.length > 10) issues.push({ path: ['message', 'cards'], code: 'too_many', message: 'a Messenger carousel holds up to 10 cards', limit: 10, actual: cards.length })
  if (buttons.length > 3) issues.push({ path: ['message', 'buttons'], code: 'too_many', message: 'a Messenger button template holds 1-3 buttons', limit: 3, actual: buttons.length })
  if (buttons.length && text === undefined && !media.length && !cards.length)
    issues.push({ path: ['message', 'text'], code: 'required', message: 'a Messenger button template needs text above its buttons' })
  if (quickReplies.length > 13) issues.push({ path: ['message', 'quickReplies'], code: 'too_many', message: 'Messenger shows up to 13 quick replies', limit: 13, actual: quickReplies.length })

  let body: MessengerSendBody['message'] | undefined
  const first = media[0]
  if (cards.length) {
    body = { attachment: { type: 'template', payload: { template_type: 'generic', elements: cards.map((c, i) => element(c, i, issues)) } } }
  } else if (first) {
    body = { attachment: { type: first.type, payload: { url: first.url, ...(extra.isReusable !== undefined ? { is_reusable: extra.isReusable } : {}) } } }
  } else if (buttons.length && text !== undefined) {
    body = { attachment: { type: 'template', payload: { template_type: 'button', text, buttons: buttons.map(button) } } }
  } else if (text !== undefined) {
    body = { text }
  }
  if (!body && !issues.length) issues.push({ path: ['message'], code: 'empty', message: 'nothing to send: no text, file, buttons or cards' })
  if (issues.length || !body) throw new ValidationError(issues)
  if (quickReplies.length) body.quick_replies = quickReplies.map((q) => ({ content_type: 'text', title: q.title, payload: q.payload }))

  return {
    recipient: { id: psid },
    messaging_type: messagingType,
    ...(tag ? { tag } : {}),
    ...(extra.notificationType ? { notification_type: extra.notificationType } : {}),
    message: body,
  }
}
