/**
 * Channel-independent limits of the message model. They catch garbage early (a 5 MB text, a
 * 300-button message); each channel's own, tighter limits are applied by `render()`, which
 * shortens, splits or degrades and reports every change.
 *
 * Payload and list-row id limits are the strictest among channels that echo them back natively
 * (WhatsApp reply id 256, list row id 200), so a payload never has to be rewritten on the way out;
 * Telegram's 64-byte `callback_data` is handled by its driver with short keys.
 */
export const MODEL_LIMITS = {
  /** Characters (UTF-16 units) in `text`, a card's `text` or `fallback.text`. */
  textMaxLength: 20_000,
  /** Characters in any title (button, card, list row, section) or caption. */
  titleMaxLength: 1_024,
  /** Characters in a reply payload. */
  payloadMaxLength: 256,
  /** Characters in a list row id. */
  listItemIdMaxLength: 200,
  /** Characters in a URL. */
  urlMaxLength: 2_048,
  /** Media items in one message. */
  mediaMax: 10,
  /** Cards in one message (carousels are trimmed per channel). */
  cardsMax: 50,
  /** Buttons on the message or on one card. */
  buttonsMax: 50,
  /** Quick replies on one message. */
  quickRepliesMax: 50,
  /** Sections in a list picker. */
  listSectionsMax: 50,
  /** Rows in a list picker, across all sections. */
  listItemsMax: 100,
} as const

/** E.164: a plus sign and 7 to 15 digits, not starting with 0. */
export const E164 = /^\+[1-9]\d{6,14}$/
