// Text helpers shared by the render steps: shortening without breaking characters, splitting long
// text into messages, and the normalisation used to match replies.
import { graphemeBoundaries } from '../sms/graphemes.js'

/**
 * The largest index ≤ `at` that does not split a user-perceived character (a grapheme cluster: emoji
 * ZWJ sequences, flags, skin tones, letters with combining marks), by the same rules `anychannel/sms`
 * cuts SMS parts with.
 */
function safeCut(text: string, at: number): number {
  if (at >= text.length) return text.length
  if (at <= 0) return 0
  // Segmented from the start: a flag's pairing depends on every regional indicator before it.
  let last = 0
  for (const b of graphemeBoundaries(text.slice(0, at + 64))) {
    if (b > at) break
    last = b
  }
  return last
}

const WORD_BREAK = /[\s,.;:!?)\]}-]/

/**
 * Shortens `text` to at most `max` UTF-16 units including `ellipsis`, at a word boundary when one is
 * near the end, never inside a character.
 */
export function shorten(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max))
  const room = max - ellipsis.length
  let cut = safeCut(text, room)
  const floor = Math.floor(room * 0.6)
  for (let i = cut; i > floor; i--) {
    if (WORD_BREAK.test(text[i] ?? '')) {
      cut = i
      break
    }
  }
  return text.slice(0, cut).replace(/[\s,;:-]+$/u, '') + ellipsis
}

/**
 * Splits `text` into chunks of at most `max` units, preferring paragraph, line, sentence and word
 * boundaries, in that order. Joining the chunks with the separators they were cut at gives back
 * the text (separators at a cut are dropped).
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = []
  let rest = text
  while (rest.length > max) {
    let cut = -1
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      const at = rest.lastIndexOf(sep, max - (sep === '. ' ? 1 : 0))
      if (at > max * 0.3) {
        cut = sep === '. ' ? at + 1 : at
        break
      }
    }
    if (cut <= 0) cut = safeCut(rest, max) || max
    chunks.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).replace(/^\s+/, '')
  }
  if (rest.length || chunks.length === 0) chunks.push(rest)
  return chunks
}

/**
 * Normalises a reply for matching: Unicode NFKD, accents removed, lower case, whitespace collapsed,
 * surrounding punctuation and whitespace removed. `' Trâck! '` → `'track'`.
 *
 * @example
 * ```ts
 * normalizeReplyText(' 2. ') // '2'
 * normalizeReplyText('Señal') // 'senal'
 * ```
 */
export function normalizeReplyText(text: string): string {
  // Most titles and replies are plain ASCII: skip Unicode normalisation for them (render's hot path).
  if (/^[\x20-\x7e]*$/.test(text))
    return text
      .toLowerCase()
      .replace(/ {2,}/g, ' ')
      .replace(/^[\s!-/:-@[-`{-~]+|[\s!-/:-@[-`{-~]+$/g, '')
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
}

/** Makes `titles` fit `max` by shortening; `null` when shortening would make two titles equal. */
export function fitTitles(titles: readonly string[], max: number, ellipsis = '…'): string[] | null {
  const out = titles.map((t) => shorten(t, max, ellipsis))
  const seen = new Set<string>()
  for (const t of out) {
    const key = t.toLowerCase()
    if (seen.has(key)) return null
    seen.add(key)
  }
  return out
}
