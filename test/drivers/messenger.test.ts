import { describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { messengerError } from '../../src/drivers/messenger/errors.js'
import {
  MESSENGER_CAPABILITIES,
  MESSENGER_DEFAULTS,
  MESSENGER_RECIPIENT_CODES,
  MESSENGER_STATUS,
  createMessengerDriver,
  messengerWatermarks,
  parseMessengerWebhook,
} from '../../src/drivers/messenger/index.js'
import { type MessengerPayloadOptions, type MessengerProviderOptions, readMessengerProviderOptions, toMessengerBody } from '../../src/drivers/messenger/payload.js'
import type { HttpContext } from '../../src/drivers/http.js'
import {
  AuthError,
  type ChannelEvent,
  type InboundEvent,
  type Message,
  ProviderError,
  RateLimitError,
  RecipientError,
  type StatusEvent,
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
import { hmac, toHex } from '../../src/webhooks/crypto.js'
import { validateMessengerRequest } from './support/messenger-contract.js'
import { type MetaSignatureVector, describeMetaWebhook } from './support/meta-webhook-suite.js'
import { scriptedFetch } from './support/fake-fetch.js'
import { contractFile, errorExamples, schemaValidator } from './support/provider-contracts.js'

const TOKEN = 'EAAGunit_page_token_91c3e7a0'
const PSID = '1254459154682919'
const HOOK = 'https://hooks.example.test/messenger'

const vectors = contractFile<{ computedVectors: { cases: MetaSignatureVector[] } }>('messenger', 'signature.json').computedVectors.cases
const driverFor = (appSecret: string, extra: { verifyToken?: string; maxWebhookBytes?: number } = {}) => createMessengerDriver({ pageAccessToken: TOKEN, appSecret, ...extra })

describeMetaWebhook({
  name: 'messenger',
  hook: HOOK,
  vectors,
  driverFor,
  withoutSecret: () => createMessengerDriver({ pageAccessToken: TOKEN }),
})

describe('messenger webhook parsing', () => {
  const d = driverFor('secret_abcdef')
  const post = (body: unknown) => new Request(HOOK, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const parse = async (body: unknown) => (await d.webhook?.parse(post(body))) ?? []
  const validateInbound = schemaValidator('messenger', 'InboundWebhook')
  const validateStatus = schemaValidator('messenger', 'StatusWebhook')
  const inbound = contractFile<{ examples: Record<string, unknown> }>('messenger', 'examples/webhook-inbound.json').examples
  const status = contractFile<{ examples: Record<string, unknown> }>('messenger', 'examples/webhook-status.json').examples
  const page = '106540352242922'
  const user = '1254459154682919'
  const envelope = (messaging: unknown[], object = 'page') => ({ object, entry: [{ id: page, time: 1718000009000, messaging }] })
  const ev = (extra: Record<string, unknown>) => ({ sender: { id: user }, recipient: { id: page }, timestamp: 1718000005000, ...extra })

  it('has an expectation for every example', () => {
    expect(Object.keys(inbound).sort()).toEqual(['message', 'postback'])
    expect(Object.keys(status).sort()).toEqual(['delivery', 'read'])
  })

  it('parses the "message" example: a quick-reply tap, with its text as the title', async () => {
    expect(validateInbound(inbound.message)).toEqual([])
    expect(await parse(inbound.message)).toEqual([
      {
        type: 'inbound',
        channel: 'messenger',
        provider: 'messenger',
        from: user,
        to: page,
        at: 1718000000000,
        text: 'Red',
        reply: { payload: 'PICK_RED', title: 'Red', source: 'native' },
        providerMessageId: 'm_1457764197618:41d102a3e1ae206a38',
        eventId: 'm_1457764197618:41d102a3e1ae206a38',
        raw: (inbound.message as { entry: Array<{ messaging: unknown[] }> }).entry[0]?.messaging[0],
      },
    ])
  })

  it('parses the "postback" example: a button tap', async () => {
    expect(validateInbound(inbound.postback)).toEqual([])
    expect(await parse(inbound.postback)).toEqual([
      expect.objectContaining({
        type: 'inbound',
        from: user,
        to: page,
        at: 1718000000400,
        text: 'More like this',
        reply: { payload: 'MORE_TSHIRTS', title: 'More like this', source: 'native' },
        providerMessageId: 'm_AG5Hz2U',
        eventId: 'm_AG5Hz2U',
      }),
    ])
  })

  it('parses the "delivery" example: one delivered status per mid, recipient = the person', async () => {
    expect(validateStatus(status.delivery)).toEqual([])
    expect(await parse(status.delivery)).toEqual([
      {
        type: 'status',
        channel: 'messenger',
        provider: 'messenger',
        providerMessageId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM',
        status: 'delivered',
        at: 1718000000900,
        recipient: user,
        eventId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM:delivered',
        raw: (status.delivery as { entry: Array<{ messaging: unknown[] }> }).entry[0]?.messaging[0],
      },
    ])
  })

  it('parses the "read" example into no status event (a watermark names no message) but a watermark', async () => {
    expect(validateStatus(status.read)).toEqual([])
    expect(await parse(status.read)).toEqual([])
    expect(messengerWatermarks(status.read)).toEqual([{ event: 'read', psid: user, pageId: page, watermark: 1718000001900 }])
    expect(messengerWatermarks(status.delivery)).toEqual([{ event: 'delivery', psid: user, pageId: page, watermark: 1718000000900 }])
    expect(messengerWatermarks(inbound.message)).toEqual([])
  })

  it('maps the status table cell by cell: delivery → delivered, and nothing else is a status', async () => {
    expect(MESSENGER_STATUS).toEqual({ delivery: 'delivered' })
    const many = envelope([ev({ delivery: { mids: ['m_1', 'm_2'], watermark: 1718000004000 } })])
    expect(validateStatus(many)).toEqual([])
    const events = (await parse(many)) as StatusEvent[]
    // Entries that are not message ids are skipped, not turned into events.
    expect(await parse(envelope([ev({ delivery: { mids: ['m_1', '', 7, null], watermark: 1718000004000 } })]))).toHaveLength(1)
    expect(events.map((e) => [e.providerMessageId, e.status, e.eventId, e.at])).toEqual([
      ['m_1', 'delivered', 'm_1:delivered', 1718000004000],
      ['m_2', 'delivered', 'm_2:delivered', 1718000004000],
    ])
    // A delivery without mids (Meta: "may not be present") only moves the watermark.
    expect(await parse(envelope([ev({ delivery: { watermark: 1718000004000 } })]))).toEqual([])
    for (const other of [{ read: { watermark: 1 } }, { reaction: { mid: 'm_1', action: 'react', emoji: '👍' } }, { referral: { ref: 'ad' } }, { optin: { ref: 'x' } }])
      expect(await parse(envelope([ev(other)])), JSON.stringify(other)).toEqual([])
  })

  it('maps files to media with their URL, keeps plain text, and uses the event time', async () => {
    const body = envelope([
      ev({
        message: {
          mid: 'm_files',
          attachments: [
            { type: 'image', payload: { url: 'https://scontent.example/1.jpg' } },
            { type: 'video', payload: { url: 'https://scontent.example/2.mp4' } },
            { type: 'audio', payload: { url: 'https://scontent.example/3.mp4' } },
            { type: 'file', payload: { url: 'https://scontent.example/4.pdf' } },
            { type: 'fallback', payload: { url: 'https://shared.example/link', title: 'A link' } },
            { type: 'image', payload: {} },
          ],
        },
      }),
      ev({ timestamp: undefined, message: { mid: 'm_text', text: 'Hello' } }),
    ])
    expect(validateInbound(body)).toEqual([])
    const [files, text] = (await parse(body)) as InboundEvent[]
    expect(files?.media).toEqual([
      { type: 'image', url: 'https://scontent.example/1.jpg' },
      { type: 'video', url: 'https://scontent.example/2.mp4' },
      { type: 'audio', url: 'https://scontent.example/3.mp4' },
      { type: 'file', url: 'https://scontent.example/4.pdf' },
    ])
    expect(files).not.toHaveProperty('text')
    expect(files).not.toHaveProperty('reply')
    expect(text).toMatchObject({ text: 'Hello', at: 1718000009000, providerMessageId: 'm_text' })
    expect(text).not.toHaveProperty('reply')
  })

  it('ignores echoes of what the Page sent, other objects, events without a sender and unreadable bodies', async () => {
    expect(await parse(envelope([ev({ message: { mid: 'm_echo', is_echo: true, text: 'our own message', app_id: 1 } })]))).toEqual([])
    expect(await parse({ ...(inbound.message as object), object: 'instagram' })).toEqual([])
    expect(await parse(envelope([{ recipient: { id: page }, timestamp: 1, message: { mid: 'm_x', text: 'x' } }]))).toEqual([])
    expect(await parse(envelope([ev({ postback: { title: 'no payload' } })]))).toEqual([])
    expect(await d.webhook?.parse(new Request(HOOK, { method: 'POST', body: 'not json' }))).toEqual([])
    expect(parseMessengerWebhook(null)).toEqual([])
  })

  it('identifies an old postback without mid by sender and time, so a retry dedupes', async () => {
    const [e] = await parse(envelope([ev({ postback: { title: 'Get Started', payload: 'GET_STARTED' } })]))
    expect(e).toMatchObject({ providerMessageId: `postback:${user}:1718000005000`, eventId: `postback:${user}:1718000005000`, reply: { payload: 'GET_STARTED', title: 'Get Started' } })
  })

  it('returns every event of a batched delivery, in order, across entries', async () => {
    const body = {
      object: 'page',
      entry: [
        { id: page, time: 1, messaging: [ev({ message: { mid: 'm_a', text: 'a' } }), ev({ delivery: { mids: ['m_out'], watermark: 2 } })] },
        { id: page, time: 3, messaging: [ev({ postback: { mid: 'm_b', title: 'B', payload: 'B' } })] },
      ],
    }
    expect((await parse(body)).map((e: ChannelEvent) => `${e.type}:${e.providerMessageId}`)).toEqual(['inbound:m_a', 'status:m_out', 'inbound:m_b'])
  })
})

describe('messenger webhooks through client.handleWebhook()', () => {
  const secret = 'app_secret_for_client_test'
  const sign = async (body: string) => `sha256=${toHex(await hmac('SHA-256', secret, body))}`

  it('answers the handshake, emits a native reply once (a re-delivery dedupes) and a delivery status', async () => {
    const messenger = createMessengerDriver({ pageAccessToken: TOKEN, appSecret: secret, verifyToken: 'vt' })
    const client = createClient({ channels: { messenger } })
    const inbound: InboundEvent[] = []
    const statuses: StatusEvent[] = []
    client.on('inbound', (e) => inbound.push(e))
    client.on('status', (e) => statuses.push(e))

    const hs = await client.handleWebhook('messenger', new Request(`${HOOK}?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=42`))
    expect([hs.status, await hs.text()]).toEqual([200, '42'])

    const tap = JSON.stringify(contractFile<{ examples: Record<string, unknown> }>('messenger', 'examples/webhook-inbound.json').examples.postback)
    const post = async (body: string, signature?: string) =>
      client.handleWebhook('messenger', new Request(HOOK, { method: 'POST', headers: { 'x-hub-signature-256': signature ?? (await sign(body)) }, body }))
    expect((await post(tap)).status).toBe(200)
    expect((await post(tap)).status).toBe(200)
    expect(inbound).toHaveLength(1)
    expect(inbound[0]).toMatchObject({ channel: 'messenger', from: PSID, reply: { payload: 'MORE_TSHIRTS', title: 'More like this', source: 'native' } })

    const delivery = JSON.stringify(contractFile<{ examples: Record<string, unknown> }>('messenger', 'examples/webhook-status.json').examples.delivery)
    expect((await post(delivery)).status).toBe(200)
    expect(statuses).toEqual([expect.objectContaining({ providerMessageId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM', status: 'delivered' })])

    expect((await post(delivery, 'sha256=00')).status).toBe(401)
  })
})

const opts: MessengerPayloadOptions = { messagingType: 'RESPONSE' }
const body = (m: Message, o: Partial<MessengerPayloadOptions> = {}, extra: MessengerProviderOptions = {}) => {
  const out = toMessengerBody(m, PSID, { ...opts, ...o }, extra)
  expect(validateMessengerRequest(out), JSON.stringify(out)).toEqual([])
  return out
}
const head = { recipient: { id: PSID }, messaging_type: 'RESPONSE' }

describe('messenger request validation (the check the contract suite uses)', () => {
  const tpl = (payload: Record<string, unknown>) => ({ ...head, message: { attachment: { type: 'template', payload } } })
  const postback = { type: 'postback', title: 'A', payload: 'A' }

  it('rejects what the Send API refuses, by the shared schema or the documented rules', () => {
    const wrong: Array<[string, unknown]> = [
      ['no messaging_type', { recipient: { id: PSID }, message: { text: 'x' } }],
      ['MESSAGE_TAG without tag', { ...head, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } }],
      ['text over 2000', { ...head, message: { text: 'x'.repeat(2001) } }],
      ['text and attachment', { ...head, message: { text: 'x', attachment: { type: 'image', payload: { url: 'https://c.example/a.jpg' } } } }],
      ['caption on a file', { ...head, message: { attachment: { type: 'image', payload: { url: 'https://c.example/a.jpg', caption: 'c' } } } }],
      ['4 template buttons', tpl({ template_type: 'button', text: 'x', buttons: [postback, postback, postback, postback] })],
      ['button text over 640', tpl({ template_type: 'button', text: 'x'.repeat(641), buttons: [postback] })],
      ['empty button text', tpl({ template_type: 'button', text: '', buttons: [postback] })],
      ['phone without +', tpl({ template_type: 'button', text: 'x', buttons: [{ type: 'phone_number', title: 'Call', payload: '14155550100' }] })],
      ['title-only element', tpl({ template_type: 'generic', elements: [{ title: 'T' }] })],
      ['11 elements', tpl({ template_type: 'generic', elements: Array.from({ length: 11 }, () => ({ title: 'T', subtitle: 's' })) })],
      ['quick reply title over 20', { ...head, message: { text: 'x', quick_replies: [{ content_type: 'text', title: 'x'.repeat(21), payload: 'P' }] } }],
      ['14 quick replies', { ...head, message: { text: 'x', quick_replies: Array.from({ length: 14 }, () => ({ content_type: 'text', title: 'T', payload: 'P' })) } }],
    ]
    for (const [name, b] of wrong) expect(validateMessengerRequest(b).length, name).toBeGreaterThan(0)
  })
})

describe('messenger payload', () => {
  it('sends text with messaging_type RESPONSE', () => {
    expect(body({ text: 'Hello' })).toEqual({ ...head, message: { text: 'Hello' } })
  })

  it('sends each file kind by URL, with is_reusable when asked', () => {
    const cases: Array<[Message['media'], string]> = [
      [[image('https://c.example/a.jpg')], 'image'],
      [[video('https://c.example/a.mp4')], 'video'],
      [[audio('https://c.example/a.mp3')], 'audio'],
      [[file('https://c.example/a.pdf', { filename: 'a.pdf' })], 'file'],
    ]
    for (const [media, type] of cases) expect(body({ media })).toEqual({ ...head, message: { attachment: { type, payload: { url: media?.[0]?.url } } } })
    expect(body({ media: [image('https://c.example/a.jpg')] }, {}, { isReusable: true }).message.attachment).toEqual({ type: 'image', payload: { url: 'https://c.example/a.jpg', is_reusable: true } })
    expect(body({ text: 'hi' }, {}, { isReusable: true }).message).toEqual({ text: 'hi' })
  })

  it('sends reply, URL and call buttons as a button template', () => {
    expect(body({ text: 'How can we help?', buttons: [reply('Track', 'TRACK'), link('Site', 'https://shop.example'), call('Call us', '+14155550100')] }).message).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: 'How can we help?',
          buttons: [
            { type: 'postback', title: 'Track', payload: 'TRACK' },
            { type: 'web_url', title: 'Site', url: 'https://shop.example' },
            { type: 'phone_number', title: 'Call us', payload: '+14155550100' },
          ],
        },
      },
    })
  })

  it('sends cards as generic template elements: title, subtitle, image, buttons', () => {
    const m: Message = {
      cards: [
        card({ title: 'Blue shirt', text: 'Size M', media: image('https://c.example/s.jpg'), buttons: [reply('Buy', 'BUY'), link('View', 'https://shop.example/p/1')] }),
        card({ title: 'Red shirt', buttons: [call('Ask', '+14155550100')] }),
        card({ title: 'Green shirt', media: image('https://c.example/g.jpg') }),
      ],
    }
    expect(body(m).message).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'generic',
          elements: [
            {
              title: 'Blue shirt',
              subtitle: 'Size M',
              image_url: 'https://c.example/s.jpg',
              buttons: [
                { type: 'postback', title: 'Buy', payload: 'BUY' },
                { type: 'web_url', title: 'View', url: 'https://shop.example/p/1' },
              ],
            },
            { title: 'Red shirt', buttons: [{ type: 'phone_number', title: 'Ask', payload: '+14155550100' }] },
            { title: 'Green shirt', image_url: 'https://c.example/g.jpg' },
          ],
        },
      },
    })
  })

  it('attaches quick replies to text, files, button and generic templates alike', () => {
    const quickReplies = [reply('Yes', 'YES'), reply('No', 'NO')]
    const qr = [
      { content_type: 'text', title: 'Yes', payload: 'YES' },
      { content_type: 'text', title: 'No', payload: 'NO' },
    ]
    expect(body({ text: 'Sure?', quickReplies }).message).toEqual({ text: 'Sure?', quick_replies: qr })
    expect(body({ media: [image('https://c.example/a.jpg')], quickReplies }).message.quick_replies).toEqual(qr)
    expect(body({ text: 'Sure?', buttons: [link('Terms', 'https://shop.example/t')], quickReplies }).message.quick_replies).toEqual(qr)
    expect(body({ cards: [card({ title: 'A', text: 'a' })], quickReplies }).message.quick_replies).toEqual(qr)
  })

  it('sends tagged messages: driver tag, per-send tag, per-send override and notification type', () => {
    expect(body({ text: 'Shipped' }, { messagingType: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' })).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' })
    expect(body({ text: 'Shipped' }, {}, { tag: 'ACCOUNT_UPDATE' })).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' })
    expect(body({ text: 'Shipped' }, { messagingType: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' }, { tag: 'HUMAN_AGENT' })).toMatchObject({ tag: 'HUMAN_AGENT' })
    const update = body({ text: 'Reply' }, { messagingType: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' }, { messagingType: 'UPDATE' })
    expect(update.messaging_type).toBe('UPDATE')
    expect(update).not.toHaveProperty('tag')
    expect(body({ text: 'Quiet' }, {}, { notificationType: 'SILENT_PUSH' })).toMatchObject({ notification_type: 'SILENT_PUSH' })
    expect(() => toMessengerBody({ text: 'x' }, PSID, opts, { messagingType: 'MESSAGE_TAG' })).toThrow(/needs a tag/)
  })

  it('refuses what one Send API request cannot carry (render() never leaves it) with a ValidationError naming the field', () => {
    const cases: Array<[Message, RegExp]> = [
      [{ text: 'q', list: list({ button: 'B', sections: [{ items: [{ id: '1', title: '1' }] }] }) }, /message\.list/],
      [{ location: location({ latitude: 1, longitude: 2 }) }, /message\.location/],
      [{ template: template('x', { language: 'en' }) }, /message\.template/],
      [{ text: 'Look', media: [image('https://a.example/1.jpg')] }, /file goes alone/],
      [{ media: [image('https://a.example/1.jpg')], buttons: [reply('A', 'A')] }, /file goes alone/],
      [{ media: [image('https://a.example/1.jpg'), image('https://a.example/2.jpg')] }, /one file per message/],
      [{ media: [{ type: 'image', url: 'https://a.example/1.jpg', caption: 'c' }] }, /media\[0\]\.caption/],
      [{ text: 'Cards', cards: [card({ title: 'A', text: 'a' })] }, /generic template goes alone/],
      [{ cards: Array.from({ length: 11 }, (_, i) => card({ title: `C${i}`, text: 'c' })) }, /up to 10 cards/],
      [{ cards: [card({ text: 'no title' })] }, /cards\[0\]\.title: a Messenger generic template element needs a title/],
      [{ cards: [card({ title: 'only a title' })] }, /besides its title/],
      [{ cards: [card({ title: 'T', media: video('https://a.example/v.mp4') })] }, /image only/],
      [{ cards: [card({ title: 'T', buttons: ['1', '2', '3', '4'].map((i) => reply(i, i)) })] }, /up to 3 buttons/],
      [{ text: 'q', buttons: ['1', '2', '3', '4'].map((i) => reply(i, i)) }, /1-3 buttons/],
      [{ buttons: [reply('A', 'A')] }, /needs text above its buttons/],
      [{ text: 'q', quickReplies: Array.from({ length: 14 }, (_, i) => reply(`Q${i}`, `Q${i}`)) }, /up to 13 quick replies/],
      [{ quickReplies: [reply('A', 'A')] }, /nothing to send/],
      [{ text: '' }, /nothing to send/],
      [{ fallback: { text: 'only for SMS' } }, /nothing to send/],
    ]
    for (const [m, re] of cases) {
      const err = (() => {
        try {
          toMessengerBody(m, PSID, opts)
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(ValidationError.isInstance(err), JSON.stringify(m)).toBe(true)
      expect((err as Error).message, JSON.stringify(m)).toMatch(re)
    }
  })

  it('reads providerOptions.messenger strictly', () => {
    expect(readMessengerProviderOptions(undefined)).toEqual({})
    expect(readMessengerProviderOptions({ tag: 'HUMAN_AGENT', notificationType: 'NO_PUSH', isReusable: false, messagingType: undefined })).toEqual({ tag: 'HUMAN_AGENT', notificationType: 'NO_PUSH', isReusable: false })
    expect(() => readMessengerProviderOptions({ messaging_type: 'RESPONSE' })).toThrow(/unknown option/)
    expect(() => readMessengerProviderOptions({ tag: 'SHIPPING_UPDATE' })).toThrow(/tag: must be one of/)
    expect(() => readMessengerProviderOptions({ messagingType: 'response' })).toThrow(/messagingType: must be one of/)
    expect(() => readMessengerProviderOptions({ notificationType: 'LOUD' })).toThrow(/notificationType/)
    expect(() => readMessengerProviderOptions({ isReusable: 'yes' })).toThrow(/boolean/)
    expect(() => readMessengerProviderOptions({ messagingType: 'RESPONSE', tag: 'HUMAN_AGENT' })).toThrow(/a tag goes with messagingType 'MESSAGE_TAG'/)
  })

  it('sends everything render() gives the messenger profile as requests the contract accepts', () => {
    const messages: Message[] = [
      { text: 'x'.repeat(1900), buttons: [link('Open', 'https://a.example'), call('Call', '+14155550100')], quickReplies: [reply('Help', 'HELP')] },
      { text: 'Pick', buttons: [reply('A', 'A'), reply('B', 'B'), reply('C', 'C'), link('Site', 'https://a.example')] },
      { cards: [card({ title: 'Only a title' }), card({ title: 'T'.repeat(120), text: 'S'.repeat(200), media: image('https://c.example/a.jpg') })] },
      { text: 'Files', media: [image('https://c.example/a.jpg'), file('https://c.example/a.pdf')], quickReplies: [reply('OK', 'OK')] },
      { list: list({ button: 'Slots', sections: [{ items: Array.from({ length: 15 }, (_, i) => ({ id: `S${i}`, title: `Slot ${i}` })) }] }), buttons: [call('Call', '+14155550100')] },
    ]
    for (const m of messages) {
      const r = render(m, MESSENGER_CAPABILITIES)
      expect(r.messages.length).toBeGreaterThan(0)
      for (const part of r.messages) body(part)
    }
  })
})

describe('messenger error mapping', () => {
  const ctx: HttpContext = { driver: 'messenger', secrets: [TOKEN] }
  const validateError = schemaValidator('messenger', 'ErrorResponse')
  const res = (status: number, json: unknown, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: JSON.stringify(json), json })
  const graph = (code: number, subcode?: number, extra: Record<string, unknown> = {}) => ({
    error: { message: `(#${code}) something`, type: 'OAuthException', code, ...(subcode !== undefined ? { error_subcode: subcode } : {}), fbtrace_id: 'Trace', ...extra },
  })

  it('maps every documented example in error-responses.json', () => {
    const ex = errorExamples('messenger')
    const want: Record<string, [string, boolean, boolean]> = {
      'outside-window-400': ['RECIPIENT_ERROR', false, true],
      'no-user-400': ['RECIPIENT_ERROR', false, true],
      'rate-limit-400': ['RATE_LIMIT_ERROR', true, false],
    }
    expect(Object.keys(ex).sort()).toEqual(Object.keys(want).sort())
    for (const [name, e] of Object.entries(ex)) {
      expect(validateError(e.body), name).toEqual([])
      const err = messengerError(ctx, res(e.status, e.body)) as ProviderError
      expect([err.code, err.retryable, err.failover], name).toEqual(want[name])
      expect(err.requestId, name).toBe((e.body as { error: { fbtrace_id: string } }).error.fbtrace_id)
      expect(err.providerCode, name).toBe((e.body as { error: { code: number } }).error.code)
      expect(err.status, name).toBe(400)
    }
  })

  // [HTTP status, code, subcode, class, retryable, failover, ambiguous]
  type Row = [number, number | undefined, number | undefined, string, boolean, boolean, boolean]
  const table: Row[] = [
    ...Object.keys(MESSENGER_RECIPIENT_CODES).map((k): Row => {
      const [c, s] = k.split('/').map(Number)
      return [400, c, s, 'RECIPIENT_ERROR', false, true, false]
    }),
    [400, 551, 1545041, 'RECIPIENT_ERROR', false, true, false],
    [400, 100, undefined, 'PROVIDER_ERROR', false, false, false],
    [400, 100, 2018109, 'PROVIDER_ERROR', false, false, false],
    [401, 190, undefined, 'AUTH_ERROR', false, false, false],
    [400, 190, 460, 'AUTH_ERROR', false, false, false],
    [400, 102, undefined, 'AUTH_ERROR', false, false, false],
    [403, 10, undefined, 'AUTH_ERROR', false, false, false],
    [400, 10, 2018336, 'AUTH_ERROR', false, false, false],
    [403, 200, 2018028, 'AUTH_ERROR', false, false, false],
    [403, 230, undefined, 'AUTH_ERROR', false, false, false],
    [400, 299, undefined, 'AUTH_ERROR', false, false, false],
    [400, 613, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 4, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 4, 2018022, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 32, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [400, 80006, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [500, 1200, undefined, 'PROVIDER_ERROR', true, false, false],
    [500, 2, undefined, 'PROVIDER_ERROR', true, false, false],
    [500, 1, undefined, 'PROVIDER_ERROR', false, false, false],
    [502, 2, undefined, 'PROVIDER_ERROR', false, false, true],
    [504, undefined, undefined, 'PROVIDER_ERROR', false, false, true],
    [401, undefined, undefined, 'AUTH_ERROR', false, false, false],
    [403, undefined, undefined, 'AUTH_ERROR', false, false, false],
    [429, undefined, undefined, 'RATE_LIMIT_ERROR', true, false, false],
    [503, undefined, undefined, 'PROVIDER_ERROR', false, false, false],
    [500, undefined, undefined, 'PROVIDER_ERROR', false, false, false],
  ]
  for (const [status, code, subcode, cls, retryable, failover, ambiguous] of table) {
    it(`HTTP ${status} code ${code ?? '(none)'}${subcode ? `/${subcode}` : ''} → ${cls}${retryable ? ', retryable' : ''}${failover ? ', fails over' : ''}${ambiguous ? ', ambiguous' : ''}`, () => {
      // Without a code, the answer is not Meta's (a proxy or load balancer): no JSON body at all.
      const json = code === undefined ? undefined : graph(code, subcode)
      if (json) expect(validateError(json)).toEqual([])
      const e = messengerError(ctx, res(status, json)) as ProviderError
      expect([e.code, e.retryable, e.failover, e.ambiguous, e.status]).toEqual([cls, retryable, failover, ambiguous, status])
      if (cls === 'RECIPIENT_ERROR') expect(RecipientError.isInstance(e)).toBe(true)
      if (cls === 'AUTH_ERROR') expect(AuthError.isInstance(e)).toBe(true)
      if (cls === 'RATE_LIMIT_ERROR') expect(RateLimitError.isInstance(e)).toBe(true)
    })
  }

  it('honours Retry-After on throttling and 503, and is_transient on a refusal', () => {
    expect(messengerError(ctx, res(400, graph(613), { 'retry-after': '7' }))).toMatchObject({ code: 'RATE_LIMIT_ERROR', retryAfterMs: 7000 })
    expect(messengerError(ctx, res(429, {}, { 'retry-after': '2' }))).toMatchObject({ code: 'RATE_LIMIT_ERROR', retryAfterMs: 2000 })
    expect(messengerError(ctx, res(503, {}, { 'retry-after': '4' }))).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 4000 })
    expect(messengerError(ctx, res(400, graph(1, undefined, { is_transient: true })))).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true })
    expect(messengerError(ctx, res(400, graph(613)))).toMatchObject({ retryAfterMs: undefined })
  })

  it('says what happened (code, subcode, the user message, the reason) and takes the trace id from the header when the body has none', () => {
    const e = messengerError(ctx, res(400, { error: { message: '(#100) No matching user found', code: 100, error_subcode: 2018001, error_user_msg: 'The person cannot be found' } }, { 'x-fb-trace-id': 'HdrTrace' })) as ProviderError
    expect(e.message).toBe('messenger: (#100) No matching user found (code 100/2018001): The person cannot be found; no matching user: the PSID is not a person who wrote to this Page')
    expect(e.requestId).toBe('HdrTrace')
    expect(messengerError(ctx, res(500, undefined)).message).toBe('messenger: HTTP 500')
  })

  it('never repeats the page token, even when Meta echoes it', () => {
    const e = messengerError(ctx, res(401, { error: { message: `Invalid OAuth access token - Cannot parse access token: ${TOKEN}`, code: 190, error_user_msg: TOKEN } })) as ProviderError
    expect(e.message).not.toContain(TOKEN)
    expect(JSON.stringify(e.toJSON())).not.toContain(TOKEN)
  })
})

describe('messenger driver', () => {
  const fake = scriptedFetch
  const sent = (id: string) => ({ status: 200, body: { recipient_id: PSID, message_id: id } })
  const make = (fetch: ReturnType<typeof fake>['fetch'], extra: Record<string, unknown> = {}) => createMessengerDriver({ pageAccessToken: TOKEN, fetch, ...extra })
  const send = (d: ReturnType<typeof make>, message: Message, o: { to?: string; providerOptions?: Record<string, Record<string, unknown>> } = {}) =>
    d.doSend({ to: o.to ?? PSID, message, idempotencyKey: 'k', signal: new AbortController().signal, ...(o.providerOptions ? { providerOptions: o.providerOptions } : {}) })

  it('posts to /{version}/me/messages with the page token as a Bearer header (never in the URL) and reports the mid as sent', async () => {
    const f = fake([sent('m_1')])
    const receipt = await send(make(f.fetch, { apiVersion: 'v21.0', baseUrl: 'https://proxy.example/graph/' }), { text: 'hi' })
    expect(f.seen[0]?.url).toBe('https://proxy.example/graph/v21.0/me/messages')
    expect(f.seen[0]?.url).not.toContain(TOKEN)
    expect(f.seen[0]?.auth).toBe(`Bearer ${TOKEN}`)
    expect(f.seen[0]?.body).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'hi' } })
    expect(receipt).toEqual({ providerMessageIds: ['m_1'], status: 'sent', raw: { recipient_id: PSID, message_id: 'm_1' } })
    const g = fake([sent('m_2')])
    await send(make(g.fetch), { text: 'hi' })
    expect(g.seen[0]?.url).toBe(`${MESSENGER_DEFAULTS.baseUrl}/${MESSENGER_DEFAULTS.apiVersion}/me/messages`)
  })

  it('sends tagged messages from the driver options and per send', async () => {
    const f = fake([sent('m_1')])
    await send(make(f.fetch, { tag: 'CONFIRMED_EVENT_UPDATE' }), { text: 'Your event starts soon' })
    await send(make(f.fetch), { text: 'Shipped' }, { providerOptions: { messenger: { tag: 'POST_PURCHASE_UPDATE' } } })
    expect(f.seen.map((s) => [(s.body as { messaging_type: string }).messaging_type, (s.body as { tag?: string }).tag])).toEqual([
      ['MESSAGE_TAG', 'CONFIRMED_EVENT_UPDATE'],
      ['MESSAGE_TAG', 'POST_PURCHASE_UPDATE'],
    ])
    for (const s of f.seen) expect(validateMessengerRequest(s.body)).toEqual([])
  })

  it('refuses a recipient that is not a PSID with a RecipientError, before any request', async () => {
    const f = fake([sent('m_1')])
    for (const to of ['+14155550100', 'ada.lovelace', '']) {
      const err = await send(make(f.fetch), { text: 'hi' }, { to }).catch((e: unknown) => e)
      expect(RecipientError.isInstance(err), to).toBe(true)
      expect(err).toMatchObject({ driver: 'messenger', failover: true, retryable: false })
    }
    expect(f.seen).toHaveLength(0)
    await send(make(f.fetch), { text: 'hi' }, { to: ` ${PSID} ` })
    expect(f.seen[0]?.body).toMatchObject({ recipient: { id: PSID } })
  })

  it('through the client: a phone number fails over to SMS; a Messenger recipient gets Messenger', async () => {
    const f = fake([sent('m_1')])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { messenger: make(f.fetch), sms }, failover: ['messenger', 'sms'] })
    const byPhone = await client.send({ to: '+14155550100', message: { text: 'Hi' } })
    expect([byPhone.channel, f.seen.length]).toEqual(['sms', 0])
    const byPsid = await client.send({ to: { messenger: PSID, phone: '+14155550100' }, message: { text: 'Hi' } })
    expect([byPsid.channel, byPsid.providerMessageIds]).toEqual(['messenger', ['m_1']])
  })

  it('fails over when Meta says the 24-hour window is closed', async () => {
    const ex = errorExamples('messenger')['outside-window-400']
    const f = fake([{ status: ex?.status ?? 400, body: ex?.body }])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { messenger: make(f.fetch), sms }, failover: ['messenger', 'sms'] })
    const r = await client.send({ to: { messenger: PSID, phone: '+14155550100' }, message: { text: 'Hi' } })
    expect(r.channel).toBe('sms')
    expect(r.attempts[0]?.error?.code).toBe('RECIPIENT_ERROR')
  })

  it('treats a 200 without a message id as an ambiguous success', async () => {
    const err = await send(make(fake([{ status: 200, body: { recipient_id: PSID } }]).fetch), { text: 'hi' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', ambiguous: true, status: 200 })
  })

  it('refuses unknown providerOptions.messenger before sending', async () => {
    const f = fake([sent('m_1')])
    await expect(send(make(f.fetch), { text: 'hi' }, { providerOptions: { messenger: { tagg: 'HUMAN_AGENT' } } })).rejects.toThrow(ValidationError)
    expect(f.seen).toHaveLength(0)
  })

  it('declares the messenger profile with no idempotency, the documented send rate, and credentials', () => {
    const d = make(fake([]).fetch)
    expect(d).toMatchObject({ id: 'messenger', channel: 'messenger', usesCredentials: true, specificationVersion: 'v1' })
    expect(d.capabilities).toEqual({ ...profiles.messenger, idempotency: 'none', rateLimit: { perSecond: 300, burst: 300 } })
    expect(MESSENGER_CAPABILITIES.idempotency).toBe('none')
  })

  it('validates its options, never echoing the token', () => {
    const issues = (o: Record<string, unknown>) => {
      try {
        createMessengerDriver(o as never)
      } catch (e) {
        expect(ValidationError.isInstance(e)).toBe(true)
        return (e as Error).message
      }
      return ''
    }
    expect(issues({ pageAccessToken: '  ' })).toMatch(/pageAccessToken: give a Page access token/)
    expect(issues({ pageAccessToken: 't', apiVersion: '23' })).toMatch(/apiVersion: must look like v23\.0/)
    expect(issues({ pageAccessToken: 't', messagingType: 'NOW' })).toMatch(/messagingType: must be one of RESPONSE, UPDATE, MESSAGE_TAG/)
    expect(issues({ pageAccessToken: 't', tag: 'PROMO' })).toMatch(/tag: must be one of/)
    expect(issues({ pageAccessToken: 't', messagingType: 'MESSAGE_TAG' })).toMatch(/tag: messagingType 'MESSAGE_TAG' needs a tag/)
    expect(issues({ pageAccessToken: 't', messagingType: 'RESPONSE', tag: 'HUMAN_AGENT' })).toMatch(/a tag goes with messagingType 'MESSAGE_TAG'/)
    expect(issues({ pageAccessToken: 't', verifyToken: 'v' })).toMatch(/appSecret: verifyToken subscribes/)
    expect(issues({ pageAccessToken: 't', appSecret: '' })).toMatch(/appSecret: must not be empty/)
    expect(issues({ pageAccessToken: 't', maxWebhookBytes: 0 })).toMatch(/maxWebhookBytes/)
    expect(issues({ pageAccessToken: 't', baseUrl: 'graph.facebook.com' })).toMatch(/baseUrl: must be an http\(s\) URL/)
    expect(issues({ pageAccessToken: TOKEN, apiVersion: 'x' })).not.toContain(TOKEN)
    expect(issues({ pageAccessToken: 't', tag: 'HUMAN_AGENT', appSecret: 's', verifyToken: 'v', apiVersion: 'v24.0' })).toBe('')
    expect(issues({ pageAccessToken: 't', messagingType: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' })).toBe('')
  })
})
