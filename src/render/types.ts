import type { Capabilities } from '../channels/capabilities.js'
import type { ProfileName } from '../channels/profiles.js'
import type { Message } from '../message/types.js'
import type { LanguageTableOption, LanguageTableUse } from '../sms/index.js'

/**
 * One structural change or drop made while rendering. `lossy: true` means something the author wrote
 * is not shown (or is shown shortened); `lossy: false` means it is shown differently (a button became
 * a link in the text, a long text became two messages).
 */
export interface Degradation {
  /** Where in the input, e.g. `'cards'`, `'quickReplies[4].title'`, `'text'`. */
  path: string
  /** What it was: `'carousel'`, `'quickReplies'`, `'title'` … */
  from: string
  /** What it became: `'text'`, `'list'`, `'dropped'` … */
  to: string
  /** True when content the author wrote is not shown, or shown shortened; `strict` rendering refuses these. */
  lossy: boolean
  /** A sentence naming the channel and the limit, e.g. `'sms has no cards: 3 cards listed as text'`. */
  detail: string
}

/**
 * A choice that was turned into text. An inbound reply equal to one of `keys` (after
 * {@link normalizeReplyText}) means the customer picked it.
 */
export interface ReplyOption {
  /** What a reply may say to pick it: its number and, when unambiguous, its title, normalised. */
  keys: string[]
  /** The option's title as written in the text. */
  title: string
  /** The payload a matching reply stands for: the button's `payload` or the list row's `id`. */
  payload: string
}

/** How numbered options are laid out in text. */
export type NumberingStyle = 'auto' | 'inline' | 'lines'

/** Words render() writes into degraded text. Override them to localise. */
export interface RenderLabels {
  /** Start of the inline option list: `Reply 1 for Track, 2 for Help`. */
  reply: string
  /** Between a number and its title in the inline list. */
  for: string
  /** Body used when buttons need one and the message has no text. */
  chooseOption: string
  /** Prefix for a call button rendered as text. */
  call: string
  /** Prefix for the link to content that had to be cut. */
  more: string
}

/** The default labels (English). */
export const DEFAULT_LABELS: RenderLabels = {
  reply: 'Reply',
  for: 'for',
  chooseOption: 'Choose an option',
  call: 'Call',
  more: 'More',
}

/** Options of {@link render}. */
export interface RenderOptions {
  /**
   * Throw `DegradationError` listing every lossy step instead of rendering with losses.
   * @defaultValue `false`
   */
  strict?: boolean
  /**
   * SMS segment budget for the rendered text (SMS targets only).
   * @defaultValue the profile's `sms.maxSegments` (10 for the built-in `sms` profile)
   */
  maxSegments?: number
  /**
   * Replace characters that have a GSM-7 look-alike (curly quotes, dashes, …) before counting, so a
   * stray `’` does not turn the SMS into UCS-2. SMS targets only.
   * @defaultValue `false`
   */
  transliterate?: boolean
  /**
   * National language shift tables (Turkish, Spanish, Portuguese) that may keep text in GSM-7 at
   * the cost of a longer header (see `segmentSms`). SMS targets only; the handset must support them.
   * @defaultValue `false`
   */
  languageTables?: boolean | readonly LanguageTableOption[]
  /**
   * `inline`: `Reply 1 for Track, 2 for Help`; `lines`: one `1. Track` per line; `auto`: inline on
   * SMS, lines elsewhere.
   * @defaultValue `'auto'`
   */
  numbering?: NumberingStyle
  /** Words used in degraded text; the ones left out keep their English default. @defaultValue {@link DEFAULT_LABELS} */
  labels?: Partial<RenderLabels>
}

/** What `render()` produced for one target. */
export interface RenderResult {
  /** The target's channel kind (`Capabilities.channel`), e.g. `'sms'`. */
  channel: string
  /** Messages in send order, each fitting the target's capabilities completely. */
  messages: Message[]
  /** Every structural change or drop, in the order it was made. */
  report: Degradation[]
  /** Choices that became numbered text, for mapping inbound replies back to payloads. */
  replies: ReplyOption[]
  /** For SMS targets (profiles with `sms`): the encoding, parts and units of the final text. Absent when nothing was rendered. */
  sms?: {
    /** `'GSM-7'` when every character fits in 7 bits (with the language tables used), else `'UCS-2'`. */
    encoding: 'GSM-7' | 'UCS-2'
    /** SMS parts the text takes: what the carrier bills. */
    segments: number
    /** Cost of the text: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
    units: number
    /** The national language tables used, when `languageTables` allowed one and it kept the text in GSM-7. */
    languageTable?: LanguageTableUse
  }
}

/** What `render()` renders for: a built-in profile name (`'sms'`, `'whatsapp'` …) or a capability object. */
export type RenderTarget = ProfileName | Capabilities
