import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  isGsm7,
  segmentSms,
  TRANSLITERATION_GROUPS,
  TRANSLITERATIONS,
  type TransliterationTable,
  transliterate,
} from '../../src/sms/index.js'

describe('TRANSLITERATIONS', () => {
  it('maps only non-GSM-7 keys, always to GSM-7 values', () => {
    for (const [key, value] of Object.entries(TRANSLITERATIONS)) {
      expect(isGsm7(key), `key ${JSON.stringify(key)}`).toBe(false)
      expect(isGsm7(value), `value of ${JSON.stringify(key)}`).toBe(true)
    }
  })

  it('is the union of its groups, and frozen', () => {
    const merged = Object.assign({}, ...Object.values(TRANSLITERATION_GROUPS)) as Record<string, string>
    expect(TRANSLITERATIONS).toEqual(merged)
    expect(Object.isFrozen(TRANSLITERATIONS)).toBe(true)
    expect(() => {
      ;(TRANSLITERATIONS as Record<string, string>)['✓'] = 'v'
    }).toThrow(TypeError)
  })

  it.each([
    ['quotes', '‘single’ “double” „low“ «angle» ‹one› `tick´ ′prime″', `'single' "double" "low" "angle" 'one' 'tick' 'prime"`],
    ['dashes', 'a‐b‑c‒d–e—f―g−h', 'a-b-c-d-e-f-g-h'],
    ['spaces', 'a\u00a0b\u2009c\u202fd\u3000e\tf\u2028g', 'a b c d e f\ng'],
    ['invisible', 'soft\u00adhyphen zero\u200bwidth\ufeff', 'softhyphen zerowidth'],
    ['punctuation', 'Wait… • one → two ½ × 3 ™ © ®', 'Wait... - one -> two 1/2 x 3 TM (C) (R)'],
    ['letters', 'À la française, Ålesund, İstanbul, Łódź, Œuvre, Bőrönd', 'A la francaise, Ålesund, Istanbul, Lodz, OEuvre, Börönd'],
    ['decomposed', 'Cafe\u0301 Ma\u0303e nin\u0303o', 'Café Mae niño'],
    ['fullwidth', 'ＡＢＣ１２３！？ｘ＠ｙ．ｃｏｍ｀', "ABC123!?x@y.com'"],
  ])('%s', (_group, input, expected) => {
    const result = transliterate(input)
    expect(result.text).toBe(expected)
    expect(isGsm7(result.text)).toBe(true)
  })
})

describe('transliterate', () => {
  it('reports each replacement once with its count, in order of first occurrence', () => {
    expect(transliterate('“Hi” — it’s 5 pm… it’s late')).toEqual({
      text: `"Hi" - it's 5 pm... it's late`,
      replaced: [
        { from: '“', to: '"', count: 1 },
        { from: '”', to: '"', count: 1 },
        { from: '—', to: '-', count: 1 },
        { from: '’', to: "'", count: 2 },
        { from: '…', to: '...', count: 1 },
      ],
    })
  })

  it('returns the same text and no replacements when nothing matches', () => {
    const text = 'Plain GSM text, 5€ {ok}'
    expect(transliterate(text)).toEqual({ text, replaced: [] })
  })

  it('takes a custom table, which may extend or override the default one', () => {
    const table: TransliterationTable = { ...TRANSLITERATIONS, '✓': 'v', '°': ' deg', '…': '.' }
    expect(transliterate('Done ✓ at 20° …', table).text).toBe('Done v at 20 deg .')
    expect(transliterate('a ✓ b', { '✓': '' }).text).toBe('a  b')
  })

  it('prefers the longest key at a position', () => {
    const table: TransliterationTable = { e: 'E', 'e\u0301': 'é', 'e\u0301\u0301': '!' }
    expect(transliterate('e e\u0301 e\u0301\u0301', table).text).toBe('E é !')
  })

  it('ignores empty keys', () => {
    expect(transliterate('abc', { '': 'x', b: 'B' }).text).toBe('aBc')
  })

  it('can leave chosen keys alone', () => {
    expect(transliterate('ş’', TRANSLITERATIONS, (key) => key === 'ş').text).toBe("ş'")
  })
})

interface Vector {
  id: string
  text: string
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/sms-vectors/public.json', import.meta.url), 'utf8'),
) as Vector[]

describe('segmentSms with transliterate', () => {
  it('turns the one curly apostrophe in 150 characters into one GSM-7 SMS instead of three UCS-2 parts', () => {
    const text = (vectors.find((vector) => vector.id === 'ucs2-one-smart-quote-in-150') as Vector).text
    expect(segmentSms(text).segments).toHaveLength(3)
    const info = segmentSms(text, { transliterate: true })
    expect(info).toMatchObject({ encoding: 'GSM-7', units: 151, unitsPerSegment: 160 })
    expect(info.segments).toHaveLength(1)
    expect(info.transliterated).toEqual([{ from: '’', to: "'", count: 1 }])
    expect(info.text).toBe(text.replace('’', "'"))
    expect(info.nonGsmCharacters).toEqual([])
  })

  it('prefers GSM-7 on a tie in parts', () => {
    const info = segmentSms('It’s here', { transliterate: true })
    expect(info).toMatchObject({ encoding: 'GSM-7', text: "It's here", remainingInSegment: 151 })
  })

  it('leaves a text that stays UCS-2 as written when replacing would not save a part', () => {
    const info = segmentSms('“Party” 🎉', { transliterate: true })
    expect(info).toMatchObject({ encoding: 'UCS-2', text: '“Party” 🎉', transliterated: [] })
    expect(info.nonGsmCharacters).toEqual(['“', '”', '🎉'])
  })

  it('does not replace … by ... when that costs more parts', () => {
    const text = '…'.repeat(60)
    const info = segmentSms(text, { transliterate: true })
    expect(info).toMatchObject({ encoding: 'UCS-2', text, units: 60 })
    expect(info.segments).toHaveLength(1)
    expect(segmentSms('…'.repeat(40), { transliterate: true })).toMatchObject({ encoding: 'GSM-7', units: 120 })
  })

  it('uses a custom table', () => {
    const info = segmentSms('Ok ✓', { transliterate: { '✓': 'v' } })
    expect(info).toMatchObject({ encoding: 'GSM-7', text: 'Ok v', transliterated: [{ from: '✓', to: 'v', count: 1 }] })
  })

  it('is off by default and with false', () => {
    expect(segmentSms('It’s').encoding).toBe('UCS-2')
    expect(segmentSms('It’s', { transliterate: false }).encoding).toBe('UCS-2')
  })

  it('with language tables, keeps the letters a table carries and replaces the rest', () => {
    const info = segmentSms('“Şişli” — İstanbul', { transliterate: true, languageTables: true })
    expect(info.text).toBe('"Şişli" - İstanbul')
    expect(info.languageTable).toEqual({ locking: 'turkish' })
    expect(info.transliterated.map((replacement) => replacement.from)).toEqual(['“', '”', '—'])
  })

  it('with language tables, transliterates the national letters too when that saves a part', () => {
    const text = `${'a'.repeat(158)}ş`
    expect(segmentSms(text, { languageTables: true }).segments).toHaveLength(2)
    const info = segmentSms(text, { transliterate: true, languageTables: true })
    expect(info.segments).toHaveLength(1)
    expect(info.text).toBe(`${'a'.repeat(158)}s`)
    expect(info.languageTable).toBeUndefined()
  })
})
