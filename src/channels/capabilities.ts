import type { ButtonType, MediaType } from '../message/types.js'

/**
 * How a channel formats text:
 * - `plain`: no markup (SMS, RCS, LINE, Messenger): `**bold**` loses its asterisks.
 * - `whatsapp`: `*bold*`, `_italic_`, `~strike~` (also Viber).
 * - `telegram-markdown-v2` / `telegram-html`: Telegram parse modes, every reserved character escaped.
 * - `markdown`: CommonMark as written (web chat).
 */
export type FormattingDialect = 'plain' | 'whatsapp' | 'telegram-markdown-v2' | 'telegram-html' | 'markdown'

/** Text limits. */
export interface TextCapabilities {
  /** Characters (UTF-16 code units) per text message; longer text is split into several messages. */
  maxLength: number
  formatting: FormattingDialect
}

/** Media a channel can send natively. */
export interface MediaCapabilities {
  types: readonly MediaType[]
  /** Media items in one message (MMS: 10; most chat apps: 1 per message). */
  maxPerMessage: number
  /** Size limit per media type, in bytes, where documented. */
  maxBytes?: Partial<Record<MediaType, number>>
  /** Caption length; 0 when the channel has no captions (the text goes in its own message). */
  captionMaxLength: number
  /**
   * One media item can head a message that carries reply or URL buttons (WhatsApp interactive
   * header, Telegram photo with inline keyboard, Viber image with its button).
   */
  withButtons?: boolean
}

/** Reply buttons or quick replies. */
export interface ChoiceCapabilities {
  max: number
  titleMaxLength: number
  payloadMaxLength: number
  /** Body text length when buttons are attached (WhatsApp interactive body: 1024). */
  bodyMaxLength?: number
}

/** URL or call buttons. */
export interface ActionButtonCapabilities {
  max: number
  titleMaxLength: number
  /** Whether they can share a message with reply buttons. */
  mixWithReplies: boolean
  /** Body text length when these buttons are attached (Messenger button template: 640). */
  bodyMaxLength?: number
}

/** A standalone rich card. */
export interface CardCapabilities {
  titleMaxLength: number
  textMaxLength: number
  buttonsMax: number
  /** Which button types a card can carry. */
  buttonTypes: readonly ButtonType[]
  mediaTypes: readonly MediaType[]
  /** A card must have a title (Messenger generic template, LINE with image). */
  titleRequired?: boolean
  /** A card must show text, media or buttons besides its title (Messenger generic template element). */
  contentRequired?: boolean
}

/** A carousel of cards. */
export interface CarouselCapabilities {
  minCards: number
  maxCards: number
  /** Per-card text limit when it differs from a standalone card's. */
  cardTextMaxLength?: number
  /** Every card must carry the same number of buttons (LINE). */
  sameButtonCount?: boolean
}

/** A list picker (menu of rows). */
export interface ListCapabilities {
  maxSections: number
  /** Rows across all sections. */
  maxRows: number
  buttonMaxLength: number
  rowTitleMaxLength: number
  rowDescriptionMaxLength: number
  sectionTitleMaxLength: number
  rowIdMaxLength: number
  bodyMaxLength: number
}

/** SMS-specific settings for text targets. */
export interface SmsCapabilities {
  /**
   * Default segment budget for rendered text. `render(…, { maxSegments })` overrides it.
   */
  maxSegments: number
}

/**
 * What a channel shows natively and its limits. Each built-in profile cites its sources; a driver may
 * narrow a profile where its provider allows less.
 *
 * A feature set to `false` is not available natively and degrades (see docs/degradation.md).
 *
 * @example
 * ```ts
 * const tightSms: Capabilities = { ...profiles.sms, sms: { maxSegments: 1 } }
 * render(msg, tightSms)
 * ```
 */
export interface Capabilities {
  /** The channel kind, e.g. `'whatsapp'`. */
  channel: string
  text: TextCapabilities
  media: MediaCapabilities | false
  replyButtons: ChoiceCapabilities | false
  quickReplies: ChoiceCapabilities | false
  urlButtons: ActionButtonCapabilities | false
  callButtons: ActionButtonCapabilities | false
  card: CardCapabilities | false
  carousel: CarouselCapabilities | false
  list: ListCapabilities | false
  /**
   * Total buttons, chips and actions in one message where the channel caps them together
   * (RCS: 11 suggestions, replies and actions combined).
   */
  maxActionsPerMessage?: number
  /**
   * Buttons of every type (reply, URL, call) in one message where the channel caps them together
   * but counts quick replies apart (Messenger button template: 1–3 buttons of any type).
   */
  maxButtonsPerMessage?: number
  location: boolean
  templates: boolean
  /** Present on SMS-like targets: the text is counted in segments. */
  sms?: SmsCapabilities
  /**
   * Whether the provider de-duplicates on our idempotency key (`'native'`), so any failure can be
   * retried safely. Set by drivers; profiles leave it out.
   * @defaultValue `'none'`
   */
  idempotency?: 'native' | 'none'
}
