import { createLineDriver } from '../../src/drivers/line/index.js'
import { card, image, link, reply } from '../../src/message/builders.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { expectedRetryKey, validateLinePush } from './support/line-contract.js'
import { errorExamples } from './support/provider-contracts.js'

const TOKEN = 'line_channel_access_token_Zk3q9W7xP2mV8='
const SECRET = '8c570fa6dd201bb328f1c1eac23a96d8'
const USER = 'U4af4980629b1f5ab6c7aadbd8d5a5c2a'
const errors = errorExamples('line')
const example = (name: string, headers?: Record<string, string>): ContractResponse => {
  const e = errors[name]
  if (!e) throw new Error(`no error example ${name}`)
  return { status: e.status, body: e.body, headers: { 'x-line-request-id': `req-${name}`, ...e.headers, ...headers } }
}
const lineErr = (status: number, message: string, headers?: Record<string, string>): ContractResponse => ({
  status,
  body: { message },
  headers: { 'x-line-request-id': `req-${status}`, ...headers },
})

// The suite sends these idempotency keys; none is a UUID, so the driver sends the UUID derived
// from each (checked against an independent node:crypto implementation).
const KEYS = ['key-7f3a9c1e', 'contract-key', 'k']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const photo = image('https://cdn.example.com/shirt.jpg', { mimeType: 'image/jpeg' })

runDriverContract({
  name: 'line (Messaging API push)',
  create: (baseUrl) => createLineDriver({ channelAccessToken: TOKEN, channelSecret: SECRET, baseUrl }),
  recipient: USER,
  endpoints: [{ method: 'POST', path: '/v2/bot/message/push' }],
  validate: (req: CapturedRequest) => {
    const problems = validateLinePush(req.body)
    if (req.headers.get('authorization') !== `Bearer ${TOKEN}`) problems.push('Authorization: Bearer <channel access token> expected')
    if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
    // Retry key: "the UUID in hexadecimal format" (messaging-api.yml, X-Line-Retry-Key, format uuid).
    if (!UUID.test(req.headers.get('x-line-retry-key') ?? '')) problems.push('X-Line-Retry-Key must be a hexadecimal UUID')
    return problems
  },
  invalidRequest: {
    method: 'POST',
    url: new URL('https://api.line.me/v2/bot/message/push'),
    headers: new Headers({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }),
    // A misspelt field: the official (open) schema lets it through, ours does not.
    body: { to: USER, messages: [{ type: 'image', originalContentUrl: 'https://cdn.example.com/a.jpg', previewImageUrl: 'https://cdn.example.com/a.jpg', previewImageURL: 'x' }] },
  },
  success: (req) => ({
    status: 200,
    body: { sentMessages: (req.body as { messages: unknown[] }).messages.map(() => ({ id: String(Math.floor(Math.random() * 1e17) + 4e17) })) },
    headers: { 'x-line-request-id': crypto.randomUUID() },
  }),
  errors: {
    badRequest: example('invalid-400'),
    unauthorized: lineErr(401, 'Authentication failed. Confirm that the access token in the authorization header is valid.'),
    forbidden: lineErr(403, 'Access to this API is not available for your account'),
    notFound: lineErr(404, 'Not found'),
    // LINE documents no Retry-After; when a proxy adds one, the driver honours it.
    rateLimited: example('rate-limit-429', { 'Retry-After': '3' }),
    rateLimitedNoRetryAfter: example('rate-limit-429'),
    serverError: lineErr(500, 'Internal server error'),
    unavailable: lineErr(503, 'Service unavailable', { 'Retry-After': '2' }),
  },
  expect: {
    // A refused request fails the same way again ("4xx: trying again does not change the results",
    // retrying-api-request); as a ValidationError the client, which may retry anything else because
    // the push carries a retry key, neither retries nor fails over.
    badRequest: { code: 'VALIDATION_ERROR', retryable: false },
    notFound: { code: 'VALIDATION_ERROR', retryable: false },
    rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 3000 },
    unavailable: { code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 2000 },
  },
  secrets: [TOKEN, SECRET],
  idempotencyKeyIn: (req) => {
    const header = req.headers.get('x-line-retry-key') ?? undefined
    return KEYS.find((k) => expectedRetryKey(k) === header) ?? header
  },
  extraMessages: [
    { name: 'text over 160 characters with a URL button (Flex bubble)', message: { text: `${'Your parcel is on its way. '.repeat(8)}Track it any time.`, buttons: [link('Track', 'https://shop.example.com/t/1')] } },
    {
      name: 'five buttons on one message (Flex bubble)',
      message: { text: 'What next?', buttons: [reply('Buy', 'BUY'), reply('Save', 'SAVE'), reply('Share', 'SHARE'), link('View', 'https://shop.example.com/p/1'), reply('Help', 'HELP')] },
    },
    { name: 'card without buttons (Flex bubble)', message: { cards: [card({ title: 'Blue shirt', text: 'Size M', media: photo })] } },
    { name: 'card with a title and buttons, no text (title as template text)', message: { cards: [card({ title: 'Blue shirt', buttons: [reply('Buy', 'BUY')] })] } },
    {
      name: 'carousel whose cards differ in layout (Flex carousel)',
      message: { cards: [card({ title: 'Shirt', text: 'Size M', media: photo, buttons: [reply('Buy', 'B1')] }), card({ title: 'Socks', text: 'One size', buttons: [reply('Buy', 'B2')] })] },
    },
    {
      name: 'carousel of four-button cards (Flex carousel)',
      message: {
        cards: [1, 2].map((i) =>
          card({ title: `Item ${i}`, text: 'Pick', buttons: [reply('Buy', `B${i}`), reply('Save', `S${i}`), reply('Share', `H${i}`), link('View', `https://shop.example.com/p/${i}`)] }),
        ),
      },
    },
    { name: 'location with a name only (coordinates as the address)', message: { location: { latitude: 35.68, longitude: 139.76, name: 'Tokyo Station' } } },
    { name: 'quick replies on an image', message: { media: [photo], quickReplies: [reply('More', 'MORE'), reply('Stop', 'STOP_PHOTOS')] } },
  ],
})
