import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  fitSms,
  GSM7_DEFAULT_ALPHABET,
  GSM7_EXTENSION_TABLE,
  LANGUAGE_TABLES,
  type LanguageTable,
  type SmsInfo,
  segmentSms,
} from '../../src/sms/index.js'
import { message, nationalMessage } from './arbitraries.js'
import { referenceSegments } from './reference.js'

const RUNS = { numRuns: 400 }
const EXTENSION = '\f^{}\\[~]|€'

function isHigh(unit: string | undefined): boolean {
  return unit !== undefined && /^[\ud800-\udbff]$/.test(unit)
}
function isLow(unit: string | undefined): boolean {
  return unit !== undefined && /^[\udc00-\udfff]$/.test(unit)
}

/** Cost of one UTF-16 unit under the tables an SmsInfo reports, from the table strings themselves. */
function costFunction(info: SmsInfo): (unit: string) => number {
  if (info.encoding === 'UCS-2') return () => 1
  const byName = (name: string | undefined): LanguageTable | undefined =>
    LANGUAGE_TABLES.find((table) => table.name === name)
  const locking = byName(info.languageTable?.locking)?.locking
  const single = byName(info.languageTable?.single)?.single
  return (unit) => {
    if (locking === undefined ? referenceSegments(unit).encoding === 'GSM-7' && !EXTENSION.includes(unit) : locking.includes(unit)) return 1
    if (single === undefined ? EXTENSION.includes(unit) : single.includes(unit)) return 2
    throw new Error(`unit ${JSON.stringify(unit)} not encodable under ${JSON.stringify(info.languageTable)}`)
  }
}

function partCost(part: string, cost: (unit: string) => number): number {
  return part.split('').reduce((sum, unit) => sum + cost(unit), 0)
}

/** The invariants every SmsInfo must satisfy, whatever the options. */
function checkInvariants(info: SmsInfo): void {
  expect(info.segments.join('')).toBe(info.text)
  const cost = costFunction(info)
  const costs = info.segments.map((part) => partCost(part, cost))
  expect(costs.reduce((sum, value) => sum + value, 0)).toBe(info.units)
  for (const value of costs) expect(value).toBeLessThanOrEqual(info.unitsPerSegment)
  expect(info.remainingInSegment).toBe(info.unitsPerSegment - (costs.at(-1) as number))
  for (let i = 1; i < info.segments.length; i++) {
    const before = info.segments[i - 1] as string
    const after = info.segments[i] as string
    // A surrogate pair is never divided: no part ends on the high half of a pair whose low half starts the next.
    expect(isHigh(before.at(-1)) && isLow(after.charAt(0))).toBe(false)
    // Greedy filling: the first unit of the next part (its whole escape pair or surrogate pair) did not fit.
    const nextToken = isHigh(after.charAt(0)) && isLow(after.charAt(1)) ? after.slice(0, 2) : after.charAt(0)
    expect((costs[i - 1] as number) + partCost(nextToken, cost)).toBeGreaterThan(info.unitsPerSegment)
  }
}

describe('segmentSms properties', () => {
  it('agrees with a naive reference model of TS 23.038/23.040 on arbitrary text', () => {
    fc.assert(
      fc.property(message, (text) => {
        const info = segmentSms(text)
        const expected = referenceSegments(text)
        expect(info.encoding).toBe(expected.encoding)
        expect(info.units).toBe(expected.units)
        expect(info.segments).toEqual(expected.segments)
      }),
      RUNS,
    )
  })

  it('joins back to the input, keeps parts within their limit, never splits a pair, and counts units per part', () => {
    fc.assert(
      fc.property(message, (text) => {
        const info = segmentSms(text)
        expect(info.text).toBe(text)
        checkInvariants(info)
        expect(info.unitsPerSegment).toBe(
          info.encoding === 'GSM-7' ? (info.segments.length === 1 ? 160 : 153) : info.segments.length === 1 ? 70 : 67,
        )
      }),
      RUNS,
    )
  })

  it('encodes each GSM-7 part on its own into at most 153 (or 160) septets, never ending on ESC', () => {
    const ESC = 0x1b
    const septets = (part: string): number[] =>
      [...part].flatMap((char) => {
        const basic = GSM7_DEFAULT_ALPHABET.indexOf(char)
        if (basic >= 0 && basic !== ESC) return [basic]
        const extension = GSM7_EXTENSION_TABLE.indexOf(char)
        if (extension >= 0 && char !== '\u0000') return [ESC, extension]
        throw new Error(`not GSM-7: ${JSON.stringify(char)}`)
      })
    fc.assert(
      fc.property(message, (text) => {
        const info = segmentSms(text)
        if (info.encoding !== 'GSM-7') return
        const encoded = info.segments.map(septets)
        expect(encoded.flat()).toEqual(septets(text))
        for (const part of encoded) {
          expect(part.length).toBeLessThanOrEqual(info.segments.length === 1 ? 160 : 153)
          if (part.length > 0) expect(part.at(-1)).not.toBe(ESC)
        }
      }),
      RUNS,
    )
  })

  it('no part starts with a lone low surrogate cut from its pair', () => {
    fc.assert(
      fc.property(message, (text) => {
        let offset = 0
        for (const part of segmentSms(text).segments) {
          if (offset > 0 && isLow(part.charAt(0))) expect(isHigh(text.charAt(offset - 1))).toBe(false)
          offset += part.length
        }
      }),
      RUNS,
    )
  })

  it('lists exactly the non-GSM characters, each once', () => {
    fc.assert(
      fc.property(message, (text) => {
        const info = segmentSms(text)
        expect(new Set(info.nonGsmCharacters).size).toBe(info.nonGsmCharacters.length)
        // Pairs first, so that removing a lone high surrogate cannot take half of a pair with it.
        const byLength = [...info.nonGsmCharacters].sort((a, b) => b.length - a.length)
        const remainder = byLength.reduce((rest, char) => rest.split(char).join(''), text)
        expect(referenceSegments(remainder).encoding).toBe('GSM-7')
        for (const char of info.nonGsmCharacters) expect(text.includes(char)).toBe(true)
      }),
      RUNS,
    )
  })

  it('keeps the invariants with transliteration and language tables, and never costs more parts', () => {
    fc.assert(
      fc.property(fc.oneof(message, nationalMessage), fc.boolean(), fc.boolean(), (text, transliterate, languageTables) => {
        const info = segmentSms(text, { transliterate, languageTables })
        checkInvariants(info)
        expect(info.segments.length).toBeLessThanOrEqual(segmentSms(text).segments.length)
        if (!transliterate) expect(info.text).toBe(text)
        if (info.languageTable === undefined && info.encoding === 'GSM-7') {
          expect(info.unitsPerSegment).toBe(info.segments.length === 1 ? 160 : 153)
        }
      }),
      RUNS,
    )
  })

  it('with language tables, stays 7-bit whenever some enabled table combination covers the text', () => {
    fc.assert(
      fc.property(nationalMessage, (text) => {
        const info = segmentSms(text, { languageTables: true })
        const coverable = [...text].every((char) =>
          LANGUAGE_TABLES.some(
            (table) => table.locking?.includes(char) || table.single?.includes(char),
          ) || referenceSegments(char).encoding === 'GSM-7',
        )
        if (info.encoding === 'UCS-2') {
          // No single combination covers it (a Turkish and a Portuguese letter together, say).
          for (const table of LANGUAGE_TABLES) {
            const only = segmentSms(text, { languageTables: [table] })
            expect(only.encoding).toBe('UCS-2')
          }
        } else {
          expect(coverable).toBe(true)
        }
      }),
      RUNS,
    )
  })
})

describe('fitSms properties', () => {
  it('always fits its budget, keeps the tail, and cuts only at grapheme boundaries', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    fc.assert(
      fc.property(
        message,
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.constant(''), fc.constant('\nReply 1 for yes, 2 for no'), message.map((text) => text.slice(0, 80))),
        (text, maxSegments, keepTail) => {
          const result = fitSms(text, { maxSegments, keepTail })
          expect(result.info.segments.length).toBeLessThanOrEqual(maxSegments)
          expect(result.text).toBe(result.info.text)
          checkInvariants(result.info)
          if (!result.truncated) {
            expect(result.text).toBe(result.fits ? text + keepTail : text)
            return
          }
          const body = result.fits ? result.text.slice(0, result.text.length - keepTail.length) : result.text
          if (result.fits) expect(result.text.endsWith(keepTail)).toBe(true)
          const prefix = body.endsWith('...') ? body.slice(0, -3) : body
          expect(text.startsWith(prefix)).toBe(true)
          const boundaries = new Set([...segmenter.segment(text)].map((segment) => segment.index))
          boundaries.add(text.length)
          expect(boundaries.has(prefix.length)).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('fits with transliteration and language tables too', () => {
    fc.assert(
      fc.property(fc.oneof(message, nationalMessage), fc.integer({ min: 1, max: 3 }), (text, maxSegments) => {
        const result = fitSms(text, { maxSegments, keepTail: ' https://ex.am/1', transliterate: true, languageTables: true })
        expect(result.fits).toBe(true)
        expect(result.info.segments.length).toBeLessThanOrEqual(maxSegments)
        expect(result.text.endsWith(' https://ex.am/1')).toBe(true)
        checkInvariants(result.info)
      }),
      { numRuns: 150 },
    )
  })
})
