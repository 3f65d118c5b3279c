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

  /** True when `value` is an anychannel error of this class (or a subclass), across package copies. */
  static isInstance<T>(this: { readonly errorCode: ErrorCode; readonly prototype: T }, value: unknown): value is T {
    return hasBrand(value, this.errorCode)
  }

  /** A plain, secret-free representation for logs. */
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

/** Formats a path as `cards[3].title`. */
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

/** One lossy step that `strict` rendering refused. Same shape as a render report entry. */
export interface DegradationLoss {
  path: string
  from: string
  to: string
  lossy: boolean
  detail: string
}

/** `render(…, { strict: true })` met a step that would lose content; `losses` lists every one. */
export class DegradationError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'DEGRADATION_ERROR'
  /** The channel the message was rendered for. */
  readonly channel: string
  /** Every lossy step, in order. */
  readonly losses: readonly DegradationLoss[]

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
  /** True when another channel may succeed where this one failed. */
  failover?: boolean
  /**
   * True when the provider may have accepted the message despite the error (502/504, a reset
   * after the request left, an unreadable success body). Such failures are not retried unless the
   * driver's idempotency is native. Defaults to true for HTTP 502 and 504.
   */
  ambiguous?: boolean
  cause?: unknown
}

/**
 * A provider answered with an error (or could not be reached).
 * `retryable` says whether the client may retry; `failover` whether another channel may help.
 */
export class ProviderError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'PROVIDER_ERROR'
  readonly driver: string
  readonly status: number | undefined
  readonly providerCode: string | number | undefined
  readonly requestId: string | undefined
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined
  readonly failover: boolean
  readonly ambiguous: boolean

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

/** The provider throttled us (HTTP 429, Telegram flood control, WhatsApp 130429 …). Retryable. */
export class RateLimitError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'RATE_LIMIT_ERROR'
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: true, ...init }, 'RATE_LIMIT_ERROR')
  }
}

/** Credentials were refused (401/403 from the provider). Not retried, no failover by default. */
export class AuthError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'AUTH_ERROR'
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: false, ...init }, 'AUTH_ERROR')
  }
}

/**
 * The recipient cannot be reached on this channel (not on WhatsApp, 24-hour window closed, bot blocked,
 * not a mobile number …). Another channel may succeed: the client fails over.
 */
export class RecipientError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'RECIPIENT_ERROR'
  constructor(message: string, init: ProviderErrorInit) {
    super(message, { retryable: false, failover: true, ...init }, 'RECIPIENT_ERROR')
  }
}

/** The request could not be completed at the network level. */
export class ConnectionError extends ProviderError {
  static override readonly errorCode: ErrorCode = 'CONNECTION_ERROR'
  /** True when the request never left this process (DNS failure, connection refused): safe to retry. */
  readonly beforeSend: boolean

  constructor(message: string, init: ProviderErrorInit & { beforeSend?: boolean }, code: ErrorCode = 'CONNECTION_ERROR') {
    super(
      message,
      { retryable: init.beforeSend ?? false, failover: init.beforeSend ?? false, ambiguous: !(init.beforeSend ?? false), ...init },
      code,
    )
    this.beforeSend = init.beforeSend ?? false
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends ConnectionError {
  static override readonly errorCode: ErrorCode = 'TIMEOUT_ERROR'
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number

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
 */
export class DeliveryUnknownError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'DELIVERY_UNKNOWN_ERROR'
  /** The key that identifies this send in events, errors and (where supported) at the provider. */
  readonly idempotencyKey: string
  /** Channel of the ambiguous attempt. */
  readonly channel: string
  /** Driver of the ambiguous attempt. */
  readonly driver: string
  /** The underlying failure. */
  readonly reason: AnychannelError | undefined
  /** Attempts made for this send, the ambiguous one last. */
  readonly attempts: readonly SendAttempt[]

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
  /** The outcome. */
  outcome: 'sent' | 'failed' | 'unknown' | 'skipped'
  /** The error, when it failed. */
  error?: AnychannelError
  /** The provider's ids, when it was accepted. */
  providerMessageIds?: string[]
}

function attemptToJSON(a: SendAttempt): Record<string, unknown> {
  return { ...a, error: a.error?.toJSON() }
}

/** Every channel failed. `attempts` holds each try with its error. */
export class SendError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'SEND_ERROR'
  readonly idempotencyKey: string
  readonly attempts: readonly SendAttempt[]

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

/** The recipient opted out of this channel (replied STOP). Override with `ignoreOptOut: true` where the law allows. */
export class ConsentError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'CONSENT_ERROR'
  readonly channel: string
  readonly recipient: string

  constructor(init: { channel: string; recipient: string }) {
    super(`recipient opted out of ${init.channel}; not sent (ignoreOptOut: true overrides)`, { code: 'CONSENT_ERROR' })
    this.channel = init.channel
    this.recipient = init.recipient
  }
}

/** A webhook request failed signature or token verification. */
export class WebhookVerificationError extends AnychannelError {
  static override readonly errorCode: ErrorCode = 'WEBHOOK_VERIFICATION_ERROR'
  readonly provider: string
  readonly reason: string

  constructor(init: { provider: string; reason: string }) {
    super(`webhook verification failed for ${init.provider}: ${init.reason}`, { code: 'WEBHOOK_VERIFICATION_ERROR' })
    this.provider = init.provider
    this.reason = init.reason
  }
}

/** Creates the standard `AbortError` a caller's abort surfaces as (a `DOMException` named `AbortError`). */
export function abortError(reason?: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason
  return new DOMException(typeof reason === 'string' ? reason : 'This operation was aborted', 'AbortError')
}

/** True for the standard `AbortError` (from `AbortController.abort()` or fetch). */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError'
}
