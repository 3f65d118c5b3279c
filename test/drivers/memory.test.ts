import { describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { RateLimitError, createClient, profiles } from '../../src/index.js'

const req = (key: string) => ({ to: '+14155550100', message: { text: 'x' }, idempotencyKey: key, signal: new AbortController().signal })

describe('memory driver', () => {
  it('keeps what it accepted with key and time', async () => {
    const d = createMemoryDriver()
    const r = await d.doSend(req('k'))
    expect(r).toEqual({ providerMessageIds: ['mem-1'], status: 'sent' })
    expect(d.sent).toEqual([{ to: '+14155550100', message: { text: 'x' }, idempotencyKey: 'k', at: expect.any(Number), providerMessageId: 'mem-1' }])
    expect(d.capabilities).toMatchObject({ ...profiles.sms, idempotency: 'none' })
  })

  it('fails the next N sends, then recovers', async () => {
    const d = createMemoryDriver()
    d.failNext(2, new RateLimitError('busy', { driver: 'memory' }))
    await expect(d.doSend(req('a'))).rejects.toThrow('busy')
    await expect(d.doSend(req('a'))).rejects.toThrow('busy')
    await expect(d.doSend(req('a'))).resolves.toBeTruthy()
    expect(d.calls).toBe(3)
    d.reset()
    expect(d.calls).toBe(0)
    expect(d.sent).toEqual([])
  })

  it('with native idempotency, a repeated key is accepted once', async () => {
    const d = createMemoryDriver({ idempotency: 'native' })
    const a = await d.doSend(req('same'))
    const b = await d.doSend(req('same'))
    expect(b).toEqual(a)
    expect(d.sent).toHaveLength(1)
  })

  it('lets the client retry any failure when idempotency is native', async () => {
    const d = createMemoryDriver({ idempotency: 'native' })
    d.failNext(1, new Error('socket hang up') as never)
    const client = createClient({ channels: { sms: d }, retry: { initialDelayMs: 1 } })
    const r = await client.send({ to: '+14155550100', message: { text: 'x' } })
    expect(r.attempts.map((a) => a.outcome)).toEqual(['failed', 'sent'])
    expect(d.sent).toHaveLength(1)
  })
})
