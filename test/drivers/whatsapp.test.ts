import { describe, expect, it } from 'vitest'
import { whatsappError } from '../../src/drivers/whatsapp/errors.js'
import { WHATSAPP_CAPABILITIES, WHATSAPP_DEFAULTS, WHATSAPP_RECIPIENT_CODES, WHATSAPP_STATUS, createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import { type WhatsAppPayloadOptions, readProviderOptions, toWhatsAppBodies } from '../../src/drivers/whatsapp/payload.js'
import type { HttpContext } from '../../src/drivers/http.js'
import {
  AuthError,
  DeliveryUnknownError,
  type InboundEvent,
  type Message,
  ProviderError,
  RateLimitError,
  RecipientError,
  ValidationError,
  audio,
  call,
  card,
  createClient,
  file,
  image,
  link,
  list,
  location,
  profiles,
  reply,
  template,
  video,
} from '../../src/index.js'
import { type MetaSignatureVector, describeMetaWebhook } from './support/meta-webhook-suite.js'
import { scriptedFetch } from './support/fake-fetch.js'
import { contractFile, errorExamples, schemaValidator } from './support/provider-contracts.js'
import { schemaFor, validateWhatsAppRequest } from './support/whatsapp-contract.js'

const PHONE_NUMBER_ID = '106540352242922'
const TOKEN = 'EAAunit_access_token_77f2c9d1'

const sig = contractFile<{ computedVectors: { cases: MetaSignatureVector[] }; crossCheckVector: { secret: string; rawBody: string; expected: string } }>('whatsapp-cloud', 'signature.json')
const vectors: MetaSignatureVector[] = [
  ...sig.computedVectors.cases,
  { name: 'cross-check (GitHub X-Hub-Signature-256)', appSecret: sig.crossCheckVector.secret, rawBody: sig.crossCheckVector.rawBody, expected: sig.crossCheckVector.expected },
]

const HOOK = 'https://hooks.example.test/whatsapp'
const driverFor = (appSecret: string, extra: { verifyToken?: string; maxWebhookBytes?: number } = {}) => createWhatsAppDriver({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, appSecret, ...extra })

describeMetaWebhook({
  name: 'whatsapp',
  hook: HOOK,
  vectors,
  driverFor,
  withoutSecret: () => createWhatsAppDriver({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN }),
  validateQuery: schemaValidator('whatsapp-cloud', 'WebhookVerificationQuery'),
})

describe('whatsapp webhook parsing', () => {
  const d = driverFor('secret_abcdef')
  const post = (body: unknown) => new Request(HOOK, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const parse = async (body: unknown) => (await d.webhook?.parse(post(body))) ?? []
  const validateInbound = schemaValidator('whatsapp-cloud', 'InboundWebhook')
  const validateStatus = schemaValidator('whatsapp-cloud', 'StatusWebhook')
  const inbound = contractFile<{ examples: Record<string, { value: unknown }> }>('whatsapp-cloud', 'examples/webhook-inbound.official.json').examples
  const known = contractFile<{ failures: Record<string, unknown> }>('whatsapp-cloud', 'examples/validation-report.json').failures
  const business = { provider: 'whatsapp', channel: 'whatsapp', type: 'inbound', from: '+16505551234', to: '+15550783881' }

  // Every official inbound example, with what it must become. Group updates are not messages.
  const expected: Record<string, Record<string, unknown> | null> = {
    'Text Message': { ...business, text: 'Does it come in another color?', at: 1749416383000 },
    'Text Message with Context (Product Inquiry)': { ...business, text: 'Is this still available?' },
    'Text Message from Click to WhatsApp Ad': { ...business, text: 'Hello! Can I get more info on this?' },
    'Reaction Message': { ...business, raw: { type: 'reaction', reaction: { emoji: '👍' } } },
    'Image Message': { ...business, text: 'Taj Mahal', media: [{ type: 'image', id: '1003383421387256', mimeType: 'image/jpeg', caption: 'Taj Mahal' }] },
    'Location Message': { ...business, location: { latitude: 37.44221496582, longitude: -122.16165924072, name: 'Philz Coffee', address: '101 Forest Ave, Palo Alto, CA 94301' } },
    'Contact Sharing Message': { ...business, raw: { type: 'contacts' } },
    'Unsupported Message': { ...business, raw: { type: 'unsupported' } },
    'Button Message': { ...business, text: 'Unsubscribe', reply: { payload: 'Unsubscribe', title: 'Unsubscribe', source: 'native' } },
    'Interactive List Reply Message': { ...business, text: 'Priority Mail Express', reply: { payload: 'priority_express', title: 'Priority Mail Express', source: 'native' } },
    'Interactive Button Reply Message': { ...business, text: 'Cancel', reply: { payload: 'cancel-button', title: 'Cancel', source: 'native' } },
    'Order Message': { ...business, raw: { type: 'order' } },
    'System Message': { ...business, raw: { type: 'system' } },
    'Group Create Message': null,
    'Group Settings Update': null,
    'Group Remove Participants': null,
  }

  it('has an expectation for every official inbound example', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(inbound).sort())
  })

  for (const [name, want] of Object.entries(expected)) {
    it(`parses "${name}"`, async () => {
      const body = inbound[name]?.value
      if (!known[`wh ${name}`]) expect(validateInbound(body)).toEqual([])
      const events = await parse(body)
      if (want === null) return expect(events).toEqual([])
      expect(events).toHaveLength(1)
      const e = events[0]
      const m = (body as { entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string; timestamp: string }> } }> }> }).entry[0]?.changes[0]?.value.messages[0]
      expect(e).toMatchObject({ ...want, providerMessageId: m?.id, eventId: m?.id, at: Number(m?.timestamp) * 1000 })
      if (!('text' in want)) expect(e).not.toHaveProperty('text')
      if (!('reply' in want)) expect(e).not.toHaveProperty('reply')
    })
  }

  it('parses both status examples', async () => {
    const ex = contractFile<{ examples: Record<string, unknown> }>('whatsapp-cloud', 'examples/webhook-status.json').examples
    expect(validateStatus(ex.delivered)).toEqual([])
    expect(validateStatus(ex.failed)).toEqual([])
    const id = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA'
    expect(await parse(ex.delivered)).toEqual([
      expect.objectContaining({ type: 'status', channel: 'whatsapp', provider: 'whatsapp', providerMessageId: id, status: 'delivered', at: 1750263773000, recipient: '+16505551234', eventId: `${id}:delivered` }),
    ])
    const [failed] = await parse(ex.failed)
    expect(failed).toMatchObject({
      status: 'failed',
      eventId: `${id}:failed`,
      error: { code: '131047', message: 'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
    })
  })

  const statusBody = (status: string, extra: Record<string, unknown> = {}) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '1' }, statuses: [{ id: 'wamid.A', status, timestamp: '1750263773', recipient_id: '16505551234', ...extra }] } }] }],
  })

  it('maps every Cloud API status (each cell of the table)', async () => {
    expect(WHATSAPP_STATUS).toEqual({ sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' })
    for (const [meta, ours] of Object.entries(WHATSAPP_STATUS)) {
      expect(validateStatus(statusBody(meta)), meta).toEqual([])
      expect(await parse(statusBody(meta)), meta).toEqual([expect.objectContaining({ type: 'status', status: ours, eventId: `wamid.A:${meta}` })])
    }
  })

  it('ignores undocumented statuses, other objects, other fields and unreadable bodies', async () => {
    expect(await parse(statusBody('deleted'))).toEqual([])
    expect(await parse({ ...statusBody('sent'), object: 'page' })).toEqual([])
    const other = statusBody('sent')
    ;(other.entry[0]?.changes[0] as { field: string }).field = 'account_alerts'
    expect(await parse(other)).toEqual([])
    expect(await d.webhook?.parse(new Request(HOOK, { method: 'POST', body: 'not json' }))).toEqual([])
  })

  it('returns every message and status of a batched delivery, in order', async () => {
    const text = (inbound['Text Message']?.value as { entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }> }).entry[0]?.changes[0]?.value.messages[0]
    const batch = statusBody('read')
    const value = batch.entry[0]?.changes[0]?.value as Record<string, unknown>
    value.messages = [text, { ...(text as object), id: 'wamid.B' }]
    value.contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }]
    expect((await parse(batch)).map((e) => e.type)).toEqual(['inbound', 'inbound', 'status'])
  })

  it('keeps a media id (the Cloud API sends no URL) and maps stickers, voice notes and documents', async () => {
    const msg = (type: string, media: Record<string, unknown>) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '1' }, contacts: [], messages: [{ from: '16505551234', id: `wamid.${type}`, timestamp: '1', type, [type]: media }] } }] }],
    })
    const [sticker] = await parse(msg('sticker', { id: 's1', mime_type: 'image/webp', sha256: 'x', animated: false }))
    expect(sticker).toMatchObject({ media: [{ type: 'image', id: 's1', mimeType: 'image/webp' }] })
    const [voice] = await parse(msg('audio', { id: 'a1', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true }))
    expect(voice).toMatchObject({ media: [{ type: 'audio', id: 'a1' }] })
    const [doc] = await parse(msg('document', { id: 'd1', mime_type: 'application/pdf', sha256: 'x', filename: 'a.pdf', caption: 'Invoice' }))
    expect(doc).toMatchObject({ text: 'Invoice', media: [{ type: 'file', id: 'd1', caption: 'Invoice' }] })
    expect((doc as InboundEvent).media?.[0]).not.toHaveProperty('url')
  })
})

const graph = (code: number | undefined, extra: Record<string, unknown> = {}) => ({
  error: { message: `(#${code}) something`, type: 'OAuthException', ...(code !== undefined ? { code } : {}), fbtrace_id: 'Atrace', ...extra },
})
const opts: WhatsAppPayloadOptions = { previewUrl: false, emptyBodyText: WHATSAPP_DEFAULTS.emptyBodyText }
const bodies = (m: Message, o: Partial<WhatsAppPayloadOptions> = {}, extra = {}) => {
  const out = toWhatsAppBodies(m, '+14155550100', { ...opts, ...o }, extra)
  for (const b of out) expect(validateWhatsAppRequest(b), JSON.stringify(b)).toEqual([])
  return out
}
const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '14155550100' }

describe('whatsapp payload', () => {
  it('sends text to the number without "+", previewing links only when asked', () => {
    expect(bodies({ text: 'see https://x.example' })).toEqual([{ ...base, type: 'text', text: { body: 'see https://x.example' } }])
    expect(bodies({ text: 'see https://x.example' }, { previewUrl: true })[0]?.text).toEqual({ body: 'see https://x.example', preview_url: true })
    expect(bodies({ text: 'no link' }, { previewUrl: true })[0]?.text).toEqual({ body: 'no link' })
    expect(bodies({ text: 'see https://x.example' }, { previewUrl: true }, { previewUrl: false })[0]?.text).toEqual({ body: 'see https://x.example' })
  })

  it('replies in context with providerOptions.whatsapp.replyTo', () => {
    expect(bodies({ text: 'hi' }, {}, { replyTo: 'wamid.ABC' })[0]).toMatchObject({ context: { message_id: 'wamid.ABC' } })
  })

  it('captions images, videos and documents with the text, names documents', () => {
    expect(bodies({ text: 'Look', media: [image('https://c.example/a.jpg')] })).toEqual([{ ...base, type: 'image', image: { link: 'https://c.example/a.jpg', caption: 'Look' } }])
    expect(bodies({ text: 'Clip', media: [video('https://c.example/a.mp4')] })[0]?.video).toEqual({ link: 'https://c.example/a.mp4', caption: 'Clip' })
    expect(bodies({ text: 'Bill', media: [file('https://c.example/a.pdf', { filename: 'bill.pdf' })] })[0]?.document).toEqual({ link: 'https://c.example/a.pdf', caption: 'Bill', filename: 'bill.pdf' })
    expect(bodies({ media: [file('https://c.example/a.pdf')] })[0]?.document).toEqual({ link: 'https://c.example/a.pdf' })
  })

  it('sends audio and then its text as a second message (audio takes no caption)', () => {
    expect(bodies({ text: 'Listen', media: [audio('https://c.example/a.mp3')] })).toEqual([
      { ...base, type: 'audio', audio: { link: 'https://c.example/a.mp3' } },
      { ...base, type: 'text', text: { body: 'Listen' } },
    ])
  })

  it('sends reply buttons, with the media as header (image, video or document)', () => {
    const [b] = bodies({ text: 'Confirm?', media: [video('https://c.example/a.mp4')], buttons: [reply('Yes', 'YES'), reply('No', 'NO')] })
    expect(b?.interactive).toEqual({
      type: 'button',
      header: { type: 'video', video: { link: 'https://c.example/a.mp4' } },
      body: { text: 'Confirm?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'YES', title: 'Yes' } }, { type: 'reply', reply: { id: 'NO', title: 'No' } }] },
    })
    expect(bodies({ text: 'Pay', media: [file('https://c.example/a.pdf')], buttons: [reply('Pay', 'PAY')] })[0]?.interactive).toMatchObject({ header: { type: 'document', document: { link: 'https://c.example/a.pdf' } } })
  })

  it('gives an interactive message without text the emptyBodyText body WhatsApp requires', () => {
    expect(bodies({ media: [image('https://c.example/a.jpg')], buttons: [reply('Buy', 'BUY')] })[0]?.interactive).toMatchObject({ body: { text: 'Choose an option' } })
    expect(bodies({ media: [image('https://c.example/a.jpg')], buttons: [reply('Buy', 'BUY')] }, { emptyBodyText: 'Wählen Sie' })[0]?.interactive).toMatchObject({ body: { text: 'Wählen Sie' } })
  })

  it('sends one URL button as a CTA URL message, checked against our schema', () => {
    const [b] = bodies({ text: 'Your receipt', media: [image('https://c.example/a.jpg')], buttons: [link('Open receipt', 'https://shop.example/r/1')] })
    expect(schemaFor(b)).toBe('ours')
    expect(b?.interactive).toEqual({
      type: 'cta_url',
      header: { type: 'image', image: { link: 'https://c.example/a.jpg' } },
      body: { text: 'Your receipt' },
      action: { name: 'cta_url', parameters: { display_text: 'Open receipt', url: 'https://shop.example/r/1' } },
    })
  })

  it('sends a list with titled sections and row descriptions', () => {
    const [b] = bodies({
      text: 'Pick',
      list: list({ button: 'Slots', sections: [{ title: 'Mon', items: [{ id: 'M9', title: '9:00', description: 'Morning' }] }, { title: 'Tue', items: [{ id: 'T9', title: '9:00' }] }] }),
    })
    expect(b?.interactive).toEqual({
      type: 'list',
      body: { text: 'Pick' },
      action: { button: 'Slots', sections: [{ title: 'Mon', rows: [{ id: 'M9', title: '9:00', description: 'Morning' }] }, { title: 'Tue', rows: [{ id: 'T9', title: '9:00' }] }] },
    })
  })

  it('sends a location pin; text that comes with it goes first', () => {
    expect(bodies({ location: location({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Main St 1' }) })).toEqual([
      { ...base, type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Main St 1' } },
    ])
    expect(bodies({ text: 'Here', location: { latitude: 1, longitude: 2 } }).map((b) => b.type)).toEqual(['text', 'location'])
  })

  it('sends templates with positional or named body parameters and extra components', () => {
    expect(bodies({ template: template('order_shipped', { language: 'en_US', variables: ['Ada', '#1'] }) })[0]?.template).toEqual({
      name: 'order_shipped',
      language: { code: 'en_US' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: '#1' }] }],
    })
    expect(bodies({ template: template('order_update', { variables: { name: 'Ada' } }) }, { templateLanguage: 'de' })[0]?.template).toEqual({
      name: 'order_update',
      language: { code: 'de' },
      components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'name', text: 'Ada' }] }],
    })
    const header = { type: 'header', parameters: [{ type: 'image', image: { link: 'https://c.example/h.jpg' } }] }
    const button = { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] }
    expect(bodies({ template: template('hello_world', { language: 'en_US' }) }, {}, { templateComponents: [header, button] })[0]?.template).toEqual({
      name: 'hello_world',
      language: { code: 'en_US' },
      components: [header, button],
    })
    expect(bodies({ template: template('hello_world', { language: 'en_US', variables: [] }) })[0]?.template).toEqual({ name: 'hello_world', language: { code: 'en_US' } })
  })

  it('refuses what the Cloud API cannot carry (render() never leaves it) with a ValidationError naming the field', () => {
    const cases: Array<[Message, RegExp]> = [
      [{ template: template('x') }, /template\.language/],
      [{ template: template('x', { language: 'en' }), text: 'hi' }, /template is sent alone; text/],
      [{ cards: [card({ title: 'A' })] }, /message\.cards/],
      [{ text: 'q', quickReplies: [reply('A', 'A')] }, /message\.quickReplies/],
      [{ text: 'q', buttons: [call('Call', '+14155550100')] }, /call buttons/],
      [{ text: 'q', buttons: [reply('A', 'A'), link('B', 'https://b.example')] }, /cannot mix/],
      [{ text: 'q', buttons: [link('A', 'https://a.example'), link('B', 'https://b.example')] }, /one URL button/],
      [{ text: 'q', buttons: ['1', '2', '3', '4'].map((i) => reply(i, i)) }, /up to 3 reply buttons/],
      [{ text: 'q', list: list({ button: 'B', sections: [{ items: [{ id: '1', title: '1' }] }] }), buttons: [reply('A', 'A')] }, /a list or buttons/],
      [{ text: 'q', media: [audio('https://a.example/a.mp3')], buttons: [reply('A', 'A')] }, /audio/],
      [{ media: [image('https://a.example/1.jpg'), image('https://a.example/2.jpg')] }, /one media item/],
      [{ text: 'q', media: [{ type: 'image', url: 'https://a.example/1.jpg', caption: 'c' }] }, /media\[0\]\.caption/],
      [{ fallback: { text: 'only for SMS' } }, /nothing to send/],
    ]
    for (const [m, re] of cases) {
      const err = (() => {
        try {
          toWhatsAppBodies(m, '+1', opts)
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(ValidationError.isInstance(err), JSON.stringify(m)).toBe(true)
      expect((err as Error).message).toMatch(re)
    }
  })

  it('reads providerOptions.whatsapp strictly', () => {
    expect(readProviderOptions({ replyTo: 'wamid.A', previewUrl: true })).toEqual({ replyTo: 'wamid.A', previewUrl: true })
    expect(() => readProviderOptions({ reply_to: 'wamid.A' })).toThrow(/unknown option/)
    expect(() => readProviderOptions({ previewUrl: 'yes' })).toThrow(/boolean/)
    expect(() => readProviderOptions({ templateComponents: ['header'] })).toThrow(/template component objects/)
  })
})

describe('whatsapp error mapping', () => {
  const ctx: HttpContext = { driver: 'whatsapp', secrets: [TOKEN] }
  const validateError = schemaValidator('whatsapp-cloud', 'ErrorResponse')
  const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: JSON.stringify(body), json: body })

  it('maps every documented example in error-responses.json', () => {
    const ex = errorExamples('whatsapp-cloud')
    const want: Record<string, [string, boolean]> = {
      'invalid-param-400': ['PROVIDER_ERROR', false],
      'expired-token-401': ['AUTH_ERROR', false],
      'throughput-429': ['RATE_LIMIT_ERROR', true],
      'pair-rate-limit': ['RATE_LIMIT_ERROR', true],
    }
    expect(Object.keys(want).sort()).toEqual(Object.keys(ex).sort())
    for (const [name, e] of Object.entries(ex)) {
      expect(validateError(e.body), name).toEqual([])
      const err = whatsappError(ctx, res(e.status, e.body)) as ProviderError
      expect([err.code, err.retryable], name).toEqual(want[name])
      expect(err.requestId, name).toMatch(/^AbCdEfGh/)
      expect(err.providerCode, name).toBe((e.body as { error: { code: number } }).error.code)
    }
  })

  // [HTTP status, Graph code, class, retryable, failover, ambiguous]
  const table: Array<[number, number | undefined, string, boolean, boolean, boolean]> = [
    ...Object.keys(WHATSAPP_RECIPIENT_CODES).map((c): [number, number, string, boolean, boolean, boolean] => [400, Number(c), 'RECIPIENT_ERROR', false, true, false]),
    [401, 0, 'AUTH_ERROR', false, false, false],
    [401, 190, 'AUTH_ERROR', false, false, false],
    [403, 3, 'AUTH_ERROR', false, false, false],
    [403, 10, 'AUTH_ERROR', false, false, false],
    [403, 200, 'AUTH_ERROR', false, false, false],
    [403, 299, 'AUTH_ERROR', false, false, false],
    [403, 131005, 'AUTH_ERROR', false, false, false],
    [429, 4, 'RATE_LIMIT_ERROR', true, false, false],
    [429, 80007, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 130429, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 131056, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 131057, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 131048, 'RATE_LIMIT_ERROR', false, false, false],
    [503, 2, 'PROVIDER_ERROR', true, false, false],
    [500, 131016, 'PROVIDER_ERROR', true, false, false],
    [500, 133004, 'PROVIDER_ERROR', true, false, false],
    [500, 131000, 'PROVIDER_ERROR', false, false, false],
    [400, 100, 'PROVIDER_ERROR', false, false, false],
    [400, 132001, 'PROVIDER_ERROR', false, false, false],
    [403, 368, 'PROVIDER_ERROR', false, false, false],
    [403, 131031, 'PROVIDER_ERROR', false, false, false],
    [400, 133010, 'PROVIDER_ERROR', false, false, false],
    [502, 2, 'PROVIDER_ERROR', false, false, true],
    [504, undefined, 'PROVIDER_ERROR', false, false, true],
    [401, undefined, 'AUTH_ERROR', false, false, false],
    [403, undefined, 'AUTH_ERROR', false, false, false],
    [429, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [500, undefined, 'PROVIDER_ERROR', false, false, false],
  ]
  for (const [status, code, cls, retryable, failover, ambiguous] of table) {
    it(`HTTP ${status} code ${code ?? '(none)'} → ${cls}${retryable ? ', retryable' : ''}${failover ? ', fails over' : ''}${ambiguous ? ', ambiguous' : ''}`, () => {
      // Without a code, the answer is not Meta's (a proxy or load balancer): no JSON body at all.
      const body = code === undefined ? undefined : graph(code)
      if (body) expect(validateError(body)).toEqual([])
      const e = whatsappError(ctx, res(status, body)) as ProviderError
      expect([e.code, e.retryable, e.failover, e.ambiguous, e.status]).toEqual([cls, retryable, failover, ambiguous, status])
      if (cls === 'RECIPIENT_ERROR') expect(RecipientError.isInstance(e)).toBe(true)
      if (cls === 'AUTH_ERROR') expect(AuthError.isInstance(e)).toBe(true)
      if (cls === 'RATE_LIMIT_ERROR') expect(RateLimitError.isInstance(e)).toBe(true)
    })
  }

  it('honours Retry-After on throttling, and is_transient on a refusal', () => {
    expect(whatsappError(ctx, res(400, graph(130429), { 'retry-after': '7' }))).toMatchObject({ retryAfterMs: 7000, retryable: true })
    expect(whatsappError(ctx, res(429, {}, { 'retry-after': '2' }))).toMatchObject({ code: 'RATE_LIMIT_ERROR', retryAfterMs: 2000 })
    expect(whatsappError(ctx, res(400, graph(1, { is_transient: true })))).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true })
    expect(whatsappError(ctx, res(400, graph(1)))).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false })
  })

  it('says what happened (code, subcode, details) and takes the trace id from the header when the body has none', () => {
    const e = whatsappError(ctx, res(400, { error: { message: 'Invalid parameter', code: 100, error_subcode: 33, error_data: { details: 'to is invalid' } } }, { 'x-fb-trace-id': 'HdrTrace' })) as ProviderError
    expect(e.message).toBe('whatsapp: Invalid parameter (code 100/33): to is invalid')
    expect(e.requestId).toBe('HdrTrace')
    expect(whatsappError(ctx, res(500, undefined)).message).toBe('whatsapp: HTTP 500')
  })

  it('never repeats the access token, even when Meta echoes it', () => {
    const e = whatsappError(ctx, res(401, { error: { message: `Invalid OAuth access token - Cannot parse access token: ${TOKEN}`, code: 190 } })) as ProviderError
    expect(e.message).not.toContain(TOKEN)
    expect(JSON.stringify(e.toJSON())).not.toContain(TOKEN)
  })
})

describe('whatsapp driver', () => {
  const fake = scriptedFetch
  const accepted = (id: string) => ({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '14155550100', wa_id: '14155550100' }], messages: [{ id, message_status: 'accepted' }] } })
  const make = (fetch: ReturnType<typeof fake>['fetch'], extra = {}) => createWhatsAppDriver({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, fetch, ...extra })
  const send = (d: ReturnType<typeof make>, message: Message, providerOptions?: Record<string, Record<string, unknown>>) =>
    d.doSend({ to: '+14155550100', message, idempotencyKey: 'k', signal: new AbortController().signal, ...(providerOptions ? { providerOptions } : {}) })

  it('posts to /{version}/{phone-number-id}/messages with the bearer token and reports the wamid as accepted', async () => {
    const f = fake([accepted('wamid.1')])
    const receipt = await send(make(f.fetch, { apiVersion: 'v21.0', baseUrl: 'https://proxy.example/graph/' }), { text: 'hi' })
    expect(f.seen[0]?.url).toBe(`https://proxy.example/graph/v21.0/${PHONE_NUMBER_ID}/messages`)
    expect(f.seen[0]?.auth).toBe(`Bearer ${TOKEN}`)
    expect(receipt).toMatchObject({ providerMessageIds: ['wamid.1'], status: 'accepted' })
  })

  it('returns both ids when audio and its text go as two messages', async () => {
    const f = fake([accepted('wamid.audio'), accepted('wamid.text')])
    expect((await send(make(f.fetch), { text: 'Listen', media: [audio('https://c.example/a.mp3')] })).providerMessageIds).toEqual(['wamid.audio', 'wamid.text'])
    expect(f.seen.map((s) => (s.body as { type: string }).type)).toEqual(['audio', 'text'])
  })

  it('reports a failure after the first part was accepted as ambiguous, so nothing is repeated', async () => {
    const f = fake([accepted('wamid.audio'), { status: 400, body: graph(131056) }])
    const err = (await send(make(f.fetch), { text: 'Listen', media: [audio('https://c.example/a.mp3')] }).catch((e: unknown) => e)) as ProviderError
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false, failover: false, ambiguous: true, providerCode: 131056, status: 400 })
    expect(err.message).toContain('part 2 of 2 failed after wamid.audio was accepted')
    expect(RateLimitError.isInstance(err.cause)).toBe(true)

    // Through the client: a DeliveryUnknownError, one call per part, no retry and no failover.
    const g = fake([accepted('wamid.audio'), { status: 400, body: graph(131056) }])
    const other = fake([accepted('never')])
    const sms = { ...make(other.fetch), id: 'other', channel: 'sms', capabilities: { ...profiles.sms, idempotency: 'none' as const } }
    const client = createClient({ channels: { whatsapp: make(g.fetch), sms }, failover: ['whatsapp', 'sms'] })
    const out = await client.send({ to: '+14155550100', message: { text: 'Listen', media: [audio('https://c.example/a.mp3')] } }).catch((e: unknown) => e)
    expect(DeliveryUnknownError.isInstance(out)).toBe(true)
    expect(g.seen).toHaveLength(2)
    expect(other.seen).toHaveLength(0)
  })

  it('keeps the first part’s own error when nothing was accepted yet', async () => {
    const f = fake([{ status: 400, body: graph(131047) }])
    const err = await send(make(f.fetch), { text: 'Listen', media: [audio('https://c.example/a.mp3')] }).catch((e: unknown) => e)
    expect(RecipientError.isInstance(err)).toBe(true)
    expect(f.seen).toHaveLength(1)
  })

  it('treats a 200 without a message id as an ambiguous success', async () => {
    const err = await send(make(fake([{ status: 200, body: { messaging_product: 'whatsapp' } }]).fetch), { text: 'hi' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', ambiguous: true, status: 200 })
  })

  it('passes providerOptions.whatsapp and refuses unknown ones before sending', async () => {
    const f = fake([accepted('wamid.1')])
    await send(make(f.fetch), { text: 'hi' }, { whatsapp: { replyTo: 'wamid.Q' } })
    expect(f.seen[0]?.body).toMatchObject({ context: { message_id: 'wamid.Q' } })
    await expect(send(make(f.fetch), { text: 'hi' }, { whatsapp: { replyto: 'x' } })).rejects.toThrow(ValidationError)
    expect(f.seen).toHaveLength(1)
  })

  it('declares the whatsapp profile with no idempotency, and credentials', () => {
    const d = make(fake([]).fetch)
    expect(d).toMatchObject({ id: 'whatsapp', channel: 'whatsapp', usesCredentials: true, specificationVersion: 'v1' })
    expect(d.capabilities).toEqual({ ...profiles.whatsapp, idempotency: 'none', rateLimit: { perSecond: 80, burst: 80 } })
    expect(WHATSAPP_CAPABILITIES.idempotency).toBe('none')
  })

  it('validates its options', () => {
    expect(() => createWhatsAppDriver({ phoneNumberId: '+1 555 0100', accessToken: '' })).toThrow(/phoneNumberId.*accessToken/s)
    expect(() => createWhatsAppDriver({ phoneNumberId: '1', accessToken: 't', apiVersion: '23' })).toThrow(/apiVersion: must look like v23\.0/)
    expect(() => createWhatsAppDriver({ phoneNumberId: '1', accessToken: 't', verifyToken: 'v' })).toThrow(/appSecret/)
    expect(() => createWhatsAppDriver({ phoneNumberId: '1', accessToken: 't', appSecret: '' })).toThrow(/appSecret: must not be empty/)
    expect(() => createWhatsAppDriver({ phoneNumberId: '1', accessToken: 't', appSecret: 's', verifyToken: 'v' })).not.toThrow()
  })
})
