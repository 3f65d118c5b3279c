import { RBM_MESSAGE_ID_NAMESPACE, createRbmDriver } from '../../src/drivers/rbm/index.js'
import { call, card, file, link, reply } from '../../src/message/builders.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { errorExamples } from './support/provider-contracts.js'
import { nodeUuidV5, phoneOf, validateRbmSend } from './support/rbm-contract.js'

const AGENT = 'acme_rbm_agent'
const TOKEN = 'ya29.rbm_contract_access_token_4e8c1b'
const CLIENT_TOKEN = 'SJENCPGJESMGUFPY_contract'

const errors = errorExamples('google-rbm')
const example = (name: string, headers?: Record<string, string>): ContractResponse => {
  const e = errors[name]
  if (!e) throw new Error(`no error example ${name}`)
  return { status: e.status, body: e.body, ...(headers ? { headers } : {}) }
}
const googleError = (status: number, code: string, message: string): ContractResponse => ({ status, body: { error: { code: status, message, status: code } } })

const photo = { type: 'image' as const, url: 'https://cdn.example.com/shirt.jpg', mimeType: 'image/jpeg' }
const clip = { type: 'video' as const, url: 'https://cdn.example.com/clip.mp4', mimeType: 'video/mp4' }

runDriverContract({
  name: 'rbm (RCS Business Messaging)',
  create: (baseUrl) => createRbmDriver({ agentId: AGENT, accessToken: TOKEN, clientToken: CLIENT_TOKEN, baseUrl }),
  recipient: '+14155550100',
  endpoints: [{ method: 'POST', path: '/v1/phones/:phone/agentMessages' }],
  validate: (req: CapturedRequest) => validateRbmSend(req, AGENT, TOKEN),
  invalidRequest: {
    method: 'POST',
    url: new URL(`https://rcsbusinessmessaging.googleapis.com/v1/phones/+14155550100/agentMessages?messageId=4f6c2b1e-8a9d-4e7f-b3c2-1d0e9f8a7b6c&agentId=${AGENT}`),
    headers: new Headers({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }),
    // The field the provider's own 400 example complains about.
    body: { contentMessage: { text: 'Confirm?', buttons: [{ reply: { text: 'Yes', postbackData: 'YES' } }] } },
  },
  success: (req) => ({
    status: 200,
    body: {
      name: `phones/${phoneOf(req.url)}/agentMessages/${req.url.searchParams.get('messageId')}`,
      sendTime: new Date().toISOString(),
      contentMessage: (req.body as { contentMessage: unknown }).contentMessage,
    },
  }),
  errors: {
    badRequest: example('invalid-400'),
    unauthorized: googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'),
    forbidden: googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
    notFound: example('not-rcs-404'),
    // Google documents no Retry-After for RBM; when a front end adds one, the driver honours it.
    rateLimited: example('quota-429', { 'Retry-After': '3' }),
    rateLimitedNoRetryAfter: example('quota-429'),
    serverError: googleError(500, 'INTERNAL', 'Internal error encountered.'),
    unavailable: googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'),
  },
  expect: {
    // A 400 is not retried even though the key makes retries safe, and fails over: RBM also
    // answers INVALID_ARGUMENT to features the user's device lacks (see src/drivers/rbm/errors.ts).
    badRequest: { code: 'RECIPIENT_ERROR', retryable: false },
    // NOT_FOUND: not reachable on RCS; fall back to SMS.
    notFound: { code: 'RECIPIENT_ERROR', retryable: false },
    rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 3000 },
  },
  secrets: [TOKEN, CLIENT_TOKEN],
  // The key goes to RBM as messageId = UUIDv5(namespace, to + "\n" + key), recomputed here with
  // node:crypto: the suite sends the key below.
  idempotencyKeyIn: (req) => {
    const id = req.url.searchParams.get('messageId') ?? undefined
    return id === nodeUuidV5(RBM_MESSAGE_ID_NAMESPACE, `${phoneOf(req.url)}\nkey-7f3a9c1e`) ? 'key-7f3a9c1e' : id
  },
  extraMessages: [
    {
      name: 'eleven suggestions: replies, URL and dial actions and quick replies',
      message: {
        text: 'How can we help?',
        buttons: [reply('Track', 'TRACK'), link('Open order', 'https://shop.example.com/o/1'), call('Call us', '+14155550100')],
        quickReplies: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => reply(`Option ${x}`, `OPT_${x}`)),
      },
    },
    { name: 'card: video with a dial action', message: { cards: [card({ title: 'How to', media: clip, buttons: [call('Call us', '+14155550100')] })] } },
    { name: 'card: text only', message: { cards: [card({ text: 'No title, no media' })] } },
    {
      name: 'carousel of 10 cards with 4 suggestions each',
      message: {
        cards: Array.from({ length: 10 }, (_, i) =>
          card({
            title: `Item ${i}`,
            text: 'In stock',
            media: photo,
            buttons: [reply('Buy', `BUY_${i}`), reply('Save', `SAVE_${i}`), link('View', `https://shop.example.com/p/${i}`), call('Ask', '+14155550100')],
          }),
        ),
      },
    },
    { name: 'PDF file', message: { media: [file('https://cdn.example.com/invoice.pdf', { mimeType: 'application/pdf', filename: 'invoice.pdf' })] } },
  ],
})
