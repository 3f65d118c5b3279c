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

const QUOTES: TransliterationTable = {
  '\u2018': "'", // ‘ left single quotation mark
  '\u2019': "'", // ’ right single quotation mark, the typographic apostrophe
  '\u201a': "'", // ‚ single low-9 quotation mark
  '\u201b': "'", // ‛ single high-reversed-9 quotation mark
  '\u2032': "'", // ′ prime
  '\u2035': "'", // ‵ reversed prime
  '\u2039': "'", // ‹ single left-pointing angle quotation mark
  '\u203a': "'", // › single right-pointing angle quotation mark
  '\u02bc': "'", // ʼ modifier letter apostrophe
  '\u00b4': "'", // ´ acute accent
  '`': "'", // grave accent: U+0060 is not GSM-7
  '\u201c': '"', // “ left double quotation mark
  '\u201d': '"', // ” right double quotation mark
  '\u201e': '"', // „ double low-9 quotation mark
  '\u201f': '"', // ‟ double high-reversed-9 quotation mark
  '\u2033': '"', // ″ double prime
  '\u2036': '"', // ‶ reversed double prime
  '\u00ab': '"', // « left-pointing double angle quotation mark
  '\u00bb': '"', // » right-pointing double angle quotation mark
}

const DASHES: TransliterationTable = {
  '\u2010': '-', // ‐ hyphen
  '\u2011': '-', // ‑ non-breaking hyphen
  '\u2012': '-', // ‒ figure dash
  '\u2013': '-', // – en dash
  '\u2014': '-', // — em dash
  '\u2015': '-', // ― horizontal bar
  '\u2212': '-', // − minus sign
  '\u2043': '-', // ⁃ hyphen bullet
}

const SPACES: TransliterationTable = {
  '\t': ' ', // tab: U+0009 is not GSM-7 (septet 0x09 is Ç)
  '\u00a0': ' ', // no-break space
  '\u1680': ' ', // ogham space mark
  '\u2000': ' ', // en quad
  '\u2001': ' ', // em quad
  '\u2002': ' ', // en space
  '\u2003': ' ', // em space
  '\u2004': ' ', // three-per-em space
  '\u2005': ' ', // four-per-em space
  '\u2006': ' ', // six-per-em space
  '\u2007': ' ', // figure space
  '\u2008': ' ', // punctuation space
  '\u2009': ' ', // thin space
  '\u200a': ' ', // hair space
  '\u202f': ' ', // narrow no-break space
  '\u205f': ' ', // medium mathematical space
  '\u3000': ' ', // ideographic space
  '\u2028': '\n', // line separator
  '\u2029': '\n', // paragraph separator
}

const INVISIBLE: TransliterationTable = {
  '\u00ad': '', // soft hyphen
  '\u200b': '', // zero width space
  '\u2060': '', // word joiner
  '\ufeff': '', // zero width no-break space (byte order mark)
}

const PUNCTUATION: TransliterationTable = {
  '\u2026': '...', // … horizontal ellipsis
  '\u2022': '-', // • bullet
  '\u2023': '-', // ‣ triangular bullet
  '\u2219': '-', // ∙ bullet operator
  '\u25e6': '-', // ◦ white bullet
  '\u25cf': '-', // ● black circle
  '\u25aa': '-', // ▪ black small square
  '\u00b7': '-', // · middle dot, mostly a separator in messages
  '\u2192': '->', // → rightwards arrow
  '\u2190': '<-', // ← leftwards arrow
  '\u00a6': '|', // ¦ broken bar
  '\u00d7': 'x', // × multiplication sign
  '\u00f7': '/', // ÷ division sign
  '\u2044': '/', // ⁄ fraction slash
  '\u2215': '/', // ∕ division slash
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

/** Accented letters with no GSM-7 form in that case; each becomes its base letter (NFD). */
const ACCENTED =
  'ÀÁÂÃÈÊËÌÍÎÏÒÓÔÕÙÚÛÝáâãçêëíîïóôõúûýÿ' +
  'ĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏ' +
  'ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŲųŴŵŶŷŸŹźŻżŽžȘșȚț'

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
  for (const letter of ACCENTED) table[letter] = letter.normalize('NFD').charAt(0)
  return { ...table, ...LETTER_EXCEPTIONS }
}

/**
 * Letters written as a base letter plus combining marks (NFD, as some keyboards and macOS file
 * names produce them), mapped to the GSM-7 precomposed letter when there is one (`e` + U+0301 →
 * `é`) or to what the precomposed letter transliterates to.
 */
function buildDecomposed(letters: TransliterationTable): TransliterationTable {
  const table: Record<string, string> = {}
  for (const char of 'èéùìòÇÅåÉÄÖÑÜäöñüà') table[char.normalize('NFD')] = char
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
    quotes: Object.freeze(QUOTES),
    dashes: Object.freeze(DASHES),
    spaces: Object.freeze(SPACES),
    invisible: Object.freeze(INVISIBLE),
    punctuation: Object.freeze(PUNCTUATION),
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
 * - `letters`: accented letters GSM-7 lacks in that case (`À Á ç ş ı ł œ` …) → base letter
 *   (`ő ű` → `ö ü`)
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

interface CompiledTable {
  /** Entries by the first UTF-16 code unit of their key, longest key first. */
  readonly byFirstUnit: ReadonlyMap<number, ReadonlyArray<readonly [string, string]>>
}

const compiled = new WeakMap<TransliterationTable, CompiledTable>()

function compile(table: TransliterationTable): CompiledTable {
  let result = compiled.get(table)
  if (result !== undefined) return result
  const byFirstUnit = new Map<number, Array<readonly [string, string]>>()
  for (const [key, value] of Object.entries(table)) {
    if (key === '' || typeof value !== 'string') continue
    const first = key.charCodeAt(0)
    const entries = byFirstUnit.get(first)
    if (entries === undefined) byFirstUnit.set(first, [[key, value]])
    else entries.push([key, value])
  }
  for (const entries of byFirstUnit.values()) entries.sort((a, b) => b[0].length - a[0].length)
  result = { byFirstUnit }
  compiled.set(table, result)
  return result
}

/**
 * Replaces every key of `table` found in `text` by its value, scanning left to right and taking
 * the longest key at each position, and reports what it replaced.
 *
 * @param text - the text to transliterate
 * @param table - the replacements; keys must not be empty
 * @param keep - keys to leave alone (used to keep characters a national language table carries)
 * @defaultValue `table`: {@link TRANSLITERATIONS}
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
  const { byFirstUnit } = compile(table)
  const counts = new Map<string, { from: string; to: string; count: number }>()
  let out = ''
  let runStart = 0
  let i = 0
  while (i < text.length) {
    const entries = byFirstUnit.get(text.charCodeAt(i))
    const match = entries?.find(([key]) => text.startsWith(key, i) && !(keep?.(key) ?? false))
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
