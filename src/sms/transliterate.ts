import { GSM7_DEFAULT_ALPHABET, isGsm7 } from './gsm7.js'

/**
 * Replacements applied by transliteration: each key (one character, or a short sequence such as a
 * letter followed by a combining mark) is replaced by its value wherever it occurs; the longest
 * key wins where several start at the same place. A value may be empty (the character is
 * dropped) or longer than its key (`…` → `...`).
 */
export type TransliterationTable = Readonly<Record<string, string>>

/** One kind of replacement made by {@link transliterate}, with how often it was made. */
export interface Transliteration {
  /** The text replaced, as it appeared. */
  readonly from: string
  /** What it was replaced with. */
  readonly to: string
  /** How many times. */
  readonly count: number
}

/** What {@link transliterate} returns. */
export interface TransliterationResult {
  /** The text with every replacement made. */
  readonly text: string
  /** The replacements made, in order of first occurrence. */
  readonly replaced: Transliteration[]
}

/** The groups {@link TRANSLITERATIONS} is made of. */
export type TransliterationGroup =
  | 'quotes'
  | 'dashes'
  | 'spaces'
  | 'invisible'
  | 'punctuation'
  | 'letters'
  | 'decomposed'
  | 'fullwidth'

/** A table mapping each character of `chars` to `to`. */
function each(chars: string, to: string): Record<string, string> {
  const table: Record<string, string> = {}
  for (const char of chars) table[char] = to
  return table
}

function buildQuotes(): TransliterationTable {
  return {
    // ‘ ’ ‚ ‛ single quotation marks, ′ ‵ primes, ‹ › angle quotes, ʼ modifier apostrophe,
    // ´ acute accent, ` grave accent (U+0060 is not GSM-7)
    ...each('\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u02bc\u00b4`', "'"),
    // “ ” „ ‟ double quotation marks, ″ ‶ double primes, « » angle quotes
    ...each('\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb', '"'),
  }
}

/** ‐ hyphen, ‑ non-breaking hyphen, ‒ figure dash, – en dash, — em dash, ― bar, − minus, ⁃ hyphen bullet. */
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043'

function buildSpaces(): TransliterationTable {
  return {
    // tab (U+0009 is not GSM-7: septet 0x09 is Ç), no-break space, ogham space mark, en quad to
    // hair space (U+2000–U+200A), narrow no-break space, medium mathematical space, ideographic space
    ...each('\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000', ' '),
    // line separator, paragraph separator
    ...each('\u2028\u2029', '\n'),
  }
}

/** Soft hyphen, zero width space, word joiner, zero width no-break space (BOM): dropped. */
const INVISIBLE = '\u00ad\u200b\u2060\ufeff'

function buildPunctuation(): TransliterationTable {
  return {
    // • ‣ ∙ ◦ ● ▪ bullets, · middle dot (mostly a separator in messages)
    ...each('\u2022\u2023\u2219\u25e6\u25cf\u25aa\u00b7', '-'),
    // ÷ division sign, ⁄ fraction slash, ∕ division slash
    ...each('\u00f7\u2044\u2215', '/'),
    '\u2026': '...', // … horizontal ellipsis
    '\u2192': '->', // → rightwards arrow
    '\u2190': '<-', // ← leftwards arrow
    '\u00a6': '|', // ¦ broken bar
    '\u00d7': 'x', // × multiplication sign
    '\u00bc': '1/4', // ¼
    '\u00bd': '1/2', // ½
    '\u00be': '3/4', // ¾
    '\u2264': '<=', // ≤
    '\u2265': '>=', // ≥
    '\u2260': '!=', // ≠
    '\u2122': 'TM', // ™
    '\u00a9': '(C)', // ©
    '\u00ae': '(R)', // ®
    '\u3001': ',', // 、 ideographic comma
    '\u3002': '.', // 。 ideographic full stop
  }
}

/**
 * Latin-1 Supplement, Latin Extended-A and -B (U+00C0–U+024F) and Latin Extended Additional
 * (U+1E00–U+1EFF, Vietnamese among others): every precomposed letter there that is not GSM-7
 * becomes its base letter, the first code point of its canonical decomposition (NFD), when that
 * base is GSM-7 (`ǽ` → `æ`, but `ǯ`, whose base is ʒ, is left alone).
 */
const ACCENTED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00c0, 0x024f],
  [0x1e00, 0x1eff],
]

const LETTER_EXCEPTIONS: TransliterationTable = {
  'Ő': 'Ö', // Hungarian double acute: the GSM-7 umlaut keeps the vowel
  'ő': 'ö',
  'Ű': 'Ü',
  'ű': 'ü',
  'ı': 'i', // dotless i has no decomposition
  'Ł': 'L',
  'ł': 'l',
  'Đ': 'D',
  'đ': 'd',
  'Ħ': 'H',
  'ħ': 'h',
  'Ð': 'D',
  'ð': 'd',
  'Þ': 'Th',
  'þ': 'th',
  'Œ': 'OE',
  'œ': 'oe',
  'Ĳ': 'IJ',
  'ĳ': 'ij',
}

function buildLetters(): TransliterationTable {
  const table: Record<string, string> = {}
  for (const [first, last] of ACCENTED_RANGES) {
    for (let code = first; code <= last; code++) {
      const letter = String.fromCharCode(code)
      const base = letter.normalize('NFD').charAt(0)
      if (base !== letter && !isGsm7(letter) && isGsm7(base)) table[letter] = base
    }
  }
  return { ...table, ...LETTER_EXCEPTIONS }
}

/**
 * Letters written as a base letter plus combining marks (NFD, as some keyboards and macOS file
 * names produce them), mapped to the GSM-7 precomposed letter when there is one (`e` + U+0301 →
 * `é`) or to what the precomposed letter transliterates to.
 */
function buildDecomposed(letters: TransliterationTable): TransliterationTable {
  const table: Record<string, string> = {}
  for (const char of GSM7_DEFAULT_ALPHABET) {
    if (char.normalize('NFD') !== char) table[char.normalize('NFD')] = char
  }
  for (const [letter, replacement] of Object.entries(letters)) {
    const decomposed = letter.normalize('NFD')
    if (decomposed !== letter) table[decomposed] = replacement
  }
  return table
}

/** Full-width ASCII forms U+FF01–U+FF5E, as used in CJK text, mapped to ASCII. */
function buildFullwidth(): TransliterationTable {
  const table: Record<string, string> = {}
  for (let code = 0xff01; code <= 0xff5e; code++) {
    const ascii = String.fromCharCode(code - 0xfee0)
    table[String.fromCharCode(code)] = ascii === '`' ? "'" : ascii
  }
  return table
}

function buildGroups(): Readonly<Record<TransliterationGroup, TransliterationTable>> {
  const letters = buildLetters()
  return Object.freeze({
    quotes: Object.freeze(buildQuotes()),
    dashes: Object.freeze(each(DASHES, '-')),
    spaces: Object.freeze(buildSpaces()),
    invisible: Object.freeze(each(INVISIBLE, '')),
    punctuation: Object.freeze(buildPunctuation()),
    letters: Object.freeze(letters),
    decomposed: Object.freeze(buildDecomposed(letters)),
    fullwidth: Object.freeze(buildFullwidth()),
  })
}

/**
 * The default transliteration table, by group, so a narrower table is easy to build:
 * - `quotes`: curly and angle quotes, primes, the backtick → `'` or `"`
 * - `dashes`: hyphen, en and em dash, minus sign … → `-`
 * - `spaces`: tab, no-break and other Unicode spaces → space; line and paragraph separators → LF
 * - `invisible`: soft hyphen, zero-width space, word joiner, BOM → removed
 * - `punctuation`: ellipsis → `...`, bullets → `-`, arrows, fractions, ™ © ®, CJK comma and stop
 * - `letters`: accented Latin letters GSM-7 lacks in that case (`À Á ç ş ı ł œ ệ` …, U+00C0–U+024F
 *   and U+1E00–U+1EFF) → base letter (`ő ű` → `ö ü`, `œ` → `oe`)
 * - `decomposed`: letter + combining marks → the GSM-7 letter (`e` + U+0301 → `é`) or base letter
 * - `fullwidth`: full-width ASCII forms (U+FF01–U+FF5E) → ASCII
 *
 * Every value is GSM-7 and no key is, so the table never changes a text that is already GSM-7.
 * @example
 * ```ts
 * const table = { ...TRANSLITERATION_GROUPS.quotes, ...TRANSLITERATION_GROUPS.dashes }
 * segmentSms('It’s – fine', { transliterate: table }).text // "It's - fine"
 * ```
 */
export const TRANSLITERATION_GROUPS: Readonly<Record<TransliterationGroup, TransliterationTable>> =
  /* @__PURE__ */ buildGroups()

/**
 * The default transliteration table: every group of {@link TRANSLITERATION_GROUPS} merged. It is
 * frozen; extend it by spreading it into your own table.
 * @example
 * ```ts
 * const table = { ...TRANSLITERATIONS, '✓': 'v', '°': ' deg' }
 * segmentSms('Done ✓ at 20°', { transliterate: table }).text // 'Done v at 20 deg'
 * ```
 */
export const TRANSLITERATIONS: TransliterationTable = /* @__PURE__ */ mergeGroups(TRANSLITERATION_GROUPS)

function mergeGroups(groups: Readonly<Record<TransliterationGroup, TransliterationTable>>): TransliterationTable {
  return Object.freeze(Object.assign({}, ...Object.values(groups)) as Record<string, string>)
}

type Entry = readonly [key: string, value: string]

interface CompiledTable {
  /** Keys by their first UTF-16 unit, then by their second (-1 for one-unit keys), longest first. */
  readonly keys: ReadonlyMap<number, ReadonlyMap<number, readonly Entry[]>>
  /**
   * One bit per code unit that may start a match: the first unit of a one-unit key, the second
   * unit of a longer key. Most text is then skipped with two bit tests and no map lookup.
   */
  readonly starts: Uint8Array
}

const compiled = new WeakMap<TransliterationTable, CompiledTable>()

function compile(table: TransliterationTable): CompiledTable {
  let result = compiled.get(table)
  if (result === undefined) {
    const keys = new Map<number, Map<number, Entry[]>>()
    const starts = new Uint8Array(0x2000)
    for (const entry of Object.entries(table)) {
      const key = entry[0]
      if (key === '') continue
      let bySecond = keys.get(key.charCodeAt(0))
      if (bySecond === undefined) keys.set(key.charCodeAt(0), (bySecond = new Map()))
      const second = key.length === 1 ? -1 : key.charCodeAt(1)
      const list = bySecond.get(second) ?? []
      list.push(entry)
      list.sort((a, b) => b[0].length - a[0].length)
      bySecond.set(second, list)
      const flag = key.charCodeAt(key.length === 1 ? 0 : 1)
      starts[flag >> 3] = (starts[flag >> 3] as number) | (1 << (flag & 7))
    }
    compiled.set(table, (result = { keys, starts }))
  }
  return result
}

function flagged(starts: Uint8Array, code: number): boolean {
  return ((starts[code >> 3] as number) & (1 << (code & 7))) !== 0
}

function firstMatch(
  list: readonly Entry[] | undefined,
  text: string,
  index: number,
  keep: ((key: string) => boolean) | undefined,
): Entry | undefined {
  if (list !== undefined) for (const entry of list) if (text.startsWith(entry[0], index) && !keep?.(entry[0])) return entry
  return undefined
}

/** The longest key of `table` at `index` in `text` that `keep` does not exclude, with its value. */
function matchAt(
  { keys, starts }: CompiledTable,
  text: string,
  index: number,
  keep: ((key: string) => boolean) | undefined,
): Entry | undefined {
  const here = text.charCodeAt(index)
  const next = text.charCodeAt(index + 1)
  // NaN past the end: `next | 0` is 0, which no key has as its second unit.
  if (!flagged(starts, here) && !flagged(starts, next | 0)) return undefined
  const bySecond = keys.get(here)
  if (bySecond === undefined) return undefined
  return firstMatch(bySecond.get(next), text, index, keep) ?? firstMatch(bySecond.get(-1), text, index, keep)
}

/**
 * Replaces every key of `table` found in `text` by its value, scanning left to right and taking
 * the longest key at each position, and reports what it replaced.
 *
 * @param text - the text to transliterate
 * @param table - the replacements; keys must not be empty (default: {@link TRANSLITERATIONS})
 * @param keep - keys to leave alone (used to keep characters a national language table carries)
 * @example
 * ```ts
 * transliterate('“Hi” — it’s 5 pm…')
 * // { text: '"Hi" - it\'s 5 pm...', replaced: [
 * //   { from: '“', to: '"', count: 1 }, { from: '”', to: '"', count: 1 },
 * //   { from: '—', to: '-', count: 1 }, { from: '’', to: "'", count: 1 },
 * //   { from: '…', to: '...', count: 1 } ] }
 * ```
 */
export function transliterate(
  text: string,
  table: TransliterationTable = TRANSLITERATIONS,
  keep?: (key: string) => boolean,
): TransliterationResult {
  const compiledTable = compile(table)
  const counts = new Map<string, { from: string; to: string; count: number }>()
  let out = ''
  let runStart = 0
  let i = 0
  while (i < text.length) {
    const match = matchAt(compiledTable, text, i, keep)
    if (match === undefined) {
      i++
      continue
    }
    const [key, value] = match
    out += text.slice(runStart, i) + value
    i += key.length
    runStart = i
    const seen = counts.get(key)
    if (seen === undefined) counts.set(key, { from: key, to: value, count: 1 })
    else seen.count++
  }
  if (counts.size === 0) return { text, replaced: [] }
  return { text: out + text.slice(runStart), replaced: [...counts.values()] }
}
