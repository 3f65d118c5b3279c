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
  title: string
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
  /** Words used in degraded text. */
  labels?: Partial<RenderLabels>
}

/** What `render()` produced for one target. */
export interface RenderResult {
  /** The target channel. */
  channel: string
  /** Messages in send order, each fitting the target's capabilities completely. */
  messages: Message[]
  /** Every structural change or drop, in the order it was made. */
  report: Degradation[]
  /** Choices that became numbered text, for mapping inbound replies back to payloads. */
  replies: ReplyOption[]
  /** For SMS targets: the encoding, parts and units of the final text. */
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number; units: number; languageTable?: LanguageTableUse }
}

/** A built-in profile name or a capability object. */
export type RenderTarget = ProfileName | Capabilities
