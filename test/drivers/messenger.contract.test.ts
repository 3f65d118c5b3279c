import { createMessengerDriver } from '../../src/drivers/messenger/index.js'
import { call, card, image, link, reply } from '../../src/message/builders.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { validateMessengerRequest } from './support/messenger-contract.js'
import { contractFile, errorExamples, schemaValidator } from './support/provider-contracts.js'

const TOKEN = 'EAAGmessenger_page_token_4b7e1d9c'
const APP_SECRET = 'meta_app_secret_messenger_8c2f'
const VERIFY_TOKEN = 'verify_token_messenger_6a1d'
const VERSION = 'v23.0'
const PSID = '1254459154682919'

const errors = errorExamples('messenger')
const validateResponse = schemaValidator('messenger', 'SendResponse')
const ok = contractFile<{ examples: { ok: { recipient_id: string; message_id: string } } }>('messenger', 'examples/send-response-200.json').examples.ok
const graphError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): ContractResponse => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: `Trace${code}`, ...extra } },
  ...(headers ? { headers } : {}),
})
const example = (name: string): ContractResponse => {
  const e = errors[name]
  if (!e) throw new Error(`no error example ${name}`)
  return { status: e.status, body: e.body }
}
const photo = image('https://cdn.example.com/shirt.jpg', { mimeType: 'image/jpeg' })

function validate(req: CapturedRequest): string[] {
  const problems = validateMessengerRequest(req.body)
  if (req.headers.get('authorization') !== `Bearer ${TOKEN}`) problems.push('Authorization: Bearer <page access token> expected')
  // The token travels in the header, so it must not also sit in the URL (proxies and logs keep URLs).
  if (req.url.search !== '') problems.push(`no query string expected, got ${req.url.search.length} characters`)
  if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
  return problems
}

const success = (req: CapturedRequest): ContractResponse => {
  const body = { recipient_id: (req.body as { recipient: { id: string } }).recipient.id, message_id: `m_${crypto.randomUUID().replace(/-/g, '')}` }
  if (validateResponse(body).length || validateResponse(ok).length) throw new Error('the fake success answer breaks SendResponse')
  return { status: 200, body }
}

const shared = {
  recipient: PSID,
  endpoints: [{ method: 'POST' as const, path: `/${VERSION}/me/messages` }],
  validate,
  invalidRequest: {
    method: 'POST',
    url: new URL(`https://graph.facebook.com/${VERSION}/me/messages`),
    headers: new Headers({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }),
    // A quick reply without content_type, and messaging_type missing: both refused by the schema.
    body: { recipient: { id: PSID }, message: { text: 'Pick', quick_replies: [{ title: 'Red', payload: 'RED' }] } },
  },
  success,
  errors: {
    badRequest: graphError(400, 100, '(#100) Invalid parameter'),
    unauthorized: graphError(401, 190, 'Invalid OAuth access token.'),
    forbidden: graphError(403, 200, '(#200) Cannot message users who are not admins, developers or testers of the app until pages_messaging permission is reviewed and the app is live.', { error_subcode: 2018028 }),
    notFound: graphError(404, 803, '(#803) Some of the aliases you requested do not exist: me'),
    // Meta documents no Retry-After; when an edge adds one, the driver honours it.
    rateLimited: graphError(429, 4, '(#4) Application request limit reached', {}, { 'Retry-After': '3' }),
    // Throttling answered with HTTP 400: the code, not the status, makes it a rate limit.
    rateLimitedNoRetryAfter: example('rate-limit-400'),
    serverError: graphError(500, 1, 'An unknown error occurred'),
    unavailable: graphError(503, 2, 'Service temporarily unavailable', { is_transient: true }),
  },
  expect: {
    rateLimited: { code: 'RATE_LIMIT_ERROR' as const, retryable: true, retryAfterMs: 3000 },
  },
  secrets: [TOKEN, APP_SECRET, VERIFY_TOKEN],
}

runDriverContract({
  ...shared,
  name: 'messenger (Send API)',
  create: (baseUrl) => createMessengerDriver({ pageAccessToken: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, baseUrl }),
  extraMessages: [
    { name: 'three buttons of every kind (button template)', message: { text: 'How can we help?', buttons: [reply('Track', 'TRACK'), link('Site', 'https://shop.example.com'), call('Call us', '+14155550100')] } },
    { name: 'buttons and quick replies in one message', message: { text: 'Confirm?', buttons: [reply('Yes', 'YES'), reply('No', 'NO')], quickReplies: [reply('Agent', 'AGENT')] } },
    {
      name: 'four buttons: the replies move to quick replies, the button template keeps 3 or fewer',
      message: { text: 'Next?', buttons: [reply('A', 'A'), reply('B', 'B'), link('Site', 'https://shop.example.com'), call('Call', '+14155550100')] },
    },
    { name: 'long text with a URL button (body of 640)', message: { text: 'A long explanation. '.repeat(60), buttons: [link('Read more', 'https://shop.example.com/faq')] } },
    { name: 'card with an image only besides its title', message: { cards: [card({ title: 'Blue shirt', media: photo })] } },
    { name: 'card with nothing but a title (sent as text)', message: { cards: [card({ title: 'Blue shirt' })] } },
    {
      name: 'carousel of 10 cards with call buttons and quick replies',
      message: {
        cards: Array.from({ length: 10 }, (_, i) => card({ title: `Store ${i + 1}`, text: 'Open 9-18', buttons: [call('Call', `+1415555010${i}`)] })),
        quickReplies: [reply('More', 'MORE')],
      },
    },
    { name: '13 quick replies', message: { text: 'Pick a size', quickReplies: Array.from({ length: 13 }, (_, i) => reply(`Size ${i + 1}`, `SIZE_${i + 1}`)) } },
  ],
})

runDriverContract({
  ...shared,
  name: 'messenger (Send API, tagged: MESSAGE_TAG + POST_PURCHASE_UPDATE)',
  create: (baseUrl) => createMessengerDriver({ pageAccessToken: TOKEN, tag: 'POST_PURCHASE_UPDATE', baseUrl }),
  secrets: [TOKEN],
})
