import { extensionEntries, GSM7_DEFAULT_ALPHABET, NONE, sparseTable } from './gsm7.js'

/**
 * The national languages whose TS 23.038 Annex A shift tables this SDK carries. (Annex A also
 * defines tables for ten languages of the Indian subcontinent, which are not included.) The
 * national language identifier sent in the header is {@link LanguageTable.id}.
 */
export type LanguageTableName = 'turkish' | 'spanish' | 'portuguese'

/**
 * The national language tables of one language (TS 23.038 Annex A). Tables are 128-character
 * strings indexed by septet, with `'\u0000'` where a code has no character (and at 0x1B, the
 * escape, in a locking table).
 *
 * A single shift table replaces the default extension table: a character in it costs ESC plus
 * one septet. A locking shift table replaces the default alphabet: a character in it costs one
 * septet. Either one adds a 3-octet element to the header of every part, so fewer septets fit
 * (see `GSM7_LIMITS`).
 * @example
 * ```ts
 * turkish.locking?.charAt(0x07) // 'ı'
 * // Allow the Turkish single shift table but not its locking table:
 * const singleOnly: LanguageTable = { ...turkish, locking: undefined }
 * segmentSms('Şişli', { languageTables: [singleOnly] }).languageTable // { single: 'turkish' }
 * ```
 */
export interface LanguageTable {
  /** The language, reported in `SmsInfo.languageTable`. */
  readonly name: LanguageTableName
  /** National language identifier, the value of IEI 0x24 / 0x25 (TS 23.038 clause 6.2.1.2.4). */
  readonly id: number
  /** National language single shift table (Annex A.2), if the language has one. */
  readonly single?: string
  /** National language locking shift table (Annex A.3), if the language has one. */
  readonly locking?: string
}

/**
 * Turkish tables (TS 23.038 A.2.1 single shift, A.3.1 locking shift). The locking table is the
 * default alphabet with `€ ı Ğ ğ Ş ş İ ç` in place of `è ì Ø ø Æ æ ¡ ¿`; the single shift table
 * adds `Ğ İ Ş ç ğ ı ş` to the extension characters.
 * @example
 * ```ts
 * segmentSms('Şükrü Bey, çağrınız alındı', { languageTables: [turkish] }).languageTable
 * // { locking: 'turkish' }
 * ```
 */
export const turkish: LanguageTable = {
  name: 'turkish',
  id: 1,
  single: /* @__PURE__ */ sparseTable({
    ...extensionEntries(),
    0x47: 'Ğ',
    0x49: 'İ',
    0x53: 'Ş',
    0x63: 'ç',
    0x67: 'ğ',
    0x69: 'ı',
    0x73: 'ş',
  }),
  locking: /* @__PURE__ */ sparseTable(
    { 0x04: '€', 0x07: 'ı', 0x0b: 'Ğ', 0x0c: 'ğ', 0x1c: 'Ş', 0x1d: 'ş', 0x40: 'İ', 0x60: 'ç' },
    GSM7_DEFAULT_ALPHABET,
  ),
}

/**
 * Spanish single shift table (TS 23.038 A.2.2); Spanish has no locking shift table (A.3.2 is
 * void). It adds `ç Á Í Ó Ú á í ó ú` to the extension characters.
 * @example
 * ```ts
 * segmentSms('Canción para ti', { languageTables: [spanish] }).languageTable
 * // { single: 'spanish' }
 * ```
 */
export const spanish: LanguageTable = {
  name: 'spanish',
  id: 2,
  single: /* @__PURE__ */ sparseTable({
    ...extensionEntries(),
    0x09: 'ç',
    0x41: 'Á',
    0x49: 'Í',
    0x4f: 'Ó',
    0x55: 'Ú',
    0x61: 'á',
    0x69: 'í',
    0x6f: 'ó',
    0x75: 'ú',
  }),
}

/**
 * Portuguese tables (TS 23.038 A.2.3 single shift, A.3.3 locking shift). The locking table trades
 * most Greek capitals and some Nordic letters for Portuguese accented letters; the single shift
 * table gives the Greek capitals back when both are used.
 * @example
 * ```ts
 * segmentSms('Não há avaliações', { languageTables: [portuguese] }).languageTable
 * // { locking: 'portuguese' }
 * ```
 */
export const portuguese: LanguageTable = {
  name: 'portuguese',
  id: 3,
  single: /* @__PURE__ */ sparseTable({
    ...extensionEntries(),
    0x05: 'ê',
    0x09: 'ç',
    0x0b: 'Ô',
    0x0c: 'ô',
    0x0e: 'Á',
    0x0f: 'á',
    0x12: 'Φ',
    0x13: 'Γ',
    0x15: 'Ω',
    0x16: 'Π',
    0x17: 'Ψ',
    0x18: 'Σ',
    0x19: 'Θ',
    0x1f: 'Ê',
    0x41: 'À',
    0x49: 'Í',
    0x4f: 'Ó',
    0x55: 'Ú',
    0x5b: 'Ã',
    0x5c: 'Õ',
    0x61: 'Â',
    0x69: 'í',
    0x6f: 'ó',
    0x75: 'ú',
    0x7b: 'ã',
    0x7c: 'õ',
    0x7f: 'â',
  }),
  // Written out as the spec's eight columns of sixteen septets.
  locking:
    '@£$¥êéúíóç\nÔô\rÁá' +
    `Δ_ªÇÀ∞^\\€Ó|${NONE}ÂâÊÉ` +
    ' !"#º%&\'()*+,-./' +
    '0123456789:;<=>?' +
    'ÍABCDEFGHIJKLMNO' +
    'PQRSTUVWXYZÃÕÚÜ§' +
    '~abcdefghijklmno' +
    'pqrstuvwxyzãõ`üà',
}

/**
 * Every table this SDK carries, the ones `languageTables: true` enables: Turkish, Spanish and
 * Portuguese.
 * @example
 * ```ts
 * LANGUAGE_TABLES.map((table) => table.name) // ['turkish', 'spanish', 'portuguese']
 * ```
 */
export const LANGUAGE_TABLES: readonly LanguageTable[] = [turkish, spanish, portuguese]

/**
 * A language table, by name or as the table object itself. An object may also be a restricted
 * copy, e.g. `{ ...turkish, locking: undefined }` to allow the Turkish single shift table only.
 */
export type LanguageTableOption = LanguageTableName | LanguageTable

/**
 * Tables from the `languageTables` option: `true` is {@link LANGUAGE_TABLES}, names pick from
 * those, objects are used as given.
 * @throws {RangeError} for a name that is not a built-in table
 */
export function resolveLanguageTables(
  option: boolean | readonly LanguageTableOption[] | undefined,
): readonly LanguageTable[] {
  if (option === undefined || option === false) return []
  if (option === true) return LANGUAGE_TABLES
  return option.map((entry) => {
    if (typeof entry !== 'string') return entry
    const table = LANGUAGE_TABLES.find((candidate) => candidate.name === entry)
    if (table === undefined) {
      throw new RangeError(
        `Unknown language table "${String(entry)}": use 'turkish', 'spanish' or 'portuguese', or pass a table object`,
      )
    }
    return table
  })
}
