import { describe, expect, it } from 'vitest'
import { GSM7_DEFAULT_ALPHABET, GSM7_EXTENSION_TABLE, gsm7Length, isGsm7, segmentSms } from '../../src/sms/index.js'
import {
  GSM7_LIMITS,
  GSM7_PART,
  GSM7_SINGLE,
  MAX_PARTS,
  UCS2_LIMITS,
  UCS2_PART,
  UCS2_SINGLE,
} from '../../src/sms/index.js'

describe('GSM 7-bit default alphabet (TS 23.038 6.2.1)', () => {
  it('has 128 positions, 127 characters and the escape at 0x1B', () => {
    expect(GSM7_DEFAULT_ALPHABET).toHaveLength(128)
    expect(new Set(GSM7_DEFAULT_ALPHABET.replace('\u0000', '')).size).toBe(127)
    expect(GSM7_DEFAULT_ALPHABET.charCodeAt(0x1b)).toBe(0)
  })

  it.each([
    [0x00, '@'],
    [0x01, '£'],
    [0x09, 'Ç'],
    [0x0a, '\n'],
    [0x0d, '\r'],
    [0x10, 'Δ'],
    [0x11, '_'],
    [0x1a, 'Ξ'],
    [0x1f, 'É'],
    [0x24, '¤'],
    [0x40, '¡'],
    [0x5b, 'Ä'],
    [0x5f, '§'],
    [0x60, '¿'],
    [0x7f, 'à'],
  ])('septet %d is %j', (septet, char) => {
    expect(GSM7_DEFAULT_ALPHABET.charAt(septet)).toBe(char)
  })

  it('has the ten extension characters at their codes (6.2.1.1)', () => {
    const assigned = [...GSM7_EXTENSION_TABLE].flatMap((char, septet) => (char === '\u0000' ? [] : [[septet, char]]))
    expect(assigned).toEqual([
      [0x0a, '\f'],
      [0x14, '^'],
      [0x28, '{'],
      [0x29, '}'],
      [0x2f, '\\'],
      [0x3c, '['],
      [0x3d, '~'],
      [0x3e, ']'],
      [0x40, '|'],
      [0x65, '€'],
    ])
  })
})

describe('isGsm7 and gsm7Length', () => {
  it('counts 1 septet per default character and 2 per extension character', () => {
    expect(gsm7Length('')).toBe(0)
    expect(gsm7Length('Hello')).toBe(5)
    expect(gsm7Length('Price: 5€')).toBe(10)
    expect(gsm7Length('{}[]~^|\\\f€')).toBe(20)
    expect(gsm7Length('\r\n')).toBe(2)
    expect(gsm7Length(GSM7_DEFAULT_ALPHABET.replace('\u0000', ''))).toBe(127)
  })

  it.each([
    ['backtick', ['`']],
    ['tab', ['\t']],
    ['NUL (septet 0x00 is @)', ['\u0000']],
    ['a raw ESC', ['\u001b']],
    ['DEL', ['\u007f']],
    ['small c cedilla', ['ç']],
    ['capital grave letters', [...'ÀÈÌÒÙ']],
    ['acute and circumflex letters', [...'áíóúâêôãõëï']],
    ['degree sign', ['°']],
    ['copyright sign', ['©']],
    ['Greek capitals that look Latin', [...'ΑΒΕΗΙΚΜΝΟΡΤΥΧΖ']],
    ['OHM SIGN (not normalised to Ω)', ['\u2126']],
    ['e + combining acute (not normalised to é)', ['e\u0301']],
    ['no-break space', ['\u00a0']],
    ['curly apostrophe', ['’']],
    ['an emoji', ['😀']],
    ['a lone surrogate', ['\ud83d', '\ude00']],
  ])('rejects %s', (_label, samples) => {
    for (const sample of samples) {
      expect(isGsm7(`ok ${sample}`)).toBe(false)
      expect(gsm7Length(`ok ${sample}`)).toBe(-1)
    }
  })

  it('accepts every default and extension character and nothing that looks like them', () => {
    expect(isGsm7(GSM7_DEFAULT_ALPHABET.replace('\u0000', '') + GSM7_EXTENSION_TABLE.replaceAll('\u0000', ''))).toBe(true)
    let accepted = 0
    for (let code = 0; code <= 0xffff; code++) if (isGsm7(String.fromCharCode(code))) accepted++
    expect(accepted).toBe(127 + 10)
  })

  it('agrees with segmentSms on the encoding', () => {
    for (const text of ['plain', 'Ç', 'ç', '€uro', '😀', '']) {
      expect(isGsm7(text)).toBe(segmentSms(text).encoding === 'GSM-7')
    }
  })
})

describe('limits', () => {
  it('match TS 23.040: 140 octets less the user data header, padded to a septet boundary for GSM-7', () => {
    const septets = (headerOctets: number): number =>
      headerOctets === 0 ? 160 : 160 - Math.ceil(((headerOctets + 1) * 8) / 7)
    const concatenation = 5
    const shift = 3
    expect([GSM7_SINGLE, GSM7_PART]).toEqual([septets(0), septets(concatenation)])
    expect(GSM7_LIMITS).toEqual([
      { single: septets(0), part: septets(concatenation) },
      { single: septets(shift), part: septets(concatenation + shift) },
      { single: septets(2 * shift), part: septets(concatenation + 2 * shift) },
    ])
    expect(GSM7_LIMITS.map((limits) => [limits.single, limits.part])).toEqual([
      [160, 153],
      [155, 149],
      [152, 146],
    ])
    expect([UCS2_SINGLE, UCS2_PART]).toEqual([140 / 2, (140 - 6) / 2])
    expect(UCS2_LIMITS).toEqual({ single: 70, part: 67 })
    expect(MAX_PARTS).toBe(255)
  })

  it('lets a text longer than MAX_PARTS parts be measured rather than throw', () => {
    const info = segmentSms('a'.repeat(GSM7_PART * MAX_PARTS + 1))
    expect(info.segments).toHaveLength(MAX_PARTS + 1)
  })
})

describe('segmentSms input', () => {
  it('throws a TypeError for a non-string', () => {
    expect(() => segmentSms(42 as unknown as string)).toThrow(TypeError)
  })

  it('reports the free room in the last part', () => {
    expect(segmentSms('').remainingInSegment).toBe(160)
    expect(segmentSms('a'.repeat(161)).remainingInSegment).toBe(153 - 8)
    expect(segmentSms('ж'.repeat(71)).remainingInSegment).toBe(67 - 4)
    expect(segmentSms('😀'.repeat(36)).remainingInSegment).toBe(67 - 6)
  })

  it('lists non-GSM characters once each, in order, with emoji whole', () => {
    expect(segmentSms('“Hi” 😀 — “you” 😀 \ud83d').nonGsmCharacters).toEqual(['“', '”', '😀', '—', '\ud83d'])
    expect(segmentSms('plain').nonGsmCharacters).toEqual([])
  })

  it('leaves the lookup scratch clean between calls', () => {
    expect(segmentSms('ж').nonGsmCharacters).toEqual(['ж'])
    expect(segmentSms('жж').nonGsmCharacters).toEqual(['ж'])
  })
})
