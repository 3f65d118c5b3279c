import { describe, expect, it } from 'vitest'
import { callbackKey, callbackStoreKey, fitsCallbackData, isCallbackKey } from '../../src/drivers/telegram/callback.js'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { telegramError } from '../../src/drivers/telegram/errors.js'
import { SECRET_TOKEN_HEADER, TELEGRAM_CAPABILITIES, TELEGRAM_DEFAULTS, createTelegramDriver } from '../../src/drivers/telegram/index.js'
import { PAIR_TITLE_MAX_LENGTH, chatIdOf, toTelegramRequests } from '../../src/drivers/telegram/payload.js'
import type { HttpResponse } from '../../src/drivers/http.js'
import {
  AnychannelError,
  AuthError,
  ConnectionError,
  DeliveryUnknownError,
  ProviderError,
  RateLimitError,
  RecipientError,
  SendError,
  ValidationError,
  audio,
  call,
  card,
  createClient,
  createMemoryStore,
  file,
  image,
  link,
  location,
  message,
  reply,
  video,
} from '../../src/index.js'
import type { InboundEvent } from '../../src/webhooks/events.js'
import { contractFile, errorExamples } from './support/provider-contracts.js'
import { validateTelegramRequest, validateTelegramUpdate } from './support/telegram-schemas.js'

const TOKEN = '7012345678:AAHk3v9Qz-x_Lm2Rt8Yb4Wc6Np1Ds5Fg0Je'
const BOT_ID = '7012345678'
const sig = contractFile<{ header: string; example: { setWebhook: { secret_token: string }; incomingHeader: Record<string, string> } }>('telegram', 'signature.json')
const SECRET = sig.example.setWebhook.secret_token
const inbound = contractFile<{ examples: Record<string, Record<string, unknown>> }>('telegram', 'examples/webhook-inbound.json').examples

type Call = { method: string; url: string; body: Record<string, unknown> }

/** A fetch that records every call and answers from `answers` in turn (then with a default success). */
function fakeFetch(answers: Array<(call: Call) => Response> = []) {
  const calls: Call[] = []
  let id = 500
  const ok = (c: Call) => {
    const chat = { id: typeof c.body.chat_id === 'number' ? c.body.chat_id : -1001, type: 'private' }
    const one = () => ({ message_id: id++, chat, date: 1718000000 })
    return Response.json({ ok: true, result: Array.isArray(c.body.media) ? c.body.media.map(one) : one() })
  }
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init)
    const url = req.url
    const c: Call = { method: url.split('/').pop() ?? '', url, body: (await req.json()) as Record<string, unknown> }
    calls.push(c)
    const answer = answers[calls.length - 1]
    return answer ? answer(c) : ok(c)
  }
  return { fetch, calls }
}

const driverWith = (extra: Partial<Parameters<typeof createTelegramDriver>[0]> = {}) => createTelegramDriver({ botToken: TOKEN, secretToken: SECRET, ...extra })
const send = (d: ReturnType<typeof createTelegramDriver>, msg: Parameters<typeof message>[0], to = '123456789', providerOptions?: Record<string, Record<string, unknown>>) =>
  d.doSend({ to, message: msg, idempotencyKey: 'k', signal: new AbortController().signal, ...(providerOptions ? { providerOptions } : {}) })

function webhookRequest(body: unknown, headers: Record<string, string | null> = {}): Request {
  const h = new Headers({ 'content-type': 'application/json' })
  for (const [k, v] of Object.entries({ [SECRET_TOKEN_HEADER]: SECRET, ...headers })) if (v !== null) h.set(k, v)
  return new Request('https://hooks.example.test/telegram', { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) })
}

async function parse(d: ReturnType<typeof createTelegramDriver>, update: unknown): Promise<InboundEvent[]> {
  return ((await d.webhook?.parse(webhookRequest(update))) ?? []) as InboundEvent[]
}

describe('telegram webhook secret token (X-Telegram-Bot-Api-Secret-Token)', () => {
  const d = driverWith()

  it('accepts the example from signature.json', async () => {
    expect(sig.header).toBe(SECRET_TOKEN_HEADER)
    const [name, value] = Object.entries(sig.example.incomingHeader)[0] as [string, string]
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [name]: value }))).toBe(true)
  })

  it('rejects a changed, truncated, extended or missing token, and a driver with another secret', async () => {
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [SECRET_TOKEN_HEADER]: `${SECRET.slice(0, -1)}q` }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [SECRET_TOKEN_HEADER]: SECRET.slice(0, -1) }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [SECRET_TOKEN_HEADER]: `${SECRET}x` }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [SECRET_TOKEN_HEADER]: '' }))).toBe(false)
    expect(await d.webhook?.verify(webhookRequest(inbound.message, { [SECRET_TOKEN_HEADER]: null }))).toBe(false)
    expect(await driverWith({ secretToken: 'another_secret-1' }).webhook?.verify(webhookRequest(inbound.message))).toBe(false)
  })

  it('checks only the secret: Telegram signs neither the body nor the URL', async () => {
    // Documented limitation (setWebhook): a changed body with the right secret still passes.
    expect(await d.webhook?.verify(webhookRequest({ ...inbound.message, update_id: 1 }))).toBe(true)
  })

  it('refuses bodies over maxBodyBytes (1 MiB by default)', async () => {
    const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(1024 * 1024) } })
    expect(await d.webhook?.verify(webhookRequest(big))).toBe(false)
    const small = driverWith({ maxBodyBytes: 64 })
    expect(await small.webhook?.verify(webhookRequest(inbound.message))).toBe(false)
    expect(await small.webhook?.parse(webhookRequest(inbound.message))).toEqual([])
  })

  it('has no webhook without a secretToken', () => {
    expect(createTelegramDriver({ botToken: TOKEN }).webhook).toBeUndefined()
  })
})

describe('telegram webhook parsing', () => {
  const d = driverWith()

  it('the examples are valid Updates', () => {
    for (const [name, update] of Object.entries(inbound)) expect(validateTelegramUpdate(update), name).toEqual([])
  })

  it('parses the message example into an InboundEvent', async () => {
    const [e] = await parse(d, inbound.message)
    expect(e).toEqual({
      type: 'inbound',
      channel: 'telegram',
      provider: 'telegram',
      from: '123456789',
      to: BOT_ID,
      at: 1718000100 * 1000,
      text: '/start',
      providerMessageId: '123456789:1365',
      eventId: '10000',
      raw: inbound.message,
    })
  })

  it('parses the callback_query example into a native reply (title falls back to the data)', async () => {
    const [e] = await parse(d, inbound.callback_query)
    expect(e).toMatchObject({
      type: 'inbound',
      from: '123456789',
      to: BOT_ID,
      text: 'vote:yes',
      reply: { payload: 'vote:yes', title: 'vote:yes', source: 'native' },
      providerMessageId: '4382bfdwdsb323b2d9',
      eventId: '10001',
    })
  })

  it('takes the reply title from the keyboard of the message the button was on', async () => {
    const q = inbound.callback_query as { callback_query: Record<string, unknown> }
    const update = {
      ...q,
      callback_query: {
        ...q.callback_query,
        message: {
          ...(q.callback_query.message as object),
          reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'vote:yes' }, { text: 'No', callback_data: 'vote:no' }], [{ text: 'Docs', url: 'https://core.telegram.org' }]] },
        },
      },
    }
    expect(validateTelegramUpdate(update)).toEqual([])
    const [e] = await parse(d, update)
    expect(e?.reply).toEqual({ payload: 'vote:yes', title: 'Yes', source: 'native' })
    expect(e?.text).toBe('Yes')
  })

  const msg = (fields: Record<string, unknown>, chat: Record<string, unknown> = { id: 123456789, type: 'private', first_name: 'Ana' }) => ({
    update_id: 20000,
    message: { message_id: 7, date: 1718000200, chat, from: { id: 123456789, is_bot: false, first_name: 'Ana' }, ...fields },
  })

  it('reads the largest photo size, with the caption as text', async () => {
    const update = msg({
      caption: 'my cat',
      photo: [
        { file_id: 'small', file_unique_id: 'a', width: 90, height: 90, file_size: 1200 },
        { file_id: 'large', file_unique_id: 'c', width: 1280, height: 1280, file_size: 160000 },
        { file_id: 'medium', file_unique_id: 'b', width: 320, height: 320, file_size: 20000 },
      ],
    })
    expect(validateTelegramUpdate(update)).toEqual([])
    const [e] = await parse(d, update)
    expect(e).toMatchObject({ text: 'my cat', media: [{ type: 'image', id: 'large' }], providerMessageId: '123456789:7', at: 1718000200000 })
  })

  it('reads video, voice, audio, documents and stickers by file id', async () => {
    const cases: Array<[Record<string, unknown>, unknown]> = [
      [{ video: { file_id: 'v1', file_unique_id: 'u', width: 1, height: 1, duration: 3, mime_type: 'video/mp4' } }, { type: 'video', id: 'v1', mimeType: 'video/mp4' }],
      [{ video_note: { file_id: 'vn', file_unique_id: 'u', length: 240, duration: 3 } }, { type: 'video', id: 'vn' }],
      [{ voice: { file_id: 'vo', file_unique_id: 'u', duration: 2, mime_type: 'audio/ogg' } }, { type: 'audio', id: 'vo', mimeType: 'audio/ogg' }],
      [{ audio: { file_id: 'au', file_unique_id: 'u', duration: 200, mime_type: 'audio/mpeg' } }, { type: 'audio', id: 'au', mimeType: 'audio/mpeg' }],
      [{ document: { file_id: 'doc', file_unique_id: 'u', file_name: 'a.pdf', mime_type: 'application/pdf' } }, { type: 'file', id: 'doc', mimeType: 'application/pdf' }],
      [{ sticker: { file_id: 'st', file_unique_id: 'u', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }, { type: 'image', id: 'st' }],
    ]
    for (const [fields, media] of cases) {
      const update = msg(fields)
      expect(validateTelegramUpdate(update), JSON.stringify(fields)).toEqual([])
      const [e] = await parse(d, update)
      expect(e?.media, JSON.stringify(fields)).toEqual([media])
    }
  })

  it('reads a GIF once, although Telegram also sends it as a document', async () => {
    const gif = { file_id: 'gif', file_unique_id: 'u', width: 1, height: 1, duration: 1, mime_type: 'video/mp4' }
    const [e] = await parse(d, msg({ animation: gif, document: { file_id: 'gif', file_unique_id: 'u', mime_type: 'video/mp4' } }))
    expect(e?.media).toEqual([{ type: 'video', id: 'gif', mimeType: 'video/mp4' }])
  })

  it('reads locations, venues and shared contacts', async () => {
    const [pin] = await parse(d, msg({ location: { latitude: 52.52, longitude: 13.405 } }))
    expect(pin?.location).toEqual({ latitude: 52.52, longitude: 13.405 })
    const venue = msg({ location: { latitude: 52.52, longitude: 13.405 }, venue: { location: { latitude: 52.52, longitude: 13.405 }, title: 'Store', address: 'Alexanderplatz 1' } })
    expect(validateTelegramUpdate(venue)).toEqual([])
    const [v] = await parse(d, venue)
    expect(v?.location).toEqual({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Alexanderplatz 1' })
    const [c] = await parse(d, msg({ contact: { phone_number: '+14155550100', first_name: 'Ana', last_name: 'Lima' } }))
    expect(c?.text).toBe('Ana Lima, +14155550100')
  })

  it('uses the group chat id as the sender address in groups', async () => {
    const [e] = await parse(d, msg({ text: 'hi all' }, { id: -1001234567890, type: 'supergroup', title: 'Team' }))
    expect(e).toMatchObject({ from: '-1001234567890', providerMessageId: '-1001234567890:7' })
  })

  it('ignores edits, channel posts, service messages, game callbacks and junk', async () => {
    const m = (inbound.message as { message: Record<string, unknown> }).message
    expect(await parse(d, { update_id: 3, edited_message: { ...m, edit_date: 1718000300 } })).toEqual([])
    expect(await parse(d, { update_id: 4, channel_post: m })).toEqual([])
    expect(await parse(d, msg({ new_chat_members: [{ id: 5, is_bot: false, first_name: 'Bo' }] }))).toEqual([])
    const q = (inbound.callback_query as { callback_query: Record<string, unknown> }).callback_query
    const { data: _data, ...game } = q
    expect(await parse(d, { update_id: 5, callback_query: { ...game, game_short_name: 'tetris' } })).toEqual([])
    expect(await parse(d, '{not json')).toEqual([])
    expect(await parse(d, { message: m })).toEqual([])
  })
})

describe('telegram callback_data (1-64 bytes)', () => {
  it('sends payloads that fit as they are and maps the others to a deterministic short key', async () => {
    expect(fitsCallbackData('x'.repeat(64))).toBe(true)
    expect(fitsCallbackData('x'.repeat(65))).toBe(false)
    expect(fitsCallbackData('é'.repeat(32))).toBe(true) // 64 bytes
    expect(fitsCallbackData('é'.repeat(33))).toBe(false) // 66 bytes, 33 characters
    expect(fitsCallbackData('')).toBe(false)
    expect(fitsCallbackData('~short')).toBe(false) // "~" is reserved for keys
    const key = await callbackKey('p'.repeat(256))
    expect(key).toMatch(/^~[A-Za-z0-9_-]{16}$/)
    expect(isCallbackKey(key)).toBe(true)
    expect(await callbackKey('p'.repeat(256))).toBe(key)
    expect(await callbackKey('q'.repeat(256))).not.toBe(key)
  })

  it('stores the key with its TTL before sending, and resolves a tap back to the payload and title', async () => {
    let now = 1_000_000
    const store = createMemoryStore({ now: () => now })
    const { fetch, calls } = fakeFetch()
    const d = driverWith({ fetch, store, callbackTtlMs: 60_000 })
    const long = `size:L:${'é'.repeat(120)}`
    await send(d, { text: 'Pick a size', buttons: [reply('Small', 'size:S'), reply('Large', long)] })
    const keyboard = (calls[0]?.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard
    const data = keyboard.flat().find((b) => b.text === 'Large')?.callback_data as string
    expect(data).toBe(await callbackKey(long))
    expect(await store.get(callbackStoreKey(data))).toBe(long)
    expect(keyboard.flat().find((b) => b.text === 'Small')?.callback_data).toBe('size:S')

    const tap = {
      update_id: 30000,
      callback_query: {
        id: 'cb-1',
        from: { id: 123456789, is_bot: false, first_name: 'Ana' },
        chat_instance: '-1',
        data,
        message: { message_id: 500, date: 1718000000, chat: { id: 123456789, type: 'private' }, text: 'Pick a size', reply_markup: { inline_keyboard: keyboard } },
      },
    }
    expect(validateTelegramUpdate(tap)).toEqual([])
    const [e] = await parse(d, tap)
    expect(e?.reply).toEqual({ payload: long, title: 'Large', source: 'native' })

    // A driver in another process resolves it through the shared store.
    expect((await parse(driverWith({ store }), tap))[0]?.reply?.payload).toBe(long)
    // After the TTL, or with a store that never saw it, the raw key stays as the payload.
    now += 60_001
    expect((await parse(d, tap))[0]?.reply).toEqual({ payload: data, title: 'Large', source: 'native' })
    expect((await parse(driverWith(), tap))[0]?.reply?.payload).toBe(data)
  })

  it('keeps no key for a message it refuses', async () => {
    const store = createMemoryStore()
    const { fetch, calls } = fakeFetch()
    const err = await send(driverWith({ fetch, store }), { text: 'x', buttons: [reply('Long', 'p'.repeat(100)), call('Call', '+14155550100')] }).catch((e: unknown) => e)
    expect(ValidationError.isInstance(err)).toBe(true)
    expect([store.size, calls.length]).toEqual([0, 0])
  })

  it('does not send when the store cannot keep a key (and says it is safe to retry)', async () => {
    const { fetch, calls } = fakeFetch()
    const store = { get: async () => undefined, set: async () => Promise.reject(new Error('redis down')), delete: async () => undefined }
    const d = driverWith({ fetch, store })
    const err = await send(d, { text: 'x', buttons: [reply('Long', 'p'.repeat(100))] }).catch((e: unknown) => e)
    expect(ProviderError.isInstance(err)).toBe(true)
    expect((err as ProviderError).retryable).toBe(true)
    expect((err as ProviderError).message).toContain('redis down')
    expect(calls).toHaveLength(0)
  })
})

describe('telegram acknowledge', () => {
  const d = driverWith()

  it('answers a callback query in the webhook reply, as a valid answerCallbackQuery call', async () => {
    const events = await parse(d, inbound.callback_query)
    const res = d.webhook?.acknowledge?.(events)
    expect(res?.status).toBe(200)
    expect(res?.headers.get('content-type')).toBe('application/json')
    const { method, ...params } = (await res?.json()) as { method: string }
    expect(method).toBe('answerCallbackQuery')
    expect(params).toEqual({ callback_query_id: '4382bfdwdsb323b2d9' })
    expect(validateTelegramRequest('answerCallbackQuery', params)).toEqual([])
  })

  it('answers anything else with an empty 200', async () => {
    for (const events of [await parse(d, inbound.message), []]) {
      const res = d.webhook?.acknowledge?.(events)
      expect(res?.status).toBe(200)
      expect(await res?.text()).toBe('')
    }
  })
})

describe('telegram error mapping', () => {
  const ctx = { driver: 'telegram', secrets: [TOKEN, `bot${TOKEN}`] }
  const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: new Headers(headers),
    text: typeof body === 'string' ? body : JSON.stringify(body),
    json: typeof body === 'string' ? undefined : body,
  })
  const fail = (status: number, description: string, parameters?: Record<string, number>) => ({ ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) })
  const examples = errorExamples('telegram')

  it('maps every documented example', () => {
    const map = (name: string) => {
      const ex = examples[name] as { status: number; body: unknown }
      return telegramError(ctx, res(ex.status, ex.body))
    }
    const flood = map('flood-429')
    expect(RateLimitError.isInstance(flood) && flood.retryAfterMs).toBe(35_000)
    const bad = map('bad-request-400')
    expect([bad.code, (bad as ProviderError).retryable, (bad as ProviderError).providerCode]).toEqual(['PROVIDER_ERROR', false, 400])
    const migrated = map('migrated-400')
    expect(RecipientError.isInstance(migrated)).toBe(true)
    expect(migrated.message).toContain('-1001234567890')
    expect(RecipientError.isInstance(map('blocked-403'))).toBe(true)
    expect(AuthError.isInstance(map('unauthorized-401'))).toBe(true)
  })

  const table: Array<[string, HttpResponse, string, Partial<ProviderError>]> = [
    ['401', res(401, fail(401, 'Unauthorized')), 'AUTH_ERROR', { retryable: false, failover: false }],
    ['403 blocked', res(403, fail(403, 'Forbidden: bot was blocked by the user')), 'RECIPIENT_ERROR', { failover: true }],
    ['403 deactivated', res(403, fail(403, 'Forbidden: user is deactivated')), 'RECIPIENT_ERROR', { failover: true }],
    ['403 kicked', res(403, fail(403, 'Forbidden: bot was kicked from the group chat')), 'RECIPIENT_ERROR', { failover: true }],
    ["403 can't initiate", res(403, fail(403, "Forbidden: bot can't initiate conversation with a user")), 'RECIPIENT_ERROR', { failover: true }],
    ['403 other', res(403, fail(403, 'Forbidden: something new')), 'RECIPIENT_ERROR', { failover: true }],
    ['400 chat not found', res(400, fail(400, 'Bad Request: chat not found')), 'RECIPIENT_ERROR', { failover: true }],
    ['400 PEER_ID_INVALID', res(400, fail(400, 'Bad Request: PEER_ID_INVALID')), 'RECIPIENT_ERROR', { failover: true }],
    ['400 no rights', res(400, fail(400, 'Bad Request: not enough rights to send text messages to the chat')), 'RECIPIENT_ERROR', { failover: true }],
    ['400 other', res(400, fail(400, "Bad Request: can't parse entities: Character '.' is reserved")), 'PROVIDER_ERROR', { retryable: false, ambiguous: false }],
    ['429 parameters', res(429, fail(429, 'Too Many Requests: retry after 3', { retry_after: 3 })), 'RATE_LIMIT_ERROR', { retryable: true, retryAfterMs: 3000 }],
    ['429 header only', res(429, fail(429, 'Too Many Requests'), { 'Retry-After': '7' }), 'RATE_LIMIT_ERROR', { retryable: true, retryAfterMs: 7000 }],
    ['429 both', res(429, fail(429, 'Too Many Requests', { retry_after: 5 }), { 'Retry-After': '9' }), 'RATE_LIMIT_ERROR', { retryAfterMs: 5000 }],
    ['429 none', res(429, fail(429, 'Too Many Requests')), 'RATE_LIMIT_ERROR', { retryable: true, retryAfterMs: undefined }],
    ['404', res(404, fail(404, 'Not Found')), 'PROVIDER_ERROR', { retryable: false }],
    ['500', res(500, fail(500, 'Internal Server Error')), 'PROVIDER_ERROR', { retryable: false, ambiguous: false }],
    ['502 HTML', res(502, '<html>Bad Gateway</html>'), 'PROVIDER_ERROR', { ambiguous: true, retryable: false }],
    ['503 without Retry-After', res(503, fail(503, 'Service Unavailable')), 'PROVIDER_ERROR', { retryable: false }],
    ['503 with Retry-After', res(503, fail(503, 'Service Unavailable'), { 'Retry-After': '2' }), 'PROVIDER_ERROR', { retryable: true, retryAfterMs: 2000 }],
    ['504', res(504, ''), 'PROVIDER_ERROR', { ambiguous: true }],
  ]
  for (const [name, response, code, fields] of table) {
    it(name, () => {
      const err = telegramError(ctx, response) as ProviderError
      expect(err.code).toBe(code)
      expect(err).toMatchObject({ driver: 'telegram', status: response.status, ...fields })
    })
  }

  it('scrubs the bot token from messages', () => {
    const err = telegramError(ctx, res(400, fail(400, `Bad Request: wrong url https://api.telegram.org/bot${TOKEN}/x`)))
    expect(err.message).not.toContain(TOKEN)
    expect(JSON.stringify(err.toJSON())).not.toContain(TOKEN)
  })

  it('never leaks the token when fetch fails with the URL in its message', async () => {
    const d = driverWith({
      fetch: async (input) => {
        const url = input instanceof Request ? input.url : String(input)
        throw Object.assign(new TypeError(`fetch failed for ${url}`), { cause: Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: 'ECONNREFUSED' }) })
      },
    })
    const err = await send(d, { text: 'hi' }).catch((e: unknown) => e)
    expect(ConnectionError.isInstance(err)).toBe(true)
    expect((err as ConnectionError).beforeSend).toBe(true)
    const all = `${(err as Error).message} ${(err as Error).stack} ${String((err as Error).cause)} ${((err as Error).cause as Error).stack} ${JSON.stringify((err as AnychannelError).toJSON())}`
    expect(all).not.toContain(TOKEN)
    expect(all).not.toContain(TOKEN.split(':')[1])
  })

  it('reports a 200 it cannot read as ambiguous, and a 200 with ok:false by its error', async () => {
    const { fetch } = fakeFetch([() => new Response('<html>ok</html>', { status: 200 }), () => Response.json(fail(400, 'Bad Request: chat not found'))])
    const d = driverWith({ fetch })
    const unreadable = (await send(d, { text: 'hi' }).catch((e: unknown) => e)) as ProviderError
    expect(unreadable.ambiguous).toBe(true)
    expect(RecipientError.isInstance(await send(d, { text: 'hi' }).catch((e: unknown) => e))).toBe(true)
  })
})

describe('telegram payload', () => {
  const o = { parseMode: 'MarkdownV2' as const, callbackData: (p: string) => p }
  const valid = (requests: ReturnType<typeof toTelegramRequests>) => {
    for (const r of requests) expect(validateTelegramRequest(r.method, r.body), r.method).toEqual([])
    return requests
  }

  it('takes chat ids as numbers and @channel names as strings, and refuses phone numbers', () => {
    expect(chatIdOf('123456789')).toBe(123456789)
    expect(chatIdOf('-1001234567890')).toBe(-1001234567890)
    expect(chatIdOf('@example_channel')).toBe('@example_channel')
    for (const bad of ['+14155550100', '12ab', '@ab', '0123', '', '99999999999999999']) expect(() => chatIdOf(bad), bad).toThrow(ValidationError)
  })

  it('passes the recipient through client.send() untouched, and rejects a phone number there', async () => {
    const { fetch, calls } = fakeFetch()
    const client = createClient({ channels: { telegram: driverWith({ fetch }) }, retry: { limit: 0 } })
    const r = await client.send({ to: '123456789', message: message({ text: 'Hi' }) })
    expect(r.providerMessageIds).toEqual(['123456789:500'])
    expect(calls[0]?.body.chat_id).toBe(123456789)
    const contact = await client.send({ to: { telegram: '@example_channel' }, message: message({ text: 'Hi' }) })
    expect(contact.to).toBe('@example_channel')
    const err = await client.send({ to: '+14155550100', message: message({ text: 'Hi' }) }).catch((e: unknown) => e)
    expect(SendError.isInstance(err)).toBe(true)
    expect(ValidationError.isInstance((err as SendError).attempts[0]?.error)).toBe(true)
    expect(calls).toHaveLength(2)
  })

  it('sets parse_mode on text and every caption', () => {
    const html = { ...o, parseMode: 'HTML' as const }
    expect(valid(toTelegramRequests({ text: '<b>Hi</b>' }, 1, html))[0]?.body).toEqual({ chat_id: 1, text: '<b>Hi</b>', parse_mode: 'HTML' })
    expect(valid(toTelegramRequests({ text: 'cap', media: [video('https://a.example/v.mp4')] }, 1, html))[0]).toEqual({
      method: 'sendVideo',
      body: { chat_id: 1, video: 'https://a.example/v.mp4', caption: 'cap', parse_mode: 'HTML' },
    })
    expect(valid(toTelegramRequests({ media: [image('https://a.example/i.jpg')] }, 1, html))[0]?.body).toEqual({ chat_id: 1, photo: 'https://a.example/i.jpg' })
  })

  it('sends one medium of each kind by its own method', () => {
    const methods = [image('https://a.example/1.jpg'), video('https://a.example/1.mp4'), audio('https://a.example/1.mp3'), file('https://a.example/1.pdf')].map(
      (m) => valid(toTelegramRequests({ text: 't', media: [m], buttons: [reply('Ok', 'OK')] }, 1, o))[0],
    )
    expect(methods.map((r) => r?.method)).toEqual(['sendPhoto', 'sendVideo', 'sendAudio', 'sendDocument'])
    for (const r of methods) expect(r?.body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Ok', callback_data: 'OK' }]] })
  })

  it('groups several media into albums Telegram accepts, captioning the first', () => {
    const media = [image('https://a.example/1.jpg'), audio('https://a.example/1.mp3'), file('https://a.example/1.pdf'), video('https://a.example/1.mp4'), audio('https://a.example/2.mp3')]
    const requests = valid(toTelegramRequests({ text: 'All of it', media }, 1, o))
    expect(requests.map((r) => [r.method, (r.body.media as Array<{ type: string }> | undefined)?.map((m) => m.type)])).toEqual([
      ['sendMediaGroup', ['photo', 'video']],
      ['sendMediaGroup', ['audio', 'audio']],
      ['sendDocument', undefined],
    ])
    expect((requests[0]?.body.media as Array<Record<string, unknown>>)[0]).toEqual({ type: 'photo', media: 'https://a.example/1.jpg', caption: 'All of it', parse_mode: 'MarkdownV2' })
    expect(JSON.stringify(requests.slice(1))).not.toContain('caption')
  })

  it('our sendMediaGroup schema rejects what Telegram rejects', () => {
    const item = (type: string, n: number) => ({ type, media: `https://a.example/${n}` })
    expect(validateTelegramRequest('sendMediaGroup', { chat_id: 1, media: [item('photo', 1), item('audio', 2)] })).not.toEqual([])
    expect(validateTelegramRequest('sendMediaGroup', { chat_id: 1, media: [item('photo', 1)] })).not.toEqual([])
    expect(validateTelegramRequest('sendMediaGroup', { chat_id: 1, media: Array.from({ length: 11 }, (_, i) => item('photo', i)) })).not.toEqual([])
    expect(validateTelegramRequest('sendMediaGroup', { chat_id: 1, media: [item('photo', 1), item('photo', 2)], reply_markup: { inline_keyboard: [] } })).not.toEqual([])
    expect(validateTelegramRequest('sendVenue', { chat_id: 1, latitude: 1, longitude: 2, title: 'x' })).not.toEqual([])
    expect(validateTelegramRequest('sendVideo', { chat_id: 1, video: 'v', caption: 'c', parse_mode: 'Markdownv2' })).not.toEqual([])
    expect(validateTelegramRequest('sendMessage', { chat_id: 1, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'é'.repeat(33) }]] } })).not.toEqual([])
  })

  it('refuses what the telegram profile has no native form for (render() never leaves it)', () => {
    expect(() => toTelegramRequests({ text: 'x', media: [image('https://a.example/1.jpg'), image('https://a.example/2.jpg')], buttons: [reply('Ok', 'OK')] }, 1, o)).toThrow(ValidationError)
    expect(() => toTelegramRequests({ text: 'x', buttons: [call('Call', '+14155550100')] }, 1, o)).toThrow(ValidationError)
    expect(() => toTelegramRequests({ cards: [card({ title: 'x' })] }, 1, o)).toThrow(ValidationError)
  })

  it('sends a plain location, or a venue when it has a name or an address', () => {
    const one = (l: Parameters<typeof location>[0]) => valid(toTelegramRequests({ location: location(l) }, 1, o))[0]
    expect(one({ latitude: 1.5, longitude: 2.5 })).toEqual({ method: 'sendLocation', body: { chat_id: 1, latitude: 1.5, longitude: 2.5 } })
    expect(one({ latitude: 1.5, longitude: 2.5, name: 'Store', address: 'Main St 1' })?.body).toMatchObject({ title: 'Store', address: 'Main St 1' })
    expect(one({ latitude: 1.5, longitude: 2.5, name: 'Store' })?.body).toMatchObject({ title: 'Store', address: '1.5, 2.5' })
    expect(one({ latitude: 1.5, longitude: 2.5, address: 'Main St 1' })?.body).toMatchObject({ title: 'Main St 1', address: '1.5, 2.5' })
  })

  it('lays out the keyboard: buttons, then quick replies, two per row when both titles are short', () => {
    const long = 'x'.repeat(PAIR_TITLE_MAX_LENGTH + 1)
    const [r] = valid(
      toTelegramRequests(
        { text: 'Pick', buttons: [reply('Yes', 'Y'), link('Docs', 'https://a.example/d'), reply(long, 'L')], quickReplies: [reply('Help', 'H'), reply('Agent', 'A'), reply('Back', 'B')] },
        1,
        o,
      ),
    )
    expect(r?.body.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Yes', callback_data: 'Y' }, { text: 'Docs', url: 'https://a.example/d' }],
        [{ text: long, callback_data: 'L' }],
        [{ text: 'Help', callback_data: 'H' }, { text: 'Agent', callback_data: 'A' }],
        [{ text: 'Back', callback_data: 'B' }],
      ],
    })
  })

  it('adds providerOptions.telegram to every call without letting it change the mapped fields', async () => {
    const { fetch, calls } = fakeFetch()
    await send(driverWith({ fetch }), { text: 'hi', location: location({ latitude: 1, longitude: 2 }) }, '123456789', { telegram: { disable_notification: true, chat_id: 42 } })
    expect(calls.map((c) => [c.method, c.body.chat_id, c.body.disable_notification])).toEqual([
      ['sendMessage', 123456789, true],
      ['sendLocation', 123456789, true],
    ])
  })

  it('a failure after part of a message was accepted is ambiguous: no retry, no failover', async () => {
    const { fetch, calls } = fakeFetch([
      (c) => Response.json({ ok: true, result: [{ message_id: 1, chat: { id: c.body.chat_id } }, { message_id: 2, chat: { id: c.body.chat_id } }] }),
      () => Response.json({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, { status: 429 }),
    ])
    const d = driverWith({ fetch })
    const media = [image('https://a.example/1.jpg'), image('https://a.example/2.jpg'), audio('https://a.example/1.mp3')]
    const err = (await send(d, { media }).catch((e: unknown) => e)) as ProviderError
    expect(err.code).toBe('PROVIDER_ERROR')
    expect([err.ambiguous, err.retryable, err.failover]).toEqual([true, false, false])
    expect(err.message).toContain('1 of 2 calls')
    expect(err.message).toContain('123456789:1, 123456789:2')
    expect(RateLimitError.isInstance(err.cause)).toBe(true)

    expect(calls).toHaveLength(2)
    const { fetch: fetch2 } = fakeFetch([
      (c) => Response.json({ ok: true, result: [{ message_id: 1, chat: { id: c.body.chat_id } }, { message_id: 2, chat: { id: c.body.chat_id } }] }),
      () => Response.json({ ok: false, error_code: 429, description: 'Too Many Requests' }, { status: 429 }),
    ])
    const sms = createMemoryDriver()
    const client = createClient({ channels: { telegram: driverWith({ fetch: fetch2 }), sms }, failover: ['telegram', 'sms'] })
    const unknown = await client.send({ to: { telegram: '123456789', phone: '+14155550100' }, message: { media } }).catch((e: unknown) => e)
    expect(DeliveryUnknownError.isInstance(unknown)).toBe(true)
    expect((unknown as DeliveryUnknownError).attempts).toHaveLength(1)
    expect(sms.sent).toHaveLength(0)
  })
})

describe('telegram options and capabilities', () => {
  it('validates its options without repeating the token', () => {
    const secretish = '123:this-is-not-valid!'
    const err = (() => {
      try {
        createTelegramDriver({ botToken: secretish })
      } catch (e) {
        return e as ValidationError
      }
    })()
    expect(err?.issues.map((i) => i.path[0])).toEqual(['botToken'])
    expect(err?.message).not.toContain('this-is-not-valid')
    expect(() => createTelegramDriver({ botToken: TOKEN, parseMode: 'Markdown' as 'HTML' })).toThrow(/parseMode/)
    expect(() => createTelegramDriver({ botToken: TOKEN, secretToken: 'has space' })).toThrow(/secretToken/)
    expect(() => createTelegramDriver({ botToken: TOKEN, secretToken: 'a'.repeat(257) })).toThrow(/secretToken/)
    expect(() => createTelegramDriver({ botToken: TOKEN, callbackTtlMs: 0 })).toThrow(/callbackTtlMs/)
    expect(() => createTelegramDriver({ botToken: TOKEN, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/)
    expect(() => createTelegramDriver({ botToken: TOKEN, baseUrl: 'ftp://example.com' })).toThrow(/baseUrl/)
  })

  it('calls {baseUrl}/bot{token}/{method}, trailing slash or not', async () => {
    const { fetch, calls } = fakeFetch()
    await send(driverWith({ fetch, baseUrl: 'https://proxy.example.com/tg/' }), { text: 'hi' })
    expect(calls[0]?.url).toBe(`https://proxy.example.com/tg/bot${TOKEN}/sendMessage`)
    const { fetch: f2, calls: c2 } = fakeFetch()
    await send(driverWith({ fetch: f2 }), { text: 'hi' })
    expect(c2[0]?.url).toBe(`${TELEGRAM_DEFAULTS.baseUrl}/bot${TOKEN}/sendMessage`)
  })

  it('renders in the parse mode it sends', () => {
    expect(createTelegramDriver({ botToken: TOKEN }).capabilities).toBe(TELEGRAM_CAPABILITIES.MarkdownV2)
    expect(TELEGRAM_CAPABILITIES.MarkdownV2.text.formatting).toBe('telegram-markdown-v2')
    expect(TELEGRAM_CAPABILITIES.HTML.text.formatting).toBe('telegram-html')
    for (const caps of Object.values(TELEGRAM_CAPABILITIES)) expect([caps.idempotency, caps.maxActionsPerMessage, caps.callButtons, caps.card]).toEqual(['none', 100, false, false])
    const client = createClient({ channels: { telegram: createTelegramDriver({ botToken: TOKEN, parseMode: 'HTML' }) } })
    expect(client.render(message({ text: 'a **b** < c' }), 'telegram').messages[0]?.text).toBe('a <b>b</b> &lt; c')
  })
})
