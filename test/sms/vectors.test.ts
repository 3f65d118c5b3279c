import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { segmentSms } from '../../src/sms/index.js'

interface Vector {
  id: string
  note: string
  text: string
  encoding: 'GSM-7' | 'UCS-2'
  units: number
  segments: string[]
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/sms-vectors/public.json', import.meta.url), 'utf8'),
) as Vector[]

describe('public SMS vectors (../shared/sms-vectors/public.json)', () => {
  it('has the 65 documented cases', () => {
    expect(vectors).toHaveLength(65)
  })

  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    const info = segmentSms(vector.text)
    expect(info.encoding).toBe(vector.encoding)
    expect(info.units).toBe(vector.units)
    expect(info.segments).toHaveLength(vector.segments.length)
    expect(info.segments).toEqual(vector.segments)
    expect(info.text).toBe(vector.text)
    expect(info.transliterated).toEqual([])
    expect(info.languageTable).toBeUndefined()
    expect(info.nonGsmCharacters.length === 0).toBe(vector.encoding === 'GSM-7')
  })
})
