import {
  AnychannelError,
  AuthError,
  ProviderError,
  RecipientError,
  TimeoutError,
  ValidationError,
  abortError,
} from '../errors.js'

/** Retry defaults, as in openai-node: 2 retries, 0.5 s doubling to 8 s, up to 25 % off. */
export const DEFAULT_RETRY = {
  /** Retries after the first attempt, per channel. */
  limit: 2,
  /** First computed backoff delay, in ms. */
  initialDelayMs: 500,
  /** Largest computed backoff delay, in ms. */
  maxDelayMs: 8_000,
  /** Fraction taken off a computed delay at random (never off a server-given delay). */
  jitter: 0.25,
  /** A provider asking for a longer wait than this (in ms) is not retried (the channel fails instead). */
  maxRetryAfterMs: 60_000,
} as const

/** Per-attempt timeout of the client, in ms (`ClientOptions.timeout`). */
export const DEFAULT_TIMEOUT_MS = 10_000

/** Error codes that end a send instead of failing over: they would fail the same way on any channel. */
export const DEFAULT_NO_FAILOVER: readonly string[] = ['AUTH_ERROR', 'VALIDATION_ERROR']

/**
 * Retry settings of a client. Only failures that cannot have been accepted are retried (or any
 * failure but an auth, validation or recipient error when the driver's idempotency is native).
 */
export interface RetryOptions {
  /** Retries after the first attempt, per channel and per rendered message; `0` disables retries. @defaultValue {@link DEFAULT_RETRY}.limit (2) */
  limit?: number
  /**
   * Backoff before the first retry when the provider gave no delay, in ms; it doubles for each
   * further retry, up to `maxDelayMs`.
   * @defaultValue {@link DEFAULT_RETRY}.initialDelayMs (500)
   */
  initialDelayMs?: number
  /** Largest computed backoff, in ms. @defaultValue {@link DEFAULT_RETRY}.maxDelayMs (8000) */
  maxDelayMs?: number
  /**
   * Fraction (0–1) of a computed backoff taken off at random, so many clients do not retry in
   * step; never applied to a delay the provider asked for.
   * @defaultValue {@link DEFAULT_RETRY}.jitter (0.25)
   */
  jitter?: number
  /**
   * Longest provider-requested delay (`Retry-After`) the client waits for, in ms; a longer one is
   * not waited for and the channel fails over instead.
   * @defaultValue {@link DEFAULT_RETRY}.maxRetryAfterMs (60000)
   */
  maxRetryAfterMs?: number
}

/** The computed delay before retry number `retry` (1-based), jittered. */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random: () => number = Math.random): number {
  const base = Math.min(options.initialDelayMs * 2 ** (retry - 1), options.maxDelayMs)
  return Math.round(base * (1 - random() * options.jitter))
}

/** Waits `ms`, or rejects with the standard AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(abortError(signal.reason)) : Promise.resolve()
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal.reason))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal?.reason))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** What the client does after a failed attempt. */
export type Verdict =
  | { action: 'retry'; delayMs: number; reason: string; serverDelay: boolean }
  | { action: 'failover'; reason: string }
  | { action: 'unknown'; reason: string }
  | { action: 'stop'; reason: string }

/** Options that shape the verdict. */
export interface VerdictOptions {
  retry: Required<RetryOptions>
  /** Retries already made on this channel. */
  retries: number
  idempotency: 'native' | 'none'
  /** Fail over after an ambiguous failure (risks a duplicate). */
  failoverOnUnknown: boolean
  /** Error codes that do not fail over (they would fail the same way on any channel). */
  noFailover: ReadonlySet<string>
  random?: () => number
}

/** Wraps whatever a driver threw into an anychannel error (a plain Error from a driver bug is ambiguous: it may have sent). */
export function toAnychannelError(err: unknown, driver: string): AnychannelError {
  if (AnychannelError.isInstance(err)) return err
  const message = err instanceof Error ? err.message : String(err)
  return new ProviderError(`driver ${driver} failed: ${message}`, { driver, ambiguous: true, cause: err })
}

/**
 * Decides what follows a failed attempt. Retry only what cannot have been accepted (or anything
 * when the provider de-duplicates on our key); an ambiguous failure is reported, not repeated.
 */
export function verdict(err: AnychannelError, o: VerdictOptions): Verdict {
  const provider = ProviderError.isInstance(err) ? err : undefined
  const canRetry = o.retries < o.retry.limit
  const ambiguous = provider?.ambiguous ?? false
  const hardStop = AuthError.isInstance(err) || ValidationError.isInstance(err)
  // With native idempotency a repeat cannot duplicate, so anything that may be transient is worth
  // another try; a 4xx (other than 429) is the provider refusing this request, and would be refused
  // again.
  const deterministic = provider?.status !== undefined && provider.status >= 400 && provider.status < 500 && provider.status !== 429 && !provider.ambiguous
  const safe = provider?.retryable === true || (o.idempotency === 'native' && !hardStop && !RecipientError.isInstance(err) && !deterministic)
  if (canRetry && safe && provider) {
    const server = provider.retryAfterMs
    if (server !== undefined) {
      if (server <= o.retry.maxRetryAfterMs)
        return { action: 'retry', delayMs: server, reason: err.message, serverDelay: true }
    } else {
      return { action: 'retry', delayMs: backoffDelay(o.retries + 1, o.retry, o.random), reason: err.message, serverDelay: false }
    }
  }
  // Still ambiguous when we stop retrying: the provider may hold the message. Another channel could
  // deliver it a second time, so this is reported, not failed over (unless asked to).
  if (ambiguous) {
    return o.failoverOnUnknown ? { action: 'failover', reason: `ambiguous: ${err.message}` } : { action: 'unknown', reason: err.message }
  }
  if (o.noFailover.has(err.code)) return { action: 'stop', reason: err.message }
  return { action: 'failover', reason: err.message }
}

/** A TimeoutError for an attempt the client cut off (the request may have left: ambiguous). */
export function attemptTimeout(driver: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(`no answer from ${driver} within ${timeoutMs} ms`, { driver, timeoutMs, beforeSend: false })
}
