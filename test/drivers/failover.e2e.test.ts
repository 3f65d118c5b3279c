// The end-to-end case: a rich message sent with via ['whatsapp', 'sms'] where WhatsApp
// answers 131047 (24-hour window closed) arrives as SMS through Twilio, both attempts in the result.
// Both fake providers validate every request against their contracts.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { examples } from '../../examples/messages/index.js'
import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import { createClient } from '../../src/index.js'
import { schemaValidator } from './support/provider-contracts.js'
import { validateWhatsAppRequest } from './support/whatsapp-contract.js'

const SID = `AC${'1'.repeat(32)}`
const twilioForm = schemaValidator('twilio', 'SendRequest')
const problems: string[] = []
const whatsappBodies: unknown[] = []
const twilioBodies: Array<Record<string, string | string[]>> = []

const server = setupServer(
  http.post('https://graph.facebook.com/v23.0/106540352242922/messages', async ({ request }) => {
    const body = await request.json()
    whatsappBodies.push(body)
    problems.push(...validateWhatsAppRequest(body))
    // Meta's documented answer when more than 24 hours have passed since the customer last wrote.
    return HttpResponse.json(
      {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
          fbtrace_id: 'AbCdEf123',
        },
      },
      { status: 400 },
    )
  }),
  http.post(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`, async ({ request }) => {
    const form: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(await request.text())) form[k] = k === 'MediaUrl' ? [...((form[k] as string[]) ?? []), v] : v
    twilioBodies.push(form)
    problems.push(...twilioForm(form))
    return HttpResponse.json({ sid: `SM${'2'.repeat(32)}`, status: 'queued', to: form.To }, { status: 201 })
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('a rich message falls back from WhatsApp (131047) to SMS through Twilio, with both attempts in the result', async () => {
  const client = createClient({
    channels: {
      whatsapp: createWhatsAppDriver({ phoneNumberId: '106540352242922', accessToken: 'EAAG-secret-token' }),
      sms: createTwilioDriver({ accountSid: SID, authToken: 'twilio-secret-token', from: '+14155552345' }),
    },
  })
  const failovers: unknown[] = []
  client.on('failover', (e) => failovers.push(e))
  const result = await client.send({ to: '+14155550100', message: examples.carousel, via: ['whatsapp', 'sms'] })

  expect(problems).toEqual([])
  expect(result.channel).toBe('sms')
  expect(result.provider).toBe('twilio')
  expect(result.attempts).toEqual([
    expect.objectContaining({ channel: 'whatsapp', driver: 'whatsapp', outcome: 'failed', error: expect.objectContaining({ code: 'RECIPIENT_ERROR', providerCode: 131047, requestId: 'AbCdEf123' }) }),
    expect.objectContaining({ channel: 'sms', driver: 'twilio', outcome: 'sent', providerMessageIds: [`SM${'2'.repeat(32)}`] }),
  ])
  expect(failovers).toEqual([expect.objectContaining({ from: 'whatsapp', to: 'sms', idempotencyKey: result.id })])
  // WhatsApp got its first rendered message (a card) and failed: nothing more was sent there.
  expect(whatsappBodies).toHaveLength(1)
  // The SMS is the carousel rendered anew for SMS: one text with the numbered options and the link.
  expect(twilioBodies).toHaveLength(1)
  expect(twilioBodies[0]?.Body).toBe(result.rendered.messages[0]?.text)
  expect(String(twilioBodies[0]?.Body)).toContain('Reply 4 for Track parcel')
  expect(String(twilioBodies[0]?.Body)).toContain('https://shop.example.com/o/1234')
})
