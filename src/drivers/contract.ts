/**
 * The driver contract (specification v1). A driver turns a message that already fits its
 * capabilities into one provider request. It makes exactly one attempt: the client owns retries,
 * timeouts and failover. This module changes only in a major version.
 *
 * @module
 */
import type { Capabilities } from '../channels/capabilities.js'
import type { Message } from '../message/types.js'
import type { ChannelEvent } from '../webhooks/events.js'

/** What a driver is asked to send: one message that fits its capabilities. */
export interface DriverSendRequest {
  /** The recipient's address on this channel (E.164 for phone channels). */
  to: string
  /** A message that already fits `capabilities` completely: the driver never has to cut anything. */
  message: Message
  /**
   * The same for every attempt and failover step of one `send()`. Drivers whose provider
   * de-duplicates on it forward it and declare `idempotency: 'native'`.
   */
  idempotencyKey: string
  /** Aborted on timeout or by the caller. Pass it to `fetch`. */
  signal: AbortSignal
  /** Where this message stands among the rendered messages of one send; the client always sets it. */
  part?: {
    /** Index of this message (0-based). */
    index: number
    /** How many messages the send rendered for this channel. */
    count: number
  }
  /**
   * Provider-specific extras, keyed by driver id, e.g. `{ twilio: { ValidityPeriod: '600' } }`,
   * exactly as given to `client.send()`; a driver reads only its own key.
   */
  providerOptions?: Record<string, Record<string, unknown>>
}

/** What the provider answered when it accepted the message. */
export interface DriverReceipt {
  /** The provider's ids for what it accepted (one per provider message). */
  providerMessageIds: string[]
  /** Initial status as the provider reports it. */
  status: 'queued' | 'sent' | 'delivered' | 'accepted'
  /** The provider's response body, for debugging. Never includes credentials. */
  raw?: unknown
}

/** Webhook support, optional. */
export interface DriverWebhook {
  /** True when the request is authentic (signature or secret token checks out). Never throws for bad input. */
  verify(request: Request): Promise<boolean>
  /** Normalises the provider's webhook into events. Call after `verify`. */
  parse(request: Request): Promise<ChannelEvent[]>
  /**
   * Answers a subscription handshake (Meta's `hub.challenge`, RBM's `clientToken`), or returns
   * `undefined` when the request is not one.
   */
  handshake?(request: Request): Promise<Response | undefined>
  /** The response the provider expects after a successful delivery (default: 200 empty). */
  acknowledge?(events: ChannelEvent[]): Response
}

/**
 * A send rate for one channel. Defaults come from the driver (the provider's documented limits,
 * e.g. Telegram 30 msg/s overall and 1 msg/s per chat; WhatsApp Cloud 80 msg/s); the client's
 * `rateLimit` option overrides them per channel name.
 */
export interface RateLimit {
  /** Requests per second to the provider, sustained. */
  perSecond: number
  /**
   * Requests allowed at once before the rate applies.
   * @defaultValue 1 (an even spread)
   */
  burst?: number
  /** Requests per second to one recipient (Telegram: 1 per chat). */
  perRecipientPerSecond?: number
}

/**
 * Capabilities of a concrete driver: a profile, whether the provider de-duplicates on our key, and
 * the provider's documented send rate (the client paces requests to it; apps can override).
 */
export type DriverCapabilities = Capabilities & {
  /**
   * `'native'` when the provider de-duplicates on the idempotency key the driver forwards, so the
   * client may retry any failure (except auth, validation and recipient errors); `'none'` otherwise.
   */
  idempotency: 'native' | 'none'
  /** The provider's documented send rate; the client paces sends to it. Absent: no pacing. */
  rateLimit?: RateLimit
}

/**
 * A channel driver. Implement `doSend`; everything else is optional and detected by presence.
 *
 * @example
 * ```ts
 * const driver: DriverV1 = defineDriver({
 *   id: 'my-sms',
 *   channel: 'sms',
 *   capabilities: { ...profiles.sms, idempotency: 'none' },
 *   async doSend({ to, message, signal }) {
 *     const res = await fetch('https://sms.example/send', { method: 'POST', body: JSON.stringify({ to, text: message.text }), signal })
 *     return { providerMessageIds: [(await res.json()).id], status: 'queued' }
 *   },
 * })
 * ```
 */
export interface DriverV1 {
  /** The contract version this driver implements; {@link defineDriver} fills it in. */
  readonly specificationVersion: 'v1'
  /** Provider id: `'twilio'`, `'whatsapp'`, `'console'` … */
  readonly id: string
  /** What it delivers: `'sms'`, `'whatsapp'`, … */
  readonly channel: string
  /**
   * What the channel shows natively through this provider, and its limits. `render()` fits every
   * message to them before `doSend` sees it.
   */
  readonly capabilities: DriverCapabilities
  /**
   * One attempt. Throw anychannel errors (`ProviderError` and subclasses) on failure, with
   * `retryable` / `ambiguous` set truthfully; anything else thrown is treated as ambiguous (it may
   * have sent). Honour `request.signal`.
   */
  doSend(request: DriverSendRequest): Promise<DriverReceipt>
  /** Webhook support (verification and parsing), for `client.handleWebhook()`. Absent: that channel's webhooks are answered 404. */
  readonly webhook?: DriverWebhook
  /**
   * True when this driver holds credentials that must not ship to a browser. The client refuses
   * to create such a driver in a browser unless `dangerouslyAllowBrowser: true`.
   */
  readonly usesCredentials?: boolean
  /** Releases what the driver holds (connections, timers); `client.close()` calls it. */
  dispose?(): Promise<void>
}

/**
 * Identity helper that type-checks a driver object and fills in `specificationVersion`. It returns
 * a new object; it does not validate anything at run time.
 *
 * @example
 * ```ts
 * export const myDriver = defineDriver({ id: 'x', channel: 'sms', capabilities, doSend })
 * ```
 */
export function defineDriver(driver: Omit<DriverV1, 'specificationVersion'>): DriverV1 {
  return { specificationVersion: 'v1', ...driver }
}
