import { describe, expect, it } from 'vitest'
import { codePointGraphemeBoundaries, graphemeBoundaries } from '../../src/sms/graphemes.js'

const SAMPLES: Array<[string, string[]]> = [
  ['plain', ['a', 'b', 'c']],
  ['CRLF', ['a', '\r\n', 'b']],
  ['combining marks', ['e\u0301', 'x', 'a\u0308\u0301']],
  ['ZWJ family', ['👨‍👩‍👧‍👦', '!']],
  ['skin tone', ['👍🏽', '👍']],
  ['flags', ['🇫🇷', '🇩🇪', '🇮🇹']],
  ['keycap', ['1️⃣', '2']],
  ['emoji presentation', ['❤️', '❤️‍🔥']],
  ['subdivision flag', ['🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'x']],
  ['surrogate pairs', ['😀', '😀']],
  ['lone surrogates', ['\ud83d', 'a', '\ude00']],
]

function offsets(clusters: string[]): number[] {
  const result = [0]
  for (const cluster of clusters) result.push((result.at(-1) as number) + cluster.length)
  return result
}

describe('grapheme boundaries', () => {
  it.each(SAMPLES)('%s: Intl.Segmenter', (_label, clusters) => {
    expect(graphemeBoundaries(clusters.join(''))).toEqual(offsets(clusters))
  })

  it.each(SAMPLES)('%s: code point fallback', (_label, clusters) => {
    expect(codePointGraphemeBoundaries(clusters.join(''))).toEqual(offsets(clusters))
  })

  it('gives [0] for the empty text', () => {
    expect(graphemeBoundaries('')).toEqual([0])
    expect(codePointGraphemeBoundaries('')).toEqual([0])
  })
})

describe('graphemeBoundaries without Intl.Segmenter', () => {
  it('falls back to the code point rules', () => {
    const original = Intl.Segmenter
    Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true, writable: true })
    try {
      expect(graphemeBoundaries('👍🏽🇫🇷e\u0301')).toEqual([0, 4, 8, 10])
    } finally {
      Object.defineProperty(Intl, 'Segmenter', { value: original, configurable: true, writable: true })
    }
    expect(typeof Intl.Segmenter).toBe('function')
  })
})
