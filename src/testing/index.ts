/**
 * The shared driver contract suite. Every anychannel driver runs it; third-party drivers can run it
 * too (`import { runDriverContract } from 'anychannel/testing'`, with vitest and msw installed).
 *
 * Given a driver descriptor it checks that every capability the driver declares produces requests
 * the provider's own contract accepts, that provider errors map to the right anychannel errors,
 * that the idempotency key is forwarded exactly when the driver says so, that an abort is honoured
 * and that no secret ever appears in an error.
 *
 * @module
 */
import { http, HttpResponse, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DriverV1 } from '../drivers/contract.js'
import { createClient } from '../client/client.js'
import {
  AnychannelError,
  AuthError,
  ConnectionError,
  type ErrorCode,
  ProviderError,
  RateLimitError,
  SendError,
} from '../errors.js'
import { call, card, image, link, list, location, reply, template } from '../message/builders.js'
import type { Media, Message } from '../message/types.js'

/** A request the driver made, as the provider would parse it. */
export interface CapturedRequest {
  /** HTTP method, upper case, e.g. `'POST'`. */
  method: string
  /** The full request URL, query string included. */
  url: URL
  /** The request headers (credentials included: check them, never log them). */
  headers: Headers
  /** Parsed body: JSON, or an object of form fields (repeated fields as arrays), or the raw text. */
  body: unknown
}

/** A canned provider answer. */
export interface ContractResponse {
  /** HTTP status, e.g. `201` or `429`. */
  status: number
  /** Body, sent as JSON (`null` when absent). */
  body?: unknown
  /** Response headers, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>
}

/** The faults the suite injects. */
export type ContractFault =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'rateLimitedNoRetryAfter'
  | 'serverError'
  | 'unavailable'
  | 'network'

/** What a fault must turn into. */
export interface ExpectedError {
  /** The `code` of the error `doSend` must reject with, e.g. `'RATE_LIMIT_ERROR'`. */
  code: ErrorCode
  /** The error's `retryable` flag. */
  retryable: boolean
  /** Expected `retryAfterMs`, when the fault carries a delay. */
  retryAfterMs?: number
}

/** Describes a driver to the contract suite. */
export interface DriverContract {
  /** Shown in test names, e.g. `'twilio (sms)'`. */
  name: string
  /** Creates the driver pointed at `baseUrl`, with the `secrets` below as its credentials. */
  create(baseUrl: string): DriverV1
  /** The fake provider's origin. @defaultValue `'https://provider.contract.test'` */
  baseUrl?: string
  /** A valid recipient for this channel. */
  recipient: string
  /** Every endpoint the driver may call; any other request fails the test. */
  endpoints: ReadonlyArray<{
    /** HTTP method of the endpoint. */
    method: 'GET' | 'POST' | 'PUT' | 'DELETE'
    /** An msw path, absolute or relative to `baseUrl`, e.g. `'/v1/messages'` or `'/2010-04-01/Accounts/:sid/Messages.json'`. */
    path: string
  }>
  /**
   * Checks a request against the provider's contract (its JSON Schema). Returns one string per
   * problem; an empty array means valid.
   */
  validate(request: CapturedRequest): string[]
  /** A request the contract must reject: proves `validate` can fail (e.g. a misspelt field). */
  invalidRequest: CapturedRequest
  /** The provider's success answer to a (valid) request. */
  success(request: CapturedRequest): ContractResponse
  /** The provider's documented error answers. */
  errors: Record<Exclude<ContractFault, 'network'>, ContractResponse>
  /** Overrides of the default expected mapping, where the provider's semantics differ. */
  expect?: Partial<Record<ContractFault, ExpectedError>>
  /** The driver's credentials: none may appear in any error, message, cause or `toJSON()`. */
  secrets: readonly string[]
  /**
   * Where the driver puts the idempotency key in a request (drivers declaring `idempotency:
   * 'native'` must forward it).
   */
  idempotencyKeyIn?(request: CapturedRequest): string | undefined
  /** Extra messages to send besides the generated ones (provider-specific features). */
  extraMessages?: ReadonlyArray<{
    /** Test name, e.g. `'template with header image'`. */
    name: string
    /** The message to send through `client.send()`. */
    message: Message
  }>
}

/** The default mapping every provider should follow unless its contract says otherwise. */
export const DEFAULT_EXPECTED: Record<ContractFault, ExpectedError> = {
  badRequest: { code: 'PROVIDER_ERROR', retryable: false },
  unauthorized: { code: 'AUTH_ERROR', retryable: false },
  forbidden: { code: 'AUTH_ERROR', retryable: false },
  notFound: { code: 'PROVIDER_ERROR', retryable: false },
  rateLimited: { code: 'RATE_LIMIT_ERROR', retryable: true },
  rateLimitedNoRetryAfter: { code: 'RATE_LIMIT_ERROR', retryable: true },
  serverError: { code: 'PROVIDER_ERROR', retryable: false },
  unavailable: { code: 'PROVIDER_ERROR', retryable: true },
  network: { code: 'CONNECTION_ERROR', retryable: false },
}

async function capture(request: Request): Promise<CapturedRequest> {
  const type = request.headers.get('content-type') ?? ''
  const text = await request.text()
  let body: unknown = text
  if (type.includes('application/json') || /^\s*[[{]/.test(text)) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    const form: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(text)) {
      const prev = form[k]
      form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    body = form
  }
  return { method: request.method, url: new URL(request.url), headers: request.headers, body }
}

/**
 * The messages the suite sends through `client.send()`: text (short and long), each media type,
 * media without text, reply buttons, quick replies, URL and call buttons, a card, a carousel, a
 * list, a location, and a template when the driver's capabilities declare templates. Every message
 * goes to every driver; rendering degrades what the driver cannot show.
 *
 * @example
 * ```ts
 * for (const { name, message } of contractMessages(driver)) console.log(name, render(message, driver.capabilities).messages.length)
 * ```
 */
export function contractMessages(driver: DriverV1): Array<{
  /** Test name, e.g. `'carousel'`. */
  name: string
  /** A valid message exercising that element type. */
  message: Message
}> {
  const caps = driver.capabilities
  const out: Array<{ name: string; message: Message }> = [
    { name: 'text', message: { text: 'Your order **#1234** has shipped (arrives _Thursday_).' } },
    { name: 'long text', message: { text: `${'Lorem ipsum dolor sit amet. '.repeat(400)}End.` } },
  ]
  const media: Record<Media['type'], Media> = {
    image: image('https://cdn.example.com/a.jpg', { mimeType: 'image/jpeg' }),
    video: { type: 'video', url: 'https://cdn.example.com/a.mp4', mimeType: 'video/mp4' },
    audio: { type: 'audio', url: 'https://cdn.example.com/a.mp3', mimeType: 'audio/mpeg' },
    file: { type: 'file', url: 'https://cdn.example.com/a.pdf', mimeType: 'application/pdf', filename: 'invoice.pdf' },
  }
  for (const type of ['image', 'video', 'audio', 'file'] as const)
    out.push({ name: `${type}`, message: { text: `Here is your ${type}`, media: [media[type]] } })
  out.push({ name: 'image without text', message: { media: [media.image] } })
  out.push({ name: 'reply buttons', message: { text: 'Confirm?', buttons: [reply('Yes', 'YES'), reply('No', 'NO')] } })
  out.push({
    name: 'quick replies',
    message: { text: 'Anything else?', quickReplies: [reply('Track', 'TRACK'), reply('Returns', 'RETURNS'), reply('Help', 'HELP'), reply('Agent', 'AGENT')] },
  })
  out.push({ name: 'url button', message: { text: 'Your receipt', buttons: [link('Open receipt', 'https://shop.example.com/r/1')] } })
  out.push({ name: 'call button', message: { text: 'Questions?', buttons: [call('Call us', '+14155550100')] } })
  out.push({
    name: 'card',
    message: {
      cards: [card({ title: 'Blue shirt', text: 'Size M', media: media.image, buttons: [reply('Buy', 'BUY'), link('View', 'https://shop.example.com/p/1')] })],
    },
  })
  out.push({
    name: 'carousel',
    message: {
      text: 'Pick one',
      cards: [1, 2, 3].map((i) =>
        card({ title: `Item ${i}`, text: `Item ${i} text`, media: media.image, buttons: [reply('Buy', `BUY_${i}`), link('View', `https://shop.example.com/p/${i}`)] }),
      ),
      quickReplies: [reply('More', 'MORE')],
    },
  })
  out.push({
    name: 'list',
    message: {
      text: 'Pick a slot',
      list: list({
        button: 'Slots',
        sections: [
          { title: 'Monday', items: [{ id: 'MON_9', title: 'Mon 9:00', description: 'Morning' }, { id: 'MON_14', title: 'Mon 14:00' }] },
          { title: 'Tuesday', items: [{ id: 'TUE_9', title: 'Tue 9:00' }, { id: 'TUE_14', title: 'Tue 14:00', description: 'Afternoon' }] },
        ],
      }),
    },
  })
  out.push({ name: 'location', message: { location: location({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Alexanderplatz 1, Berlin' }) } })
  out.push({
    name: 'template',
    message: {
      template: template('order_shipped', { language: 'en_US', variables: ['Ada', '#1234'], contentSid: `HX${'0123456789abcdef'.repeat(2)}` }),
      fallback: { text: 'Hi Ada, order #1234 has shipped.' },
    },
  })
  if (caps.templates === false) out.pop()
  return out
}

function allText(err: unknown): string {
  const parts: string[] = []
  let cur: unknown = err
  for (let depth = 0; cur && depth < 6; depth++) {
    if (cur instanceof Error) parts.push(cur.message, cur.stack ?? '')
    if (AnychannelError.isInstance(cur)) parts.push(JSON.stringify(cur.toJSON()))
    try {
      parts.push(String(cur))
    } catch {
      parts.push(Object.prototype.toString.call(cur))
    }
    cur = (cur as { cause?: unknown }).cause
  }
  return parts.join('\n')
}

/**
 * Registers the contract tests for one driver with vitest (call it at the top level of a test
 * file). It starts an msw server answering `endpoints` under `baseUrl` and checks: the v1 contract,
 * that `validate` can fail, every message of {@link contractMessages} (and `extraMessages`) as a
 * request `validate` accepts, the error mapping of every {@link ContractFault} (against
 * {@link DEFAULT_EXPECTED} and `expect`), idempotency-key forwarding, aborts, and that no
 * `secrets` appear in any error.
 *
 * @example
 * ```ts
 * runDriverContract({ name: 'acme-sms', create: (baseUrl) => createAcmeDriver({ apiKey: 'k_123456', baseUrl }), … })
 * ```
 */
export function runDriverContract(c: DriverContract): void {
  const baseUrl = c.baseUrl ?? 'https://provider.contract.test'
  const captured: CapturedRequest[] = []
  const invalid: Array<{ request: CapturedRequest; problems: string[] }> = []
  let mode: { kind: 'ok' } | { kind: 'fault'; fault: ContractFault } | { kind: 'hang' } = { kind: 'ok' }
  const thrown: unknown[] = []

  const abs = (path: string) => (/^https?:/.test(path) ? path : `${baseUrl}${path}`)
  const respond = (r: ContractResponse) =>
    HttpResponse.json((r.body ?? null) as JsonBodyType, { status: r.status, ...(r.headers ? { headers: r.headers } : {}) })

  const server = setupServer(
    ...c.endpoints.map((e) =>
      http[e.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](abs(e.path), async ({ request }) => {
        const req = await capture(request)
        captured.push(req)
        if (mode.kind === 'hang') {
          await new Promise<void>((resolve) => {
            request.signal.addEventListener('abort', () => resolve(), { once: true })
            setTimeout(resolve, 5_000)
          })
          return HttpResponse.error()
        }
        if (mode.kind === 'fault') {
          if (mode.fault === 'network') return HttpResponse.error()
          return respond(c.errors[mode.fault])
        }
        const problems = c.validate(req)
        if (problems.length) {
          invalid.push({ request: req, problems })
          return respond({ status: 400, body: { contract: 'request rejected by the provider schema', problems } })
        }
        return respond(c.success(req))
      }),
    ),
  )

  describe(`driver contract: ${c.name}`, () => {
    let driver: DriverV1
    beforeAll(() => {
      server.listen({ onUnhandledRequest: 'error' })
      driver = c.create(baseUrl)
    })
    afterEach(() => {
      server.resetHandlers()
      captured.length = 0
      invalid.length = 0
      mode = { kind: 'ok' }
    })
    afterAll(() => server.close())

    it('declares the v1 contract', () => {
      expect(driver.specificationVersion).toBe('v1')
      expect(typeof driver.doSend).toBe('function')
      expect(['native', 'none']).toContain(driver.capabilities.idempotency)
    })

    it('its contract check rejects a deliberately wrong request', () => {
      expect(c.validate(c.invalidRequest).length).toBeGreaterThan(0)
    })

    describe('every element type goes through client.send() as a valid provider request', () => {
      for (const { name, message } of [...contractMessages(c.create(baseUrl)), ...(c.extraMessages ?? [])]) {
        it(name, async () => {
          const client = createClient({ channels: { [driver.channel]: driver }, retry: { limit: 0 }, rateLimit: { [driver.channel]: false } })
          const result = await client.send({ to: c.recipient, message }).catch((e: unknown) => {
            thrown.push(e)
            // Show what the provider's contract rejected, not just that the send failed.
            expect(invalid).toEqual([])
            throw e
          })
          expect(invalid).toEqual([])
          expect(captured.length).toBeGreaterThanOrEqual(result.rendered.messages.length)
          expect(result.providerMessageIds.length).toBeGreaterThanOrEqual(result.rendered.messages.length)
          expect(result.providerMessageIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
        })
      }
    })

    describe('maps provider errors', () => {
      const faults: ContractFault[] = ['badRequest', 'unauthorized', 'forbidden', 'notFound', 'rateLimited', 'rateLimitedNoRetryAfter', 'serverError', 'unavailable', 'network']
      for (const fault of faults) {
        it(fault, async () => {
          const want = { ...DEFAULT_EXPECTED[fault], ...c.expect?.[fault] }
          mode = { kind: 'fault', fault }
          const err = await driver
            .doSend({ to: c.recipient, message: { text: 'hi' }, idempotencyKey: 'contract-key', signal: new AbortController().signal })
            .then(
              () => undefined,
              (e: unknown) => e,
            )
          thrown.push(err)
          expect(AnychannelError.isInstance(err), `${fault} must reject with an anychannel error, got ${String(err)}`).toBe(true)
          const e = err as ProviderError
          expect(e.code).toBe(want.code)
          expect(e.retryable).toBe(want.retryable)
          expect(e.driver).toBe(driver.id)
          if (fault !== 'network') expect(e.status).toBe(c.errors[fault].status)
          if (want.retryAfterMs !== undefined) expect(e.retryAfterMs).toBe(want.retryAfterMs)
          if (fault === 'rateLimitedNoRetryAfter') expect(e.retryAfterMs).toBeUndefined()
          if (fault === 'rateLimited') expect(RateLimitError.isInstance(e) && e.retryAfterMs !== undefined).toBe(want.code === 'RATE_LIMIT_ERROR')
          if (fault === 'unauthorized') expect(AuthError.isInstance(e)).toBe(want.code === 'AUTH_ERROR')
          if (fault === 'network') expect(ConnectionError.isInstance(e)).toBe(true)
        })
      }
    })

    it(`forwards the idempotency key ${'exactly when it declares native idempotency'}`, async () => {
      await driver.doSend({ to: c.recipient, message: { text: 'hi' }, idempotencyKey: 'key-7f3a9c1e', signal: new AbortController().signal })
      expect(captured).toHaveLength(1)
      const req = captured[0] as CapturedRequest
      const found = c.idempotencyKeyIn?.(req)
      if (driver.capabilities.idempotency === 'native') expect(found).toBe('key-7f3a9c1e')
      else {
        expect(found).toBeUndefined()
        const everywhere = `${req.url.href} ${JSON.stringify([...req.headers])} ${JSON.stringify(req.body)}`
        expect(everywhere).not.toContain('key-7f3a9c1e')
      }
    })

    it('honours an abort while the provider is slow', async () => {
      mode = { kind: 'hang' }
      const ac = new AbortController()
      const started = Date.now()
      const p = driver.doSend({ to: c.recipient, message: { text: 'hi' }, idempotencyKey: 'k', signal: ac.signal })
      setTimeout(() => ac.abort(new DOMException('stop', 'AbortError')), 20)
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeDefined()
      expect((err as Error).name).toBe('AbortError')
      expect(Date.now() - started).toBeLessThan(2_000)
    })

    it('an exhausted client send carries every attempt and no secret', async () => {
      mode = { kind: 'fault', fault: 'unauthorized' }
      const client = createClient({ channels: { [driver.channel]: driver }, retry: { limit: 0 }, rateLimit: { [driver.channel]: false } })
      const err = await client.send({ to: c.recipient, message: { text: 'hi' } }).catch((e: unknown) => e)
      thrown.push(err)
      expect(SendError.isInstance(err)).toBe(true)
      expect((err as SendError).attempts).toHaveLength(1)
    })

    it('never puts a secret in an error', () => {
      expect(thrown.length).toBeGreaterThan(0)
      for (const err of thrown) {
        const text = allText(err)
        for (const secret of c.secrets) expect(text.includes(secret), `secret leaked in: ${text.slice(0, 300)}`).toBe(false)
      }
    })
  })
}
