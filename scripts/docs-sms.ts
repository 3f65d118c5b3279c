/**
 * Writes docs/sms.md from the real functions of anychannel/sms, so every figure in it is what the
 * code answers. Run: npm run docs:sms. test/sms/docs.test.ts fails when docs/sms.md is stale.
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import {
  DEFAULT_ELLIPSIS,
  fitSms,
  GSM7_DEFAULT_ALPHABET,
  GSM7_EXTENSION_TABLE,
  GSM7_LIMITS,
  gsm7Length,
  isGsm7,
  LANGUAGE_TABLES,
  type LanguageTable,
  MAX_PARTS,
  type SegmentOptions,
  type SmsInfo,
  segmentSms,
  TRANSLITERATION_GROUPS,
  TRANSLITERATIONS,
  UCS2_LIMITS,
  WORD_CUT_SHARE,
  WORD_CUT_WINDOW,
} from '../src/sms/index.js'

const NONE = '\u0000'

const INVISIBLE = /[\p{Z}\p{C}\p{M}\\'`]/u

/**
 * A string as a JavaScript literal: quotes, backslashes, control, format and invisible characters
 * and combining marks escaped, so a reader sees exactly which characters are there.
 */
function js(text: string): string {
  let out = ''
  for (const char of text) {
    if (char === ' ' || !INVISIBLE.test(char)) out += char
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (char === "'" || char === '\\') out += `\\${char}`
    else {
      for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`
    }
  }
  return `'${out}'`
}

/** {@link js} in a code span. */
function literal(text: string): string {
  return `\`${js(text)}\``
}

/** U+XXXX for each code point. */
function codePoints(text: string): string {
  return [...text].map((char) => `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
}

/** One character for a table cell. */
function cell(char: string): string {
  if (char === NONE) return ''
  if (char === '\n') return 'LF'
  if (char === '\r') return 'CR'
  if (char === '\f') return 'FF'
  if (char === ' ') return 'SP'
  if (char === '|') return '\\|'
  if (char === '`') return '`` ` ``'
  return char
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

/** A 128-septet table laid out like the spec: eight columns of sixteen. */
function septetGrid(chars: string): string {
  const header = ['', ...Array.from({ length: 8 }, (_, column) => `0x${(column * 16).toString(16).padStart(2, '0')}`)]
  const rows = Array.from({ length: 16 }, (_, row) => [
    `0x0${row.toString(16).toUpperCase()}`,
    ...Array.from({ length: 8 }, (_, column) => {
      const septet = column * 16 + row
      return septet === 0x1b ? 'ESC' : cell(chars.charAt(septet))
    }),
  ])
  return table(header, rows)
}

function partSizes(info: SmsInfo): string {
  const sizes = info.segments.map((part) =>
    info.encoding === 'UCS-2' ? part.length : segmentSms(part, languageOptions(info)).units,
  )
  return sizes.join(' + ')
}

/** Options that reproduce the tables an info used, to measure one part on its own. */
function languageOptions(info: SmsInfo): SegmentOptions {
  const tables: LanguageTable[] = []
  const byName = (name: string | undefined): LanguageTable | undefined => LANGUAGE_TABLES.find((t) => t.name === name)
  const locking = byName(info.languageTable?.locking)
  const single = byName(info.languageTable?.single)
  if (locking !== undefined || single !== undefined) {
    tables.push({
      name: (locking ?? single)?.name ?? 'turkish',
      id: 0,
      ...(locking?.locking === undefined ? {} : { locking: locking.locking }),
      ...(single?.single === undefined ? {} : { single: single.single }),
    })
  }
  return tables.length === 0 ? {} : { languageTables: tables }
}

function summary(info: SmsInfo): string[] {
  return [
    info.encoding + (info.languageTable ? ` (${Object.entries(info.languageTable).map(([kind, name]) => `${name} ${kind}`).join(', ')})` : ''),
    String(info.units),
    String(info.segments.length),
    `${info.unitsPerSegment}`,
    partSizes(info),
  ]
}

const SUMMARY_HEADER = ['encoding', 'units', 'parts', 'per part', 'units in each part']

interface Example {
  /** The expression shown to the reader, which must build `text`. */
  readonly code: string
  readonly text: string
  readonly why: string
}

function examples(rows: Example[], options?: SegmentOptions): string {
  return table(
    ['text', ...SUMMARY_HEADER, 'why'],
    rows.map((row) => [`\`${row.code}\``, ...summary(segmentSms(row.text, options)), row.why]),
  )
}

function encodingSection(): string {
  const traps: Array<[string, string]> = [
    ['`', 'backtick (grave accent)'],
    ['\t', 'tab'],
    ['ç', 'small c cedilla (capital Ç is GSM-7)'],
    ['À', 'capital A grave (small à is GSM-7)'],
    ['á', 'a acute'],
    ['Α', 'Greek capital Alpha, not Latin A'],
    ['\u2126', 'OHM SIGN, not Greek Omega'],
    ['e\u0301', 'e + combining acute, not é'],
    ['\u00a0', 'no-break space'],
    ['’', 'right single quotation mark'],
    ['…', 'horizontal ellipsis'],
  ]
  return `## Encodings

An SMS body goes out in one of two data codings (TS 23.038):

- **GSM-7**, the GSM 7-bit default alphabet: 7 bits a character, 160 characters in 140 octets.
  Ten more characters (form feed, \`^ { } \\ [ ] ~ |\` and \`€\`) come from the extension table,
  sent as ESC plus a code, so they cost **2 septets**.
- **UCS-2**, 16 bits a UTF-16 code unit: 70 units in 140 octets. A character outside the Basic
  Multilingual Plane (most emoji) is a surrogate pair and costs **2 units**.

A message is GSM-7 only if *every* character is in the default alphabet or its extension table;
one other character makes the whole message UCS-2. The check is literal: no normalisation, no
look-alikes (unless you ask for [transliteration](#transliteration)).

The default alphabet, by septet (\`GSM7_DEFAULT_ALPHABET\`):

${septetGrid(GSM7_DEFAULT_ALPHABET)}

The extension table (\`GSM7_EXTENSION_TABLE\`), 2 septets each:
${[...GSM7_EXTENSION_TABLE].flatMap((char, septet) => (char === NONE ? [] : [`\`0x${septet.toString(16).padStart(2, '0')}\` ${cell(char)}`])).join(', ')}.

Characters people expect to be GSM-7 but are not (\`isGsm7\`):

${table(
  ['text', 'code points', 'isGsm7', 'what it is'],
  traps.map(([text, what]) => [literal(text), codePoints(text), String(isGsm7(text)), what]),
)}

For a character counter in a form, \`isGsm7(text)\` and \`gsm7Length(text)\` are enough, and a bundle
that imports only them leaves the tables and the segmentation out: \`gsm7Length(${js('Price: 5€')})\` is
${gsm7Length('Price: 5€')}, and \`gsm7Length(${js('Çağrı')})\` is ${gsm7Length('Çağrı')} (not GSM-7).
`
}

function segmentSection(): string {
  const digits = '1234567890'.repeat(16)
  return `## Segments

Up to ${GSM7_LIMITS[0].single} septets or ${UCS2_LIMITS.single} code units travel as one SMS. Above that every part
carries a user data header with the concatenation element (6 octets, TS 23.040 9.2.3.24.1), which
leaves **${GSM7_LIMITS[0].part} septets** or **${UCS2_LIMITS.part} code units** per part. A message can have at most ${MAX_PARTS} parts.

Parts are filled greedily. Exactly two things are never split between parts: an extension
character's escape and code, and the two halves of a surrogate pair. Nothing else is kept
together: a CR and its LF, a flag's two regional indicators, an emoji and its skin tone, or the
pieces of a ZWJ sequence may land in different parts (the receiving handset joins the parts again).
\`segmentSms\` returns the exact text of every part.

${examples([
  { code: "'Hello world'", text: 'Hello world', why: 'plain GSM-7' },
  { code: "'1234567890'.repeat(16)", text: digits, why: 'the single-SMS maximum' },
  { code: "'1234567890'.repeat(16) + '1'", text: `${digits}1`, why: 'one more: two parts, 153 + 8' },
  { code: "'€'.repeat(80)", text: '€'.repeat(80), why: '80 extension characters are 160 septets' },
  { code: "'a'.repeat(152) + '€' + 'a'.repeat(10)", text: `${'a'.repeat(152)}€${'a'.repeat(10)}`, why: 'the € would take septets 153-154: it moves to part 2' },
  { code: "'a'.repeat(152) + '\\r\\n' + 'b'.repeat(10)", text: `${'a'.repeat(152)}\r\n${'b'.repeat(10)}`, why: 'CR ends part 1, LF starts part 2' },
  { code: "'ж'.repeat(70)", text: 'ж'.repeat(70), why: 'the UCS-2 single-SMS maximum' },
  { code: "'ж'.repeat(66) + '😀' + 'ж'.repeat(10)", text: `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`, why: 'the emoji would straddle units 67-68: part 1 stops at 66' },
  { code: "'😀'.repeat(36)", text: '😀'.repeat(36), why: '33 emoji per part' },
  { code: "'ж'.repeat(66) + '\\ud83d' + 'ж'.repeat(5)", text: `${'ж'.repeat(66)}\ud83d${'ж'.repeat(5)}`, why: 'a lone surrogate is one unit like any other' },
])}

\`unitsPerSegment\` is the limit that applies (single or per part) and \`remainingInSegment\` the room
left in the last part: \`segmentSms('1234567890'.repeat(16) + '1')\` has \`remainingInSegment\`
${segmentSms(`${digits}1`).remainingInSegment}.
`
}

function costSection(): string {
  const body = 'Your appointment is confirmed for Tuesday at 10:30. Please arrive ten minutes early and bring your insurance card. Reply C to cancel or R to reschedule ok'
  const curly = body.replace('Reply', '“Reply').replace(' to cancel', '” to cancel')
  return `## Costs

Carriers bill per part, so the encoding matters more than the length. The same ${body.length}-character
reminder, written with plain and with curly quotes:

${table(
  ['text', ...SUMMARY_HEADER],
  [
    ['plain quotes', ...summary(segmentSms(body))],
    ['two curly quotes', ...summary(segmentSms(curly))],
    ['curly quotes, `transliterate: true`', ...summary(segmentSms(curly, { transliterate: true }))],
  ],
)}

Two typographic quotes turn one SMS into ${segmentSms(curly).segments.length}: the whole message becomes UCS-2.
`
}

function transliterationSection(): string {
  const groups = Object.entries(TRANSLITERATION_GROUPS)
  const sample = (group: Readonly<Record<string, string>>): string =>
    Object.entries(group)
      .slice(0, 8)
      .map(([from, to]) => `${literal(from)} → ${literal(to)}`)
      .join(', ')
  const text = '“Hi” — it’s 5 pm… see you at Café Zoë'
  const info = segmentSms(text, { transliterate: true })
  const emoji = '“Party” 🎉'
  const ellipses = '…'.repeat(60)
  return `## Transliteration

\`segmentSms(text, { transliterate: true })\` replaces characters that have a safe GSM-7 equivalent,
using \`TRANSLITERATIONS\` (${Object.keys(TRANSLITERATIONS).length} entries, frozen). Every value is GSM-7 and no key is,
so it never changes text that is already GSM-7. It is made of groups (\`TRANSLITERATION_GROUPS\`):

${table(
  ['group', 'entries', 'first entries'],
  groups.map(([name, group]) => [`\`${name}\``, String(Object.keys(group).length), sample(group)]),
)}

The result says what was replaced and what is sent:

\`\`\`ts
segmentSms(${js(text)}, { transliterate: true })
// text: ${js(info.text)}
// encoding: ${info.encoding}, units: ${info.units}, parts: ${info.segments.length}
// transliterated: ${info.transliterated.map((entry) => `${js(entry.from)} → ${js(entry.to)} ×${entry.count}`).join(', ')}
\`\`\`

Transliteration is used when it pays: \`segmentSms\` compares the text as written with the
transliterated text and sends the one with fewer parts; on a tie GSM-7 beats UCS-2, then the text
with fewer replacements wins. A text that stays UCS-2 anyway is left alone, and \`…\` is not turned
into three dots when that costs a part:

${table(
  ['text', 'sent as', ...SUMMARY_HEADER],
  [
    [literal(emoji), emoji],
    ["`'…'.repeat(60)`", ellipses],
    ["`'…'.repeat(40)`", '…'.repeat(40)],
    [literal('It’s here'), 'It’s here'],
  ].map(([label, input]) => {
    const result = segmentSms(input as string, { transliterate: true })
    const sent = result.text === input ? 'as written' : result.text.length > 30 ? `\`'.'.repeat(${result.text.length})\`` : literal(result.text)
    return [label as string, sent, ...summary(result)]
  }),
)}

The table is data. Pass your own, built from the default one or from some groups only:

\`\`\`ts
const table = { ...TRANSLITERATIONS, '✓': 'v', '°': ' deg' }
segmentSms('Done ✓ at 20°', { transliterate: table }).text // ${js(segmentSms('Done ✓ at 20°', { transliterate: { ...TRANSLITERATIONS, '✓': 'v', '°': ' deg' } }).text)}

const quotesOnly = { ...TRANSLITERATION_GROUPS.quotes, ...TRANSLITERATION_GROUPS.dashes }
\`\`\`

\`transliterate(text, table?)\` applies a table on its own and returns \`{ text, replaced }\`.
`
}

function nationalCharacters(table: LanguageTable): string {
  const extra = (chars: string | undefined, base: string): string =>
    chars === undefined
      ? '—'
      : [...chars].filter((char, septet) => char !== NONE && char !== base.charAt(septet) && !base.includes(char)).map(cell).join(' ')
  return `| ${table.name} | ${table.id} | ${extra(table.single, GSM7_EXTENSION_TABLE + GSM7_DEFAULT_ALPHABET)} | ${extra(table.locking, GSM7_DEFAULT_ALPHABET)} |`
}

function languageSection(): string {
  const texts: Array<[string, string]> = [
    ['Turkish', 'Şişli’de ığdır, İstanbul'.replace('’', "'")],
    ['Spanish', '¿Dónde está la estación?'],
    ['Portuguese', 'Não há ação, você sabe.'],
    ['Turkish and Spanish', 'Işık ve canción'],
    ['Portuguese with Greek', 'ª Φ'],
    ['only GSM-7, many €', '€'.repeat(100)],
    ['no table covers it', 'ª è'],
  ]
  const singleTurkish: LanguageTable = { ...LANGUAGE_TABLES[0] as LanguageTable, locking: undefined }
  const long = `Sayın müşterimiz, siparişiniz yola çıktı. ${'Teşekkürler! '.repeat(10)}`
  return `## National language tables

TS 23.038 Annex A defines national **single shift** tables, used through the escape like the
extension table (2 septets a character), and **locking shift** tables, which replace the default
alphabet (1 septet a character). They let Turkish, Spanish and Portuguese text stay in 7 bits.
The receiver learns which tables are in use from 3-octet elements in the user data header (IEI
0x24 single shift, 0x25 locking shift; TS 23.040 9.2.3.24.15/16), padded to whole septets, so
fewer characters fit:

${table(
  ['shift tables', 'single SMS', 'per concatenated part', 'header'],
  GSM7_LIMITS.map((limits, shifts) => [
    String(shifts),
    `${limits.single} septets`,
    `${limits.part} septets`,
    shifts === 0 ? 'none / concatenation (6 octets)' : `${1 + 3 * shifts} octets single, ${6 + 3 * shifts} concatenated`,
  ]),
)}

The tables carried (\`LANGUAGE_TABLES\`; \`turkish\`, \`spanish\`, \`portuguese\`), with the characters
each adds to GSM-7:

| table | id | single shift adds | locking shift adds |
| --- | --- | --- | --- |
${LANGUAGE_TABLES.map(nationalCharacters).join('\n')}

They are off by default (the behaviour every public vector assumes). With
\`languageTables: true\` (or a list of tables) \`segmentSms\` tries every combination of the enabled
tables, with and without the default alphabet and extension table, and picks the one with the
fewest parts, then the fewest shift tables, then the most room left. When no combination covers
the text it is UCS-2. A 7-bit encoding never needs more parts than UCS-2 (a part holds at least
73 characters at 2 septets each, against 67), so a table is used whenever one fits.

${table(
  ['text', 'input', ...SUMMARY_HEADER, 'without tables'],
  texts.map(([label, text]) => {
    const plain = segmentSms(text)
    return [label, literal(text.length > 30 ? `${text.slice(0, 6)}…` : text), ...summary(segmentSms(text, { languageTables: true })), `${plain.encoding}, ${plain.units} units, ${plain.segments.length} part(s)`]
  }),
)}

A restricted table object allows only part of a language's tables, e.g. the Turkish single shift
table alone (\`{ ...turkish, locking: undefined }\`), and the result says which were used:

${table(
  ['text', 'tables', ...SUMMARY_HEADER],
  [
    [literal(`${long.slice(0, 20)}…`), '`[turkish]`', ...summary(segmentSms(long, { languageTables: ['turkish'] }))],
    [literal(`${long.slice(0, 20)}…`), '`[{ ...turkish, locking: undefined }]`', ...summary(segmentSms(long, { languageTables: [singleTurkish] }))],
    [literal(`${long.slice(0, 20)}…`), 'none', ...summary(segmentSms(long))],
  ],
)}

The receiving handset must support the tables; a handset that does not shows the default-alphabet
characters at those codes.
`
}

function fitSection(): string {
  const body =
    'Your parcel from Acme Supplies is on its way and should arrive tomorrow between 9am and noon. ' +
    'The driver will call ahead; if you are out, it goes to your neighbour or the nearest pickup point, ' +
    'where it waits for seven days. Bring an ID and this message with you when you pick it up.'
  const tail = '\nReply 1 to reschedule. https://ex.am/p/1'
  const rows = [1, 2].map((maxSegments) => {
    const result = fitSms(body, { maxSegments, keepTail: tail })
    return [String(maxSegments), literal(result.text), String(result.fits), String(result.truncated), ...summary(result.info).slice(0, 3)]
  })
  const emoji = `${'Party time! '.repeat(4)}👨‍👩‍👧‍👦🇫🇷👍🏽 see you there`
  const emojiFit = fitSms(emoji, { maxSegments: 1 })
  const mixed = `${'a'.repeat(150)} end ’ ${'b'.repeat(100)}`
  const mixedFit = fitSms(mixed, { maxSegments: 1 })
  return `## Fitting text to a segment budget

\`fitSms(text, { maxSegments, keepTail?, ellipsis?, transliterate?, languageTables? })\` returns the
longest prefix of \`text\` that fits with the ellipsis (default ${literal(DEFAULT_ELLIPSIS)}: three full stops are GSM-7, the
single character \`…\` would make the message UCS-2) and \`keepTail\` (reply options, a link) in
\`maxSegments\` parts. It cuts at a word boundary (before whitespace, or after punctuation such as
\`, . - /\`) when one lies within the last ${WORD_CUT_WINDOW} units and ${WORD_CUT_SHARE * 100} % of the kept text, otherwise
between grapheme clusters, and drops trailing spaces and separators before the ellipsis.

${table(['maxSegments', 'text', 'fits', 'truncated', 'encoding', 'units', 'parts'], rows)}

It never splits a surrogate pair or a grapheme cluster (ZWJ sequences, flags, skin tones,
combining marks), using \`Intl.Segmenter\` where the runtime has it:

\`\`\`ts
fitSms(${js(emoji)}, { maxSegments: 1 }).text
// ${js(emojiFit.text)} (${emojiFit.info.encoding}, ${emojiFit.info.units} units)
\`\`\`

Every candidate is measured, so cutting off the only non-GSM character can switch the message to
GSM-7 and let much more text fit: \`fitSms('a'.repeat(150) + ' end ’ ' + 'b'.repeat(100), { maxSegments: 1 })\`
keeps ${mixedFit.text.length - DEFAULT_ELLIPSIS.length} characters as ${mixedFit.info.encoding} (${mixedFit.info.units} septets), where a UCS-2 cut would keep ${UCS2_LIMITS.single - 3}.

When even the ellipsis and the tail cannot fit, \`fits\` is \`false\` and \`text\` is the input cut without
the tail (never over the budget), so a caller can retry with a shorter tail:
\`fitSms('x'.repeat(300), { maxSegments: 1, keepTail: ' ' + 'y'.repeat(200) })\` gives
\`fits: ${String(fitSms('x'.repeat(300), { maxSegments: 1, keepTail: ` ${'y'.repeat(200)}` }).fits)}\` and ${fitSms('x'.repeat(300), { maxSegments: 1, keepTail: ` ${'y'.repeat(200)}` }).text.length} characters.
`
}

function differencesSection(): string {
  return `## How other libraries differ

The answers above follow TS 23.038 and TS 23.040 and pass every case of the shared vectors
(\`sms-vectors/public.json\`). Popular libraries differ in a few places, which the vectors' notes
name case by case:

- **Twilio's \`sms-segments-calculator\`** keeps grapheme clusters whole in UCS-2, so a flag, skin
  tone or ZWJ sequence on a part boundary moves to the next part and can cost an extra part.
- **\`split-sms\`** treats a lone high surrogate as the start of a pair.
- **\`sms-length\`** and other counters divide the total by 153 or 67 and so ignore escape and
  surrogate pairs on boundaries, miss form feed in the extension table, and count an empty body as
  0 parts.
- **Unicode's GSM0338.TXT** maps 0x09 to small \`ç\`; 3GPP has capital \`Ç\`.

\`npm run bench\` measures \`segmentSms\` against \`split-sms\` and \`sms-segments-calculator\` on the
same messages and lists every message whose count differs, with the reason.
`
}

/** The whole of docs/sms.md. */
export function renderSmsDocs(): string {
  return [
    `# SMS: encodings, segments and costs

<!-- Generated by scripts/docs-sms.ts (npm run docs:sms) from the real functions. Do not edit. -->

\`anychannel/sms\` answers what a message costs as SMS, exactly as carriers bill it, and helps keep
that cost down. It runs anywhere (Web APIs only, no dependencies).

\`\`\`ts
import { fitSms, isGsm7, segmentSms } from 'anychannel/sms'

segmentSms('Hello world')            // encoding, units, the text of every part, room left
segmentSms(text, { transliterate: true, languageTables: true })
fitSms(text, { maxSegments: 2, keepTail: '\\nReply STOP to opt out' })
isGsm7(text)                         // for a character counter
\`\`\`

Every example below is computed by the code when this page is generated. "Units" are septets for
GSM-7 and UTF-16 code units for UCS-2; "units in each part" adds up to "units".
`,
    encodingSection(),
    segmentSection(),
    costSection(),
    transliterationSection(),
    languageSection(),
    fitSection(),
    differencesSection(),
  ].join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = new URL('../docs/sms.md', import.meta.url)
  writeFileSync(target, renderSmsDocs())
  console.log(`wrote ${target.pathname}`)
}
