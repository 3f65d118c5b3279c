import { describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import {
  AuthError,
  DeliveryUnknownError,
  ProviderError,
  RateLimitError,
  RecipientError,
  SendError,
  ValidationError,
  card,
  createClient,
  link,
  message,
  reply,
} from '../../src/index.js'
import { setup } from './helpers.js'

const hello = message({ text: 'Hello', quickReplies: [reply('Yes', 'YES'), reply('No', 'NO')] })

describe('client.send', () => {
  it('renders for the channel, sends once, and resolves a full result', async () => {
    const sms = createMemoryDriver()
    const { client, names } = setup({ sms })
    const result = await client.send({ to: '+14155550100', message: hello })
    expect(sms.sent).toHaveLength(1)
    expect(sms.sent[0]).toMatchObject({ to: '+14155550100', message: { text: 'Hello\nReply 1 for Yes, 2 for No' } })
    expect(result).toMatchObject({
      channel: 'sms',
      provider: 'memory',
      to: '+14155550100',
      providerMessageIds: ['mem-1'],
      status: 'sent',
      attempts: [expect.objectContaining({ channel: 'sms', attempt: 1, outcome: 'sent' })],
    })
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(sms.sent[0]?.idempotencyKey).toBe(result.id)
    expect(result.rendered.replies.map((r) => r.payload)).toEqual(['YES', 'NO'])
    expect(names()).toEqual(['degraded', 'attempt', 'sent'])
  })

  it('uses the caller idempotency key', async () => {
    const sms = createMemoryDriver()
    const { client } = setup({ sms })
    const result = await client.send({ to: '+14155550100', message: hello, idempotencyKey: 'order-1234-shipped' })
    expect(result.id).toBe('order-1234-shipped')
    expect(sms.sent[0]?.idempotencyKey).toBe('order-1234-shipped')
  })

  it('moves to the next channel when the first cannot reach the recipient, with both attempts in the result', async () => {
    const whatsapp = createMemoryDriver({ channel: 'whatsapp', id: 'wa' })
    const sms = createMemoryDriver()
    whatsapp.failNext(1, new RecipientError('re-engagement window closed', { driver: 'wa', providerCode: 131047 }))
    const { client, events } = setup({ whatsapp, sms })
    const result = await client.send({ to: '+14155550100', message: hello, via: ['whatsapp', 'sms'] })
    expect(result.channel).toBe('sms')
    expect(result.attempts.map((a) => [a.channel, a.outcome, a.error?.code])).toEqual([
      ['whatsapp', 'failed', 'RECIPIENT_ERROR'],
      ['sms', 'sent', undefined],
    ])
    expect(whatsapp.sent).toHaveLength(0)
    expect(sms.sent).toHaveLength(1)
    expect(events.find((e) => e.name === 'failover')?.payload).toMatchObject({ from: 'whatsapp', to: 'sms', idempotencyKey: result.id })
    // rendered anew for the channel that delivered
    expect(sms.sent[0]?.message.text).toContain('Reply 1 for Yes')
  })

  it('uses the configured failover order and a contact preference', async () => {
    const telegram = createMemoryDriver({ channel: 'telegram' })
    const whatsapp = createMemoryDriver({ channel: 'whatsapp' })
    const sms = createMemoryDriver()
    const client = createClient({ channels: { sms, whatsapp, telegram }, failover: ['whatsapp', 'sms'] })
    expect((await client.send({ to: '+14155550100', message: hello })).channel).toBe('whatsapp')
    const r = await client.send({ to: { phone: '+14155550100', telegram: '123456', prefers: ['telegram'] }, message: hello })
    expect(r.channel).toBe('telegram')
    expect(telegram.sent[0]?.to).toBe('123456')
  })

  it('skips channels the contact has no address for', async () => {
    const telegram = createMemoryDriver({ channel: 'telegram' })
    const sms = createMemoryDriver()
    const { client } = setup({ telegram, sms })
    const r = await client.send({ to: { phone: '+14155550100' }, message: hello })
    expect(r.channel).toBe('sms')
    expect(r.attempts[0]).toMatchObject({ channel: 'telegram', outcome: 'skipped', error: expect.objectContaining({ code: 'RECIPIENT_ERROR' }) })
  })

  it('rejects an invalid recipient before any attempt', async () => {
    const sms = createMemoryDriver()
    const { client, names } = setup({ sms })
    const err = await client.send({ to: '555-1234', message: hello }).catch((e: unknown) => e)
    expect(ValidationError.isInstance(err)).toBe(true)
    expect((err as ValidationError).issues[0]).toMatchObject({ path: ['to'], code: 'invalid_format' })
    expect(sms.calls).toBe(0)
    expect(names()).toEqual([])
  })

  it('rejects an invalid message with paths, before any attempt', async () => {
    const sms = createMemoryDriver()
    const { client } = setup({ sms })
    const err = await client.send({ to: '+14155550100', message: { text: 'x', cards: [{ title: '' }] } }).catch((e: unknown) => e)
    expect(ValidationError.isInstance(err)).toBe(true)
    expect((err as ValidationError).issues[0]?.path).toEqual(['cards', 0, 'title'])
    expect(sms.calls).toBe(0)
  })

  it('rejects unknown channel names', async () => {
    const { client } = setup({ sms: createMemoryDriver() })
    await expect(client.send({ to: '+14155550100', message: hello, via: ['fax'] })).rejects.toThrow(/unknown channel "fax"/)
    expect(() => createClient({ channels: { sms: createMemoryDriver() }, failover: ['whatsapp'] })).toThrow(ValidationError)
    expect(() => createClient({ channels: {} })).toThrow(/at least one channel/)
  })

  it('rejects with a SendError carrying every attempt when all channels fail', async () => {
    const a = createMemoryDriver({ channel: 'whatsapp' })
    const b = createMemoryDriver()
    a.failNext(1, new RecipientError('not on WhatsApp', { driver: 'memory' }))
    b.failNext(1, new RecipientError('landline', { driver: 'memory', providerCode: 21614 }))
    const { client, events } = setup({ whatsapp: a, sms: b })
    const err = await client.send({ to: '+14155550100', message: hello }).catch((e: unknown) => e)
    expect(SendError.isInstance(err)).toBe(true)
    const e = err as SendError
    expect(e.attempts.map((x) => x.channel)).toEqual(['whatsapp', 'sms'])
    expect(e.message).toContain('whatsapp#1: RECIPIENT_ERROR not on WhatsApp')
    expect(events.at(-1)).toMatchObject({ name: 'failed', payload: { idempotencyKey: e.idempotencyKey } })
  })

  it('does not fail over on an auth error (it would fail the same way again)', async () => {
    const a = createMemoryDriver({ channel: 'whatsapp' })
    const b = createMemoryDriver()
    a.failNext(1, new AuthError('token expired', { driver: 'memory', status: 401 }))
    const { client } = setup({ whatsapp: a, sms: b })
    await expect(client.send({ to: '+14155550100', message: hello })).rejects.toThrow(SendError)
    expect(b.calls).toBe(0)
  })

  it('retries a rate-limited attempt with the same key, then succeeds', async () => {
    const sms = createMemoryDriver()
    sms.failNext(2, () => new RateLimitError('slow down', { driver: 'memory', status: 429, retryAfterMs: 5 }))
    const { client, events } = setup({ sms })
    const r = await client.send({ to: '+14155550100', message: hello })
    expect(sms.calls).toBe(3)
    expect(r.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent'])
    const retries = events.filter((e) => e.name === 'retry').map((e) => e.payload)
    expect(retries).toEqual([
      expect.objectContaining({ delayMs: 5, serverDelay: true, attempt: 1 }),
      expect.objectContaining({ delayMs: 5, serverDelay: true, attempt: 2 }),
    ])
  })

  it('reports an ambiguous failure as DeliveryUnknownError without retry or failover', async () => {
    const a = createMemoryDriver({ channel: 'whatsapp' })
    const b = createMemoryDriver()
    a.failNext(1, new ProviderError('bad gateway', { driver: 'memory', status: 502 }))
    const { client, names } = setup({ whatsapp: a, sms: b })
    const err = await client.send({ to: '+14155550100', message: hello, idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(DeliveryUnknownError.isInstance(err)).toBe(true)
    expect(err).toMatchObject({ idempotencyKey: 'k1', channel: 'whatsapp' })
    expect(a.calls).toBe(1)
    expect(b.calls).toBe(0)
    expect(names()).toContain('unknown')
  })

  it('sends every rendered message of a degraded carousel in order, each with its own key', async () => {
    const whatsapp = createMemoryDriver({ channel: 'whatsapp' })
    const { client } = setup({ whatsapp })
    const m = message({
      text: 'Pick one',
      cards: [card({ title: 'A', buttons: [reply('Buy', 'A')] }), card({ title: 'B', buttons: [link('View', 'https://x.example/b')] })],
    })
    const r = await client.send({ to: '+14155550100', message: m, idempotencyKey: 'k' })
    expect(whatsapp.sent.map((s) => s.idempotencyKey)).toEqual(['k', 'k:1', 'k:2'])
    expect(r.providerMessageIds).toEqual(['mem-1', 'mem-2', 'mem-3'])
  })

  it('previews what a channel receives with client.render()', () => {
    const { client } = setup({ sms: createMemoryDriver() })
    expect(client.render(hello, 'sms').messages).toEqual([{ text: 'Hello\nReply 1 for Yes, 2 for No' }])
    expect(() => client.render(hello, 'nope')).toThrow(ValidationError)
  })

  it('honours an abort signal with the standard AbortError', async () => {
    const sms = createMemoryDriver({ latencyMs: 1000 })
    const { client } = setup({ sms })
    const ac = new AbortController()
    const p = client.send({ to: '+14155550100', message: hello, signal: ac.signal })
    setTimeout(() => ac.abort(), 5)
    const err = await p.catch((e: unknown) => e)
    expect((err as Error).name).toBe('AbortError')
  })
})
