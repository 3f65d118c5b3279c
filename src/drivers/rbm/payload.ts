import { ValidationError, type ValidationIssue } from '../../errors.js'
import type { Button, Card, Message } from '../../message/types.js'

/** A suggested reply or action chip (`Suggestion` of the RBM reference). */
export type RbmSuggestion =
  | { reply: { text: string; postbackData: string } }
  | { action: { text: string; postbackData: string; openUrlAction: { url: string } } }
  | { action: { text: string; postbackData: string; dialAction: { phoneNumber: string } } }

/** A file the RBM platform fetches by public URL. */
export interface RbmContentInfo {
  fileUrl: string
}

/** One card of a standalone rich card or a carousel. */
export interface RbmCardContent {
  title?: string
  description?: string
  media?: { height: 'MEDIUM'; contentInfo: RbmContentInfo }
  suggestions?: RbmSuggestion[]
}

/** A rich card: one standalone card, or a carousel of 2–10. */
export type RbmRichCard =
  | { standaloneCard: { cardOrientation: 'VERTICAL'; cardContent: RbmCardContent } }
  | { carouselCard: { cardWidth: 'MEDIUM'; cardContents: RbmCardContent[] } }

/** `AgentContentMessage`: exactly one of text, a file or a rich card, and the message's suggestions. */
export interface RbmContentMessage {
  text?: string
  contentInfo?: RbmContentInfo
  richCard?: RbmRichCard
  suggestions?: RbmSuggestion[]
}

/** What kind of traffic a message is, for billing and carrier policies (`AgentMessage.messageTrafficType`). */
export type RbmMessageTrafficType = 'AUTHENTICATION' | 'TRANSACTION' | 'PROMOTION' | 'SERVICEREQUEST' | 'ACKNOWLEDGEMENT'

/** The body of `POST /v1/phones/{E.164}/agentMessages` (an `AgentMessage` without its output-only fields). */
export interface RbmAgentMessage {
  contentMessage: RbmContentMessage
  messageTrafficType?: RbmMessageTrafficType
  /** A duration such as `"3600s"`: RBM revokes the message if it is not delivered by then. */
  ttl?: string
  /** An RFC 3339 time, instead of `ttl`. */
  expireTime?: string
}

/**
 * Per-send extras, given as `providerOptions: { rbm: { … } }` on `client.send()`; they override
 * the driver options of the same name. An unknown key or a wrong value makes the send fail with a
 * `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * await client.send({ to, message, providerOptions: { rbm: { ttlSeconds: 600, messageTrafficType: 'AUTHENTICATION' } } })
 * ```
 */
export interface RbmProviderOptions {
  /**
   * Seconds after which RBM revokes the message if it has not been delivered (`ttl`). The revocation
   * arrives as an `undelivered` status, which the client's delivery-status failover acts on.
   */
  ttlSeconds?: number
  /** An absolute expiry instead of `ttlSeconds` (RFC 3339 string or `Date`). */
  expireTime?: string | Date
  /** The traffic type RBM bills and polices the message as. */
  messageTrafficType?: RbmMessageTrafficType
}

/** The documented `messageTrafficType` values, minus `MESSAGE_TRAFFIC_TYPE_UNSPECIFIED`. */
export const RBM_TRAFFIC_TYPES: readonly RbmMessageTrafficType[] = ['AUTHENTICATION', 'TRANSACTION', 'PROMOTION', 'SERVICEREQUEST', 'ACKNOWLEDGEMENT']

const KEYS = ['ttlSeconds', 'expireTime', 'messageTrafficType'] as const

/** Checks `ttlSeconds`, `expireTime` and `messageTrafficType` wherever they come from (driver options or a send). */
export function checkRbmSendOptions(raw: Record<string, unknown>, at: readonly string[]): { options: RbmProviderOptions; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const options: RbmProviderOptions = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue
    const path = [...at, k]
    if (k === 'ttlSeconds') {
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) options.ttlSeconds = v
      else issues.push({ path, code: 'invalid_type', message: 'must be a whole number of seconds above 0' })
    } else if (k === 'expireTime') {
      if ((typeof v === 'string' && !Number.isNaN(Date.parse(v))) || (v instanceof Date && !Number.isNaN(v.getTime()))) options.expireTime = v
      else issues.push({ path, code: 'invalid_type', message: 'must be an RFC 3339 time or a valid Date' })
    } else if (k === 'messageTrafficType') {
      if (typeof v === 'string' && (RBM_TRAFFIC_TYPES as readonly string[]).includes(v)) options.messageTrafficType = v as RbmMessageTrafficType
      else issues.push({ path, code: 'invalid_value', message: `one of ${RBM_TRAFFIC_TYPES.join(', ')}` })
    } else {
      issues.push({ path, code: 'unknown_key', message: `unknown option; one of ${KEYS.join(', ')}` })
    }
  }
  if (options.ttlSeconds !== undefined && options.expireTime !== undefined)
    issues.push({ path: [...at, 'expireTime'], code: 'invalid_value', message: 'give ttlSeconds or expireTime, not both (RBM takes one)' })
  return { options, issues }
}

/** Reads `providerOptions.rbm` strictly. @throws {ValidationError} on an unknown key or a wrong value. */
export function readProviderOptions(raw: Record<string, unknown> | undefined): RbmProviderOptions {
  if (raw === undefined) return {}
  const { options, issues } = checkRbmSendOptions(raw, ['providerOptions', 'rbm'])
  if (issues.length) throw new ValidationError(issues)
  return options
}

/** A model button as an RBM suggestion. URL and call actions need a postback too: the target, as the Vonage RCS mapping does. */
function suggestion(b: Button): RbmSuggestion {
  if (b.type === 'reply') return { reply: { text: b.title, postbackData: b.payload } }
  if (b.type === 'url') return { action: { text: b.title, postbackData: b.url, openUrlAction: { url: b.url } } }
  return { action: { text: b.title, postbackData: b.phone, dialAction: { phoneNumber: b.phone } } }
}

function cardContent(card: Card, path: Array<string | number>, issues: ValidationIssue[]): RbmCardContent {
  const out: RbmCardContent = {}
  if (card.title) out.title = card.title
  if (card.text) out.description = card.text
  if (card.media) {
    if (card.media.type !== 'image' && card.media.type !== 'video')
      issues.push({ path: [...path, 'media', 'type'], code: 'unsupported', message: 'RBM cards show images and videos only' })
    // MEDIUM: the one height that standalone cards and carousels both accept (no TALL in carousels).
    out.media = { height: 'MEDIUM', contentInfo: { fileUrl: card.media.url } }
  }
  if (card.buttons?.length) out.suggestions = card.buttons.map(suggestion)
  if (!out.title && !out.description && !out.media) issues.push({ path, code: 'required', message: 'an RBM card needs a title, text or media' })
  return out
}

/**
 * Maps a message that fits the RBM capabilities to the `AgentMessage` request body. One message is
 * one of: text, one media item, one card (standalone) or 2–10 cards (carousel); its buttons and
 * quick replies become the message's suggestions, buttons first.
 *
 * @throws {ValidationError} for what one RBM message cannot carry and `render()` never leaves in
 * one: text with media or cards, several media, a caption, a list, a location, a template.
 */
export function toRbmAgentMessage(message: Message, options: RbmProviderOptions = {}): RbmAgentMessage {
  const issues: ValidationIssue[] = []
  const unsupported = (path: string, text: string) => issues.push({ path: ['message', path], code: 'unsupported', message: text })
  if (message.template) unsupported('template', 'RBM has no templates: render() sends fallback.text or the message content instead')
  if (message.list) unsupported('list', 'RBM has no list picker: render() sends the rows as suggestions or numbered text')
  if (message.location) unsupported('location', 'RBM has no location message: render() sends it as text with a maps link')

  const content: RbmContentMessage = {}
  const kinds = [message.text !== undefined, (message.media?.length ?? 0) > 0, (message.cards?.length ?? 0) > 0].filter(Boolean).length
  if (kinds > 1) issues.push({ path: ['message'], code: 'unsupported', message: 'one RBM message carries text, one media item or cards, not several of them (render() splits them)' })
  if (message.text !== undefined) content.text = message.text
  const media = message.media ?? []
  if (media.length > 1) unsupported('media', `one media item per RBM message, got ${media.length}`)
  const first = media[0]
  if (first) {
    if (first.caption !== undefined) issues.push({ path: ['message', 'media', 0, 'caption'], code: 'unsupported', message: 'RBM media has no caption: send the text as its own message' })
    content.contentInfo = { fileUrl: first.url }
  }
  const cards = message.cards ?? []
  if (cards.length === 1) {
    content.richCard = { standaloneCard: { cardOrientation: 'VERTICAL', cardContent: cardContent(cards[0] as Card, ['message', 'cards', 0], issues) } }
  } else if (cards.length > 1) {
    content.richCard = { carouselCard: { cardWidth: 'MEDIUM', cardContents: cards.map((c, i) => cardContent(c, ['message', 'cards', i], issues)) } }
  }
  if (kinds === 0) issues.push({ path: ['message'], code: 'required', message: 'nothing to send: RBM needs text, a media item or cards' })
  const suggestions = [...(message.buttons ?? []), ...(message.quickReplies ?? [])].map(suggestion)
  if (suggestions.length) content.suggestions = suggestions
  if (issues.length) throw new ValidationError(issues)

  const body: RbmAgentMessage = { contentMessage: content }
  if (options.messageTrafficType) body.messageTrafficType = options.messageTrafficType
  if (options.ttlSeconds !== undefined) body.ttl = `${options.ttlSeconds}s`
  else if (options.expireTime !== undefined) body.expireTime = new Date(options.expireTime).toISOString()
  return body
}
