import { gsm7Cost } from './gsm7.js'
import {
  type LanguageTable,
  type LanguageTableName,
  type LanguageTableOption,
  lockingLookup,
  resolveLanguageTables,
  singleLookup,
} from './language-tables.js'
import { GSM7_LIMITS, type SmsLimits, UCS2_LIMITS } from './limits.js'
import { TRANSLITERATIONS, type Transliteration, type TransliterationTable, transliterate } from './transliterate.js'

/** The data coding a message goes out in. */
export type SmsEncoding = 'GSM-7' | 'UCS-2'

/** Options of {@link segmentSms}. */
export interface SegmentOptions {
  /**
   * Replace characters that have a GSM-7 look-alike (curly quotes, dashes, special spaces,
   * ellipsis, accented letters …) when that makes the message cheaper. `true` uses
   * {@link TRANSLITERATIONS}; pass your own table to change or extend it.
   *
   * `segmentSms` compares the text as written with the transliterated text and sends the one
   * with fewer parts; on a tie GSM-7 beats UCS-2, then the text with fewer replacements wins. So
   * `“Hi”` becomes `"Hi"` (GSM-7 instead of UCS-2), but a text that stays UCS-2 anyway (an emoji
   * in it) is left as written.
   * @defaultValue `false`
   */
  readonly transliterate?: boolean | TransliterationTable
  /**
   * National language shift tables (TS 23.038 Annex A) that may be used to keep text in 7 bits.
   * `true` enables all of them (Turkish, Spanish, Portuguese); an array enables the tables listed,
   * by name (`'turkish'`) or as table objects (`turkish`, or a copy restricted to its single
   * shift table: `{ ...turkish, locking: undefined }`).
   *
   * Each table in use adds 3 octets to every part's header, so a single SMS holds 155 septets
   * (152 with both a single and a locking shift table) and a concatenated part 149 (146).
   * `segmentSms` tries every combination of the enabled tables, with and without the default
   * alphabet, and picks the one with the fewest parts, then the fewest shift tables, then the
   * most room left. The receiving handset must support the tables; most recent handsets in the
   * countries concerned do.
   * @defaultValue `false`
   */
  readonly languageTables?: boolean | readonly LanguageTableOption[]
}

/** Which national language tables a message uses. */
export interface LanguageTableUse {
  /** The single shift table that replaces the default extension table. */
  readonly single?: LanguageTableName
  /** The locking shift table that replaces the default alphabet. */
  readonly locking?: LanguageTableName
}

/** How a text goes out as SMS: its encoding, its cost and the text of every part. */
export interface SmsInfo {
  /** `GSM-7` when every character fits in 7 bits (with the tables used), else `UCS-2`. */
  readonly encoding: SmsEncoding
  /**
   * Cost of the whole text, headers excluded: septets for GSM-7 (an extension or single shift
   * character counts 2), UTF-16 code units for UCS-2 (an emoji usually counts 2).
   */
  readonly units: number
  /**
   * The text of each part, in order; their number is what is billed. One element means a single
   * SMS without a concatenation header; the empty text is one empty segment.
   */
  readonly segments: string[]
  /**
   * Units one part may hold in this case: 160 / 153 (GSM-7, single / concatenated), 155 / 149 with
   * one national table, 152 / 146 with two, 70 / 67 (UCS-2).
   */
  readonly unitsPerSegment: number
  /** Units still free in the last part. */
  readonly remainingInSegment: number
  /**
   * The distinct characters of {@link SmsInfo.text} that are not in the GSM-7 default alphabet or
   * its extension table, in order of first appearance (an emoji is one entry; a lone surrogate is
   * its own entry). They are what forces UCS-2, or a national table.
   */
  readonly nonGsmCharacters: string[]
  /** The text actually encoded: the input, after transliteration if any was applied. */
  readonly text: string
  /** The replacements transliteration made, in order of first occurrence; empty if none. */
  readonly transliterated: Transliteration[]
  /** The national language tables used, when any is. */
  readonly languageTable?: LanguageTableUse
}

const HIGH_SURROGATE_MIN = 0xd800
const HIGH_SURROGATE_MAX = 0xdbff
const LOW_SURROGATE_MIN = 0xdc00
const LOW_SURROGATE_MAX = 0xdfff

function isHigh(code: number): boolean {
  return code >= HIGH_SURROGATE_MIN && code <= HIGH_SURROGATE_MAX
}

function isLow(code: number): boolean {
  return code >= LOW_SURROGATE_MIN && code <= LOW_SURROGATE_MAX
}

/**
 * Works out how `text` goes out as SMS: GSM-7 or UCS-2, its cost in units, and the exact text of
 * every part, following TS 23.038 and TS 23.040:
 * - GSM-7 only if every character is in the default alphabet or its extension table; one other
 *   character makes the whole message UCS-2. No normalisation, no look-alikes (unless
 *   `transliterate` is set).
 * - Up to 160 septets / 70 code units go as one SMS; beyond that each part holds 153 / 67.
 * - Parts are filled greedily; an escape pair (ESC + extension character) and a surrogate pair
 *   are never split between parts, nothing else is kept together.
 *
 * @param text - the message body, as the user wrote it (CRLF is not normalised)
 * @param options - transliteration and national language tables, both off by default
 * @throws {TypeError} if `text` is not a string
 * @throws {RangeError} if `languageTables` names a table that is not built in
 * @example
 * ```ts
 * segmentSms('Hello world')
 * // { encoding: 'GSM-7', units: 11, segments: ['Hello world'], unitsPerSegment: 160,
 * //   remainingInSegment: 149, nonGsmCharacters: [], text: 'Hello world', transliterated: [] }
 *
 * segmentSms('It’s here').encoding                          // 'UCS-2'
 * segmentSms('It’s here', { transliterate: true }).encoding // 'GSM-7'
 * ```
 */
export function segmentSms(text: string, options?: SegmentOptions): SmsInfo {
  if (typeof text !== 'string') throw new TypeError(`segmentSms expects a string, got ${typeof text}`)
  if (options === undefined || (!options.transliterate && !options.languageTables)) return segmentPlain(text)
  return segmentWithOptions(text, options)
}

/** The common case: default alphabet only. One pass to classify and count, one to split. */
function segmentPlain(text: string): SmsInfo {
  let units = 0
  for (let i = 0; i < text.length; i++) {
    const cost = gsm7Cost(text.charCodeAt(i))
    if (cost === 0) return ucs2Info(text, i, [])
    units += cost
  }
  return gsmInfo(text, units, gsm7Cost, GSM7_LIMITS[0], [], undefined, [])
}

type CostOf = (code: number) => number

function gsmInfo(
  text: string,
  units: number,
  costOf: CostOf,
  limits: SmsLimits,
  nonGsmCharacters: string[],
  languageTable: LanguageTableUse | undefined,
  transliterated: Transliteration[],
): SmsInfo {
  let segments: string[]
  let unitsPerSegment: number
  let last: number
  if (units <= limits.single) {
    segments = [text]
    unitsPerSegment = limits.single
    last = units
  } else {
    segments = []
    unitsPerSegment = limits.part
    let start = 0
    last = 0
    for (let i = 0; i < text.length; i++) {
      const cost = costOf(text.charCodeAt(i))
      // TS 23.040 9.2.3.24.1: an escape sequence is never split across parts.
      if (last + cost > unitsPerSegment) {
        segments.push(text.slice(start, i))
        start = i
        last = 0
      }
      last += cost
    }
    segments.push(text.slice(start))
  }
  const info: SmsInfo = {
    encoding: 'GSM-7',
    units,
    segments,
    unitsPerSegment,
    remainingInSegment: unitsPerSegment - last,
    nonGsmCharacters,
    text,
    transliterated,
  }
  return languageTable === undefined ? info : { ...info, languageTable }
}

function ucs2Info(text: string, firstNonGsm: number, transliterated: Transliteration[]): SmsInfo {
  const length = text.length
  let segments: string[]
  let unitsPerSegment: number
  let last: number
  if (length <= UCS2_LIMITS.single) {
    segments = [text]
    unitsPerSegment = UCS2_LIMITS.single
    last = length
  } else {
    segments = []
    unitsPerSegment = UCS2_LIMITS.part
    let start = 0
    while (length - start > unitsPerSegment) {
      let end = start + unitsPerSegment
      // TS 23.040 9.2.3.24.1: a UCS-2 character is never split; a lone surrogate is one unit.
      if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end--
      segments.push(text.slice(start, end))
      start = end
    }
    segments.push(text.slice(start))
    last = length - start
  }
  return {
    encoding: 'UCS-2',
    units: length,
    segments,
    unitsPerSegment,
    remainingInSegment: unitsPerSegment - last,
    nonGsmCharacters: nonGsmCharacters(text, firstNonGsm),
    text,
    transliterated,
  }
}

/** One bit per BMP code unit, set while collecting and cleared before returning. */
let seenBits: Uint8Array | undefined

/** Distinct non-GSM-7 characters of `text` from index `from` on, without per-character allocation. */
function nonGsmCharacters(text: string, from: number): string[] {
  const found: string[] = []
  if (from < 0) return found
  const seen = (seenBits ??= new Uint8Array(0x2000))
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (gsm7Cost(code) !== 0) continue
    if (isHigh(code) && isLow(text.charCodeAt(i + 1))) {
      const pair = text.slice(i, i + 2)
      if (!found.includes(pair)) found.push(pair)
      i++
      continue
    }
    const bit = 1 << (code & 7)
    if (((seen[code >> 3] as number) & bit) === 0) {
      seen[code >> 3] = (seen[code >> 3] as number) | bit
      found.push(String.fromCharCode(code))
    }
  }
  for (const char of found) if (char.length === 1) seen[char.charCodeAt(0) >> 3] = 0
  return found
}

function firstNonGsm(text: string): number {
  for (let i = 0; i < text.length; i++) if (gsm7Cost(text.charCodeAt(i)) === 0) return i
  return -1
}

/** A way to send a text, measured but not yet split. */
interface Plan {
  readonly text: string
  readonly encoding: SmsEncoding
  readonly units: number
  readonly parts: number
  readonly remaining: number
  /** 0 = as written, 1 = transliterated except what the language tables carry, 2 = transliterated. */
  readonly level: number
  readonly transliterated: Transliteration[]
  readonly locking: LanguageTable | undefined
  readonly single: LanguageTable | undefined
  readonly costOf: CostOf
}

/** Cost of a code unit with a locking table (or the default alphabet) and a single shift table (or the extension table). */
function shiftCost(locking: ReadonlyMap<number, number> | undefined, single: ReadonlyMap<number, number> | undefined): CostOf {
  if (locking === undefined && single === undefined) return gsm7Cost
  return (code) => {
    if (locking === undefined ? gsm7Cost(code) === 1 : locking.has(code)) return 1
    if (single === undefined ? gsm7Cost(code) === 2 : single.has(code)) return 2
    return 0
  }
}

function measureGsm(text: string, costOf: CostOf, limits: SmsLimits): { units: number; parts: number; remaining: number } | undefined {
  let units = 0
  let parts = 1
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const cost = costOf(text.charCodeAt(i))
    if (cost === 0) return undefined
    units += cost
    if (last + cost > limits.part) {
      parts++
      last = 0
    }
    last += cost
  }
  if (units <= limits.single) return { units, parts: 1, remaining: limits.single - units }
  return { units, parts, remaining: limits.part - last }
}

function measureUcs2(text: string): { parts: number; remaining: number } {
  const length = text.length
  if (length <= UCS2_LIMITS.single) return { parts: 1, remaining: UCS2_LIMITS.single - length }
  let parts = 1
  let start = 0
  while (length - start > UCS2_LIMITS.part) {
    let end = start + UCS2_LIMITS.part
    if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end--
    start = end
    parts++
  }
  return { parts, remaining: UCS2_LIMITS.part - (length - start) }
}

/** Whether plan `a` is strictly cheaper than `b`; ties keep the earlier candidate. */
function cheaper(a: Plan, b: Plan): boolean {
  if (a.parts !== b.parts) return a.parts < b.parts
  if (a.encoding !== b.encoding) return a.encoding === 'GSM-7'
  if (a.level !== b.level) return a.level < b.level
  const shiftsA = (a.locking ? 1 : 0) + (a.single ? 1 : 0)
  const shiftsB = (b.locking ? 1 : 0) + (b.single ? 1 : 0)
  if (shiftsA !== shiftsB) return shiftsA < shiftsB
  return a.remaining > b.remaining
}

function candidatePlans(
  text: string,
  level: number,
  transliterated: Transliteration[],
  tables: readonly LanguageTable[],
): Plan[] {
  const ucs2 = measureUcs2(text)
  const plans: Plan[] = [
    { text, encoding: 'UCS-2', units: text.length, ...ucs2, level, transliterated, locking: undefined, single: undefined, costOf: gsm7Cost },
  ]
  const lockings: Array<LanguageTable | undefined> = [undefined, ...tables.filter((table) => table.locking !== undefined)]
  const singles: Array<LanguageTable | undefined> = [undefined, ...tables.filter((table) => table.single !== undefined)]
  for (const locking of lockings) {
    for (const single of singles) {
      const costOf = shiftCost(locking && lockingLookup(locking), single && singleLookup(single))
      const shifts = (locking ? 1 : 0) + (single ? 1 : 0)
      const measured = measureGsm(text, costOf, GSM7_LIMITS[shifts as 0 | 1 | 2])
      if (measured !== undefined) {
        plans.push({ text, encoding: 'GSM-7', ...measured, level, transliterated, locking, single, costOf })
      }
    }
  }
  return plans
}

function segmentWithOptions(text: string, options: SegmentOptions): SmsInfo {
  const tables = resolveLanguageTables(options.languageTables)
  const candidates = candidatePlans(text, 0, [], tables)
  if (options.transliterate) {
    const table = options.transliterate === true ? TRANSLITERATIONS : options.transliterate
    if (tables.length > 0) {
      const carried = tableCharacters(tables)
      const partial = transliterate(text, table, (key) => [...key].every((char) => carried.has(char)))
      if (partial.replaced.length > 0) candidates.push(...candidatePlans(partial.text, 1, partial.replaced, tables))
    }
    const full = transliterate(text, table)
    if (full.replaced.length > 0) candidates.push(...candidatePlans(full.text, 2, full.replaced, tables))
  }
  let best = candidates[0] as Plan
  for (const plan of candidates) if (cheaper(plan, best)) best = plan
  if (best.encoding === 'UCS-2') return ucs2Info(best.text, firstNonGsm(best.text), best.transliterated)
  const use: LanguageTableUse | undefined =
    best.locking === undefined && best.single === undefined
      ? undefined
      : {
          ...(best.single === undefined ? {} : { single: best.single.name }),
          ...(best.locking === undefined ? {} : { locking: best.locking.name }),
        }
  const shifts = (best.locking ? 1 : 0) + (best.single ? 1 : 0)
  return gsmInfo(
    best.text,
    best.units,
    best.costOf,
    GSM7_LIMITS[shifts as 0 | 1 | 2],
    nonGsmCharacters(best.text, firstNonGsm(best.text)),
    use,
    best.transliterated,
  )
}

/** Every character some enabled table can encode. */
function tableCharacters(tables: readonly LanguageTable[]): Set<string> {
  const chars = new Set<string>()
  for (const table of tables) {
    for (const lookup of [lockingLookup(table), singleLookup(table)]) {
      if (lookup !== undefined) for (const code of lookup.keys()) chars.add(String.fromCharCode(code))
    }
  }
  return chars
}
