import { describe, expect, it } from 'vitest'
import { shorten, splitText } from '../../src/render/text.js'

const FLAGS = '🇩🇪🇫🇷'.repeat(50)
const wholeFlags = (s: string) => /^(?:\p{Regional_Indicator}{2})*$/u.test(s)

describe('render text helpers keep characters whole', () => {
  it('shorten never cuts a flag in half, wherever the cut falls in a long run of flags', () => {
    for (let max = 2; max <= FLAGS.length; max += 7) {
      const out = shorten(FLAGS, max)
      expect(out.length, `max ${max}`).toBeLessThanOrEqual(max)
      expect(wholeFlags(out.endsWith('…') ? out.slice(0, -1) : out), `max ${max}: ${out.slice(-9)}`).toBe(true)
    }
  })

  it('splitText parts are whole flags, and join back to the input', () => {
    const parts = splitText(FLAGS, 101)
    expect(parts.join('')).toBe(FLAGS)
    for (const p of parts) expect(wholeFlags(p)).toBe(true)
  })

  it('keeps ZWJ families and skin tones whole', () => {
    const text = `${'👨‍👩‍👧‍👦 👍🏽 '.repeat(20)}`
    for (let max = 3; max < 80; max += 5) {
      const out = shorten(text, max, '')
      expect(text.startsWith(out)).toBe(true)
      expect(/\u200d$|[\uD800-\uDBFF]$/.test(out), `max ${max}`).toBe(false)
    }
  })
})
