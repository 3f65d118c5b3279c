import { generateKeyPairSync } from 'node:crypto'
import { type VonageChannel, createVonageDriver } from '../../src/drivers/vonage/index.js'
import { image, reply, template } from '../../src/index.js'
import { type CapturedRequest, type ContractResponse, runDriverContract } from '../../src/testing/index.js'
import { contractFile, errorExamples } from './support/provider-contracts.js'
import { jwtProblems, validateVonageBody } from './support/vonage-contract.js'

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const PEM_BODY = PEM.replace(/-----[^-]+-----|\s/g, '')
const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab'
const API_KEY = 'abcd1234'
const API_SECRET = 'vonage_api_secret_9f8e7d6c'
const SIGNATURE_SECRET = 'Vq2pT7sB9xLm4Rw8Yc1Nf6Hd3Kj5Zg0E'

const errors = errorExamples('vonage-messages')
const accepted = contractFile<{ examples: { accepted: { message_uuid: string } } }>('vonage-messages', 'examples/send-response-202.json').examples.accepted
// Faults the examples file does not hold, in the same RFC 7807 shape (https://developer.vonage.com/en/api-errors).
const problem = (status: number, fragment: string, title: string, detail: string, headers?: Record<string, string>): ContractResponse => ({
  status,
  body: { type: `https://developer.vonage.com/api-errors${/^\d+$/.test(fragment) ? '/messages' : ''}#${fragment}`, title, detail, instance: crypto.randomUUID() },
  headers: { 'content-type': 'application/problem+json', ...headers },
})

const setups: Record<VonageChannel, { from: string; recipient: string; basic?: boolean }> = {
  sms: { from: 'AcmeInc', recipient: '+447700900000', basic: true },
  mms: { from: '+14155550101', recipient: '+14155550100' },
  whatsapp: { from: '+447700900001', recipient: '+447700900000' },
  messenger: { from: '9876543210987654', recipient: '1234567890123456' },
  viber: { from: '16273', recipient: '+447700900000' },
  rcs: { from: 'AcmeRcsAgent', recipient: '+447700900000' },
}

for (const channel of Object.keys(setups) as VonageChannel[]) {
  const s = setups[channel]
  runDriverContract({
    name: `vonage (${channel}${s.basic ? ', API key' : ', application JWT'})`,
    create: (baseUrl) =>
      createVonageDriver({
        ...(s.basic ? { apiKey: API_KEY, apiSecret: API_SECRET } : { applicationId: APP_ID, privateKey: PEM }),
        signatureSecret: SIGNATURE_SECRET,
        from: s.from,
        channel,
        baseUrl,
      }),
    recipient: s.recipient,
    endpoints: [{ method: 'POST', path: '/v1/messages' }],
    validate: (req: CapturedRequest) => {
      const problems = validateVonageBody(req.body)
      if (s.basic) {
        if (req.headers.get('authorization') !== `Basic ${btoa(`${API_KEY}:${API_SECRET}`)}`) problems.push('Basic auth with API key:secret expected')
      } else problems.push(...jwtProblems(req.headers.get('authorization'), publicKey, APP_ID))
      if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
      return problems
    },
    // The retired v0.1 shape: the shared schema must reject it.
    invalidRequest: {
      method: 'POST',
      url: new URL('https://x.test/v1/messages'),
      headers: new Headers(),
      body: { channel: 'sms', message_type: 'text', from: { type: 'sms', number: 'AcmeInc' }, to: { type: 'sms', number: '447700900000' }, message: { content: { type: 'text', text: 'hi' } } },
    },
    success: () => ({ status: 202, body: { ...accepted, message_uuid: crypto.randomUUID() } }),
    errors: {
      badRequest: errors['invalid-params-422'] as ContractResponse,
      unauthorized: errors['unauthorized-401'] as ContractResponse,
      forbidden: problem(403, 'forbidden', 'Forbidden', 'Your account does not have permission to perform this action'),
      notFound: problem(404, 'not-found', 'Not Found', 'The requested resource does not exist, or you do not have access to it'),
      rateLimited: { ...(errors['throttled-429'] as ContractResponse), headers: { 'Retry-After': '3' } },
      rateLimitedNoRetryAfter: errors['throttled-429'] as ContractResponse,
      serverError: problem(500, '1030', 'Internal error', 'There was an error processing your request in the Platform.'),
      unavailable: problem(503, 'service-unavailable', 'Service Unavailable', 'Please retry', { 'Retry-After': '2' }),
    },
    expect: {
      // The example is a 422 whose invalid parameter is `to`: this recipient cannot be reached here.
      badRequest: { code: 'RECIPIENT_ERROR', retryable: false },
      rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 3000 },
      unavailable: { code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 2000 },
    },
    secrets: s.basic ? [API_SECRET, btoa(`${API_KEY}:${API_SECRET}`), SIGNATURE_SECRET] : [PEM, PEM_BODY, PEM_BODY.slice(100, 164), SIGNATURE_SECRET],
    extraMessages:
      channel === 'whatsapp'
        ? [
            { name: 'named template variables', message: { template: template('order_update', { language: 'en_GB', variables: { name: 'Ada', order: '#1234' } }) } },
            { name: 'reply buttons under a video', message: { text: 'Watch and confirm', media: [{ type: 'video', url: 'https://cdn.example.com/a.mp4' }], buttons: [reply('Yes', 'YES')] } },
          ]
        : channel === 'rcs'
          ? [
              { name: 'card without media', message: { cards: [{ title: 'Order #1234', text: 'Shipped', buttons: [reply('Track', 'TRACK')] }] } },
              { name: 'card with only an image', message: { cards: [{ media: image('https://cdn.example.com/a.jpg') }] } },
            ]
          : [],
  })
}
