/**
 * The memory driver: keeps every message it accepts, for your own tests. It can be told to fail
 * the next sends, so retries and failover can be tested without a network.
 *
 * @module
 */
import type { Capabilities } from '../../channels/capabilities.js'
import { capabilitiesFor } from '../../channels/profiles.js'
import { AnychannelError } from '../../errors.js'
import type { Message } from '../../message/types.js'
import type { ChannelEvent } from '../../webhooks/events.js'
import type { DriverReceipt, DriverV1, DriverWebhook } from '../contract.js'

/** A message the memory driver accepted. */
export interface SentRecord {
  /** The recipient's address on this channel as the client resolved it (E.164 for phone channels). */
  to: string
  /** The rendered message the driver was given (a copy): what a provider would have received. */
  message: Message
  /** The attempt's idempotency key: the send's key, then `key:1`, `key:2` … for further rendered messages. */
  idempotencyKey: string
  /** When it was accepted (epoch ms). */
  at: number
  /** The id the driver returned. */
  providerMessageId: string
}

/** Options of {@link createMemoryDriver}. */
export interface MemoryDriverOptions {
  /** The channel kind this driver poses as; picks the built-in profile. @defaultValue `'sms'` */
  channel?: string
  /**
   * Capabilities to render for instead of the built-in profile (needed for a channel without
   * one, or to test a narrowed profile).
   * @defaultValue `profiles[channel]`
   */
  capabilities?: Capabilities
  /** Driver id, as results, attempts and events name it. @defaultValue `'memory'` */
  id?: string
  /**
   * `'native'` makes the driver behave like a provider that de-duplicates on the idempotency key:
   * a repeated key returns the first receipt and records nothing new.
   * @defaultValue `'none'`
   */
  idempotency?: 'native' | 'none'
  /** Simulated latency per send in ms; an abort (or the client's timeout) cuts it short. @defaultValue 0 */
  latencyMs?: number
  /**
   * When set, webhooks must carry it in `x-memory-secret` (to test verification failures);
   * otherwise every webhook verifies.
   */
  webhookSecret?: string
}

/** The memory driver: a `DriverV1` plus inspection and failure controls. */
export interface MemoryDriver extends DriverV1 {
  /** Every accepted message, in order (a repeated key under native idempotency adds nothing). */
  readonly sent: SentRecord[]
  /** How many times `doSend` was called, accepted or not (retries included). */
  readonly calls: number
  /**
   * Makes the next `count` calls of `doSend` fail with `error` (an error, or a factory called per
   * send), in the order they were queued; the client sees them as the provider's answer.
   * @example
   * ```ts
   * driver.failNext(1, new RecipientError('not on WhatsApp', { driver: 'memory' }))
   * ```
   */
  failNext(count: number, error: AnychannelError | (() => AnychannelError)): void
  /**
   * Forgets sent messages, pending failures, remembered idempotency keys and the call count.
   * @example
   * ```ts
   * afterEach(() => sms.reset())
   * ```
   */
  reset(): void
  /**
   * Test webhooks: a POST whose JSON body is a `ChannelEvent` or an array of them is parsed as
   * exactly those events, so `client.handleWebhook()` can be driven without a provider.
   */
  readonly webhook: DriverWebhook
}

/**
 * A `Request` carrying `events` for the memory driver's webhook: a POST with the events as JSON,
 * and `secret` (when given) in the `x-memory-secret` header.
 *
 * @example
 * ```ts
 * await client.handleWebhook('sms', memoryWebhook([{ type: 'inbound', channel: 'sms', provider: 'memory', from: '+14155550100', to: '', at: Date.now(), text: '2', providerMessageId: 'in-1', raw: null }]))
 * ```
 */
export function memoryWebhook(events: ChannelEvent | ChannelEvent[], secret?: string): Request {
  return new Request('https://memory.test/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-memory-secret': secret } : {}) },
    body: JSON.stringify(events),
  })
}

/**
 * Creates an in-memory driver for tests.
 *
 * @throws {ValidationError} for an unknown channel without `capabilities`.
 * @example
 * ```ts
 * const sms = createMemoryDriver()
 * const client = createClient({ channels: { sms } })
 * await client.send({ to: '+14155550100', message: message({ text: 'Hi' }) })
 * expect(sms.sent[0].message.text).toBe('Hi')
 * ```
 */
export function createMemoryDriver(options: MemoryDriverOptions = {}): MemoryDriver {
  const channel = options.channel ?? 'sms'
  const base = capabilitiesFor(channel, options.capabilities)
  const idempotency = options.idempotency ?? 'none'
  const sent: SentRecord[] = []
  const failures: Array<AnychannelError | (() => AnychannelError)> = []
  const seen = new Map<string, DriverReceipt>()
  let counter = 0
  let calls = 0

  const driver: MemoryDriver = {
    specificationVersion: 'v1',
    id: options.id ?? 'memory',
    channel,
    capabilities: { ...base, idempotency },
    async doSend({ to, message, idempotencyKey, signal }) {
      calls++
      if (options.latencyMs) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, options.latencyMs)
          signal.addEventListener('abort', () => {
            clearTimeout(t)
            reject(signal.reason)
          }, { once: true })
        })
      }
      signal.throwIfAborted()
      const failure = failures.shift()
      if (failure) throw typeof failure === 'function' ? failure() : failure
      const previous = idempotency === 'native' ? seen.get(idempotencyKey) : undefined
      if (previous) return previous
      const providerMessageId = `mem-${++counter}`
      sent.push({ to, message: structuredClone(message), idempotencyKey, at: Date.now(), providerMessageId })
      const receipt: DriverReceipt = { providerMessageIds: [providerMessageId], status: 'sent' }
      if (idempotency === 'native') seen.set(idempotencyKey, receipt)
      return receipt
    },
    sent,
    webhook: {
      async verify(request) {
        return options.webhookSecret === undefined || request.headers.get('x-memory-secret') === options.webhookSecret
      },
      async parse(request) {
        const body = (await request.clone().json()) as ChannelEvent | ChannelEvent[]
        return Array.isArray(body) ? body : [body]
      },
    },
    get calls() {
      return calls
    },
    failNext(count: number, error: AnychannelError | (() => AnychannelError)) {
      for (let i = 0; i < count; i++) failures.push(error)
    },
    reset() {
      sent.length = 0
      failures.length = 0
      seen.clear()
      calls = 0
    },
  }
  return driver
}
