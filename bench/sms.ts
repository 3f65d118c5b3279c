/**
 * segmentSms against the splitters a user would otherwise pick, on the same deterministic mix of
 * GSM-7 and Unicode messages (50–500 characters): split-sms on 100,000 messages and Twilio's
 * sms-segments-calculator on 2,000. Prints throughput, the ratios against the targets, and every
 * message whose segment count differs, with the reason. Run: npx tsx bench/sms.ts
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { SegmentedMessage } from 'sms-segments-calculator'
import { segmentSms } from '../src/sms/index.js'

interface SplitSms {
  split(message: string): { characterSet: string; parts: Array<{ content: string }> }
}
const splitSms = createRequire(import.meta.url)('split-sms') as SplitSms

const SPLIT_SMS_MESSAGES = 100_000
const TWILIO_MESSAGES = 2_000
const TARGET_VS_SPLIT_SMS = 3
const TARGET_VS_TWILIO = 100

/** mulberry32: a small seeded PRNG, so every run measures the same messages. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'your order has shipped and will arrive on Tuesday between 9 and 12 reply STOP to opt out ' +
  'code verification account payment balance appointment reminder please call us at the store ' +
  'thanks for your purchase track it here delivery window confirmed see you soon'
).split(' ')
const GSM_EXTRAS = ['€', '{', '}', '[', ']', '~', '^', '|', '\\', 'é', 'ñ', 'ü', 'Ø', '£', '@', '\n', '\r\n', 'Δ']
const UNICODE_EXTRAS = ['’', '“', '”', '–', '…', '😀', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', 'ç', 'ş', 'á', '\u00a0', '✓']
const SCRIPTS = [
  'Привет как дела сегодня ',
  'お荷物は明日お届けします ',
  'مرحبا طلبك في الطريق ',
  'आपका ऑर्डर भेज दिया गया है ',
  'Γειά σου κόσμε ',
]

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** A message of 50–500 UTF-16 units: 60 % GSM-7 (some extension characters), 40 % Unicode. */
function message(random: () => number): string {
  const target = 50 + Math.floor(random() * 451)
  const kind = random()
  let text = ''
  while (text.length < target) {
    if (kind < 0.6) {
      text += random() < 0.1 ? pick(random, GSM_EXTRAS) : `${pick(random, WORDS)} `
    } else if (kind < 0.85) {
      text += random() < 0.08 ? pick(random, UNICODE_EXTRAS) : `${pick(random, WORDS)} `
    } else {
      text += random() < 0.9 ? pick(random, SCRIPTS) : pick(random, UNICODE_EXTRAS)
    }
  }
  return text
}

function messages(count: number, seed: number): string[] {
  const random = prng(seed)
  return Array.from({ length: count }, () => message(random))
}

/** Best of several rounds, in nanoseconds per message; the checksum is the total part count. */
function time(label: string, batch: readonly string[], run: (text: string) => number, rounds: number): number {
  let checksum = 0
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < rounds; round++) {
    checksum = 0
    const start = performance.now()
    for (const text of batch) checksum += run(text)
    best = Math.min(best, performance.now() - start)
  }
  const ns = (best * 1e6) / batch.length
  console.log(
    `  ${label.padEnd(34)} ${(ns / 1000).toFixed(2).padStart(9)} µs/message ${Math.round(1e9 / ns).toLocaleString('en-US').padStart(11)} messages/s  ${checksum.toLocaleString('en-US')} parts`,
  )
  return ns
}

const ours = (text: string): number => segmentSms(text).segments.length
const oursWithOptions = (text: string): number =>
  segmentSms(text, { transliterate: true, languageTables: true }).segments.length
const theirsSplit = (text: string): number => splitSms.split(text).parts.length
const theirsTwilio = (text: string): number => new SegmentedMessage(text).segmentsCount

/** Why a peer disagrees, from the rules the vectors' notes document; 'unexplained' otherwise. */
function reason(peer: 'split-sms' | 'twilio', text: string): string {
  const info = segmentSms(text)
  if (peer === 'split-sms') {
    return /[\ud800-\udbff](?![\udc00-\udfff])/.test(text)
      ? 'treats a lone high surrogate as the start of a pair'
      : 'unexplained'
  }
  if (info.encoding === 'UCS-2') {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    let offset = 0
    const boundaries = new Set<number>()
    for (const { index } of segmenter.segment(text)) boundaries.add(index)
    for (const part of info.segments.slice(0, -1)) {
      offset += part.length
      if (!boundaries.has(offset)) return 'keeps a grapheme cluster whole across a part boundary (flag, skin tone, ZWJ)'
    }
  }
  return 'unexplained'
}

function agreement(peer: 'split-sms' | 'twilio', batch: readonly string[], theirs: (text: string) => number): number {
  const differences = new Map<string, number>()
  const examples = new Map<string, string>()
  let unexplained = 0
  for (const text of batch) {
    const a = ours(text)
    const b = theirs(text)
    if (a === b) continue
    const why = reason(peer, text)
    if (why === 'unexplained') unexplained++
    differences.set(why, (differences.get(why) ?? 0) + 1)
    if (!examples.has(why)) examples.set(why, `${JSON.stringify(text.slice(0, 60))}… ours ${a}, theirs ${b}`)
  }
  const total = [...differences.values()].reduce((sum, count) => sum + count, 0)
  console.log(`  ${peer}: ${batch.length - total} of ${batch.length} counts identical`)
  for (const [why, count] of differences) console.log(`    ${count} differ: ${why}\n      e.g. ${examples.get(why)}`)
  return unexplained
}

const big = messages(SPLIT_SMS_MESSAGES, 0x5eed)
const small = big.slice(0, TWILIO_MESSAGES)
const gsmShare = big.filter((text) => segmentSms(text).encoding === 'GSM-7').length / big.length
const meanLength = big.reduce((sum, text) => sum + text.length, 0) / big.length
console.log(
  `SMS segmentation benchmark (node ${process.version}): ${SPLIT_SMS_MESSAGES.toLocaleString('en-US')} messages, ` +
    `${Math.round(gsmShare * 100)} % GSM-7, mean ${Math.round(meanLength)} UTF-16 units`,
)

for (const text of big.slice(0, 5_000)) ours(text) + theirsSplit(text)
console.log(`\nvs split-sms on ${SPLIT_SMS_MESSAGES.toLocaleString('en-US')} messages`)
const splitNs = time('split-sms 0.1.7', big, theirsSplit, 5)
const oursNs = time('anychannel segmentSms', big, ours, 5)

console.log('  (for reference, with options the peers do not have)')
time('segmentSms + transliterate + tables', big.slice(0, 20_000), oursWithOptions, 3)

for (const text of small.slice(0, 200)) theirsTwilio(text)
console.log(`\nvs sms-segments-calculator on ${TWILIO_MESSAGES.toLocaleString('en-US')} messages`)
const twilioNs = time('sms-segments-calculator', small, theirsTwilio, 3)
const oursSmallNs = time('anychannel segmentSms', small, ours, 20)

const vsSplit = splitNs / oursNs
const vsTwilio = twilioNs / oursSmallNs
console.log('\nratios')
console.log(`  vs split-sms:                ${vsSplit.toFixed(1)}× (target ≥ ${TARGET_VS_SPLIT_SMS}×) ${vsSplit >= TARGET_VS_SPLIT_SMS ? 'met' : 'NOT MET'}`)
console.log(`  vs sms-segments-calculator:  ${vsTwilio.toFixed(0)}× (target ≥ ${TARGET_VS_TWILIO}×) ${vsTwilio >= TARGET_VS_TWILIO ? 'met' : 'NOT MET'}`)

console.log('\nsegment counts')
const unexplained = agreement('split-sms', big, theirsSplit) + agreement('twilio', small, theirsTwilio)
console.log(unexplained === 0 ? '  every difference is a documented deviation of the peer from TS 23.040' : `  ${unexplained} UNEXPLAINED differences`)

const vectorsFile = new URL('../../shared/sms-vectors/public.json', import.meta.url)
if (existsSync(vectorsFile)) {
  interface Vector {
    id: string
    note: string
    text: string
    segments: string[]
  }
  const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as Vector[]
  // Segment extends Array with its own constructor, so copy it before mapping.
  const twilioParts = (text: string): string[] =>
    Array.from(new SegmentedMessage(text).segments, (segment) =>
      Array.from(segment as unknown as ArrayLike<{ raw?: string }>, (char) => char.raw ?? '').join(''),
    )
  const splitParts = (text: string): string[] => splitSms.split(text).parts.map((part) => part.content)
  console.log(`\npublic vectors (${vectors.length} cases): where a peer differs from the spec`)
  for (const [peer, parts] of [
    ['split-sms', splitParts],
    ['sms-segments-calculator', twilioParts],
    ['anychannel segmentSms', (text: string) => segmentSms(text).segments],
  ] as const) {
    const differing = vectors.flatMap((vector) => {
      const theirs = parts(vector.text)
      if (JSON.stringify(theirs) === JSON.stringify(vector.segments)) return []
      const what = theirs.length === vector.segments.length ? 'same count, other boundaries' : `${theirs.length} parts, spec ${vector.segments.length}`
      const noted = vector.note.includes(peer) ? 'named in the note' : 'NOT in the notes'
      return [`${vector.id} (${what}: ${theirs.map((part) => part.length).join('|')}; ${noted})`]
    })
    console.log(`  ${peer}: ${differing.length === 0 ? 'none' : `\n    ${differing.join('\n    ')}`}`)
  }
}
