import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError } from '../../errors.js'
import { type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from '../http.js'

// RBM answers with the standard Google error body {error: {code, message, status, details?}}
// (https://cloud.google.com/apis/design/errors); `status` is the google.rpc.Code name.

/** The Google error of a response body, when it has one. */
export interface GoogleApiError {
  code?: number
  message?: string
  status?: string
  details?: Array<Record<string, unknown>>
}

/** Reads `{ error: { … } }` from a response, or `undefined` when the body is not a Google error. */
export function googleError(res: HttpResponse): GoogleApiError | undefined {
  const e = (res.json as { error?: unknown } | undefined)?.error
  return typeof e === 'object' && e !== null && !Array.isArray(e) ? (e as GoogleApiError) : undefined
}

/** `google.rpc.RetryInfo.retryDelay` (a duration such as `"30s"` or `"1.5s"`) in ms. */
function retryInfoMs(details: GoogleApiError['details']): number | undefined {
  for (const d of Array.isArray(details) ? details : []) {
    if (typeof d?.['@type'] !== 'string' || !d['@type'].endsWith('google.rpc.RetryInfo')) continue
    const delay = d.retryDelay
    const m = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null
    if (m) return Math.round(Number(m[1]) * 1000)
  }
  return undefined
}

function requestInfoId(details: GoogleApiError['details']): string | undefined {
  for (const d of Array.isArray(details) ? details : []) {
    if (typeof d?.['@type'] === 'string' && d['@type'].endsWith('google.rpc.RequestInfo') && typeof d.requestId === 'string') return d.requestId
  }
  return undefined
}

/**
 * Maps an RBM error response to an anychannel error.
 *
 * RBM de-duplicates on our `messageId`, so the driver declares native idempotency and the client
 * retries every `ProviderError` that is not an `AuthError` or a `RecipientError`. A 400 is never
 * worth a retry (google.rpc.Code: INVALID_ARGUMENT, FAILED_PRECONDITION and OUT_OF_RANGE all say the
 * request will fail the same way) and RBM also answers 400 INVALID_ARGUMENT to a message using
 * features the user's device does not support, so a 400 is a `RecipientError`: not retried, and the
 * client fails over to a channel whose rendering may fit.
 */
export function rbmError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  const e = googleError(res) ?? {}
  const status = typeof e.status === 'string' && e.status ? e.status : undefined
  const text = typeof e.message === 'string' && e.message ? e.message : `HTTP ${res.status}`
  const retryAfter = retryAfterMs(res.headers) ?? retryInfoMs(e.details)
  const requestId = requestInfoId(e.details)
  const init = errorInit(ctx, res, status, requestId)
  const message = redact(`rbm: ${text}${status ? ` (${status})` : ''}`, ctx.secrets)
  const withDelay = withRetryAfter(retryAfter)

  // 404 NOT_FOUND: the number is not RCS-capable, not reachable, on a carrier the agent is not
  // launched on, or (before launch) not a confirmed tester. RBM's own advice: fall back to SMS.
  if (res.status === 404 || status === 'NOT_FOUND')
    return new RecipientError(`${message}: the number cannot be reached on RCS by this agent (not RCS-enabled, carrier not launched, or not a tester)`, init)
  if (res.status === 400)
    return new RecipientError(`${message}: RBM refused the message (invalid, or using a feature the user's device does not support); not retried`, init)
  if (res.status === 401 || res.status === 403 || status === 'UNAUTHENTICATED' || status === 'PERMISSION_DENIED') return new AuthError(message, init)
  if (res.status === 429 || status === 'RESOURCE_EXHAUSTED') return new RateLimitError(message, { ...init, ...withDelay })
  // UNAVAILABLE: Google's "transient condition, retry with backoff"; ABORTED (409): a concurrency
  // conflict, retry. Neither processed the message.
  if ((res.status === 503 || status === 'UNAVAILABLE' || status === 'ABORTED') && res.status !== 502 && res.status !== 504)
    return new ProviderError(message, { ...init, retryable: true, ...withDelay })
  return new ProviderError(message, { ...init, ...statusDefaults(res.status, retryAfter) })
}
