import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DriverV1 } from '../../src/drivers/contract.js'
import { retryAfterMs } from '../../src/drivers/http.js'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { Limiter } from '../../src/client/rate-limit.js'
import { backoffDelay } from '../../src/client/retry.js'
import {
  ConnectionError,
  DEFAULT_RETRY,
  DeliveryUnknownError,
  ProviderError,
  RateLimitError,
  RecipientError,
  SendError,
  collect,
  createClient,
  defineDriver,
  profiles,
} from '../../src/index.js'

const to = '+14155550100'
const message = { text: 'Your code is 123456' }

/** A driver that answers from a script, recording every call's key and time. */
function scripted(script: Array<Error | 'ok' | 'hang'>, options: { idempotency?: 'native' | 'none'; channel?: string } = {}) {
  const calls: Array<{ key: string; at: number }> = []
  const driver = defineDriver({
    id: 'scripted',
    channel: options.channel ?? 'sms',
    capabilities: { ...profiles.sms, idempotency: options.idempotency ?? 'none' },
    async doSend({ idempotencyKey, signal }) {
      calls.push({ key: idempotencyKey, at: Date.now() })
      const step = script.shift() ?? 'ok'
      if (step === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
      if (step instanceof Error) throw step
      return { providerMessageIds: [`id-${calls.length}`], status: 'queued' }
    },
  })
  return { driver, calls }
}

const rateLimited = (ms?: number) => new RateLimitError('429', { driver: 'scripted', status: 429, ...(ms !== undefined ? { retryAfterMs: ms } : {}) })

afterEach(() => {
  vi.useRealTimers()
})

describe('Retry-After', () => {
  it('parses seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2026-11-25T12:00:00Z')
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 12:00:07 GMT' }), now)).toBe(7000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 11:59:00 GMT' }), now)).toBe(0)
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250)
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
    expect(retryAfterMs(new Headers(), now)).toBeUndefined()
  })

  it('is honoured exactly, never jittered', async () => {
    vi.useFakeTimers()
    const { driver, calls } = scripted([rateLimited(3000)])
    const client = createClient({ channels: { sms: driver }, random: () => 0.99 })
    const p = client.send({ to, message })
    await vi.advanceTimersByTimeAsync(2999)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    const r = await p
    expect(calls).toHaveLength(2)
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(3000)
    expect(r.attempts.map((a) => a.outcome)).toEqual(['failed', 'sent'])
  })

  it('a delay longer than maxRetryAfter is not waited for: the channel fails over', async () => {
    const a = scripted([rateLimited(120_000)], { channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver } })
    const r = await client.send({ to, message })
    expect(r.channel).toBe('sms')
    expect(a.calls).toHaveLength(1)
  })
})

describe('computed backoff', () => {
  it('doubles from 0.5 s to 8 s with up to 25 % off', () => {
    const o = { ...DEFAULT_RETRY }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, o, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    expect(backoffDelay(1, o, () => 1)).toBe(375)
    expect(backoffDelay(5, o, () => 0.5)).toBe(7000)
  })

  it('retries a retryable error twice by default, with the computed delays', async () => {
    vi.useFakeTimers()
    const retryable = () => new ProviderError('503', { driver: 'scripted', status: 503, retryable: true })
    const { driver, calls } = scripted([retryable(), retryable(), retryable()])
    const client = createClient({ channels: { sms: driver }, random: () => 0 })
    const delays: number[] = []
    client.on('retry', (e) => delays.push(e.delayMs))
    const p = client.send({ to, message }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(2000)
    const err = await p
    expect(SendError.isInstance(err)).toBe(true)
    expect(calls).toHaveLength(3)
    expect(delays).toEqual([500, 1000])
  })
})

describe('ambiguous failures', () => {
  it('are not retried and do not fail over by default', async () => {
    const a = scripted([new ProviderError('504', { driver: 'scripted', status: 504 })], { channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver } })
    const err = await client.send({ to, message, idempotencyKey: 'k-1' }).catch((e: unknown) => e)
    expect(DeliveryUnknownError.isInstance(err)).toBe(true)
    expect((err as DeliveryUnknownError).idempotencyKey).toBe('k-1')
    expect((err as DeliveryUnknownError).attempts).toHaveLength(1)
    expect(b.calls).toHaveLength(0)
  })

  it('fail over when failoverOnUnknown is set', async () => {
    const a = scripted([new ConnectionError('reset', { driver: 'scripted', beforeSend: false })], { channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver }, failoverOnUnknown: true })
    expect((await client.send({ to, message })).channel).toBe('sms')
  })

  it('are retried when the driver de-duplicates on the key (native idempotency), with the same key', async () => {
    const { driver, calls } = scripted([new ProviderError('502', { driver: 'scripted', status: 502 }), new Error('socket hang up')], { idempotency: 'native' })
    const client = createClient({ channels: { sms: driver }, retry: { initialDelayMs: 1 } })
    const r = await client.send({ to, message })
    expect(calls.map((c) => c.key)).toEqual([r.id, r.id, r.id])
  })

  it('a connection refused before sending is retried', async () => {
    const { driver, calls } = scripted([new ConnectionError('ECONNREFUSED', { driver: 'scripted', beforeSend: true })])
    const client = createClient({ channels: { sms: driver }, retry: { initialDelayMs: 1 } })
    await client.send({ to, message })
    expect(calls).toHaveLength(2)
  })
})

describe('timeouts and aborts', () => {
  it('an attempt past the timeout becomes DeliveryUnknownError (the request may have left)', async () => {
    vi.useFakeTimers()
    const { driver } = scripted(['hang'])
    const client = createClient({ channels: { sms: driver }, timeout: 1000 })
    const p = client.send({ to, message }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(1000)
    const err = (await p) as DeliveryUnknownError
    expect(DeliveryUnknownError.isInstance(err)).toBe(true)
    expect(err.reason?.code).toBe('TIMEOUT_ERROR')
  })

  it('an abort cancels a pending backoff wait and is never retried', async () => {
    vi.useFakeTimers()
    const { driver, calls } = scripted([rateLimited(30_000)])
    const client = createClient({ channels: { sms: driver } })
    const ac = new AbortController()
    const p = client.send({ to, message, signal: ac.signal }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(100)
    ac.abort()
    const err = await p
    expect((err as Error).name).toBe('AbortError')
    expect(calls).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an abort during an attempt rejects at once with AbortError', async () => {
    const { driver } = scripted(['hang'])
    const client = createClient({ channels: { sms: driver } })
    const ac = new AbortController()
    const p = client.send({ to, message, signal: ac.signal })
    ac.abort()
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('totalTimeout bounds all attempts and failover', async () => {
    vi.useFakeTimers()
    const { driver, calls } = scripted([rateLimited(4000), rateLimited(4000), rateLimited(4000)])
    const client = createClient({ channels: { sms: driver }, totalTimeout: 5000 })
    const p = client.send({ to, message }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(10_000)
    const err = await p
    expect(SendError.isInstance(err)).toBe(true)
    expect(calls).toHaveLength(2)
  })
})

describe('idempotency key', () => {
  it('is generated once and reused on every attempt and failover step, and present in every event', async () => {
    const a = scripted([rateLimited(1), new RecipientError('window closed', { driver: 'scripted' })], { channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver } })
    const keys = new Set<string>()
    for (const e of ['attempt', 'retry', 'failover', 'sent', 'degraded'] as const) client.on(e, (p) => keys.add((p as { idempotencyKey: string }).idempotencyKey))
    const r = await client.send({ to, message })
    expect([...a.calls, ...b.calls].map((c) => c.key)).toEqual([r.id, r.id, r.id])
    expect([...keys]).toEqual([r.id])
  })
})

describe('rate limits', () => {
  it('paces requests (GCRA): an even spread, bursts, and 1 per second per recipient', async () => {
    vi.useFakeTimers()
    // All requests arrive at the same instant; each reservation queues behind the previous one.
    const takeAll = async (l: Limiter, keys: string[]) => {
      const p = Promise.all(keys.map((k) => l.take(k)))
      await vi.advanceTimersByTimeAsync(5000)
      return p
    }
    const clock = () => Date.now()
    expect(await takeAll(new Limiter({ perSecond: 10 }, clock), ['a', 'a', 'a', 'a'])).toEqual([0, 100, 200, 300])
    expect(await takeAll(new Limiter({ perSecond: 10, burst: 3 }, clock), ['1', '2', '3', '4', '5'])).toEqual([0, 0, 0, 100, 200])
    const chat = await takeAll(new Limiter({ perSecond: 30, perRecipientPerSecond: 1 }, clock), ['chat-1', 'chat-2', 'chat-1'])
    expect(chat[0]).toBe(0)
    expect(chat[1]).toBeCloseTo(33.33, 1)
    expect(chat[2]).toBe(1000)
  })

  it('the client paces each channel by the driver default or the rateLimit option', async () => {
    vi.useFakeTimers()
    const { driver, calls } = scripted([])
    const paced = { ...driver, capabilities: { ...driver.capabilities, rateLimit: { perSecond: 2 } } } as DriverV1
    const client = createClient({ channels: { sms: paced } })
    const all = Promise.all([1, 2, 3].map(() => client.send({ to, message })))
    await vi.advanceTimersByTimeAsync(1000)
    await all
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 500, 1000])
    const free = createClient({ channels: { sms: paced }, rateLimit: { sms: false } })
    calls.length = 0
    await Promise.all([1, 2, 3].map(() => free.send({ to, message })))
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 0, 0])
  })
})

describe('sendMany', () => {
  it('keeps at most `concurrency` in flight and returns results in completion order', async () => {
    let inFlight = 0
    let peak = 0
    const slow = defineDriver({
      id: 'slow',
      channel: 'sms',
      capabilities: { ...profiles.sms, idempotency: 'none' },
      async doSend({ message: m }) {
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise((r) => setTimeout(r, m.text === 'slow' ? 30 : 1))
        inFlight--
        return { providerMessageIds: [m.text ?? ''], status: 'queued' }
      },
    })
    const client = createClient({ channels: { sms: slow } })
    const requests = ['slow', 'a', 'b', 'c', 'd', 'e'].map((text) => ({ to, message: { text } }))
    const { items, summary } = await collect(client.sendMany(requests, { concurrency: 3 }))
    expect(peak).toBe(3)
    expect(items.at(-1)?.index).toBe(0) // the slow one finishes last
    expect(items.map((i) => i.index).sort()).toEqual([0, 1, 2, 3, 4, 5])
    expect(summary).toEqual({ total: 6, sent: 6, failed: 0, unknown: 0, running: 0 })
  })

  it('pulls from a generator only when a slot is free (back-pressure), and accounts for every request', async () => {
    const sms = createMemoryDriver()
    let n = 0
    sms.failNext(1, new RecipientError('landline', { driver: 'memory' }))
    const client = createClient({ channels: { sms } })
    let pulled = 0
    function* source() {
      for (let i = 0; i < 500; i++) {
        pulled++
        yield { to, message: { text: `m${i}` } }
      }
    }
    const batch = client.sendMany(source(), { concurrency: 4 })
    for await (const _ of batch) {
      n++
      // never more than `concurrency` requests pulled ahead of what was read
      expect(pulled - n).toBeLessThanOrEqual(4)
    }
    expect(n).toBe(500)
    expect(batch.summary).toEqual({ total: 500, sent: 499, failed: 1, unknown: 0, running: 0 })
  })

  it('counts ambiguous sends as unknown and stops on abort', async () => {
    const sms = createMemoryDriver()
    sms.failNext(1, new ProviderError('502', { driver: 'memory', status: 502 }))
    const client = createClient({ channels: { sms } })
    const { items, summary } = await collect(client.sendMany([{ to, message }, { to, message }]))
    expect(summary.unknown).toBe(1)
    expect(items.find((i) => !i.ok && i.unknown)).toBeDefined()

    const ac = new AbortController()
    const slow = createMemoryDriver({ latencyMs: 50 })
    const c2 = createClient({ channels: { sms: slow } })
    const batch = c2.sendMany(Array.from({ length: 100 }, () => ({ to, message })), { concurrency: 5, signal: ac.signal })
    setTimeout(() => ac.abort(), 10)
    const got = await collect(batch)
    expect(got.summary.total).toBe(5)
    expect(got.items.every((i) => !i.ok && i.error.name === 'AbortError')).toBe(true)
  })
})

describe('native idempotency', () => {
  it('does not repeat a request the provider refused (4xx), it fails over', async () => {
    const a = scripted([new ProviderError('400 invalid', { driver: 'scripted', status: 400 })], { idempotency: 'native', channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver }, retry: { initialDelayMs: 1 } })
    expect((await client.send({ to, message })).channel).toBe('sms')
    expect(a.calls).toHaveLength(1)
  })

  it('reports a failure that stays ambiguous through every retry as unknown, never as a second channel', async () => {
    const ambiguous = () => new ProviderError('504', { driver: 'scripted', status: 504 })
    const a = scripted([ambiguous(), ambiguous(), ambiguous()], { idempotency: 'native', channel: 'whatsapp' })
    const b = scripted([])
    const client = createClient({ channels: { whatsapp: a.driver, sms: b.driver }, retry: { initialDelayMs: 1 } })
    const err = await client.send({ to, message }).catch((e: unknown) => e)
    expect(DeliveryUnknownError.isInstance(err)).toBe(true)
    expect(a.calls).toHaveLength(3)
    expect(b.calls).toHaveLength(0)
  })
})
