let segmenter: Intl.Segmenter | undefined

/**
 * Offsets where `text` can be cut without splitting a user-perceived character (a grapheme
 * cluster: emoji ZWJ sequences, flags, skin tones, letters with combining marks, CRLF), in
 * ascending order, from 0 to `text.length` inclusive. Uses `Intl.Segmenter` where the runtime has
 * it, else {@link codePointGraphemeBoundaries}.
 */
export function graphemeBoundaries(text: string): number[] {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return codePointGraphemeBoundaries(text)
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  const boundaries: number[] = []
  for (const { index } of segmenter.segment(text)) boundaries.push(index)
  boundaries.push(text.length)
  return boundaries
}

const ZWJ = 0x200d
const CR = 0x0d
const LF = 0x0a
const COMBINING_MARK = /^\p{M}$/u

function isRegionalIndicator(codePoint: number): boolean {
  return codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff
}

/** Code points that attach to the one before them (a subset of UAX #29 Extend and SpacingMark). */
function attaches(codePoint: number): boolean {
  return (
    codePoint === ZWJ ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || // variation selectors (emoji / text style)
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) || // emoji skin-tone modifiers
    (codePoint >= 0xe0020 && codePoint <= 0xe007f) || // emoji tag characters (subdivision flags)
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef) || // variation selectors supplement
    COMBINING_MARK.test(String.fromCodePoint(codePoint))
  )
}

/**
 * A code-point approximation of grapheme cluster boundaries for runtimes without
 * `Intl.Segmenter`: never inside a surrogate pair or CRLF, never before a combining mark,
 * variation selector, skin-tone modifier, tag character or ZWJ, never after a ZWJ, and regional
 * indicators in pairs. (It does not join Hangul jamo or prepended marks.)
 */
export function codePointGraphemeBoundaries(text: string): number[] {
  const boundaries: number[] = [0]
  let previous = -1
  let regionalRun = 0
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i) as number
    const joined =
      i > 0 &&
      ((previous === CR && codePoint === LF) ||
        attaches(codePoint) ||
        previous === ZWJ ||
        (isRegionalIndicator(codePoint) && regionalRun % 2 === 1))
    if (i > 0 && !joined) boundaries.push(i)
    regionalRun = isRegionalIndicator(codePoint) ? regionalRun + 1 : 0
    previous = codePoint
    i += codePoint > 0xffff ? 2 : 1
  }
  if (text.length > 0) boundaries.push(text.length)
  return boundaries
}
