import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import { card, image, link, reply, template } from '../../src/message/builders.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { contractFile, errorExamples } from './support/provider-contracts.js'
import { validateWhatsAppRequest } from './support/whatsapp-contract.js'

const PHONE_NUMBER_ID = '106540352242922'
const TOKEN = 'EAAwhatsapp_access_token_9c4e1f7a2b'
const APP_SECRET = 'meta_app_secret_5d8a0c3e7f'
const VERIFY_TOKEN = 'verify_token_1b6e9d2c'
const VERSION = 'v23.0'

const errors = errorExamples('whatsapp-cloud')
const ok = contractFile<{ examples: Record<string, { value: Record<string, unknown> }> }>('whatsapp-cloud', 'examples/send-response-200.official.json').examples['Send Text Message']
  ?.value as Record<string, unknown>
const graphError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): ContractResponse => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: `Atrace${code}`, ...extra } },
  ...(headers ? { headers } : {}),
})
const example = (name: string, headers?: Record<string, string>): ContractResponse => {
  const e = errors[name]
  if (!e) throw new Error(`no error example ${name}`)
  return { status: e.status, body: e.body, ...(headers ? { headers } : {}) }
}

const photo = image('https://cdn.example.com/shirt.jpg', { mimeType: 'image/jpeg' })

runDriverContract({
  name: 'whatsapp (Cloud API)',
  create: (baseUrl) =>
    createWhatsAppDriver({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, previewUrl: true, baseUrl }),
  recipient: '+14155550100',
  endpoints: [{ method: 'POST', path: `/${VERSION}/${PHONE_NUMBER_ID}/messages` }],
  validate: (req: CapturedRequest) => {
    const problems = validateWhatsAppRequest(req.body)
    if (req.headers.get('authorization') !== `Bearer ${TOKEN}`) problems.push('Authorization: Bearer <access token> expected')
    if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
    return problems
  },
  invalidRequest: {
    method: 'POST',
    url: new URL(`https://graph.facebook.com/${VERSION}/${PHONE_NUMBER_ID}/messages`),
    headers: new Headers({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }),
    body: { messaging_product: 'whatsapp', to: '14155550100', type: 'text', text: { body: 'hi', previewUrl: true } },
  },
  success: (req) => ({
    status: 200,
    body: { ...ok, contacts: [{ input: (req.body as { to: string }).to, wa_id: (req.body as { to: string }).to }], messages: [{ id: `wamid.${crypto.randomUUID()}` }] },
  }),
  errors: {
    badRequest: example('invalid-param-400'),
    unauthorized: example('expired-token-401'),
    forbidden: graphError(403, 10, '(#10) Application does not have permission for this action'),
    notFound: graphError(404, 803, '(#803) Some of the aliases you requested do not exist: 106540352242922'),
    // Meta documents no Retry-After; when an edge adds one, the driver honours it.
    rateLimited: example('throughput-429', { 'Retry-After': '3' }),
    // Throttling answered with HTTP 400: the code, not the status, makes it a rate limit.
    rateLimitedNoRetryAfter: example('pair-rate-limit'),
    serverError: graphError(500, 131000, 'Something went wrong', { error_data: { messaging_product: 'whatsapp', details: 'Message failed to send due to an unknown error.' } }),
    unavailable: graphError(503, 2, 'Service temporarily unavailable', { is_transient: true }),
  },
  expect: {
    rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 3000 },
  },
  secrets: [TOKEN, APP_SECRET, VERIFY_TOKEN],
  extraMessages: [
    { name: 'card: image with one URL button (cta_url with an image header)', message: { cards: [card({ title: 'Blue shirt', media: photo, buttons: [link('View', 'https://shop.example.com/p/1')] })] } },
    { name: 'card: image and reply buttons, no text (body from emptyBodyText)', message: { cards: [card({ media: photo, buttons: [reply('Buy', 'BUY'), reply('Save', 'SAVE')] })] } },
    {
      name: 'card: document with a reply button (document header)',
      message: { cards: [card({ title: 'Invoice', media: { type: 'file', url: 'https://cdn.example.com/inv.pdf', filename: 'inv.pdf' }, buttons: [reply('Pay', 'PAY')] })] },
    },
    { name: 'text with a link (preview_url)', message: { text: 'Track it at https://shop.example.com/t/1' } },
    { name: 'template with named variables', message: { template: template('order_update', { language: 'en_US', variables: { name: 'Ada', order: '#1234' } }) } },
    { name: 'location with text (text, then the pin)', message: { text: 'Our store', location: { latitude: 52.52, longitude: 13.405 } } },
  ],
})
