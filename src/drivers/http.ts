/**
 * The one HTTP attempt every provider driver makes, with the platform `fetch` (or the one the
 * driver was given). The client owns retries and timeouts. This used ky with its retry, timeout and
 * error throwing switched off, but ky then adds nothing we use and its per-request `Request` clone
 * and signal merging cost about 110 µs on Node 20: 0.50–0.62× the throughput of a bare `fetch()`
 * of the same request at concurrency 50, against 0.77–0.89× without it (bench/drivers.ts). Network failures become `ConnectionError`s that say whether the request
 * can have left; nothing here ever includes a credential in an error.
 *
 * @module
 */
import { ConnectionError, ProviderError, type ProviderErrorInit } from '../errors.js'

/** `fetch` as drivers accept it (a test server, a proxy-aware fetch, …). */
export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>

/** One request. */
export interface HttpRequest {
  url: string
  /** Sent with `Accept: application/json`, which every provider answers in. */
  headers?: Record<string, string>
  /** A JSON body (sets Content-Type). */
  json?: unknown
  /** A form body (application/x-www-form-urlencoded). */
  form?: URLSearchParams
  signal: AbortSignal
}

/** What came back. */
export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /** The parsed body when it is JSON; `undefined` otherwise. */
  json: unknown
}

/** Per-driver HTTP settings. */
export interface HttpContext {
  /** Driver id, for errors. */
  driver: string
  fetch?: FetchLike
  /** Credentials to scrub from anything that ends up in an error. */
  secrets: readonly string[]
}

// Failures that happen before a single byte of the request is on the wire: the provider cannot
// have received it, so a retry cannot duplicate anything (undici / Node error codes).
const BEFORE_SEND = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL'])

/** Replaces every configured secret (and its URL-encoded form) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) {
    if (!s || s.length < 4) continue
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]')
  }
  return out
}

function errorCode(err: unknown): string | undefined {
  let cur: unknown = err
  for (let depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

/** A secret-free stand-in for a low-level error, kept as `cause`. */
function scrubbed(err: unknown, secrets: readonly string[]): Error {
  const e = new Error(redact(err instanceof Error ? err.message : String(err), secrets))
  e.name = err instanceof Error ? err.name : 'Error'
  const code = errorCode(err)
  if (code) (e as Error & { code?: string }).code = code
  return e
}

/**
 * Makes exactly one HTTP POST. Resolves with any HTTP status (the driver maps errors); rejects
 * with `ConnectionError` on a network failure, or with the abort reason when `signal` aborts.
 */
export async function httpRequest(ctx: HttpContext, req: HttpRequest): Promise<HttpResponse> {
  let res: Response
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
    let body: BodyInit | undefined
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(req.json)
    } else if (req.form) body = req.form
    res = await (ctx.fetch ?? fetch)(req.url, { method: 'POST', headers, ...(body !== undefined ? { body } : {}), signal: req.signal })
  } catch (err) {
    if (req.signal.aborted) throw req.signal.reason ?? err
    const code = errorCode(err)
    const beforeSend = code !== undefined && BEFORE_SEND.has(code)
    throw new ConnectionError(
      `${ctx.driver}: network error${code ? ` (${code})` : ''}${beforeSend ? ', request not sent' : ', the request may have reached the provider'}`,
      { driver: ctx.driver, beforeSend, cause: scrubbed(err, ctx.secrets) },
    )
  }
  let text: string
  try {
    text = await res.text()
  } catch (err) {
    if (req.signal.aborted) throw req.signal.reason ?? err
    // The connection broke while the answer was arriving: the provider did get the request.
    throw new ConnectionError(`${ctx.driver}: connection lost while reading the response (HTTP ${res.status})`, {
      driver: ctx.driver,
      status: res.status,
      beforeSend: false,
      cause: scrubbed(err, ctx.secrets),
    })
  }
  let json: unknown
  if (text && /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  return { status: res.status, headers: res.headers, text, json }
}

/**
 * Delay a response asks for, in ms: `retry-after-ms`, or `Retry-After` as seconds or an HTTP date.
 * `undefined` when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms))
  const value = headers.get('retry-after')
  if (value === null) return undefined
  const v = value.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const date = Date.parse(v)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * A success status with a body the driver cannot read: the provider probably accepted the message,
 * but we cannot know its id. Ambiguous: never retried blindly.
 */
export function unreadableSuccess(ctx: HttpContext, res: HttpResponse): ProviderError {
  return new ProviderError(`${ctx.driver}: HTTP ${res.status} with an unreadable body; the message may have been accepted`, {
    driver: ctx.driver,
    status: res.status,
    ambiguous: true,
  })
}

/** `{ retryAfterMs }` when the provider asked for a delay, else nothing to spread. */
export function withRetryAfter(ms: number | undefined): { retryAfterMs?: number } {
  return ms !== undefined ? { retryAfterMs: ms } : {}
}

/** The fields every error a driver maps from a response carries. */
export interface ErrorInit {
  driver: string
  status: number
  providerCode?: string | number
  requestId?: string
}

/** {@link ErrorInit} of a response: the provider's code and request id when it gave them. */
export function errorInit(ctx: HttpContext, res: HttpResponse, providerCode?: string | number, requestId?: string): ErrorInit {
  return { driver: ctx.driver, status: res.status, ...(providerCode !== undefined ? { providerCode } : {}), ...(requestId ? { requestId } : {}) }
}

/** The generic mapping of an HTTP status, used after a driver's own provider-code table. */
export function statusDefaults(status: number, retryAfter: number | undefined): Pick<ProviderErrorInit, 'retryable' | 'ambiguous' | 'retryAfterMs'> {
  if (status === 429) return { retryable: true, ...withRetryAfter(retryAfter) }
  // 503 with Retry-After means "not processed, come back later"; without it we cannot tell.
  if (status === 503 && retryAfter !== undefined) return { retryable: true, retryAfterMs: retryAfter }
  if (status === 502 || status === 504) return { ambiguous: true }
  return {}
}
