// Two-way state kept in the Store: reply mappings for numbered options, opt-outs, webhook
// dedupe keys and the last status of each message. One key scheme, one place.
import { normalizeReplyText } from '../render/text.js'
import type { ReplyOption } from '../render/types.js'
import { type DeliveryStatus, STATUS_RANK } from '../webhooks/events.js'
import type { Store } from './store.js'

/**
 * Replies that opt a recipient out of a channel (carrier and CTIA practice in English, and common
 * equivalents in French, German, Spanish, Portuguese and Italian). Matched against the whole
 * message after normalisation (case, accents, surrounding punctuation ignored).
 */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'arret', // fr: ARRÊT
  'stopp', // de
  'baja', // es
  'parar', // es, pt
  'sair', // pt
  'basta', // it
]

/** Replies that opt a recipient back in (matched like {@link DEFAULT_OPT_OUT_KEYWORDS}). */
export const DEFAULT_OPT_IN_KEYWORDS: readonly string[] = ['start', 'unstop', 'subscribe', 'resume']

/** How long a numbered-options mapping answers inbound replies, in ms: 24 hours. */
export const DEFAULT_REPLY_TTL_MS = 24 * 60 * 60 * 1000

/** How long a webhook event id is remembered to drop provider retries, in ms: 7 days (Meta and RBM retry for days). */
export const DEFAULT_DEDUPE_TTL_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Consent settings of a client. An inbound message whose whole text equals a keyword (compared
 * after {@link normalizeReplyText}: case, accents and surrounding punctuation ignored) opts its
 * sender out of, or back into, the channel it arrived on. Taps on buttons never count.
 */
export interface ConsentOptions {
  /** Replies that opt out; they replace the defaults (spread them in to extend). @defaultValue {@link DEFAULT_OPT_OUT_KEYWORDS} */
  optOut?: readonly string[]
  /** Replies that opt back in; they replace the defaults. @defaultValue {@link DEFAULT_OPT_IN_KEYWORDS} */
  optIn?: readonly string[]
}

/**
 * A phone number in any common spelling (`+1 415…`, `1415…`, `whatsapp:+1415…`) as one key: `+`
 * and the digits. Anything that is not 6–15 digits once a `whatsapp:` prefix, spaces, dots, dashes
 * and parentheses are removed (an `@channel`, a longer id) is returned unchanged. The client keys
 * opt-outs and reply mappings with it, per channel.
 *
 * @example
 * ```ts
 * addressKey('whatsapp:+1 (415) 555-0100') // '+14155550100'
 * addressKey('14155550100')                // '+14155550100'
 * addressKey('@acme_news')                 // '@acme_news'
 * ```
 */
export function addressKey(address: string): string {
  const bare = address.replace(/^whatsapp:/, '').replace(/[\s().-]/g, '')
  return /^\+?\d{6,15}$/.test(bare) ? `+${bare.replace(/^\+/, '')}` : address
}

const k = {
  replies: (channel: string, to: string) => `anychannel:replies:${channel}:${addressKey(to)}`,
  optOut: (channel: string, to: string) => `anychannel:optout:${channel}:${addressKey(to)}`,
  seen: (channel: string, id: string) => `anychannel:seen:${channel}:${id}`,
  status: (provider: string, id: string) => `anychannel:status:${provider}:${id}`,
  pending: (key: string) => `anychannel:pending:${key}`,
  late: (provider: string, id: string) => `anychannel:late:${provider}:${id}`,
}
export const storeKeys = k

interface StoredReplies {
  at: number
  options: ReplyOption[]
}

/**
 * Remembers the numbered options sent to `to` on `channel`, so an inbound "2" maps back. Title keys
 * that equal a consent keyword are dropped: "cancel" must stay an opt-out, the number still works.
 */
export async function rememberReplies(
  store: Store,
  channel: string,
  to: string,
  options: readonly ReplyOption[],
  ttlMs: number,
  reserved: ReadonlySet<string>,
  now: number,
): Promise<void> {
  if (options.length === 0) return
  const safe = options.map((o) => ({ ...o, keys: o.keys.filter((key, i) => i === 0 || !reserved.has(key)) }))
  await store.set(k.replies(channel, to), { at: now, options: safe } satisfies StoredReplies, ttlMs)
}

/** The option an inbound text picks, if any. */
export async function matchReply(store: Store, channel: string, from: string, text: string): Promise<ReplyOption | undefined> {
  const stored = (await store.get(k.replies(channel, from))) as StoredReplies | undefined
  if (!stored) return undefined
  const said = normalizeReplyText(text)
  if (!said) return undefined
  return stored.options.find((o) => o.keys.includes(said))
}

/** The consent keyword `text` is, if it is one. */
export function consentKeyword(text: string | undefined, optOut: ReadonlySet<string>, optIn: ReadonlySet<string>): { kind: 'opt-out' | 'opt-in'; keyword: string } | undefined {
  if (!text) return undefined
  const said = normalizeReplyText(text)
  if (optOut.has(said)) return { kind: 'opt-out', keyword: said }
  if (optIn.has(said)) return { kind: 'opt-in', keyword: said }
  return undefined
}

export async function setOptOut(store: Store, channel: string, to: string, out: boolean, now: number): Promise<void> {
  if (out) await store.set(k.optOut(channel, to), { at: now })
  else await store.delete(k.optOut(channel, to))
}

export async function isOptedOut(store: Store, channel: string, to: string): Promise<boolean> {
  return (await store.get(k.optOut(channel, to))) !== undefined
}

/** Whether an event id was already handled on a channel (within the TTL). */
export async function alreadySeen(store: Store, channel: string, id: string): Promise<boolean> {
  return (await store.get(k.seen(channel, id))) !== undefined
}

/**
 * Records an event id as handled. Called after the event was processed and emitted, so an event
 * whose listener failed is handled again when the provider re-delivers it.
 */
export async function markSeen(store: Store, channel: string, id: string, ttlMs: number, now: number): Promise<void> {
  await store.set(k.seen(channel, id), now, ttlMs)
}

/** Records a status unless it would move the message backwards; returns whether it moved forward. */
export async function advanceStatus(
  store: Store,
  provider: string,
  id: string,
  status: DeliveryStatus,
  ttlMs: number,
): Promise<boolean> {
  const key = k.status(provider, id)
  const last = (await store.get(key)) as DeliveryStatus | undefined
  if (last !== undefined && STATUS_RANK[last] >= STATUS_RANK[status]) return false
  await store.set(key, status, ttlMs)
  return true
}
