import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createMemoryDriver, memoryWebhook } from '../../src/drivers/memory/index.js'
import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import {
  type ChannelEvent,
  ConsentError,
  type InboundEvent,
  SendError,
  type StatusEvent,
  createClient,
  createMemoryStore,
  message,
  reply,
} from '../../src/index.js'
import { hmac, toBase64, toHex } from '../../src/webhooks/crypto.js'

const SID = `AC${'3'.repeat(32)}`
const TWILIO_TOKEN = 'twilio-auth-token-xyz123'
const APP_SECRET = 'meta-app-secret-abc456'
const customer = '+14155550100'
const fourChoices = message({
  text: 'Your parcel is out for delivery.',
  quickReplies: [reply('Track', 'TRACK'), reply('Reschedule', 'RESCHEDULE'), reply('Safe place', 'SAFE_PLACE'), reply('Talk to us', 'AGENT')],
})

const server = setupServer(
  http.post(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`, () =>
    HttpResponse.json({ sid: `SM${crypto.randomUUID().replace(/-/g, '')}`, status: 'queued' }, { status: 201 }),
  ),
  http.post('https://graph.facebook.com/v23.0/106540352242922/messages', () =>
    HttpResponse.json({ messaging_product: 'whatsapp', contacts: [{ input: '14155550100', wa_id: '14155550100' }], messages: [{ id: 'wamid.OUT1' }] }),
  ),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
afterEach(() => vi.useRealTimers())

/** A Twilio inbound SMS webhook, signed the way Twilio signs it. */
async function twilioInbound(url: string, fields: Record<string, string>): Promise<Request> {
  const data = url + Object.keys(fields).sort().map((k) => k + fields[k]).join('')
  const signature = toBase64(await hmac('SHA-1', TWILIO_TOKEN, data))
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(fields).toString(),
  })
}

async function metaWebhook(body: unknown): Promise<Request> {
  const raw = JSON.stringify(body)
  return new Request('https://hooks.example.com/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${toHex(await hmac('SHA-256', APP_SECRET, raw))}` },
    body: raw,
  })
}

function setup(extra: Parameters<typeof createClient>[0] extends infer O ? Partial<O> : never = {}) {
  const client = createClient({
    channels: {
      sms: createTwilioDriver({ accountSid: SID, authToken: TWILIO_TOKEN, from: '+14155552345' }),
      whatsapp: createWhatsAppDriver({ phoneNumberId: '106540352242922', accessToken: 'EAAG-token', appSecret: APP_SECRET, verifyToken: 'verify-me' }),
    },
    ...extra,
  })
  const inbound: InboundEvent[] = []
  const statuses: StatusEvent[] = []
  client.on('inbound', (e) => inbound.push(e))
  client.on('status', (e) => statuses.push(e))
  return { client, inbound, statuses }
}

describe('replies to degraded choices', () => {
  it('an SMS "2" resolves to the payload of option 2, end to end through signed Twilio webhooks', async () => {
    const { client, inbound } = setup()
    const sent = await client.send({ to: customer, message: fourChoices, via: ['sms'] })
    expect(sent.rendered.messages[0]?.text).toBe('Your parcel is out for delivery.\nReply 1 for Track, 2 for Reschedule, 3 for Safe place, 4 for Talk to us')

    const url = 'https://hooks.example.com/sms'
    const res = await client.handleWebhook('sms', await twilioInbound(url, { MessageSid: 'SM_in_1', AccountSid: SID, From: customer, To: '+14155552345', Body: ' 2. ', NumMedia: '0' }))
    expect(res.status).toBe(200)
    expect(inbound).toHaveLength(1)
    expect(inbound[0]).toMatchObject({ channel: 'sms', from: customer, text: ' 2. ', reply: { payload: 'RESCHEDULE', title: 'Reschedule', source: 'mapped' } })

    // Titles work too, case- and accent-insensitive.
    await client.handleWebhook('sms', await twilioInbound(url, { MessageSid: 'SM_in_2', AccountSid: SID, From: customer, To: '+14155552345', Body: 'SAFE PLACÉ', NumMedia: '0' }))
    expect(inbound[1]?.reply).toEqual({ payload: 'SAFE_PLACE', title: 'Safe place', source: 'mapped' })
    // Something else stays plain text.
    await client.handleWebhook('sms', await twilioInbound(url, { MessageSid: 'SM_in_3', AccountSid: SID, From: customer, To: '+14155552345', Body: 'thanks!', NumMedia: '0' }))
    expect(inbound[2]?.reply).toBeUndefined()
  })

  it('a native WhatsApp button tap gets the same payload with source "native"', async () => {
    const { client, inbound } = setup()
    await client.send({ to: customer, message: message({ text: 'Choose', buttons: [reply('Track', 'TRACK'), reply('Reschedule', 'RESCHEDULE')] }), via: ['whatsapp'] })
    const tap = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                contacts: [{ profile: { name: 'Ada' }, wa_id: '14155550100' }],
                messages: [
                  { from: '14155550100', id: 'wamid.TAP1', timestamp: '1750263773', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'RESCHEDULE', title: 'Reschedule' } } },
                ],
              },
            },
          ],
        },
      ],
    }
    expect((await client.handleWebhook('whatsapp', await metaWebhook(tap))).status).toBe(200)
    expect(inbound[0]).toMatchObject({ channel: 'whatsapp', from: customer, reply: { payload: 'RESCHEDULE', title: 'Reschedule', source: 'native' } })
  })

  it('a replayed webhook (the same provider event) is emitted once, also across clients sharing a Store', async () => {
    const store = createMemoryStore()
    const a = setup({ store })
    const b = setup({ store })
    const url = 'https://hooks.example.com/sms'
    const fields = { MessageSid: 'SM_dup', AccountSid: SID, From: customer, To: '+14155552345', Body: 'hello', NumMedia: '0' }
    await a.client.handleWebhook('sms', await twilioInbound(url, fields))
    await a.client.handleWebhook('sms', await twilioInbound(url, fields))
    await b.client.handleWebhook('sms', await twilioInbound(url, fields))
    expect(a.inbound.length + b.inbound.length).toBe(1)
  })
})

describe('verification and handshakes', () => {
  it('answers 401 and emits webhook-error for a bad or missing signature', async () => {
    const { client, inbound } = setup()
    const errors: unknown[] = []
    client.on('webhook-error', (e) => errors.push(e))
    const forged = new Request('https://hooks.example.com/sms', { method: 'POST', headers: { 'x-twilio-signature': 'AAAA', 'content-type': 'application/x-www-form-urlencoded' }, body: 'From=%2B1&Body=hi' })
    expect((await client.handleWebhook('sms', forged)).status).toBe(401)
    const unsigned = new Request('https://hooks.example.com/whatsapp', { method: 'POST', body: '{}' })
    expect((await client.handleWebhook('whatsapp', unsigned)).status).toBe(401)
    expect(inbound).toHaveLength(0)
    expect(errors).toEqual([
      expect.objectContaining({ channel: 'sms', error: expect.objectContaining({ code: 'WEBHOOK_VERIFICATION_ERROR' }) }),
      expect.objectContaining({ channel: 'whatsapp', error: expect.objectContaining({ code: 'WEBHOOK_VERIFICATION_ERROR' }) }),
    ])
    expect((await client.handleWebhook('fax', forged)).status).toBe(404)
  })

  it('answers the Meta subscription handshake', async () => {
    const { client } = setup()
    const ok = await client.handleWebhook('whatsapp', new Request('https://hooks.example.com/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444'))
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('1158201444')
    const wrong = await client.handleWebhook('whatsapp', new Request('https://hooks.example.com/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'))
    expect(wrong.status).toBe(403)
  })
})

describe('statuses', () => {
  const status = (id: string, s: StatusEvent['status'], eventId = `${id}:${s}`): StatusEvent => ({ type: 'status', channel: 'sms', provider: 'memory', providerMessageId: id, status: s, at: 0, eventId, raw: null })

  it('never move a message backwards (read does not become delivered), duplicates are dropped', async () => {
    const sms = createMemoryDriver()
    const client = createClient({ channels: { sms } })
    const seen: string[] = []
    client.on('status', (e) => seen.push(e.status))
    await client.handleWebhook('sms', memoryWebhook([status('m1', 'sent'), status('m1', 'read'), status('m1', 'delivered'), status('m1', 'read', 'again')]))
    expect(seen).toEqual(['sent', 'read'])
    await client.handleWebhook('sms', memoryWebhook([status('m2', 'delivered'), status('m2', 'undelivered')]))
    expect(seen).toEqual(['sent', 'read', 'delivered', 'undelivered'])
  })
})

describe('consent', () => {
  const inbound = (text: string, id: string): InboundEvent => ({ type: 'inbound', channel: 'sms', provider: 'memory', from: customer, to: '', at: 0, text, providerMessageId: id, raw: null })

  it('STOP opts out: later sends on that channel are refused before any provider call, or fail over; START opts back in', async () => {
    const sms = createMemoryDriver()
    const wa = createMemoryDriver({ channel: 'whatsapp' })
    const client = createClient({ channels: { sms, whatsapp: wa } })
    const events: string[] = []
    client.on('opt-out', (e) => events.push(`out:${e.keyword}`))
    client.on('opt-in', (e) => events.push(`in:${e.keyword}`))
    await client.handleWebhook('sms', memoryWebhook(inbound('Stop', 'i1')))
    expect(events).toEqual(['out:stop'])
    expect(await client.isOptedOut('sms', '+1 (415) 555-0100')).toBe(true)

    const err = await client.send({ to: customer, message: { text: 'Promo' }, via: ['sms'] }).catch((e: unknown) => e)
    expect(ConsentError.isInstance(err)).toBe(true)
    expect(sms.calls).toBe(0)
    const moved = await client.send({ to: customer, message: { text: 'Promo' }, via: ['sms', 'whatsapp'] })
    expect(moved.channel).toBe('whatsapp')
    expect(moved.attempts[0]).toMatchObject({ channel: 'sms', outcome: 'skipped', error: expect.objectContaining({ code: 'CONSENT_ERROR' }) })
    await client.send({ to: customer, message: { text: 'You have been unsubscribed.' }, via: ['sms'], ignoreOptOut: true })
    expect(sms.sent).toHaveLength(1)

    await client.handleWebhook('sms', memoryWebhook(inbound('start', 'i2')))
    expect(events).toEqual(['out:stop', 'in:start'])
    await client.send({ to: customer, message: { text: 'Welcome back' }, via: ['sms'] })
    expect(sms.sent).toHaveLength(2)
  })

  it('a reply key never shadows a consent keyword, and the keyword list is configurable', async () => {
    const sms = createMemoryDriver()
    const client = createClient({ channels: { sms } })
    const r = await client.send({ to: customer, message: message({ text: 'Your booking', quickReplies: [reply('Keep', 'KEEP'), reply('Cancel', 'CANCEL_BOOKING')] }) })
    expect(r.rendered.replies[1]?.keys).toEqual(['2', 'cancel'])
    const got: ChannelEvent[] = []
    client.on('inbound', (e) => got.push(e))
    await client.handleWebhook('sms', memoryWebhook(inbound('2', 'c1')))
    await client.handleWebhook('sms', memoryWebhook(inbound('cancel', 'c2')))
    expect(got.map((e) => (e as InboundEvent).reply?.payload)).toEqual(['CANCEL_BOOKING', undefined])
    expect(await client.isOptedOut('sms', customer)).toBe(true)

    const custom = createClient({ channels: { sms: createMemoryDriver() }, consent: { optOut: ['halt'], optIn: ['go'] } })
    await custom.handleWebhook('sms', memoryWebhook(inbound('STOP', 'x1')))
    expect(await custom.isOptedOut('sms', customer)).toBe(false)
    await custom.handleWebhook('sms', memoryWebhook(inbound('Halt!', 'x2')))
    expect(await custom.isOptedOut('sms', customer)).toBe(true)
  })
})

describe('failover on delivery status', () => {
  const statusFor = (id: string, s: StatusEvent['status']): StatusEvent => ({ type: 'status', channel: 'whatsapp', provider: 'memory', providerMessageId: id, status: s, at: 0, raw: null })

  function twoChannels() {
    const whatsapp = createMemoryDriver({ channel: 'whatsapp' })
    const sms = createMemoryDriver()
    const client = createClient({ channels: { whatsapp, sms }, failover: [{ channel: 'whatsapp', until: 'delivered', within: 60_000 }, 'sms'] })
    const failovers: unknown[] = []
    const late: unknown[] = []
    client.on('failover', (e) => failovers.push(e))
    client.on('late-delivery', (e) => late.push(e))
    return { whatsapp, sms, client, failovers, late }
  }

  it('sends on the next channel when the first has not reported delivered in time', async () => {
    vi.useFakeTimers()
    const { sms, client, failovers, late } = twoChannels()
    const r = await client.send({ to: customer, message: { text: 'Your code is 123456' } })
    expect(r.channel).toBe('whatsapp')
    await vi.advanceTimersByTimeAsync(59_999)
    expect(sms.sent).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(sms.sent).toHaveLength(1)
    expect(sms.sent[0]?.idempotencyKey).toBe(r.id)
    expect(failovers).toEqual([expect.objectContaining({ from: 'whatsapp', to: 'sms', idempotencyKey: r.id, reason: 'no delivered status within 60000 ms' })])
    // A delivered that arrives late is reported, not re-sent.
    await client.handleWebhook('whatsapp', memoryWebhook(statusFor(r.providerMessageIds[0] as string, 'delivered')))
    expect(late).toEqual([expect.objectContaining({ idempotencyKey: r.id, status: 'delivered' })])
    expect(sms.sent).toHaveLength(1)
  })

  it('a late "queued" or "sent" is not reported as a late delivery', async () => {
    vi.useFakeTimers()
    const { client, late } = twoChannels()
    const r = await client.send({ to: customer, message: { text: 'x' } })
    await vi.advanceTimersByTimeAsync(60_000)
    await client.handleWebhook('whatsapp', memoryWebhook(statusFor(r.providerMessageIds[0] as string, 'sent')))
    expect(late).toEqual([])
    await client.handleWebhook('whatsapp', memoryWebhook(statusFor(r.providerMessageIds[0] as string, 'read')))
    expect(late).toEqual([expect.objectContaining({ status: 'read' })])
  })

  it('does not fail over once delivered arrives in time', async () => {
    vi.useFakeTimers()
    const { sms, client } = twoChannels()
    const r = await client.send({ to: customer, message: { text: 'x' } })
    await vi.advanceTimersByTimeAsync(10_000)
    await client.handleWebhook('whatsapp', memoryWebhook(statusFor(r.providerMessageIds[0] as string, 'read')))
    await vi.advanceTimersByTimeAsync(120_000)
    expect(sms.sent).toHaveLength(0)
  })

  it('fails over at once on a failed status, and close() cancels pending timers', async () => {
    vi.useFakeTimers()
    const { sms, client, failovers } = twoChannels()
    const r = await client.send({ to: customer, message: { text: 'x' } })
    await client.handleWebhook('whatsapp', memoryWebhook(statusFor(r.providerMessageIds[0] as string, 'failed')))
    await vi.advanceTimersByTimeAsync(0)
    expect(sms.sent).toHaveLength(1)
    expect(failovers).toHaveLength(1)

    const t = twoChannels()
    await t.client.send({ to: customer, message: { text: 'x' } })
    await t.client.close()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(t.sms.sent).toHaveLength(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects a failover step without a positive window', () => {
    expect(() => createClient({ channels: { sms: createMemoryDriver() }, failover: [{ channel: 'sms', until: 'delivered', within: 0 }] })).toThrow(/within/)
  })

  it('reports a failure when no channel is left after the window', async () => {
    vi.useFakeTimers()
    const whatsapp = createMemoryDriver({ channel: 'whatsapp' })
    const client = createClient({ channels: { whatsapp }, failover: [{ channel: 'whatsapp', until: 'read', within: 1000 }] })
    const failed: unknown[] = []
    client.on('failed', (e) => failed.push(e))
    await client.send({ to: customer, message: { text: 'x' } })
    await vi.advanceTimersByTimeAsync(1000)
    expect(failed).toEqual([expect.objectContaining({ error: expect.any(SendError) })])
  })
})
