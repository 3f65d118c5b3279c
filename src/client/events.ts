import type { AnychannelError, DeliveryUnknownError, SendAttempt, SendError } from '../errors.js'
import type { RenderResult } from '../render/types.js'
import type { InboundEvent, StatusEvent } from '../webhooks/events.js'
import type { SendResult } from './types.js'

/** Common fields of every send event. */
export interface SendEventBase {
  /** The send's idempotency key (also `SendResult.id`). */
  idempotencyKey: string
  /** Channel name as configured on the client. */
  channel: string
  /** Driver id. */
  driver: string
}

/** Payloads of the client's events. */
export interface ClientEvents {
  /** An attempt is about to call a driver. */
  attempt: SendEventBase & { attempt: number; part: number; parts: number }
  /** A failed attempt will be retried after `delayMs`. */
  retry: SendEventBase & { attempt: number; delayMs: number; reason: string; serverDelay: boolean; error: AnychannelError }
  /** The send moves from one channel to the next. */
  failover: { idempotencyKey: string; from: string; to: string; reason: string }
  /** Rendering for a channel changed or dropped something. */
  degraded: SendEventBase & { report: RenderResult['report'] }
  /** A send succeeded. */
  sent: SendResult
  /** A send failed on every channel. */
  failed: { idempotencyKey: string; error: SendError; attempts: readonly SendAttempt[] }
  /** A send may or may not have been delivered (see `DeliveryUnknownError`). */
  unknown: { idempotencyKey: string; error: DeliveryUnknownError }
  /** A customer wrote or tapped something. */
  inbound: InboundEvent
  /** A delivery status arrived. */
  status: StatusEvent
  /** A recipient opted out (STOP) of a channel. */
  'opt-out': { channel: string; recipient: string; keyword: string }
  /** A recipient opted back in (START). */
  'opt-in': { channel: string; recipient: string; keyword: string }
  /** A message reported a success status after the client had already failed over from it. */
  'late-delivery': { idempotencyKey: string; channel: string; provider: string; providerMessageId: string; status: string }
  /** A webhook failed verification or could not be handled. */
  'webhook-error': { channel: string; error: AnychannelError }
}

/** A client event name. */
export type ClientEventName = keyof ClientEvents

/** A listener for event `E`. */
export type ClientListener<E extends ClientEventName> = (payload: ClientEvents[E]) => void
