import type { AnychannelError, DeliveryUnknownError, SendAttempt, SendError } from '../errors.js'
import type { RenderResult } from '../render/types.js'
import type { InboundEvent, StatusEvent } from '../webhooks/events.js'
import type { SendResult } from './types.js'

/** Common fields of every send event. */
export interface SendEventBase {
  /** The send's idempotency key (also `SendResult.id`): it ties together every event of one send. */
  idempotencyKey: string
  /** Channel name as configured on the client, e.g. `'whatsapp'`. */
  channel: string
  /** Id of the channel's driver, e.g. `'twilio'`. */
  driver: string
}

/**
 * Payloads of the client's events, by event name. Listen with `client.on(name, listener)`.
 *
 * @example
 * ```ts
 * client.on('retry', ({ channel, attempt, delayMs, reason }) => log.info(`${channel} #${attempt} failed (${reason}), retrying in ${delayMs} ms`))
 * client.on('inbound', (event) => { if (event.reply) handleChoice(event.from, event.reply.payload) })
 * ```
 */
export interface ClientEvents {
  /** An attempt is about to call a driver (after rate-limit pacing). */
  attempt: SendEventBase & {
    /** Attempt number on this channel for this send: 1, then 2 for the first retry, …; it keeps counting across parts. */
    attempt: number
    /** Index of the rendered message being sent (0-based); a render can yield several messages. */
    part: number
    /** How many rendered messages this channel gets for the send. */
    parts: number
  }
  /** A failed attempt will be retried after `delayMs`. */
  retry: SendEventBase & {
    /** Number of the attempt that failed (see `attempt.attempt`). */
    attempt: number
    /** How long the client waits before the retry, in ms. */
    delayMs: number
    /** The failed attempt's error message. */
    reason: string
    /** True when `delayMs` is the delay the provider asked for (`retryAfterMs`), false for the client's own backoff. */
    serverDelay: boolean
    /** The failed attempt's error. */
    error: AnychannelError
  }
  /** The send moves from one channel to the next. */
  failover: {
    /** The send's idempotency key. */
    idempotencyKey: string
    /** Channel name (on the client) that could not deliver. */
    from: string
    /** Channel name (on the client) tried next. */
    to: string
    /** Why: the error message, or for delivery-status failover e.g. `'no delivered status within 60000 ms'`. */
    reason: string
  }
  /** Rendering for a channel changed or dropped something (emitted before the channel is tried). */
  degraded: SendEventBase & {
    /** Every change rendering made for this channel, in order; `lossy` entries lost content. */
    report: RenderResult['report']
  }
  /** A send succeeded. */
  sent: SendResult
  /**
   * A send failed: every channel failed, or a failure ended it early (see `SendError`). Also
   * emitted when a delivery-status failover runs out of channels, after `send()` has resolved.
   */
  failed: {
    /** The send's idempotency key. */
    idempotencyKey: string
    /** The error, with every attempt (for an opt-out refusal, a `SendError` carrying the `ConsentError` message). */
    error: SendError
    /** Every attempt of the send, in order. */
    attempts: readonly SendAttempt[]
  }
  /** A send may or may not have been delivered (see `DeliveryUnknownError`). */
  unknown: {
    /** The send's idempotency key: look for it at the provider before resending. */
    idempotencyKey: string
    /** The error `send()` rejects with. */
    error: DeliveryUnknownError
  }
  /** A customer wrote or tapped something (a text reply to numbered options arrives with `reply` filled in). */
  inbound: InboundEvent
  /** A delivery status arrived that moves its message forward (repeats and backward steps are dropped). */
  status: StatusEvent
  /** A recipient opted out (STOP) of a channel. */
  'opt-out': {
    /** Channel name as configured on the client (the one whose webhook received the keyword). */
    channel: string
    /** The address that opted out, as the webhook reported it (`InboundEvent.from`). */
    recipient: string
    /** The keyword received, normalised (lower case, accents and punctuation removed), e.g. `'stop'`. */
    keyword: string
  }
  /** A recipient opted back in (START). */
  'opt-in': {
    /** Channel name as configured on the client (the one whose webhook received the keyword). */
    channel: string
    /** The address that opted in, as the webhook reported it (`InboundEvent.from`). */
    recipient: string
    /** The keyword received, normalised, e.g. `'start'`. */
    keyword: string
  }
  /** A message reported a success status after the client had already failed over from it. */
  'late-delivery': {
    /** The send's idempotency key. */
    idempotencyKey: string
    /** Channel kind the status came from, as the driver reports it (`StatusEvent.channel`). */
    channel: string
    /** Id of the driver that reported it, e.g. `'whatsapp'`. */
    provider: string
    /** The provider's id of the message that arrived late. */
    providerMessageId: string
    /** The status it reported (a `DeliveryStatus` other than `failed`/`undelivered`), usually `'delivered'` or `'read'`. */
    status: string
  }
  /** A webhook failed verification or could not be handled (the response was 401, 404 or 400). */
  'webhook-error': {
    /** The channel name `handleWebhook()` was called with. */
    channel: string
    /** A `WebhookVerificationError` (bad signature, unreadable body), or a `ValidationError` (unknown channel, driver without webhook). */
    error: AnychannelError
  }
}

/** A client event name, e.g. `'sent'`. */
export type ClientEventName = keyof ClientEvents

/** A listener for event `E`: called with that event's payload, synchronously when it is emitted. */
export type ClientListener<E extends ClientEventName> = (payload: ClientEvents[E]) => void
