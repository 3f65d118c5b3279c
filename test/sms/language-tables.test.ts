import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  LANGUAGE_TABLES,
  GSM7_DEFAULT_ALPHABET,
  GSM7_EXTENSION_TABLE,
  type LanguageTable,
  type LanguageTableName,
  portuguese,
  segmentSms,
  spanish,
  turkish,
} from '../../src/sms/index.js'

const NONE = '\u0000'

function assigned(table: string): Array<[number, string]> {
  return [...table].flatMap((char, septet) => (char === NONE ? [] : [[septet, char] as [number, string]]))
}

/** The table with only its single shift part, to check the vectors' single-shift figures. */
function singleOnly(table: LanguageTable): LanguageTable {
  return { name: table.name, id: table.id, ...(table.single === undefined ? {} : { single: table.single }) }
}

function lockingOnly(table: LanguageTable): LanguageTable {
  return { name: table.name, id: table.id, ...(table.locking === undefined ? {} : { locking: table.locking }) }
}

describe('national language tables (TS 23.038 Annex A)', () => {
  it('are 128 septets each, with the national language identifiers of 6.2.1.2.4', () => {
    expect(LANGUAGE_TABLES.map((table) => [table.name, table.id])).toEqual([
      ['turkish', 1],
      ['spanish', 2],
      ['portuguese', 3],
    ])
    for (const table of LANGUAGE_TABLES) {
      if (table.single !== undefined) expect(table.single).toHaveLength(128)
      if (table.locking !== undefined) {
        expect(table.locking).toHaveLength(128)
        expect(table.locking.charAt(0x1b)).toBe(NONE)
      }
    }
    expect(spanish.locking).toBeUndefined()
  })

  it('keep the ten default extension characters at their codes in every single shift table', () => {
    for (const table of LANGUAGE_TABLES) {
      for (const [septet, char] of assigned(GSM7_EXTENSION_TABLE)) expect(table.single?.charAt(septet)).toBe(char)
    }
  })

  it('Turkish single shift (A.2.1) adds Ğ İ Ş ç ğ ı ş', () => {
    const extra = assigned(turkish.single as string).filter(([septet]) => GSM7_EXTENSION_TABLE.charAt(septet) === NONE)
    expect(extra).toEqual([
      [0x47, 'Ğ'],
      [0x49, 'İ'],
      [0x53, 'Ş'],
      [0x63, 'ç'],
      [0x67, 'ğ'],
      [0x69, 'ı'],
      [0x73, 'ş'],
    ])
  })

  it('Spanish single shift (A.2.2) adds ç Á Í Ó Ú á í ó ú', () => {
    const extra = assigned(spanish.single as string).filter(([septet]) => GSM7_EXTENSION_TABLE.charAt(septet) === NONE)
    expect(extra).toEqual([
      [0x09, 'ç'],
      [0x41, 'Á'],
      [0x49, 'Í'],
      [0x4f, 'Ó'],
      [0x55, 'Ú'],
      [0x61, 'á'],
      [0x69, 'í'],
      [0x6f, 'ó'],
      [0x75, 'ú'],
    ])
  })

  it('Portuguese single shift (A.2.3) adds accented letters and the Greek capitals its locking table drops', () => {
    const extra = assigned(portuguese.single as string).filter(([septet]) => GSM7_EXTENSION_TABLE.charAt(septet) === NONE)
    expect(extra).toEqual([
      [0x05, 'ê'],
      [0x09, 'ç'],
      [0x0b, 'Ô'],
      [0x0c, 'ô'],
      [0x0e, 'Á'],
      [0x0f, 'á'],
      [0x12, 'Φ'],
      [0x13, 'Γ'],
      [0x15, 'Ω'],
      [0x16, 'Π'],
      [0x17, 'Ψ'],
      [0x18, 'Σ'],
      [0x19, 'Θ'],
      [0x1f, 'Ê'],
      [0x41, 'À'],
      [0x49, 'Í'],
      [0x4f, 'Ó'],
      [0x55, 'Ú'],
      [0x5b, 'Ã'],
      [0x5c, 'Õ'],
      [0x61, 'Â'],
      [0x69, 'í'],
      [0x6f, 'ó'],
      [0x75, 'ú'],
      [0x7b, 'ã'],
      [0x7c, 'õ'],
      [0x7f, 'â'],
    ])
  })

  it('Turkish locking shift (A.3.1) is the default alphabet with eight letters replaced', () => {
    const changed = [...(turkish.locking as string)].flatMap((char, septet) =>
      char === GSM7_DEFAULT_ALPHABET.charAt(septet) ? [] : [[septet, GSM7_DEFAULT_ALPHABET.charAt(septet), char]],
    )
    expect(changed).toEqual([
      [0x04, 'è', '€'],
      [0x07, 'ì', 'ı'],
      [0x0b, 'Ø', 'Ğ'],
      [0x0c, 'ø', 'ğ'],
      [0x1c, 'Æ', 'Ş'],
      [0x1d, 'æ', 'ş'],
      [0x40, '¡', 'İ'],
      [0x60, '¿', 'ç'],
    ])
  })

  it('Portuguese locking shift (A.3.3) replaces 30 positions of the default alphabet', () => {
    const changed = [...(portuguese.locking as string)].flatMap((char, septet) =>
      char === GSM7_DEFAULT_ALPHABET.charAt(septet) ? [] : [[septet, char]],
    )
    expect(changed).toEqual([
      [0x04, 'ê'],
      [0x06, 'ú'],
      [0x07, 'í'],
      [0x08, 'ó'],
      [0x09, 'ç'],
      [0x0b, 'Ô'],
      [0x0c, 'ô'],
      [0x0e, 'Á'],
      [0x0f, 'á'],
      [0x12, 'ª'],
      [0x13, 'Ç'],
      [0x14, 'À'],
      [0x15, '∞'],
      [0x16, '^'],
      [0x17, '\\'],
      [0x18, '€'],
      [0x19, 'Ó'],
      [0x1a, '|'],
      [0x1c, 'Â'],
      [0x1d, 'â'],
      [0x1e, 'Ê'],
      [0x24, 'º'],
      [0x40, 'Í'],
      [0x5b, 'Ã'],
      [0x5c, 'Õ'],
      [0x5d, 'Ú'],
      [0x60, '~'],
      [0x7b, 'ã'],
      [0x7c, 'õ'],
      [0x7d, '`'],
    ])
    expect(portuguese.locking?.charAt(0x1f)).toBe('É')
    expect(portuguese.locking?.charAt(0x5e)).toBe('Ü')
    expect(portuguese.locking?.charAt(0x7e)).toBe('ü')
  })
})

interface Vector {
  id: string
  note: string
  text: string
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/sms-vectors/public.json', import.meta.url), 'utf8'),
) as Vector[]
const TABLES: Record<string, LanguageTable> = { Turkish: turkish, Spanish: spanish, Portuguese: portuguese }

/** "(Turkish 30 septets, 1 part; Spanish 27 septets, 1 part; …)" from the informative notes. */
const informative = vectors.flatMap((vector) =>
  [...vector.note.matchAll(/(Turkish|Spanish|Portuguese) (\d+) septets, (\d+) parts?/g)].map(
    (match) => [vector.id, match[1] as string, Number(match[2]), Number(match[3]), vector.text] as const,
  ),
)

describe('single shift figures from the vectors’ informative notes', () => {
  it('exist for the Turkish, Spanish and Portuguese texts', () => {
    expect(informative.length).toBeGreaterThanOrEqual(8)
  })

  it.each(informative)('%s with the %s single shift table: %i septets, %i part(s)', (_id, language, septets, parts, text) => {
    const info = segmentSms(text, { languageTables: [singleOnly(TABLES[language] as LanguageTable)] })
    expect(info.encoding).toBe('GSM-7')
    expect(info.units).toBe(septets)
    expect(info.segments).toHaveLength(parts)
    expect(info.unitsPerSegment).toBe(parts === 1 ? 155 : 149)
    expect(info.languageTable).toEqual({ single: (TABLES[language] as LanguageTable).name })
    expect(info.segments.join('')).toBe(text)
  })
})

describe('segmentSms with language tables', () => {
  const vector = (id: string): string => (vectors.find((candidate) => candidate.id === id) as Vector).text

  it('stays UCS-2 unless the option is given (the public vectors assume no tables)', () => {
    expect(segmentSms(vector('ucs2-turkish')).encoding).toBe('UCS-2')
    expect(segmentSms(vector('ucs2-turkish'), { languageTables: false }).encoding).toBe('UCS-2')
    expect(segmentSms(vector('ucs2-turkish'), { languageTables: [] }).encoding).toBe('UCS-2')
  })

  it.each([
    ['ucs2-turkish', { locking: 'turkish' }, 24],
    ['ucs2-spanish', { single: 'spanish' }, 27],
    ['ucs2-portuguese', { locking: 'portuguese' }, 23],
    ['ucs2-c-cedilla-small', { locking: 'turkish' }, 6],
  ] as const)('picks the cheapest table for %s: %j, %i septets', (id, table, septets) => {
    const info = segmentSms(vector(id), { languageTables: true })
    expect(info.encoding).toBe('GSM-7')
    expect(info.languageTable).toEqual(table)
    expect(info.units).toBe(septets)
    expect(info.unitsPerSegment).toBe(155)
    expect(info.remainingInSegment).toBe(155 - septets)
  })

  it('accepts built-in tables by name', () => {
    expect(segmentSms('Şişli', { languageTables: ['turkish'] }).languageTable).toEqual({ locking: 'turkish' })
    expect(() => segmentSms('x', { languageTables: ['klingon' as 'turkish'] })).toThrow(RangeError)
  })

  it('uses 155 septets for one table on a single SMS and 149 per part beyond', () => {
    const table = [singleOnly(turkish)]
    const at155 = `ş${'a'.repeat(153)}`
    expect(segmentSms(at155, { languageTables: table })).toMatchObject({ units: 155, unitsPerSegment: 155, remainingInSegment: 0 })
    expect(segmentSms(at155, { languageTables: table }).segments).toHaveLength(1)
    const info = segmentSms(`${at155}a`, { languageTables: table })
    expect(info.segments.map((part) => part.length)).toEqual([148, 7])
    expect(info.unitsPerSegment).toBe(149)
    expect(info.remainingInSegment).toBe(149 - 7)
  })

  it('never splits a single shift pair: the part stops at 148 septets when the pair would take 149-150', () => {
    const text = `${'a'.repeat(148)}ş${'a'.repeat(10)}`
    const info = segmentSms(text, { languageTables: [singleOnly(turkish)] })
    expect(info.segments).toEqual(['a'.repeat(148), `ş${'a'.repeat(10)}`])
  })

  it('uses 152 and 146 with both a single and a locking shift table', () => {
    // ª needs the Portuguese locking table; Φ is then only in the Portuguese single shift table.
    const tables = [portuguese]
    const short = segmentSms(`ªΦ${'a'.repeat(149)}`, { languageTables: tables })
    expect(short.languageTable).toEqual({ single: 'portuguese', locking: 'portuguese' })
    expect(short).toMatchObject({ units: 152, unitsPerSegment: 152, remainingInSegment: 0 })
    const long = segmentSms(`ªΦ${'a'.repeat(150)}`, { languageTables: tables })
    expect(long.segments.map((part) => part.length)).toEqual([145, 7])
    expect(long.unitsPerSegment).toBe(146)
    // Turkish locking with the Spanish single shift table: ı and á together.
    const mixed = segmentSms('ı á', { languageTables: [turkish, spanish] })
    expect(mixed.languageTable).toEqual({ single: 'spanish', locking: 'turkish' })
    expect(mixed).toMatchObject({ units: 4, unitsPerSegment: 152 })
  })

  it('counts septets in the table combination it picked', () => {
    expect(segmentSms('ş', { languageTables: [singleOnly(turkish)] }).units).toBe(2)
    expect(segmentSms('ş', { languageTables: [lockingOnly(turkish)] }).units).toBe(1)
    // The default extension table is replaced by the single shift table, never added to it.
    expect(segmentSms('€', { languageTables: [lockingOnly(turkish)] })).toMatchObject({ units: 2, encoding: 'GSM-7' })
  })

  it('keeps plain GSM-7 text on the default alphabet unless a table saves a part', () => {
    expect(segmentSms('Total: 10€', { languageTables: true }).languageTable).toBeUndefined()
    // 100 € cost 200 septets (2 parts) by default; the Turkish locking table has € as one septet.
    const euros = segmentSms('€'.repeat(100), { languageTables: true })
    expect(euros.languageTable).toEqual({ locking: 'turkish' })
    expect(euros).toMatchObject({ units: 100, unitsPerSegment: 155 })
    expect(segmentSms('€'.repeat(100)).segments).toHaveLength(2)
  })

  it('falls back to UCS-2 when no enabled combination covers the text', () => {
    // ª is only in the Portuguese locking table, which drops è; no single shift table has è.
    expect(segmentSms('ª è', { languageTables: true })).toMatchObject({ encoding: 'UCS-2', units: 3 })
    expect(segmentSms('ª è', { languageTables: true }).languageTable).toBeUndefined()
    // ş and ã together still fit: Turkish locking with the Portuguese single shift table.
    expect(segmentSms('ş and ã', { languageTables: true }).languageTable).toEqual({ single: 'portuguese', locking: 'turkish' })
    expect(segmentSms('Привет', { languageTables: true }).encoding).toBe('UCS-2')
    expect(segmentSms('ş', { languageTables: [spanish] }).encoding).toBe('UCS-2')
  })

  it('prefers fewer parts, then fewer tables, then more room', () => {
    // ç: Turkish locking (1 septet) beats the Spanish or Portuguese single shift (2 septets).
    expect(segmentSms('ç', { languageTables: [spanish, turkish] }).languageTable).toEqual({ locking: 'turkish' })
    // With only single shift tables on offer, the first listed wins the tie.
    expect(segmentSms('ç', { languageTables: [singleOnly(spanish), singleOnly(portuguese)] }).languageTable).toEqual({
      single: 'spanish',
    })
  })

  it('reports the table names for table objects passed directly', () => {
    const names: LanguageTableName[] = []
    for (const table of LANGUAGE_TABLES) {
      const info = segmentSms('çççç', { languageTables: [table] })
      if (info.languageTable?.locking) names.push(info.languageTable.locking)
      if (info.languageTable?.single) names.push(info.languageTable.single)
    }
    expect(names).toEqual(['turkish', 'spanish', 'portuguese'])
  })
})
