import { graphemeBoundaries } from './graphemes.js'
import { type SegmentOptions, type SmsInfo, segmentSms } from './segment.js'

/**
 * What {@link fitSms} appends to a shortened text: three full stops, which are GSM-7 (the single
 * character `…` U+2026 is not, and would turn the whole message into UCS-2).
 * @example
 * ```ts
 * fitSms('x'.repeat(400), { maxSegments: 1 }).text.endsWith(DEFAULT_ELLIPSIS) // true
 * ```
 */
export const DEFAULT_ELLIPSIS = '...'

/**
 * How far back {@link fitSms} looks for a word boundary: at most this many UTF-16 units, and at
 * most {@link WORD_CUT_SHARE} of the kept text. Beyond that it cuts between grapheme clusters.
 */
export const WORD_CUT_WINDOW = 15

/** Largest share of the kept text {@link fitSms} gives up to cut at a word boundary. */
export const WORD_CUT_SHARE = 0.2

/** Options of {@link fitSms}. */
export interface FitOptions extends SegmentOptions {
  /** Most SMS parts the result may take: an integer ≥ 1 (at most `MAX_PARTS`, 255, in practice). */
  readonly maxSegments: number
  /**
   * Text to keep whole at the end, after the ellipsis (reply options, a link). Include your own
   * separator, e.g. `'\nReply 1 to confirm'`.
   * @defaultValue `''`
   */
  readonly keepTail?: string
  /**
   * Appended where the text was cut, before `keepTail`.
   * @defaultValue {@link DEFAULT_ELLIPSIS} (`'...'`)
   */
  readonly ellipsis?: string
}

/** What {@link fitSms} returns. */
export interface FitResult {
  /**
   * The text to send: the longest prefix of the input that fits, the ellipsis and the tail, or the
   * whole input plus the tail when that fits. Transliterated when `transliterate` applied.
   */
  readonly text: string
  /**
   * `true` when `text` fits in `maxSegments` with the whole `keepTail`. `false` when even the
   * ellipsis and the tail alone do not fit: `text` is then the input without the tail, cut with
   * the ellipsis if it has to be (still within the budget), and the caller should try a shorter
   * tail.
   */
  readonly fits: boolean
  /** Whether the input was shortened. */
  readonly truncated: boolean
  /** {@link segmentSms} of `text` with the same options. */
  readonly info: SmsInfo
}

const TRAILING_SEPARATORS = /[\s,.;:/\-–—]+$/u
const WHITESPACE = /\s/u
const BREAK_AFTER = /[,.;:!?/)\]\-–—]/u

/**
 * Shortens `text` so that it, an ellipsis and `keepTail` fit in `maxSegments` SMS parts.
 *
 * The cut falls at a word boundary (before whitespace, or after punctuation such as `,` `.` `-`
 * `/`) when one lies within the last {@link WORD_CUT_WINDOW} units and {@link WORD_CUT_SHARE} of
 * the kept text, otherwise between two grapheme clusters, so it never splits a surrogate pair, a
 * ZWJ emoji sequence, a flag, a skin-tone modifier or a letter from its combining marks. Trailing
 * spaces and separators (`, . ; : / -`) before the ellipsis are dropped. Every candidate is measured with {@link segmentSms},
 * so the encoding of the actual result is what counts: cutting off the only non-GSM character
 * can turn UCS-2 into GSM-7 and let much more text fit.
 *
 * @param text - the body to shorten
 * @param options - the budget, the tail to keep, the ellipsis, and the {@link segmentSms} options
 * @throws {RangeError} if `maxSegments` is not an integer ≥ 1
 * @throws {TypeError} if `text` is not a string
 * @example
 * ```ts
 * const result = fitSms(longBody, { maxSegments: 1, keepTail: '\nMore: https://ex.am/p/1' })
 * result.text                 // 'Your parcel from Acme … will call...\nMore: https://ex.am/p/1'
 * result.fits                 // true
 * result.info.segments.length // 1
 * ```
 */
export function fitSms(text: string, options: FitOptions): FitResult {
  if (typeof text !== 'string') throw new TypeError(`fitSms expects a string, got ${typeof text}`)
  const { maxSegments } = options
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new RangeError(`maxSegments must be an integer ≥ 1, got ${String(maxSegments)}`)
  }
  const tail = options.keepTail ?? ''
  const ellipsis = options.ellipsis ?? DEFAULT_ELLIPSIS
  const measure = (candidate: string): SmsInfo => segmentSms(candidate, options)

  const whole = measure(text + tail)
  if (whole.segments.length <= maxSegments) return { text: whole.text, fits: true, truncated: false, info: whole }

  const boundaries = graphemeBoundaries(text)
  const withTail = fitPrefix(text, ellipsis + tail, boundaries, maxSegments, measure)
  if (withTail !== undefined) return { text: withTail.text, fits: true, truncated: true, info: withTail }

  const alone = measure(text)
  if (alone.segments.length <= maxSegments) return { text: alone.text, fits: false, truncated: false, info: alone }
  for (const suffix of [ellipsis, '']) {
    const info = fitPrefix(text, suffix, boundaries, maxSegments, measure)
    if (info !== undefined) return { text: info.text, fits: false, truncated: true, info }
  }
  // Unreachable: the empty text is one SMS, and maxSegments ≥ 1.
  throw new RangeError('fitSms: no prefix fits')
}

/** The best measured `prefix + suffix` within budget, or undefined when `suffix` alone is too long. */
function fitPrefix(
  text: string,
  suffix: string,
  boundaries: readonly number[],
  maxSegments: number,
  measure: (candidate: string) => SmsInfo,
): SmsInfo | undefined {
  const fitsAt = (end: number): SmsInfo | undefined => {
    const info = measure(text.slice(0, end) + suffix)
    return info.segments.length <= maxSegments ? info : undefined
  }
  let best = fitsAt(0)
  if (best === undefined) return undefined
  let low = 0
  // The whole text is not a candidate: the caller measured it already.
  let high = Math.max(0, boundaries.length - 2)
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    const info = fitsAt(boundaries[middle] as number)
    if (info === undefined) {
      high = middle - 1
    } else {
      low = middle
      best = info
    }
  }
  const cut = boundaries[low] as number
  const prefix = text.slice(0, wordCut(text, cut, boundaries)).replace(TRAILING_SEPARATORS, '')
  if (prefix.length === cut) return best
  const info = measure(prefix + suffix)
  return info.segments.length <= maxSegments ? info : best
}

/**
 * Where to cut instead of `end` so the kept text ends at a word boundary (before whitespace, or
 * after punctuation such as `,` `.` `-` `/`), or `end` itself when none is near.
 */
function wordCut(text: string, end: number, boundaries: readonly number[]): number {
  if (end === text.length || isWordBoundary(text, end)) return end
  const window = Math.min(WORD_CUT_WINDOW, Math.floor(end * WORD_CUT_SHARE))
  for (let index = boundaries.indexOf(end) - 1; index > 0; index--) {
    const position = boundaries[index] as number
    if (position < end - window) break
    if (isWordBoundary(text, position)) return position
  }
  return end
}

function isWordBoundary(text: string, position: number): boolean {
  return WHITESPACE.test(text.charAt(position)) || BREAK_AFTER.test(text.charAt(position - 1))
}
