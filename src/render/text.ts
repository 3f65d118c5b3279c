// Text helpers shared by the render steps: shortening without breaking characters, splitting long
// text into messages, and the normalisation used to match replies.

type GraphemeSegmenter = { segment(input: string): Iterable<{ index: number }> }

let segmenter: GraphemeSegmenter | null | undefined

function getSegmenter(): GraphemeSegmenter | null {
  if (segmenter === undefined) {
    const Seg = (globalThis.Intl as { Segmenter?: new (l?: string, o?: { granularity: 'grapheme' }) => GraphemeSegmenter })
      .Segmenter
    segmenter = Seg ? new Seg(undefined, { granularity: 'grapheme' }) : null
  }
  return segmenter
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The largest index ≤ `at` that does not split a character: a grapheme cluster boundary where
 * `Intl.Segmenter` exists, otherwise a code point boundary that keeps ZWJ sequences, variation
 * selectors, skin tones and combining marks with their base.
 */
export function safeCut(text: string, at: number): number {
  if (at >= text.length) return text.length
  if (at <= 0) return 0
  const seg = getSegmenter()
  if (seg) {
    let last = 0
    // Only the neighbourhood matters: clusters are short, so segment a window around the cut.
    const start = Math.max(0, at - 64)
    for (const { index } of seg.segment(text.slice(start, Math.min(text.length, at + 64)))) {
      const abs = start + index
      if (abs > at) break
      last = abs
    }
    if (last > start || start === 0) return last
  }
  let i = at
  while (i > 0) {
    const code = text.charCodeAt(i)
    const prev = text.charCodeAt(i - 1)
    const joins =
      isLow(code) ||
      code === 0x200d ||
      prev === 0x200d ||
      (code >= 0xfe00 && code <= 0xfe0f) ||
      (code >= 0x0300 && code <= 0x036f) ||
      (code === 0xd83c && isLow(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) >= 0xdffb && text.charCodeAt(i + 1) <= 0xdfff)
    if (!joins) return i
    i--
  }
  return 0
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
