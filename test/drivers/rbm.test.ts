import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { rbmError } from '../../src/drivers/rbm/errors.js'
import {
  RBM_CAPABILITIES,
  RBM_DEFAULTS,
  RBM_MESSAGE_ID_NAMESPACE,
  RBM_STATUS,
  createRbmDriver,
  parseRbmWebhook,
  rbmMessageId,
} from '../../src/drivers/rbm/index.js'
import { uuidV5 } from '../../src/drivers/rbm/message-id.js'
import { readProviderOptions, toRbmAgentMessage } from '../../src/drivers/rbm/payload.js'
import type { HttpContext } from '../../src/drivers/http.js'
import {
  AuthError,
  type ChannelEvent,
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
  render,
  reply,
  template,
  video,
} from '../../src/index.js'
import { scriptedFetch } from './support/fake-fetch.js'
import { contractFile, errorExamples, schemaValidator } from './support/provider-contracts.js'
import { extraValidator, nodeUuidV5, validateRbmSend } from './support/rbm-contract.js'

const AGENT = 'acme_rbm_agent'
const TOKEN = 'ya29.unit_access_token_5b1f0e'
const HOOK = 'https://hooks.example.test/rbm'

type Vector = { name: string; clientToken: string; messageData: string; decodedData: string; expected: string }
const sig = contractFile<{ header: string; computedVectors: { cases: Vector[] } }>('google-rbm', 'signature.json')
const hooks = contractFile<{
  setup: { clientToken: string; secret: string }
  inboundEnvelope: { message: { data: string; messageId: string; publishTime: string }; subscription: string }
  inboundDecoded: Record<string, unknown>
  statusEnvelope: { message: { data: string; messageId: string; publishTime: string }; subscription: string }
  statusDecoded: Record<string, unknown>
}>('google-rbm', 'examples/webhook.json')
const validateEnvelope = schemaValidator('google-rbm', 'PushEnvelope')
const validateInbound = schemaValidator('google-rbm', 'InboundWebhook')
const validateStatus = schemaValidator('google-rbm', 'StatusWebhook')
const validateSetup = schemaValidator('google-rbm', 'WebhookVerification')
const validateServerEvent = extraValidator('ServerEvent')
const validateSend = schemaValidator('google-rbm', 'SendRequest')

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64')
const envelope = (data: string) => ({ message: { data, messageId: '1234567890123456', publishTime: '2025-01-15T16:40:24.2Z' }, subscription: 'projects/rbm-acme/subscriptions/rbm-agent-sub' })
const post = (body: unknown, headers: Record<string, string> = {}, url = HOOK) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
const driverFor = (clientToken: string) => createRbmDriver({ agentId: AGENT, accessToken: TOKEN, clientToken })

describe('rbm webhook signature (X-Goog-Signature)', () => {
  const signedFor = (v: Vector, o: { data?: string; signature?: string | null; url?: string } = {}) =>
    post(envelope(o.data ?? v.messageData), o.signature === null ? {} : { 'x-goog-signature': o.signature ?? v.expected }, o.url)

  for (const v of sig.computedVectors.cases) {
    it(`the ${v.name} vector is Base64(HMAC-SHA512(clientToken, decoded data)) and verifies`, async () => {
      expect(Buffer.from(v.messageData, 'base64').toString('utf8')).toBe(v.decodedData)
      expect(createHmac('sha512', v.clientToken).update(Buffer.from(v.messageData, 'base64')).digest('base64')).toBe(v.expected)
      expect(validateEnvelope(envelope(v.messageData))).toEqual([])
      expect(await driverFor(v.clientToken).webhook?.verify(signedFor(v))).toBe(true)
    })

    it(`rejects the ${v.name} vector when tampered`, async () => {
      const d = driverFor(v.clientToken)
      // one byte of the decoded data
      const bytes = Buffer.from(v.messageData, 'base64')
      bytes[10] = (bytes[10] as number) ^ 1
      expect(await d.webhook?.verify(signedFor(v, { data: bytes.toString('base64') }))).toBe(false)
      // one character of the signature
      const last = v.expected.at(-3) === 'A' ? 'B' : 'A'
      expect(await d.webhook?.verify(signedFor(v, { signature: `${v.expected.slice(0, -3)}${last}${v.expected.slice(-2)}` }))).toBe(false)
      // no header, an empty one, the hex digest instead of Base64, the hash of the encoded data
      expect(await d.webhook?.verify(signedFor(v, { signature: null }))).toBe(false)
      expect(await d.webhook?.verify(signedFor(v, { signature: ' ' }))).toBe(false)
      expect(await d.webhook?.verify(signedFor(v, { signature: Buffer.from(v.expected, 'base64').toString('hex') }))).toBe(false)
      expect(await d.webhook?.verify(signedFor(v, { signature: createHmac('sha512', v.clientToken).update(v.messageData).digest('base64') }))).toBe(false)
      // another webhook's client token
      expect(await driverFor('ANOTHERCLIENTTOK').webhook?.verify(signedFor(v))).toBe(false)
    })
  }

  it('signs the decoded data only: the URL, the host and the envelope around the data do not enter the HMAC', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const d = driverFor(v.clientToken)
    expect(await d.webhook?.verify(signedFor(v, { url: 'http://10.0.0.7:8080/internal/rbm?x=1' }))).toBe(true)
    const moved = { ...envelope(v.messageData), subscription: 'projects/other/subscriptions/x' }
    expect(await d.webhook?.verify(post(moved, { 'x-goog-signature': v.expected }))).toBe(true)
  })

  it('rejects bodies without data, unreadable Base64, non-JSON bodies and bodies over the size limit', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const d = driverFor(v.clientToken)
    const h = { 'x-goog-signature': v.expected }
    expect(await d.webhook?.verify(post({ message: { messageId: '1' } }, h))).toBe(false)
    expect(await d.webhook?.verify(post(envelope('%%%not base64%%%'), h))).toBe(false)
    expect(await d.webhook?.verify(post('not json', h))).toBe(false)
    const small = createRbmDriver({ agentId: AGENT, accessToken: TOKEN, clientToken: v.clientToken, maxWebhookBytes: 64 })
    expect(await small.webhook?.verify(signedFor(v))).toBe(false)
  })

  it('leaves the request body readable for parse()', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const d = driverFor(v.clientToken)
    const req = signedFor(v)
    expect(await d.webhook?.verify(req)).toBe(true)
    expect(await d.webhook?.parse(req)).toHaveLength(1)
  })

  it('has no webhook without a client token', () => {
    expect(createRbmDriver({ agentId: AGENT, accessToken: TOKEN }).webhook).toBeUndefined()
  })
})

describe('rbm webhook set-up request ({clientToken, secret})', () => {
  const d = driverFor(hooks.setup.clientToken)

  it('answers the documented set-up request with the secret as plain text', async () => {
    expect(validateSetup(hooks.setup)).toEqual([])
    const res = await d.webhook?.handshake?.(post(hooks.setup))
    expect(res?.status).toBe(200)
    expect(res?.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res?.text()).toBe(hooks.setup.secret)
  })

  it('is not a set-up request: another client token, another shape, a GET, a signed delivery', async () => {
    const cases: Request[] = [
      post({ ...hooks.setup, clientToken: 'SOMEONEELSESTOKEN' }),
      post({ ...hooks.setup, extra: 1 }),
      post({ clientToken: hooks.setup.clientToken }),
      post({ clientToken: hooks.setup.clientToken, secret: 42 }),
      post('not json'),
      new Request(`${HOOK}?clientToken=${hooks.setup.clientToken}&secret=1`, { method: 'GET' }),
      post(hooks.inboundEnvelope),
    ]
    for (const req of cases) expect(await d.webhook?.handshake?.(req)).toBeUndefined()
  })

  it('acknowledges deliveries with a bare 200', async () => {
    const res = d.webhook?.acknowledge?.([])
    expect(res?.status).toBe(200)
    expect(await res?.text()).toBe('')
  })
})

describe('rbm webhook parsing', () => {
  const d = driverFor(hooks.setup.clientToken)
  const parse = async (body: unknown) => (await d.webhook?.parse(post(body))) ?? []
  const data = (decoded: Record<string, unknown>) => envelope(b64(JSON.stringify(decoded)))

  it('parses the example user message (a suggested-reply tap) into an inbound event', async () => {
    expect(validateEnvelope(hooks.inboundEnvelope)).toEqual([])
    expect(JSON.parse(Buffer.from(hooks.inboundEnvelope.message.data, 'base64').toString('utf8'))).toEqual(hooks.inboundDecoded)
    expect(validateInbound(hooks.inboundDecoded)).toEqual([])
    expect(await parse(hooks.inboundEnvelope)).toEqual([
      {
        type: 'inbound',
        channel: 'rcs',
        provider: 'rbm',
        from: '+12223334444',
        to: 'acme_rbm_agent',
        at: Date.parse('2025-01-15T16:40:23.178943Z'),
        providerMessageId: 'MsWl2Rst3aQ5mRbJ2JcYpAgw',
        eventId: 'MsWl2Rst3aQ5mRbJ2JcYpAgw',
        text: 'Morning',
        reply: { payload: 'slot_am', title: 'Morning', source: 'native' },
        raw: hooks.inboundDecoded,
      },
    ])
  })

  it('parses the example DELIVERED user event into a status event for our messageId', async () => {
    expect(validateEnvelope(hooks.statusEnvelope)).toEqual([])
    expect(validateStatus(hooks.statusDecoded)).toEqual([])
    expect(await parse(hooks.statusEnvelope)).toEqual([
      {
        type: 'status',
        channel: 'rcs',
        provider: 'rbm',
        providerMessageId: '4f6c2b1e-8a9d-4e7f-b3c2-1d0e9f8a7b6c',
        status: 'delivered',
        at: Date.parse('2025-01-15T16:40:24.095Z'),
        recipient: '+12223334444',
        eventId: 'MxXr5dT0W6Q9-3QyS7JjwRYg',
        raw: hooks.statusDecoded,
      },
    ])
  })

  const userEvent = (eventType: string, extra: Record<string, unknown> = {}) => ({
    senderPhoneNumber: '+12223334444',
    eventType,
    eventId: `ev-${eventType}`,
    messageId: 'b1e0c6a2-1f9d-5c3e-8a7b-6d5c4b3a2f10',
    sendTime: '2025-01-15T16:41:00Z',
    agentId: AGENT,
    ...extra,
  })
  const serverEvent = (eventType: string) => ({
    phoneNumber: '+12223334444',
    agentId: AGENT,
    messageId: 'b1e0c6a2-1f9d-5c3e-8a7b-6d5c4b3a2f10',
    eventType,
    eventId: `ev-${eventType}`,
    sendTime: '2025-01-15T17:41:00Z',
  })

  it('maps every RBM event type of the status table (each cell)', async () => {
    expect(RBM_STATUS).toEqual({ DELIVERED: 'delivered', READ: 'read', TTL_EXPIRATION_REVOKED: 'undelivered' })
    const want: Record<string, Partial<ChannelEvent>> = {
      DELIVERED: { status: 'delivered', at: Date.parse('2025-01-15T16:41:00Z') },
      READ: { status: 'read', at: Date.parse('2025-01-15T16:41:00Z') },
      TTL_EXPIRATION_REVOKED: {
        status: 'undelivered',
        at: Date.parse('2025-01-15T17:41:00Z'),
        error: { code: 'TTL_EXPIRATION_REVOKED', message: 'the message expired before it was delivered and RBM revoked it' },
      },
    }
    expect(Object.keys(want).sort()).toEqual(Object.keys(RBM_STATUS).sort())
    for (const [type, ours] of Object.entries(want)) {
      const decoded = type.startsWith('TTL_') ? serverEvent(type) : userEvent(type)
      expect(type.startsWith('TTL_') ? validateServerEvent(decoded) : validateStatus(decoded), type).toEqual([])
      expect(await parse(data(decoded)), type).toEqual([
        { type: 'status', channel: 'rcs', provider: 'rbm', providerMessageId: decoded.messageId, recipient: '+12223334444', eventId: `ev-${type}`, raw: decoded, ...ours },
      ])
    }
  })

  it('gives no event for typing, a revocation that failed, unspecified types, or an event without messageId', async () => {
    const typing = { senderPhoneNumber: '+12223334444', eventType: 'IS_TYPING', eventId: 'ev-t', sendTime: '2025-01-15T16:41:00Z', agentId: AGENT }
    expect(validateStatus(typing)).toEqual([])
    expect(await parse(data(typing))).toEqual([])
    expect(validateServerEvent(serverEvent('TTL_EXPIRATION_REVOKE_FAILED'))).toEqual([])
    expect(await parse(data(serverEvent('TTL_EXPIRATION_REVOKE_FAILED')))).toEqual([])
    expect(await parse(data(userEvent('TYPE_UNSPECIFIED')))).toEqual([])
    const { messageId: _, ...noId } = userEvent('DELIVERED')
    expect(await parse(data(noId))).toEqual([])
  })

  it('keys a status without eventId by message and type', async () => {
    const { eventId: _, ...e } = userEvent('READ')
    expect(await parse(data(e))).toEqual([expect.objectContaining({ status: 'read', eventId: 'b1e0c6a2-1f9d-5c3e-8a7b-6d5c4b3a2f10:READ' })])
  })

  const userMessage = (content: Record<string, unknown>) => ({ senderPhoneNumber: '+12223334444', messageId: 'MsUser1', sendTime: '2025-01-15T16:42:00Z', agentId: AGENT, ...content })

  it('parses text, files, locations and taps on actions', async () => {
    const cases: Array<[Record<string, unknown>, Partial<InboundEvent>]> = [
      [{ text: 'Where is my order?' }, { text: 'Where is my order?' }],
      [
        { userFile: { payload: { mimeType: 'image/gif', fileSizeBytes: 127806, fileUri: 'https://storage.googleapis.com/copper_test/77ddb795/d2dcc67a', fileName: '4_animated.gif' } } },
        { media: [{ type: 'image', url: 'https://storage.googleapis.com/copper_test/77ddb795/d2dcc67a', mimeType: 'image/gif' }] },
      ],
      [{ userFile: { payload: { mimeType: 'video/mp4', fileUri: 'https://storage.googleapis.com/f/v' } } }, { media: [{ type: 'video', url: 'https://storage.googleapis.com/f/v', mimeType: 'video/mp4' }] }],
      [{ userFile: { payload: { mimeType: 'audio/aac', fileUri: 'https://storage.googleapis.com/f/a' } } }, { media: [{ type: 'audio', url: 'https://storage.googleapis.com/f/a', mimeType: 'audio/aac' }] }],
      [{ userFile: { payload: { mimeType: 'application/pdf', fileUri: 'https://storage.googleapis.com/f/p' } } }, { media: [{ type: 'file', url: 'https://storage.googleapis.com/f/p', mimeType: 'application/pdf' }] }],
      [{ location: { latitude: 37.422, longitude: -122.084 } }, { location: { latitude: 37.422, longitude: -122.084 } }],
      [
        // A tap on an "Open URL" action: its postbackData is the URL the driver sent.
        { suggestionResponse: { postbackData: 'https://shop.example.com/o/1', text: 'Open order', type: 'ACTION' } },
        { text: 'Open order', reply: { payload: 'https://shop.example.com/o/1', title: 'Open order', source: 'native' } },
      ],
    ]
    for (const [content, want] of cases) {
      const decoded = userMessage(content)
      expect(validateInbound(decoded), JSON.stringify(content)).toEqual([])
      const events = await parse(data(decoded))
      expect(events, JSON.stringify(content)).toEqual([
        { type: 'inbound', channel: 'rcs', provider: 'rbm', from: '+12223334444', to: AGENT, at: Date.parse('2025-01-15T16:42:00Z'), providerMessageId: 'MsUser1', eventId: 'MsUser1', raw: decoded, ...want },
      ])
    }
  })

  it('takes the id from eventId when a user message has no messageId (newer events guide), else from the Pub/Sub message', async () => {
    // Not valid against the shared InboundWebhook (which requires messageId): the shape of the
    // "Receive events" guide examples.
    const guide = { senderPhoneNumber: '+12223334444', text: 'Hi', eventId: 'EVENT_ID_1', agentId: AGENT }
    expect(await parse(data(guide))).toEqual([expect.objectContaining({ providerMessageId: 'EVENT_ID_1', eventId: 'EVENT_ID_1', text: 'Hi' })])
    const bare = { senderPhoneNumber: '+12223334444', text: 'Hi' }
    expect(await parse(data(bare))).toEqual([expect.objectContaining({ providerMessageId: '1234567890123456', to: AGENT })])
  })

  it('ignores bodies it cannot read', async () => {
    expect(await parse({})).toEqual([])
    expect(await parse(envelope('%%%'))).toEqual([])
    expect(await parse(envelope(b64('not json')))).toEqual([])
    expect(await parse(envelope(b64('[1,2]')))).toEqual([])
    expect(await parse(data({ text: 'no sender' }))).toEqual([])
    expect(await d.webhook?.parse(post('not json'))).toEqual([])
  })

  it('parseRbmWebhook reads an already verified envelope', () => {
    expect(parseRbmWebhook(hooks.statusEnvelope, AGENT)).toEqual([expect.objectContaining({ type: 'status', status: 'delivered' })])
    expect(parseRbmWebhook(hooks.inboundEnvelope, 'other_agent')[0]).toMatchObject({ to: 'acme_rbm_agent' })
  })
})

describe('rbm webhooks through client.handleWebhook', () => {
  it('answers the set-up request, emits a verified tap once, refuses an unsigned delivery', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const client = createClient({ channels: { rcs: driverFor(v.clientToken) } })
    const inbound: InboundEvent[] = []
    const errors: unknown[] = []
    client.on('inbound', (e) => inbound.push(e))
    client.on('webhook-error', (e) => errors.push(e))

    const setup = await client.handleWebhook('rcs', post({ clientToken: v.clientToken, secret: 's3cr3t' }))
    expect([setup.status, await setup.text()]).toEqual([200, 's3cr3t'])

    const delivery = () => post(envelope(v.messageData), { 'x-goog-signature': v.expected })
    expect((await client.handleWebhook('rcs', delivery())).status).toBe(200)
    expect((await client.handleWebhook('rcs', delivery())).status).toBe(200)
    expect(inbound).toHaveLength(1)
    expect(inbound[0]?.reply).toEqual({ payload: 'slot_am', title: 'Morning', source: 'native' })

    expect((await client.handleWebhook('rcs', post(envelope(v.messageData)))).status).toBe(401)
    // a set-up request with a wrong token is not answered with its secret
    const wrong = await client.handleWebhook('rcs', post({ clientToken: 'GUESSEDTOKEN0000', secret: 's3cr3t' }))
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).not.toContain('s3cr3t')
    expect(errors).toHaveLength(2)
  })
})

const withSchema = (m: Message, options = {}) => {
  const body = toRbmAgentMessage(m, options)
  expect(validateSend(body), JSON.stringify(body)).toEqual([])
  return body
}
const photo = image('https://c.example/a.jpg')

describe('rbm payload', () => {
  it('sends text, with buttons and quick replies as suggestions (buttons first)', () => {
    expect(withSchema({ text: 'Hi' })).toEqual({ contentMessage: { text: 'Hi' } })
    expect(withSchema({ text: 'Help?', buttons: [reply('Track', 'TRACK'), link('Open', 'https://s.example/o'), call('Call', '+14155550100')], quickReplies: [reply('Agent', 'AGENT')] })).toEqual({
      contentMessage: {
        text: 'Help?',
        suggestions: [
          { reply: { text: 'Track', postbackData: 'TRACK' } },
          { action: { text: 'Open', postbackData: 'https://s.example/o', openUrlAction: { url: 'https://s.example/o' } } },
          { action: { text: 'Call', postbackData: '+14155550100', dialAction: { phoneNumber: '+14155550100' } } },
          { reply: { text: 'Agent', postbackData: 'AGENT' } },
        ],
      },
    })
  })

  it('sends images, videos, audio and files by URL (contentInfo), with suggestions when given', () => {
    for (const m of [photo, video('https://c.example/a.mp4'), audio('https://c.example/a.mp3'), file('https://c.example/a.pdf', { filename: 'a.pdf', mimeType: 'application/pdf' })])
      expect(withSchema({ media: [m] })).toEqual({ contentMessage: { contentInfo: { fileUrl: m.url } } })
    expect(withSchema({ media: [photo], quickReplies: [reply('More', 'MORE')] })).toEqual({
      contentMessage: { contentInfo: { fileUrl: photo.url }, suggestions: [{ reply: { text: 'More', postbackData: 'MORE' } }] },
    })
  })

  it('sends one card as a vertical standalone card with MEDIUM media', () => {
    expect(withSchema({ cards: [card({ title: 'Shirt', text: 'Size M', media: photo, buttons: [reply('Buy', 'BUY'), link('View', 'https://s.example/p')] })] })).toEqual({
      contentMessage: {
        richCard: {
          standaloneCard: {
            cardOrientation: 'VERTICAL',
            cardContent: {
              title: 'Shirt',
              description: 'Size M',
              media: { height: 'MEDIUM', contentInfo: { fileUrl: photo.url } },
              suggestions: [{ reply: { text: 'Buy', postbackData: 'BUY' } }, { action: { text: 'View', postbackData: 'https://s.example/p', openUrlAction: { url: 'https://s.example/p' } } }],
            },
          },
        },
      },
    })
    expect(withSchema({ cards: [card({ text: 'Only text' })] }).contentMessage).toEqual({ richCard: { standaloneCard: { cardOrientation: 'VERTICAL', cardContent: { description: 'Only text' } } } })
  })

  it('sends 2–10 cards as a MEDIUM carousel, message quick replies as its suggestions', () => {
    const body = withSchema({ cards: [card({ title: 'A', media: video('https://c.example/a.mp4') }), card({ title: 'B', buttons: [call('Ask', '+14155550100')] })], quickReplies: [reply('More', 'MORE')] })
    expect(body.contentMessage).toEqual({
      richCard: {
        carouselCard: {
          cardWidth: 'MEDIUM',
          cardContents: [
            { title: 'A', media: { height: 'MEDIUM', contentInfo: { fileUrl: 'https://c.example/a.mp4' } } },
            { title: 'B', suggestions: [{ action: { text: 'Ask', postbackData: '+14155550100', dialAction: { phoneNumber: '+14155550100' } } }] },
          ],
        },
      },
      suggestions: [{ reply: { text: 'More', postbackData: 'MORE' } }],
    })
  })

  it('adds ttl, expireTime and messageTrafficType', () => {
    expect(withSchema({ text: 'x' }, { ttlSeconds: 600, messageTrafficType: 'AUTHENTICATION' })).toEqual({ contentMessage: { text: 'x' }, messageTrafficType: 'AUTHENTICATION', ttl: '600s' })
    expect(withSchema({ text: 'x' }, { expireTime: '2030-01-01T00:00:00+01:00' })).toEqual({ contentMessage: { text: 'x' }, expireTime: '2029-12-31T23:00:00.000Z' })
    expect(withSchema({ text: 'x' }, { expireTime: new Date(Date.UTC(2030, 0, 1)) }).expireTime).toBe('2030-01-01T00:00:00.000Z')
  })

  it('maps everything render() leaves for the RBM capabilities', () => {
    const m: Message = {
      text: 'Pick **one**',
      cards: [1, 2, 3].map((i) => card({ title: `Item ${i}`, text: 'x', media: photo, buttons: [reply('Buy', `B${i}`), link('View', `https://s.example/${i}`)] })),
      quickReplies: [reply('More', 'MORE')],
      list: list({ button: 'Slots', sections: [{ items: [{ id: 'A', title: 'A' }, { id: 'B', title: 'B' }] }] }),
    }
    for (const part of createClient({ channels: { rcs: driverFor('CLIENTTOKEN12345') } }).render(m, 'rcs').messages) withSchema(part)
  })

  it('refuses what one RBM message cannot carry (render() never leaves it) with a ValidationError naming the field', () => {
    const cases: Array<[Message, RegExp]> = [
      [{ text: 'x', media: [photo] }, /text, one media item or cards, not several/],
      [{ text: 'x', cards: [card({ title: 'A' })] }, /not several/],
      [{ media: [photo, photo] }, /message\.media: one media item per RBM message, got 2/],
      [{ media: [{ ...photo, caption: 'c' }] }, /media\[0\]\.caption/],
      [{ text: 'x', list: list({ button: 'B', sections: [{ items: [{ id: '1', title: '1' }] }] }) }, /message\.list/],
      [{ location: location({ latitude: 1, longitude: 2 }) }, /message\.location/],
      [{ template: template('t'), text: 'x' }, /message\.template/],
      [{ quickReplies: [reply('A', 'A')] }, /nothing to send/],
      [{ cards: [card({ title: 'A', media: audio('https://c.example/a.mp3') })] }, /cards\[0\]\.media\.type: RBM cards show images and videos only/],
      [{ cards: [{ buttons: [reply('A', 'A')] }] }, /cards\[0\]: an RBM card needs a title, text or media/],
    ]
    for (const [m, re] of cases) {
      let err: unknown
      try {
        toRbmAgentMessage(m)
      } catch (e) {
        err = e
      }
      expect(ValidationError.isInstance(err), JSON.stringify(m)).toBe(true)
      expect((err as Error).message).toMatch(re)
    }
  })

  it('reads providerOptions.rbm strictly', () => {
    expect(readProviderOptions(undefined)).toEqual({})
    expect(readProviderOptions({ ttlSeconds: 60, messageTrafficType: 'PROMOTION', unused: undefined })).toEqual({ ttlSeconds: 60, messageTrafficType: 'PROMOTION' })
    expect(() => readProviderOptions({ ttl: '60s' })).toThrow(/providerOptions\.rbm\.ttl: unknown option/)
    expect(() => readProviderOptions({ ttlSeconds: 1.5 })).toThrow(/whole number of seconds/)
    expect(() => readProviderOptions({ ttlSeconds: 0 })).toThrow(/whole number of seconds/)
    expect(() => readProviderOptions({ expireTime: 'tomorrow' })).toThrow(/RFC 3339/)
    expect(() => readProviderOptions({ messageTrafficType: 'MESSAGE_TRAFFIC_TYPE_UNSPECIFIED' })).toThrow(/one of AUTHENTICATION/)
    expect(() => readProviderOptions({ ttlSeconds: 60, expireTime: '2030-01-01T00:00:00Z' })).toThrow(/not both/)
  })
})

describe('rbm messageId', () => {
  it('is a version 5 UUID (checked against RFC 9562 / Python uuid5 and node:crypto)', async () => {
    expect(await uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
    for (const key of ['key-7f3a9c1e', '0b7c4f0e-2f44-4c4f-9a43-9f0c1f5b9c1d', '0b7c4f0e-2f44-4c4f-9a43-9f0c1f5b9c1d:1', 'ключ 🔑'])
      expect(await rbmMessageId(key, '+14155550100')).toBe(nodeUuidV5(RBM_MESSAGE_ID_NAMESPACE, `+14155550100\n${key}`))
  })

  it('is the same for the same key and recipient, and differs by part and by recipient', async () => {
    const a = await rbmMessageId('k', '+14155550100')
    expect(await rbmMessageId('k', '+14155550100')).toBe(a)
    expect(await rbmMessageId('k:1', '+14155550100')).not.toBe(a)
    expect(await rbmMessageId('k', '+14155550101')).not.toBe(a)
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

const googleBody = (status: number, code: string, extra: Record<string, unknown> = {}) => ({ error: { code: status, message: `something ${code}`, status: code, ...extra } })

describe('rbm error mapping', () => {
  const ctx: HttpContext = { driver: 'rbm', secrets: [TOKEN] }
  const validateError = schemaValidator('google-rbm', 'ErrorResponse')
  const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: JSON.stringify(body), json: body })

  it('maps every documented example in error-responses.json (409 is a success, see the driver tests)', () => {
    const ex = errorExamples('google-rbm')
    const want: Record<string, [string, boolean, boolean] | 'success'> = {
      'not-rcs-404': ['RECIPIENT_ERROR', false, true],
      'duplicate-409': 'success',
      'quota-429': ['RATE_LIMIT_ERROR', true, false],
      'invalid-400': ['RECIPIENT_ERROR', false, true],
    }
    expect(Object.keys(want).sort()).toEqual(Object.keys(ex).sort())
    for (const [name, e] of Object.entries(ex)) {
      expect(validateError(e.body), name).toEqual([])
      const w = want[name]
      if (w === 'success' || w === undefined) continue
      const err = rbmError(ctx, res(e.status, e.body)) as ProviderError
      expect([err.code, err.retryable, err.failover], name).toEqual(w)
      expect(err.providerCode, name).toBe((e.body as { error: { status: string } }).error.status)
      expect(err.status).toBe(e.status)
    }
  })

  // [HTTP status, google.rpc.Code, class, retryable, failover, ambiguous]
  const table: Array<[number, string | undefined, string, boolean, boolean, boolean]> = [
    [400, 'INVALID_ARGUMENT', 'RECIPIENT_ERROR', false, true, false],
    [400, 'FAILED_PRECONDITION', 'RECIPIENT_ERROR', false, true, false],
    [400, 'OUT_OF_RANGE', 'RECIPIENT_ERROR', false, true, false],
    [401, 'UNAUTHENTICATED', 'AUTH_ERROR', false, false, false],
    [403, 'PERMISSION_DENIED', 'AUTH_ERROR', false, false, false],
    [404, 'NOT_FOUND', 'RECIPIENT_ERROR', false, true, false],
    [409, 'ABORTED', 'PROVIDER_ERROR', true, false, false],
    [429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_ERROR', true, false, false],
    [499, 'CANCELLED', 'PROVIDER_ERROR', false, false, false],
    [500, 'INTERNAL', 'PROVIDER_ERROR', false, false, false],
    [500, 'UNKNOWN', 'PROVIDER_ERROR', false, false, false],
    [500, 'DATA_LOSS', 'PROVIDER_ERROR', false, false, false],
    [501, 'UNIMPLEMENTED', 'PROVIDER_ERROR', false, false, false],
    [503, 'UNAVAILABLE', 'PROVIDER_ERROR', true, false, false],
    [504, 'DEADLINE_EXCEEDED', 'PROVIDER_ERROR', false, false, true],
    [502, undefined, 'PROVIDER_ERROR', false, false, true],
    [504, undefined, 'PROVIDER_ERROR', false, false, true],
    [503, undefined, 'PROVIDER_ERROR', true, false, false],
    [400, undefined, 'RECIPIENT_ERROR', false, true, false],
    [401, undefined, 'AUTH_ERROR', false, false, false],
    [403, undefined, 'AUTH_ERROR', false, false, false],
    [404, undefined, 'RECIPIENT_ERROR', false, true, false],
    [429, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [500, undefined, 'PROVIDER_ERROR', false, false, false],
  ]
  for (const [status, code, cls, retryable, failover, ambiguous] of table) {
    it(`HTTP ${status} ${code ?? '(no Google body)'} → ${cls}${retryable ? ', retryable' : ''}${failover ? ', fails over' : ''}${ambiguous ? ', ambiguous' : ''}`, () => {
      // Without a code, the answer is not Google's (a proxy or load balancer): no JSON body at all.
      const body = code === undefined ? undefined : googleBody(status, code)
      if (body) expect(validateError(body)).toEqual([])
      const e = rbmError(ctx, res(status, body)) as ProviderError
      expect([e.code, e.retryable, e.failover, e.ambiguous, e.status, e.providerCode]).toEqual([cls, retryable, failover, ambiguous, status, code])
      if (cls === 'RECIPIENT_ERROR') expect(RecipientError.isInstance(e)).toBe(true)
      if (cls === 'AUTH_ERROR') expect(AuthError.isInstance(e)).toBe(true)
      if (cls === 'RATE_LIMIT_ERROR') expect(RateLimitError.isInstance(e)).toBe(true)
    })
  }

  it('takes the delay from Retry-After, else from google.rpc.RetryInfo, and the request id from RequestInfo', () => {
    const details = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' },
      { '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'req-42' },
    ]
    expect(rbmError(ctx, res(429, googleBody(429, 'RESOURCE_EXHAUSTED', { details })))).toMatchObject({ retryAfterMs: 1500, requestId: 'req-42' })
    expect(rbmError(ctx, res(429, googleBody(429, 'RESOURCE_EXHAUSTED', { details }), { 'retry-after': '7' }))).toMatchObject({ retryAfterMs: 7000 })
    expect(rbmError(ctx, res(503, googleBody(503, 'UNAVAILABLE', { details })))).toMatchObject({ retryable: true, retryAfterMs: 1500 })
    expect(rbmError(ctx, res(429, googleBody(429, 'RESOURCE_EXHAUSTED', { details: [{ '@type': 'x.RetryInfo', retryDelay: 'soon' }] })))).toMatchObject({ retryAfterMs: undefined })
  })

  it('says what happened, and never repeats the access token even when it is echoed', () => {
    expect(rbmError(ctx, res(404, googleBody(404, 'NOT_FOUND'))).message).toBe(
      'rbm: something NOT_FOUND (NOT_FOUND): the number cannot be reached on RCS by this agent (not RCS-enabled, carrier not launched, or not a tester)',
    )
    expect(rbmError(ctx, res(500, undefined)).message).toBe('rbm: HTTP 500')
    const e = rbmError(ctx, res(401, { error: { code: 401, message: `Invalid Credentials: ${TOKEN}`, status: 'UNAUTHENTICATED' } })) as ProviderError
    expect(e.message).not.toContain(TOKEN)
    expect(JSON.stringify(e.toJSON())).not.toContain(TOKEN)
  })
})

const fake = scriptedFetch
const ok = (id = 'x') => ({ status: 200, body: { name: `phones/+14155550100/agentMessages/${id}`, sendTime: '2025-01-15T16:40:22.964Z', contentMessage: { text: 'hi' } } })
const duplicate = { status: 409, body: { error: { code: 409, message: 'Requested entity already exists', status: 'ALREADY_EXISTS' } } }
const make = (fetch: ReturnType<typeof fake>['fetch'], extra: Partial<Parameters<typeof createRbmDriver>[0]> = {}) => createRbmDriver({ agentId: AGENT, accessToken: TOKEN, fetch, ...extra })
const send = (d: ReturnType<typeof make>, message: Message, o: { key?: string; to?: string; providerOptions?: Record<string, Record<string, unknown>> } = {}) =>
  d.doSend({ to: o.to ?? '+14155550100', message, idempotencyKey: o.key ?? 'k-1', signal: new AbortController().signal, ...(o.providerOptions ? { providerOptions: o.providerOptions } : {}) })

describe('rbm driver', () => {
  it('posts to /v1/phones/{E.164}/agentMessages with the messageId and agentId, and reports the messageId as accepted', async () => {
    const f = fake([ok()])
    const receipt = await send(make(f.fetch), { text: 'hi' }, { key: 'order-1234' })
    const id = nodeUuidV5(RBM_MESSAGE_ID_NAMESPACE, '+14155550100\norder-1234')
    await send(make(f.fetch, { baseUrl: 'https://proxy.example/rbm/' }), { text: 'hi' }, { key: 'order-1234' })
    expect(f.seen).toHaveLength(2)
    const req = f.seen[0] as (typeof f.seen)[number]
    expect(req.url).toBe(`https://rcsbusinessmessaging.googleapis.com/v1/phones/+14155550100/agentMessages?messageId=${id}&agentId=acme_rbm_agent`)
    expect(f.seen[1]?.url).toBe(`https://proxy.example/rbm/v1/phones/+14155550100/agentMessages?messageId=${id}&agentId=acme_rbm_agent`)
    expect(validateRbmSend(req, AGENT, TOKEN)).toEqual([])
    expect(req.body).toEqual({ contentMessage: { text: 'hi' } })
    expect(receipt).toMatchObject({ providerMessageIds: [id], status: 'accepted' })
    expect(RBM_DEFAULTS.baseUrl).toBe('https://rcsbusinessmessaging.googleapis.com')
  })

  it('treats 409 ALREADY_EXISTS as the earlier acceptance of the same messageId', async () => {
    const f = fake([duplicate])
    const receipt = await send(make(f.fetch), { text: 'hi' }, { key: 'order-1234' })
    expect(receipt).toEqual({ providerMessageIds: [await rbmMessageId('order-1234', '+14155550100')], status: 'accepted', raw: duplicate.body })
  })

  it('does not take another 409 (ABORTED) for a success', async () => {
    const err = await send(make(fake([{ status: 409, body: googleBody(409, 'ABORTED') }]).fetch), { text: 'hi' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, status: 409 })
  })

  it('reports a 200 without a name as an ambiguous success', async () => {
    const err = await send(make(fake([{ status: 200, body: {} }]).fetch), { text: 'hi' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', ambiguous: true, status: 200 })
  })

  it('refuses a recipient that is not E.164, and unknown per-send options, before sending', async () => {
    const f = fake([ok()])
    await expect(send(make(f.fetch), { text: 'hi' }, { to: '14155550100' })).rejects.toThrow(/to: RBM sends to an E\.164 phone number/)
    await expect(send(make(f.fetch), { text: 'hi' }, { providerOptions: { rbm: { ttl: 1 } } })).rejects.toThrow(ValidationError)
    await expect(send(make(f.fetch), { text: 'hi', media: [photo] })).rejects.toThrow(ValidationError)
    expect(f.seen).toHaveLength(0)
  })

  it('sends the driver defaults ttlSeconds and messageTrafficType; a send overrides them', async () => {
    const f = fake([ok()])
    const d = make(f.fetch, { ttlSeconds: 3600, messageTrafficType: 'TRANSACTION' })
    await send(d, { text: 'a' })
    await send(d, { text: 'b' }, { providerOptions: { rbm: { ttlSeconds: 60, messageTrafficType: 'AUTHENTICATION' } } })
    await send(d, { text: 'c' }, { providerOptions: { rbm: { expireTime: '2030-01-01T00:00:00Z' } } })
    expect(f.seen.map((s) => s.body)).toEqual([
      { contentMessage: { text: 'a' }, messageTrafficType: 'TRANSACTION', ttl: '3600s' },
      { contentMessage: { text: 'b' }, messageTrafficType: 'AUTHENTICATION', ttl: '60s' },
      { contentMessage: { text: 'c' }, messageTrafficType: 'TRANSACTION', expireTime: '2030-01-01T00:00:00.000Z' },
    ])
    for (const s of f.seen) expect(validateSend(s.body)).toEqual([])
  })

  it('a media message carries its suggestions (no separate "Choose an option" message)', async () => {
    const r = render({ media: [{ type: 'image', url: 'https://x.example/a.jpg' }], quickReplies: [{ type: 'reply', title: 'More', payload: 'MORE' }] }, RBM_CAPABILITIES)
    expect(r.messages).toEqual([{ media: [{ type: 'image', url: 'https://x.example/a.jpg' }], quickReplies: [{ type: 'reply', title: 'More', payload: 'MORE' }] }])
  })

  it('declares the rcs profile with native idempotency, and credentials', () => {
    const d = make(fake([]).fetch)
    expect(d).toMatchObject({ id: 'rbm', channel: 'rcs', usesCredentials: true, specificationVersion: 'v1' })
    expect(d.capabilities).toEqual({ ...profiles.rcs, media: { ...(profiles.rcs.media || {}), withButtons: true }, idempotency: 'native' })
    expect(RBM_CAPABILITIES.idempotency).toBe('native')
  })

  it('validates its options', () => {
    const ok = { agentId: AGENT, accessToken: TOKEN }
    expect(() => createRbmDriver({ agentId: '', accessToken: '' })).toThrow(/agentId.*accessToken: must not be empty/s)
    expect(() => createRbmDriver({ agentId: 'a b', accessToken: TOKEN })).toThrow(/agentId/)
    expect(() => createRbmDriver({ agentId: AGENT })).toThrow(/exactly one of accessToken, getAccessToken or serviceAccount/)
    expect(() => createRbmDriver({ ...ok, getAccessToken: async () => 't' })).toThrow(/\(got accessToken, getAccessToken\)/)
    expect(() => createRbmDriver({ ...ok, clientToken: '' })).toThrow(/clientToken: must not be empty/)
    expect(() => createRbmDriver({ ...ok, ttlSeconds: -1 })).toThrow(/ttlSeconds: must be a whole number/)
    expect(() => createRbmDriver({ ...ok, messageTrafficType: 'SPAM' as never })).toThrow(/messageTrafficType: one of/)
    expect(() => createRbmDriver({ ...ok, tokenUrl: 'token' })).toThrow(/tokenUrl: must be an http\(s\) URL/)
    expect(() => createRbmDriver({ agentId: AGENT, serviceAccount: '{"client_email":"x"}' })).toThrow(/client_email.*private_key/s)
    expect(() => createRbmDriver({ agentId: AGENT, serviceAccount: 'not json' })).toThrow(/JSON key file/)
    expect(() => createRbmDriver({ ...ok, ttlSeconds: 60, messageTrafficType: 'PROMOTION', clientToken: 'c' })).not.toThrow()
  })
})

describe('rbm through the client', () => {
  const client = (rcs: ReturnType<typeof make>) => {
    const sms = createMemoryDriver({ channel: 'sms' })
    return { sms, client: createClient({ channels: { rcs, sms }, failover: ['rcs', 'sms'], retry: { limit: 2, initialDelayMs: 1, maxDelayMs: 2 }, rateLimit: { rcs: false, sms: false } }) }
  }

  it('retries a 500 with the same messageId; a 409 on the retry means it was accepted the first time', async () => {
    const f = fake([{ status: 500, body: googleBody(500, 'INTERNAL') }, duplicate])
    const { client: c, sms } = client(make(f.fetch))
    const result = await c.send({ to: '+14155550100', message: { text: 'hi' }, idempotencyKey: 'order-9' })
    const id = await rbmMessageId('order-9', '+14155550100')
    expect(f.seen.map((s) => new URL(s.url).searchParams.get('messageId'))).toEqual([id, id])
    expect(result).toMatchObject({ channel: 'rcs', providerMessageIds: [id] })
    expect(sms.sent).toHaveLength(0)
  })

  it('retries an ambiguous 504 too: the messageId makes it safe', async () => {
    const f = fake([{ status: 504 }, ok()])
    const { client: c } = client(make(f.fetch))
    expect((await c.send({ to: '+14155550100', message: { text: 'hi' } })).channel).toBe('rcs')
    expect(f.seen).toHaveLength(2)
  })

  for (const [name, answer] of [
    ['404 NOT_FOUND (not RCS-reachable)', errorExamples('google-rbm')['not-rcs-404']],
    ['400 INVALID_ARGUMENT', errorExamples('google-rbm')['invalid-400']],
  ] as const) {
    it(`${name}: one request, no retry, the SMS fallback goes out`, async () => {
      const f = fake([{ status: answer?.status ?? 0, body: answer?.body }])
      const { client: c, sms } = client(make(f.fetch))
      const result = await c.send({ to: '+14155550100', message: { text: 'Your code is 123456' } })
      expect(f.seen).toHaveLength(1)
      expect(result.channel).toBe('sms')
      expect(result.attempts.map((a) => [a.channel, a.outcome, a.error?.code])).toEqual([
        ['rcs', 'failed', 'RECIPIENT_ERROR'],
        ['sms', 'sent', undefined],
      ])
      expect(sms.sent).toHaveLength(1)
    })
  }

  it('stops on 401 without retrying or failing over', async () => {
    const f = fake([{ status: 401, body: googleBody(401, 'UNAUTHENTICATED') }])
    const { client: c, sms } = client(make(f.fetch))
    const err = await c.send({ to: '+14155550100', message: { text: 'hi' } }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'SEND_ERROR' })
    expect(f.seen).toHaveLength(1)
    expect(sms.sent).toHaveLength(0)
  })

  it('gives each part of a split message its own messageId', async () => {
    const f = fake([ok()])
    const { client: c } = client(make(f.fetch))
    const result = await c.send({ to: '+14155550100', message: { text: 'Here is your invoice', media: [file('https://c.example/i.pdf')] }, idempotencyKey: 'inv-7' })
    const ids = [await rbmMessageId('inv-7', '+14155550100'), await rbmMessageId('inv-7:1', '+14155550100')]
    expect(f.seen.map((s) => new URL(s.url).searchParams.get('messageId'))).toEqual(ids)
    expect(f.seen.map((s) => Object.keys((s.body as { contentMessage: object }).contentMessage))).toEqual([['contentInfo'], ['text']])
    expect(result.providerMessageIds).toEqual(ids)
  })
})
