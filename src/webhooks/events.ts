import type { Location, MediaType } from '../message/types.js'

/**
 * Delivery statuses, in the order a message moves through them (`failed`/`undelivered` end it).
 * `undelivered`: the provider accepted the message but could not hand it over (Twilio, Vonage);
 * `failed`: it was refused or could not be sent.
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered'

/** A message (or button tap) a customer sent us, as `client.on('inbound', …)` receives it. */
export interface InboundEvent {
  /** Discriminates it from a {@link StatusEvent}. */
  type: 'inbound'
  /** Channel kind the driver reports, e.g. `'sms'`, or `'mms'` for a Twilio SMS number's message with media. */
  channel: string
  /** Driver id, e.g. `'twilio'`. */
  provider: string
  /** The customer's address on that channel (E.164, chat id, PSID …). */
  from: string
  /** Our address (number, page id, bot) that received it. */
  to: string
  /**
   * When the provider says it was sent (epoch ms); the time the webhook was parsed where the
   * provider gives none (Twilio, Telegram button taps).
   */
  at: number
  /**
   * What the customer wrote; for a media message usually its caption, for a button or list tap
   * the tapped title. Absent when there is no text (a bare image, a location).
   */
  text?: string
  /** Media the customer sent, in the order the provider lists them. */
  media?: Array<{
    /** What kind of media it is (a sticker counts as an image, a voice note as audio). */
    type: MediaType
    /** Where to download it, when the provider gives a URL (Twilio, Vonage); may need the driver's credentials. */
    url?: string
    /** The provider's media id, when it gives an id instead of a URL (WhatsApp Cloud API media id, Telegram `file_id`). */
    id?: string
    /** MIME type, when the provider reports it, e.g. `'image/jpeg'`. */
    mimeType?: string
    /** The caption sent with this item, when there was one (also in `text`). */
    caption?: string
  }>
  /** A location pin the customer shared; with `name` and `address` when the provider gives them (a venue, a place). */
  location?: Location
  /**
   * The choice the customer made: `native` from a button/chip/list tap, `mapped` from a text reply
   * ("2", "track") matched against the numbered options anychannel sent.
   */
  reply?: {
    /** The payload of the chosen option: a reply button's `payload` or a list row's `id`. */
    payload: string
    /** The chosen option's title as shown to the customer. */
    title: string
    /** `native`: a tap on a button, chip or list row; `mapped`: a text reply matched to a numbered option. */
    source: 'native' | 'mapped'
  }
  /** The provider's id of this inbound message. */
  providerMessageId: string
  /** Identifies this webhook event at the provider, so a retried delivery is emitted once. */
  eventId?: string
  /** The provider's payload for this event, as received. */
  raw: unknown
}

/** A delivery status update for a message we sent, as `client.on('status', …)` receives it. */
export interface StatusEvent {
  /** Discriminates it from an {@link InboundEvent}. */
  type: 'status'
  /** Channel kind the driver reports, e.g. `'whatsapp'`. */
  channel: string
  /** Id of the driver that received it, e.g. `'twilio'`. */
  provider: string
  /** The provider's id of the message this status is about (as in `SendResult.providerMessageIds`). */
  providerMessageId: string
  /** The new status, mapped from the provider's own vocabulary (see each driver's `*_STATUS` table). */
  status: DeliveryStatus
  /** When the provider says the status changed (epoch ms); the time the webhook was parsed where it gives none (Twilio). */
  at: number
  /** Why it failed, for `failed` / `undelivered`, when the provider says. */
  error?: {
    /** The provider's error code as a string, e.g. Twilio `'30003'`, WhatsApp `'131047'`. */
    code?: string
    /** The provider's description of the error. */
    message?: string
  }
  /** The recipient, when the provider reports it. */
  recipient?: string
  /** Identifies this webhook event at the provider, so a retried delivery is emitted once. */
  eventId?: string
  /** The provider's payload for this status, as received. */
  raw: unknown
}

/** Anything a webhook can carry; narrow on `type`. */
export type ChannelEvent = InboundEvent | StatusEvent

/**
 * Rank of each status, so an out-of-order update never moves a message backwards: a status is
 * emitted only when its rank is higher than the last one recorded for that message.
 */
export const STATUS_RANK: Readonly<Record<DeliveryStatus, number>> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
  undelivered: 4,
}
