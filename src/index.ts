/**
 * anychannel: one typed message model and one `send()` for SMS, MMS, WhatsApp, Messenger, RCS,
 * Viber, Telegram and LINE, with graceful degradation, failover and verified webhooks.
 *
 * This entry holds the model, the builders, `render()`, the profiles, the client and the errors.
 * Drivers live at `anychannel/drivers/*`, the SMS toolkit at `anychannel/sms`.
 *
 * @module anychannel
 */
export * from './message/index.js'
export * from './channels/index.js'
export * from './render/index.js'
export * from './client/index.js'
export * from './errors.js'
export type { FetchLike } from './drivers/http.js'
export { defineDriver, type DriverV1, type DriverSendRequest, type DriverReceipt, type DriverWebhook, type DriverCapabilities } from './drivers/contract.js'
export { STATUS_RANK, type ChannelEvent, type DeliveryStatus, type InboundEvent, type StatusEvent } from './webhooks/events.js'
