import { EventEmitter } from 'eventemitter3'
import type { DriverV1 } from '../drivers/contract.js'
import {
  AnychannelError,
  DegradationError,
  DeliveryUnknownError,
  RecipientError,
  type SendAttempt,
  SendError,
  ValidationError,
  type ValidationIssue,
  abortError,
} from '../errors.js'
import { parseMessage } from '../message/builders.js'
import type { Message } from '../message/types.js'
import { render } from '../render/render.js'
import type { RenderOptions, RenderResult } from '../render/types.js'
import type { ClientEventName, ClientEvents, ClientListener } from './events.js'
import { contactIssues, resolveAddress } from './recipient.js'
import {
  DEFAULT_NO_FAILOVER,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type RetryOptions,
  attemptTimeout,
  sleep,
  toAnychannelError,
  verdict,
} from './retry.js'
import { type Batch, type BatchOptions, runBatch } from './batch.js'
import { Limiter } from './rate-limit.js'
import { type Store, createMemoryStore } from './store.js'
import type { ClientOptions, SendRequest, SendResult } from './types.js'

/** The anychannel client: one `send()` over every configured channel. */
export interface Client {
  /** The configured drivers by channel name. */
  readonly channels: Readonly<Record<string, DriverV1>>
  /** The store holding reply mappings, dedupe keys and opt-outs. */
  readonly store: Store
  /**
   * Sends a message: renders it for the first channel in order, calls its driver (retrying what is
   * safe to retry), and fails over to the next channel when one cannot deliver.
   *
   * @throws {ValidationError} before any attempt, for an invalid message or recipient.
   * @throws {SendError} when every channel failed; `attempts` lists each try.
   * @throws {DeliveryUnknownError} when the provider may have accepted it (not retried, by default no failover).
   * @throws {AbortError} (a `DOMException`) when `signal` aborts.
   * @example
   * ```ts
   * const result = await client.send({ to: '+14155550100', message: message({ text: 'Hi' }) })
   * ```
   */
  send(request: SendRequest): Promise<SendResult>
  /**
   * Sends many messages with bounded concurrency, pacing each channel to its rate limit. Results
   * come back as an async iterable in completion order; requests are pulled from `requests` (an
   * array, a generator, an async generator) only when a slot is free, so memory stays flat.
   * Every request ends up counted in `summary` as sent, failed or unknown.
   *
   * @example
   * ```ts
   * const batch = client.sendMany(rows.map((r) => ({ to: r.phone, message: reminder(r) })), { concurrency: 50 })
   * for await (const item of batch) if (!item.ok) log(item.index, item.error)
   * console.log(batch.summary) // { total, sent, failed, unknown, running: 0 }
   * ```
   */
  sendMany(requests: Iterable<SendRequest> | AsyncIterable<SendRequest>, options?: BatchOptions): Batch
  /**
   * Previews what `channel` would receive, using its driver's capabilities.
   * @throws {ValidationError} for an unknown channel name or an invalid message.
   */
  render(message: Message, channel: string, options?: RenderOptions): RenderResult
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  once<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  off<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  /** Disposes drivers and stops pending timers. */
  close(): Promise<void>
}

type Outcome =
  | { kind: 'sent'; ids: string[]; status: SendResult['status'] }
  | { kind: 'failover' | 'stop' | 'unknown'; error: AnychannelError; partial: boolean }
  | { kind: 'deadline' }

function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined'
}

/**
 * Creates a client over a set of channel drivers.
 *
 * @throws {ValidationError} when no channel is configured, `failover` names an unknown channel, or a
 * credentialed driver is created in a browser without `dangerouslyAllowBrowser`.
 * @example
 * ```ts
 * const client = createClient({
 *   channels: { whatsapp: createWhatsAppDriver({ … }), sms: createTwilioDriver({ … }) },
 *   failover: ['whatsapp', 'sms'],
 * })
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const channels = { ...options.channels }
  const names = Object.keys(channels)
  const issues: ValidationIssue[] = []
  if (names.length === 0) issues.push({ path: ['channels'], code: 'required', message: 'configure at least one channel driver' })
  for (const name of options.failover ?? [])
    if (!channels[name]) issues.push({ path: ['failover'], code: 'invalid_value', message: `unknown channel "${name}"; configured: ${names.join(', ')}` })
  if (inBrowser() && !options.dangerouslyAllowBrowser) {
    for (const [name, d] of Object.entries(channels))
      if (d.usesCredentials)
        issues.push({
          path: ['channels', name],
          code: 'browser',
          message: `the ${d.id} driver holds credentials that anyone opening this page could read; send from a server, or set dangerouslyAllowBrowser: true for a local tool`,
        })
  }
  if (issues.length) throw new ValidationError(issues, { context: 'createClient()' })

  const emitter = new EventEmitter()
  const store = options.store ?? createMemoryStore()
  const now = options.now ?? Date.now
  const retry: Required<RetryOptions> = { ...DEFAULT_RETRY, ...options.retry }
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS
  const noFailover = new Set(options.noFailoverOn ?? DEFAULT_NO_FAILOVER)
  const defaultOrder = options.failover ?? names
  const limiters = new Map<string, Limiter | null>()
  const limiterFor = (name: string, driver: DriverV1): Limiter | null => {
    let l = limiters.get(name)
    if (l === undefined) {
      const limit = options.rateLimit?.[name] ?? driver.capabilities.rateLimit
      l = limit ? new Limiter(limit, now) : null
      limiters.set(name, l)
    }
    return l
  }

  const emit = <E extends ClientEventName>(event: E, payload: ClientEvents[E]) => {
    emitter.emit(event, payload)
  }

  function order(req: SendRequest): string[] {
    const base = req.via ?? defaultOrder
    const prefers = typeof req.to === 'object' && req.to.prefers ? req.to.prefers.filter((p) => channels[p]) : []
    const list = req.via ? base : [...prefers, ...base]
    return [...new Set(list)]
  }

  /** One driver call, bounded by the attempt timeout and the caller's signal; never left pending. */
  function callDriver(
    driver: DriverV1,
    request: Omit<Parameters<DriverV1['doSend']>[0], 'signal'>,
    ms: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<Awaited<ReturnType<DriverV1['doSend']>>> {
    const controller = new AbortController()
    return new Promise((resolve, reject) => {
      let settled = false
      const done = (fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        callerSignal?.removeEventListener('abort', onAbort)
        fn()
      }
      const onAbort = () => {
        controller.abort(callerSignal?.reason)
        done(() => reject(abortError(callerSignal?.reason)))
      }
      const timer = setTimeout(() => {
        const error = attemptTimeout(driver.id, ms)
        controller.abort(error)
        done(() => reject(error))
      }, ms)
      if (callerSignal?.aborted) return onAbort()
      callerSignal?.addEventListener('abort', onAbort, { once: true })
      let pending: Promise<Awaited<ReturnType<DriverV1['doSend']>>>
      try {
        pending = driver.doSend({ ...request, signal: controller.signal })
      } catch (err) {
        pending = Promise.reject(err)
      }
      pending.then(
        (receipt) => done(() => resolve(receipt)),
        (err: unknown) => done(() => reject(err)),
      )
    })
  }

  async function sendOnChannel(
    name: string,
    driver: DriverV1,
    to: string,
    rendered: RenderResult,
    req: SendRequest,
    key: string,
    deadline: number,
    attempts: SendAttempt[],
  ): Promise<Outcome> {
    const ids: string[] = []
    let status: SendResult['status'] = 'queued'
    let attemptNo = 0
    const parts = rendered.messages.length
    for (let part = 0; part < parts; part++) {
      const message = rendered.messages[part] as Message
      // Each part is its own provider message, so it gets its own key (a provider that
      // de-duplicates would otherwise drop part 2 as a repeat of part 1).
      const partKey = part === 0 ? key : `${key}:${part}`
      for (let retries = 0; ; retries++) {
        // Pace requests to the provider's documented rate (waiting counts against totalTimeout).
        await limiterFor(name, driver)?.take(to, req.signal)
        const remaining = deadline - now()
        if (remaining <= 0) return { kind: 'deadline' }
        attemptNo++
        const startedAt = now()
        emit('attempt', { idempotencyKey: key, channel: name, driver: driver.id, attempt: attemptNo, part, parts })
        try {
          const receipt = await callDriver(
            driver,
            {
              to,
              message,
              idempotencyKey: partKey,
              part: { index: part, count: parts },
              ...(req.providerOptions ? { providerOptions: req.providerOptions } : {}),
            },
            Math.min(timeoutMs, remaining),
            req.signal,
          )
          attempts.push({ channel: name, driver: driver.id, attempt: attemptNo, startedAt, durationMs: now() - startedAt, outcome: 'sent', providerMessageIds: receipt.providerMessageIds })
          ids.push(...receipt.providerMessageIds)
          status = receipt.status
          break
        } catch (thrown) {
          if (req.signal?.aborted) {
            attempts.push({ channel: name, driver: driver.id, attempt: attemptNo, startedAt, durationMs: now() - startedAt, outcome: 'failed' })
            throw abortError(req.signal.reason)
          }
          const error = toAnychannelError(thrown, driver.id)
          const v = verdict(error, {
            retry,
            retries,
            idempotency: driver.capabilities.idempotency,
            failoverOnUnknown: options.failoverOnUnknown ?? false,
            noFailover,
            ...(options.random ? { random: options.random } : {}),
          })
          const outcome = v.action === 'unknown' ? 'unknown' : 'failed'
          attempts.push({ channel: name, driver: driver.id, attempt: attemptNo, startedAt, durationMs: now() - startedAt, outcome, error })
          if (v.action === 'retry' && now() + v.delayMs < deadline) {
            emit('retry', { idempotencyKey: key, channel: name, driver: driver.id, attempt: attemptNo, delayMs: v.delayMs, reason: v.reason, serverDelay: v.serverDelay, error })
            await sleep(v.delayMs, req.signal)
            continue
          }
          const kind = v.action === 'retry' ? 'failover' : v.action
          return { kind, error, partial: part > 0 }
        }
      }
    }
    return { kind: 'sent', ids, status }
  }

  async function send(req: SendRequest): Promise<SendResult> {
    const key = req.idempotencyKey ?? crypto.randomUUID()
    if (req.signal?.aborted) throw abortError(req.signal.reason)
    const message = parseMessage(req.message)
    const recipientIssues = contactIssues(req.to)
    if (recipientIssues.length) throw new ValidationError(recipientIssues, { context: 'invalid recipient' })

    const plan = order(req)
    const unknown = plan.filter((n) => !channels[n])
    if (unknown.length)
      throw new ValidationError(
        unknown.map((n) => ({ path: ['via'], code: 'invalid_value', message: `unknown channel "${n}"; configured: ${names.join(', ')}` })),
      )
    const resolved = plan.map((name) => ({ name, driver: channels[name] as DriverV1, at: resolveAddress(req.to, (channels[name] as DriverV1).channel) }))
    if (!resolved.some((r) => 'address' in r.at)) {
      const found = resolved.flatMap((r) => ('issue' in r.at ? [r.at.issue] : []))
      throw new ValidationError(
        found.length ? found : [{ path: ['to'], code: 'required', message: `no address for any of ${plan.join(', ')}` }],
        { context: 'invalid recipient' },
      )
    }

    const deadline = options.totalTimeout !== undefined ? now() + options.totalTimeout : Infinity
    const attempts: SendAttempt[] = []
    const renderOptions: RenderOptions = { ...options.render, ...req.render, ...(req.strict !== undefined ? { strict: req.strict } : {}) }
    let stopped = false

    for (let i = 0; i < resolved.length && !stopped; i++) {
      const { name, driver, at } = resolved[i] as (typeof resolved)[number]
      const next = resolved.slice(i + 1).find((r) => 'address' in r.at)?.name
      const skip = (error: AnychannelError) => {
        attempts.push({ channel: name, driver: driver.id, attempt: 0, startedAt: now(), durationMs: 0, outcome: 'skipped', error })
      }
      if (!('address' in at)) {
        skip('issue' in at ? new ValidationError([at.issue]) : new RecipientError(`recipient has no ${driver.channel} address`, { driver: driver.id }))
        continue
      }
      let rendered: RenderResult
      try {
        rendered = render(message, driver.capabilities, renderOptions)
      } catch (err) {
        if (!DegradationError.isInstance(err)) throw err
        skip(err)
        if (next) emit('failover', { idempotencyKey: key, from: name, to: next, reason: err.message })
        continue
      }
      if (rendered.messages.length === 0) {
        skip(new ValidationError([{ path: ['message'], code: 'empty', message: rendered.report.at(-1)?.detail ?? `nothing to send on ${name}` }]))
        if (next) emit('failover', { idempotencyKey: key, from: name, to: next, reason: `nothing to send on ${name}` })
        continue
      }
      if (rendered.report.length) emit('degraded', { idempotencyKey: key, channel: name, driver: driver.id, report: rendered.report })

      const outcome = await sendOnChannel(name, driver, at.address, rendered, req, key, deadline, attempts)
      if (outcome.kind === 'deadline') {
        const error = new SendError({ idempotencyKey: key, attempts, message: `totalTimeout of ${options.totalTimeout} ms exceeded before ${name} could be tried again (${attempts.length} attempts)` })
        emit('failed', { idempotencyKey: key, error, attempts })
        throw error
      }
      if (outcome.kind === 'sent') {
        const result: SendResult = {
          id: key,
          idempotencyKey: key,
          channel: name,
          provider: driver.id,
          to: at.address,
          providerMessageIds: outcome.ids,
          status: outcome.status,
          rendered,
          attempts,
        }
        emit('sent', result)
        return result
      }
      if (outcome.kind === 'unknown') {
        const error = new DeliveryUnknownError({ idempotencyKey: key, channel: name, driver: driver.id, reason: outcome.error, attempts })
        emit('unknown', { idempotencyKey: key, error })
        throw error
      }
      // Part of a multi-message render was accepted: another channel would repeat it.
      if (outcome.partial || outcome.kind === 'stop') {
        stopped = true
        break
      }
      if (next) emit('failover', { idempotencyKey: key, from: name, to: next, reason: outcome.error.message })
    }

    const partial = attempts.some((a) => a.outcome === 'sent')
    const error = new SendError({
      idempotencyKey: key,
      attempts,
      ...(partial ? { message: `send partly delivered: some messages were accepted before a failure; not failed over to avoid repeating them (${attempts.map((a) => `${a.channel}#${a.attempt}: ${a.error?.code ?? a.outcome}`).join('; ')})` } : {}),
    })
    emit('failed', { idempotencyKey: key, error, attempts })
    throw error
  }

  const client: Client = {
    channels,
    store,
    send,
    sendMany: (requests, batchOptions) => runBatch(send, requests, batchOptions),
    render(message, channel, renderOptions) {
      const driver = channels[channel]
      if (!driver) throw new ValidationError([{ path: ['channel'], code: 'invalid_value', message: `unknown channel "${channel}"; configured: ${names.join(', ')}` }])
      return render(parseMessage(message), driver.capabilities, { ...options.render, ...renderOptions })
    },
    on(event, listener) {
      emitter.on(event, listener as (...args: unknown[]) => void)
      return client
    },
    once(event, listener) {
      emitter.once(event, listener as (...args: unknown[]) => void)
      return client
    },
    off(event, listener) {
      emitter.off(event, listener as (...args: unknown[]) => void)
      return client
    },
    async close() {
      emitter.removeAllListeners()
      await Promise.all(Object.values(channels).map((d) => d.dispose?.()))
    },
  }
  return client
}
