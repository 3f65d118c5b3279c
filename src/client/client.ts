import { EventEmitter } from 'eventemitter3'
import type { DriverV1 } from '../drivers/contract.js'
import {
  AnychannelError,
  ConsentError,
  DegradationError,
  DeliveryUnknownError,
  RecipientError,
  type SendAttempt,
  SendError,
  ValidationError,
  type ValidationIssue,
  WebhookVerificationError,
  abortError,
} from '../errors.js'
import { parseMessage } from '../message/builders.js'
import type { Message } from '../message/types.js'
import { render } from '../render/render.js'
import { normalizeReplyText } from '../render/text.js'
import type { RenderOptions, RenderResult } from '../render/types.js'
import { type ChannelEvent, type DeliveryStatus, STATUS_RANK, type StatusEvent } from '../webhooks/events.js'
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
import {
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  DEFAULT_REPLY_TTL_MS,
  advanceStatus,
  consentKeyword,
  alreadySeen,
  markSeen,
  isOptedOut,
  matchReply,
  rememberReplies,
  setOptOut,
  storeKeys,
} from './two-way.js'
import type { ClientOptions, FailoverStep, SendRequest, SendResult } from './types.js'

/** The anychannel client: one `send()` over every configured channel. Create it with {@link createClient}. */
export interface Client {
  /** The configured drivers by channel name (a copy of `ClientOptions.channels`). */
  readonly channels: Readonly<Record<string, DriverV1>>
  /** The store holding reply mappings, dedupe keys, opt-outs and delivery statuses (`ClientOptions.store`). */
  readonly store: Store
  /**
   * Sends a message: renders it for the first channel in order, calls its driver (retrying what is
   * safe to retry), and fails over to the next channel when one cannot deliver.
   *
   * @throws {ValidationError} before any attempt, for an invalid message or recipient, or a `via`
   * naming an unknown channel.
   * @throws {SendError} when every channel failed, or a failure ended the send (an auth error, a
   * part failing after earlier parts were accepted, `totalTimeout`); `attempts` lists each try.
   * @throws {DeliveryUnknownError} when the provider may have accepted it (not retried, by default no failover).
   * @throws {ConsentError} when no channel could be tried and the recipient opted out of at least one (see `ignoreOptOut`).
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
   * Previews what `channel` would receive, using its driver's capabilities and the client's
   * `render` options (overridden by `options`). Sends nothing.
   * @throws {ValidationError} for an unknown channel name or an invalid message.
   * @throws {DegradationError} with `strict: true`, when the channel would lose content.
   * @example
   * ```ts
   * const { messages, report } = client.render(message({ text: 'Pick one', quickReplies }), 'sms')
   * ```
   */
  render(message: Message, channel: string, options?: RenderOptions): RenderResult
  /**
   * Handles a provider's webhook for `channel`: answers subscription handshakes, verifies the
   * signature (401 and a `webhook-error` event when it fails), parses, drops provider retries of
   * an event already seen, maps text replies to the numbered options sent to that person, records
   * STOP/START, emits `inbound` and `status` (a status never moves a message backwards), drives
   * delivery-status failover, and answers what the provider expects. It never throws for a bad
   * request: an unknown channel or a driver without webhook support is answered 404, a failed
   * verification 401, an unreadable body 400, each with a `webhook-error` event.
   *
   * @throws whatever one of your event listeners or the store throws; no response is produced then.
   * @example
   * ```ts
   * // any framework that speaks the Fetch API (Hono, Next.js, Bun, Deno, workers):
   * app.post('/webhooks/:channel', (c) => client.handleWebhook(c.req.param('channel'), c.req.raw))
   * ```
   */
  handleWebhook(channel: string, request: Request): Promise<Response>
  /**
   * Whether `to` opted out of `channel` (replied STOP). Sends to them on that channel are refused
   * with `ConsentError` (or fail over) unless `ignoreOptOut: true`. `channel` is the name on the
   * client; phone numbers match in any common spelling (`+1 415…`, `1415…`, `whatsapp:+1415…`).
   * @example
   * ```ts
   * if (await client.isOptedOut('sms', '+14155550100')) showResubscribeHint()
   * ```
   */
  isOptedOut(channel: string, to: string): Promise<boolean>
  /**
   * Records an opt-out (or, with `false`, an opt-in) yourself, e.g. from your own preference page.
   * It is kept in the store with no expiry.
   * @example
   * ```ts
   * await client.setOptOut('whatsapp', '+14155550100', true)
   * ```
   */
  setOptOut(channel: string, to: string, optedOut: boolean): Promise<void>
  /**
   * Adds a listener for `event` (see {@link ClientEvents} for every payload). Listeners run
   * synchronously when the event is emitted; an exception thrown by one propagates to the code that
   * emitted it (`send()`, `handleWebhook()`).
   * @example
   * ```ts
   * client.on('failover', ({ from, to, reason }) => log.warn(`${from} → ${to}: ${reason}`))
   * ```
   */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  /**
   * Adds a listener called for the next `event` only.
   * @example
   * ```ts
   * client.once('sent', (result) => console.log('first message out:', result.providerMessageIds))
   * ```
   */
  once<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  /**
   * Removes a listener added with `on` or `once` (the same function).
   * @example
   * ```ts
   * const onStatus = (e: StatusEvent) => console.log(e.status)
   * client.on('status', onStatus)
   * client.off('status', onStatus)
   * ```
   */
  off<E extends ClientEventName>(event: E, listener: ClientListener<E>): this
  /**
   * Stops delivery-status timers (pending `until`/`within` failovers are dropped), removes every
   * listener and calls each driver's `dispose()`.
   * @example
   * ```ts
   * process.on('SIGTERM', () => void client.close())
   * ```
   */
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
 * @throws {ValidationError} when no channel is configured, `failover` names an unknown channel or
 * has a step whose `within` is not a positive number, or a credentialed driver is used in a
 * browser without `dangerouslyAllowBrowser`.
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
  const unknownChannel = (name: string, path: string): ValidationIssue => ({ path: [path], code: 'invalid_value', message: `unknown channel "${name}"; configured: ${names.join(', ')}` })
  const issues: ValidationIssue[] = []
  if (names.length === 0) issues.push({ path: ['channels'], code: 'required', message: 'configure at least one channel driver' })
  for (const step of options.failover ?? []) {
    const name = typeof step === 'string' ? step : step.channel
    if (!channels[name]) issues.push(unknownChannel(name, 'failover'))
    if (typeof step !== 'string' && !(step.within > 0))
      issues.push({ path: ['failover'], code: 'invalid_value', message: `${name}: within must be a positive number of milliseconds` })
  }
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
  const verdictOptions = { retry, noFailover, failoverOnUnknown: options.failoverOnUnknown ?? false, ...(options.random ? { random: options.random } : {}) }
  const defaultOrder: FailoverStep[] = options.failover ?? names
  const consent = options.consent === false ? undefined : { optOut: new Set((options.consent?.optOut ?? DEFAULT_OPT_OUT_KEYWORDS).map(normalizeReplyText)), optIn: new Set((options.consent?.optIn ?? DEFAULT_OPT_IN_KEYWORDS).map(normalizeReplyText)) }
  const reserved: ReadonlySet<string> = new Set([...(consent?.optOut ?? []), ...(consent?.optIn ?? [])])
  const replyTtl = options.replies === false ? 0 : (options.replies?.ttlMs ?? DEFAULT_REPLY_TTL_MS)
  const dedupeTtl = options.dedupeTtlMs ?? DEFAULT_DEDUPE_TTL_MS
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

  interface Step {
    name: string
    until?: DeliveryStatus
    within?: number
  }
  const toStep = (x: FailoverStep): Step => (typeof x === 'string' ? { name: x } : { name: x.channel, until: x.until, within: x.within })

  /** The channels of one send, in order: `via`, else the contact's `prefers` then the client's `failover`. */
  function steps(req: SendRequest): Step[] {
    const base = (req.via ?? defaultOrder).map(toStep)
    const prefers = !req.via && typeof req.to === 'object' && req.to.prefers ? req.to.prefers.filter((p) => channels[p]).map((name) => ({ name })) : []
    const seen = new Set<string>()
    // A preferred channel keeps the delivery condition the client's order gives it.
    return [...prefers.map((p) => base.find((b) => b.name === p.name) ?? p), ...base].filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true)))
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
    const limiter = limiterFor(name, driver)
    const parts = rendered.messages.length
    for (let part = 0; part < parts; part++) {
      const message = rendered.messages[part] as Message
      // Each part is its own provider message, so it gets its own key (a provider that
      // de-duplicates would otherwise drop part 2 as a repeat of part 1).
      const partKey = part === 0 ? key : `${key}:${part}`
      for (let retries = 0; ; retries++) {
        // Pace requests to the provider's documented rate (waiting counts against totalTimeout).
        await limiter?.take(to, req.signal)
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
          const v = verdict(error, { ...verdictOptions, retries, idempotency: driver.capabilities.idempotency })
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

  /** The steps of a plan with their drivers and the recipient's address on each. */
  interface ResolvedStep {
    step: Step
    driver: DriverV1
    at: ReturnType<typeof resolveAddress>
  }
  const resolveSteps = (to: SendRequest['to'], plan: Step[]): ResolvedStep[] =>
    plan.map((step) => {
      const driver = channels[step.name] as DriverV1
      return { step, driver, at: resolveAddress(to, driver.channel) }
    })

  /** Tries `plan` in order; resolves with the first success or throws the typed error. */
  async function run(req: SendRequest, message: Message, resolved: ResolvedStep[], key: string, attempts: SendAttempt[]): Promise<{ result: SendResult; step: Step; index: number }> {
    const deadline = options.totalTimeout !== undefined ? now() + options.totalTimeout : Infinity
    const renderOptions: RenderOptions = { ...options.render, ...req.render, ...(req.strict !== undefined ? { strict: req.strict } : {}) }
    const refused: ConsentError[] = []

    for (let i = 0; i < resolved.length; i++) {
      const { step, driver, at } = resolved[i] as ResolvedStep
      const name = step.name
      const next = resolved.slice(i + 1).find((r) => 'address' in r.at)?.step.name
      const skipped = (error: AnychannelError) => attempts.push({ channel: name, driver: driver.id, attempt: 0, startedAt: now(), durationMs: 0, outcome: 'skipped', error })
      const skip = (error: AnychannelError, reason = error.message) => {
        skipped(error)
        if (next) emit('failover', { idempotencyKey: key, from: name, to: next, reason })
      }
      if (!('address' in at)) {
        skipped('issue' in at ? new ValidationError([at.issue]) : new RecipientError(`recipient has no ${driver.channel} address`, { driver: driver.id }))
        continue
      }
      // Consent is checked before any provider call: an opted-out person is never messaged.
      if (consent && !req.ignoreOptOut && (await isOptedOut(store, name, at.address))) {
        const error = new ConsentError({ channel: name, recipient: at.address })
        refused.push(error)
        skip(error)
        continue
      }
      let rendered: RenderResult
      try {
        rendered = render(message, driver.capabilities, renderOptions)
      } catch (err) {
        if (!DegradationError.isInstance(err)) throw err
        skip(err)
        continue
      }
      if (rendered.messages.length === 0) {
        skip(new ValidationError([{ path: ['message'], code: 'empty', message: rendered.report.at(-1)?.detail ?? `nothing to send on ${name}` }]), `nothing to send on ${name}`)
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
        if (replyTtl > 0) await rememberReplies(store, name, at.address, rendered.replies, replyTtl, reserved, now())
        emit('sent', result)
        return { result, step, index: i }
      }
      if (outcome.kind === 'unknown') {
        const error = new DeliveryUnknownError({ idempotencyKey: key, channel: name, driver: driver.id, reason: outcome.error, attempts })
        emit('unknown', { idempotencyKey: key, error })
        throw error
      }
      // Part of a multi-message render was accepted: another channel would repeat it.
      if (outcome.partial || outcome.kind === 'stop') break
      if (next) emit('failover', { idempotencyKey: key, from: name, to: next, reason: outcome.error.message })
    }

    // Nobody could be messaged because they all opted out: say so plainly.
    if (refused.length && attempts.every((a) => a.outcome === 'skipped')) {
      const error = refused[0] as ConsentError
      emit('failed', { idempotencyKey: key, error: new SendError({ idempotencyKey: key, attempts, message: error.message }), attempts })
      throw error
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

  // Delivery-status failover: after a send on a step with `until`, wait up to `within` ms for that
  // status; a failure status or the timer moves on to the next step. Timers live in this process.
  interface Watch {
    key: string
    req: SendRequest
    message: Message
    rest: Step[]
    attempts: SendAttempt[]
    until: DeliveryStatus
    channel: string
    provider: string
    ids: string[]
    timer: ReturnType<typeof setTimeout>
  }
  const watches = new Map<string, Watch>()

  function watch(w: Omit<Watch, 'timer'>, within: number): void {
    const full: Watch = { ...w, timer: setTimeout(() => void escalate(full, `no ${w.until} status within ${within} ms`), within) }
    for (const id of w.ids) watches.set(id, full)
    void store.set(storeKeys.pending(w.key), { channel: w.channel, ids: w.ids, until: w.until, deadline: now() + within, rest: w.rest.map((s) => s.name) }, within + 60_000)
  }

  function settle(w: Watch): void {
    clearTimeout(w.timer)
    for (const id of w.ids) watches.delete(id)
    void store.delete(storeKeys.pending(w.key))
  }

  async function escalate(w: Watch, reason: string): Promise<void> {
    settle(w)
    // A success that arrives later is reported as late, never re-sent.
    for (const id of w.ids) await store.set(storeKeys.late(w.provider, id), { key: w.key, until: w.until }, dedupeTtl)
    // Every step was checked against `channels` when the send began.
    const next = w.rest[0]
    if (!next) {
      const error = new SendError({ idempotencyKey: w.key, attempts: w.attempts, message: `${w.channel} did not report ${w.until} and no channel is left: ${reason}` })
      emit('failed', { idempotencyKey: w.key, error, attempts: w.attempts })
      return
    }
    emit('failover', { idempotencyKey: w.key, from: w.channel, to: next.name, reason })
    try {
      await runAndWatch(w.req, w.message, resolveSteps(w.req.to, w.rest), w.key, w.attempts)
    } catch {
      // run() has emitted `failed` or `unknown` with the error: nobody awaits this send any more.
    }
  }

  /** {@link run}, then, when the step that succeeded waits for a status, {@link watch} it. */
  async function runAndWatch(req: SendRequest, message: Message, resolved: ResolvedStep[], key: string, attempts: SendAttempt[]): Promise<SendResult> {
    const { result, step, index } = await run(req, message, resolved, key, attempts)
    if (step.until && step.within) {
      const rest = resolved.slice(index + 1).map((r) => r.step)
      watch({ key, req, message, rest, attempts, until: step.until, channel: result.channel, provider: result.provider, ids: result.providerMessageIds }, step.within)
    }
    return result
  }

  async function send(req: SendRequest): Promise<SendResult> {
    const key = req.idempotencyKey ?? crypto.randomUUID()
    if (req.signal?.aborted) throw abortError(req.signal.reason)
    const message = parseMessage(req.message)
    const recipientIssues = contactIssues(req.to)
    if (recipientIssues.length) throw new ValidationError(recipientIssues, { context: 'invalid recipient' })

    const plan = steps(req)
    const unknown = plan.filter((s) => !channels[s.name])
    if (unknown.length)
      throw new ValidationError(unknown.map((s) => unknownChannel(s.name, 'via')))
    const resolved = resolveSteps(req.to, plan)
    if (!resolved.some((r) => 'address' in r.at)) {
      const found = resolved.flatMap((r) => ('issue' in r.at ? [r.at.issue] : []))
      throw new ValidationError(
        found.length ? found : [{ path: ['to'], code: 'required', message: `no address for any of ${plan.map((s) => s.name).join(', ')}` }],
        { context: 'invalid recipient' },
      )
    }
    return runAndWatch(req, message, resolved, key, [])
  }

  function eventId(e: ChannelEvent): string {
    return e.eventId ?? (e.type === 'inbound' ? `in:${e.providerMessageId}` : `st:${e.providerMessageId}:${e.status}`)
  }

  async function onStatus(e: StatusEvent): Promise<boolean> {
    if (!(await advanceStatus(store, e.provider, e.providerMessageId, e.status, dedupeTtl))) return false
    const failed = e.status === 'failed' || e.status === 'undelivered'
    const w = watches.get(e.providerMessageId)
    if (w) {
      if (failed) void escalate(w, `${w.channel} reported ${e.status}${e.error?.code ? ` (${e.error.code})` : ''}`)
      else if (STATUS_RANK[e.status] >= STATUS_RANK[w.until]) settle(w)
    } else if (!failed) {
      const late = (await store.get(storeKeys.late(e.provider, e.providerMessageId))) as { key: string; until: DeliveryStatus } | undefined
      // Only the success that was awaited (or better) is news: a late "queued" is not a delivery.
      if (late && STATUS_RANK[e.status] >= STATUS_RANK[late.until])
        emit('late-delivery', { idempotencyKey: late.key, channel: e.channel, provider: e.provider, providerMessageId: e.providerMessageId, status: e.status })
    }
    return true
  }

  async function handleWebhook(channel: string, request: Request): Promise<Response> {
    const driver = channels[channel]
    const fail = (status: number, error: AnychannelError) => {
      emit('webhook-error', { channel, error })
      return new Response(null, { status })
    }
    if (!driver) return fail(404, new ValidationError([unknownChannel(channel, 'channel')]))
    if (!driver.webhook) return fail(404, new ValidationError([{ path: ['channel'], code: 'invalid_value', message: `the ${driver.id} driver of "${channel}" has no webhook (give it its webhook secret)` }]))
    const handshake = await driver.webhook.handshake?.(request)
    if (handshake) return handshake
    if (!(await driver.webhook.verify(request))) return fail(401, new WebhookVerificationError({ provider: driver.id, reason: 'signature or token missing or wrong' }))
    let events: ChannelEvent[]
    try {
      events = await driver.webhook.parse(request)
    } catch (err) {
      return fail(400, new WebhookVerificationError({ provider: driver.id, reason: `unreadable body: ${err instanceof Error ? err.message : String(err)}` }))
    }
    for (const e of events) {
      const id = eventId(e)
      if (await alreadySeen(store, channel, id)) continue
      if (e.type === 'status') {
        if (await onStatus(e)) emit('status', e)
      } else {
        const keyword = consent ? consentKeyword(e.text, consent.optOut, consent.optIn) : undefined
        if (keyword && !e.reply) {
          await setOptOut(store, channel, e.from, keyword.kind === 'opt-out', now())
          emit(keyword.kind, { channel, recipient: e.from, keyword: keyword.keyword })
        } else if (!e.reply && e.text !== undefined && replyTtl > 0) {
          const picked = await matchReply(store, channel, e.from, e.text)
          if (picked) e.reply = { payload: picked.payload, title: picked.title, source: 'mapped' }
        }
        emit('inbound', e)
      }
      await markSeen(store, channel, id, dedupeTtl, now())
    }
    return driver.webhook.acknowledge?.(events) ?? new Response(null, { status: 200 })
  }

  const client: Client = {
    channels,
    store,
    send,
    sendMany: (requests, batchOptions) => runBatch(send, requests, batchOptions),
    handleWebhook,
    isOptedOut: (channel, to) => isOptedOut(store, channel, to),
    setOptOut: (channel, to, optedOut) => setOptOut(store, channel, to, optedOut, now()),
    render(message, channel, renderOptions) {
      const driver = channels[channel]
      if (!driver) throw new ValidationError([unknownChannel(channel, 'channel')])
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
      for (const w of new Set(watches.values())) settle(w)
      emitter.removeAllListeners()
      await Promise.all(Object.values(channels).map((d) => d.dispose?.()))
    },
  }
  return client
}
