import type { DriverV1, RateLimit } from '../drivers/contract.js'
import type { SendAttempt } from '../errors.js'
import type { Message, Recipient } from '../message/types.js'
import type { RenderOptions, RenderResult } from '../render/types.js'
import type { RetryOptions } from './retry.js'
import type { Store } from './store.js'
import type { ConsentOptions } from './two-way.js'

/**
 * One step of a failover order: a channel name, or a channel that must reach a delivery status in
 * time. `{ channel: 'whatsapp', until: 'delivered', within: 60_000 }` moves on to the next step
 * when WhatsApp has not reported `delivered` (or better) within a minute, or reports a failure.
 */
export type FailoverStep = string | { channel: string; until: 'sent' | 'delivered' | 'read'; within: number }

/** Options of `createClient`. */
export interface ClientOptions {
  /** Drivers by channel name, e.g. `{ whatsapp: createWhatsAppDriver(…), sms: createTwilioDriver(…) }`. */
  channels: Record<string, DriverV1>
  /**
   * Default channel order for sends without `via`: the first that succeeds wins. A step may wait
   * for a delivery status before it counts as a success (see {@link FailoverStep}); those timers
   * live in this process, so a restart forgets them (the pending record in the Store says what was
   * waiting).
   * @defaultValue the keys of `channels`, in order
   */
  failover?: FailoverStep[]
  /** Retry policy. @defaultValue {@link DEFAULT_RETRY} */
  retry?: RetryOptions
  /** Per-attempt timeout in ms. @defaultValue {@link DEFAULT_TIMEOUT_MS} (10 s) */
  timeout?: number
  /** Deadline for a whole send (all attempts, all channels) in ms. @defaultValue none */
  totalTimeout?: number
  /**
   * Fail over after an ambiguous failure (the provider may have accepted the message). Off by
   * default because the customer may get the message twice.
   * @defaultValue `false`
   */
  failoverOnUnknown?: boolean
  /**
   * Error codes that end the send instead of failing over (they would fail the same way on any
   * channel).
   * @defaultValue {@link DEFAULT_NO_FAILOVER}: `['AUTH_ERROR', 'VALIDATION_ERROR']`
   */
  noFailoverOn?: string[]
  /**
   * Send rates per channel name, overriding the driver's documented defaults; `false` switches
   * pacing off for that channel.
   * @defaultValue each driver's `capabilities.rateLimit`
   */
  rateLimit?: Record<string, RateLimit | false>
  /** Render options applied to every send (a send's own `render` wins). */
  render?: RenderOptions
  /** Shared state (reply mappings, webhook dedupe, opt-outs). @defaultValue an in-memory store */
  store?: Store
  /**
   * Keywords that opt a recipient out of (or back into) a channel when they reply with exactly
   * that; `false` switches consent handling off.
   * @defaultValue {@link DEFAULT_OPT_OUT_KEYWORDS} / {@link DEFAULT_OPT_IN_KEYWORDS}
   */
  consent?: ConsentOptions | false
  /**
   * How long numbered options sent to someone answer their replies; `false` stops remembering.
   * @defaultValue `{ ttlMs: DEFAULT_REPLY_TTL_MS }` (24 hours)
   */
  replies?: { ttlMs?: number } | false
  /** How long a webhook event id is remembered to drop provider retries. @defaultValue {@link DEFAULT_DEDUPE_TTL_MS} (7 days) */
  dedupeTtlMs?: number
  /**
   * Allow drivers that hold credentials in a browser. They would be visible to anyone who opens
   * the page; use it only for local tools.
   * @defaultValue `false`
   */
  dangerouslyAllowBrowser?: boolean
  /** Clock, for tests. @defaultValue `Date.now` */
  now?: () => number
  /** Random source for jitter, for tests. @defaultValue `Math.random` */
  random?: () => number
}

/** One send. */
export interface SendRequest {
  /** An E.164 number (or a channel address), or a contact with an address per channel. */
  to: Recipient
  message: Message
  /** Channels to try, in order. @defaultValue the contact's `prefers`, then the client's `failover` */
  via?: FailoverStep[]
  /**
   * Send even to a recipient who opted out of a channel. Use it only where the law allows (a
   * confirmation of the opt-out itself, a legally required notice).
   * @defaultValue `false`
   */
  ignoreOptOut?: boolean
  /** Reused on every attempt and failover step. @defaultValue `crypto.randomUUID()` */
  idempotencyKey?: string
  /** Aborts the send; surfaces as the standard `AbortError`. */
  signal?: AbortSignal
  /** Throw `DegradationError` (and fail over) where a channel would lose content. */
  strict?: boolean
  /** Render options for this send. */
  render?: RenderOptions
  /** Provider-specific extras keyed by driver id, passed to drivers untouched. */
  providerOptions?: Record<string, Record<string, unknown>>
}

/** The outcome of a successful send. */
export interface SendResult {
  /** The send's id: its idempotency key. */
  id: string
  /** The idempotency key used for every attempt (same as `id`). */
  idempotencyKey: string
  /** The channel that delivered it. */
  channel: string
  /** The driver that delivered it. */
  provider: string
  /** The recipient's address on that channel. */
  to: string
  /** The provider's ids, one per message sent. */
  providerMessageIds: string[]
  /** Status as the provider reported it on acceptance. */
  status: 'queued' | 'sent' | 'delivered' | 'accepted'
  /** What was rendered for the channel: messages, degradation report, reply mappings. */
  rendered: RenderResult
  /** Every attempt, including failed ones on earlier channels. */
  attempts: SendAttempt[]
}
