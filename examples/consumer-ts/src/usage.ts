// A consumer's view of the built package: every import below resolves through the package's
// "exports" map to dist/*.d.ts, as it would after `npm install anychannel`. Compiled with
// `tsc --noEmit` under moduleResolution "bundler" and "node16" by scripts/consumer-check.sh.
// Annotations are explicit on purpose: a renamed, removed or widened public type fails here.
import {
  type Capabilities,
  type Client,
  type ClientEvents,
  type Degradation,
  type DriverV1,
  type Message,
  type ProfileName,
  type RenderOptions,
  type RenderResult,
  type ReplyOption,
  type SendResult,
  type ValidationIssue,
  AnychannelError,
  DEFAULT_LABELS,
  MODEL_LIMITS,
  ValidationError,
  card,
  createClient,
  defineDriver,
  image,
  link,
  message,
  parseMessage,
  profiles,
  render,
  reply,
} from 'anychannel'
import { createConsoleDriver, type ConsoleDriverOptions } from 'anychannel/drivers/console'
import { createMemoryDriver, type MemoryDriver, type SentRecord } from 'anychannel/drivers/memory'
import {
  type FitResult,
  type SegmentOptions,
  type SmsEncoding,
  type SmsInfo,
  type TransliterationTable,
  TRANSLITERATIONS,
  fitSms,
  segmentSms,
  turkish,
} from 'anychannel/sms'

/** Compile-time checks: `Expect<Equal<A, B>>` fails to compile unless A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Expect<T extends true> = T
type IsAny<T> = 0 extends 1 & T ? true : false

const order: Message = message({
  text: 'Your order **#1234** has shipped',
  cards: [
    card({
      title: 'Blue linen shirt',
      text: 'Size M',
      media: image('https://shop.example.com/img/shirt.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/shirt'), reply('Buy again', 'REORDER')],
    }),
  ],
  quickReplies: [reply('Track parcel', 'TRACK')],
  fallback: { url: 'https://shop.example.com/o/1234' },
})

const options: RenderOptions = { maxSegments: 2, transliterate: true, languageTables: ['turkish'], numbering: 'lines' }
const onSms: RenderResult = render(order, 'sms', options)
const report: Degradation[] = onSms.report
const replies: ReplyOption[] = onSms.replies
const encoding: 'GSM-7' | 'UCS-2' | undefined = onSms.sms?.encoding
const lossy: string[] = report.filter((d) => d.lossy).map((d) => `${d.path}: ${d.detail}`)
const payloads: string[] = replies.map((r) => r.payload)
const channel: ProfileName = 'rcs'
const rcsCaps: Capabilities = profiles[channel]
const onRcs: RenderResult = render(order, rcsCaps)
const cardCount: number = onRcs.messages.flatMap((m) => m.cards ?? []).length

let issues: readonly ValidationIssue[] = []
try {
  parseMessage({ text: 42 })
} catch (error) {
  if (ValidationError.isInstance(error)) issues = error.issues
  if (AnychannelError.isInstance(error)) console.log(error.code)
}
const firstPath: ReadonlyArray<string | number> | undefined = issues[0]?.path

const info: SmsInfo = segmentSms('Şükrü Bey, çağrınız alındı', { languageTables: [turkish] } satisfies SegmentOptions)
const smsEncoding: SmsEncoding = info.encoding
const parts: string[] = info.segments
const fitted: FitResult = fitSms('A long text that must fit one part', { maxSegments: 1 })
const table: TransliterationTable = { ...TRANSLITERATIONS, '✓': 'v' }

const consoleOptions: ConsoleDriverOptions = { channel: 'whatsapp', write: () => {} }
const whatsapp: DriverV1 = createConsoleDriver(consoleOptions)
const memory: MemoryDriver = createMemoryDriver({ channel: 'sms' })
const custom: DriverV1 = defineDriver({
  id: 'acme',
  channel: 'sms',
  capabilities: { ...profiles.sms, idempotency: 'none' },
  usesCredentials: true,
  async doSend({ to }) {
    return { providerMessageIds: [`acme-${to}`], status: 'queued' }
  },
})

const client: Client = createClient({ channels: { whatsapp, sms: memory, acme: custom }, failover: ['whatsapp', 'sms'], dangerouslyAllowBrowser: false })
client.on('sent', (event: ClientEvents['sent']) => console.log(event.channel, event.providerMessageIds))
client.on('degraded', (event) => console.log(event.report.length))

export async function main(): Promise<void> {
  const result: SendResult = await client.send({ to: '+14155550100', message: order, via: ['sms'] })
  const sent: SentRecord | undefined = memory.sent[0]
  console.log(result.status, result.rendered.sms?.segments, sent?.idempotencyKey === result.id)
  console.log(lossy, payloads, encoding, cardCount, firstPath, smsEncoding, parts, fitted.text, table, DEFAULT_LABELS.reply, MODEL_LIMITS.textMaxLength)
  await client.close()
}

// The public types stay precise: none collapses to `any`, results keep their literal unions.
export type Checks = [
  Expect<Equal<IsAny<Message>, false>>,
  Expect<Equal<IsAny<RenderResult>, false>>,
  Expect<Equal<IsAny<SmsInfo>, false>>,
  Expect<Equal<IsAny<Client>, false>>,
  Expect<Equal<ReturnType<typeof render>, RenderResult>>,
  Expect<Equal<ReturnType<typeof segmentSms>, SmsInfo>>,
  Expect<Equal<SmsEncoding, 'GSM-7' | 'UCS-2'>>,
  Expect<Equal<SendResult['status'], 'queued' | 'sent' | 'delivered' | 'accepted'>>,
  Expect<Equal<Parameters<typeof createMemoryDriver>[0] extends object | undefined ? true : false, true>>,
]

// Misuse must not compile.
// @ts-expect-error text must be a string
message({ text: 42 })
// @ts-expect-error not a built-in profile name
render(order, 'pager')
// @ts-expect-error maxSegments is a number
render(order, 'sms', { maxSegments: '2' })
// @ts-expect-error segmentSms takes a string
segmentSms(160)
// @ts-expect-error no such event
client.on('delivered', () => {})
