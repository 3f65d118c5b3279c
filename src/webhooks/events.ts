import type { Location, MediaType } from '../message/types.js'

/** Delivery statuses, in the order a message moves through them (`failed`/`undelivered` end it). */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered'

/** A message (or button tap) a customer sent us. */
export interface InboundEvent {
  type: 'inbound'
  /** Channel kind, e.g. `'sms'`. */
  channel: string
  /** Driver id, e.g. `'twilio'`. */
  provider: string
  /** The customer's address on that channel (E.164, chat id, PSID …). */
  from: string
  /** Our address (number, page id, bot) that received it. */
  to: string
  /** When the provider says it was sent (epoch ms). */
  at: number
  text?: string
  media?: Array<{ type: MediaType; url?: string; id?: string; mimeType?: string; caption?: string }>
  location?: Location
  /**
   * The choice the customer made: `native` from a button/chip/list tap, `mapped` from a text reply
   * ("2", "track") matched against the numbered options anychannel sent.
   */
  reply?: { payload: string; title: string; source: 'native' | 'mapped' }
  /** The provider's id of this inbound message. */
  providerMessageId: string
  /** Identifies this webhook event at the provider, so a retried delivery is emitted once. */
  eventId?: string
  /** The provider's payload for this event, as received. */
  raw: unknown
}

/** A delivery status update for a message we sent. */
export interface StatusEvent {
  type: 'status'
  channel: string
  provider: string
  /** The provider's id of the message this status is about (as in `SendResult.providerMessageIds`). */
  providerMessageId: string
  status: DeliveryStatus
  at: number
  /** Why it failed, for `failed` / `undelivered`. */
  error?: { code?: string; message?: string }
  /** The recipient, when the provider reports it. */
  recipient?: string
  /** Identifies this webhook event at the provider, so a retried delivery is emitted once. */
  eventId?: string
  raw: unknown
}

/** Anything a webhook can carry. */
export type ChannelEvent = InboundEvent | StatusEvent

/** Rank of each status, so an out-of-order update never moves a message backwards. */
export const STATUS_RANK: Readonly<Record<DeliveryStatus, number>> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
  undelivered: 4,
}
