import { describe, expect, it } from 'vitest'
import { DEFAULT_ELLIPSIS, fitSms, segmentSms } from '../../src/sms/index.js'

const BODY =
  'Your parcel from Acme Supplies is on its way and should arrive tomorrow between 9am and noon. ' +
  'The driver will call ahead; if you are out, it goes to your neighbour or the nearest pickup point, ' +
  'where it waits for seven days. Bring an ID and this message with you when you pick it up, please. ' +
  'Questions? Our team answers every day from 8am to 8pm, weekends included, on the number below. ' +
  'You can also change the delivery day, add instructions for the driver, or send the parcel back ' +
  'to us free of charge within thirty days from the link at the end of this message, at any time.'
const TAIL = '\nReply 1 to reschedule, 2 for help. https://ex.am/p/1'

describe('fitSms', () => {
  it('returns the text and the tail unchanged when they fit', () => {
    const result = fitSms('Short body.', { maxSegments: 1, keepTail: TAIL })
    expect(result).toMatchObject({ text: `Short body.${TAIL}`, fits: true, truncated: false })
    expect(result.info).toEqual(segmentSms(`Short body.${TAIL}`))
  })

  it.each([1, 2, 3])('fits a long body and its tail in %i segment(s), cutting at a word boundary', (maxSegments) => {
    const result = fitSms(BODY, { maxSegments, keepTail: TAIL })
    expect(result.fits).toBe(true)
    expect(result.truncated).toBe(true)
    expect(result.info.segments.length).toBeLessThanOrEqual(maxSegments)
    expect(result.text.endsWith(`${DEFAULT_ELLIPSIS}${TAIL}`)).toBe(true)
    const kept = result.text.slice(0, -(DEFAULT_ELLIPSIS.length + TAIL.length))
    expect(BODY.startsWith(kept)).toBe(true)
    // A word boundary: the next character of the body after what was kept is whitespace or punctuation.
    expect(BODY.slice(kept.length)).toMatch(/^[\s,;:.?-]/)
    // And the cut is close to the limit: adding the next word back would not fit.
    const nextWord = BODY.slice(kept.length).match(/^[\s,;:.?-]*\S+/)?.[0] ?? ''
    expect(segmentSms(`${kept}${nextWord}...${TAIL}`).segments.length).toBeGreaterThan(maxSegments)
  })

  it('uses as much of a one-segment budget as a word cut allows', () => {
    const result = fitSms(BODY, { maxSegments: 1 })
    expect(result.info.units).toBeGreaterThan(160 - 15)
    expect(result.text).toBe(
      'Your parcel from Acme Supplies is on its way and should arrive tomorrow between 9am and noon. The driver will call ahead; if you are out, it goes to your...',
    )
  })

  it('cuts after punctuation when no space is near', () => {
    const text = `See https://example.com/${'segment/'.repeat(30)}`
    const result = fitSms(text, { maxSegments: 1 })
    expect(result.text).toMatch(/\/segment\.\.\.$/)
    expect(result.info.units).toBeGreaterThan(160 - 8)
  })

  it('cuts inside a word when no boundary is near', () => {
    const result = fitSms('x'.repeat(400), { maxSegments: 1 })
    expect(result.text).toBe(`${'x'.repeat(157)}...`)
    expect(result.info.units).toBe(160)
  })

  it.each([
    ['ZWJ family', '👨‍👩‍👧‍👦'],
    ['flag', '🇫🇷'],
    ['skin tone', '👍🏽'],
    ['combining accent', 'e\u0301'],
  ])('never splits a %s', (_label, cluster) => {
    for (let pad = 50; pad < 70; pad++) {
      const text = `${'ж'.repeat(pad)}${cluster}${'ж'.repeat(80)}`
      const result = fitSms(text, { maxSegments: 1 })
      expect(result.info.segments).toHaveLength(1)
      const kept = result.text.slice(0, -3)
      expect(kept === 'ж'.repeat(Math.min(pad, kept.length)) || kept.startsWith(`${'ж'.repeat(pad)}${cluster}`)).toBe(true)
    }
  })

  it('measures the actual candidate: cutting the only non-GSM character lets the rest go as GSM-7', () => {
    const text = `${'a'.repeat(150)} end ’ ${'b'.repeat(100)}`
    const result = fitSms(text, { maxSegments: 1 })
    expect(result.info.encoding).toBe('GSM-7')
    expect(result.text).toBe(`${'a'.repeat(150)} end...`)
  })

  it('keeps the tail whole and flags fits: false when even the ellipsis and tail do not fit', () => {
    const tail = ` ${'y'.repeat(200)}`
    const result = fitSms('x'.repeat(300), { maxSegments: 1, keepTail: tail })
    expect(result.fits).toBe(false)
    expect(result.truncated).toBe(true)
    expect(result.info.segments).toHaveLength(1)
    expect(result.text).toBe(`${'x'.repeat(157)}...`)
  })

  it('returns the untouched body with fits: false when only the tail is too long', () => {
    const result = fitSms('Hello', { maxSegments: 1, keepTail: 'y'.repeat(300) })
    expect(result).toMatchObject({ text: 'Hello', fits: false, truncated: false })
  })

  it('takes a custom ellipsis, and measures its encoding', () => {
    const result = fitSms(BODY, { maxSegments: 1, ellipsis: '…' })
    expect(result.text.endsWith('…')).toBe(true)
    expect(result.info.encoding).toBe('UCS-2')
    expect(result.info.segments).toHaveLength(1)
    expect(fitSms(BODY, { maxSegments: 1, ellipsis: '' }).text.endsWith('your')).toBe(true)
  })

  it('passes transliterate and languageTables on to segmentSms', () => {
    const body = `“${BODY}”`
    const plain = fitSms(body, { maxSegments: 1 })
    const transliterated = fitSms(body, { maxSegments: 1, transliterate: true })
    expect(plain.info.encoding).toBe('UCS-2')
    expect(transliterated.info.encoding).toBe('GSM-7')
    expect(transliterated.text.startsWith('"Your parcel')).toBe(true)
    expect(transliterated.text.length).toBeGreaterThan(plain.text.length * 2)
    const turkish = fitSms('Şişli şubemizden '.repeat(20), { maxSegments: 1, languageTables: ['turkish'] })
    expect(turkish.info).toMatchObject({ encoding: 'GSM-7', languageTable: { locking: 'turkish' } })
    expect(turkish.info.units).toBeLessThanOrEqual(155)
  })

  it('drops trailing separators before the ellipsis', () => {
    const text = `${'word '.repeat(30)}end, more words here to be cut away`
    const result = fitSms(text, { maxSegments: 1 })
    expect(result.text).not.toMatch(/[\s,]\.\.\.$/)
  })

  it.each([0, -1, 1.5, Number.NaN])('throws a RangeError for maxSegments %s', (maxSegments) => {
    expect(() => fitSms('x', { maxSegments })).toThrow(RangeError)
  })

  it('throws a TypeError for a non-string text', () => {
    expect(() => fitSms(undefined as unknown as string, { maxSegments: 1 })).toThrow(TypeError)
  })
})
