import { type Charset, charset, costIn, gsm7Cost } from './gsm7.js'
import {
  type LanguageTable,
  type LanguageTableName,
  type LanguageTableOption,
  resolveLanguageTables,
} from './language-tables.js'
import { GSM7_LIMITS, GSM7_PART, GSM7_SINGLE, type SmsLimits, UCS2_LIMITS } from './limits.js'
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
   * most room left; UCS-2 when no combination covers the text. The receiving handset must support
   * the tables: one that does not shows default-alphabet characters in their place (TS 23.038
   * Annex C).
   *
   * Bundle size: the three tables take about half a kilobyte min+gzip and ship with
   * `segmentSms`, so that `true` and names work without further imports. Because a table is a
   * plain object, further tables (the Indian ones of Annex A) can be added as separate exports
   * that only the bundles importing them pay for.
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

/**
 * How a text goes out as SMS: its encoding, its cost and the text of every part.
 * @example
 * ```ts
 * const info = segmentSms('1234567890'.repeat(16) + '1')
 * info.encoding                            // 'GSM-7'
 * info.units                               // 161
 * info.segments.map((part) => part.length) // [153, 8]
 * info.unitsPerSegment                     // 153
 * info.remainingInSegment                  // 145
 * ```
 */
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
 * `segmentSms` alone is under 4 kB min+gzip in a browser bundle, with the default transliteration
 * table and the national tables it can enable; `isGsm7` and `gsm7Length` alone are
 * under 1 kB, for form counters.
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

/** Where each part after the first starts, reused between calls so the hot path allocates no array. */
let cuts = new Int32Array(64)

/** The common case, default alphabet only: one pass classifies, counts and finds the part boundaries. */
function segmentPlain(text: string): SmsInfo {
  let units = 0
  let last = 0
  let parts = 0
  for (let i = 0; i < text.length; i++) {
    const cost = gsm7Cost(text.charCodeAt(i))
    if (cost === 0) return ucs2Info(text, i, [])
    units += cost
    // TS 23.040 9.2.3.24.1: an escape sequence is never split across parts.
    if (last + cost > GSM7_PART) {
      if (parts === cuts.length) {
        const grown = new Int32Array(parts * 2)
        grown.set(cuts)
        cuts = grown
      }
      cuts[parts++] = i
      last = 0
    }
    last += cost
  }
  if (units <= GSM7_SINGLE) return gsmResult(text, units, [text], GSM7_SINGLE, GSM7_SINGLE - units, [], undefined, [])
  const segments: string[] = []
  let start = 0
  for (let part = 0; part < parts; part++) {
    const end = cuts[part] as number
    segments.push(text.slice(start, end))
    start = end
  }
  segments.push(text.slice(start))
  return gsmResult(text, units, segments, GSM7_PART, GSM7_PART - last, [], undefined, [])
}

function gsmInfo(
  text: string,
  units: number,
  set: Charset,
  limits: SmsLimits,
  nonGsmCharacters: string[],
  languageTable: LanguageTableUse | undefined,
  transliterated: Transliteration[],
): SmsInfo {
  if (units <= limits.single) {
    return gsmResult(text, units, [text], limits.single, limits.single - units, nonGsmCharacters, languageTable, transliterated)
  }
  const segments: string[] = []
  let start = 0
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const cost = costIn(set, text.charCodeAt(i))
    if (last + cost > limits.part) {
      segments.push(text.slice(start, i))
      start = i
      last = 0
    }
    last += cost
  }
  segments.push(text.slice(start))
  return gsmResult(text, units, segments, limits.part, limits.part - last, nonGsmCharacters, languageTable, transliterated)
}

function gsmResult(
  text: string,
  units: number,
  segments: string[],
  unitsPerSegment: number,
  remainingInSegment: number,
  nonGsmCharacters: string[],
  languageTable: LanguageTableUse | undefined,
  transliterated: Transliteration[],
): SmsInfo {
  const info: SmsInfo = {
    encoding: 'GSM-7',
    units,
    segments,
    unitsPerSegment,
    remainingInSegment,
    nonGsmCharacters,
    text,
    transliterated,
  }
  return languageTable === undefined ? info : { ...info, languageTable }
}

/** How `text` splits into UCS-2 parts. */
interface Ucs2Layout {
  segments: string[]
  unitsPerSegment: number
  remainingInSegment: number
}

function ucs2Layout(text: string): Ucs2Layout {
  const length = text.length
  if (length <= UCS2_LIMITS.single) return { segments: [text], unitsPerSegment: UCS2_LIMITS.single, remainingInSegment: UCS2_LIMITS.single - length }
  const segments: string[] = []
  const unitsPerSegment = UCS2_LIMITS.part
  let start = 0
  while (length - start > unitsPerSegment) {
    let end = start + unitsPerSegment
    // TS 23.040 9.2.3.24.1: a UCS-2 character is never split; a lone surrogate is one unit.
    if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end--
    segments.push(text.slice(start, end))
    start = end
  }
  segments.push(text.slice(start))
  return { segments, unitsPerSegment, remainingInSegment: unitsPerSegment - (length - start) }
}

function ucs2Info(text: string, firstNonGsm: number, transliterated: Transliteration[], layout = ucs2Layout(text)): SmsInfo {
  return {
    encoding: 'UCS-2',
    units: text.length,
    segments: layout.segments,
    unitsPerSegment: layout.unitsPerSegment,
    remainingInSegment: layout.remainingInSegment,
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

/** One way to send a text: how cheap it is, and how to build the full answer. */
interface Plan {
  readonly rank: number
  readonly info: () => SmsInfo
}

/**
 * Orders plans: fewer parts, then GSM-7 before UCS-2, then fewer replacements (`level` 0 as
 * written, 1 transliterated except what the tables carry, 2 transliterated), then fewer shift
 * tables, then more room left. Lower is cheaper.
 */
function rank(parts: number, gsm: boolean, level: number, shifts: number, remaining: number): number {
  return (((parts * 2 + (gsm ? 0 : 1)) * 3 + level) * 3 + shifts) * 256 - remaining
}

function measureGsm(text: string, set: Charset, limits: SmsLimits): { units: number; parts: number; remaining: number } | undefined {
  let units = 0
  let parts = 1
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const cost = costIn(set, text.charCodeAt(i))
    if (cost === 0) return undefined
    units += cost
    if (last + cost > limits.part) {
      parts++
      last = 0
    }
    last += cost
  }
  return units <= limits.single
    ? { units, parts: 1, remaining: limits.single - units }
    : { units, parts, remaining: limits.part - last }
}

/** The shift tables a call may use: no table, then each enabled locking / single shift table. */
interface TableChoices {
  lockings: ReadonlyArray<LanguageTable | undefined>
  singles: ReadonlyArray<LanguageTable | undefined>
}

/**
 * Adds to `plans` every way to send `text`: UCS-2, and each combination of tables that encodes it.
 * The full answer of a plan (its non-GSM character list, its GSM-7 parts) is built only for the
 * plan that wins; `known` is the UCS-2 answer when the caller already has it.
 */
function addPlans(plans: Plan[], text: string, level: number, transliterated: Transliteration[], choices: TableChoices, known?: SmsInfo): void {
  const ucs2 = known ?? ucs2Layout(text)
  plans.push({ rank: rank(ucs2.segments.length, false, level, 0, ucs2.remainingInSegment), info: () => known ?? ucs2Info(text, firstNonGsm(text), transliterated, ucs2) })
  for (const locking of choices.lockings) {
    for (const single of choices.singles) {
      const set = charset(locking?.locking, single?.single)
      const shifts = (locking ? 1 : 0) + (single ? 1 : 0)
      const limits = GSM7_LIMITS[shifts as 0 | 1 | 2]
      const measured = measureGsm(text, set, limits)
      if (measured === undefined) continue
      const use: LanguageTableUse | undefined =
        shifts === 0 ? undefined : { ...(single && { single: single.name }), ...(locking && { locking: locking.name }) }
      plans.push({
        rank: rank(measured.parts, true, level, shifts, measured.remaining),
        info: () =>
          gsmInfo(text, measured.units, set, limits, nonGsmCharacters(text, firstNonGsm(text)), use, transliterated),
      })
    }
  }
}

function segmentWithOptions(text: string, options: SegmentOptions): SmsInfo {
  const tables = resolveLanguageTables(options.languageTables)
  const plain = segmentPlain(text)
  // One GSM-7 SMS on the default alphabet, as written, is the cheapest answer there can be.
  if (plain.encoding === 'GSM-7' && plain.segments.length === 1) return plain
  const table = options.transliterate === true ? TRANSLITERATIONS : options.transliterate || undefined
  const full = table === undefined ? undefined : transliterate(text, table)
  if (tables.length === 0 && (full === undefined || full.text === text)) return plain
  const plans: Plan[] = []
  const choices: TableChoices = {
    lockings: [undefined, ...tables.filter((table) => table.locking !== undefined)],
    singles: [undefined, ...tables.filter((table) => table.single !== undefined)],
  }
  // Not one GSM-7 SMS as written: `plain` is the UCS-2 answer, or GSM-7 in several parts.
  addPlans(plans, text, 0, [], choices, plain.encoding === 'UCS-2' ? plain : undefined)
  if (table !== undefined && full !== undefined) {
    let partial = text
    if (tables.length > 0) {
      const sets = tables.map((enabled) => charset(enabled.locking, enabled.single))
      const carried = (key: string): boolean => {
        for (let i = 0; i < key.length; i++) {
          const code = key.charCodeAt(i)
          if (!sets.some((set) => costIn(set, code) !== 0)) return false
        }
        return true
      }
      const result = transliterate(text, table, carried)
      partial = result.text
      if (partial !== text) addPlans(plans, partial, 1, result.replaced, choices)
    }
    if (full.text !== partial) addPlans(plans, full.text, 2, full.replaced, choices)
  }
  let best = plans[0] as Plan
  for (const plan of plans) if (plan.rank < best.rank) best = plan
  return best.info()
}
