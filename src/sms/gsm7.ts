/**
 * No character at this septet: ESC (0x1B) in a locking table, or an unassigned code.
 * A raw U+0000 in a text is never GSM-7 (septet 0x00 is `@`), so it can serve as the marker.
 */
export const NONE = '\u0000'

/**
 * The GSM 7-bit default alphabet (TS 23.038 clause 6.2.1), indexed by septet. Written as the
 * spec's eight columns of sixteen; 0x1B is the escape to the extension table, not a character.
 * @example
 * ```ts
 * GSM7_DEFAULT_ALPHABET[0x00] // '@'
 * GSM7_DEFAULT_ALPHABET.indexOf('Ç') // 0x09
 * ```
 */
export const GSM7_DEFAULT_ALPHABET: string =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  `Δ_ΦΓΛΩΠΨΣΘΞ${NONE}ÆæßÉ` +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà'

/**
 * The default alphabet extension table (TS 23.038 clause 6.2.1.1), indexed by the septet that
 * follows ESC: form feed at 0x0A, `^` 0x14, `{` 0x28, `}` 0x29, `\` 0x2F, `[` 0x3C, `~` 0x3D,
 * `]` 0x3E, `|` 0x40 and `€` 0x65. Each costs two septets.
 * @example
 * ```ts
 * GSM7_EXTENSION_TABLE.indexOf('€') // 0x65
 * ```
 */
export const GSM7_EXTENSION_TABLE: string = /* @__PURE__ */ sparseTable(extensionEntries())

/** The extension table's characters by septet; national single shift tables keep them all. */
export function extensionEntries(): Record<number, string> {
  return { 0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€' }
}

/** A 128-septet table from `base` (default: all {@link NONE}) with the given positions replaced. */
export function sparseTable(entries: Readonly<Record<number, string>>, base?: string): string {
  let chars = ''
  for (let septet = 0; septet < 128; septet++) chars += entries[septet] ?? base?.charAt(septet) ?? NONE
  return chars
}

const EURO = 0x20ac
const LOW = 0x400

/**
 * Septets per UTF-16 code unit for one combination of a locking table (the alphabet, 1 septet a
 * character) and a single shift table (through ESC, 2 septets), 0 where the unit cannot be
 * encoded. Code units below U+0400 are looked up by index, the few above in a map.
 */
export interface Charset {
  readonly low: Uint8Array
  readonly high: ReadonlyMap<number, number>
}

const charsets = new Map<string, Map<string, Charset>>()

/**
 * The charset of a locking table and a single shift table, built once per pair; the default
 * alphabet and its extension table when omitted.
 */
export function charset(locking: string = GSM7_DEFAULT_ALPHABET, single: string = GSM7_EXTENSION_TABLE): Charset {
  let bySingle = charsets.get(locking)
  if (bySingle === undefined) charsets.set(locking, (bySingle = new Map()))
  let result = bySingle.get(single)
  if (result === undefined) {
    const low = new Uint8Array(LOW)
    const high = new Map<number, number>()
    // Single shift first, so that a character in both tables costs the locking table's 1 septet.
    for (const [chars, cost] of [
      [single, 2],
      [locking, 1],
    ] as const) {
      for (let septet = 0; septet < 128; septet++) {
        const code = chars.charCodeAt(septet)
        if (code === 0) continue
        if (code < LOW) low[code] = cost
        else high.set(code, cost)
      }
    }
    result = { low, high }
    bySingle.set(single, result)
  }
  return result
}

/** Septets `code` costs in `set`, 0 when it cannot be encoded. */
export function costIn(set: Charset, code: number): number {
  return code < LOW ? (set.low[code] as number) : (set.high.get(code) ?? 0)
}

/**
 * Septets one UTF-16 code unit costs in the default alphabet with its extension table:
 * 1, 2, or 0 when it is not GSM-7. The euro sign is the only GSM-7 character above U+03FF.
 */
export function gsm7Cost(code: number): number {
  return code < LOW ? (DEFAULT_LOW[code] as number) : code === EURO ? 2 : 0
}

const DEFAULT_LOW: Uint8Array = /* @__PURE__ */ defaultLow()

function defaultLow(): Uint8Array {
  return charset().low
}

/**
 * Whether every character of `text` is in the GSM 7-bit default alphabet or its extension table,
 * checked literally (no transliteration, no normalisation, no national tables).
 * @example
 * ```ts
 * isGsm7('Hello {name}') // true
 * isGsm7('It’s')         // false: U+2019 is not GSM-7
 * isGsm7('')             // true
 * ```
 */
export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (gsm7Cost(text.charCodeAt(i)) === 0) return false
  }
  return true
}

/**
 * Septets `text` costs in GSM-7: 1 per default-alphabet character, 2 per extension-table
 * character (`\f ^ { } \ [ ] ~ |` and `€`). Returns -1 when `text` is not GSM-7, so a counter
 * can test `< 0` to show "Unicode".
 * @example
 * ```ts
 * gsm7Length('Price: 5€') // 10
 * gsm7Length('Çağrı')     // -1: ğ and ı are not GSM-7 (Ç is)
 * ```
 */
export function gsm7Length(text: string): number {
  let septets = 0
  for (let i = 0; i < text.length; i++) {
    const cost = gsm7Cost(text.charCodeAt(i))
    if (cost === 0) return -1
    septets += cost
  }
  return septets
}
