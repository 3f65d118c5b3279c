import { describe, expect, it } from 'vitest'
import { TWILIO_STATUS, createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { toTwilioForm } from '../../src/drivers/twilio/payload.js'
import { ValidationError, location, message, template } from '../../src/index.js'
import { contractFile } from './support/provider-contracts.js'

const SID = `AC${'a'.repeat(32)}`

type Vector = { name: string; authToken: string; url: string; params?: Record<string, string>; paramsOrdered?: Array<[string, string]>; rawBody?: string; expected: string }
const sig = contractFile<{ publishedVectors: { cases: Vector[] }; computedVectors: { cases: Vector[] } }>('twilio', 'signature.json')
const vectors = [...sig.publishedVectors.cases, ...sig.computedVectors.cases]

function webhookRequest(v: Vector, overrides: { signature?: string | null; url?: string; body?: string } = {}): Request {
  const body =
    overrides.body ??
    v.rawBody ??
    new URLSearchParams(v.paramsOrdered ?? Object.entries(v.params ?? {})).toString()
  const headers = new Headers({ 'content-type': v.rawBody ? 'application/json' : 'application/x-www-form-urlencoded' })
  if (overrides.signature !== null) headers.set('x-twilio-signature', overrides.signature ?? v.expected)
  return new Request(overrides.url ?? v.url, { method: 'POST', headers, body })
}

const driverFor = (token: string, webhookUrl?: string) =>
  createTwilioDriver({ accountSid: SID, authToken: token, from: '+14155552345', ...(webhookUrl ? { webhookUrl } : {}) })

describe('twilio webhook signature (X-Twilio-Signature)', () => {
  for (const v of vectors) {
    it(`verifies the ${v.name} vector`, async () => {
      expect(await driverFor(v.authToken).webhook?.verify(webhookRequest(v))).toBe(true)
    })
    it(`rejects the ${v.name} vector when tampered`, async () => {
      const d = driverFor(v.authToken)
      const body = v.rawBody ? v.rawBody.replace('value', 'valuf') : new URLSearchParams([...(v.paramsOrdered ?? Object.entries(v.params ?? {})), ['Extra', '1']]).toString()
      expect(await d.webhook?.verify(webhookRequest(v, { body }))).toBe(false)
      expect(await d.webhook?.verify(webhookRequest(v, { url: v.url.replace('mycompany', 'mycompanx').replace('hooks.example', 'hooks.exampl3') }))).toBe(false)
      expect(await d.webhook?.verify(webhookRequest(v, { signature: `${v.expected.slice(0, -2)}A=` }))).toBe(false)
      expect(await d.webhook?.verify(webhookRequest(v, { signature: null }))).toBe(false)
      expect(await driverFor('wrong-token').webhook?.verify(webhookRequest(v))).toBe(false)
    })
  }

  it('accepts the URL with or without the default port, as Twilio libraries do', async () => {
    const v = sig.publishedVectors.cases[1] as Vector // signed over https://mycompany.com:443/...
    expect(await driverFor(v.authToken).webhook?.verify(webhookRequest(v, { url: v.url.replace(':443', '') }))).toBe(true)
  })

  it('checks the signature against webhookUrl when the app sits behind a proxy', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const seenByApp = 'http://10.0.0.7:8080/twilio/status'
    expect(await driverFor(v.authToken).webhook?.verify(webhookRequest(v, { url: seenByApp }))).toBe(false)
    expect(await driverFor(v.authToken, v.url).webhook?.verify(webhookRequest(v, { url: seenByApp }))).toBe(true)
  })

  it('refuses bodies over the size limit', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const d = createTwilioDriver({ accountSid: SID, authToken: v.authToken, from: '+14155552345' })
    const huge = new Request(v.url, { method: 'POST', headers: { 'x-twilio-signature': v.expected, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(2 * 1024 * 1024, 'x') })
    expect(await d.webhook?.verify(huge)).toBe(false)
  })
})

describe('twilio webhook parsing', () => {
  const d = driverFor('t')
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    new Request('https://hooks.example.test/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() })

  it('parses the inbound example into an InboundEvent', async () => {
    const fields = contractFile<{ fields: Record<string, string> }>('twilio', 'examples/webhook-inbound.json').fields
    const [e] = (await d.webhook?.parse(post(fields))) ?? []
    expect(e).toMatchObject({
      type: 'inbound',
      channel: 'mms',
      provider: 'twilio',
      from: '+14155550100',
      to: '+14155552345',
      text: 'Hi there',
      providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      media: [{ type: 'image', url: fields.MediaUrl0, mimeType: 'image/jpeg' }],
    })
  })

  it('parses both status examples', async () => {
    const ex = contractFile<{ examples: Record<string, Record<string, string>> }>('twilio', 'examples/webhook-status.json').examples
    const [delivered] = (await d.webhook?.parse(post(ex.delivered as Record<string, string>))) ?? []
    expect(delivered).toMatchObject({ type: 'status', status: 'delivered', providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', recipient: '+14155550100' })
    const [undelivered] = (await d.webhook?.parse(post(ex.undelivered as Record<string, string>))) ?? []
    expect(undelivered).toMatchObject({ type: 'status', status: 'undelivered', error: { code: '30003' } })
  })

  it('maps every Twilio status', async () => {
    for (const [twilio, ours] of Object.entries(TWILIO_STATUS)) {
      const [e] = (await d.webhook?.parse(post({ MessageSid: 'SM1', MessageStatus: twilio, To: '+1', From: '+2' }))) ?? []
      expect(e, twilio).toMatchObject({ type: 'status', status: ours })
    }
  })

  it('reads WhatsApp button taps and locations as native replies', async () => {
    const [tap] = (await d.webhook?.parse(post({ MessageSid: 'SM2', From: 'whatsapp:+14155550100', To: 'whatsapp:+14155552345', Body: 'Track', ButtonText: 'Track', ButtonPayload: 'TRACK', NumMedia: '0' }))) ?? []
    expect(tap).toMatchObject({ channel: 'whatsapp', from: '+14155550100', reply: { payload: 'TRACK', title: 'Track', source: 'native' } })
    const [pin] = (await d.webhook?.parse(post({ MessageSid: 'SM3', From: 'whatsapp:+1', To: 'whatsapp:+2', Latitude: '52.5', Longitude: '13.4', Label: 'Home', NumMedia: '0', Body: '' }))) ?? []
    expect(pin).toMatchObject({ location: { latitude: 52.5, longitude: 13.4, name: 'Home' } })
  })

  it('uses I-Twilio-Idempotency-Token as the event id when present', async () => {
    const [e] = (await d.webhook?.parse(post({ MessageSid: 'SM9', MessageStatus: 'sent', To: '+1', From: '+2' }, { 'i-twilio-idempotency-token': 'tok-1' }))) ?? []
    expect(e?.eventId).toBe('tok-1')
  })

  it('answers with empty TwiML', async () => {
    const res = d.webhook?.acknowledge?.([])
    expect(res?.headers.get('content-type')).toBe('text/xml')
    expect(await res?.text()).toContain('<Response></Response>')
  })
})

describe('twilio payload', () => {
  it('prefixes WhatsApp addresses and sends templates by Content SID with numbered variables', () => {
    const sid = `HX${'b'.repeat(32)}`
    const form = toTwilioForm(message({ template: template('x', { contentSid: sid, variables: ['Ada', '#1'] }) }), '+14155550100', { channel: 'whatsapp', from: '+14155552345' })
    expect(Object.fromEntries(form)).toEqual({ To: 'whatsapp:+14155550100', From: 'whatsapp:+14155552345', ContentSid: sid, ContentVariables: '{"1":"Ada","2":"#1"}' })
  })

  it('needs template.contentSid', () => {
    expect(() => toTwilioForm(message({ template: template('order_shipped') }), '+1', { channel: 'whatsapp', from: '+2' })).toThrow(ValidationError)
  })

  it('sends a location pin as a PersistentAction with a labelled body', () => {
    const form = toTwilioForm(message({ location: location({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Main St 1' }) }), '+1', { channel: 'whatsapp', messagingServiceSid: `MG${'c'.repeat(32)}` })
    expect(form.getAll('PersistentAction')).toEqual(['geo:52.52,13.405|Store'])
    expect(form.get('Body')).toBe('Store, Main St 1')
    expect(form.get('MessagingServiceSid')).toBe(`MG${'c'.repeat(32)}`)
    expect(form.has('From')).toBe(false)
  })

  it('repeats MediaUrl and passes provider options through', () => {
    const form = toTwilioForm(
      { text: 'x', media: [{ type: 'image', url: 'https://a.example/1.jpg' }, { type: 'image', url: 'https://a.example/2.jpg' }] },
      '+1',
      { channel: 'mms', from: '+2' },
      { ValidityPeriod: 600, SmartEncoded: 'true' },
    )
    expect(form.getAll('MediaUrl')).toEqual(['https://a.example/1.jpg', 'https://a.example/2.jpg'])
    expect(form.get('ValidityPeriod')).toBe('600')
  })

  it('verifies webhooks with the account auth token, also when it sends with an API key', async () => {
    const v = sig.computedVectors.cases[0] as Vector
    const keyOnly = createTwilioDriver({ accountSid: SID, apiKey: `SK${'1'.repeat(32)}`, apiSecret: 'key-secret', from: '+1' })
    expect(keyOnly.webhook).toBeUndefined()
    const both = createTwilioDriver({ accountSid: SID, apiKey: `SK${'1'.repeat(32)}`, apiSecret: 'key-secret', authToken: v.authToken, from: '+1' })
    expect(await both.webhook?.verify(webhookRequest(v))).toBe(true)
  })

  it('validates its options', () => {
    expect(() => createTwilioDriver({ accountSid: 'nope', from: '+1' })).toThrow(/accountSid.*authToken/s)
    expect(() => createTwilioDriver({ accountSid: SID, authToken: 'x' })).toThrow(/from or messagingServiceSid/)
  })
})
