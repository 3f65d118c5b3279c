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
  /**
   * Characters (UTF-16 code units) per text message; longer text is split into several messages.
   * On SMS targets the one text is shortened to fit both this and `sms.maxSegments` instead.
   */
  maxLength: number
  /** The markup the channel understands; `render()` writes the model's `**bold**` etc. in it and escapes the rest. */
  formatting: FormattingDialect
}

/** Media a channel can send natively. */
export interface MediaCapabilities {
  /** Media types sent natively; others go as their URL in the text (an image is dropped instead when `fallback.url` links the full content). */
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

/**
 * Reply buttons or quick replies. Choices that do not fit (too many, a payload too long, titles
 * that would become equal when shortened) move down the ladder: quick replies ⇄ reply buttons →
 * list picker → numbered text.
 */
export interface ChoiceCapabilities {
  /** Most choices in one message. */
  max: number
  /** Characters per title; longer titles are shortened (reported as lossy). */
  titleMaxLength: number
  /** Characters per payload; a longer payload keeps the choices from showing natively. */
  payloadMaxLength: number
  /** Body text length when buttons are attached (WhatsApp interactive body: 1024). */
  bodyMaxLength?: number
}

/** URL or call buttons. Buttons that do not fit become `Title: target` lines in the text. */
export interface ActionButtonCapabilities {
  /** Most buttons of this kind in one message. */
  max: number
  /** Characters per button label; longer labels are shortened. */
  titleMaxLength: number
  /** Whether they can share a message with reply buttons. */
  mixWithReplies: boolean
  /** Body text length when these buttons are attached (Messenger button template: 640). */
  bodyMaxLength?: number
}

/**
 * A standalone rich card. A card that does not fit (too many buttons, a button or media type the
 * channel's cards lack, no title where one is required) goes out as a message with media and buttons.
 */
export interface CardCapabilities {
  /** Characters in the card title; longer titles are shortened. */
  titleMaxLength: number
  /** Characters in the card text; longer text is shortened. */
  textMaxLength: number
  /** Most buttons on one card. */
  buttonsMax: number
  /** Which button types a card can carry. */
  buttonTypes: readonly ButtonType[]
  /** Which media types a card can show. */
  mediaTypes: readonly MediaType[]
  /** A card must have a title (Messenger generic template, LINE with image). */
  titleRequired?: boolean
  /** A card must show text, media or buttons besides its title (Messenger generic template element). */
  contentRequired?: boolean
}

/** A carousel of cards. */
export interface CarouselCapabilities {
  /** Fewest cards a carousel may hold; fewer go as single cards. */
  minCards: number
  /** Most cards a carousel may hold; the rest are dropped (reported as lossy, linked through `fallback.url` when set). */
  maxCards: number
  /** Per-card text limit when it differs from a standalone card's. */
  cardTextMaxLength?: number
  /** Every card must carry the same number of buttons (LINE). */
  sameButtonCount?: boolean
}

/**
 * A list picker (menu of rows). A list with too many rows or sections, or an id too long, becomes
 * reply buttons, quick replies or numbered text instead.
 */
export interface ListCapabilities {
  /** Most sections in one list. */
  maxSections: number
  /** Rows across all sections. */
  maxRows: number
  /** Characters in the label of the button that opens the list; longer labels are shortened. */
  buttonMaxLength: number
  /** Characters per row title; longer titles are shortened. */
  rowTitleMaxLength: number
  /** Characters per row description; longer descriptions are shortened. */
  rowDescriptionMaxLength: number
  /** Characters per section title; longer titles are shortened. */
  sectionTitleMaxLength: number
  /** Characters per row id (the reply payload). */
  rowIdMaxLength: number
  /** Characters in the body text of a message carrying a list; longer text goes first as separate messages. */
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
  /** The channel kind, e.g. `'whatsapp'`; named in render reports and `RenderResult.channel`. */
  channel: string
  /** Text length and formatting. */
  text: TextCapabilities
  /** Native media, or `false`: media go as their URL in the text. */
  media: MediaCapabilities | false
  /** Buttons that send a payload back, or `false`. */
  replyButtons: ChoiceCapabilities | false
  /** Chips under the message, or `false` (quick replies then go as reply buttons, a list, or numbered text). */
  quickReplies: ChoiceCapabilities | false
  /** Buttons that open a URL, or `false` (they become `Title: URL` in the text). */
  urlButtons: ActionButtonCapabilities | false
  /** Buttons that start a call, or `false` (they become `Title: +number` in the text). */
  callButtons: ActionButtonCapabilities | false
  /** Standalone rich cards, or `false` (cards become media messages with buttons, or text). */
  card: CardCapabilities | false
  /** Carousels, or `false` (cards are sent one by one, or as text). */
  carousel: CarouselCapabilities | false
  /** List pickers, or `false` (rows become buttons, chips or numbered text). */
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
  /** Native location messages; `false`: name, address and a maps link in the text. */
  location: boolean
  /** Pre-approved templates (`Message.template` is sent as such); `false`: the message's own content is sent. */
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
