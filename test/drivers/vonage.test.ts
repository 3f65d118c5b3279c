import { createHash, createHmac, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { FetchLike, HttpResponse } from '../../src/drivers/http.js'
import { VONAGE_CAPABILITIES, VONAGE_DEFAULT_MAX_TOKEN_AGE_SECONDS, VONAGE_STATUS, createVonageDriver } from '../../src/drivers/vonage/index.js'
import { vonageError } from '../../src/drivers/vonage/errors.js'
import { importRsaPrivateKey, pemToPkcs8, pkcs1ToPkcs8, verifyHs256 } from '../../src/drivers/vonage/jwt.js'
import { toVonageRequest } from '../../src/drivers/vonage/payload.js'
import type { DriverV1 } from '../../src/drivers/contract.js'
import type { InboundEvent, StatusEvent } from '../../src/webhooks/events.js'
import { AnychannelError, ProviderError, ValidationError, call, card, image, link, list, location, profiles, reply, template } from '../../src/index.js'
import { contractFile, schemaValidator } from './support/provider-contracts.js'
import { extraValidator, jwtProblems, validateVonageBody } from './support/vonage-contract.js'

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PKCS8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const PKCS1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string
const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab'
const UUID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab'

function stubFetch(respond: () => Response = () => Response.json({ message_uuid: UUID }, { status: 202 })) {
  const calls: Array<{ request: Request; body: Record<string, unknown> }> = []
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    calls.push({ request, body: (await request.clone().json()) as Record<string, unknown> })
    return respond()
  }
  return { fetch, calls }
}

const send = (d: DriverV1, message: Parameters<DriverV1['doSend']>[0]['message'], to = '+447700900000', providerOptions?: Record<string, Record<string, unknown>>) =>
  d.doSend({ to, message, idempotencyKey: 'k-1', signal: new AbortController().signal, ...(providerOptions ? { providerOptions } : {}) })

describe('vonage application JWT (RS256 on Web Crypto)', () => {
  for (const [name, pem] of [
    ['PKCS#8', PKCS8],
    ['PKCS#1', PKCS1],
    ['PKCS#8 with escaped line breaks', PKCS8.replace(/\n/g, '\\n')],
  ] as const) {
    it(`signs every request with a fresh token from a ${name} key`, async () => {
      const { fetch, calls } = stubFetch()
      const d = createVonageDriver({ applicationId: APP_ID, privateKey: pem, from: 'AcmeInc', fetch })
      await send(d, { text: 'one' })
      await send(d, { text: 'two' })
      expect(calls).toHaveLength(2)
      for (const c of calls) expect(jwtProblems(c.request.headers.get('authorization'), publicKey, APP_ID)).toEqual([])
      const jti = calls.map((c) => JSON.parse(Buffer.from(String(c.request.headers.get('authorization')).split('.')[1] as string, 'base64url').toString()).jti)
      expect(jti[0]).not.toBe(jti[1])
    })
  }

  it('takes iat from the injected clock and expires 15 minutes later', async () => {
    const { fetch, calls } = stubFetch()
    const now = Date.UTC(2025, 1, 3, 12, 0, 0)
    await send(createVonageDriver({ applicationId: APP_ID, privateKey: PKCS8, from: 'AcmeInc', fetch, now: () => now }), { text: 'hi' })
    const claims = JSON.parse(Buffer.from(String(calls[0]?.request.headers.get('authorization')).split('.')[1] as string, 'base64url').toString())
    expect(claims).toMatchObject({ application_id: APP_ID, iat: now / 1000, exp: now / 1000 + 900 })
    expect(jwtProblems(calls[0]?.request.headers.get('authorization') ?? null, publicKey, APP_ID, now)).toEqual([])
  })

  it('wraps PKCS#1 exactly as PKCS#8 encodes the same key', () => {
    const der1 = Buffer.from(PKCS1.replace(/-----[^-]+-----|\s/g, ''), 'base64')
    const der8 = Buffer.from(PKCS8.replace(/-----[^-]+-----|\s/g, ''), 'base64')
    expect(Buffer.from(pkcs1ToPkcs8(der1)).equals(der8)).toBe(true)
    expect(Buffer.from(pemToPkcs8(PKCS1)).equals(der8)).toBe(true)
  })

  it('refuses a malformed key at creation, without repeating it', () => {
    const bad = '-----BEGIN PRIVATE KEY-----\nnot*base64\n-----END PRIVATE KEY-----'
    const err = (() => {
      try {
        createVonageDriver({ applicationId: APP_ID, privateKey: bad, from: 'x' })
      } catch (e) {
        return e
      }
    })()
    expect(ValidationError.isInstance(err)).toBe(true)
    expect(String((err as Error).message)).toMatch(/privateKey/)
    expect(String((err as Error).message)).not.toContain('not*base64')
    expect(() => createVonageDriver({ applicationId: APP_ID, privateKey: 'secret-but-not-pem', from: 'x' })).toThrow(/BEGIN PRIVATE KEY/)
  })

  it('refuses a key Web Crypto cannot use for RS256 (not RSA) when it first signs', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    await expect(importRsaPrivateKey(ec)).rejects.toThrow(ValidationError)
    const { fetch, calls } = stubFetch()
    const d = createVonageDriver({ applicationId: APP_ID, privateKey: ec, from: 'AcmeInc', fetch })
    const err = await send(d, { text: 'hi' }).catch((e: unknown) => e)
    expect(ValidationError.isInstance(err)).toBe(true)
    expect(JSON.stringify((err as ValidationError).toJSON())).not.toContain(ec.split('\n')[1])
    expect(calls).toHaveLength(0)
  })

  it('uses HTTP Basic with an API key and secret', async () => {
    const { fetch, calls } = stubFetch()
    await send(createVonageDriver({ apiKey: 'abcd1234', apiSecret: 's3cret-value', from: 'AcmeInc', fetch }), { text: 'hi' })
    expect(calls[0]?.request.headers.get('authorization')).toBe(`Basic ${btoa('abcd1234:s3cret-value')}`)
    expect(calls[0]?.request.url).toBe('https://api.nexmo.com/v1/messages')
  })
})

describe('vonage signed webhooks (HS256 JWT in Authorization)', () => {
  type Vector = { signatureSecret: string; rawBody: string; claims: { iat: number; payload_hash: string }; expectedJwt: string }
  const v = contractFile<{ computedVectors: { cases: Vector[] } }>('vonage-messages', 'signature.json').computedVectors.cases[0] as Vector
  const at = (seconds: number) => () => (v.claims.iat + seconds) * 1000
  const driver = (o: { secret?: string; now?: () => number; maxTokenAgeSeconds?: number | false; maxBodyBytes?: number } = {}) =>
    createVonageDriver({
      apiKey: 'abcd1234',
      apiSecret: 'api-secret-1',
      from: 'AcmeInc',
      signatureSecret: o.secret ?? v.signatureSecret,
      now: o.now ?? at(10),
      ...(o.maxTokenAgeSeconds !== undefined ? { maxTokenAgeSeconds: o.maxTokenAgeSeconds } : {}),
      ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
    })
  const request = (body = v.rawBody, authorization: string | null = `Bearer ${v.expectedJwt}`, url = 'https://hooks.example.com/vonage/status') =>
    new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization !== null ? { authorization } : {}) }, body })
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const sign = (claims: Record<string, unknown>, secret = v.signatureSecret, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) => {
    const input = `${b64(header)}.${b64(claims)}`
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
  }
  const hash = (body: string) => createHash('sha256').update(body).digest('hex')

  it('verifies the computed vector (signature, payload_hash, age)', async () => {
    expect(await driver().webhook?.verify(request())).toBe(true)
    expect(await verifyHs256(v.expectedJwt, v.signatureSecret)).toMatchObject(v.claims)
  })

  it('rejects the vector when tampered', async () => {
    const d = driver()
    const oneByte = v.rawBody.replace('"delivered"', '"delivereD"')
    expect(oneByte).not.toBe(v.rawBody)
    expect(await d.webhook?.verify(request(oneByte))).toBe(false)
    const sig = v.expectedJwt.slice(0, -2) + (v.expectedJwt.endsWith('AA') ? 'BB' : 'AA')
    expect(await d.webhook?.verify(request(v.rawBody, `Bearer ${sig}`))).toBe(false)
    expect(await d.webhook?.verify(request(v.rawBody, null))).toBe(false)
    expect(await d.webhook?.verify(request(v.rawBody, v.expectedJwt))).toBe(false) // no "Bearer"
    expect(await d.webhook?.verify(request(v.rawBody, 'Bearer '))).toBe(false)
    expect(await driver({ secret: 'wrong-secret' }).webhook?.verify(request())).toBe(false)
  })

  it('binds the token to the body through payload_hash, not to the URL', async () => {
    const d = driver()
    // Vonage signs claims, not the URL: the same request at another host still verifies...
    expect(await d.webhook?.verify(request(v.rawBody, `Bearer ${v.expectedJwt}`, 'http://10.0.0.7:8080/hook'))).toBe(true)
    // ...but a validly signed token for another body does not, and neither does one without payload_hash.
    const other = '{"status":"read"}'
    expect(await d.webhook?.verify(request(other, `Bearer ${sign({ ...v.claims, payload_hash: hash(v.rawBody) })}`))).toBe(false)
    expect(await d.webhook?.verify(request(other, `Bearer ${sign({ ...v.claims, payload_hash: hash(other) })}`))).toBe(true)
    const { payload_hash: _drop, ...noHash } = v.claims
    expect(await d.webhook?.verify(request(v.rawBody, `Bearer ${sign(noHash)}`))).toBe(false)
  })

  it('rejects other algorithms, including "none"', async () => {
    const d = driver()
    const [, payload] = v.expectedJwt.split('.')
    expect(await d.webhook?.verify(request(v.rawBody, `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`))).toBe(false)
    expect(await d.webhook?.verify(request(v.rawBody, `Bearer ${sign(v.claims, v.signatureSecret, { alg: 'HS512', typ: 'JWT' })}`))).toBe(false)
  })

  it('rejects stale and future tokens, per maxTokenAgeSeconds (default 300)', async () => {
    expect(VONAGE_DEFAULT_MAX_TOKEN_AGE_SECONDS).toBe(300)
    expect(await driver({ now: at(300) }).webhook?.verify(request())).toBe(true)
    expect(await driver({ now: at(301) }).webhook?.verify(request())).toBe(false)
    expect(await driver({ now: at(-61) }).webhook?.verify(request())).toBe(false)
    expect(await driver({ now: at(3600), maxTokenAgeSeconds: 7200 }).webhook?.verify(request())).toBe(true)
    expect(await driver({ now: at(86_400), maxTokenAgeSeconds: false }).webhook?.verify(request())).toBe(true)
    const { iat: _iat, ...noIat } = v.claims
    expect(await driver().webhook?.verify(request(v.rawBody, `Bearer ${sign(noIat)}`))).toBe(false)
    expect(await driver({ maxTokenAgeSeconds: false }).webhook?.verify(request(v.rawBody, `Bearer ${sign(noIat)}`))).toBe(true)
    expect(await driver().webhook?.verify(request(v.rawBody, `Bearer ${sign({ ...v.claims, exp: v.claims.iat - 120 })}`))).toBe(false)
  })

  it('refuses bodies over maxBodyBytes', async () => {
    expect(await driver({ maxBodyBytes: 64 }).webhook?.verify(request())).toBe(false)
    expect(await driver({ maxBodyBytes: v.rawBody.length }).webhook?.verify(request())).toBe(true)
  })

  it('has no webhook without a signature secret', () => {
    expect(createVonageDriver({ apiKey: 'k', apiSecret: 's', from: 'x' }).webhook).toBeUndefined()
  })
})

describe('vonage webhook parsing', () => {
  const d = createVonageDriver({ apiKey: 'abcd1234', apiSecret: 'x-secret', from: '447700900001', channel: 'whatsapp', signatureSecret: 'sig' })
  const post = (body: unknown) => new Request('https://hooks.example.test/vonage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const parse = async (body: unknown) => (await d.webhook?.parse(post(body))) ?? []
  const inboundSchema = schemaValidator('vonage-messages', 'InboundWebhook')
  const statusSchema = schemaValidator('vonage-messages', 'StatusWebhook')
  const inbound = contractFile<{ examples: Record<string, Record<string, unknown>> }>('vonage-messages', 'examples/webhook-inbound.json').examples
  const status = contractFile<{ examples: Record<string, Record<string, unknown>> }>('vonage-messages', 'examples/webhook-status.json').examples

  it('parses the inbound SMS example', async () => {
    expect(inboundSchema(inbound.sms)).toEqual([])
    const [e] = await parse(inbound.sms)
    expect(e).toEqual({
      type: 'inbound',
      channel: 'sms',
      provider: 'vonage',
      from: '+447700900000',
      to: '+447700900001',
      text: 'STOP',
      at: Date.parse('2025-02-03T12:14:25Z'),
      providerMessageId: UUID,
      eventId: UUID,
      raw: inbound.sms,
    })
  })

  it('parses the WhatsApp button reply example as a native reply', async () => {
    expect(inboundSchema(inbound.whatsappButtonReply)).toEqual([])
    const [e] = (await parse(inbound.whatsappButtonReply)) as InboundEvent[]
    expect(e).toMatchObject({ type: 'inbound', channel: 'whatsapp', from: '+447700900000', reply: { payload: 'yes', title: 'Yes', source: 'native' }, text: 'Yes' })
  })

  it('parses every status example', async () => {
    for (const [name, body] of Object.entries(status)) expect(statusSchema(body), name).toEqual([])
    const [delivered] = (await parse(status.smsDelivered)) as StatusEvent[]
    expect(delivered).toEqual({
      type: 'status',
      channel: 'sms',
      provider: 'vonage',
      providerMessageId: UUID,
      status: 'delivered',
      at: Date.parse('2025-02-03T12:14:25Z'),
      recipient: '+447700900000',
      eventId: `${UUID}:delivered`,
      raw: status.smsDelivered,
    })
    const [read] = (await parse(status.whatsappRead)) as StatusEvent[]
    expect(read).toMatchObject({ channel: 'whatsapp', status: 'read', eventId: `${UUID}:read`, at: Date.parse('2025-02-03T12:16:01Z') })
    const [rejected] = (await parse(status.rejected)) as StatusEvent[]
    expect(rejected).toMatchObject({ status: 'failed', error: { code: '1340', message: 'Outside the allowed window' } })
  })

  it('maps every documented status, cell by cell', async () => {
    expect(VONAGE_STATUS).toEqual({ submitted: 'sent', delivered: 'delivered', read: 'read', rejected: 'failed', undeliverable: 'undelivered' })
    const documented = contractFile<{ $defs: { MessageStatusWebhook: { properties: { status: { enum: string[] } } } } }>('vonage-messages', 'schemas.json')
    expect(Object.keys(VONAGE_STATUS).sort()).toEqual([...documented.$defs.MessageStatusWebhook.properties.status.enum].sort())
    for (const [vonage, ours] of Object.entries(VONAGE_STATUS)) {
      const [e] = (await parse({ message_uuid: UUID, to: '447700900000', from: 'x', timestamp: '2025-02-03T12:14:25Z', status: vonage, channel: 'sms' })) as StatusEvent[]
      expect(e, vonage).toMatchObject({ type: 'status', status: ours, eventId: `${UUID}:${vonage}` })
    }
    expect(await parse({ message_uuid: UUID, to: '1', from: 'x', timestamp: '2025-02-03T12:14:25Z', status: 'teleported' })).toEqual([])
  })

  it('reads media, locations, vCards, template buttons and RCS suggestion taps', async () => {
    const base = { message_uuid: UUID, to: '447700900001', from: '447700900000', timestamp: '2025-02-03T12:14:25Z' }
    const [img] = (await parse({ ...base, channel: 'whatsapp', message_type: 'image', image: { url: 'https://api.nexmo.com/v3/media/1', caption: 'Look' } })) as InboundEvent[]
    expect(img?.media).toEqual([{ type: 'image', url: 'https://api.nexmo.com/v3/media/1', caption: 'Look' }])
    const [pin] = (await parse({ ...base, channel: 'whatsapp', message_type: 'location', location: { lat: 52.52, long: 13.405, name: 'Store' } })) as InboundEvent[]
    expect(pin?.location).toEqual({ latitude: 52.52, longitude: 13.405, name: 'Store' })
    const [vcard] = (await parse({ ...base, channel: 'mms', message_type: 'vcard', vcard: { url: 'https://x.example/c.vcf' } })) as InboundEvent[]
    expect(vcard).toMatchObject({ channel: 'mms', media: [{ type: 'file', url: 'https://x.example/c.vcf', mimeType: 'text/vcard' }] })
    const [btn] = (await parse({ ...base, channel: 'whatsapp', message_type: 'button', button: { payload: 'TRACK', text: 'Track order' } })) as InboundEvent[]
    expect(btn?.reply).toEqual({ payload: 'TRACK', title: 'Track order', source: 'native' })
    const [rcs] = (await parse({ ...base, to: 'AcmeRcsAgent', channel: 'rcs', message_type: 'reply', reply: { id: 'slot_am', title: 'Morning' } })) as InboundEvent[]
    expect(rcs).toMatchObject({ channel: 'rcs', to: 'AcmeRcsAgent', from: '+447700900000', reply: { payload: 'slot_am', title: 'Morning', source: 'native' } })
    const [viber] = (await parse({ ...base, to: '16273', channel: 'viber_service', message_type: 'text', text: 'hi' })) as InboundEvent[]
    expect(viber).toMatchObject({ channel: 'viber', to: '16273', from: '+447700900000', text: 'hi' })
    const [fb] = (await parse({ ...base, to: '9876543210987654', from: '1234567890123456', channel: 'messenger', message_type: 'text', text: 'yo' })) as InboundEvent[]
    expect(fb).toMatchObject({ channel: 'messenger', from: '1234567890123456', to: '9876543210987654' })
  })

  it('ignores bodies that are not Vonage webhooks', async () => {
    expect(await d.webhook?.parse(new Request('https://x.test', { method: 'POST', body: 'not json' }))).toEqual([])
    expect(await parse([1, 2])).toEqual([])
    expect(await parse({ hello: 'world' })).toEqual([])
  })
})

describe('vonage payload', () => {
  it('strips + from numbers, keeps sender ids and Messenger ids', () => {
    expect(toVonageRequest({ text: 'hi' }, '+447700900000', { channel: 'sms', from: 'AcmeInc' })).toEqual({ message_type: 'text', text: 'hi', channel: 'sms', to: '447700900000', from: 'AcmeInc' })
    expect(toVonageRequest({ text: 'hi' }, '+447700900000', { channel: 'whatsapp', from: '+447700900001' })).toMatchObject({ to: '447700900000', from: '447700900001' })
    expect(toVonageRequest({ text: 'hi' }, '1234567890123456', { channel: 'messenger', from: '9876543210987654' })).toMatchObject({ channel: 'messenger', to: '1234567890123456' })
    expect(toVonageRequest({ text: 'hi' }, '+447700900000', { channel: 'viber', from: '16273' })).toMatchObject({ channel: 'viber_service', from: '16273' })
  })

  it('sends WhatsApp templates with positional parameters and whatsapp.locale, named ones as a Cloud API template', () => {
    const positional = toVonageRequest({ template: template('order_update', { language: 'en_GB', variables: ['1234', 'shipped'] }) }, '+447700900000', { channel: 'whatsapp', from: '447700900001' })
    expect(positional).toEqual(contractFile<{ examples: { whatsappTemplate: unknown } }>('vonage-messages', 'examples/send-request.json').examples.whatsappTemplate)
    const named = toVonageRequest({ template: template('order_update', { language: 'en', variables: { name: 'Ada' } }) }, '+447700900000', { channel: 'whatsapp', from: '447700900001' })
    expect(named).toMatchObject({
      message_type: 'custom',
      custom: { type: 'template', template: { name: 'order_update', language: { policy: 'deterministic', code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'name', text: 'Ada' }] }] } },
    })
    expect(validateVonageBody(named)).toEqual([])
    expect(() => toVonageRequest({ template: template('order_update') }, '+447700900000', { channel: 'whatsapp', from: '1' })).toThrow(/language/)
  })

  it('maps WhatsApp reply buttons exactly as the example does', () => {
    const body = toVonageRequest({ text: 'Confirm?', buttons: [reply('Yes', 'yes'), reply('No', 'no')] }, '+447700900000', { channel: 'whatsapp', from: '447700900001' })
    expect(body).toEqual(contractFile<{ examples: { whatsappCustomButtons: unknown } }>('vonage-messages', 'examples/send-request.json').examples.whatsappCustomButtons)
  })

  it('puts WhatsApp media in the interactive header and files under their name', () => {
    const doc = toVonageRequest({ text: 'Your invoice', media: [{ type: 'file', url: 'https://x.example/i.pdf', filename: 'i.pdf' }], buttons: [reply('Paid', 'PAID')] }, '+1', {
      channel: 'whatsapp',
      from: '2',
    })
    expect(doc).toMatchObject({ custom: { interactive: { header: { type: 'document', document: { link: 'https://x.example/i.pdf', filename: 'i.pdf' } } } } })
    expect(toVonageRequest({ text: 'Invoice', media: [{ type: 'file', url: 'https://x.example/i.pdf', filename: 'i.pdf' }] }, '+1', { channel: 'whatsapp', from: '2' })).toMatchObject({
      message_type: 'file',
      file: { url: 'https://x.example/i.pdf', caption: 'Invoice', name: 'i.pdf' },
    })
    const cta = toVonageRequest({ text: 'Receipt', media: [image('https://x.example/a.jpg')], buttons: [link('Open', 'https://x.example/r')] }, '+1', { channel: 'whatsapp', from: '2' })
    expect(cta).toMatchObject({ custom: { interactive: { type: 'cta_url', header: { type: 'image' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://x.example/r' } } } } })
  })

  it('refuses what WhatsApp cannot carry instead of cutting it', () => {
    expect(() => toVonageRequest({ media: [image('https://x.example/a.jpg')], buttons: [reply('Yes', 'Y')] }, '+1', { channel: 'whatsapp', from: '2' })).toThrow(/needs text/)
    expect(() => toVonageRequest({ text: 'x', media: [{ type: 'audio', url: 'https://x.example/a.mp3' }] }, '+1', { channel: 'whatsapp', from: '2' })).toThrow(/no caption/)
    expect(toVonageRequest({ media: [{ type: 'audio', url: 'https://x.example/a.mp3' }] }, '+1', { channel: 'whatsapp', from: '2' })).toMatchObject({ message_type: 'audio', audio: { url: 'https://x.example/a.mp3' } })
    expect(() => toVonageRequest({ text: 'x', cards: [card({ title: 't' })] }, '+1', { channel: 'whatsapp', from: '2' })).toThrow(ValidationError)
    expect(() => toVonageRequest({ text: 'x', buttons: [call('Call', '+14155550100')] }, '+1', { channel: 'whatsapp', from: '2' })).toThrow(/reply buttons or one URL button/)
  })

  it('puts a Viber URL button in viber_service.action', () => {
    const body = toVonageRequest({ text: 'New in', media: [image('https://x.example/a.jpg')], buttons: [link('Shop now', 'https://shop.example.com')] }, '+447700900000', { channel: 'viber', from: '16273' })
    expect(body).toEqual({
      message_type: 'image',
      image: { url: 'https://x.example/a.jpg', caption: 'New in' },
      viber_service: { action: { url: 'https://shop.example.com', text: 'Shop now' } },
      channel: 'viber_service',
      to: '447700900000',
      from: '16273',
    })
    expect(validateVonageBody(body)).toEqual([])
  })

  it('maps RCS suggestions to snake_case wire names, and incomplete cards and audio through RBM', () => {
    const text = toVonageRequest({ text: 'Pick', buttons: [reply('Morning', 'slot_am'), link('Web', 'https://example.com'), call('Call', '+14155550100')] }, '+447700900000', { channel: 'rcs', from: 'Agent' })
    expect(text.suggestions).toEqual([
      { type: 'reply', text: 'Morning', postback_data: 'slot_am' },
      { type: 'open_url', text: 'Web', postback_data: 'https://example.com', url: 'https://example.com' },
      { type: 'dial', text: 'Call', postback_data: '+14155550100', phone_number: '+14155550100' },
    ])
    const noMedia = toVonageRequest({ cards: [{ title: 'Order', buttons: [call('Call', '+14155550100')] }] }, '+447700900000', { channel: 'rcs', from: 'Agent' })
    expect(noMedia).toMatchObject({
      message_type: 'custom',
      custom: { contentMessage: { richCard: { standaloneCard: { cardOrientation: 'VERTICAL', cardContent: { title: 'Order', suggestions: [{ action: { dialAction: { phoneNumber: '+14155550100' } } }] } } } } },
    })
    expect(validateVonageBody(noMedia)).toEqual([])
    expect(toVonageRequest({ media: [{ type: 'audio', url: 'https://x.example/a.mp3' }] }, '+1', { channel: 'rcs', from: 'A' })).toMatchObject({ custom: { contentMessage: { contentInfo: { fileUrl: 'https://x.example/a.mp3' } } } })
  })

  it('merges providerOptions.vonage (settings objects one level deep) and statusWebhookUrl', async () => {
    expect(toVonageRequest({ text: 'x', buttons: [link('Go', 'https://a.example')] }, '+1', { channel: 'viber', from: '1' }, { viber_service: { category: 'transaction', ttl: 600 }, client_ref: 'order-1' })).toMatchObject({
      viber_service: { category: 'transaction', ttl: 600, action: { url: 'https://a.example', text: 'Go' } },
      client_ref: 'order-1',
    })
    const { fetch, calls } = stubFetch()
    const d = createVonageDriver({ apiKey: 'k', apiSecret: 'secret-1', from: 'AcmeInc', statusWebhookUrl: 'https://hooks.example.com/status', fetch, baseUrl: 'https://api-eu.vonage.com/' })
    await send(d, { text: 'hi' }, '+447700900000', { vonage: { sms: { encoding_type: 'unicode' }, ttl: 90_000 } })
    expect(calls[0]?.request.url).toBe('https://api-eu.vonage.com/v1/messages')
    expect(calls[0]?.body).toEqual({ message_type: 'text', text: 'hi', channel: 'sms', to: '447700900000', from: 'AcmeInc', webhook_url: 'https://hooks.example.com/status', sms: { encoding_type: 'unicode' }, ttl: 90_000 })
    expect(validateVonageBody(calls[0]?.body)).toEqual([])
  })

  it('sends WhatsApp lists and locations as Cloud API objects; RCS has no location', () => {
    const l = toVonageRequest({ text: 'Pick', list: list({ button: 'Slots', sections: [{ items: [{ id: 'a', title: 'A', description: 'first' }] }] }) }, '+447700900000', { channel: 'whatsapp', from: '2' })
    expect(l).toMatchObject({ custom: { type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Slots', sections: [{ rows: [{ id: 'a', title: 'A', description: 'first' }] }] } } } })
    expect(validateVonageBody({ ...l, from: '447700900001' })).toEqual([])
    expect(toVonageRequest({ location: location({ latitude: 52.52, longitude: 13.405 }) }, '+1', { channel: 'whatsapp', from: '2' })).toMatchObject({
      message_type: 'custom',
      custom: { type: 'location', location: { latitude: 52.52, longitude: 13.405 } },
    })
    expect(() => toVonageRequest({ location: location({ latitude: 1, longitude: 2 }) }, '+1', { channel: 'rcs', from: 'A' })).toThrow(ValidationError)
  })

  it('sends MMS text alone as MMS text, and refuses files', () => {
    expect(toVonageRequest({ text: 'Hello' }, '+14155550100', { channel: 'mms', from: '+14155550101' })).toEqual({ message_type: 'text', text: 'Hello', channel: 'mms', to: '14155550100', from: '14155550101' })
    expect(toVonageRequest({ text: 'Look', media: [image('https://x.example/a.jpg')] }, '+14155550100', { channel: 'mms', from: '1' })).toMatchObject({ message_type: 'image', image: { url: 'https://x.example/a.jpg', caption: 'Look' } })
    expect(() => toVonageRequest({ media: [{ type: 'file', url: 'https://x.example/a.pdf' }] }, '+1', { channel: 'mms', from: '1' })).toThrow(ValidationError)
  })
})

describe('vonage capabilities', () => {
  it('narrows the profiles to what Messages API v1 sends', () => {
    expect(VONAGE_CAPABILITIES.sms.text.maxLength).toBe(1000)
    expect(VONAGE_CAPABILITIES.mms.media && VONAGE_CAPABILITIES.mms.media.types).toEqual(['image', 'audio', 'video'])
    expect(VONAGE_CAPABILITIES.whatsapp.media && VONAGE_CAPABILITIES.whatsapp.media.types).toEqual(['image', 'video', 'file'])
    expect(VONAGE_CAPABILITIES.messenger).toMatchObject({ text: { maxLength: 640 }, replyButtons: false, quickReplies: false, urlButtons: false, card: false, carousel: false })
    expect(VONAGE_CAPABILITIES.rcs).toEqual({ ...profiles.rcs, idempotency: 'none' })
    for (const c of Object.values(VONAGE_CAPABILITIES)) expect(c.idempotency).toBe('none')
  })

  it('declares the driver channel by anychannel name', () => {
    expect(createVonageDriver({ apiKey: 'k', apiSecret: 's', from: '16273', channel: 'viber' }).channel).toBe('viber')
    expect(createVonageDriver({ apiKey: 'k', apiSecret: 's', from: 'x' }).channel).toBe('sms')
  })

  it('validates its options', () => {
    expect(() => createVonageDriver({ from: 'x' })).toThrow(/applicationId and privateKey, or apiKey and apiSecret/)
    expect(() => createVonageDriver({ applicationId: APP_ID, from: 'x' })).toThrow(/privateKey/)
    expect(() => createVonageDriver({ privateKey: PKCS8, from: 'x' })).toThrow(/applicationId/)
    expect(() => createVonageDriver({ apiKey: 'k', apiSecret: 's', from: '' })).toThrow(/from/)
    expect(() => createVonageDriver({ apiKey: 'k', apiSecret: 's', from: 'x', channel: 'telegram' as never })).toThrow(/channel/)
  })
})

describe('vonage error mapping', () => {
  const ctx = { driver: 'vonage', secrets: ['super-secret-value'] }
  const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: new Headers(headers),
    text: JSON.stringify(body),
    json: body,
  })
  const p = (fragment: string, extra: Record<string, unknown> = {}) => ({
    type: `https://developer.vonage.com/api-errors${/^\d+$/.test(fragment) ? '/messages' : ''}#${fragment}`,
    title: 'Title',
    detail: 'Detail',
    instance: 'trace-1',
    ...extra,
  })
  const cases: Array<[string, HttpResponse, { code: string; retryable: boolean; retryAfterMs?: number; failover?: boolean; ambiguous?: boolean }]> = [
    ['401 unauthorized', res(401, p('unauthorized')), { code: 'AUTH_ERROR', retryable: false }],
    ['403 forbidden', res(403, p('forbidden')), { code: 'AUTH_ERROR', retryable: false }],
    ['403 non-whitelisted destination (1160)', res(403, p('1160')), { code: 'RECIPIENT_ERROR', retryable: false, failover: true }],
    ['422 number barred (1050)', res(422, p('1050')), { code: 'RECIPIENT_ERROR', retryable: false }],
    ['422 unrecognised prefix (1040)', res(422, p('1040')), { code: 'RECIPIENT_ERROR', retryable: false }],
    ['422 invalid msisdn (1170)', res(422, p('1170')), { code: 'RECIPIENT_ERROR', retryable: false }],
    ['422 invalid `to` parameter', res(422, p('1150', { invalid_parameters: [{ name: 'to', reason: 'Must be a valid E.164 number' }] })), { code: 'RECIPIENT_ERROR', retryable: false }],
    ['422 other invalid parameter', res(422, p('1020', { invalid_parameters: [{ name: 'text', reason: 'too long' }] })), { code: 'PROVIDER_ERROR', retryable: false }],
    ['422 invalid template (1022)', res(422, p('1022')), { code: 'PROVIDER_ERROR', retryable: false }],
    ['403 account barred (1060)', res(403, p('1060')), { code: 'AUTH_ERROR', retryable: false }],
    ['401 jwt-expired', res(401, p('jwt-expired')), { code: 'AUTH_ERROR', retryable: false }],
    ['402 low balance', res(402, p('low-balance')), { code: 'PROVIDER_ERROR', retryable: false, failover: true }],
    ['403 quota exceeded (1070)', res(403, p('1070')), { code: 'PROVIDER_ERROR', retryable: false, failover: true }],
    ['403 out-of-credit', res(403, p('out-of-credit')), { code: 'PROVIDER_ERROR', retryable: false, failover: true }],
    ['403 unprovisioned', res(403, p('unprovisioned')), { code: 'AUTH_ERROR', retryable: false }],
    ['429 with Retry-After', res(429, p('throttled'), { 'retry-after': '4' }), { code: 'RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 4000 }],
    ['throttled (1000) on another status', res(400, p('1000')), { code: 'RATE_LIMIT_ERROR', retryable: true }],
    ['communication failed, not submitted (1100)', res(500, p('1100')), { code: 'PROVIDER_ERROR', retryable: true, ambiguous: false }],
    ['500 internal error (1030)', res(500, p('1030')), { code: 'PROVIDER_ERROR', retryable: false }],
    ['502', res(502, p('bad-gateway')), { code: 'PROVIDER_ERROR', retryable: false, ambiguous: true }],
    ['503 without Retry-After', res(503, {}), { code: 'PROVIDER_ERROR', retryable: false }],
    ['503 with Retry-After', res(503, {}, { 'retry-after': '1' }), { code: 'PROVIDER_ERROR', retryable: true, retryAfterMs: 1000 }],
  ]
  for (const [name, response, want] of cases) {
    it(name, () => {
      const e = vonageError(ctx, response) as ProviderError
      expect(AnychannelError.isInstance(e)).toBe(true)
      expect(e.code).toBe(want.code)
      expect(e.retryable).toBe(want.retryable)
      if (want.retryAfterMs !== undefined) expect(e.retryAfterMs).toBe(want.retryAfterMs)
      if (want.failover !== undefined) expect(e.failover).toBe(want.failover)
      if (want.ambiguous !== undefined) expect(e.ambiguous).toBe(want.ambiguous)
      expect(e.status).toBe(response.status)
    })
  }

  it('keeps the fragment as providerCode, instance as requestId, and the reasons in the message, without secrets', () => {
    const e = vonageError(ctx, res(422, p('1150', { title: 'Invalid params', detail: 'key super-secret-value leaked', invalid_parameters: [{ name: 'to', reason: 'Must be a valid E.164 number' }] }))) as ProviderError
    expect(e.providerCode).toBe('1150')
    expect(e.requestId).toBe('trace-1')
    expect(e.message).toContain('Invalid params')
    expect(e.message).toContain('to: Must be a valid E.164 number')
    expect(JSON.stringify(e.toJSON())).not.toContain('super-secret-value')
  })

  it('reads a non-problem body by HTTP status', () => {
    const e = vonageError(ctx, { status: 500, headers: new Headers(), text: '<html>oops</html>', json: undefined }) as ProviderError
    expect(e).toMatchObject({ code: 'PROVIDER_ERROR', status: 500, providerCode: undefined, retryable: false })
  })

  it('treats a 2xx without message_uuid as ambiguous', async () => {
    const { fetch } = stubFetch(() => new Response('accepted', { status: 202 }))
    const err = await send(createVonageDriver({ apiKey: 'k', apiSecret: 's3cret', from: 'x', fetch }), { text: 'hi' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', ambiguous: true, status: 202 })
  })
})

describe('the request validators used by the contract run can fail', () => {
  const wa = (custom: unknown) => ({ message_type: 'custom', channel: 'whatsapp', to: '447700900000', from: '447700900001', custom })
  it('whatsapp-cloud rejects four reply buttons inside custom', () => {
    const buttons = [1, 2, 3, 4].map((i) => ({ type: 'reply', reply: { id: `b${i}`, title: `B${i}` } }))
    expect(validateVonageBody(wa({ type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons } } })).join()).toMatch(/whatsapp-cloud/)
  })
  it('ours rejects a cta_url label over 20 characters and an unknown field', () => {
    const custom = { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'x' }, action: { name: 'cta_url', parameters: { display_text: 'x'.repeat(21), url: 'https://a.example' } } } }
    expect(validateVonageBody(wa(custom)).join()).toMatch(/cta_url/)
    expect(extraValidator('MmsText')({ message_type: 'text', channel: 'mms', to: '14155550100', from: '1', text: 'x', caption: 'no' })).not.toEqual([])
  })
  it('google-rbm rejects a misspelt suggestion inside custom', () => {
    const body = { message_type: 'custom', channel: 'rcs', to: '447700900000', from: 'A', custom: { contentMessage: { text: 'x', suggestions: [{ reply: { text: 'a', postback_data: 'b' } }] } } }
    expect(validateVonageBody(body).join()).toMatch(/google-rbm/)
  })
  it('the shared schema rejects a camelCase RCS suggestion and an MMS file', () => {
    expect(validateVonageBody({ message_type: 'text', channel: 'rcs', to: '447700900000', from: 'A', text: 'x', suggestions: [{ type: 'reply', text: 'a', postbackData: 'b' }] })).not.toEqual([])
    expect(validateVonageBody({ message_type: 'file', channel: 'mms', to: '14155550100', from: '1', file: { url: 'https://a.example/f.pdf' } })).not.toEqual([])
  })
})
