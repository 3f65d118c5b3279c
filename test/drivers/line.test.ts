import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { HttpResponse } from '../../src/drivers/http.js'
import { lineError } from '../../src/drivers/line/errors.js'
import {
  LINE_CAPABILITIES,
  LINE_DEFAULTS,
  LINE_SIGNATURE_HEADER,
  LineRequestError,
  createLineDriver,
  lineRetryKey,
  parseLineWebhook,
} from '../../src/drivers/line/index.js'
import { type LineMessage, toLineMessages, toLinePushRequest } from '../../src/drivers/line/payload.js'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import {
  type Message,
  ProviderError,
  SendError,
  ValidationError,
  call,
  card,
  createClient,
  image,
  link,
  message,
  render,
  reply,
} from '../../src/index.js'
import type { InboundEvent } from '../../src/webhooks/events.js'
import { expectedRetryKey, validateLineError, validateLinePush, validateLinePushResponse, validateLineWebhook, validateOfficialPush, validateOurPush } from './support/line-contract.js'
import { contractFile, errorExamples } from './support/provider-contracts.js'
import { thrownValidation } from '../support/thrown.js'

const TOKEN = 'line_channel_access_token_Zk3q9W7xP2mV8='
const USER = 'U4af4980629b1f5ab6c7aadbd8d5a5c2a'
const GROUP = `C${'0123456789abcdef'.repeat(2)}`
const ROOM = `R${'fedcba9876543210'.repeat(2)}`

const sig = contractFile<{ header: string; computedVectors: { cases: Array<{ name: string; channelSecret: string; rawBody: string; expected: string }> } }>('line', 'signature.json')
const SECRET = (sig.computedVectors.cases[0] as { channelSecret: string }).channelSecret
const inbound = contractFile<{ examples: Record<string, Record<string, unknown>> }>('line', 'examples/webhook-inbound.json').examples
const errors = errorExamples('line')
const okExample = contractFile<{ examples: { ok: { sentMessages: Array<{ id: string }> } } }>('line', 'examples/send-response-200.json').examples.ok

const o = { notificationDisabled: false, altTextMaxLength: LINE_DEFAULTS.altTextMaxLength }
const map = (m: Message): LineMessage[] => toLineMessages(m, o)
const push = (m: Message, to = USER) => toLinePushRequest(m, to, o)

type Call = { url: string; headers: Headers; body: Record<string, unknown> }

/** A fetch that records every call and answers from `answers` in turn (then with a 200 carrying one id per message). */
function fakeFetch(answers: Array<(call: Call) => Response> = []) {
  const calls: Call[] = []
  let id = 461230966842064897n
  const ok = (c: Call) => Response.json({ sentMessages: (c.body.messages as unknown[]).map(() => ({ id: String(id++) })) }, { headers: { 'x-line-request-id': 'req-ok' } })
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init)
    const c: Call = { url: req.url, headers: req.headers, body: (await req.json()) as Record<string, unknown> }
    calls.push(c)
    const answer = answers[calls.length - 1]
    return answer ? answer(c) : ok(c)
  }
  return { fetch, calls }
}

const driverWith = (extra: Partial<Parameters<typeof createLineDriver>[0]> = {}) => createLineDriver({ channelAccessToken: TOKEN, channelSecret: SECRET, ...extra })
const send = (d: ReturnType<typeof createLineDriver>, msg: Message, key = 'k', providerOptions?: Record<string, Record<string, unknown>>) =>
  d.doSend({ to: USER, message: msg, idempotencyKey: key, signal: new AbortController().signal, ...(providerOptions ? { providerOptions } : {}) })

function signed(body: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64')
}

function webhookRequest(body: unknown, headers: Record<string, string | null> = {}, url = 'https://hooks.example.test/line'): Request {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  const h = new Headers({ 'content-type': 'application/json' })
  for (const [k, v] of Object.entries({ [LINE_SIGNATURE_HEADER]: signed(raw), ...headers })) if (v !== null) h.set(k, v)
  return new Request(url, { method: 'POST', headers: h, body: raw })
}

/** A webhook body with one event, shaped like LINE's (webhook.yml). */
function eventBody(event: Record<string, unknown>, destination = 'Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') {
  return {
    destination,
    events: [
      {
        webhookEventId: '01HZX5K3Q8T9W2V7B4N6M1C0DE',
        deliveryContext: { isRedelivery: false },
        timestamp: 1718000000123,
        source: { type: 'user', userId: USER },
        mode: 'active',
        ...event,
      },
    ],
  }
}

describe('line webhook signature (x-line-signature)', () => {
  const d = driverWith()

  it('accepts every computed vector of signature.json', async () => {
    expect(sig.header).toBe(LINE_SIGNATURE_HEADER)
    for (const c of sig.computedVectors.cases) {
      // Our node:crypto HMAC agrees with the vector, and the driver's Web Crypto one with both.
      expect(signed(c.rawBody, c.channelSecret), c.name).toBe(c.expected)
      const hook = createLineDriver({ channelAccessToken: TOKEN, channelSecret: c.channelSecret }).webhook
      expect(await hook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: c.expected })), c.name).toBe(true)
    }
  })

  it('rejects a changed body byte, a changed or truncated signature, a missing or empty header and another channel secret', async () => {
    const c = sig.computedVectors.cases[0] as { rawBody: string; expected: string }
    const tamperedBody = c.rawBody.replace('Hello, world', 'Hello, World')
    expect(tamperedBody).not.toBe(c.rawBody)
    expect(await d.webhook?.verify(webhookRequest(tamperedBody, { [LINE_SIGNATURE_HEADER]: c.expected }))).toBe(false)
    const flipped = `${c.expected[0] === 'A' ? 'B' : 'A'}${c.expected.slice(1)}`
    expect(await d.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: flipped }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: c.expected.slice(0, -2) }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: null }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: '' }))).toBe(false)
    const other = createLineDriver({ channelAccessToken: TOKEN, channelSecret: 'ffffffffffffffffffffffffffffffff' })
    expect(await other.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: c.expected }))).toBe(false)
  })

  it('signs the body only: another URL or host with the same body and signature verifies', async () => {
    // Documented: the signature is the HMAC of the request body; LINE signs neither URL nor host.
    const c = sig.computedVectors.cases[0] as { rawBody: string; expected: string }
    expect(await d.webhook?.verify(webhookRequest(c.rawBody, { [LINE_SIGNATURE_HEADER]: c.expected }, 'https://other-host.example.test/x?y=1'))).toBe(true)
  })

  it('checks the raw bytes: the same JSON re-serialised with spaces does not verify', async () => {
    const c = sig.computedVectors.cases[0] as { rawBody: string; expected: string }
    const spaced = JSON.stringify(JSON.parse(c.rawBody), null, 1)
    expect(await d.webhook?.verify(webhookRequest(spaced, { [LINE_SIGNATURE_HEADER]: c.expected }))).toBe(false)
  })

  it('refuses bodies over maxWebhookBytes (1 MiB by default)', async () => {
    const big = JSON.stringify({ destination: USER, events: [], pad: 'x'.repeat(1024 * 1024) })
    expect(await d.webhook?.verify(webhookRequest(big))).toBe(false)
    const small = driverWith({ maxWebhookBytes: 64 })
    expect(await small.webhook?.verify(webhookRequest(inbound.textMessage))).toBe(false)
    expect(await small.webhook?.parse(webhookRequest(inbound.textMessage))).toEqual([])
  })

  it('has no webhook without a channel secret', () => {
    expect(createLineDriver({ channelAccessToken: TOKEN }).webhook).toBeUndefined()
  })
})

describe('line webhook parsing', () => {
  const d = driverWith()
  const parse = async (body: unknown) => ((await d.webhook?.parse(webhookRequest(body))) ?? []) as InboundEvent[]

  it('the examples are valid webhook bodies (official webhook schema)', () => {
    for (const [name, body] of Object.entries(inbound)) expect(validateLineWebhook(body), name).toEqual([])
  })

  it('parses the text message example', async () => {
    const [e, ...rest] = await parse(inbound.textMessage)
    expect(rest).toEqual([])
    expect(e).toMatchObject({
      type: 'inbound',
      channel: 'line',
      provider: 'line',
      from: 'U80696558e1aa831...',
      to: 'Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      at: 1625665242211,
      text: 'Hello, world',
      providerMessageId: '14353798921116',
      eventId: '01FZ74A0TDDPYRVKNK77XKC3ZR',
    })
    expect(e?.reply).toBeUndefined()
    expect((e?.raw as { replyToken?: string }).replyToken).toBe('757913772c4646b784d4b7ce46d12671')
  })

  it('parses the postback example as a native reply (payload = data)', async () => {
    const [e] = await parse(inbound.postback)
    expect(e).toMatchObject({
      from: 'U80696558e1aa831...',
      to: 'Ubbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      reply: { payload: 'action=contact&order=1234', title: 'action=contact&order=1234', source: 'native' },
      providerMessageId: '01FZ74ASS536FW97EX38NKCZQK',
      eventId: '01FZ74ASS536FW97EX38NKCZQK',
    })
    expect(e?.text).toBeUndefined()
  })

  it('answers the connectivity check (empty events) with no event', async () => {
    expect(await parse(inbound.verification)).toEqual([])
  })

  it('maps media to ids (content via the content API), external content to its URL', async () => {
    const cases: Array<[Record<string, unknown>, InboundEvent['media']]> = [
      [{ type: 'image', id: '101', quoteToken: 'q', contentProvider: { type: 'line' } }, [{ type: 'image', id: '101' }]],
      [
        { type: 'image', id: '102', quoteToken: 'q', contentProvider: { type: 'external', originalContentUrl: 'https://cdn.example.com/o.jpg', previewImageUrl: 'https://cdn.example.com/p.jpg' } },
        [{ type: 'image', id: '102', url: 'https://cdn.example.com/o.jpg' }],
      ],
      [{ type: 'video', id: '103', quoteToken: 'q', duration: 6000, contentProvider: { type: 'line' } }, [{ type: 'video', id: '103' }]],
      [{ type: 'audio', id: '104', duration: 6000, contentProvider: { type: 'line' } }, [{ type: 'audio', id: '104' }]],
      [{ type: 'file', id: '105', fileName: 'invoice.pdf', fileSize: 2048 }, [{ type: 'file', id: '105' }]],
    ]
    for (const [msg, media] of cases) {
      const body = eventBody({ type: 'message', replyToken: 'r', message: msg })
      expect(validateLineWebhook(body), String(msg.type)).toEqual([])
      const [e] = await parse(body)
      expect(e?.media, String(msg.type)).toEqual(media)
      expect(e?.providerMessageId).toBe(msg.id)
      expect(e?.text).toBeUndefined()
    }
  })

  it('maps a location (title → name) and a message sticker (its text); a plain sticker has no text', async () => {
    const loc = eventBody({ type: 'message', replyToken: 'r', message: { type: 'location', id: '201', title: 'Tokyo Station', address: '1 Marunouchi, Tokyo', latitude: 35.681, longitude: 139.767 } })
    expect(validateLineWebhook(loc)).toEqual([])
    expect((await parse(loc))[0]?.location).toEqual({ latitude: 35.681, longitude: 139.767, name: 'Tokyo Station', address: '1 Marunouchi, Tokyo' })
    const sticker = (text?: string) =>
      eventBody({ type: 'message', replyToken: 'r', message: { type: 'sticker', id: '202', quoteToken: 'q', packageId: '446', stickerId: '1988', stickerResourceType: 'MESSAGE', keywords: ['hi'], ...(text ? { text } : {}) } })
    expect(validateLineWebhook(sticker('See you'))).toEqual([])
    expect((await parse(sticker('See you')))[0]?.text).toBe('See you')
    const [plain] = await parse(sticker())
    expect(plain?.text).toBeUndefined()
    expect(plain?.providerMessageId).toBe('202')
  })

  it('answers in the conversation: a group or room id as `from`, the user in raw', async () => {
    const inGroup = eventBody({ type: 'message', replyToken: 'r', source: { type: 'group', groupId: GROUP, userId: USER }, message: { type: 'text', id: '301', text: 'hi all', quoteToken: 'q' } })
    const inRoom = eventBody({ type: 'message', replyToken: 'r', source: { type: 'room', roomId: ROOM, userId: USER }, message: { type: 'text', id: '302', text: 'hi', quoteToken: 'q' } })
    expect(validateLineWebhook(inGroup)).toEqual([])
    expect((await parse(inGroup))[0]?.from).toBe(GROUP)
    expect((await parse(inRoom))[0]?.from).toBe(ROOM)
  })

  it('gives no event for follow, unfollow, join, leave, unsend, and events without a source', async () => {
    for (const event of [
      { type: 'follow', replyToken: 'r', follow: { isUnblocked: false } },
      { type: 'unfollow' },
      { type: 'join', replyToken: 'r', source: { type: 'group', groupId: GROUP } },
      { type: 'leave', source: { type: 'group', groupId: GROUP } },
      { type: 'unsend', unsend: { messageId: '1' } },
    ])
      expect(await parse(eventBody(event)), event.type).toEqual([])
    const noSource = eventBody({ type: 'message', message: { type: 'text', id: '1', text: 'x', quoteToken: 'q' } })
    delete (noSource.events[0] as { source?: unknown }).source
    expect(await parse(noSource)).toEqual([])
  })

  it('keeps a redelivered event under its webhookEventId, so the client emits it once', async () => {
    const first = eventBody({ type: 'message', replyToken: 'r', message: { type: 'text', id: '401', text: 'hello', quoteToken: 'q' } })
    const again = structuredClone(first)
    ;(again.events[0] as { deliveryContext: { isRedelivery: boolean } }).deliveryContext.isRedelivery = true
    expect((await parse(first))[0]?.eventId).toBe((await parse(again))[0]?.eventId)

    const client = createClient({ channels: { line: d } })
    const seen: InboundEvent[] = []
    client.on('inbound', (e) => seen.push(e))
    expect((await client.handleWebhook('line', webhookRequest(first))).status).toBe(200)
    expect((await client.handleWebhook('line', webhookRequest(again))).status).toBe(200)
    expect(seen.map((e) => e.text)).toEqual(['hello'])
  })

  it('reads several events of one body in order; malformed JSON or another shape gives none', async () => {
    const body = eventBody({ type: 'message', replyToken: 'r', message: { type: 'text', id: '501', text: 'one', quoteToken: 'q' } })
    body.events.push({ ...(body.events[0] as object), webhookEventId: '01HZX5K3Q8T9W2V7B4N6M1C0DF', message: { type: 'text', id: '502', text: 'two', quoteToken: 'q' } } as never)
    expect((await parse(body)).map((e) => e.text)).toEqual(['one', 'two'])
    expect(await d.webhook?.parse(webhookRequest('{"destination":'))).toEqual([])
    expect(parseLineWebhook(null)).toEqual([])
    expect(parseLineWebhook({ events: [] })).toEqual([])
    expect(parseLineWebhook({ destination: USER, events: 'x' })).toEqual([])
  })

  it('through client.handleWebhook: 401 on a bad signature, 200 with events otherwise', async () => {
    const client = createClient({ channels: { line: d } })
    const seen: InboundEvent[] = []
    client.on('inbound', (e) => seen.push(e))
    const bad = await client.handleWebhook('line', webhookRequest(inbound.postback, { [LINE_SIGNATURE_HEADER]: signed('{}') }))
    expect(bad.status).toBe(401)
    expect(seen).toEqual([])
    const check = await client.handleWebhook('line', webhookRequest(inbound.verification))
    expect(check.status).toBe(200)
    expect(seen).toEqual([])
    const ok = await client.handleWebhook('line', webhookRequest(inbound.postback))
    expect(ok.status).toBe(200)
    expect(seen[0]?.reply).toEqual({ payload: 'action=contact&order=1234', title: 'action=contact&order=1234', source: 'native' })
  })
})

describe('line payload', () => {
  it('reproduces the shared request examples (valid against both schemas)', () => {
    const examples = contractFile<{ examples: Record<string, unknown> }>('line', 'examples/send-request.json').examples
    for (const [name, body] of Object.entries(examples)) expect(validateLinePush(body), name).toEqual([])
    expect(push(message({ text: 'Hello, world' }))).toEqual(examples.text)
  })

  it('why our schema: the official one accepts a misspelt field, ours does not', () => {
    const body = { to: USER, messages: [{ type: 'text', text: 'hi', quickreply: { items: [] } }] }
    expect(validateOfficialPush(body)).toEqual([])
    expect(validateOurPush(body).length).toBeGreaterThan(0)
    const tooLong = { to: USER, messages: [{ type: 'template', altText: 'x', template: { type: 'buttons', title: 'T', text: 'x'.repeat(61), actions: [{ type: 'postback', label: 'a', data: 'a' }] } }] }
    expect(validateOfficialPush(tooLong)).toEqual([])
    expect(validateOurPush(tooLong).join()).toMatch(/template\/text must NOT have more than 60 characters/)
  })

  it('sends an image as its own preview, https only, URLs within 2000 characters', () => {
    expect(map({ media: [image('https://cdn.example.com/a.jpg')] })).toEqual([
      { type: 'image', originalContentUrl: 'https://cdn.example.com/a.jpg', previewImageUrl: 'https://cdn.example.com/a.jpg' },
    ])
    expect(thrownValidation(() => map({ media: [image('http://cdn.example.com/a.jpg')] })).issues[0]).toMatchObject({ path: ['media', 0, 'url'], code: 'invalid_format' })
    expect(thrownValidation(() => map({ media: [image(`https://cdn.example.com/${'a'.repeat(2000)}.jpg`)] })).issues[0]).toMatchObject({ code: 'too_long', limit: 2000 })
    expect(thrownValidation(() => map({ media: [{ type: 'video', url: 'https://cdn.example.com/a.mp4' }] })).issues[0]?.code).toBe('unsupported')
  })

  it('maps reply buttons to postbacks (data = payload, displayText = title), URL and call buttons to URI actions', () => {
    const [t] = map({ text: 'Confirm?', buttons: [reply('Yes', 'YES'), link('Terms', 'https://shop.example.com/terms'), call('Call us', '+14155550100')] })
    expect(t).toEqual({
      type: 'template',
      altText: 'Confirm?',
      template: {
        type: 'buttons',
        text: 'Confirm?',
        actions: [
          { type: 'postback', label: 'Yes', data: 'YES', displayText: 'Yes' },
          { type: 'uri', label: 'Terms', uri: 'https://shop.example.com/terms' },
          { type: 'uri', label: 'Call us', uri: 'tel:+14155550100' },
        ],
      },
    })
  })

  it('puts quick replies (postbacks with displayText) on the last message object only', () => {
    const out = map({ media: [image('https://cdn.example.com/a.jpg')], text: 'Pick one', quickReplies: [reply('Track', 'TRACK'), reply('Help', 'HELP')] })
    expect(out.map((m) => m.type)).toEqual(['image', 'text'])
    expect(out[0]?.quickReply).toBeUndefined()
    expect(out[1]?.quickReply).toEqual({
      items: [
        { type: 'action', action: { type: 'postback', label: 'Track', data: 'TRACK', displayText: 'Track' } },
        { type: 'action', action: { type: 'postback', label: 'Help', data: 'HELP', displayText: 'Help' } },
      ],
    })
  })

  it('uses the buttons template up to 160 characters and 4 buttons, a Flex bubble beyond', () => {
    const four = [reply('A', 'A'), reply('B', 'B'), reply('C', 'C'), link('D', 'https://d.example.com')]
    expect(map({ text: 'x'.repeat(160), buttons: four })[0]?.type).toBe('template')
    const long = map({ text: 'x'.repeat(161), buttons: four })[0]
    expect(long?.type).toBe('flex')
    expect(map({ text: 'short', buttons: [...four, reply('E', 'E')] })[0]?.type).toBe('flex')
    // The Flex bubble: the whole text, then every button in order.
    expect(long).toEqual({
      type: 'flex',
      altText: 'x'.repeat(161),
      contents: {
        type: 'bubble',
        body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: [{ type: 'text', text: 'x'.repeat(161), wrap: true, size: 'sm' }] },
        footer: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: [
            { type: 'button', action: { type: 'postback', label: 'A', data: 'A', displayText: 'A' }, style: 'link', height: 'sm' },
            { type: 'button', action: { type: 'postback', label: 'B', data: 'B', displayText: 'B' }, style: 'link', height: 'sm' },
            { type: 'button', action: { type: 'postback', label: 'C', data: 'C', displayText: 'C' }, style: 'link', height: 'sm' },
            { type: 'button', action: { type: 'uri', label: 'D', uri: 'https://d.example.com' }, style: 'link', height: 'sm' },
          ],
        },
      },
    })
    // Buttons without text: no invented text, a bubble of buttons (altText from their labels).
    const bare = map({ buttons: [reply('Yes', 'Y'), reply('No', 'N')] })[0]
    expect(bare).toMatchObject({ type: 'flex', altText: 'Yes / No', contents: { type: 'bubble' } })
    expect((bare as { contents: { body?: unknown } }).contents.body).toBeUndefined()
  })

  it('maps a card to a buttons template: image, title, text; a title alone becomes the text', () => {
    const shirt = card({ title: 'Blue shirt', text: 'Size M', media: image('https://cdn.example.com/s.jpg'), buttons: [reply('Buy', 'BUY'), link('View', 'https://shop.example.com/p/1')] })
    expect(map({ cards: [shirt] })).toEqual([
      {
        type: 'template',
        altText: 'Blue shirt\nSize M',
        template: {
          type: 'buttons',
          thumbnailImageUrl: 'https://cdn.example.com/s.jpg',
          title: 'Blue shirt',
          text: 'Size M',
          actions: [
            { type: 'postback', label: 'Buy', data: 'BUY', displayText: 'Buy' },
            { type: 'uri', label: 'View', uri: 'https://shop.example.com/p/1' },
          ],
        },
      },
    ])
    expect(map({ cards: [card({ title: 'Blue shirt', buttons: [reply('Buy', 'BUY')] })] })[0]).toMatchObject({ template: { type: 'buttons', text: 'Blue shirt' } })
    expect((map({ cards: [card({ title: 'Blue shirt', buttons: [reply('Buy', 'BUY')] })] })[0] as { template: { title?: string } }).template.title).toBeUndefined()
  })

  it('maps a card LINE templates cannot hold to a Flex bubble: no buttons, or an image and buttons without text', () => {
    const noButtons = map({ cards: [card({ title: 'Blue shirt', text: 'Size M', media: image('https://cdn.example.com/s.jpg') })] })[0]
    expect(noButtons).toEqual({
      type: 'flex',
      altText: 'Blue shirt\nSize M',
      contents: {
        type: 'bubble',
        hero: { type: 'image', url: 'https://cdn.example.com/s.jpg', size: 'full', aspectRatio: '20:13', aspectMode: 'cover' },
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: [
            { type: 'text', text: 'Blue shirt', wrap: true, weight: 'bold', size: 'lg' },
            { type: 'text', text: 'Size M', wrap: true, size: 'sm' },
          ],
        },
      },
    })
    const imageAndButtons = map({ cards: [card({ media: image('https://cdn.example.com/s.jpg'), buttons: [reply('Buy', 'BUY')] })] })[0]
    expect(imageAndButtons).toMatchObject({ type: 'flex', altText: 'Buy', contents: { type: 'bubble', hero: { url: 'https://cdn.example.com/s.jpg' }, footer: { contents: [{ type: 'button' }] } } })
    const onlyImage = map({ cards: [card({ media: image('https://cdn.example.com/s.jpg') })] })[0]
    expect(onlyImage).toMatchObject({ type: 'flex', altText: 'https://cdn.example.com/s.jpg' })
  })

  it('maps a uniform carousel to a carousel template, anything else to a Flex carousel', () => {
    const item = (i: number, extra: Partial<Parameters<typeof card>[0]> = {}) =>
      card({ title: `Item ${i}`, text: `Text ${i}`, media: image(`https://cdn.example.com/${i}.jpg`), buttons: [reply('Buy', `BUY_${i}`)], ...extra })
    const uniform = map({ cards: [item(1), item(2)] })[0]
    expect(uniform).toEqual({
      type: 'template',
      altText: 'Item 1\nItem 2',
      template: {
        type: 'carousel',
        columns: [1, 2].map((i) => ({
          thumbnailImageUrl: `https://cdn.example.com/${i}.jpg`,
          title: `Item ${i}`,
          text: `Text ${i}`,
          actions: [{ type: 'postback', label: 'Buy', data: `BUY_${i}`, displayText: 'Buy' }],
        })),
      },
    })
    // Titles only on every card: all become the column text, still uniform.
    expect(map({ cards: [item(1, { text: undefined }), item(2, { text: undefined })] })[0]).toMatchObject({ type: 'template', template: { columns: [{ text: 'Item 1' }, { text: 'Item 2' }] } })
    const mixedImage = map({ cards: [item(1), item(2, { media: undefined })] })[0]
    const mixedTitle = map({ cards: [item(1), item(2, { text: undefined })] })[0]
    const noButtons = map({ cards: [item(1, { buttons: undefined }), item(2, { buttons: undefined })] })[0]
    const fourButtons = map({ cards: [1, 2].map((i) => item(i, { buttons: ['A', 'B', 'C', 'D'].map((l) => reply(l, `${l}${i}`)) })) })[0]
    for (const [name, m] of Object.entries({ mixedImage, mixedTitle, noButtons, fourButtons })) {
      expect(m?.type, name).toBe('flex')
      expect((m as { contents: { type: string; contents: unknown[] } }).contents.type, name).toBe('carousel')
      expect((m as { contents: { contents: unknown[] } }).contents.contents, name).toHaveLength(2)
      expect(validateLinePush({ to: USER, messages: [m] }), name).toEqual([])
    }
    // The second card of mixedImage has no hero: Flex has no layout rule across bubbles.
    expect((mixedImage as { contents: { contents: Array<{ hero?: unknown }> } }).contents.contents[1]?.hero).toBeUndefined()
  })

  it('writes altText within 400 characters for templates and 1500 for Flex', () => {
    const cards = Array.from({ length: 10 }, (_, i) => card({ title: `${'Product '.repeat(4)}${i}`.slice(0, 40), text: 'Pick', buttons: [reply('Buy', `B${i}`)] }))
    const t = map({ cards })[0] as { altText: string }
    expect(t.altText.length).toBeLessThanOrEqual(400)
    const f = map({ text: 'y'.repeat(3000), buttons: [link('Go', 'https://go.example.com')] })[0] as { altText: string }
    expect(f.altText.length).toBeLessThanOrEqual(1500)
    expect(f.altText.endsWith('…')).toBe(true)
  })

  it('refuses a Flex bubble over 30 KB of JSON', () => {
    const buttons = Array.from({ length: 20 }, (_, i) => link(`L${i}`, `https://x.example.com/${'p'.repeat(970)}${i}`))
    const issues = thrownValidation(() => map({ text: '漢'.repeat(5000), buttons })).issues
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ code: 'too_large', limit: 30 * 1024 })
  })

  it('gives a location the title and address LINE requires', () => {
    const loc = (extra: Partial<NonNullable<Message['location']>>) => map({ location: { latitude: 35.681, longitude: 139.767, ...extra } })[0]
    expect(loc({ name: 'Tokyo Station', address: '1 Marunouchi' })).toEqual({ type: 'location', title: 'Tokyo Station', address: '1 Marunouchi', latitude: 35.681, longitude: 139.767 })
    expect(loc({ name: 'Tokyo Station' })).toMatchObject({ title: 'Tokyo Station', address: '35.681, 139.767' })
    expect(loc({ address: '1 Marunouchi' })).toMatchObject({ title: '1 Marunouchi', address: '35.681, 139.767' })
    expect(loc({})).toMatchObject({ title: '35.681, 139.767', address: '35.681, 139.767' })
    expect(thrownValidation(() => loc({ name: 'n'.repeat(101) })).issues[0]).toMatchObject({ path: ['location', 'name'], code: 'too_long', limit: 100 })
    expect(thrownValidation(() => loc({ name: 'Store', address: 'a'.repeat(101) })).issues.map((i) => i.path)).toEqual([['location', 'address']])
  })

  it('refuses what render() never leaves for LINE: lists, templates, an empty message', () => {
    expect(thrownValidation(() => map({ text: 'x', list: { button: 'Pick', sections: [{ items: [{ id: 'a', title: 'A' }] }] } })).issues[0]?.path).toEqual(['list'])
    expect(thrownValidation(() => map({ template: { name: 'order_update' } })).issues[0]?.path).toEqual(['template'])
    expect(thrownValidation(() => map({})).issues[0]?.code).toBe('empty')
  })

  it('takes LINE user, group and room IDs only', () => {
    for (const to of [USER, GROUP, ROOM]) expect(push({ text: 'hi' }, to).to).toBe(to)
    for (const to of ['+14155550100', 'u4af4980629b1f5ab6c7aadbd8d5a5c2a', `U${'A'.repeat(32)}`, `U${'a'.repeat(31)}`, '@channel'])
      expect(thrownValidation(() => push({ text: 'hi' }, to)).issues[0]?.path, to).toEqual(['to'])
  })

  it('sends notificationDisabled from the driver option or providerOptions.line, and refuses unknown options', async () => {
    const { fetch, calls } = fakeFetch()
    await send(driverWith({ fetch }), { text: 'a' })
    expect(calls[0]?.body.notificationDisabled).toBeUndefined()
    await send(driverWith({ fetch, notificationDisabled: true }), { text: 'b' })
    expect(calls[1]?.body.notificationDisabled).toBe(true)
    await send(driverWith({ fetch, notificationDisabled: true }), { text: 'c' }, 'k', { line: { notificationDisabled: false } })
    expect(calls[2]?.body.notificationDisabled).toBeUndefined()
    await send(driverWith({ fetch }), { text: 'd' }, 'k', { line: { customAggregationUnits: ['promo_2024'] } })
    expect(calls[3]?.body.customAggregationUnits).toEqual(['promo_2024'])
    for (const body of calls) expect(validateLinePush(body.body)).toEqual([])
    await expect(send(driverWith({ fetch }), { text: 'e' }, 'k', { line: { notify: false } })).rejects.toThrow(/unknown LINE option/)
    await expect(send(driverWith({ fetch }), { text: 'e' }, 'k', { line: { notificationDisabled: 'yes' } })).rejects.toThrow(/boolean/)
    await expect(send(driverWith({ fetch }), { text: 'e' }, 'k', { line: { customAggregationUnits: ['a', 'b'] } })).rejects.toThrow(/one unit/)
    expect(calls).toHaveLength(4)
  })

  it('every element type rendered for LINE_CAPABILITIES maps without loss to a valid request', () => {
    const shirt = image('https://cdn.example.com/s.jpg')
    const messages: Message[] = [
      message({ text: `${'Lorem ipsum dolor sit amet. '.repeat(250)}End.`, quickReplies: [reply('More', 'MORE')] }),
      message({ text: 'x'.repeat(400), buttons: [reply('Yes', 'Y'), reply('No', 'N')] }),
      message({ text: 'Pick', cards: Array.from({ length: 12 }, (_, i) => card({ title: `Item ${i}`, text: 'Nice', media: shirt, buttons: [reply('Buy', `B${i}`)] })) }),
      message({ text: 'Video', media: [{ type: 'video', url: 'https://cdn.example.com/v.mp4' }] }),
    ]
    for (const m of messages) for (const part of render(m, LINE_CAPABILITIES).messages) expect(validateLinePush(push(part))).toEqual([])
  })
})

describe('line retry key', () => {
  it('sends a UUID key as it is (lower case), any other key as a stable UUIDv8 of its SHA-256', async () => {
    expect(await lineRetryKey('123E4567-E89B-12D3-A456-426614174000')).toBe('123e4567-e89b-12d3-a456-426614174000')
    for (const key of ['order-1234', 'order-1234:1', 'order-1234:2', '123e4567-e89b-12d3-a456-426614174000:1', 'ключ']) {
      const uuid = await lineRetryKey(key)
      expect(uuid, key).toBe(expectedRetryKey(key))
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(await lineRetryKey(key)).toBe(uuid)
    }
    expect(new Set(await Promise.all(['k', 'k:1', 'k:2'].map(lineRetryKey))).size).toBe(3)
  })

  it('sends X-Line-Retry-Key on every push', async () => {
    const { fetch, calls } = fakeFetch()
    const key = crypto.randomUUID()
    await send(driverWith({ fetch }), { text: 'hi' }, key)
    expect(calls[0]?.headers.get('x-line-retry-key')).toBe(key)
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`)
    expect(calls[0]?.url).toBe('https://api.line.me/v2/bot/message/push')
  })
})

describe('line responses and error mapping', () => {
  const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: new Headers({ 'x-line-request-id': 'req-1', ...headers }),
    text: JSON.stringify(body),
    json: body,
  })
  const ctx = { driver: 'line', secrets: [TOKEN, SECRET] }

  it('the shared examples are valid responses (official schemas)', () => {
    expect(validateLinePushResponse(okExample)).toEqual([])
    for (const [name, e] of Object.entries(errors)) expect(validateLineError(e.body), name).toEqual([])
  })

  it('returns the ids of a 200, and of a 409 (retry key already accepted) as the success it was', async () => {
    const { fetch } = fakeFetch([
      () => Response.json(okExample),
      () => {
        const e = errors['retry-key-accepted-409'] as { status: number; body: unknown; headers: Record<string, string> }
        return Response.json(e.body, { status: e.status, headers: e.headers })
      },
      () => Response.json({ message: 'The retry key is already accepted' }, { status: 409 }),
    ])
    const d = driverWith({ fetch })
    expect(await send(d, { text: 'a' })).toEqual({ providerMessageIds: ['461230966842064897'], status: 'accepted', raw: okExample })
    expect((await send(d, { text: 'a' })).providerMessageIds).toEqual(['461230966842064897'])
    expect((await send(d, { text: 'a' })).providerMessageIds).toEqual([])
  })

  it('reports a 2xx without sentMessages as ambiguous', async () => {
    const { fetch } = fakeFetch([() => new Response('<html>ok</html>', { status: 200 }), () => Response.json({ sentMessages: [] })])
    const d = driverWith({ fetch })
    for (let i = 0; i < 2; i++) await expect(send(d, { text: 'a' })).rejects.toMatchObject({ code: 'PROVIDER_ERROR', ambiguous: true, status: 200 })
  })

  // [status, body, headers, class, retryable, failover, ambiguous, retryAfterMs]
  const table: Array<[number, unknown, Record<string, string>, string, boolean, boolean, boolean, number | undefined]> = [
    [400, (errors['invalid-400'] as { body: unknown }).body, {}, 'VALIDATION_ERROR', false, false, false, undefined],
    [400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" }, {}, 'RECIPIENT_ERROR', false, true, false, undefined],
    [400, { message: 'The request body has 1 error(s)', details: [{ message: 'invalid', property: 'to' }] }, {}, 'RECIPIENT_ERROR', false, true, false, undefined],
    [400, { message: 'Failed to send messages' }, {}, 'RECIPIENT_ERROR', false, true, false, undefined],
    [400, { message: 'The request body could not be parsed as JSON (line: 1, column: 2)' }, {}, 'VALIDATION_ERROR', false, false, false, undefined],
    [401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' }, {}, 'AUTH_ERROR', false, false, false, undefined],
    [403, { message: 'Access to this API is not available for your account' }, {}, 'AUTH_ERROR', false, false, false, undefined],
    [404, { message: 'Not found' }, {}, 'VALIDATION_ERROR', false, false, false, undefined],
    [413, { message: 'Request Entity Too Large' }, {}, 'VALIDATION_ERROR', false, false, false, undefined],
    [415, { message: 'Unsupported Media Type' }, {}, 'VALIDATION_ERROR', false, false, false, undefined],
    [429, (errors['rate-limit-429'] as { body: unknown }).body, {}, 'RATE_LIMIT_ERROR', true, false, false, undefined],
    [429, (errors['rate-limit-429'] as { body: unknown }).body, { 'retry-after': '4' }, 'RATE_LIMIT_ERROR', true, false, false, 4000],
    [429, (errors['monthly-limit-429'] as { body: unknown }).body, {}, 'RECIPIENT_ERROR', false, true, false, undefined],
    [500, { message: 'Internal server error' }, {}, 'PROVIDER_ERROR', false, false, false, undefined],
    [502, 'Bad Gateway', {}, 'PROVIDER_ERROR', false, false, true, undefined],
    [503, { message: 'Service unavailable' }, { 'retry-after': '2' }, 'PROVIDER_ERROR', true, false, false, 2000],
    [503, { message: 'Service unavailable' }, {}, 'PROVIDER_ERROR', false, false, false, undefined],
    [504, 'Gateway Timeout', {}, 'PROVIDER_ERROR', false, false, true, undefined],
  ]
  for (const [status, body, headers, cls, retryable, failover, ambiguous, retryAfter] of table) {
    it(`HTTP ${status} ${JSON.stringify(body).slice(0, 60)}${headers['retry-after'] ? ' with Retry-After' : ''} → ${cls}`, () => {
      const e = lineError(ctx, res(status, body, headers)) as ProviderError
      expect(e.code).toBe(cls)
      expect(e.retryable).toBe(retryable)
      if (cls === 'VALIDATION_ERROR') {
        expect(e).toBeInstanceOf(LineRequestError)
        expect(ValidationError.isInstance(e)).toBe(true)
        expect(ProviderError.isInstance(e)).toBe(false)
      } else expect([e.failover, e.ambiguous, e.retryAfterMs]).toEqual([failover, ambiguous, retryAfter])
      expect([e.status, e.requestId, e.driver]).toEqual([status, 'req-1', 'line'])
    })
  }

  it("turns LINE's details into issues with paths", () => {
    const e = lineError(ctx, res(400, { message: 'The request body has 2 error(s)', details: [{ message: 'May not be empty', property: 'messages[0].text' }, { message: 'Size must be between 1 and 4', property: 'messages[1].template.actions' }] })) as LineRequestError
    expect(e.issues).toEqual([
      { path: ['messages', 0, 'text'], code: 'rejected', message: 'May not be empty' },
      { path: ['messages', 1, 'template', 'actions'], code: 'rejected', message: 'Size must be between 1 and 4' },
    ])
    expect(e.message).toBe('line: HTTP 400 The request body has 2 error(s) (request req-1): messages[0].text: May not be empty; messages[1].template.actions: Size must be between 1 and 4')
    expect(e.toJSON()).toMatchObject({ code: 'VALIDATION_ERROR', driver: 'line', status: 400, requestId: 'req-1', retryable: false })
  })

  it('never repeats a credential LINE echoes back', () => {
    const e = lineError(ctx, res(401, { message: `Authentication failed due to the following reason: invalid token ${TOKEN}` }))
    expect(e.message).not.toContain(TOKEN)
    const v = lineError(ctx, res(400, { message: 'bad', details: [{ message: `x ${TOKEN}`, property: 'messages[0].text' }] }))
    expect(JSON.stringify(v.toJSON())).not.toContain(TOKEN)
  })
})

describe('line through the client (native idempotency)', () => {
  const quick = { limit: 2, initialDelayMs: 1, maxDelayMs: 2 }
  const status = (s: number, body: unknown, headers?: Record<string, string>) => () => Response.json(body, { status: s, ...(headers ? { headers } : {}) })

  it('retries a 500 with the same retry key; a repeat LINE already accepted comes back as 409 with the ids', async () => {
    const { fetch, calls } = fakeFetch([status(500, { message: 'Internal server error' }), status(409, { message: 'The retry key is already accepted', sentMessages: [{ id: '777' }] })])
    const client = createClient({ channels: { line: driverWith({ fetch }) }, retry: quick, rateLimit: { line: false } })
    const result = await client.send({ to: { line: USER }, message: { text: 'hi' }, idempotencyKey: 'order-1234' })
    expect(result.providerMessageIds).toEqual(['777'])
    expect(calls).toHaveLength(2)
    expect(calls.map((c) => c.headers.get('x-line-retry-key'))).toEqual([expectedRetryKey('order-1234'), expectedRetryKey('order-1234')])
  })

  it('retries an unreadable 200 too: the key makes it safe, and the 409 tells the ids', async () => {
    const { fetch, calls } = fakeFetch([() => new Response('<html>', { status: 200 }), status(409, { message: 'The retry key is already accepted', sentMessages: [{ id: '888' }] })])
    const client = createClient({ channels: { line: driverWith({ fetch }) }, retry: quick, rateLimit: { line: false } })
    expect((await client.send({ to: { line: USER }, message: { text: 'hi' } })).providerMessageIds).toEqual(['888'])
    expect(calls).toHaveLength(2)
  })

  it('does not retry the monthly quota: one request, then the next channel', async () => {
    const quota = errors['monthly-limit-429'] as { status: number; body: unknown }
    const { fetch, calls } = fakeFetch([status(quota.status, quota.body)])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { line: driverWith({ fetch }), sms }, failover: ['line', 'sms'], retry: quick, rateLimit: { line: false } })
    const result = await client.send({ to: { line: USER, phone: '+14155550100' }, message: { text: 'hi' } })
    expect(result.channel).toBe('sms')
    expect(calls).toHaveLength(1)
    expect(sms.sent).toHaveLength(1)
  })

  it('retries the rate limit (not processed), with backoff', async () => {
    const limit = errors['rate-limit-429'] as { status: number; body: unknown }
    const { fetch, calls } = fakeFetch([status(limit.status, limit.body)])
    const client = createClient({ channels: { line: driverWith({ fetch }) }, retry: quick, rateLimit: { line: false } })
    expect((await client.send({ to: { line: USER }, message: { text: 'hi' } })).channel).toBe('line')
    expect(calls).toHaveLength(2)
  })

  it('neither retries nor fails over a refused request (400)', async () => {
    const invalid = errors['invalid-400'] as { status: number; body: unknown }
    const { fetch, calls } = fakeFetch([status(invalid.status, invalid.body)])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { line: driverWith({ fetch }), sms }, failover: ['line', 'sms'], retry: quick, rateLimit: { line: false } })
    const err = await client.send({ to: { line: USER, phone: '+14155550100' }, message: { text: 'hi' } }).catch((e: unknown) => e)
    expect(SendError.isInstance(err)).toBe(true)
    expect((err as SendError).attempts.map((a) => a.error?.code)).toEqual(['VALIDATION_ERROR'])
    expect(calls).toHaveLength(1)
    expect(sms.sent).toHaveLength(0)
  })

  it('fails over an unknown user (400) without retrying', async () => {
    const { fetch, calls } = fakeFetch([status(400, { message: 'Failed to send messages' })])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { line: driverWith({ fetch }), sms }, failover: ['line', 'sms'], retry: quick, rateLimit: { line: false } })
    expect((await client.send({ to: { line: USER, phone: '+14155550100' }, message: { text: 'hi' } })).channel).toBe('sms')
    expect(calls).toHaveLength(1)
  })

  it('gives each part of a split send its own retry key, kept across its retries', async () => {
    const answers = [(c: Call) => Response.json({ sentMessages: (c.body.messages as unknown[]).map((_, i) => ({ id: `a${i}` })) }), status(500, { message: 'x' })]
    const f = fakeFetch(answers)
    const client = createClient({ channels: { line: driverWith({ fetch: f.fetch }) }, retry: quick, rateLimit: { line: false } })
    const key = crypto.randomUUID()
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(200)}End.`
    const result = await client.send({ to: { line: USER }, message: { text }, idempotencyKey: key })
    expect(result.rendered.messages).toHaveLength(2)
    const keys = f.calls.map((c) => c.headers.get('x-line-retry-key'))
    expect(keys).toEqual([key, expectedRetryKey(`${key}:1`), expectedRetryKey(`${key}:1`)])
    expect(result.providerMessageIds).toHaveLength(2)
  })

  it('refuses a phone number as a LINE recipient before any request', async () => {
    const { fetch, calls } = fakeFetch()
    const client = createClient({ channels: { line: driverWith({ fetch }) }, rateLimit: { line: false } })
    const err = await client.send({ to: '+14155550100', message: { text: 'hi' } }).catch((e: unknown) => e)
    expect(SendError.isInstance(err)).toBe(true)
    expect((err as SendError).attempts[0]?.error?.message).toMatch(/LINE user, group or room ID/)
    expect(calls).toHaveLength(0)
  })
})

describe('line options and capabilities', () => {
  it('validates its options without repeating the token', () => {
    const withSpace = 'abc def-secret-token'
    const err = thrownValidation(() => createLineDriver({ channelAccessToken: withSpace }))
    expect(err.issues.map((i) => i.path[0])).toEqual(['channelAccessToken'])
    expect(err.message).not.toContain('def-secret-token')
    expect(() => createLineDriver({ channelAccessToken: '' })).toThrow(/channelAccessToken/)
    expect(() => createLineDriver({ channelAccessToken: TOKEN, channelSecret: '' })).toThrow(/channelSecret/)
    expect(() => createLineDriver({ channelAccessToken: TOKEN, baseUrl: 'ftp://api.line.me' })).toThrow(/baseUrl/)
    expect(() => createLineDriver({ channelAccessToken: TOKEN, maxWebhookBytes: 0 })).toThrow(/maxWebhookBytes/)
    expect(() => createLineDriver({ channelAccessToken: TOKEN, notificationDisabled: 'yes' as unknown as boolean })).toThrow(/notificationDisabled/)
  })

  it('calls {baseUrl}/v2/bot/message/push, trailing slash or not', async () => {
    const { fetch, calls } = fakeFetch()
    await send(driverWith({ fetch, baseUrl: 'https://proxy.example.com/line/' }), { text: 'hi' })
    expect(calls[0]?.url).toBe('https://proxy.example.com/line/v2/bot/message/push')
  })

  it('declares the narrowed profile, native idempotency and the documented rate', () => {
    const d = driverWith()
    expect(d.capabilities).toBe(LINE_CAPABILITIES)
    expect([d.id, d.channel, d.usesCredentials]).toEqual(['line', 'line', true])
    expect(LINE_CAPABILITIES.media && LINE_CAPABILITIES.media.types).toEqual(['image'])
    expect(LINE_CAPABILITIES.media && LINE_CAPABILITIES.media.maxBytes).toEqual({ image: 1024 * 1024 })
    expect([LINE_CAPABILITIES.idempotency, LINE_CAPABILITIES.rateLimit]).toEqual(['native', { perSecond: 2000, burst: 20 }])
    // Video and audio need data the model lacks, so they go as links; so do images over 1 MB.
    const video = render({ text: 'Clip', media: [{ type: 'video', url: 'https://cdn.example.com/v.mp4' }] }, LINE_CAPABILITIES)
    expect(video.messages).toEqual([{ text: 'Clip\n\nhttps://cdn.example.com/v.mp4' }])
    const big = render({ media: [image('https://cdn.example.com/big.jpg', { sizeBytes: 2 * 1024 * 1024 })] }, LINE_CAPABILITIES)
    expect(big.messages[0]?.media).toBeUndefined()
    expect(big.messages[0]?.text).toContain('https://cdn.example.com/big.jpg')
  })
})
