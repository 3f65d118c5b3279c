/**
 * The anychannel error hierarchy.
 *
 * Every error carries a stable string `code` and a `Symbol.for` brand, so `XxxError.isInstance(e)`
 * works even when two copies of anychannel are installed (where `instanceof` would not).
 * No error message, `cause` or `toJSON()` ever carries a token, auth header or credential.
 *
 * @module
 */

const BRAND = Symbol.for('anychannel.error')

/** The stable codes of every anychannel error, for `switch` statements and logs. */
export type ErrorCode =
  | 'ANYCHANNEL_ERROR'
  | 'VALIDATION_ERROR'
  | 'DEGRADATION_ERROR'
  | 'PROVIDER_ERROR'
  | 'RATE_LIMIT_ERROR'
  | 'AUTH_ERROR'
  | 'RECIPIENT_ERROR'
  | 'CONNECTION_ERROR'
  | 'TIMEOUT_ERROR'
  | 'DELIVERY_UNKNOWN_ERROR'
  | 'SEND_ERROR'
  | 'CONSENT_ERROR'
  | 'WEBHOOK_VERIFICATION_ERROR'

function hasBrand(value: unknown, code?: ErrorCode): value is AnychannelError {
  if (typeof value !== 'object' || value === null) return false
  const brand = (value as Record<symbol, unknown>)[BRAND]
  if (typeof brand !== 'object' || brand === null) return false
  return code === undefined || (brand as ReadonlySet<string>).has(code)
}

/**
 * Base class of every error anychannel throws.
 *
 * @example
 * ```ts
 * try { await client.send(req) } catch (e) {
 *   if (AnychannelError.isInstance(e)) console.error(e.code, e.message)
 * }
 * ```
 */
export class AnychannelError extends Error {
  /** Stable machine-readable code, e.g. `'VALIDATION_ERROR'`. */
  readonly code: ErrorCode

  /**
   * @param message - A secret-free sentence; it becomes `message`.
   * @param options - `code` (default `'ANYCHANNEL_ERROR'`) and the underlying `cause`, if any.
   */
  constructor(message: string, options: { code?: ErrorCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code ?? 'ANYCHANNEL_ERROR'
    this.name = new.target.name
    // The brand lists every code in the chain, so `ProviderError.isInstance(rateLimitError)` holds.
    const codes = new Set<string>(['ANYCHANNEL_ERROR'])
    for (let proto = Object.getPrototypeOf(this); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      const own = (proto.constructor as { errorCode?: ErrorCode }).errorCode
      if (own) codes.add(own)
    }
    codes.add(this.code)
    Object.defineProperty(this, BRAND, { value: codes, enumerable: false })
  }

  /** The code this class stamps on its instances; used by `isInstance()`. */
  static readonly errorCode: ErrorCode = 'ANYCHANNEL_ERROR'

  /**
   * True when `value` is an anychannel error of this class (or a subclass), across package copies:
   * it checks the `Symbol.for('anychannel.error')` brand, not the prototype chain.
   *
   * @example
   * ```ts
   * if (ProviderError.isInstance(e)) console.log(e.driver, e.status) // also true for RateLimitError, AuthError …
   * ```
   */
  static isInstance<T>(this: { readonly errorCode: ErrorCode; readonly prototype: T }, value: unknown): value is T {
    return hasBrand(value, this.errorCode)
  }

  /**
   * A plain, secret-free representation for logs: `name`, `code`, `message`, plus each subclass's
   * own fields (`issues`, `status`, `attempts` …). The `cause` is left out.
   */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message }
  }
}

/** One problem found while validating a message, a recipient or options. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['cards', 3, 'title']`. */
  path: ReadonlyArray<string | number>
  /** What kind of problem: `'too_long'`, `'too_many'`, `'required'`, `'invalid_type'`, `'invalid_format'`, … */
  code: string
  /** A sentence naming the field and, where relevant, the limit. */
  message: string
  /** The limit that was broken, when one was. */
  limit?: number
  /** The actual size or count that broke the limit. */
  actual?: number
}

/**
 * Formats an issue path the way error messages show it: numbers as indexes, names joined with dots.
 * The empty path is `'(root)'`.
 *
 * @example
 * ```ts
 * formatPath(['cards', 3, 'title']) // 'cards[3].title'
 * formatPath([])                    // '(root)'
 * ```
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? part : `.${part}`
  }
  return out === '' ? '(root)' : out
}

/**
 * Input did not pass validation. `issues` lists every problem with its path and the limit broken.
 *
 * @example
 * ```ts
 * try { parseMessage(json) } catch (e) {
 *   if (ValidationError.isInstance(e)) for (const i of e.issues) console.log(i.path, i.message)
 * }
 * ```
 */
export class ValidationError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'VALIDATION_ERROR'
  /** Every problem found, each with `path`, `code`, `message` and, where relevant, `limit`. */
  readonly issues: readonly ValidationIssue[]

  /**
   * @param issues - Every problem found. The message lists the first five, then "and N more".
   * @param options - `context` prefixes the message, e.g. `'createClient()'` or `'invalid message'`.
   */
  constructor(issues: readonly ValidationIssue[], options: { context?: string } = {}) {
    const head = issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message))
      .join('; ')
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : ''
    super(`${options.context ? `${options.context}: ` : ''}${head}${more}`, { code: 'VALIDATION_ERROR' })
    this.issues = issues
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues }
  }
}

/**
 * One lossy step that `strict` rendering refused: the {@link Degradation} report entry of that
 * step, as `render()` would have reported it.
 */
export interface DegradationLoss {
  /** Where in the input message, e.g. `'cards'`, `'quickReplies[4].title'`, `'media[0]'`. */
  path: string
  /** What the element was, e.g. `'carousel'`, `'title'`, `'image'`. */
  from: string
  /** What it would have become, e.g. `'carousel'` (trimmed), `'title'` (shortened), `'dropped'`. */
  to: string
  /** Always `true` here: only lossy steps make `strict` rendering fail. */
  lossy: boolean
  /** A sentence naming the channel and the limit, e.g. `'20 cards, messenger carousels hold 10: the last 10 dropped'`. */
  detail: string
}

/**
 * `render(…, { strict: true })` (or a send with `strict: true`) met a step that would lose content;
 * `losses` lists every one. During `client.send()` it is not thrown: the channel is skipped and the
 * send fails over to the next one.
 *
 * @example
 * ```ts
 * try { render(msg, 'sms', { strict: true }) } catch (e) {
 *   if (DegradationError.isInstance(e)) for (const l of e.losses) console.log(l.path, l.detail)
 * }
 * ```
 */
export class DegradationError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'DEGRADATION_ERROR'
  /** The channel kind of the target profile (`Capabilities.channel`), e.g. `'sms'`. */
  readonly channel: string
  /** Every lossy step, in the order rendering met them. */
  readonly losses: readonly DegradationLoss[]

  /**
   * @param channel - The target's channel kind.
   * @param losses - Every lossy step; each one is named in the message.
   */
  constructor(channel: string, losses: readonly DegradationLoss[]) {
    super(
      `message cannot be shown on ${channel} without loss: ${losses.map((l) => `${l.path}: ${l.detail}`).join('; ')}`,
      { code: 'DEGRADATION_ERROR' },
    )
    this.channel = channel
    this.losses = losses
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), channel: this.channel, losses: this.losses }
  }
}

/** What a provider told us about a failure, without secrets. */
export interface ProviderErrorInit {
  /** Driver id, e.g. `'twilio'`. */
  driver: string
  /** HTTP status, when there was a response. */
  status?: number
  /** The provider's own error code, e.g. `21211` or `'131047'`. */
  providerCode?: string | number
  /** The provider's request id (`x-request-id`, `fbtrace_id`, …). */
  requestId?: string
  /** True when the request cannot have been accepted and may be retried safely. */
  retryable?: boolean
  /** Delay the provider asked for, in milliseconds. */
  retryAfterMs?: number
  /**
   * The driver's opinion that another channel may succeed where this one failed (a recipient not
   * reachable here, an account out of credit). Informational: the client fails over after any
   * failure that is neither ambiguous nor listed in `noFailoverOn` (auth and validation errors by
   * default), whatever this says.
   */
  failover?: boolean
  /**
   * True when the provider may have accepted the message despite the error (502/504, a reset
   * after the request left, an unreadable success body). Such failures are not retried unless the
   * driver's idempotency is native. Defaults to true for HTTP 502 and 504.
   */
  ambiguous?: boolean
  /**
   * The underlying failure (a low-level network error, the error of an earlier part), kept as the
   * error's `cause`. Pass only secret-free errors: the built-in drivers pass a scrubbed copy.
   */
  cause?: unknown
}

/**
 * A provider answered with an error (or could not be reached). Drivers throw it (or a subclass)
 * from `doSend`; the client reads `retryable`, `retryAfterMs` and `ambiguous` to decide whether to
 * retry, and the error's `code` (see `noFailoverOn`) to decide whether to fail over.
 *
 * @example
 * ```ts
 * // in a driver's doSend, after a non-2xx answer:
 * throw new ProviderError(`acme: ${body.error} (${body.code})`, {
 *   driver: 'acme-sms',
 *   status: res.status,
 *   providerCode: body.code,
 *   retryable: res.status === 503,
 * })
 * ```
 */
export class ProviderError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'PROVIDER_ERROR'
  /** Id of the driver that failed, e.g. `'twilio'` (`DriverV1.id`). */
  readonly driver: string
  /** HTTP status of the provider's answer; `undefined` when there was none (network failure, timeout). */
  readonly status: number | undefined
  /** The provider's own error code, e.g. Twilio `21211` or Vonage `'1170'`, when the answer carried one. */
  readonly providerCode: string | number | undefined
  /** The provider's request id to quote to its support (`twilio-request-id`, Meta `fbtrace_id` …), when given. */
  readonly requestId: string | undefined
  /**
   * True when the request cannot have been accepted, so the client may send it again on the same
   * channel (with the same idempotency key), up to `retry.limit` times. Default `false`.
   */
  readonly retryable: boolean
  /**
   * Delay the provider asked for before a retry, in ms (`Retry-After`, Telegram `retry_after`). The
   * client waits exactly this long; a delay over `retry.maxRetryAfterMs` is not waited for.
   * `undefined` when the provider gave none (the client then backs off exponentially).
   */
  readonly retryAfterMs: number | undefined
  /**
   * A hint that another channel may succeed where this one failed (`RecipientError` sets it). The
   * client itself decides by `code`: it fails over after any error that is neither ambiguous nor
   * listed in `noFailoverOn`. Default `false`.
   */
  readonly failover: boolean
  /**
   * True when the provider may have accepted the message despite the error (HTTP 502/504, a reset
   * after the request left, an unreadable success body). Unless the driver's idempotency is
   * native, the client neither retries it nor (by default) fails over, and rejects with
   * {@link DeliveryUnknownError}. Default: `true` for HTTP 502 and 504, else `false`.
   */
  readonly ambiguous: boolean

  /**
   * @param message - A secret-free sentence, prefixed with the driver id by convention (`'twilio: …'`).
   * @param init - What the provider said; unset flags take their defaults.
   * @param code - The error code; subclasses pass their own.
   */
  constructor(message: string, init: ProviderErrorInit, code: ErrorCode = 'PROVIDER_ERROR') {
    super(message, { code, cause: init.cause })
    this.driver = init.driver
    this.status = init.status
    this.providerCode = init.providerCode
    this.requestId = init.requestId
    this.retryable = init.retryable ?? false
    this.retryAfterMs = init.retryAfterMs
    this.failover = init.failover ?? false
    this.ambiguous = init.ambiguous ?? (init.status === 502 || init.status === 504)
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      driver: this.driver,
      status: this.status,
      providerCode: this.providerCode,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      failover: this.failover,
      ambiguous: this.ambiguous,
    }
  }
}

/**
 * The provider throttled us (HTTP 429, Telegram flood control, WhatsApp 130429 …). Retryable by
 * default: the client waits `retryAfterMs` (or backs off) and tries again.
 *
 * @example
 * ```ts
 * throw new RateLimitError('acme: too many requests', { driver: 'acme-sms', status: 429, retryAfterMs: 2_000 })
 * ```
 */
export class RateLimitError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'RATE_LIMIT_ERROR'
  /**
   * @param message - A secret-free sentence.
   * @param init - What the provider said; `retryable` defaults to `true`.
   */
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: true, ...init }, 'RATE_LIMIT_ERROR')
  }
}

/**
 * Credentials were refused (401/403 from the provider). Not retried, and it ends the send without
 * failover by default (`'AUTH_ERROR'` is in {@link DEFAULT_NO_FAILOVER}).
 *
 * @example
 * ```ts
 * client.on('failed', ({ error }) => {
 *   if (AuthError.isInstance(error.cause)) alertOps(`${error.cause.driver} credentials refused`)
 * })
 * ```
 */
export class AuthError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'AUTH_ERROR'
  /**
   * @param message - A secret-free sentence (never the refused credential).
   * @param init - What the provider said; `retryable` defaults to `false`.
   */
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: false, ...init }, 'AUTH_ERROR')
  }
}

/**
 * The recipient cannot be reached on this channel (not on WhatsApp, 24-hour window closed, bot blocked,
 * not a mobile number …). Another channel may succeed: the client fails over.
 *
 * @example
 * ```ts
 * throw new RecipientError('acme: not a mobile number (4711)', { driver: 'acme-sms', status: 400, providerCode: 4711 })
 * ```
 */
export class RecipientError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'RECIPIENT_ERROR'
  /**
   * @param message - A secret-free sentence naming why the recipient cannot be reached.
   * @param init - What the provider said; `retryable` defaults to `false`, `failover` to `true`.
   */
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: false, failover: true, ...init }, 'RECIPIENT_ERROR')
  }
}

/**
 * The request could not be completed at the network level. With `beforeSend: true` (DNS failure,
 * connection refused) it is retryable; otherwise the request may have reached the provider, so it
 * is ambiguous and the client reports {@link DeliveryUnknownError}.
 *
 * @example
 * ```ts
 * throw new ConnectionError('acme: network error (ECONNREFUSED), request not sent', { driver: 'acme-sms', beforeSend: true })
 * ```
 */
export class ConnectionError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'CONNECTION_ERROR'
  /** True when the request never left this process (DNS failure, connection refused): safe to retry. */
  readonly beforeSend: boolean

  /**
   * @param message - A secret-free sentence.
   * @param init - What is known; `beforeSend` (default `false`) sets the defaults of `retryable`
   * and `failover` (equal to it) and `ambiguous` (its opposite).
   * @param code - The error code; {@link TimeoutError} passes its own.
   */
  constructor(message: string, init: ProviderErrorInit & { beforeSend?: boolean }, code: ErrorCode = 'CONNECTION_ERROR') {
    super(
      message,
      { retryable: init.beforeSend ?? false, failover: init.beforeSend ?? false, ambiguous: !(init.beforeSend ?? false), ...init },
      code,
    )
    this.beforeSend = init.beforeSend ?? false
  }
}

/**
 * An attempt took longer than its timeout (the client's `timeout`, {@link DEFAULT_TIMEOUT_MS} by
 * default). The request may have left, so the client treats it as ambiguous.
 *
 * @example
 * ```ts
 * client.on('unknown', ({ error }) => {
 *   if (TimeoutError.isInstance(error.reason)) console.log(`no answer within ${error.reason.timeoutMs} ms`)
 * })
 * ```
 */
export class TimeoutError extends ConnectionError {
  static override readonly errorCode: ErrorCode = 'TIMEOUT_ERROR'
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number

  /**
   * @param message - A secret-free sentence.
   * @param init - What is known, with the `timeoutMs` that expired; `beforeSend` defaults to `false`.
   */
  constructor(message: string, init: ProviderErrorInit & { timeoutMs: number; beforeSend?: boolean }) {
    super(message, init, 'TIMEOUT_ERROR')
    this.timeoutMs = init.timeoutMs
  }
}

/**
 * The provider may or may not have accepted the message (timeout after the request left, connection
 * reset mid-response, 502/504, an unreadable success body). It is not retried, and by default not
 * failed over, because either would risk a duplicate. Check the provider's logs or status webhooks
 * for `idempotencyKey` before resending.
 *
 * @example
 * ```ts
 * try { await client.send(req) } catch (e) {
 *   if (DeliveryUnknownError.isInstance(e)) await reviewQueue.add({ key: e.idempotencyKey, channel: e.channel })
 *   else throw e
 * }
 * ```
 */
export class DeliveryUnknownError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'DELIVERY_UNKNOWN_ERROR'
  /** The key that identifies this send in events, errors and (where supported) at the provider. */
  readonly idempotencyKey: string
  /** Channel of the ambiguous attempt, by the name it has on the client, e.g. `'whatsapp'`. */
  readonly channel: string
  /** Id of the driver of the ambiguous attempt, e.g. `'twilio'`. */
  readonly driver: string
  /** The underlying failure (a {@link TimeoutError}, a 502 `ProviderError` …); also the `cause`. */
  readonly reason: AnychannelError | undefined
  /** Attempts made for this send, the ambiguous one last. */
  readonly attempts: readonly SendAttempt[]

  /** @param init - The send's key, where the ambiguous attempt went, why, and every attempt. */
  constructor(init: {
    idempotencyKey: string
    channel: string
    driver: string
    reason?: AnychannelError
    attempts: readonly SendAttempt[]
  }) {
    super(
      `delivery unknown on ${init.channel} (${init.driver}): ${init.reason?.message ?? 'no usable response'}; ` +
        `idempotency key ${init.idempotencyKey}. Not retried to avoid a duplicate.`,
      { code: 'DELIVERY_UNKNOWN_ERROR', cause: init.reason },
    )
    this.idempotencyKey = init.idempotencyKey
    this.channel = init.channel
    this.driver = init.driver
    this.reason = init.reason
    this.attempts = init.attempts
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      idempotencyKey: this.idempotencyKey,
      channel: this.channel,
      driver: this.driver,
      reason: this.reason?.toJSON(),
      attempts: this.attempts.map(attemptToJSON),
    }
  }
}

/** One try of one channel during a `send()`. */
export interface SendAttempt {
  /** The channel name as configured on the client (e.g. `'whatsapp'`). */
  channel: string
  /** The driver id (e.g. `'twilio'`). */
  driver: string
  /** 1 for the first try on this channel, 2 for its first retry, … */
  attempt: number
  /** When the attempt started (epoch ms). */
  startedAt: number
  /** How long it took, in milliseconds. */
  durationMs: number
  /**
   * The outcome: `sent` (accepted), `failed` (refused, or aborted), `unknown` (ambiguous: see
   * {@link DeliveryUnknownError}), `skipped` (not tried: no address on this channel, opted out,
   * lossy under `strict`, nothing to send; `attempt` is 0 and `error` says why).
   */
  outcome: 'sent' | 'failed' | 'unknown' | 'skipped'
  /** Why: set for `failed` (except an abort), `unknown` and `skipped` attempts. */
  error?: AnychannelError
  /** The provider's ids, when it was accepted. */
  providerMessageIds?: string[]
}

function attemptToJSON(a: SendAttempt): Record<string, unknown> {
  return { ...a, error: a.error?.toJSON() }
}

/**
 * Every channel failed (or one failed in a way that ends the send: an `AUTH_ERROR`, a part of a
 * multi-message render after earlier parts were accepted, `totalTimeout`). `attempts` holds each
 * try with its error; the `cause` is the last attempt's error.
 *
 * @example
 * ```ts
 * try { await client.send(req) } catch (e) {
 *   if (SendError.isInstance(e)) for (const a of e.attempts) console.log(a.channel, a.outcome, a.error?.code)
 * }
 * ```
 */
export class SendError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'SEND_ERROR'
  /** The send's idempotency key (the `SendResult.id` it would have had). */
  readonly idempotencyKey: string
  /** Every attempt of the send, skipped channels included, in order. */
  readonly attempts: readonly SendAttempt[]

  /**
   * @param init - The send's key and attempts; `message` replaces the default summary of every
   * attempt.
   */
  constructor(init: { idempotencyKey: string; attempts: readonly SendAttempt[]; message?: string }) {
    const summary = init.attempts
      .map((a) => `${a.channel}#${a.attempt}: ${a.error ? `${a.error.code} ${a.error.message}` : a.outcome}`)
      .join('; ')
    super(init.message ?? `send failed on every channel (${summary || 'no channel tried'})`, {
      code: 'SEND_ERROR',
      cause: init.attempts.at(-1)?.error,
    })
    this.idempotencyKey = init.idempotencyKey
    this.attempts = init.attempts
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), idempotencyKey: this.idempotencyKey, attempts: this.attempts.map(attemptToJSON) }
  }
}

/**
 * The recipient opted out of this channel (replied STOP). `client.send()` skips such a channel
 * before any provider call and fails over; it throws this error when no channel could be tried
 * and at least one was refused for that reason. Override with `ignoreOptOut: true` where the law
 * allows.
 *
 * @example
 * ```ts
 * try { await client.send({ to, message }) } catch (e) {
 *   if (ConsentError.isInstance(e)) await markUnsubscribed(e.recipient, e.channel)
 * }
 * ```
 */
export class ConsentError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'CONSENT_ERROR'
  /** The channel the recipient opted out of, by its name on the client, e.g. `'sms'`. */
  readonly channel: string
  /** The recipient's address on that channel (E.164 for phone channels), as the opt-out was recorded. */
  readonly recipient: string

  /** @param init - The channel name and the opted-out address. */
  constructor(init: { channel: string; recipient: string }) {
    super(`recipient opted out of ${init.channel}; not sent (ignoreOptOut: true overrides)`, { code: 'CONSENT_ERROR' })
    this.channel = init.channel
    this.recipient = init.recipient
  }
}

/**
 * A webhook request failed signature or token verification, or its body could not be read.
 * `client.handleWebhook()` does not throw it: it answers 401 (400 for an unreadable body) and emits
 * it in a `webhook-error` event.
 *
 * @example
 * ```ts
 * client.on('webhook-error', ({ channel, error }) => {
 *   if (WebhookVerificationError.isInstance(error)) log.warn(`forged or misrouted ${error.provider} webhook on ${channel}: ${error.reason}`)
 * })
 * ```
 */
export class WebhookVerificationError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'WEBHOOK_VERIFICATION_ERROR'
  /** Id of the driver whose check failed, e.g. `'whatsapp'`. */
  readonly provider: string
  /** Why, e.g. `'signature or token missing or wrong'` or `'unreadable body: …'`. */
  readonly reason: string

  /** @param init - The driver id and the reason. */
  constructor(init: { provider: string; reason: string }) {
    super(`webhook verification failed for ${init.provider}: ${init.reason}`, { code: 'WEBHOOK_VERIFICATION_ERROR' })
    this.provider = init.provider
    this.reason = init.reason
  }
}

/**
 * Creates the standard `AbortError` a caller's abort surfaces as (a `DOMException` named
 * `AbortError`). An `Error` named `AbortError` passed as `reason` is returned as it is; a string
 * reason becomes the message.
 *
 * @example
 * ```ts
 * // in a driver that waits on something other than fetch:
 * if (signal.aborted) throw abortError(signal.reason)
 * ```
 */
export function abortError(reason?: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason
  return new DOMException(typeof reason === 'string' ? reason : 'This operation was aborted', 'AbortError')
}

/**
 * True for the standard `AbortError` (from `AbortController.abort()` or fetch): any object whose
 * `name` is `'AbortError'`.
 *
 * @example
 * ```ts
 * try { await client.send({ ...req, signal: controller.signal }) } catch (e) {
 *   if (isAbortError(e)) return // cancelled by the caller, not a delivery failure
 *   throw e
 * }
 * ```
 */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError'
}
