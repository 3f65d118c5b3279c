import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { type CapturedRequest, runDriverContract } from '../../src/testing/index.js'
import { contractFile, errorExamples, schemaValidator } from './support/provider-contracts.js'

const SID = `AC${'a'.repeat(32)}`
const TOKEN = 'twilio_auth_token_3f9b2c7d1e'
const validateForm = schemaValidator('twilio', 'SendRequest')
// contract.json: repeated form fields are collected into arrays, as Twilio parses them.
const repeated = contractFile<{ sendMessage: { repeatedFormFields: string[] } }>('twilio', 'contract.json').sendMessage.repeatedFormFields
const validate = (body: unknown) => {
  const form = { ...(body as Record<string, string | string[]>) }
  for (const key of repeated) if (typeof form[key] === 'string') form[key] = [form[key] as string]
  return validateForm(form)
}
const errors = errorExamples('twilio')
const created = contractFile<{ examples: { create: { value: Record<string, unknown> } } }>('twilio', 'examples/send-response-201.official.json').examples.create.value
const twilioErr = (status: number, code: number, message: string, headers?: Record<string, string>) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  ...(headers ? { headers } : {}),
})

for (const channel of ['sms', 'mms', 'whatsapp'] as const) {
  runDriverContract({
    name: `twilio (${channel})`,
    create: (baseUrl) => createTwilioDriver({ accountSid: SID, authToken: TOKEN, from: '+14155552345', channel, baseUrl, statusCallback: 'https://hooks.example.com/twilio/status' }),
    recipient: '+14155550100',
    endpoints: [{ method: 'POST', path: `/2010-04-01/Accounts/${SID}/Messages.json` }],
    validate: (req: CapturedRequest) => {
      const problems = validate(req.body)
      if (req.headers.get('authorization') !== `Basic ${btoa(`${SID}:${TOKEN}`)}`) problems.push('Basic auth with AccountSid:AuthToken expected')
      if (!(req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) problems.push('form-encoded body expected')
      if (channel === 'whatsapp' && !String((req.body as { To?: string }).To).startsWith('whatsapp:')) problems.push('WhatsApp To must be whatsapp:+E164')
      return problems
    },
    invalidRequest: { method: 'POST', url: new URL('https://x.test'), headers: new Headers(), body: { To: '+14155550100', From: '+14155552345', Body: 'hi', MediaURL: 'https://x' } },
    success: (req) => ({ status: 201, body: { ...created, sid: `SM${crypto.randomUUID().replace(/-/g, '')}`, to: (req.body as { To: string }).To } }),
    errors: {
      badRequest: errors['invalid-to-400'] as never,
      unauthorized: errors['auth-401'] as never,
      forbidden: twilioErr(403, 20003, 'Permission denied'),
      notFound: twilioErr(404, 20404, 'The requested resource was not found'),
      rateLimited: errors['too-many-requests-429'] as never,
      rateLimitedNoRetryAfter: twilioErr(429, 20429, 'Too Many Requests'),
      serverError: twilioErr(500, 20500, 'Internal Server Error'),
      unavailable: twilioErr(503, 20503, 'Service Unavailable', { 'Retry-After': '2' }),
    },
    expect: {
      // 21211 (invalid To) means this recipient cannot be reached here: fail over.
      badRequest: { code: 'RECIPIENT_ERROR', retryable: false },
      rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 1000 },
      unavailable: { code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 2000 },
    },
    secrets: [TOKEN, btoa(`${SID}:${TOKEN}`)],
  })
}
