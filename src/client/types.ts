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
export type FailoverStep =
  | string
  | {
      /** Channel name as configured on the client, e.g. `'whatsapp'`. */
      channel: string
      /** The delivery status the message must reach (or pass, in `sent` → `delivered` → `read` order). */
      until: 'sent' | 'delivered' | 'read'
      /** How long to wait for it after the provider accepted the message, in ms; must be positive. */
      within: number
    }

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
  /** Retry policy; fields left out keep their defaults. @defaultValue {@link DEFAULT_RETRY} */
  retry?: RetryOptions
  /**
   * Per-attempt timeout in ms (shortened to what is left of `totalTimeout`). An attempt cut off by
   * it is ambiguous: it ends in {@link DeliveryUnknownError} unless the driver's idempotency is native.
   * @defaultValue {@link DEFAULT_TIMEOUT_MS} (10 s)
   */
  timeout?: number
  /**
   * Deadline for a whole send (all attempts, all channels, rate-limit waits included) in ms. A retry
   * whose wait would pass it is not started; the send then rejects with `SendError`.
   * @defaultValue none
   */
  totalTimeout?: number
  /**
   * Fail over after an ambiguous failure (the provider may have accepted the message). Off by
   * default because the customer may get the message twice.
   * @defaultValue `false`
   */
  failoverOnUnknown?: boolean
  /**
   * Error codes (`ErrorCode` values) that end the send instead of failing over (they would fail
   * the same way on any channel).
   * @defaultValue {@link DEFAULT_NO_FAILOVER}: `['AUTH_ERROR', 'VALIDATION_ERROR']`
   */
  noFailoverOn?: string[]
  /**
   * Send rates per channel name, overriding the driver's documented defaults; `false` switches
   * pacing off for that channel.
   * @defaultValue each driver's `capabilities.rateLimit`
   */
  rateLimit?: Record<string, RateLimit | false>
  /** Render options applied to every send and to `client.render()` (a send's own `render` wins, field by field). */
  render?: RenderOptions
  /**
   * Shared state: reply mappings, webhook dedupe keys, opt-outs, delivery statuses. Give every
   * process that sends or receives webhooks the same store.
   * @defaultValue `createMemoryStore()`: per process, lost on restart
   */
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
  replies?:
    | {
        /** How long, in ms, the numbered options sent to a recipient map their replies back. @defaultValue {@link DEFAULT_REPLY_TTL_MS} */
        ttlMs?: number
      }
    | false
  /** How long a webhook event id is remembered to drop provider retries. @defaultValue {@link DEFAULT_DEDUPE_TTL_MS} (7 days) */
  dedupeTtlMs?: number
  /**
   * Allow drivers that hold credentials in a browser. They would be visible to anyone who opens
   * the page; use it only for local tools.
   * @defaultValue `false`
   */
  dangerouslyAllowBrowser?: boolean
  /** Clock in epoch ms, for tests: attempt times, deadlines, rate-limit pacing, opt-out records. @defaultValue `Date.now` */
  now?: () => number
  /** Random source for jitter, for tests. @defaultValue `Math.random` */
  random?: () => number
}

/** One send. */
export interface SendRequest {
  /** An E.164 number (or a channel address), or a contact with an address per channel. */
  to: Recipient
  /** What to send; validated with `parseMessage()` first (a `ValidationError` before any attempt), then rendered per channel. */
  message: Message
  /** Channels to try, in order; replaces both the contact's `prefers` and the client's order. @defaultValue the contact's `prefers`, then the client's `failover` */
  via?: FailoverStep[]
  /**
   * Send even to a recipient who opted out of a channel. Use it only where the law allows (a
   * confirmation of the opt-out itself, a legally required notice).
   * @defaultValue `false`
   */
  ignoreOptOut?: boolean
  /**
   * Reused on every attempt and failover step (parts after the first get `key:1`, `key:2` …); it
   * becomes `SendResult.id`. Pass your own to tie the send to your records.
   * @defaultValue `crypto.randomUUID()`
   */
  idempotencyKey?: string
  /** Aborts the send, pending waits and the attempt in flight; `send()` then rejects with the standard `AbortError`. */
  signal?: AbortSignal
  /**
   * Skip (fail over from) a channel where rendering would lose content, as `DegradationError` in the
   * attempts, instead of sending a lossy version.
   * @defaultValue the `strict` of `render`, else the client's `render.strict`, else `false`
   */
  strict?: boolean
  /** Render options for this send, merged over the client's `render`. */
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
  /** The channel that delivered it, by its name on the client, e.g. `'sms'`. */
  channel: string
  /** Id of the driver that delivered it, e.g. `'twilio'`. */
  provider: string
  /** The recipient's address on that channel (E.164 for phone channels). */
  to: string
  /** The provider's ids, one per provider message sent; status webhooks refer to these. */
  providerMessageIds: string[]
  /** Status as the provider reported it on acceptance (of the last part); later statuses come as `status` events. */
  status: 'queued' | 'sent' | 'delivered' | 'accepted'
  /** What was rendered for the channel: messages, degradation report, reply mappings. */
  rendered: RenderResult
  /** Every attempt, including failed ones on earlier channels. */
  attempts: SendAttempt[]
}
