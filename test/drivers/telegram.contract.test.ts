import { createTelegramDriver } from '../../src/drivers/telegram/index.js'
import { image, location, reply } from '../../src/message/builders.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { contractFile, errorExamples } from './support/provider-contracts.js'
import { TELEGRAM_REQUEST_SCHEMAS, validateTelegramRequest } from './support/telegram-schemas.js'

const TOKEN = '7012345678:AAHk3v9Qz-x_Lm2Rt8Yb4Wc6Np1Ds5Fg0Je'
const SECRET = 'Zr8_kQ2-vL0p'
const CHAT = '123456789'
const errors = errorExamples('telegram')
const sent = contractFile<{ examples: { sendMessage: { result: Record<string, unknown> } } }>('telegram', 'examples/send-response-200.json').examples.sendMessage.result
const methods = Object.keys(TELEGRAM_REQUEST_SCHEMAS).filter((m) => m.startsWith('send'))
const failure = (status: number, description: string, headers?: Record<string, string>): ContractResponse => ({
  status,
  body: { ok: false, error_code: status, description },
  ...(headers ? { headers } : {}),
})

let nextId = 100
function result(body: { chat_id?: unknown }) {
  const id = typeof body.chat_id === 'number' ? body.chat_id : -1001234567890
  return { ...sent, message_id: nextId++, chat: { id, type: typeof body.chat_id === 'number' ? 'private' : 'channel' }, date: 1718000000 }
}

for (const parseMode of ['MarkdownV2', 'HTML'] as const) {
  runDriverContract({
    name: `telegram (${parseMode})`,
    create: (baseUrl) => createTelegramDriver({ botToken: TOKEN, parseMode, secretToken: SECRET, baseUrl }),
    recipient: CHAT,
    endpoints: methods.map((m) => ({ method: 'POST' as const, path: `/bot*/${m}` })),
    validate: (req: CapturedRequest) => {
      const method = req.url.pathname.split('/').pop() ?? ''
      const problems = validateTelegramRequest(method, req.body)
      if (decodeURIComponent(req.url.pathname) !== `/bot${TOKEN}/${method}`) problems.push('POST /bot<token>/<method> expected')
      if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
      const body = req.body as { chat_id?: unknown; text?: unknown; caption?: unknown; parse_mode?: unknown; media?: Array<{ text?: unknown; caption?: unknown; parse_mode?: unknown }> }
      if (body.chat_id !== Number(CHAT)) problems.push(`chat_id must be the number ${CHAT}`)
      const captioned = [body, ...(body.media ?? [])].filter((x) => x.text !== undefined || x.caption !== undefined)
      for (const x of captioned) if (x.parse_mode !== parseMode) problems.push(`parse_mode ${parseMode} expected with every text and caption`)
      return problems
    },
    invalidRequest: {
      method: 'POST',
      url: new URL(`https://provider.contract.test/bot${TOKEN}/sendMessage`),
      headers: new Headers({ 'content-type': 'application/json' }),
      body: { chat_id: Number(CHAT), text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'Both', callback_data: 'x', url: 'https://example.com' }]] } },
    },
    success: (req) => {
      const body = req.body as { chat_id?: unknown; media?: unknown[] }
      const method = req.url.pathname.split('/').pop()
      return { status: 200, body: { ok: true, result: method === 'sendMediaGroup' ? (body.media ?? []).map(() => result(body)) : result(body) } }
    },
    errors: {
      badRequest: errors['bad-request-400'] as ContractResponse,
      unauthorized: errors['unauthorized-401'] as ContractResponse,
      forbidden: errors['blocked-403'] as ContractResponse,
      notFound: failure(404, 'Not Found'),
      rateLimited: errors['flood-429'] as ContractResponse,
      rateLimitedNoRetryAfter: failure(429, 'Too Many Requests'),
      serverError: failure(500, 'Internal Server Error'),
      unavailable: failure(503, 'Service Unavailable', { 'Retry-After': '2' }),
    },
    expect: {
      // 403 from the Bot API means the bot cannot reach this chat (blocked, kicked …): fail over.
      forbidden: { code: 'RECIPIENT_ERROR', retryable: false },
      rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 35_000 },
      unavailable: { code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 2000 },
    },
    secrets: [TOKEN, `bot${TOKEN}`, SECRET],
    extraMessages: [
      {
        name: 'reply payloads longer than 64 bytes',
        message: { text: 'Pick a size', buttons: [reply('Small', `size:S:${'é'.repeat(40)}`), reply('Large', `size:L:${'x'.repeat(240)}`)] },
      },
      { name: 'album of three photos', message: { text: 'Your photos', media: [1, 2, 3].map((i) => image(`https://cdn.example.com/${i}.jpg`)) } },
      {
        name: 'media of every kind (one call per album-compatible group)',
        message: {
          text: 'Everything',
          media: [
            image('https://cdn.example.com/a.jpg'),
            { type: 'audio', url: 'https://cdn.example.com/a.mp3' },
            { type: 'video', url: 'https://cdn.example.com/a.mp4' },
            { type: 'file', url: 'https://cdn.example.com/a.pdf' },
            { type: 'file', url: 'https://cdn.example.com/b.pdf' },
          ],
        },
      },
      { name: 'plain location', message: { location: location({ latitude: -33.8568, longitude: 151.2153 }) } },
      { name: 'location with only a name', message: { location: location({ latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower' }) } },
      { name: 'url and reply buttons with long titles', message: { text: 'Order #1', buttons: [{ type: 'url', title: 'Open the order page in your browser', url: 'https://shop.example.com/o/1' }, reply('Cancel this order right now', 'CANCEL')] } },
    ],
  })
}
